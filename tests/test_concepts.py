"""Labels by meaning: unseen wordings of known labels map to their field; values and unknown labels do not."""
import pytest

from intake.classifiers.fields.concepts import match_label
from intake.classifiers.fields.pairs import read_pairs


@pytest.mark.parametrize("wording, field", [
    ("所需信息用途", "purpose"), ("拟获取信息的具体内容", "description"), ("查阅事项", "description"),
    ("联系手机", "phone"), ("住所地址", "address"), ("身份证件类型", "id_kind"), ("信息获取途径", "method"),
    ("提供信息的形式", "media"), ("申请人单位名称", "applicant"), ("申請人姓名", "person_name"),
    ("信息获取方式（可多选）", "method"),
])
def test_an_unseen_wording_finds_its_field(wording, field):
    found = match_label(wording)
    assert found.field == field and not found.exact and found.score >= 0.62


@pytest.mark.parametrize("text", ["食品安全抽检事项", "检测报告", "聊城市市场监督管理局", "张三", "2024年度抽检结果",
                                  "受理窗口"])
def test_values_and_unknown_labels_are_not_guessed(text):
    assert match_label(text).field is None


def test_a_known_wording_is_exact():
    assert match_label("获取信息的方式").exact and match_label("获取信息的方式").field == "method"


def test_a_value_that_looks_like_a_label_is_still_the_value():
    pairs = read_pairs("获取信息方式\n电子邮件\n所需信息用途\n教学研究\n信息载体形式\n电子文档")
    assert [(p.field, p.value) for p in pairs] == [("method", "电子邮件"), ("purpose", "教学研究"), ("media", "电子文档")]


def test_an_unseen_inline_label_bounds_the_value_before_it():
    pairs = read_pairs("联系手机：13906351234")
    assert [(p.field, p.value) for p in pairs] == [("phone", "13906351234")]


def test_foreign_names_and_addresses_keep_their_spaces_and_commas():
    pairs = read_pairs("姓名：Thomas Becker\n申请人：KIM MINJUN（金珉俊）\n通信地址：Lindenstrasse 24, 10969 Berlin, Germany")
    values = {p.field: p.value for p in pairs}
    assert values["person_name"] == "Thomas Becker" and values["applicant"] == "KIM MINJUN（金珉俊）"
    assert values["address"] == "Lindenstrasse 24, 10969 Berlin, Germany"


def test_an_address_stops_at_the_next_heading_and_gives_up_its_postcode():
    from intake.classifiers.applicant import extract_applicant
    pairs = read_pairs("申请人：宋某\n地址：东阿县新城街道阿胶街199号【申请内容】\n联络人：陈某")
    assert {p.field: p.value for p in pairs}["address"] == "东阿县新城街道阿胶街199号"
    applicant = extract_applicant("地址：聊城市东昌府区东外环路粮油批发市场C区6号252000",
                                  read_pairs("地址：聊城市东昌府区东外环路粮油批发市场C区6号252000"))
    assert applicant.address == "聊城市东昌府区东外环路粮油批发市场C区6号" and applicant.postcode == "252000"


def test_the_agency_addressed_is_never_the_applicant():
    from intake.classifiers.applicant import extract_applicant
    text = "受理机关名称：聊城市市场监督管理局办公室\n申请人姓名：张海涛\n身份证号码：130903198507217115\n电话：18662740964"
    applicant = extract_applicant(text, read_pairs(text), agency_names=("聊城市市场监督管理局", "聊城市市场监督管理局办公室"))
    assert applicant.kind == "person" and applicant.name == "张海涛" and applicant.id_number == "130903198507217115"
