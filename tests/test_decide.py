"""decide_status: the one place a record's status is decided, rule by rule."""
from intake.classifiers.decide import EarlierApplication, ReviewRules, decide_status
from intake.kernel import Missing, Route, Status

SHA = "a" * 64
EARLIER = "b" * 64


def decide(**kwargs):
    arguments = {"route": Route.APPLICATION, "missing": (), "sha256": SHA, **kwargs}
    return decide_status(**arguments)


def test_complete_application_is_accepted():
    assert decide().status == Status.ACCEPTED


def test_missing_items_draw_a_correction_notice():
    decision = decide(missing=(Missing.APPLICANT_ID,))
    assert decision.status == Status.NEEDS_CORRECTION and decision.missing == (Missing.APPLICANT_ID,)


def test_non_applications_are_routed_with_nothing_missing():
    for route in (Route.PETITION, Route.COMPLAINT, Route.REPORT, Route.CONSULTATION, Route.OTHER):
        decision = decide(route=route, missing=(Missing.APPLICANT_ID,))
        assert decision.status == Status.ROUTED and decision.missing == ()


def test_nothing_readable_goes_to_a_person():
    assert decide(has_text=False).status == Status.NEEDS_REVIEW
    assert decide(route=Route.OTHER, has_text=False).status == Status.NEEDS_REVIEW


def test_low_confidence_goes_to_review_unless_a_person_looked():
    assert decide(confidence=0.3).status == Status.NEEDS_REVIEW
    assert decide(confidence=0.3, reviewed=True).status == Status.ACCEPTED
    assert decide(confidence=0.3, rules=ReviewRules(review_below=0.2)).status == Status.ACCEPTED


def test_no_correction_notice_from_a_poorly_read_page():
    decision = decide(missing=(Missing.APPLICANT_CONTACT,), ocr_confidence=0.5, confidence=0.9)
    assert decision.status == Status.NEEDS_REVIEW and decision.confidence <= 0.45
    # a complete application read poorly is still complete
    assert decide(ocr_confidence=0.5).status == Status.ACCEPTED


def test_a_repeat_is_a_duplicate_naming_the_earlier_record():
    decision = decide(earlier=EarlierApplication(3, EARLIER, Status.ACCEPTED))
    assert decision.status == Status.DUPLICATE and decision.duplicate_of == EARLIER


def test_the_same_file_again_is_a_duplicate_even_of_an_incomplete_application():
    decision = decide(missing=(Missing.APPLICANT_ID,), sha256=EARLIER,
                      earlier=EarlierApplication(3, EARLIER, Status.NEEDS_CORRECTION))
    assert decision.status == Status.DUPLICATE


def test_a_complete_resend_of_an_incomplete_application_is_its_correction():
    earlier = EarlierApplication(3, EARLIER, Status.NEEDS_CORRECTION)
    decision = decide(earlier=earlier)
    assert decision.status == Status.ACCEPTED and decision.corrects == earlier and decision.duplicate_of is None


def test_a_complete_resend_of_an_incomplete_application_still_in_review_is_its_correction():
    earlier = EarlierApplication(3, EARLIER, Status.NEEDS_REVIEW, (Missing.DELIVERY_FORMAT,))
    decision = decide(earlier=earlier)
    assert decision.status == Status.ACCEPTED and decision.corrects == earlier
    # an earlier one in review with nothing missing is simply repeated
    assert decide(earlier=EarlierApplication(3, EARLIER, Status.NEEDS_REVIEW)).status == Status.DUPLICATE


def test_a_still_incomplete_resend_is_a_duplicate():
    decision = decide(missing=(Missing.APPLICANT_ID,), earlier=EarlierApplication(3, EARLIER, Status.NEEDS_CORRECTION))
    assert decision.status == Status.DUPLICATE


def test_a_doubtful_route_away_goes_to_a_person():
    assert decide(route=Route.OTHER, confidence=0.4).status == Status.NEEDS_REVIEW
    assert decide(route=Route.PETITION, confidence=0.4, reviewed=True).status == Status.ROUTED


def test_no_correction_notice_for_what_the_text_may_hold():
    decision = decide(missing=(Missing.APPLICANT_ID,), unread=("applicant_id: the text may hold it after all ('3715…')",))
    assert decision.status == Status.NEEDS_REVIEW and decision.reasons[-1].startswith("applicant_id")
    assert decide(missing=(Missing.APPLICANT_ID,), unread=("…",), reviewed=True).status == Status.NEEDS_CORRECTION


def test_the_review_threshold_comes_from_intake_toml(tmp_path):
    from click.testing import CliRunner

    from intake.cli import main
    from tests.helpers import parse_jsonl
    home = tmp_path / "home"
    CliRunner().invoke(main, ["--home", str(home), "init"])
    config = home / "intake.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("review_below = 0.5", "review_below = 0.999"),
                      encoding="utf-8")
    letter = tmp_path / "a.txt"
    letter.write_text("政府信息公开申请书\n申请人：郑十一，居民身份证号码：110101199003070011，联系电话：13600000011。\n"
                      "现申请公开以下政府信息：\n2024年本区电梯维保单位监督检查结果。\n希望以纸质形式邮寄给我。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--home", str(home), "process", "--json", str(letter)])
    assert parse_jsonl(result.stdout)[0]["status"] == "needs_review"
