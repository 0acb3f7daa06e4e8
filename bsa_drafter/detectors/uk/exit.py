"""Exit and notice in Ukrainian: «кожен з Учасників може припинити дію цієї Угоди», «дія цієї
Угоди може бути припинена будь-яким Учасником», «припинення набирає чинності через шість (6)
місяців після отримання повідомлення», and the soft exit «поінформують один одного про намір
припинити дію Угоди».

Gender helps: a passive «може бути припинена / припинено» agrees with the agreement or its
«дія», while «можуть бути припинені» is said of arrangements or contracts under it.
"""

from __future__ import annotations

import re

from bsa_drafter.detectors.base import ParagraphScan, Sentence, has_any
from bsa_drafter.detectors.en.exit import ExitDetector
from bsa_drafter.detectors.text import Pattern, rx
from bsa_drafter.detectors.uk._words import (
    AGREEMENT,
    AGREEMENT_OR_IT,
    COMPOUND,
    EXTENSION,
    NUMBER,
    SIDE,
    W,
    compound_number,
    parse_number,
)

# ending the agreement: the infinitive after «може», «має право», «намір»
_END = (
    r"(?:припин(?:ити|яти)|денонсувати|вий(?:ти|де|дуть)\s+(?:з|із)|виходити\s+(?:з|із)|покласти\s+край|розірвати"
    r"|скасувати)"
)
# what is ended: the agreement, its «дія» (operation), its application, or one's share in it
_WHAT = (
    r"(?:(?:дію|дії|чинність|виконання|застосування|(?:свою\s+)?участь\s+(?:у|в)"
    r"|(?:співпрацю|співробітництво)\s+(?:за|у\s+рамках|в\s+рамках))\s+)?"
)
_RIGHT = (
    r"(?:\b(?:може|можуть|зможе|зможуть|вправі)|\b(?:має|мають|матиме|матимуть)\s+(?:право|змогу)"
    r"|\b(?:зберігає|залишає|зберігають|залишають)\s+за\s+собою\s+право|\bнаділен\w*\s+правом)"
)
EXIT_ACTIVE = rx(
    rf"{_RIGHT}\s+(?:{W}){{0,5}}?{_END}\s+{_WHAT}{AGREEMENT_OR_IT}"
    # «якщо Учасник бажає припинити дію цієї Угоди, він може це зробити»
    rf"|\b(?:бажа\w*|ма\w*\s+намір|виріш\w*)\s+{_END}\s+{_WHAT}{AGREEMENT_OR_IT},?\s+(?:він|вона|вони|такий\s+\w+)\s+"
    rf"{_RIGHT}\s+(?:це\s+зробити|зробити\s+це)"
)
_PASSIVE_END = r"(?:припинен|денонсован|скасован|розірван)(?:а|о|ий)\b|покладено\s+край"
EXIT_PASSIVE = rx(
    rf"(?:(?:дія|дію|дії|чинність)\s+)?{AGREEMENT_OR_IT}\s+(?:{W}){{0,3}}?(?:може|можуть)\s+(?:{W}){{0,3}}?бути\s+"
    rf"(?:{W}){{0,2}}?(?:{_PASSIVE_END})"
)
EXIT_RIGHT = rx(
    rf"\bправ\w*\s+(?:{W}){{0,3}}?на\s+(?:припинення|денонсацію|вихід\s+(?:з|із))\s+{_WHAT}{AGREEMENT_OR_IT}"
)
# «Угода припиняє дію через шість місяців після отримання повідомлення», in any word order
_EFFECT = rx(
    rf"(?:{AGREEMENT_OR_IT}|(?:її|його)\s+дія|дія\s+{AGREEMENT})\s+(?:{W}){{0,2}}?(?:припиня\w+|припинить(?:ся)?"
    rf"|втрача\w+\s+чинність|втратить\s+чинність|перест\w+\s+діяти)"
    rf"|\b(?:припинення|денонсація|вихід)\s+(?:(?:дії|з|із)\s+)?(?:{AGREEMENT}\s+)?(?:{W}){{0,1}}?"
    r"(?:набира\w+|набува\w+|набуде|набере)\s+чинності"
)
_ON_NOTICE = rx(r"отриман|одержан|повідом|нотифікац|надісланн|направленн|вручен")
_AFTER = rx(r"\b(?:через|після|з\s+дати|з\s+дня|з\s+моменту|від\s+дати)\b")
# one side acting alone, even beside a mutual route; «будь-який час» is when, not who
_ONE_SIDE = rx(
    r"\bкож(?:ен|на|не|ного|ної|ному|ній|ним|ною)\b|\bбудь-(?:кого|хто|кому)\b|\bбудь-як\w+\b(?!\s+(?:час|момент|мить))"
    r"|\bодин\s+(?:з|із)\b|\bодн(?:а|ого|ієї|ому|ій|им|ією)\s+(?:з|із|зі)\b|односторонн|\bвий(?:ти|де|дуть)\b|\bвихід"
    r"|\bсво(?:ю|єї)\s+участ"
)
_BY_NOTICE = rx(r"будь-який\s+(?:час|момент)|повідом|нотифік")
_MUTUAL = rx(
    r"\bвзаємн\w*|\bспільн\w*|\bобопільн\w*|\bразом\b|\bобидв\w+|\bобох\b|\bза\s+(?:їхньою\s+|своєю\s+)?згодою"
    r"|\bза\s+домовленістю|\bобміну\s+нотами|\bконсенсус"
)
_PLURAL_SUBJECT = rx(rf"^(?:обидва\s+|обидві\s+)?{SIDE}\s*$|\bобидв")
_NOT_SUBJECT = rx(
    r"(?:\bпідстав\w*|\bвідповідно\s+до|\bзгідно\s+з|\bрамках|\bмежах|\bщодо|\bстосовно|\bдо|\bз|\bіз|\bдля|\bза|\bвід"
    r"|\bвиконанн\w*|\bукладен\w*|\bпередбачен\w*)\s+$"
)
EXIT_NEGATED = rx(
    rf"{AGREEMENT_OR_IT}\s+(?:{W}){{0,3}}?не\s+(?:може|можуть|буде)\s+(?:{W}){{0,2}}?бути\s+(?:{W}){{0,2}}?"
    rf"(?:{_PASSIVE_END})"
    rf"|\bне\s+може\s+бути\s+(?:{W}){{0,2}}?(?:{_PASSIVE_END})"
    rf"|\b(?:жоден|жодна|жодне|ні\s+один|ні\s+одна)\s+(?:(?:з|із|зі)\s+)?(?:{W}){{0,2}}?не\s+(?:може|можуть|вправі"
    rf"|ма\w+\s+прав[оа])\s+(?:{W}){{0,3}}?{_END}"
    rf"|\bне\s+(?:ма\w+|матим\w+)\s+наміру\s+{_END}"
)
_INFORM = r"(?:поінформ|інформ|повідом|сповіст|сповіщ|попереди|попереджа)\w*"
_INTENT = r"(?:намір\w*|рішенн\w*|бажанн\w*|план\w*)"
# what is ended must be the agreement, a share in it, or nothing named
_ENDS_IT = (
    rf"{_END}(?=\s*(?:[,.;:]|$)|\s+{_WHAT}(?:{AGREEMENT_OR_IT}|співпрацю|співробітництво|участь|(?:свою\s+)?участь))"
)
SOFT_EXIT = rx(
    rf"\b{_INFORM}\s+(?:{W}){{0,6}}?(?:про|щодо|стосовно)\s+(?:{W}){{0,3}}?{_INTENT}\s+(?:{W}){{0,1}}?{_ENDS_IT}"
    rf"|\b(?:повідомлення|нотифікаці\w+)\s+(?:про|щодо)\s+(?:{W}){{0,3}}?{_INTENT}\s+{_ENDS_IT}"
    rf"|\b(?:матиме|має|мають|матимуть|бажає|бажатиме|бажатимуть|вирішить|вирішать|планує|плануватиме)\s+(?:намір\s+)?"
    rf"{_END}\s+(?:{W}){{0,8}}?(?:він|вона|вони|такий\s+\w+|цей\s+\w+)\s+(?:{W}){{0,2}}?{_INFORM}"
    # «У разі наміру будь-якого з Учасників припинити дію цієї Угоди він письмово повідомляє ...»
    rf"|\b(?:у|в)\s+разі\s+(?:{_INTENT})\s+(?:{W}){{0,4}}?{_END}\s+(?:{W}){{0,8}}?(?:він|вона|вони|такий\s+\w+"
    rf"|цей\s+\w+)\s+(?:{W}){{0,2}}?{_INFORM}"
)
_SOFT_RIGHT = rx(
    rf"\b(?:може|можуть|ма\w+\s+право)\s+(?:{W}){{0,2}}?(?:повідомити|поінформувати"
    rf"|надіслати\s+(?:{W}){{0,2}}?повідомлення)"
)

_UNIT = (
    r"(?P<u>(?:календарн\w+\s+)?(?:місяц\w*|рок(?:и|ів|у)\b|рік\b|дн(?:і|ів|я)\b|день\b|тижн(?:і|ів|я)\b"
    r"|тиждень\b))"
)
_N = rf"(?P<n>{NUMBER})"
_BEFORE_FOR = (
    r"(?:щонайменше|принаймні|не\s+пізніше(?:\s+ніж)?|не\s+менше?\s+ніж|бажано|по\s+можливості|за\s+можливості"
    r"|заздалегідь|завчасно|повідомлення\w*|повідомивши|попередивши|письмово)"
)
# (pattern, words one of which the sentence must hold first)
_NOTICE: list[tuple[Pattern, tuple[str, ...]]] = [
    (
        rx(
            rf"\bчерез\s+{_N}\s+{_UNIT}\s+(?:після|з|від|із|по)\s+(?:{W}){{0,6}}?(?:отриманн|одержанн|повідом|надісланн"
            r"|направленн|вручен|дат|дн|момент|того|як)"
        ),
        ("через",),
    ),
    (
        rx(rf"\b(?:після|по)\s+(?:спливу|закінченн\w+|завершенн\w+)\s+{_N}\s+{_UNIT}"),
        ("спливу", "закінчен", "завершен"),
    ),
    (rx(rf"{_BEFORE_FOR}\s+(?:-\s*)?(?:{W}){{0,3}}?за\s+{_N}\s+{_UNIT}"), ("за ",)),
    (rx(rf"\bза\s+{_N}\s+{_UNIT}\s+(?:до|наперед|заздалегідь|перед)\b"), ("за ",)),
    (rx(rf"\b{COMPOUND}місячн\w*\s+(?:{W}){{0,2}}?(?:попередж|повідомл|строк|термін|період)"), ("місячн",)),
    (rx(r"(?P<halfyear>\b(?:через|за|після\s+спливу)\s+(?:пів\s*року|півроку)\b)"), ("пів",)),
    (rx(r"(?P<year>\b(?:через|за)\s+(?:один\s+)?рік\b)"), ("рік",)),
    (
        rx(
            rf"(?P<immediate>\b(?:з|від|із)\s+(?:дати|дня|моменту)\s+(?:{W}){{0,2}}?(?:отриманн|одержанн|вручен)"
            r"|\bнегайно\b|\bз\s+негайн\w+)"
        ),
        ("дати", "дня", "момент", "негайн"),
    ),
]
# a bare period, counted only in a sentence that itself gives the exit («... письмовим повідомленням за три місяці»)
_BARE_PERIOD = rx(rf"\b(?:за|через)\s+{_N}\s+{_UNIT}")
_EXTENSION = rx(
    rf"{EXTENSION}|(?:закінченн|спливу|завершенн)\w*\s+(?:{W}){{0,1}}?(?:строку|терміну)"
    r"|наступн\w+\s+період"
)
_CONTRACT_END = rx(
    rf"(?:припин|розірв|скасув)\w*\s+(?:{W}){{0,3}}?(?:контракт|договор|замовлен|домовленост|проєкт|програм|постачан"
    r"|ліценз)|(?:контракт|ліценз|домовленост)\w*[^.]{0,80}(?:припинен|розірван|скасован)"
)

_ENDING_WORDS = (
    "припин",
    "денонс",
    "вийти",
    "вийде",
    "вихід",
    "виход",
    "край",
    "втрач",
    "розірв",
    "скасув",
    "перест",
)
_AGREEMENT_WORDS = ("угод", "меморандум", "декларац", "документ", "договір", "договор", "домовлен", "її", "вона")
_TIME_WORDS = (
    "місяц",
    "місяч",
    "рок",
    "рік",
    "днів",
    "дня",
    "день",
    "тиж",
    "пів року",
    "півроку",
    "дати",
    "момент",
    "негайн",
)
_NOTICE_WORDS = (
    "повідом",
    "отриман",
    "одержан",
    "через",
    "за ",
    "заздалегідь",
    "спливу",
    "дати",
    "дня",
    "негайн",
    "попередж",
)
_INTENT_WORDS = ("намір", "рішенн", "бажа", "план", "виріш")
# «вихід набирає чинності»: the exit taking effect, without the agreement named again
_TAKES_EFFECT = ("набира", "набува", "набуде", "набере")


def _months(number: str | None, unit: str) -> int | None:
    n = parse_number(number) if number else None
    if n is None:
        return None
    unit = unit.lower()
    if unit.startswith(("рок", "рік")):
        return n * 12
    if unit.startswith(("тиж",)):
        return max(1, round(n / 4.33))
    if unit.startswith(("дн", "день")):
        return max(1, round(n / 30))
    return n


def _is_subject(text: str, start: int) -> bool:
    """Whether the agreement at `start` is the subject, not «домовленості на підставі цієї Угоди»."""
    return not _NOT_SUBJECT.search(text[max(0, start - 24) : start])


class UkrainianExitDetector(ExitDetector):
    keywords = (
        "припин",
        "денонс",
        "вийти",
        "вийде",
        "вихід",
        "виход",
        "край",
        "втрач",
        "розірв",
        "скасув",
        "перест",
        "повідом",
        "отриман",
        "місяц",
        "негайн",
        "намір",
        "півроку",
        "пів року",
    )

    def scan(self, sentence: Sentence, scan: ParagraphScan) -> None:
        low = sentence.low
        exit_found = (
            has_any(low, _ENDING_WORDS)
            and (has_any(low, _AGREEMENT_WORDS) or has_any(low, _TAKES_EFFECT))
            and self._scan_exit(sentence, scan)
        )
        if not (has_any(low, _TIME_WORDS) and has_any(low, _NOTICE_WORDS)):
            return
        if exit_found or not _EXTENSION.search(sentence.text):
            self._scan_notice(sentence, scan, exit_found)
        elif "повідом" in low:
            scan.add_miss(
                "notice_months",
                sentence.miss("a notice period for extending or renewing the term, not for an exit", 0.6),
            )

    def _scan_exit(self, sentence: Sentence, scan: ParagraphScan) -> bool:
        text, low = sentence.text, sentence.low
        if has_any(low, ("не ", "жод", "ні ")) and EXIT_NEGATED.search(text):
            scan.add_miss("unilateral_exit", sentence.miss("says the agreement may not be ended by one side", 0.9))
            return False
        for pattern in (EXIT_ACTIVE, EXIT_RIGHT, EXIT_PASSIVE):
            for match in pattern.finditer(text):
                if pattern is EXIT_PASSIVE and not _is_subject(text, match.start()):
                    continue
                if self._unilateral(text, match, pattern):
                    scan.add("unilateral_exit", sentence.signal(match.start(), match.end(), "yes", form="grant"))
                    return True
                scan.add_miss("unilateral_exit", sentence.miss("allows termination only by both sides together", 0.85))
                return False
        effect = _EFFECT.search(text)
        if effect and _ON_NOTICE.search(text) and _AFTER.search(text) and _is_subject(text, effect.start()):
            scan.add("unilateral_exit", sentence.signal(effect.start(), effect.end(), "yes", form="effect"))
            return True
        soft = SOFT_EXIT.search(text) if has_any(low, _INTENT_WORDS) else None
        if soft:
            value = "yes" if _SOFT_RIGHT.search(text) else "soft"
            scan.add("unilateral_exit", sentence.signal(soft.start(), soft.end(), value, form="inform"))
            return True
        if _CONTRACT_END.search(text):
            scan.add_miss("unilateral_exit", sentence.miss("ends a contract or a programme, not the agreement", 0.6))
        elif has_any(low, ("угод", "домовленіст")):
            scan.add_miss(
                "unilateral_exit",
                sentence.miss("speaks of ending without giving either side a way to end the agreement", 0.4),
            )
        return False

    @staticmethod
    def _unilateral(text: str, match: re.Match[str], pattern: Pattern) -> bool:
        """Whether the grant is for one side alone: one side named alone decides; otherwise mutual
        wording rules it out, and a plural subject («Учасники можуть») or a passive needs a cue of
        exit by notice or at any time."""
        if _ONE_SIDE.search(text):
            return True
        if _MUTUAL.search(text):
            return False
        if pattern is EXIT_PASSIVE or _PLURAL_SUBJECT.search(
            text[: match.start()].rstrip(" ,").rsplit(",", 1)[-1].strip()
        ):
            return bool(_BY_NOTICE.search(text))
        return True

    def _scan_notice(self, sentence: Sentence, scan: ParagraphScan, exit_here: bool = False) -> None:
        best: tuple[int, int, int] | None = None
        patterns = [*_NOTICE, (_BARE_PERIOD, ("за ", "через"))] if exit_here else _NOTICE
        for pattern, words in patterns:
            if not has_any(sentence.low, words):
                continue
            match = pattern.search(sentence.text)
            if not match:
                continue
            groups = match.groupdict()
            if groups.get("immediate"):
                months: int | None = 0
            elif groups.get("halfyear"):
                months = 6
            elif groups.get("year"):
                months = 12
            elif groups.get("c"):
                months = compound_number(groups["c"])
            else:
                months = _months(groups.get("n"), groups.get("u") or "")
            if months is not None and (best is None or match.start() < best[0]):
                best = (match.start(), match.end(), months)
        if best is not None:
            scan.add("notice_months", sentence.signal(best[0], best[1], best[2]))


DETECTOR = UkrainianExitDetector()
