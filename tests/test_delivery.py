"""Delivery format: ticked boxes first, then prose."""
import pytest

from intake.classifiers.delivery import MEDIA_WORDS, METHOD_WORDS, extract_delivery
from intake.classifiers.fields.pairs import read_pairs


def delivery(text):
    return extract_delivery(text, read_pairs(text))


def test_ticked_boxes_on_a_form():
    text = "提供政府信息的指定方式\n☑纸质文本　□电子邮件　□光盘\n获取信息的方式\n□邮寄　□电子邮件　☑自行领取　□当场阅读、抄录"
    result = delivery(text)
    assert result.media == ("paper",)
    assert result.methods == ("pickup",)


def test_unticked_form_gives_nothing():
    text = "提供政府信息的指定方式\n□纸质文本　□电子邮件　□光盘\n获取信息的方式\n□邮寄　□电子邮件"
    result = delivery(text)
    assert result.media == () and result.methods == ()


@pytest.mark.parametrize("sentence, media, methods", [
    ("希望以纸质形式邮寄给我。", ("paper",), ("post",)),
    ("请以电子文档形式通过电子邮件发送给我。", ("electronic",), ("email",)),
    ("请将上述信息刻录光盘后邮寄至我单位。", ("disc",), ("post",)),
    ("本人将到你局现场查阅上述信息。", (), ("inspect",)),
    ("我会到你局自行领取纸质材料。", ("paper",), ("pickup",)),
])
def test_prose(sentence, media, methods):
    result = delivery("申请人：某某\n" + sentence)
    assert set(result.media) == set(media)
    assert set(result.methods) == set(methods)


def test_contact_line_mentioning_email_is_not_a_delivery_choice():
    result = delivery("联系人：张三，联系电话：13900000000，电子邮箱：a@b.cn。")
    assert result.methods == ()


def test_online_form_values():
    result = delivery("信息载体形式：电子文档\n获取信息方式：电子邮件")
    assert result.media == ("electronic",) and result.methods == ("email",)


@pytest.mark.parametrize("word, value", MEDIA_WORDS)
def test_each_media_word(word, value):
    assert value in delivery(f"提供方式：☑{word}").media


@pytest.mark.parametrize("word, value", METHOD_WORDS)
def test_each_method_word(word, value):
    assert value in delivery(f"获取方式：☑{word}").methods


def test_options_read_without_their_box_are_the_ticked_ones():
    # The recogniser often drops a ticked box's glyph but keeps the empty boxes.
    text = "提供政府信息的指定方式\n纸质文本 □电子邮件 □光盘\n获取信息的方式\n□邮寄 □电子邮件 自行领取 □当场阅读、抄录"
    result = delivery(text)
    assert result.media == ("paper",) and result.methods == ("pickup",)


@pytest.mark.parametrize("sentence, media, methods", [
    ("我年纪大了不会用电脑，到时候我自己到你们局里去拿纸质的。", ["paper"], ["pickup"]),
    ("请以电子档案方式寄送至本人电子邮箱 someone@example.com。", ["electronic"], ["email"]),
    ("结果请发我邮箱。", [], ["email"]),
])
def test_delivery_in_plain_words(sentence, media, methods):
    found = extract_delivery(f"某某局：\n申请公开某年度抽检结果。\n{sentence}\n", [])
    assert [m.value for m in found.methods] == methods
    if media:
        assert [m.value for m in found.media] == media


def test_a_bare_electronic_option_on_a_form():
    found = extract_delivery("载体\n□纸质 ☑电子 □光盘\n获取途径\n☑电子邮件", read_pairs("载体\n□纸质 ☑电子 □光盘\n获取途径\n☑电子邮件"))
    assert [m.value for m in found.media] == ["electronic"]


def test_an_option_glued_to_the_one_before_it_lost_its_tick_with_its_box():
    assert delivery("获取方式：□邮寄电子邮件 □当面领取 □传真").methods == ("email",)
    assert delivery("获取方式：☑邮寄 ☑电子邮件当面领取传真").methods == ("post", "email")
