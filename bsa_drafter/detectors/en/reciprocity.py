"""Reciprocity: Ukraine to be able to assist the partner if the partner is attacked, Ukraine's
capabilities to be sufficient to give the partner effective support, Ukraine enabled to
reciprocate, or a mutual policy to deter aggression against either side. Help that flows only
to Ukraine is not reciprocity.

Read as parts of one sentence rather than as fixed phrases: help that Ukraine (or the force it
builds) gives or will be able to give, to someone other than Ukraine, when someone other than
Ukraine is attacked; or help and deterrence that run both ways.
"""

from __future__ import annotations

import re

from bsa_drafter.detectors.base import Detector, FeatureSpec, ParagraphScan, Reading, Sentence, has_any, miss_at
from bsa_drafter.detectors.en._words import NEGATION, SIDE, W
from bsa_drafter.detectors.text import Pattern, rx
from bsa_drafter.models import Feature

HELP = rx(
    r"\b(?:assist\w*|help\w*|support\w*|aid\b|reinforc\w*|defend\w*|stand\w*\s+(?:with|by|alongside)"
    r"|com(?:e|es|ing)\s+to\s+(?>[\w'-]+\s+){0,2}?(?:aid|assistance|help|defen[cs]e|rescue)"
    r"|contribut\w*\s+to\s+(?:the\s+)?(?:defen[cs]e|security|protection)\s+of)"
)
# Ukraine, or the force it is building, as the one who helps
AGENT = rx(
    r"\bukrain(?:e|e's|ian)\b|\b(?:this|that|the|such\s+a|a)\s+(?:future\s+)?(?:ukrainian\s+)?(?:force|forces|army)\b"
)
_NAMES_UKRAINE = rx(r"\bukrain")
_HELP_WORDS = (
    "assist",
    "help",
    "support",
    "aid",
    "reinforc",
    "defend",
    "stand",
    "come to",
    "coming to",
    "comes to",
    "contribut",
    "reciproc",
)
# what makes it Ukraine's own (future) act: a modal, an ability, or an aim, between Ukraine and the help
_CAPACITY = rx(
    r"\b(?:will|would|shall|can|could|should|is\s+to|are\s+to|be\s+able|able|capable|in\s+a\s+position|ready|readiness"
    r"|sufficient|enough"
    r"|adequate|enabl\w*|equipped|positioned|ability|capacity|intends?|commits?|undertakes?|aims?)\b"
)
_RECEIVES = rx(r"\b(?:receiv|obtain|get|gets|benefit\w*\s+from|appreciat|thank|grateful|welcom|request|ask)\w*")
_TO_UKRAINE = rx(
    r"^\s*(?:(?:to|for|of|with)\s+)?(?:the\s+)?(?:ukraine\b|ukraine's|ukrainian)|^\s*from\b"
    r"|^\s*(?:provided|given|delivered|supplied|granted|offered)\s+(?:to\s+)?(?:it|ukraine)\b"
)
_ABILITY_DENIED = rx(
    rf"{NEGATION}\s+(?:be\s+)?(?:able|expected|required|in\s+a\s+position|capable|ready)\s+to"
    rf"|\b(?:will|shall|would|can|could|does|do)\s+not\s+(?>[\w'-]+\s+){{0,2}}?(?:help|assist|support|aid|defend"
    rf"|contribut|reciprocat)"
)
# an attack on someone other than Ukraine: "aggression against Canada", "should Latvia be attacked"
_ON_OTHER = rx(
    r"(?:attack\w*|aggression|invasion|strike)\s+(?>[\w'-]+\s+){0,3}?(?:on|against|upon"
    r"|directed\s+against)\s+(?!ukraine\b|it\b|itself\b|its\s+territory)"
    r"|(?:\bis|\bbe|\bare|\bwere|\bbeing|\bbecomes?|\bcomes?|\bfalls?)\s+(?>[\w'-]+\s+){0,2}?"
    r"(?:attacked|under\s+(?:armed\s+)?attack|the\s+(?:target|victim)\s+of"
    r"|subject(?:ed)?\s+to\s+(?:an?\s+)?(?:armed\s+)?(?:attack|aggression))"
    r"|\b(?:suffers?|faces?|endures?)\s+(?>[\w'-]+\s+){0,2}?(?:aggression|attack|invasion)"
)
_ON_UKRAINE = rx(
    r"(?:attack\w*|aggression|invasion)\s+(?>[\w'-]+\s+){0,3}?(?:on|against|upon)\s+ukraine\b"
    r"|\battack\w*\s+ukraine\b"
)
_ATTACK = rx(r"\battack\w*|\baggression|\binvasion|\barmed\s+conflict")
# help or deterrence running both ways
MUTUAL = rx(
    rf"\b(?:assist\w*|help\w*|support\w*|aid|defend\w*|come\s+to\s+the\s+aid\s+of)\s+(?:{W}){{0,2}}?(?:one\s+another"
    rf"|each\s+other|the\s+other)\b"
    rf"|(?:deter|confront|counter|assist|defend|respond|repel|resist|prevent)\w*[,;]?\s+(?:{W}){{0,8}}?(?:aggression"
    rf"|attacks?|threats?)\s+"
    rf"(?:{W}){{0,4}}?(?:against|on)\s+(?:{W}){{0,5}}?(?:either|each|any|both|one)\b(?:\s+(?:of\s+(?:the\s+|them"
    rf"|us)\s*)?(?:{SIDE})?)?"
    rf"|\bmutual\s+(?:military\s+)?(?:assistance|defen[cs]e|support|aid|help)\b"
    rf"|(?:deter|counter|confront|resist)\w*\s+(?:{W}){{0,4}}?(?:aggression"
    rf"|attacks?)\s+against\s+(?:{W}){{0,4}}?and\s+(?:against\s+)?ukraine\b"
)
_BOTH_WAYS_AIM = rx(
    r"\b(?:shared|common|mutual|joint)\s+(?:policy|aim|goal|objective|commitment)"
    r"|\bpolicy\s+of\s+(?:both|the\s+two)|\bboth\s+(?:states|sides|parties|participants)\b"
)
RECIPROCATE = rx(r"\breciprocat\w*")
_TRADE = rx(r"\btrade|\btariff|\bduties\b|\bconcessions?\b|\bvisa|\bmarket\s+access|\bimport|\bexport|\binvestment")


# another actor taking over between Ukraine and the help ("... the Japanese side will provide support")
_OTHER_ACTOR = rx(
    r"\b(?:the\s+)?(?:partner|participants?|parties|sides?|[a-z]+\s+side|government|allies)\s+(?:will|shall|would"
    r"|intends?\s+to|is\s+to)\b"
    r"|(?-i:\b(?!Ukraine\b)[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})\s+(?:will|shall|would|intends\s+to|is\s+to)\b"
)
# a new clause with its own verb: "Ukraine can deter aggression, and [the Participants] will support ..."
_NEW_CLAUSE = rx(r";|,\s+and\s+(?:will|shall|would|can|could|intend)")
# the end of the helped party's phrase
_OBJECT_END = rx(r"[,;.]|\s(?:if|should|when|where|were|in\s+case|in\s+the\s+event|against|so\s+that|once|and\s+to)\b")
# defending needs someone defended: the partner, an ally, the other, or a name
_DEFENDED = rx(r"^\s*(?:the\s+|its\s+(?!own)|their\s+)?(?:partner|ally|allies|other|(?-i:[A-Z])(?!kraine))")


# words of which one must be in a sentence for MUTUAL to match
_MUTUAL_WORDS = ("other", "either", "each", "both", "one", "mutual", "and against", "and ukraine")
# deterrence "against X and against Ukraine" runs both ways only with a shared aim (_BOTH_WAYS_AIM)
_UKRAINE_TOO = rx(r"\bukraine$")
# help "to Ukraine" named anywhere in a sentence, for the reason of a miss
_TO_UKRAINE_SAID = rx(r"to ukraine")
# Ukraine named in the helped party's phrase
_UKRAINE_HELPED = rx(r"ukrain")
# nothing, or only "to", between Ukraine and the help: "Ukraine to assist"
_BARE_LINK = rx(r"\s*(?:to)?\s*\Z", 0)


class ReciprocityDetector(Detector):
    features = (
        FeatureSpec(
            "reciprocity",
            "Ukraine to be able to help the partner, or a mutual policy, if the partner is attacked",
            "flag",
        ),
    )
    order = 60
    keywords = ("attack", "aggression", "invasion", "reciproc", "mutual", "armed conflict")
    tags = {"reciprocity": "reciprocity"}
    # the wording, which a language's subclass replaces: Ukraine and its force, help and
    # reciprocating, attacks and on whom, help running both ways, and who or what comes between
    # Ukraine and its help
    ukraine_word, force_word, names_ukraine, agent = "ukrain", "force", _NAMES_UKRAINE, AGENT
    help_words, help, reciprocate, trade, defend_words = (
        _HELP_WORDS,
        HELP,
        RECIPROCATE,
        _TRADE,
        ("defend", "reinforc"),
    )
    attack, on_other, on_ukraine = _ATTACK, _ON_OTHER, _ON_UKRAINE
    mutual_words, mutual, deter_word, both_ways_aim = _MUTUAL_WORDS, MUTUAL, "deter", _BOTH_WAYS_AIM
    ukraine_too: Pattern | None = _UKRAINE_TOO
    capacity, receives, ability_denied, other_actor, new_clause = (
        _CAPACITY,
        _RECEIVES,
        _ABILITY_DENIED,
        _OTHER_ACTOR,
        _NEW_CLAUSE,
    )
    bare_link, object_end, defended = _BARE_LINK, _OBJECT_END, _DEFENDED
    to_ukraine, ukraine_helped, to_ukraine_said = _TO_UKRAINE, _UKRAINE_HELPED, _TO_UKRAINE_SAID
    # a clause break after which the words before the help govern it ("capable, if X is attacked,
    # of coming to"); Ukrainian sets commas before every subordinate clause and has none
    clause_break: str | None = ","
    # a help verb in the future that is itself Ukraine's undertaking, and a verb form whose
    # subject cannot be Ukraine (English marks neither)
    future_help: Pattern | None = None
    plural_verb: Pattern | None = None

    def scan(self, sentence: Sentence, scan: ParagraphScan) -> None:
        text, low = sentence.whole_text, sentence.whole_low
        if scan.read_whole("reciprocity", sentence.whole):
            return
        mutual = self.mutual.search(text) if has_any(low, self.mutual_words) else None
        if (
            mutual
            and (self.attack.search(text) or self.deter_word in low)
            and (not (self.ukraine_too and self.ukraine_too.search(mutual.group(0))) or self.both_ways_aim.search(text))
        ):
            scan.add("reciprocity", sentence.whole_signal(mutual.start(), mutual.end(), form="mutual"))
            return
        helper = has_any(low, self.help_words) and (self.ukraine_word in low or self.force_word in low)
        found = self._help_from_ukraine(text) if helper else None
        if found is not None:
            start, end, by_force = found
            scan.add("reciprocity", sentence.whole_signal(start, end, form="force" if by_force else "ukraine"))
        elif self.ukraine_word in low and (self.help.search(text) or self.reciprocate.search(text)):
            reason = (
                "describes help flowing to Ukraine, not from Ukraine to the partner"
                if self.on_ukraine.search(text) or self.to_ukraine_said.search(low)
                else "names help and an attack, but not Ukraine helping the partner when the partner is attacked"
            )
            scan.add_miss("reciprocity", sentence.whole_miss(reason, 0.6))

    def _help_from_ukraine(self, text: str) -> tuple[int, int, bool] | None:
        """(start, end, by a force not named Ukrainian) of help that Ukraine gives, or will be
        able to give, to another when another is attacked."""
        if not (
            self.on_other.search(text) or (self.attack.search(text) and not self.on_ukraine.search(text))
        ) and not self.reciprocate.search(text):
            return None
        helps = [(match, False) for match in self.help.finditer(text)]
        for help_match, reciprocate in [*helps, *((match, True) for match in self.reciprocate.finditer(text))]:
            if reciprocate and self.trade.search(text):
                continue
            if not reciprocate and (
                (self.plural_verb and self.plural_verb.match(help_match.group(0)))
                or not self._helps_another(help_match, text)
            ):
                continue
            window_start = max(0, help_match.start() - 160)
            agents = [
                a
                for a in self.agent.finditer(text, window_start, help_match.start())
                if text[a.start() - 1 : a.start()] != "-"  # part of a compound: "the NATO-Ukraine Council"
            ]
            if not agents:
                continue
            agent = agents[-1]
            between = text[agent.end() : help_match.start()]
            if self.ability_denied.search(text, agent.start(), help_match.end()):
                continue
            if not reciprocate and (
                self.receives.search(between) or self.other_actor.search(between) or self.new_clause.search(between)
            ):
                continue
            if not self._ukraine_able(between, help_match):
                continue
            by_force = not self.names_ukraine.search(agent.group(0))
            return agent.start(), help_match.end(), by_force
        return None

    def _ukraine_able(self, between: str, help_match: re.Match[str]) -> bool:
        """Whether Ukraine's ability governs the help, not a phrase after it: a word of capacity
        in the words that govern it, a future help verb, or nothing between."""
        governing = between
        if self.clause_break:
            tail = between.rsplit(self.clause_break, 1)[-1]
            governing = tail if len(tail.split()) > 3 else between
        future = self.future_help and self.future_help.match(help_match.group(0).lower())
        return bool(self.capacity.search(governing) or future or self.bare_link.match(between))

    def _helps_another(self, help_match: re.Match[str], text: str) -> bool:
        """Whether the help goes to someone other than Ukraine: its object does not name Ukraine,
        and defending needs an object of its own (defending oneself is not reciprocity)."""
        rest = text[help_match.end() : help_match.end() + 200]
        end = self.object_end.search(rest)
        helped = rest[: end.start()] if end else rest
        if self.to_ukraine.search(helped) or self.ukraine_helped.search(helped):
            return False
        word = help_match.group(0).lower()
        return not word.startswith(self.defend_words) or self.defended.match(helped) is not None

    def combine(self, reading: Reading) -> dict[str, Feature]:
        counted, misses = [], []
        for located in reading.located("reciprocity"):
            index, signal = located
            if (
                signal.form != "force"
                or self.names_ukraine.search(reading.unit_text(index))
                or self._ukraine_just_before(reading, index)
            ):
                counted.append(located)
            else:
                misses.append(miss_at(located, "a force helping the partner, but not said to be Ukraine's", 0.6))
        return {"reciprocity": reading.flag("reciprocity", hits=counted, misses=misses)}

    def _ukraine_just_before(self, reading: Reading, index: int) -> bool:
        """'this force' in a paragraph after one that says whose force it is."""
        paragraphs = reading.document.paragraphs
        return any(
            self.names_ukraine.search(p.text) for p in paragraphs[max(0, index - 2) : index] if p.kind == "paragraph"
        )


DETECTOR = ReciprocityDetector()
