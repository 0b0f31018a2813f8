"""Form layouts read as OCR gives them: a label cell and its value on one line, a column of labels
before the column of values, a name wrapped into the next cell, signatures, filling notes with a box
in them, option lists one per line. Texts invented here, in the shapes of real scans."""
from __future__ import annotations

import pytest

from intake.classifiers.completeness import unread_hints
from intake.classifiers.fields.concepts import match_label
from intake.classifiers.fields.pairs import first, read_pairs
from intake.classifiers.understand import understand
from intake.kernel import Medium, Missing
from tests.helpers import resident_id

PERSON_ID = resident_id("37150219810412301")
USCC = "91371502MA3C8K2L1N"


def test_a_label_cell_and_its_value_cell_read_as_one_line() -> None:
    pairs = read_pairs(f"姓名 聊城恒泰仪器有限公司\n身份证号\n{USCC}\n")
    assert first(pairs, "person_name").value == "聊城恒泰仪器有限公司"
    # Two words that are values (赵志刚 居民身份证) are still not a label and its value.
    assert first(read_pairs("赵志刚 居民身份证\n"), "person_name") is None


def test_a_company_in_the_name_cell_of_a_fax_form_is_the_applicant() -> None:
    text = (f"政府信息公开申请表\n姓名 聊城恒泰仪器有限公司\n申请人\n身份证号\n{USCC}\n手机\n0635-8123456\n"
            "所需信息情况\n特征描述\n2024年贵局对我公司电子天平的计量检定记录\n提供方式\n☑纸质 □电子文档\n"
            "途径 ☑邮寄 □电子邮件\n申请人（签字）：郝立民\n2025年5月6日")
    applicant = understand(text).extraction.applicant
    assert applicant.name == "聊城恒泰仪器有限公司" and applicant.id_number == USCC
    # The person who signed for the company is its contact.
    assert applicant.contact_person == "郝立民"


def test_the_writer_named_by_another_role_than_applicant_is_the_name() -> None:
    assert match_label("来访人姓名").field == "person_name"
    assert match_label("当事人姓名").field == "person_name"
    assert match_label("经办人姓名").field == "contact_person"
    text = (f"政府信息公开申请（窗口）登记表\n来访人姓名\n石红霞\n证件号码\n{PERSON_ID}\n联系方式\n13805359876\n"
            "申请事项\n2025年本区农贸市场快检室检测结果\n获取方式\n☑纸质 □邮寄 □当面领取\n"
            "申请人确认签字：石红霞 窗口经办人：丁一 受理时间：2025年6月3日")
    understood = understand(text)
    assert understood.extraction.applicant.name == "石红霞"
    assert Missing.APPLICANT_NAME not in understood.check.missing


@pytest.mark.parametrize("text, name", [
    # no name cell: the signature names the applicant
    (f"政府信息公开申请表\n证件号码\n{PERSON_ID}\n联系电话\n13805359876\n申请公开内容\n2025年本区农贸市场快检室检测结果\n"
     "获取方式\n☑纸质 ☑邮寄\n申请人确认签字：石红霞", "石红霞"),
    # a name its narrow cell wrapped into the next cell of the row
    (f"政府信息公开申请表\n申请人 聊城市食品工程技术研究中 身份证号 {USCC}\n心\n联系电话\n0635-8239041\n"
     "申请公开内容\n2024年全市食品小作坊登记数量\n提供形式\n☑电子文档\n☑电子邮件", "聊城市食品工程技术研究中心"),
])
def test_names_found_where_the_form_hid_them(text: str, name: str) -> None:
    assert understand(text).extraction.applicant.name == name


def test_a_column_of_labels_before_the_column_of_their_values() -> None:
    text = ("联系电话\n联系地址\n申请公开内容\n0635-8239041 电子邮件 lab@example.edu.cn\n"
            "聊城市东昌府区花园路9号实验楼\n1.2024年全市餐饮服务单位量化分级结果；\n2.2024年小作坊登记数量。\n文号\n")
    pairs = read_pairs(text)
    assert first(pairs, "phone").value.startswith("0635-8239041")
    assert first(pairs, "address").value == "聊城市东昌府区花园路9号实验楼"
    assert first(pairs, "description").value.startswith("1.2024年全市餐饮")
    # Values that do not fit their labels leave the lines as they were.
    kept = read_pairs("联系电话\n联系地址\n申请公开内容\n见附件\n")
    assert first(kept, "phone") is None
    # A question under the request label is no address, even when it names a 乡.
    asked = read_pairs("联系地址\n申请公开内容\n请问：主播在直播间卖家乡的农产品算不算广告代言人？\n文号\n")
    assert first(asked, "address") is None and first(asked, "description").value.startswith("请问")


def test_a_wrapped_label_with_one_character_left_over_is_one_label() -> None:
    text = ("通讯地址\n九龙旺角弥敦道88号12楼\n申请公开的政府信息内容描\n述\n贵局2024年对某某餐饮公司的行政处罚决定书\n"
            "载体形式\n☑纸质\n")
    pairs = read_pairs(text)
    assert first(pairs, "address").value == "九龙旺角弥敦道88号12楼"
    assert first(pairs, "description").value == "贵局2024年对某某餐饮公司的行政处罚决定书"


def test_an_address_ends_where_a_known_label_is_glued_on() -> None:
    text = (f"申请人：山东正衡律师事务所\n统一社会信用代码：{USCC}\n地址：聊城市东昌府区柳园路18号华府大厦9层电话:0635-8112233\n"
            "申请公开：2024年度本市药品零售企业飞行检查结果。\n以纸质形式邮寄。")
    applicant = understand(text).extraction.applicant
    assert applicant.address == "聊城市东昌府区柳园路18号华府大厦9层" and applicant.phone == "0635-8112233"


def test_a_filling_note_with_a_box_and_options_one_per_line() -> None:
    text = ("申请公开的政府信息：\n2024年以来贵局对校外托管机构食品安全检查的结果\n信息的载体形式（请在□内打√）：\n"
            "☑纸质\n口电子文档\n口光盘\n获取信息的方式:\n 邮寄\n口 电子邮件\n☑ 当面领取\n口传真\n□现场查阅\n申请人：吴海燕")
    understood = understand(text)
    request, delivery = understood.extraction.request, understood.extraction.delivery
    assert request.description == "2024年以来贵局对校外托管机构食品安全检查的结果"
    assert [str(m) for m in delivery.media] == ["paper"]
    # 邮寄 lost its box among boxed options: its tick was lost with it.
    assert sorted(str(m) for m in delivery.methods) == ["pickup", "post"]


def test_an_option_row_read_into_the_request_cell_is_cut_off_and_still_counts() -> None:
    text = ("政府信息公开申请表\n申请人：鲁东化工有限公司\n统一社会信用代码：" + USCC + "\n电话：0635-8111222\n"
            "特征描述\n载体1.2024年贵局对我公司压力容器的定期检验报告；2.检验机构的资质文件。☑纸质 □电子文档光盘\n"
            "提供方式\n途径 ☑邮寄 □电子邮件 □当面领取")
    extraction = understand(text).extraction
    assert extraction.request.description == "1.2024年贵局对我公司压力容器的定期检验报告；2.检验机构的资质文件"
    assert [str(m) for m in extraction.delivery.media] == ["paper"]
    assert [str(m) for m in extraction.delivery.methods] == ["post"]


def test_a_name_or_an_organisation_in_the_text_is_a_hint_against_a_notice() -> None:
    hints = unread_hints("来访人姓名\n石红霞\n证件号码", (Missing.APPLICANT_NAME,), asks_information=False)
    assert hints and "石红霞" in hints[0]
    hints = unread_hints("申请单位盖章\n聊城恒泰仪器有限公司", (Missing.APPLICANT_NAME,), asks_information=False)
    assert hints and "有限公司" in hints[0]
    assert unread_hints("申请公开2024年抽检结果", (Missing.APPLICANT_NAME,), asks_information=False) == ()


def test_an_empty_name_cell_followed_by_the_next_label_is_no_hint() -> None:
    assert unread_hints("公民\n姓名\n工作单位\n证件名称", (Missing.APPLICANT_NAME,), asks_information=False) == ()


def test_the_next_row_starting_with_its_label_cell_ends_an_address() -> None:
    text = ("通讯地址及邮编\n阳谷县侨润街道新华路19号252300\n联系人（单位填写） 填表日期\n2026年5月8日\n")
    assert first(read_pairs(text), "address").value == "阳谷县侨润街道新华路19号252300"


def test_an_option_word_that_lost_its_box_in_a_list_one_per_line() -> None:
    text = "获取信息的方式:\n口邮寄\n电子邮件\n□当面领取\n□传真\n申请人：吴海燕"
    assert first(read_pairs(text), "method").value == "口邮寄\n电子邮件\n□当面领取\n□传真"


def test_a_ticked_option_garbled_by_the_recogniser_and_a_list_whose_boxes_were_all_lost() -> None:
    garbled = understand("申请公开：2024年本县餐饮单位量化分级结果。\n获取信息的方式\n□邮寄 □电子邮件 ☑传其 □现场查阅\n"
                         f"申请人：吴海燕\n身份证号：{PERSON_ID}\n电话：13805359876")
    assert [str(m) for m in garbled.extraction.delivery.methods] == ["fax"]
    lost = understand("申请公开：2024年本县餐饮单位量化分级结果。\n载体形式\n纸质电子文档光盘 获取途径 邮寄电子邮件当面领取传真\n"
                      f"申请人：吴海燕\n身份证号：{PERSON_ID}\n电话：13805359876")
    # Every option and no box: nothing can be said to be chosen, and a person must look.
    assert lost.extraction.delivery.media == () and lost.extraction.delivery.methods == ()
    assert Missing.DELIVERY_FORMAT in lost.check.missing and lost.unread


def test_empty_boxes_are_no_hint_that_a_delivery_choice_was_missed() -> None:
    text = "载体形式\n□纸质 □电子文档 □光盘\n获取方式\n□邮寄 口电子邮件\n电子邮箱\nwu@example.com"
    assert unread_hints(text, (Missing.DELIVERY_FORMAT,), asks_information=False) == ()
    assert unread_hints("请邮寄给我", (Missing.DELIVERY_FORMAT,), asks_information=False)


def test_a_row_whose_boxes_were_lost_beside_rows_that_kept_theirs_says_nothing() -> None:
    text = ("所需信息\n2025年进口食品监督抽检的批次数量\n载体 Medium\n纸质Paper电子Electronic\n获取方式 Delivery\n"
            "□邮寄Post ☑电子邮件E-mail □自取Pick-up\n")
    delivery = understand(text).extraction.delivery
    assert Medium.PAPER not in delivery.media and [str(m) for m in delivery.methods] == ["email"]


def test_printed_out_on_paper_in_plain_words() -> None:
    text = f"俺想要去年村里农资店化肥的抽检结果，用纸印出来寄给俺。俺的身份证号：{PERSON_ID}，电话：13805359876。"
    delivery = understand(text).extraction.delivery
    assert [str(m) for m in delivery.media] == ["paper"] and [str(m) for m in delivery.methods] == ["post"]


def test_an_option_cut_where_its_cell_wrapped() -> None:
    text = "获取信息的方式(可多选)\n□自行领取 □邮寄 □快递 ☑电\n子邮件传真\n申请人签字、盖章\n吴海燕"
    method = first(read_pairs(text), "method")
    assert method.value == "□自行领取 □邮寄 □快递 ☑电\n子邮件传真"
    from intake.classifiers.delivery import extract_delivery
    assert [str(m) for m in extract_delivery(text, read_pairs(text)).methods] == ["email"]


def test_a_phone_under_stacked_id_and_phone_labels_is_the_phone() -> None:
    pairs = read_pairs("申请人姓名\n田春梅\n公民身份号码\n联系电话\n13813249399\n联系地址\n阳谷县谷山路27号\n")
    assert first(pairs, "id_number") is None and first(pairs, "phone").value == "13813249399"


def test_an_id_label_written_straight_after_the_name() -> None:
    pairs = read_pairs(f"申请人：曹静身份证号：{PERSON_ID}\n申请人：孙海燕居民身份证：{PERSON_ID}\n手机：13805359876邮箱：wu@example.com")
    assert [p.value for p in pairs if p.field == "applicant"] == ["曹静", "孙海燕"]
    assert first(pairs, "phone").value == "13805359876" and first(pairs, "email").value == "wu@example.com"
    # A form's cell naming the kind of ID is a value, not a label.
    assert first(read_pairs("证件名称\n居民身份证\n"), "id_kind").value == "居民身份证"


def test_a_contact_cells_label_is_no_delivery_choice() -> None:
    text = (f"申请人名称\n段丽娜\n身份证件名称及号码\n联系方式（电话/邮箱\n13817201217\n信息名称/内容描述\n"
            "2025年本区种子门市被查处的处理结果\n提供方式\n□纸质 □电子文档\n获取途径\n□邮寄 □电子邮件 □当面领取")
    understood = understand(text)
    assert understood.extraction.delivery.methods == () and understood.unread == ()
    assert Missing.DELIVERY_FORMAT in understood.check.missing


def test_an_e_mail_address_its_narrow_cell_wrapped() -> None:
    pairs = read_pairs("联系人电子邮箱\nzhaomy@lawfirm.ex\nample.cn\n联系地址\n聊城市东昌府区东昌东路126号\n")
    assert first(pairs, "email").value == "zhaomy@lawfirm.example.cn"
    assert first(pairs, "address").value == "聊城市东昌府区东昌东路126号"
