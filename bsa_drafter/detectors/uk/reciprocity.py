"""Reciprocity in Ukrainian: Ukraine able to help the partner if the partner is attacked («щоб
Україна була спроможна надати допомогу Франції в разі збройного нападу на неї»), Ukraine's
capabilities sufficient for effective support («спроможності України ... достатніми для надання
ефективної підтримки Нідерландам»), Ukraine enabled to reciprocate («відповісти взаємністю»), or
a shared policy of deterring aggression against either side («проти будь-якої з них»).

Case endings carry the roles: Ukraine in the nominative («Україна могла надати») or the
instrumental («набуття Україною спроможностей») gives the help; in the dative («надаватиме
Україні») it receives it, which is not reciprocity.
"""

from __future__ import annotations

import re

from bsa_drafter.detectors.base import ParagraphScan, Sentence, has_any
from bsa_drafter.detectors.en.reciprocity import ReciprocityDetector
from bsa_drafter.detectors.text import rx
from bsa_drafter.detectors.uk._words import NEGATION, W

HELP = rx(
    r"\b(?:надати|надавати|надасть|надаватиме|надання|допомог\w*|допомагат\w*|підтрима\w*|підтримк\w*|підтриму\w*"
    r"|прийти\s+(?:\w+\s+){0,2}?на\s+допомогу|захист\w*|захища\w*|захистит\w*|боронит\w*)"
)
# Ukraine, its capabilities, or the force it is building, as the one who helps
AGENT = rx(
    r"\bукраїн(?:а|ою)\b|\bспроможност\w*\s+(?:\w+\s+){0,3}?україн\w*"
    r"|\b(?:ці|такі|майбутні|українськ\w+)\s+(?:сил\w*|армі\w*)"
)
_NAMES_UKRAINE = rx(r"\bукраїн")
_HELP_WORDS = ("допом", "підтрим", "надати", "надання", "надасть", "захист", "захищ", "борон", "взаємн")
# what makes it Ukraine's own (future) act: an ability, a modal or an aim between Ukraine and the help
_CAPACITY = rx(
    r"\b(?:спроможн\w*|здатн\w*|змог\w*|змож\w*|могла|може|мала\s+б|буде|будуть|достатн\w*|належн\w*|готов\w*|можлив\w*"
    r"|дадуть|дасть|дозвол\w*|має|мала|повинна|зобов'яз\w*|у\s+свою\s+чергу|в\s+стані)\b"
)
# a help verb in the future is itself Ukraine's undertaking: «Україна ... надасть допомогу»
_FUTURE_HELP = rx(r"^(?:надасть|надаватиме|допоможе|допомагатиме|підтримає|підтримуватиме|захистить|захищатиме)")
_RECEIVES = rx(r"\b(?:отрима\w*|одержу\w*|одержа\w*|потребу\w*|дяку\w*|вдячн\w*|віта\w*|просит\w*|звертат\w*)")
_TO_UKRAINE = rx(r"^\s*(?:(?:для|на\s+користь)\s+)?(?:україн(?:і|у|ою)\b|українськ\w+)|^\s*(?:від|з\s+боку)\b")
_ABILITY_DENIED = rx(
    rf"{NEGATION}\s+(?:(?:буде|бути)\s+)?(?:спроможн|здатн|змож|зобов'яз|повинн|в\s+стані)\w*"
    rf"|\bне\s+(?:{W}){{0,2}}?(?:надаватиме|надасть|допомагатиме|допоможе|підтримуватиме|підтримає)"
)
_PRONOUN_OTHER = r"(?:нього|неї|них|нього|той|та|партнер\w*)"
# an attack on someone other than Ukraine: «нападу на Канаду», «нападу на неї», «стане об'єктом нападу»
_ON_OTHER = rx(
    rf"(?:напад\w*|агресі\w*|вторгнен\w*|удар\w*)\s+(?:{W}){{0,3}}?(?:на|проти)\s+(?!україн|себе)"
    rf"|\b(?:стане|стала|буде|стануть)\s+(?:{W}){{0,1}}?(?:об'єктом|жертвою|ціллю)\s+(?:{W}){{0,1}}?(?:напад|агресі)"
    rf"|\b(?:зазна\w+|потерпа\w+)\s+(?:{W}){{0,2}}?(?:напад|агресі|вторгнен)"
    rf"|\bна\s+{_PRONOUN_OTHER}\s+(?:{W}){{0,2}}?(?:здійснено|скоєно|вчинено)\s+(?:{W}){{0,1}}?напад"
)
_ON_UKRAINE = rx(r"(?:напад\w*|агресі\w*|вторгнен\w*)\s+(?:{w}){{0,3}}?(?:на|проти)\s+україн".format(w=W))
_ATTACK = rx(r"\bнапад\w*|\bагресі\w*|\bвторгнен\w*|\bзбройн\w+\s+конфлікт")
# help or deterrence running both ways
_EITHER = (
    r"(?:будь-як\w+|будь-кого|кожн\w+|обох|одн\w+)\s+(?:(?:з|із|зі)\s+)?(?:них|нас|учасник\w*|сторін|сторон\w*|держав)"
)
MUTUAL = rx(
    rf"\b(?:(?:допомог\w*|допомагат\w*|підтрима\w*|підтриму\w*|захища\w*|захист\w*|прийти\s+на\s+допомогу)\s+"
    rf"(?:{W}){{0,2}}?(?:одн\w+\s+одн\w+|один\s+одному|іншій|іншому|іншим)\b"
    rf"|(?:стрим(?:у|ува|ат)\w*|протиді\w*|запобі(?:га|гт)\w*|відбива\w*|протистоя\w*)\s+(?:{W}){{0,8}}?"
    rf"(?:агресі\w*|напад\w*|загроз\w*)[,;]?\s+(?:{W}){{0,4}}?(?:проти|на)\s+(?:{W}){{0,2}}?{_EITHER}"
    rf"|взаємн\w+\s+(?:військов\w+\s+)?(?:допомог\w*|оборон\w*|підтримк\w*))"
)
RECIPROCATE = rx(r"\bвідповісти\s+взаємністю|\bвзаємністю")
_TRADE = rx(r"\bторгівл|\bмит\w*\b|\bтариф|\bвіз\w*|\bдоступ\w*\s+до\s+ринк|\bімпорт|\bекспорт|\bінвестиц")
# another actor taking over between Ukraine and the help («..., а партнер надаватиме ...»)
_OTHER_ACTOR = rx(
    r"\b(?:партнер\w*|учасник\w*|сторон\w*|уряд\w*|союзник\w*)\s+(?:{w}){{0,1}}?(?:\w+тиме|\w+тимуть|надасть|нададуть"
    r"|буде|будуть|має\s+намір|мають\s+намір)".format(w=W)
)
_NEW_CLAUSE = rx(r";|,\s+(?:а|і|та)\s+(?:партнер|учасник|сторон)")
# a verb in the plural has another subject than Ukraine: «..., а також підтримуватимуть реформування»
_PLURAL_VERB = rx(r"^\w+(?:муть|ють|уть|ять|ать)(?:ся)?$")
# the end of the helped party's phrase
_OBJECT_END = rx(r"[,;.]|\s(?:якщо|коли|у\s+разі|в\s+разі|у\s+випадку|проти|щоб|після)\b")
# defending needs someone defended: the partner, an ally, the other, or a name; not «себе», not «від агресії»
_DEFENDED = rx(r"^\s*(?:(?:і|й|також)\s+)?(?:партнер\w*|союзник\w*|інш\w+|(?-i:[А-ЯІЇЄҐ])(?!країн))")


def _helps_another(help_match: re.Match[str], text: str) -> bool:
    """Whether the help goes to someone other than Ukraine: what follows it does not name Ukraine
    as the one helped, and defending needs an object of its own (defending oneself is not
    reciprocity)."""
    rest = text[help_match.end() : help_match.end() + 200]
    end = _OBJECT_END.search(rest)
    helped = rest[: end.start()] if end else rest
    if _TO_UKRAINE.search(helped) or re.search(r"\bукраїн(?:і|у)\b", helped, re.IGNORECASE):
        return False
    word = help_match.group(0).lower()
    return not word.startswith(("захист", "захища", "борон")) or _DEFENDED.match(helped) is not None


class UkrainianReciprocityDetector(ReciprocityDetector):
    keywords = ("напад", "агресі", "вторгнен", "взаємн", "збройн")
    names_ukraine = _NAMES_UKRAINE

    def scan(self, sentence: Sentence, scan: ParagraphScan) -> None:
        text, low = sentence.whole_text, sentence.whole_low
        if scan.read_whole("reciprocity", sentence.whole):
            return
        mutual = MUTUAL.search(text)
        if mutual and (_ATTACK.search(text) or "стрим" in low):
            scan.add("reciprocity", sentence.whole_signal(mutual.start(), mutual.end(), form="mutual"))
            return
        helper = has_any(low, _HELP_WORDS) and ("україн" in low or "сил" in low)
        found = self._help_from_ukraine(text) if helper else None
        if found is not None:
            start, end, by_force = found
            scan.add("reciprocity", sentence.whole_signal(start, end, form="force" if by_force else "ukraine"))
        elif "україн" in low and (HELP.search(text) or RECIPROCATE.search(text)):
            reason = (
                "describes help flowing to Ukraine, not from Ukraine to the partner"
                if _ON_UKRAINE.search(text) or re.search(r"\bукраїн(?:і|у)\b", low)
                else "names help and an attack, but not Ukraine helping the partner when the partner is attacked"
            )
            scan.add_miss("reciprocity", sentence.whole_miss(reason, 0.6))

    @staticmethod
    def _help_from_ukraine(text: str) -> tuple[int, int, bool] | None:
        """(start, end, by a force not named Ukrainian) of help that Ukraine gives, or will be
        able to give, to another when another is attacked."""
        if not (
            _ON_OTHER.search(text) or (_ATTACK.search(text) and not _ON_UKRAINE.search(text))
        ) and not RECIPROCATE.search(text):
            return None
        for help_match in [*HELP.finditer(text), *RECIPROCATE.finditer(text)]:
            reciprocate = "взаємн" in help_match.group(0).lower()
            if reciprocate and _TRADE.search(text):
                continue
            if not reciprocate and (_PLURAL_VERB.match(help_match.group(0)) or not _helps_another(help_match, text)):
                continue
            window_start = max(0, help_match.start() - 160)
            agents = list(AGENT.finditer(text, window_start, help_match.start()))
            if not agents:
                continue
            agent = agents[-1]
            between = text[agent.end() : help_match.start()]
            if _ABILITY_DENIED.search(text, agent.start(), help_match.end()):
                continue
            if not reciprocate and (
                _RECEIVES.search(between) or _OTHER_ACTOR.search(between) or _NEW_CLAUSE.search(between)
            ):
                continue
            future = _FUTURE_HELP.match(help_match.group(0).lower())
            if not (_CAPACITY.search(between) or future or between.strip(" ,") == ""):
                continue  # Ukraine's ability must govern the help
            by_force = not _NAMES_UKRAINE.search(agent.group(0))
            return agent.start(), help_match.end(), by_force
        return None


DETECTOR = UkrainianReciprocityDetector()
