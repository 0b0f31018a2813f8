"""Understanding as a whole: confidence, review, marking."""
from intake.classifiers.decide import decide_status
from intake.classifiers.understand import understand
from intake.kernel import Route, Status

INCOMPLETE = ("政府信息公开申请书\n申请人：冯十二，联系电话：13500000012。\n现申请公开以下政府信息：\n"
              "2024年本区电梯监督抽查结果通报。\n")


def status_of(text, ocr_confidence):
    result = understand(text, ocr_confidence=ocr_confidence)
    return result, decide_status(route=result.classification.route, missing=result.check.missing, sha256="0" * 64,
                                 confidence=result.confidence, ocr_confidence=ocr_confidence)


def test_incomplete_application_well_read_needs_correction():
    result, decision = status_of(INCOMPLETE, 0.98)
    assert decision.status == Status.NEEDS_CORRECTION
    assert result.classification.route == Route.APPLICATION


def test_incomplete_application_poorly_read_goes_to_a_person():
    result, decision = status_of(INCOMPLETE, 0.55)
    assert decision.status == Status.NEEDS_REVIEW
    assert decision.confidence < 0.5


def test_nothing_recognisable_is_not_a_confident_answer():
    result = understand("＊＊＊ 12 34 ab cd")
    assert result.confidence < 0.9
