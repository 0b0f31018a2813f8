"""Article 29's three items: which an application lacks (the status that follows: test_decide.py)."""
import pytest

from intake.classifiers.completeness import check, is_vague
from intake.kernel import Applicant, Delivery, Extraction, Missing, Request

FULL = Applicant(kind="person", category="individual", name="李四", id_type="resident_id",
                 id_number="110101199003070011", phone="13900000000")


def extraction(applicant=FULL, description="2024年本区电梯监督抽查结果", media=("paper",), methods=("post",)):
    return Extraction(applicant=applicant, request=Request(description=description),
                      delivery=Delivery(media=media, methods=methods))


def test_complete_application_lacks_nothing():
    assert check(extraction()).missing == ()


def test_each_missing_item():
    bare = Applicant(kind="person", category="individual")
    result = check(extraction(applicant=bare, description=None, media=(), methods=()))
    assert set(result.missing) == set(Missing)
    assert len(result.reasons) == len(Missing)


def test_contact_is_any_of_phone_email_address():
    only_address = Applicant(kind="person", name="李四", id_number="110101199003070011", address="北京市东城区某路1号")
    assert Missing.APPLICANT_CONTACT not in check(extraction(applicant=only_address)).missing


@pytest.mark.parametrize("description", ["你局所有文件", "贵局掌握的全部信息", "贵局今年的相关文件", "你局关于我们小区的相关材料",
                                         "全部相关材料"])
def test_vague_requests(description):
    assert is_vague(description)
    assert Missing.REQUEST_DESCRIPTION in check(extraction(description=description)).missing


@pytest.mark.parametrize("description", ["2024年度本市食品安全抽检不合格产品名单", "对某公司作出的行政处罚决定书",
                                         "你局2023年发布的全部产品质量抽查公告"])
def test_specific_requests(description):
    assert not is_vague(description)


def test_a_missing_item_is_looked_for_again_in_the_whole_text():
    from intake.classifiers.completeness import unread_hints
    text = "申请书\n本人李四，证号 37150219880101123X（复印件附后）\n请以纸质形式邮寄给我。"
    assert unread_hints(text, (Missing.APPLICANT_ID,), asks_information=False)
    assert unread_hints(text, (Missing.DELIVERY_FORMAT,), asks_information=False)
    assert not unread_hints("申请书\n本人李四\n申请公开2024年抽检结果", (Missing.APPLICANT_ID, Missing.DELIVERY_FORMAT),
                            asks_information=False)


def test_the_agencys_own_phone_is_not_the_applicants_contact():
    from intake.classifiers.completeness import unread_hints
    text = "聊城市市场监督管理局（电话0635-8519813）：\n我想要去年的抽检结果"
    assert not unread_hints(text, (Missing.APPLICANT_CONTACT,), asks_information=False, agency_phones=("0635-8519813",))
    assert unread_hints(text.replace("0635-8519813", "13912345678"), (Missing.APPLICANT_CONTACT,), asks_information=False,
                        agency_phones=("0635-8519813",))
