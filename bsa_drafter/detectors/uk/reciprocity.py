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


# words of which one must be in a sentence for MUTUAL to match
_MUTUAL_WORDS = ("одн", "інш", "будь-", "кожн", "обох", "взаємн")
# Ukraine in the dative or accusative: the one helped
_UKRAINE_HELPED = rx(r"\bукраїн(?:і|у)\b")
# nothing, or only a comma, between Ukraine and the help: «Україна, надасть»
_BARE_LINK = rx(r"[ ,]*\Z")


class UkrainianReciprocityDetector(ReciprocityDetector):
    keywords = ("напад", "агресі", "вторгнен", "взаємн", "збройн")
    ukraine_word, force_word, names_ukraine, agent = "україн", "сил", _NAMES_UKRAINE, AGENT
    help_words, help, reciprocate, trade, defend_words = (
        _HELP_WORDS,
        HELP,
        RECIPROCATE,
        _TRADE,
        ("захист", "захища", "борон"),
    )
    attack, on_other, on_ukraine = _ATTACK, _ON_OTHER, _ON_UKRAINE
    mutual_words, mutual, deter_word, ukraine_too = _MUTUAL_WORDS, MUTUAL, "стрим", None
    capacity, receives, ability_denied, other_actor, new_clause = (
        _CAPACITY,
        _RECEIVES,
        _ABILITY_DENIED,
        _OTHER_ACTOR,
        _NEW_CLAUSE,
    )
    bare_link, object_end, defended = _BARE_LINK, _OBJECT_END, _DEFENDED
    to_ukraine, ukraine_helped, to_ukraine_said = _TO_UKRAINE, _UKRAINE_HELPED, _UKRAINE_HELPED
    clause_break, future_help, plural_verb = None, _FUTURE_HELP, _PLURAL_VERB


DETECTOR = UkrainianReciprocityDetector()
