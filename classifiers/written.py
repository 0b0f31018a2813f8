"""Values found in a simplified copy of a document, given back in the characters it was written in.

A traditional-script letter is understood through a simplified copy (the reading stage makes it,
one character for one), so that labels, cue words and laws are recognised; but the office records a
name, an address or a request as the applicant wrote it (陳大文, 灣仔告士打道, 貴局…). Within one
document a writer uses one form of each character, so the copy's characters map back unambiguously.
"""
from __future__ import annotations

from dataclasses import replace

from intake.kernel import Applicant, Extraction, Request

# Dialect pronouns of the region's letters (俺是…村的, 恁局里…), one character for one, so the copy
# is read like any letter and the values go back as written.
_PLAIN_PRONOUNS = str.maketrans({"俺": "我", "恁": "您", "咱": "我"})


def plain_pronouns(text: str) -> str:
    return text.translate(_PLAIN_PRONOUNS)


def as_written(extraction: Extraction, simplified: str, written: str) -> Extraction:
    back = {copy: original for copy, original in zip(simplified, written, strict=False) if copy != original}
    if not back:
        return extraction
    # Identifiers (ID numbers, phones, e-mail) are the same in either script: only words go back.

    def restore(value: str | None) -> str | None:
        return None if value is None else "".join(back.get(char, char) for char in value)

    found = extraction.applicant
    applicant: Applicant = replace(found, name=restore(found.name), address=restore(found.address),
                                   contact_person=restore(found.contact_person))
    request: Request = replace(extraction.request, description=restore(extraction.request.description),
                               titles=tuple(restore(t) or "" for t in extraction.request.titles),
                               doc_numbers=tuple(restore(n) or "" for n in extraction.request.doc_numbers))
    return replace(extraction, applicant=applicant, request=request)
