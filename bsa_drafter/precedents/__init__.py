"""Precedents from the signed texts themselves.

A folder of signed agreements becomes an index (`build_index`, stored by `save_index`, read
by `load_index`; the format is described in `store.py`). Over it:

    who_accepted(text, index)    the signed paragraphs closest to any wording, with their source
    matrix(index)                agreements x features, each cell with its evidence
    verify(index, library)       the library's "used by" lists checked against the texts
"""

from __future__ import annotations

from bsa_drafter.precedents.build import BuildReport, build_index, previous_index
from bsa_drafter.precedents.record import wording_features
from bsa_drafter.precedents.search import MIN_SIMILARITY, PrecedentMatch, who_accepted
from bsa_drafter.precedents.store import (
    FORMAT_VERSION,
    IndexedAgreement,
    PrecedentIndex,
    default_index_path,
    load_index,
    save_index,
)

__all__ = [
    "FORMAT_VERSION",
    "MIN_SIMILARITY",
    "BuildReport",
    "IndexedAgreement",
    "PrecedentIndex",
    "PrecedentMatch",
    "build_index",
    "default_index_path",
    "load_index",
    "previous_index",
    "save_index",
    "who_accepted",
    "wording_features",
]
