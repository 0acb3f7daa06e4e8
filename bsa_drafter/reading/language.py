"""Which language a text is in, with the evidence a reader can check.

A script test first (Cyrillic, Greek, Japanese ...), then, within a script, the letters only one
language uses (Ukrainian і ї є ґ, Russian ы э ъ ё) and the share of each language's commonest
function words. Function words make up a third or more of any running text, so the test is
reliable on a paragraph and very reliable on a whole agreement; it needs no model and explains
itself. Each paragraph is judged alone and the document takes the language of most of its
words, so a bilingual text in two columns is reported as what most of it is, with the shares.
"""

from __future__ import annotations

import re
from collections import Counter

from bsa_drafter.models import Document, Language

_STOP_WORDS = {
    "en": "the of and to in is that for with will be on as by this are its which shall have their from an it not or",
    "de": "der die und das den des ist nicht mit sich auf für dem eine ein zu im werden wird von auch als bei nach",
    "fr": "le la les des et du une un est dans pour que qui sur par au aux ne pas sont cette ses leur être",
    "es": "el los las del que en por con una para es se al como su más sus entre este esta ser",
    "it": "il di che della delle degli per con una sono gli nel alla dei è anche nella tra questo",
    "pt": "os das dos não uma para com que em ao pela pelo é são seu sua entre este esta",
    "nl": "de het een van en in is dat op te voor met zijn niet aan worden wordt ook bij door deze",
    "sv": "och att det som en på är av för med till den har inte om ett kommer skall ska samt",
    "da": "og at det som en på er af for med til den har ikke om et vil skal samt",
    "no": "og at det som en på er av for med til den har ikke om et vil skal samt",
    "pl": "i w na z się że do nie jest to o oraz przez dla jak od są będzie",
    "cs": "a v na se že je s z do o k pro jako které není jsou bude také",
    "ro": "și în de la cu pe care este un o din pentru nu să ale al sau",
    "fi": "ja on että ei se oli mutta tai kun joka ovat myös sekä",
    "et": "ja on et ei ka see oli kui mis ning või samuti",
    "lv": "un ir ar uz no par kas lai kā tas arī tiek",
    "lt": "ir kad su iš į tai yra kaip bet už apie bei",
    "hr": "i je u na se da za su od koji s kao ili će",
    "sl": "in je na se da za so ki ne tudi ali bo",
    "hu": "a az és hogy nem is egy van meg ez de már",
    "sq": "të e në dhe për me që një është nga si",
    "uk": "і та в на з що до не як у це за від для або також буде є",
    "ru": "и в на с что до не как это за от для или также будет",
    "bg": "и в на с че до не като това за от или също ще са",
    "mk": "и во на со дека до не како ова за од или исто ќе се",
}
_STOP = {code: frozenset(words.split()) for code, words in _STOP_WORDS.items()}
_CYRILLIC = ("uk", "ru", "bg", "mk")
# letters that only one of the Cyrillic languages written here uses
_MARKERS = {"uk": set("іїєґ"), "ru": set("ыэё"), "mk": set("ќѓѕљњџј")}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

# (script, its letters); each counted by one regular expression, in C
_SCRIPTS = (
    ("latin", re.compile(r"[A-Za-z\u00c0-\u024f]")),
    ("cyrillic", re.compile(r"[\u0400-\u04ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("ka", re.compile(r"[\u10a0-\u10ff]")),
    ("hy", re.compile(r"[\u0530-\u058f]")),
)
# each function word -> the languages that use it
_LANGUAGES_OF: dict[str, tuple[str, ...]] = {}
for _code, _words in _STOP.items():
    for _word in _words:
        _LANGUAGES_OF[_word] = _LANGUAGES_OF.get(_word, ()) + (_code,)
_NAMES = {
    "en": "English",
    "uk": "Ukrainian",
    "ru": "Russian",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "sv": "Swedish",
    "da": "Danish",
    "no": "Norwegian",
    "pl": "Polish",
    "cs": "Czech",
    "ro": "Romanian",
    "fi": "Finnish",
    "et": "Estonian",
    "lv": "Latvian",
    "lt": "Lithuanian",
    "hr": "Croatian",
    "sl": "Slovenian",
    "hu": "Hungarian",
    "sq": "Albanian",
    "bg": "Bulgarian",
    "mk": "Macedonian",
    "el": "Greek",
    "ja": "Japanese",
    "zh": "Chinese",
    "ko": "Korean",
    "ar": "Arabic",
    "he": "Hebrew",
    "ka": "Georgian",
    "hy": "Armenian",
    "und": "undetermined",
}
MIN_WORDS = 3


def language_name(code: str) -> str:
    return _NAMES.get(code, code)


# any letter of a script other than Latin and Cyrillic: most paragraphs have none, and then the
# other scripts need not be counted one by one
_OTHER_SCRIPTS = re.compile("[" + "".join(pattern.pattern[1:-1] for _, pattern in _SCRIPTS[2:]) + "]")


def _script(text: str) -> tuple[str, int]:
    counts = {script: len(pattern.findall(text)) for script, pattern in _SCRIPTS[:2]}
    if _OTHER_SCRIPTS.search(text):
        counts.update((script, len(pattern.findall(text))) for script, pattern in _SCRIPTS[2:])
    script = max(counts, key=counts.__getitem__)
    return (script, counts[script]) if counts[script] else ("none", 0)


def paragraph_language(text: str) -> str:
    """The language of one paragraph, or "und" when it is too short or unclear to say."""
    script, letters = _script(text)
    if script == "none" or letters < 2:
        return "und"
    if script not in ("latin", "cyrillic"):
        return script
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return "und"
    if script == "cyrillic":
        lowered = text.lower()
        for code, letters_of in _MARKERS.items():
            if any(c in letters_of for c in lowered):
                return code
        candidates = _CYRILLIC
    else:
        candidates = tuple(code for code in _STOP if code not in _CYRILLIC)
    scores = Counter(code for word in words for code in _LANGUAGES_OF.get(word, ()) if code in candidates)
    if not scores:
        return "und"
    return max(scores, key=lambda c: (scores[c], c == "en"))


def detect_language(document: Document) -> Language:
    """The document's language: that of most of its words, with the shares and the reason."""
    words_by_language: Counter[str] = Counter()
    for paragraph in document.paragraphs:
        count = len(paragraph.text.split())
        words_by_language[paragraph_language(paragraph.text)] += count
    total = sum(words_by_language.values())
    judged = {code: n for code, n in words_by_language.items() if code != "und"}
    judged_total = sum(judged.values())
    if not judged_total:
        return Language("und", 0.0, "too little text to tell its language", {})
    shares = {code: round(n / total, 3) for code, n in sorted(judged.items(), key=lambda kv: -kv[1])}
    code = max(judged, key=judged.__getitem__)
    confidence = judged[code] / judged_total
    if confidence < 0.5:
        evidence = "no language has most of the words: " + _share_text(shares)
        return Language("und", round(confidence, 3), evidence, shares)
    evidence = f"{shares[code]:.0%} of the words are {language_name(code)}"
    marker = _MARKERS.get(code)
    if marker:
        evidence += f" (letters only {language_name(code)} uses: {' '.join(sorted(marker))})"
    elif code in _STOP:
        evidence += " (by its commonest function words)"
    others = {c: s for c, s in shares.items() if c != code and s >= 0.02}
    if others:
        evidence += "; also " + _share_text(others)
    return Language(code, round(confidence, 3), evidence, shares)


def _share_text(shares: dict[str, float]) -> str:
    return ", ".join(f"{language_name(code)} {share:.0%}" for code, share in list(shares.items())[:3])
