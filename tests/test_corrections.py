"""Post-OCR place-name corrections: only whole names with their division word."""
import pytest

from intake.ocr.corrections import correct_place_names, correct_text, simplify_variants


@pytest.mark.parametrize("read, fixed", [
    ("聊城市在平区振兴街道", "聊城市茌平区振兴街道"),
    ("荏平县信发街道", "茌平县信发街道"),
    ("辛县古城镇政府街15号", "莘县古城镇政府街15号"),
    ("东河县铜城街道", "东阿县铜城街道"),
])
def test_misread_place_names_are_restored(read, fixed):
    assert correct_place_names(read) == fixed


@pytest.mark.parametrize("text", ["我在平时工作中", "辛苦了", "现在平稳运行", "东河路8号"])
def test_ordinary_words_are_left_alone(text):
    assert correct_place_names(text) == text


def test_traditional_lookalikes_in_simplified_text_are_simplified():
    assert simplify_variants("所需信息內容描述：户籍窗口的申请书") == "所需信息内容描述：户籍窗口的申请书"
    assert correct_text("住址：在平区某路，申请书所需信息內容") == "住址：茌平区某路，申请书所需信息内容"


def test_traditional_text_is_left_as_written():
    text = "申請人：陳大文，所需資訊內容描述"
    assert simplify_variants(text) == text
