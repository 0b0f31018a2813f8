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


def test_a_foreign_traders_questions_are_a_consultation_not_a_report() -> None:
    text = ("Dear Sir or Madam,\nI work for a food trading company in Munich. We plan to sell German cheese to "
            "supermarkets in Liaocheng.\nCould you please tell me whether the labelling rules for prepackaged food "
            "apply to products that already carry a German label? Does a distributor need a separate licence?\n"
            "Kind regards\nAnna Keller")
    assert understand(text).classification.route == Route.CONSULTATION


def test_asking_what_applying_would_cost_is_a_consultation() -> None:
    text = ("你好，我想问一下，如果我向你们申请公开一些行政处罚决定书，一次申请二十份，要不要交费？"
            "按件收还是按页收？谢谢。\n吴海燕")
    assert understand(text).classification.route == Route.CONSULTATION


def test_a_title_naming_the_reporter_is_no_report() -> None:
    routed = classify("强烈要求追查泄露举报人信息的工作人员\n我去年实名举报过一家超市，结果信息被泄露，老板天天找我麻烦。"
                      "这是打击报复，我要求你局调查泄露信息的工作人员，追究责任。")
    assert not any("title" in reason and "report" in reason for reason in routed.reasons)


def test_a_taiwan_postcode_label_ends_the_address() -> None:
    text = (f"申請人：鴻展精密機械有限公司\n統一社會信用代碼：91371502MA3C8K2L1N\n"
            "地址：聊城市經濟技術開發區長江路66號鴻展精密機械有限公司郵遞區號：252000\n"
            "申請公開：2025年本市機械行業質量抽查結果。\n請以電子郵件發送。")
    from intake.ocr.script import to_simplified
    applicant = understand(to_simplified(text), written=text).extraction.applicant
    assert applicant.address == "聊城市經濟技術開發區長江路66號鴻展精密機械有限公司" and applicant.postcode == "252000"


def test_a_business_licence_copy_does_not_run_into_the_address() -> None:
    from intake.classifiers.fields.pairs import first, read_pairs
    text = "住所\n聊城市东昌府区郑家镇工业园纬二路8号\n经营范围\n速冻食品生产销售\n成立日期\n2012年08月21日\n"
    assert first(read_pairs(text), "address").value == "聊城市东昌府区郑家镇工业园纬二路8号"


def test_where_the_writer_is_from_and_where_to_post_it_are_addresses() -> None:
    assert understand(f"你好，我是东阿县铜城街道孟楼村的孟庆福，身份证{PERSON_ID}。麻烦把2024年村里农资店的抽检结果发我邮箱。"
                      ).extraction.applicant.address == "东阿县铜城街道孟楼村"
    text = f"本人吴海燕，身份证号{PERSON_ID}，申请公开2025年本县白酒抽检不合格后的核查处置情况。请邮寄纸质材料至莘县燕塔街道东关社区12号，邮编252400。"
    assert understand(text).extraction.applicant.address == "莘县燕塔街道东关社区12号"


def test_the_way_fixes_the_form_when_none_is_named() -> None:
    assert [str(m) for m in extract_delivery("请发到我的邮箱。", []).media] == ["electronic"]
    assert [str(m) for m in extract_delivery("请传真给我。", []).media] == ["paper"]


def test_an_e_mails_subject_gives_way_to_the_request_in_its_body() -> None:
    text = ("主题：申请公开消费投诉统计数据（政府信息公开申请）\n老师您好：\n我是一名学生，想申请公开2025年本市受理消费者投诉的数量统计"
            f"及主要投诉类别。\n请把电子版发到我的邮箱。\n身份证号：{PERSON_ID}\n吴海燕")
    assert understand(text).extraction.request.description == "2025年本市受理消费者投诉的数量统计及主要投诉类别"


def test_a_letter_that_asks_about_the_counter_or_tells_of_an_online_try_is_a_letter() -> None:
    from intake.classifiers.channel import detect_channel
    from intake.kernel import Channel, FileKind
    asked = "咨询函\n请问：我要是不会写字，能不能到窗口口头申请，由你们工作人员代填？\n冯建华"
    assert detect_channel(FileKind.PNG, False, False, asked) == Channel.LETTER
    told = "政府信息公开申请\n我在网上提交过一次申请，现在寄一份纸质的。\n申请公开：2024年抽检总体情况。"
    assert detect_channel(FileKind.PNG, False, False, told) == Channel.LETTER
    assert detect_channel(FileKind.PNG, False, False, "政府信息公开申请（窗口受理）\n姓名 王五") == Channel.IN_PERSON


def test_an_advertisement_stays_other_mail_whatever_it_offers() -> None:
    text = ("【限时特惠】办公设备春节前八折\n尊敬的客户：\n本公司为各级政府机关提供复印机、扫描仪整体解决方案，现推出八折优惠。\n"
            "咨询热线：400-618-0000\n如不希望再收到此类邮件，请回复“退订”。")
    understood = understand(text)
    assert understood.classification.route == Route.OTHER and understood.classification.confidence >= 0.5


def test_a_complaint_sent_under_an_applications_subject_is_routed_without_doubt() -> None:
    text = ("你们好，我在临清一家母婴店给孩子买的奶粉，店员说是进口的，回家查追溯码根本查不到，怀疑是假货。"
            "我要求商家退一赔三，请你们帮我协调。电话13805359876\n吴海燕")
    email = EmailMeta(subject="政府信息公开申请", sender_name=None, sender_address=None, date=None)
    understood = understand(text, email=email)
    assert understood.classification.route == Route.COMPLAINT and understood.classification.confidence >= 0.5


def test_a_postcode_in_english_and_after_a_tables_row_number() -> None:
    assert postcode_of([], "Address: Room 1203, Shuicheng Huayuan, Liaocheng\nPostcode: 252000\n") == "252000"
    text = "3\n联系方式\n电话13805359876；地址阳谷县谷山路17号；邮编252300\n4\n所需政府信息的名称\n2025年抽查结果"
    assert understand(text).extraction.applicant.postcode == "252300"


def test_a_paper_copy_sent_now_is_how_it_came_not_how_to_answer() -> None:
    text = "我在网上提交过一次申请，现在寄一份纸质的，免得系统里丢了。\n申请公开：2024年抽检总体情况。\n以电子文档形式，发送电子邮件。"
    delivery = extract_delivery(text, [])
    assert [str(m) for m in delivery.media] == ["electronic"] and [str(m) for m in delivery.methods] == ["email"]
    assert [str(m) for m in extract_delivery("请现在寄一份给我。", []).methods] == ["post"]
