"""Letters and e-mails written freely: the subject as the title, who signed and where they live,
which number is the writer's phone, what says how the answer should come. Texts invented here."""
from __future__ import annotations

from intake.classifiers.contact import phone_of, postcode_of
from intake.classifiers.delivery import extract_delivery
from intake.classifiers.fields.reflow import is_heading
from intake.classifiers.route.rules import classify
from intake.classifiers.understand import understand
from intake.kernel import EmailMeta, Route
from tests.helpers import resident_id

PERSON_ID = resident_id("37152219800315241")


def test_a_forwarded_notice_is_other_mail_by_its_subject() -> None:
    text = ("各县市区局办公室：\n现将《关于举办政务公开业务培训班的通知》转发给你们，请选派1名同志参加。\n"
            "培训内容：政府信息公开条例解读、依申请公开答复规范\n联系人：周明 0531-86051111")
    subject = "转发：关于举办2025年政务公开业务培训班的通知"
    routed = understand(text, email=EmailMeta(subject=subject, sender_name=None, sender_address=None, date=None))
    assert routed.classification.route == Route.OTHER
    # A subject that names a document asked for is no notice.
    asked = classify("申请公开《关于加强校园食品安全管理的通知》全文。", subject="申请公开《关于加强校园食品安全管理的通知》")
    assert asked.route == Route.APPLICATION


def test_greetings_and_postal_slips_are_other_mail_by_their_title() -> None:
    assert classify("新年贺信\n值此新春佳节，向全体干部职工致以节日的问候！").route == Route.OTHER
    assert classify("邮件退回批条\n邮件号码 XA123\n退回原因 ☑收件人拒收\n投递员 李强").route == Route.OTHER


def test_a_plea_for_the_leaders_to_take_the_writers_side_is_a_petition() -> None:
    text = "领导：我的货车被执法人员扣了半个月，货都坏了。我求领导做主，把车还给我。"
    assert understand(text).classification.route == Route.PETITION


def test_a_bilingual_title_is_a_heading() -> None:
    assert is_heading("政府信息公开申请表 Application for Government Information Disclosure")
    assert not is_heading("我要申请 the records of 2024")


def test_an_abbreviation_does_not_end_the_english_request() -> None:
    text = ("Dear Sir or Madam,\nI would like to request copies of all penalty decisions issued in 2024, "
            "including Decision No. 聊市监处罚〔2024〕88号.\nName: Jane Doe\nPassport No.: 538790001\n"
            "Please send them in electronic form to jane@example.org.")
    request = understand(text).extraction.request
    assert request.description.endswith("聊市监处罚〔2024〕88号") and request.doc_numbers == ("聊市监处罚〔2024〕88号",)


def test_the_number_named_a_phone_wins_over_one_to_fax_to() -> None:
    text = "请传真至0635-7310000。\n申请人：吴海燕，电话13805359876"
    assert phone_of([], text, ()) == "13805359876"


def test_a_postcode_in_brackets_after_the_address_in_prose() -> None:
    assert postcode_of([], "手机：13805359876  地址：冠县清泉街道红旗路21号（252500）") == "252500"
    assert postcode_of([], "通讯地址：济南市历城区山大南路27号研究生公寓（250100）") == "250100"


def test_an_e_mail_signed_with_name_and_phone_and_an_address_line() -> None:
    text = "你好，\n我要申请公开你们局2024年的食品抽检结果，发我邮箱就行。\n吴海燕 13805359876\n冠县清泉街道红旗路21号"
    email = EmailMeta(subject="政府信息公开申请", sender_name=None, sender_address="wuhy@example.com", date=None)
    applicant = understand(text, email=email).extraction.applicant
    assert applicant.name == "吴海燕" and applicant.address == "冠县清泉街道红旗路21号"


def test_how_the_letter_was_sent_is_not_how_the_answer_should_come() -> None:
    text = ("昨天已传真申请表，怕没收到，再发邮件一份。\n申请公开：2025年本县停业整顿的餐饮单位名单。\n请传真至0635-7310000。")
    delivery = extract_delivery(text, [])
    assert [str(m) for m in delivery.methods] == ["fax"]


def test_an_unpunctuated_request_ends_where_the_writer_says_how_to_send_it() -> None:
    text = (f"我是冠县的退休职工吴海燕\n我要你们单位2024年冠县农贸市场快检的检测记录复印了寄给我我慢慢看\n"
            f"身份证{PERSON_ID}电话13805359876\n地址冠县清泉街道红旗路21号")
    extraction = understand(text).extraction
    assert extraction.request.description.endswith("快检的检测记录")
    assert [str(m) for m in extraction.delivery.media] == ["paper"]
    assert [str(m) for m in extraction.delivery.methods] == ["post"]


def test_a_postcode_after_the_address_and_a_comma() -> None:
    assert postcode_of([], "地址：聊城市东昌府区湖西街道东昌西路45号3号楼1单元502，252000\n") == "252000"
