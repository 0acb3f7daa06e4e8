"""The registry: which detectors exist, per language, and the features they declare.

Every module of a language's package (`bsa_drafter/detectors/en/` for English) that defines
`DETECTOR` is a detector of that language; adding one is adding a module. The list of features
that playbook rules may name, the CLI's feature table, the analysis JSON and the app's analysis
rows are all read from here. A language with no package has no detectors: its texts are not read.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from functools import cache

from bsa_drafter.detectors.base import Detector, FeatureSpec

# Detectors that read no wording of their own language (brackets and placeholders, wording drift,
# the two language versions compared) and so hold in any language the text has detectors for.
_ANY_LANGUAGE = ("bsa_drafter.detectors.marks", "bsa_drafter.detectors.drift", "bsa_drafter.detectors.bilingual")


@cache
def detectors_for(language: str) -> tuple[Detector, ...]:
    """The detectors for one language (English: "en"), in display order; none for a language
    without a package of its own."""
    package_name = f"{__package__}.{language}"
    if not language.isalpha() or importlib.util.find_spec(package_name) is None:
        return ()
    package = importlib.import_module(package_name)
    found: list[Detector] = []
    for module_info in pkgutil.iter_modules(package.__path__):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package_name}.{module_info.name}")
        detector = getattr(module, "DETECTOR", None)
        if isinstance(detector, Detector):
            found.append(detector)
    if not found:
        return ()
    found += [importlib.import_module(name).DETECTOR for name in _ANY_LANGUAGE]
    found.sort(key=lambda d: (d.order, d.features[0].name))
    return tuple(found)


@cache
def languages() -> tuple[str, ...]:
    """The languages that have detectors."""
    return tuple(
        info.name
        for info in pkgutil.iter_modules(importlib.import_module(__package__).__path__)
        if info.ispkg and detectors_for(info.name)
    )


@cache
def feature_specs() -> dict[str, FeatureSpec]:
    """Every feature any detector declares, by name, in display order. A feature declared for
    two languages must mean the same in both."""
    specs: dict[str, FeatureSpec] = {}
    for language in languages():
        for detector in detectors_for(language):
            for spec in detector.features:
                if specs.setdefault(spec.name, spec) != spec:
                    raise ValueError(f"feature {spec.name!r} is declared twice with different meanings")
    return specs


def per_occurrence_features() -> tuple[str, ...]:
    """The features whose occurrences a rule may take one by one (`each = name`)."""
    return tuple(name for name, spec in feature_specs().items() if spec.each)


@cache
def clause_tags() -> dict[str, str]:
    """Signal kind -> the clause tag it points at, for the clause mapping."""
    tags: dict[str, str] = {}
    for language in languages():
        for detector in detectors_for(language):
            tags.update(detector.tags)
    return tags
