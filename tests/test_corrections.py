"""Post-OCR place-name corrections: only whole names with their division word."""
import pytest

from ocr.corrections import correct_place_names


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
