"""Running the detectors over a document: scan every paragraph once, then combine.

The same detectors read our drafts, drafts a negotiator edited and foreign documents, by their
wording, never by clause ids: an exit typed into the preamble is caught, and so is one in a
counterpart's DOCX.
"""

from __future__ import annotations

from functools import lru_cache

from bsa_drafter.detectors.base import Chapter, Detector, Located, Miss, ParagraphScan, Reading, Sentence
from bsa_drafter.detectors.registry import detectors_for
from bsa_drafter.detectors.text import Pattern, normalise, rx, sentence_spans
from bsa_drafter.models import Document, Feature


@lru_cache(maxsize=8192)
def scan_paragraph(text: str, language: str = "en", heading: bool = False) -> ParagraphScan:
    """Every local signal in one paragraph (in a heading, only what detectors that read headings
    find). Pure and cached: same text, same scan."""
    norm = normalise(text)
    lower = norm.lower()
    spans = sentence_spans(norm)
    # without a semicolon or a line break, the full-stop sentences are the same spans
    wholes = sentence_spans(norm, semicolons=False) if (";" in norm or "\n" in norm) else spans
    scan = ParagraphScan(spans)
    gates = _gates(language, heading)
    whole_index = 0
    for start, end in spans:
        while whole_index < len(wholes) - 1 and wholes[whole_index][1] <= start:
            whole_index += 1
        whole = wholes[whole_index] if wholes else (start, end)
        low = lower[start:end]
        sentence = None
        for detector, keywords in gates:
            # the keyword test inline: it runs for every detector on every sentence
            if keywords is None:
                wanted = detector.wants(low)
            else:
                wanted = not keywords
                for word in keywords:
                    if word in low:
                        wanted = True
                        break
            if wanted:
                if sentence is None:
                    sentence = Sentence(norm[start:end], low, start, end, whole, norm, lower)
                detector.scan(sentence, scan)
    for detector, _ in gates:
        detector.scan_paragraph(norm, scan)
    return scan


@lru_cache(maxsize=16)
def _gates(language: str, heading: bool) -> tuple[tuple[Detector, tuple[str, ...] | None], ...]:
    """The detectors that read a paragraph (in a heading, only those that read headings), each
    with its keywords, or None where the detector decides itself whether a sentence is worth
    reading."""
    return tuple(
        (d, None if type(d).wants is not Detector.wants else d.keywords)
        for d in detectors_for(language)
        if d.reads_headings or not heading
    )


def language_of(document: Document) -> str:
    """The language whose detectors read a document: its own, or English when the reader could
    not tell ("und"), as for our own drafts, whose library is English."""
    code = document.language.code
    return "en" if code == "und" else code


def scan_document(document: Document) -> list[ParagraphScan]:
    """The scan of every paragraph and heading, in the document's language."""
    language = language_of(document)
    return [scan_paragraph(p.text, language, p.kind == "heading") for p in document.paragraphs]


def extract_features(document: Document) -> dict[str, Feature]:
    """All features of a document, each with its occurrences and evidence. A text in a language
    without detectors gets none: English patterns say nothing true about it."""
    detectors = detectors_for(language_of(document))
    if not detectors:
        return {}
    reading = reading_of(document)
    features: dict[str, Feature] = {}
    for detector in detectors:
        features.update(detector.combine(reading))
    return features


def reading_of(document: Document) -> Reading:
    """The document as every detector's `combine` sees it: its signals and misses in document
    order, and the chapter of each paragraph."""
    scans = scan_document(document)
    signals: dict[str, list[Located]] = {}
    misses: dict[str, list[tuple[int, Miss]]] = {}
    for index, scan in enumerate(scans):
        for kind, found in scan.signals.items():
            signals.setdefault(kind, []).extend((index, s) for s in found)
        for feature, near in scan.misses.items():
            misses.setdefault(feature, []).extend((index, m) for m in near)
    chapters = [chapter_of(p.heading) if p.kind == "paragraph" else None for p in document.paragraphs]
    return Reading(document, scans, signals, misses, chapters)


# Each chapter by its words in English and in Ukrainian (stems: Ukrainian headings inflect).
_CHAPTERS: tuple[tuple[Chapter, Pattern], ...] = (
    ("attack", rx(r"\battack|\baggression|\bнапад|\bагресі")),
    ("preamble", rx(r"\bpreamble|\brecitals?\b|\bпреамбул")),
    (
        "final",
        rx(
            r"\bfinal\s+provisions|\btermination|\bduration|\bentry\s+into|\btime\s*frame|\bamendments?\b|\bvalidity"
            r"|\bприкінцев|\bзаключн\w+\s+положен|\bприпинен|\bстрок\w*\s+дії|\bнабрання\s+чинн|\bнабуття\s+чинн"
            r"|\bзміни\s+(?:до|та)|\bчинніст"
        ),
    ),
    ("reform", rx(r"\breforms?\b|\bреформ")),
    (
        "fiscal",
        rx(
            r"\bfiscal|\bbudget|\bfinanc|\bmacro-?economic|\brecovery|\breconstruction|\beconomic|\bcompensation"
            r"|\bфінанс|\bбюджет|\bмакроекономі|\bвідновлен|\bвідбудов|\bекономі|\bкомпенсац"
        ),
    ),
    (
        "political",
        rx(
            r"\bsanctions|\baccountability|\bjust\s+peace|\bpolitical|\bpeace\s+formula|\bjustice"
            r"|\bсанкці|\bвідповідальн|\bсправедлив\w*\s+мир|\bполітичн|\bформул\w*\s+миру|\bправосудд"
        ),
    ),
    (
        "civil",
        rx(
            r"\bnon-?\s?military|\bhumanitarian|\bcyber|\binformation|\borgani[sz]ed\s+crime"
            r"|\bcritical\s+infrastructure|\bhybrid"
            r"|\bневійськов|\bгуманітарн|\bкібер|\bінформаці|\bорганізован\w*\s+злочин|\bкритичн\w*\s+інфраструктур"
            r"|\bгібридн"
        ),
    ),
    (
        "defence",
        rx(
            r"\bdefen[cs]e|\bdefending|\bmilitary|\barmed\s+forces|\bforces?\b|\bsecurity\s+assistance|\bweapons"
            r"|\bcapabilit"
            r"|\bоборон|\bвійськов|\bзбройн\w*\s+сил|\bсил[аиі]?\b|\bбезпеков\w*\s+допомог|\bозброєн|\bспроможност"
        ),
    ),
    (
        "introduction",
        rx(
            r"\bintroduction|\bscope\b|\bgeneral\s+provisions|\bpurpose"
            r"|\bвступ(?:ні\s+положення)?\s*$|\bсфера\s+застосування|\bзагальн\w*\s+положен|\bмета\b"
        ),
    ),
)


@lru_cache(maxsize=1024)
def chapter_of(heading: str) -> Chapter | None:
    """The chapter a paragraph stands in, from its headings ("Part II. Defence and Security /
    Maritime security"): the Part decides, its subheading only when the Part says nothing."""
    if not heading:
        return None
    levels = [level for level in heading.split(" / ") if level.strip()]
    for level in levels:
        for chapter, pattern in _CHAPTERS:
            if pattern.search(level):
                return chapter
    return "other"
