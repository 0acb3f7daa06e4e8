"""The money pledge: a yearly or single amount, a total over several years, a share of GDP, or
only a promise of funding subject to appropriation; its amount, currency and conditions.

Amounts in figures or words, with scales (bn, billion, million, m). Past figures ("has provided
EUR 2 billion since 2022") are not pledges. When the text's structure is known, the pledge is
read in the defence chapter; otherwise anywhere.
"""

from __future__ import annotations

import re
from typing import Any

from bsa_drafter.detectors.base import (
    Detector,
    FeatureSpec,
    Located,
    ParagraphScan,
    Reading,
    Sentence,
    Signal,
    has_any,
    miss_at,
)
from bsa_drafter.detectors.en._words import NUM_WORD, W, number_word_value
from bsa_drafter.detectors.text import rx
from bsa_drafter.models import Feature

# symbols and ISO codes, for every language: a figure's currency is written the same way
SYMBOLS = {
    "£": "GBP",
    "€": "EUR",
    "$": "USD",
    "us$": "USD",
    "u.s.$": "USD",
    "¥": "JPY",
    "c$": "CAD",
    "ca$": "CAD",
    "a$": "AUD",
}
ISO_CODES = (
    "EUR",
    "USD",
    "GBP",
    "SEK",
    "NOK",
    "DKK",
    "CAD",
    "JPY",
    "PLN",
    "CZK",
    "CHF",
    "ISK",
    "AUD",
    "BGN",
    "RON",
    "HUF",
    "MKD",
    "TRY",
)
_CODES = (*ISO_CODES, "EURO")
_WORDS = {
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "dollar": "USD",
    "dollars": "USD",
    "kronor": "SEK",
    "krona": "SEK",
    "kroner": "NOK",
    "krone": "NOK",
    "yen": "JPY",
    "zloty": "PLN",
    "zlotys": "PLN",
    "złoty": "PLN",
    "koruna": "CZK",
    "korun": "CZK",
    "crowns": "CZK",
    "franc": "CHF",
    "francs": "CHF",
    "leva": "BGN",
    "lev": "BGN",
    "lei": "RON",
    "leu": "RON",
    "forint": "HUF",
    "denars": "MKD",
    "denar": "MKD",
    "lira": "TRY",
    "krónur": "ISK",
}
_ADJECTIVE = {
    "danish": "DKK",
    "norwegian": "NOK",
    "swedish": "SEK",
    "canadian": "CAD",
    "australian": "AUD",
    "icelandic": "ISK",
    "czech": "CZK",
    "swiss": "CHF",
    "us": "USD",
    "u.s.": "USD",
    "american": "USD",
    "hong": None,
}
# "TRY" only in capitals: "try" is an English word
_CURRENCY = (
    r"(?:£|€|\$|US\$|U\.S\.\$|C\$|CA\$|A\$|¥|\b(?:" + "|".join(c for c in _CODES if c != "TRY") + r")\b|(?-i:\bTRY\b))"
)
_ADJ = r"(?:(?:danish|norwegian|swedish|canadian|australian|icelandic|czech|swiss|US|U\.S\.|american)\s+)?"
_CURRENCY_WORD = _ADJ + r"(?:" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")(?:\s+sterling)?\b"
_SCALE = r"(?:\s?(?P<scale>bn|billion|bln|million|mln|mn|m|thousand|trillion|tn|k)\b\.?)"
_FIGURE = r"(?P<figure>\d{1,3}(?:[ ,.]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
_SPELLED = rf"(?P<words>(?:(?:a|one|{NUM_WORD})(?:[- ]hundred(?:\s+and)?(?:[- ]{NUM_WORD})?)?)(?:\s+and\s+a\s+half)?)"
_PLACEHOLDER = r"(?P<blank>\[[^\]\n]{1,40}\])"
_UP_TO = r"(?:(?:up\s+to|at\s+least|over|more\s+than|some|around|about|approximately)\s+)?"
AMOUNTS = (
    rx(rf"{_UP_TO}(?P<cur>{_CURRENCY})\s?(?:{_FIGURE}|{_SPELLED}\s|{_PLACEHOLDER}){_SCALE}?"),
    rx(rf"{_UP_TO}{_FIGURE}{_SCALE}?\s*(?P<cur>{_CURRENCY}|(?:of\s+)?{_CURRENCY_WORD})"),
    rx(rf"{_UP_TO}{_SPELLED}\s+{_SCALE}\s+(?:of\s+)?(?P<cur>{_CURRENCY_WORD}|{_CURRENCY})"),
)
_SCALES = {
    "bn": 1e9,
    "billion": 1e9,
    "bln": 1e9,
    "million": 1e6,
    "mln": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "thousand": 1e3,
    "k": 1e3,
    "trillion": 1e12,
    "tn": 1e12,
}
GDP_SHARE = rx(
    rf"\d+(?:[.,]\d+)?\s*(?:%|per\s*cent|percent)\s+(?:{W}){{0,2}}?of\s+(?:its\s+|their\s+"
    rf"|the\s+)?(?>[\w-]+\s+){{0,2}}?(?:gdp|gross\s+domestic\s+product)"
    r"|(?:a\s+)?(?:quarter|half|tenth)\s+of\s+(?:a\s+|one\s+)?per\s*cent\s+of\s+(?:its\s+|their\s+|the\s+)?(?:gdp"
    r"|gross\s+domestic\s+product)"
)
MULTI_YEAR = rx(
    r"\b20\d\d\s*(?:-|to|until|through|and)\s*(?:20)?\d\d\b|\bover\s+(?:the\s+)?(?:next\s+"
    r"|coming\s+)?(?:\w+[\s-])?(?:years|year\s+period)"
    r"|\b(?:for|during|in)\s+the\s+(?:years|period)\s+20\d\d|\b(?:a\s+)?total\s+of\b|\btotall?ing\b|\bin\s+total\b"
    r"|\bmulti-?year"
    r"|\b(?:two|three|four|five|2|3|4|5)-year\s+(?:period|package|programme|program|plan|commitment)"
)
_YEARLY = rx(
    r"\bannual(?:ly)?\b|\bper\s+(?:year|annum)\b|\beach\s+year\b|\ba\s+year\b|\byearly\b|\bevery\s+year\b"
    r"|\beach\s+of\s+the\s+(?:years|next)"
    r"|\bin\s+each\s+(?:year|of)\b"
)
CONDITION = rx(
    rf"subject\s+to\s+(?:{W}){{0,4}}?(?:appropriat\w*|availability\s+of\s+(?:appropriated\s+)?(?:funds|appropriations"
    rf"|resources|budget\w*|financing)"
    rf"|(?:national\s+|annual\s+|domestic\s+)?budget\w*|parliament\w*|legislative|congress\w*|approval\s+(?:by"
    rf"|of)\s+(?:the\s+)?(?:parliament|congress|legislature|budget)"
    rf"|(?:national|internal|domestic)\s+budgetary\s+procedures)"
    rf"|\bin\s+accordance\s+with\s+(?:{W}){{0,3}}?(?:budgetary\s+procedures|parliamentary\s+(?:approval|appropriation"
    rf"|decisions?)|appropriation)"
    rf"|\bpending\s+(?:{W}){{0,2}}?(?:parliamentary|legislative|budget\w*)\s+approval|\bas\s+appropriated\s+by"
    rf"|\bonce\s+approved\s+by\s+(?:the\s+)?parliament"
    rf"|\bwithin\s+the\s+limits\s+of\s+(?:the\s+|its\s+)?(?:annual\s+|national\s+)?budget"
    rf"|\bparliamentary\s+appropriation"
)
# "will seek from Congress an appropriation of funds": funding promised only through the legislature
FUNDS_REQUEST = rx(
    rf"\b(?:seek|request|ask|apply|pursue|propose|submit)\w*\s+(?:{W}){{0,8}}?(?:appropriations?|funding|funds"
    rf"|budget\w*|resources)\b"
)
_LEGISLATURE = rx(r"\bcongress|\bparliament|\blegislat|\bappropriat|\bstorting|\bbundestag|\briksdag|\bsejm")
_SUPPORT = rx(
    r"support|assistance|\baid\b|funding|funds\b|contribution|package|provid|budget|financ|\bgrants?\b|\bdonat"
    r"|\bloans?\b|\bequipment"
    r"|\bmilitary|defen[cs]e|\bukrain|\bdemining|\bhumanitarian|\breconstruction"
)
_COMMIT = rx(
    r"\bwill\b|\bshall\b|\bintends?\s+to\b|\bcommit|\bpledg|\bearmark|\bundertak|\bplans?\s+to\b|\bprepared\s+to\b"
    r"|\bdecided\s+to\b|\bhas\s+decided\b|\bis\s+to\s+provide|\bis\s+providing\b|\bare\s+providing\b|\bseeks?\s+to\b"
    r"|\baims?\s+to\b"
    r"|\bis\s+ready\s+to\b|\bstands\s+ready|\bfor\s+(?:the\s+year\s+)?20\d\d\b|\b(?:has|have)\s+(?:set\s+aside|reserved"
    r"|earmarked|allocated\s+for)"
)
# an act of giving money: a figure merely describing an instrument ("the EU facility of EUR 50 billion") is not pledged
_GIVE = rx(
    r"\bprovid|\ballocat|\bpledg|\bcommit|\bcontribut|\bgive|\bgiving|\bgrant|\bdisburs|\bdeliver|\bset\s+aside"
    r"|\bearmark|\bmake\s+available"
    r"|\bmade\s+available|\bspend|\btransfer|\bfinanc|\bfund(?:s|ing|ed)?\b|\bdonat|\bdedicat|\boffer|\bextend"
    r"|\bmobili[sz]|\breserv|\bsupply"
    r"|\bdevot|\bassign|\bchannel"
)
_UKRAINE_PAYS = rx(
    r"\bukraine\s+(?:will|shall|is\s+to|agrees\s+to|undertakes\s+to|commits\s+to|intends\s+to)\s+(?>[\w-]+\s+)?"
    r"(?:pay|contribute|reimburse|transfer|cover|bear|spend|allocate|devote|invest)"
)
# a promise of funding with no figure: "will contribute ..., subject to parliamentary approval of the budget"
_SEEK = rx(
    r"\bseek\w*|\brequest\w*|\bendeavou?r|\b(?:will|shall)\b|\bintends?\s+to|\bplans?\s+to|\bcommit\w*|\bundertak\w*"
    r"|\bis\s+providing"
)
_PAST = rx(
    r"\b(?:has|have|had|having)\s+(?:already\s+|so\s+far\s+|to\s+date\s+)?(?:provided|given|delivered|disbursed|spent"
    r"|donated|sent|supplied|contributed|mobili[sz]ed|transferred)"
    r"|\b(?:amounted|totall?ed|reached|came)\s+to\b|\bstood\s+at\b"
    r"|\b(?:provided|gave|delivered|disbursed|spent|donated|sent|supplied|contributed|mobili[sz]ed"
    r"|transferred)\s+(?:{w}){{0,6}}?(?:in|during|since)\s+20\d\d"
    r"|\bsince\s+(?:(?:january|february|march|april|may|june|july|august|september|october|november|december)\b|20\d\d"
    r"|the\s+(?:start|beginning)|the\s+full-scale)|\bto\s+date\b|\bso\s+far\b|\bthus\s+far\b|\bin\s+the\s+past\b"
    r"|\bwas\s+(?:provided|allocated|given|delivered|disbursed)"
    r"|\bwere\s+(?:provided|allocated|given|delivered|disbursed)".format(w=W)
)
_FUTURE = rx(
    r"\bwill\b|\bshall\b|\bintends?\b|\bplans?\b|\bpledg|\bcommits?\b|\bundertakes?\b|\bis\s+providing\b"
    r"|\bis\s+to\b|\bgoing\s+to\b"
)
_NOT_SUPPORT = rx(
    r"\bassets?\b|\bimmobili[sz]|\breparations?\b|\bdamages?\b|\bdebt\b|\btrade\b|\bexports?\b|\bimports?\b"
    r"|\binvestments?\b"
    r"|\bgdp\b(?!.*support)|\b(?:organi[sz]ational|administrative|operating|running|hosting)\s+costs"
    r"|\bcosts\s+of\s+(?:hosting|organi[sz]ing|running)|\bfees?\b"
)


# cheap substring tests before the patterns (on long sentences a pattern search is slow)
_CURRENCY_HINTS = (
    "£",
    "€",
    "$",
    "¥",
    *(f"{code.lower()} " for code in _CODES if code not in ("TRY", "EURO")),
    *(f" {code.lower()}" for code in _CODES if code != "EURO"),
    "euro",
    "dollar",
    "pound",
    "kron",
    "yen",
    "zlot",
    "złot",
    "franc",
    "lei",
    "leva",
    "forint",
    "denar",
    "lira",
    "sterling",
    "korun",
)
_DIGIT = re.compile(r"\d")
_SHARE_HINTS = ("%", "per cent", "percent")
_CONDITION_HINTS = (
    "subject to",
    "in accordance with",
    "pending",
    "as appropriated",
    "once approved",
    "within the limits",
    "parliamentary appropriation",
)
_LEGISLATURE_HINTS = ("congress", "parliament", "legislat", "appropriat", "storting", "bundestag", "riksdag", "sejm")


_CLAUSE_BREAK = re.compile(r",\s|;\s|:\s|\s-\s|\(|\)")


def clause_spans(text: str) -> list[tuple[int, int]]:
    """The sentence cut at commas, semicolons and brackets: a past figure in one clause does
    not make the pledge in the next one past ("Having provided X in 2023, it will provide Y")."""
    spans, start = [], 0
    for match in _CLAUSE_BREAK.finditer(text):
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text) + 1))
    return spans


def currency_of(code: str) -> str | None:
    """An ISO currency code for a symbol, code or word ('€', 'EUR', 'euros', 'Danish kroner')."""
    text = code.strip().lower()
    if text.startswith("of "):
        text = text[3:]
    if text in SYMBOLS:
        return SYMBOLS[text]
    if text.upper() in _CODES:
        return "EUR" if text.upper() == "EURO" else text.upper()
    words = text.split()
    if len(words) > 1 and words[0] in _ADJECTIVE:
        return _ADJECTIVE[words[0]] or None
    return _WORDS.get(words[-1] if words[-1] != "sterling" else words[0]) if words else None


def figure_value(figure: str, scaled: bool) -> float | None:
    """'2,500,000,000' -> 2.5e9, '2.5' -> 2.5, '1,5' -> 1.5 (a decimal comma), '2 500' -> 2500."""
    text = figure.strip()
    if re.fullmatch(r"\d{1,3}(?:[ ,]\d{3})+(?:\.\d+)?", text):
        return float(re.sub(r"[ ,]", "", text))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?", text) or (not scaled and re.fullmatch(r"\d{1,3}\.\d{3}", text)):
        return float(text.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d+,\d{1,2}", text) or (scaled and re.fullmatch(r"\d+,\d+", text)):
        return float(text.replace(",", "."))
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def amount_of(match: re.Match[str]) -> tuple[float | None, str | None]:
    """The amount in currency units and its ISO code, from a match of one of AMOUNTS."""
    groups = match.groupdict()
    scale = _SCALES.get((groups.get("scale") or "").lower().rstrip("."), 1.0)
    currency = currency_of(groups.get("cur") or "")
    if groups.get("blank"):
        return None, currency
    if groups.get("figure"):
        value = figure_value(match.group("figure"), scale != 1.0)
    else:
        words = match.group("words")
        half = words.lower().endswith("and a half")
        value = number_word_value(words[: -len("and a half")] if half else words)
        if value is not None and half:
            value += 0.5
    return (value * scale if value is not None else None), currency


class MoneyDetector(Detector):
    features = (
        FeatureSpec(
            "money_pledge",
            "kind of money pledge: amount, multi_year, gdp_share, appropriation (null when none)",
            "choice",
            per_occurrence=True,
        ),
        FeatureSpec("money_amount", "the pledged amount in currency units (null when no figure is given)", "number"),
        FeatureSpec("money_currency", "the ISO code of the pledge's currency (null when none)", "text"),
        FeatureSpec(
            "money_conditional",
            "the pledge is subject to appropriation, available funds or parliamentary approval",
            "flag",
        ),
    )
    order = 80
    keywords = ("£", "€", "$", "¥", "billion", "million", "per cent", *_CONDITION_HINTS, *_LEGISLATURE_HINTS)
    tags = {"money_pledge": "money"}
    # the wording, which a language's subclass replaces: conditions and requests to a legislature,
    # amounts and shares of GDP (with the cheap words tried first), what makes a figure a pledge
    # (a commitment, an act of giving, support) or not (the past, Ukraine paying, assets and trade),
    # and several years or a year
    condition, condition_hints, legislature_hints, funds_request = (
        CONDITION,
        _CONDITION_HINTS,
        _LEGISLATURE_HINTS,
        FUNDS_REQUEST,
    )
    gdp_share, share_hints, gdp_words = GDP_SHARE, _SHARE_HINTS, ("gdp", "gross domestic")
    amounts, currency_hints, scale_words = AMOUNTS, _CURRENCY_HINTS, ("billion", "million", "thousand", "trillion")
    support, commit, give, seek, past, future, ukraine_pays, not_support = (
        _SUPPORT,
        _COMMIT,
        _GIVE,
        _SEEK,
        _PAST,
        _FUTURE,
        _UKRAINE_PAYS,
        _NOT_SUPPORT,
    )
    multi_year, yearly = MULTI_YEAR, _YEARLY

    def wants(self, low: str) -> bool:
        return _DIGIT.search(low) is not None or super().wants(low)

    amount = staticmethod(amount_of)  # the amount and its currency code, from a match of one of `amounts`

    def scan(self, sentence: Sentence, scan: ParagraphScan) -> None:
        text, low = sentence.text, sentence.low
        whole, whole_low = sentence.whole_text, sentence.whole_low
        conditional = self.condition.search(whole) if has_any(whole_low, self.condition_hints) else None
        if conditional is None and has_any(whole_low, self.legislature_hints):
            conditional = self.funds_request.search(whole)
        supports = conditional is not None and self.support.search(whole) is not None
        if conditional and supports:
            scan.add("money_conditional", sentence.signal(0, len(text)))
        figures: list[tuple[str, re.Match[str]]] = []
        if has_any(low, self.share_hints) and has_any(low, self.gdp_words):
            figures += [("gdp_share", match) for match in self.gdp_share.finditer(text)]
        if has_any(low, self.currency_hints):
            figures += [("amount", match) for match in self._amounts(text)]
        if not figures:
            if conditional and supports and self.seek.search(whole):
                scan.add("money_pledge", sentence.signal(0, len(text), "appropriation", money_conditional=True))
            return
        clauses = clause_spans(text)
        past = [span for span in clauses if self.past.search(text, *span) and not self.future.search(text, *span)]
        for kind, figure in sorted(figures, key=lambda item: item[1].start()):
            clause = next(span for span in clauses if span[0] <= figure.start() < span[1])
            if clause in past or (self.past.search(text) and not self.future.search(text)):
                scan.add_miss(
                    "money_pledge", sentence.miss("a figure for aid already given (a past figure), not a pledge", 0.8)
                )
            elif self.ukraine_pays.search(text):
                scan.add_miss("money_pledge", sentence.miss("money Ukraine pays, not support pledged to it", 0.5))
            elif not (self.commit.search(text) and self.give.search(text) and self.support.search(text)):
                scan.add_miss("money_pledge", sentence.miss("a figure that no one pledges to give as support", 0.5))
            else:
                scan.add("money_pledge", self._pledge(sentence, kind, figure, past, conditional))
                return

    def _pledge(
        self,
        sentence: Sentence,
        kind: str,
        figure: re.Match[str],
        past: list[tuple[int, int]],
        conditional: re.Match[str] | None,
    ) -> Signal:
        """A pledge signal: a share of GDP, or an amount a year or over several years."""
        text = sentence.text
        value, currency = self.amount(figure) if kind == "amount" else (None, None)
        if kind == "amount":
            outside_conditions = (
                text[: conditional.start()] if conditional and conditional.start() < len(text) else text
            )
            spans = [(m.start(), m.end()) for m in self.multi_year.finditer(text)]
            several = any(not any(a <= start < b for a, b in past) for start, _ in spans)
            kind = "multi_year" if several and not self.yearly.search(outside_conditions) else "amount"
        return sentence.signal(
            figure.start(),
            figure.end(),
            kind,
            money_amount=value,
            money_currency=currency,
            money_conditional=bool(conditional),
        )

    def _amounts(self, text: str) -> list[re.Match[str]]:
        """Every amount in the sentence that is not about assets, debts or trade, in order."""
        low = text.lower()
        patterns = self.amounts if has_any(low, self.scale_words) else self.amounts[:2]
        found = sorted(
            (match for pattern in patterns for match in pattern.finditer(text)), key=lambda m: (m.start(), -m.end())
        )
        kept: list[re.Match[str]] = []
        for match in found:
            if kept and match.start() < kept[-1].end():
                continue  # the same amount found by two patterns
            if not self.not_support.search(text, max(0, match.start() - 40), match.end() + 40):
                kept.append(match)
        return kept

    def combine(self, reading: Reading) -> dict[str, Feature]:
        found = reading.located("money_pledge")
        pledges = [item for item in found if not reading.outside(item[0], "defence")]
        outside = [
            miss_at(item, f"a pledge in the {reading.outside(item[0], 'defence')} chapter, not the defence one", 0.75)
            for item in found
            if item not in pledges
        ]
        chosen = self._chosen(pledges)
        conditional = any(not reading.outside(index, "defence") for index, _ in reading.located("money_conditional"))
        related: dict[str, Any] = dict(chosen[1].related or {}) if chosen else {}
        occurrences = [reading.hit(item) for item in pledges]
        evidence = [reading.evidence(*chosen)] if chosen else []
        pledge = Feature(
            chosen[1].value if chosen else None,
            evidence,
            occurrences,
            [] if chosen else reading.closest("money_pledge", outside),
        )
        return {
            "money_pledge": pledge,
            "money_amount": Feature(
                related.get("money_amount"), evidence if related.get("money_amount") is not None else []
            ),
            "money_currency": Feature(related.get("money_currency"), evidence if related.get("money_currency") else []),
            "money_conditional": Feature(
                bool(chosen) and (bool(related.get("money_conditional")) or conditional), evidence
            ),
        }

    @staticmethod
    def _chosen(pledges: list[Located]) -> Located | None:
        """The pledge the text stands by: the first with a figure or a share, else the first."""
        with_figure = [item for item in pledges if item[1].value != "appropriation"]
        return (with_figure or pledges or [None])[0]


DETECTOR = MoneyDetector()
