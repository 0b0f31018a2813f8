"""What happens next to a document: the one place its status is decided.

The pipeline (a new file, a reprocessed one, a resumed one) and the office's changes on the
review page all come here, so a status always follows from the same rules:

1. nothing readable → needs_review (a person looks at an empty e-mail);
2. not an application → routed (Art. 39: petitions, complaints and reports are passed on),
   unless the route itself is doubtful: a letter routed away wrongly is an application unanswered;
3. a repeat of an earlier application of the same applicant for the same information →
   duplicate, unless the earlier one lacked Art. 29 items and this one is complete: then it is
   the corrected application (Art. 30) and accepted, its own receipt starting the reply clock;
4. a doubtful reading → needs_review: the confidence is below the review threshold, a page was
   read so poorly that a "missing" item may simply not have been recognised, or the whole text
   holds something that may be the missing item (a number shaped like an ID, a phone) — a
   correction notice is never drafted for what the applicant wrote and the reading missed;
5. Art. 29 items missing → needs_correction (a correction notice is drafted); else accepted.
"""
from __future__ import annotations

from dataclasses import dataclass

from intake.kernel import Missing, Route, Status

@dataclass(frozen=True, slots=True)
class ReviewRules:
    """Thresholds below which the office decides rather than the service."""
    review_below: float = 0.5        # the record's confidence
    poorly_read_below: float = 0.7   # the worst page's mean recogniser score
    # A record sent to review for a poor page carries at most this confidence.
    poorly_read_confidence: float = 0.45


@dataclass(frozen=True, slots=True)
class EarlierApplication:
    """An earlier application this one repeats: same applicant, same information."""
    document_id: int
    sha256: str
    status: Status
    missing: tuple[Missing, ...] = ()      # what the earlier one lacked, as read


@dataclass(frozen=True, slots=True)
class Decision:
    status: Status
    missing: tuple[Missing, ...]
    confidence: float
    duplicate_of: str | None = None
    corrects: EarlierApplication | None = None     # Art. 30: the application this one completes
    reasons: tuple[str, ...] = ()


def decide_status(*, route: Route, missing: tuple[Missing, ...], sha256: str, confidence: float = 1.0,
                  ocr_confidence: float = 1.0, has_text: bool = True, earlier: EarlierApplication | None = None,
                  reviewed: bool = False, unread: tuple[str, ...] = (), rules: ReviewRules = ReviewRules(),
                  doubts: tuple[str, ...] = ()) -> Decision:
    """The status of one document. `reviewed`: a person has looked (the office's edits), so the
    doubts of rule 4 no longer apply."""
    if route != Route.APPLICATION:
        if not has_text:
            return Decision(Status.NEEDS_REVIEW, (), confidence, reasons=("nothing readable to route on",))
        if not reviewed and confidence < rules.review_below:
            return Decision(Status.NEEDS_REVIEW, (), confidence,
                            reasons=(f"route {route} doubtful: confidence {confidence:.2f} below {rules.review_below}",))
        return Decision(Status.ROUTED, (), confidence, reasons=(f"route {route}: not an application",))
    status, confidence, reasons = _own_status(missing, confidence, ocr_confidence, has_text, reviewed, rules)
    if status == Status.NEEDS_CORRECTION and unread and not reviewed:
        status, reasons = Status.NEEDS_REVIEW, reasons + unread
    if status == Status.ACCEPTED and doubts and not reviewed:
        # An ID that fails its check: accepting would register a wrong identity; a person asks.
        status, reasons = Status.NEEDS_REVIEW, reasons + doubts
    if earlier is None:
        return Decision(status, missing, confidence, reasons=reasons)
    # Art. 30: a complete re-send of an incomplete application corrects it — also when the earlier
    # one still waits for a person (in review, no notice sent yet) with items missing.
    incomplete = earlier.status == Status.NEEDS_CORRECTION or (earlier.status == Status.NEEDS_REVIEW and bool(earlier.missing))
    if incomplete and earlier.sha256 != sha256 and status == Status.ACCEPTED:
        return Decision(Status.ACCEPTED, missing, confidence, corrects=earlier,
                        reasons=reasons + (f"correction of the earlier application #{earlier.document_id} "
                                           f"({earlier.sha256[:12]}), Art. 30",))
    return Decision(Status.DUPLICATE, missing, confidence, duplicate_of=earlier.sha256,
                    reasons=reasons + (f"repeats the earlier application #{earlier.document_id} "
                                       f"({earlier.sha256[:12]})",))


def _own_status(missing: tuple[Missing, ...], confidence: float, ocr_confidence: float, has_text: bool,
                reviewed: bool, rules: ReviewRules) -> tuple[Status, float, tuple[str, ...]]:
    """Rules 1, 4 and 5 for an application taken on its own."""
    if not has_text:
        return Status.NEEDS_REVIEW, confidence, ("nothing readable",)
    if not reviewed and confidence < rules.review_below:
        return Status.NEEDS_REVIEW, confidence, (f"confidence {confidence:.2f} below {rules.review_below}",)
    if not missing:
        return Status.ACCEPTED, confidence, ()
    if not reviewed and ocr_confidence < rules.poorly_read_below:
        # Do not send a correction notice for items the recogniser may simply have missed.
        return (Status.NEEDS_REVIEW, min(confidence, rules.poorly_read_confidence),
                (f"page poorly read (OCR {ocr_confidence:.2f})",))
    return Status.NEEDS_CORRECTION, confidence, ()
