"""Facts about the agency that extraction must not take for the applicant's. They come from
the office's configuration (`intake.pipeline.services.agency_facts`); nothing here names an agency."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AgencyFacts:
    """What belongs to the agency, so it is never taken for the applicant's."""
    phones: tuple[str, ...] = ()
    address_words: tuple[str, ...] = ()
    email: str | None = None
    names: tuple[str, ...] = ()          # the agency's name and its office's, as addressees write them
