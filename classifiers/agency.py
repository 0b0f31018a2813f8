"""Facts about the agency that extraction must not take for the applicant's.

The extraction itself runs as components of the spaCy pipeline (classifiers/nlp.py)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AgencyFacts:
    """What belongs to the agency, so it is never taken for the applicant's."""
    phones: tuple[str, ...] = ("0635-8519813", "0635-8519810")
    address_words: tuple[str, ...] = ("黄河路101号",)
    email: str = "lczj_bgs@lc.shandong.cn"
