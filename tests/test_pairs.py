"""The field reader: inline `标签：值` and form cells (label line, value line)."""
import pytest

from intake.classifiers.fields.labels import FIELD_LABELS
from intake.classifiers.fields.pairs import first, read_pairs


def test_inline_pairs_stop_at_commas():
    pairs = read_pairs("申请人：赵一鸣，男，居民身份证号码：110101199003070011，联系电话：13912345678。")
    assert first(pairs, "applicant").value == "赵一鸣"
    assert first(pairs, "id_number").value == "110101199003070011"
    assert first(pairs, "phone").value == "13912345678"


def test_form_cells_give_label_then_value():
    text = "公民\n姓名\n钱多多\n工作单位\n证件名称\n居民身份证\n法人或其他组织\n名称\n联系电话\n0635-1234567"
    pairs = read_pairs(text)
    name = first(pairs, "person_name")
    assert name.value == "钱多多" and name.section == "person"
    # An empty cell (工作单位) does not swallow the next label.
    assert first(pairs, "id_kind").value == "居民身份证"
    phone = first(pairs, "phone")
    assert phone.value == "0635-1234567" and phone.section == "organization"


def test_section_header_is_never_a_value():
    pairs = read_pairs("邮政编码\n所需信息情况\n所需信息内容描述\n某某决定书")
    assert first(pairs, "postcode") is None
    assert first(pairs, "description").value == "某某决定书"


def test_description_cell_keeps_wrapped_lines():
    pairs = read_pairs("所需信息内容描述\n2023年本市电梯抽查结果\n及处理情况\n所需信息名称\n")
    assert first(pairs, "description").value == "2023年本市电梯抽查结果及处理情况"


def test_label_inside_parentheses():
    pairs = read_pairs("我单位某某有限公司（统一社会信用代码：91370000MA3C00000X），住所地：济南市历下区某路1号。")
    assert first(pairs, "uscc").value == "91370000MA3C00000X"
    assert first(pairs, "address").value == "济南市历下区某路1号"


def test_every_label_of_the_table_is_read():
    for field, labels in FIELD_LABELS.items():
        for label in labels:
            pairs = read_pairs(f"{label}：测试值")
            assert any(p.label == label for p in pairs), (field, label)


def test_name_fields_stop_at_a_space():
    pairs = read_pairs("联系人：傅某某 010-62587163")
    assert first(pairs, "contact_person").value == "傅某某"


def test_label_split_over_two_lines_is_joined():
    pairs = read_pairs("统一社会信用代\n码\n91370000MA3C00000X")
    assert first(pairs, "uscc").value == "91370000MA3C00000X"


def test_form_row_read_across_without_colons():
    pairs = read_pairs("姓名 钱多多 工作单位 某某小学\n证件号码 110101199003070011 联系电话 13912345678")
    assert first(pairs, "person_name").value == "钱多多"
    assert first(pairs, "work_unit").value == "某某小学"
    assert first(pairs, "phone").value == "13912345678"


def test_two_column_printout_pairs_labels_with_the_values_below_them():
    text = "申请人\n申请人名称 有效证件\n孙立平 居民身份证\n手机号码 电子邮箱\n13800001111 slp@example.com\n获取途径\n邮寄"
    pairs = read_pairs(text)
    assert first(pairs, "applicant").value == "孙立平"
    assert first(pairs, "id_kind").value == "居民身份证"
    assert first(pairs, "email").value == "slp@example.com"
    assert first(pairs, "method").value == "邮寄"


def test_a_label_wrapped_after_its_enumeration_comma_is_one_label():
    pairs = read_pairs("通讯地址\n阳谷县狮子楼街道1号\n所需政府信息的名称、\n文号或其他特征描述\n2024年某项检查结果")
    assert first(pairs, "address").value == "阳谷县狮子楼街道1号"
    assert first(pairs, "description").value == "2024年某项检查结果"


def test_a_heading_label_does_not_take_the_label_below_it_as_its_value():
    pairs = read_pairs("申请公开的政府信息\n信息名称或描述\n2023年度某县加油站检查通报\n文号\n无")
    assert first(pairs, "description").value == "2023年度某县加油站检查通报"


def test_contact_in_a_department_and_a_foreign_name_without_nationality():
    pairs = read_pairs("联系人：法务部 钱有为，电话：0635-1111111\n申请人：Anna Novak（捷克籍）")
    assert first(pairs, "contact_person").value == "钱有为"
    assert first(pairs, "applicant").value == "Anna Novak"


def test_the_receiving_agency_is_not_the_applicant():
    pairs = read_pairs("受理单位：某某市场监督管理局")
    assert first(pairs, "agency") is not None and first(pairs, "applicant") is None


def test_a_filling_note_under_a_label_is_not_the_value_even_when_it_wraps():
    pairs = read_pairs("申请内容\n（所需信息的名称、\n文号或特征描述）\n某镇农贸市场计价秤检查的结果通报\n信息形式\n☑纸质")
    assert first(pairs, "description").value == "某镇农贸市场计价秤检查的结果通报"
    pairs = read_pairs("申请内容（请写明所需信息的名称、文号或者能够据以查找的特征）\n某区2025年抽查计划")
    assert first(pairs, "description").value == "某区2025年抽查计划"


def test_a_row_of_labels_may_hold_one_wording_the_table_does_not_know():
    pairs = read_pairs("申请人姓名 申请人类别\n周小川 自然人\n载体 获取方式\n纸质文本 邮寄")
    assert first(pairs, "person_name").value == "周小川"
    assert first(pairs, "media").value == "纸质文本" and first(pairs, "method").value == "邮寄"


def test_long_label_wordings_and_headers_printed_down_a_cell():
    text = "申请\n人信\n息\n姓名\n祝小满\n申请公开的政府信息内容描述\n2025年上半年某区轴承产品抽查方案\n所需信息用途（选填)\n经营需要"
    pairs = read_pairs(text)
    assert first(pairs, "person_name").value == "祝小满"
    assert first(pairs, "description").value == "2025年上半年某区轴承产品抽查方案"
    assert first(pairs, "purpose").value == "经营需要"


def test_the_next_blocks_numbered_heading_ends_a_description():
    text = "二、申请公开的政府信息\n某年度奶粉抽检结果公告\n用途说明\n个人参考\n三、信息的形式要求\n载体形式：☑电子文本"
    pairs = read_pairs(text)
    assert first(pairs, "purpose").value == "个人参考"
    assert "形式要求" not in first(pairs, "description").value


def test_block_headers_wrapped_over_two_lines_open_their_block():
    text = ("公民\n姓名\n韦小宝\n法人或者\n其他组织\n名称\n\n所需信息\n情况\n所需政府信息的名称\n、文号或其他特征描\n述\n"
            "2026年某游乐场大型游乐设施的安全检查记录\n所需信息的用途\n安全需要")
    pairs = read_pairs(text)
    description = first(pairs, "description")
    assert description.value == "2026年某游乐场大型游乐设施的安全检查记录" and description.section == "request"
    assert first(pairs, "person_name").value == "韦小宝"


@pytest.mark.parametrize("text, expected", [
    # a name's last character wrapped alone is not the start of the next label
    ("名称\n聊城市恒远纺织有限公\n司\n统一社会信用代\n码\n91371500MA3C4K7R2X\n联系人\n贾文静\n",
     {"org_name": "聊城市恒远纺织有限公司"}),
    # 柴玉梅 + 证件名称 + 居民身份证 reads much like 身份证件名称…, but 证件名称 is a label of its own
    ("公民\n姓名\n柴玉梅\n证件名称\n居民身份证\n证件号码\n37152219840916143X\n",
     {"person_name": "柴玉梅", "id_kind": "居民身份证"}),
    # a heading and the first block header are not one wrapped label
    ("政府信息公开申请表\n一、申请人信息\n单位名称：聊城恒远纺织有限公司\n联系人：贾文静\n",
     {"org_name": "聊城恒远纺织有限公司", "description": None}),
    # a name above an unlisted label is not joined to it
    ("申请人姓名\n柴玉梅\n身份证明类型\n居民身份证\n身份证明号码\n37152219840916143X\n", {"person_name": "柴玉梅"}),
    # a cell labelled with two fields gives the first its value
    ("联系电话\n13500003333\n通讯地址及邮编\n茌平区振兴街道后王村12号 252100\n",
     {"address": "茌平区振兴街道后王村12号 252100"}),
])
def test_wrapped_labels_are_joined_only_where_a_label_really_wraps(text, expected):
    pairs = {p.field: p.value for p in read_pairs(text)}
    assert {field: pairs.get(field) for field in expected} == expected


def test_a_block_header_over_the_first_cells_label_and_an_option_row_without_ticks():
    # 提供方式 heads the block; 所需信息的指定提供方式 is the label of the cell under it; the 获取方式
    # label lost its closing bracket, and its options are never labels themselves.
    text = ("提供方\n式\n所需信息的指定提供方式\n(可多选)\n□纸质文本 ☑电子文档 □光盘\n获取信息的方式（可多选\n"
            "□邮寄 ☑电子邮件 □传真\n申请人签名（盖章）\n")
    pairs = [(p.field, p.value) for p in read_pairs(text) if p.value]
    assert pairs[:2] == [("media", "(可多选)\n□纸质文本 ☑电子文档 □光盘"), ("method", "□邮寄 ☑电子邮件 □传真")]


def test_a_known_label_glued_to_the_address_before_it_stays_in_that_address():
    pairs = read_pairs("地址：聊城市东昌府区湖南路1号聊城大学西校区10号公寓588室邮编：252059\n")
    assert [p.field for p in pairs] == ["address"]
