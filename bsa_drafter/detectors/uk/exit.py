"""Exit and notice in Ukrainian: «кожен з Учасників може припинити дію цієї Угоди», «дія цієї
Угоди може бути припинена будь-яким Учасником», «припинення набирає чинності через шість (6)
місяців після отримання повідомлення», and the soft exit «поінформують один одного про намір
припинити дію Угоди».

Gender helps: a passive «може бути припинена / припинено» agrees with the agreement or its
«дія», while «можуть бути припинені» is said of arrangements or contracts under it.
"""

from __future__ import annotations

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


def _months(groups: dict[str, str | None]) -> int | None:
    """Months of a stated period, from a match of one of _NOTICE («шість місяців», «шестимісячний»)."""
    if groups.get("c"):
        return compound_number(groups["c"] or "")
    n = parse_number(groups["n"]) if groups.get("n") else None
    if n is None:
        return None
    unit = (groups.get("u") or "").lower()
    if unit.startswith(("рок", "рік")):
        return n * 12
    if unit.startswith(("тиж",)):
        return max(1, round(n / 4.33))
    if unit.startswith(("дн", "день")):
        return max(1, round(n / 30))
    return n


# the cheap tests before the grants and the exit taking effect: each form of a pattern holds one
_RIGHT_WORDS = ("мож", "вправі", "прав", "змог")
_EFFECT_WORDS = ("припин", "втра", "перест", "набира", "набува", "набуде", "набере")


class UkrainianExitDetector(ExitDetector):
    keywords = (*_ENDING_WORDS, "повідом", "отриман", "місяц", "негайн", "намір", "півроку", "пів року")
    ending_words, agreement_words, agreement_named = _ENDING_WORDS, _AGREEMENT_WORDS, ("угод", "домовленіст")
    negation_words, exit_negated, extension, contract_end = (
        ("не ", "жод", "ні "),
        EXIT_NEGATED,
        _EXTENSION,
        _CONTRACT_END,
    )
    grants = ((EXIT_ACTIVE, _RIGHT_WORDS), (EXIT_RIGHT, ("прав",)), (EXIT_PASSIVE, ("бути",)))
    exit_passive = EXIT_PASSIVE
    effect_words, effect, effect_names_agreement = _EFFECT_WORDS, _EFFECT, None
    effect_cues, takes_effect_words = (_ON_NOTICE, _AFTER), _TAKES_EFFECT
    intent_words, soft_exit, soft_right = _INTENT_WORDS, SOFT_EXIT, _SOFT_RIGHT
    one_side, mutual, plural_subject, by_notice = _ONE_SIDE, _MUTUAL, _PLURAL_SUBJECT, _BY_NOTICE
    not_subject, subject_reach = _NOT_SUBJECT, 24
    # «негайн» is among both the time and the notice words, so it adds no route of its own
    time_words, notice_words, immediate_word, notice_named = _TIME_WORDS, _NOTICE_WORDS, "негайн", ("повідом",)
    notice, bare_period = _NOTICE, (_BARE_PERIOD, ("за ", "через"))
    months = staticmethod(_months)


DETECTOR = UkrainianExitDetector()
