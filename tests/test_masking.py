"""intake.masking: each KEEP row, the logging filter, and that masking never leaks digits."""
from __future__ import annotations

import datetime as dt
import io
import logging

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from intake import masking
from intake.classifiers.identifiers import find_resident_ids, find_usccs
from intake.masking import MaskingFilter, mask, mask_value


def id_check(first17: str) -> str:
    r = (1 - 2 * int(first17, 13)) % 11
    return "X" if r == 10 else str(r)


def make_id(code: str = "371502", born: str = "19680224", order: str = "251") -> str:
    return code + born + order + id_check(code + born + order)


USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def make_uscc(first17: str = "91371502455670721") -> str:
    return first17 + USCC_CHARS[-sum(USCC_CHARS.index(c) * pow(3, i, 31) for i, c in enumerate(first17)) % 31]


PERSON = make_id()            # 371502196802242514


# ---------------------------------------------------------------- mask(): one case per kind
@pytest.mark.parametrize("text, expected", [
    (f"身份证号码：{PERSON}，", "身份证号码：3715**********2514，"),
    (f"代码：{make_uscc()}。", f"代码：9137**********{make_uscc()[-4:]}。"),
    ("手机15895438262。", "手机158****8262。"),
    ("手机 138 1234 5678", "手机 138 **** 5678"),
    ("电话：0635-8367215", "电话：0635-*****15"),
    ("电话：(0635)8367215", "电话：(0635)*****15"),
    ("电话：0635—8519813", "电话：0635—*****13"),
    ("电话：8367215", "电话：*****15"),
    ("邮箱 lxyfood@163.com。", "邮箱 l***@163.com。"),
    ("邮箱 9827155976@qq.com", "邮箱 9***@qq.com"),
])
def test_mask_each_kind(text: str, expected: str) -> None:
    assert mask(text) == expected


def test_mask_keeps_everything_else() -> None:
    text = "2025年4月23日收到，邮编252000，文号聊政办发〔2023〕9号，日期2025-04-25。"
    assert mask(text) == text


def test_mask_fullwidth_digits_keeps_them_fullwidth() -> None:
    fullwidth = "".join(chr(ord(c) + 0xFEE0) for c in PERSON)
    assert mask(f"身份证{fullwidth}") == "身份证３７１５**********２５１４"


def test_mask_id_glued_to_letters_still_hidden() -> None:
    assert PERSON[4:14] not in mask(f"编号AB{PERSON}CD")


def test_mask_is_idempotent() -> None:
    text = f"身份证{PERSON}，手机13812345678，邮箱a.b@c.cn，电话0635-8367215"
    assert mask(mask(text)) == mask(text)


# ---------------------------------------------------------------- mask_value(): each KEEP row
@pytest.mark.parametrize("kind, value, expected", [
    ("resident_id", "37150219580106888X", "3715**********888X"),
    ("uscc", "91371500240184355W", "9137**********355W"),
    ("passport", "E12345678", "E*****678"),
    ("other", "A1234567", "*****567"),
    ("mobile", "13812345678", "138****5678"),
    ("landline", "0635-8367215", "0635-*****15"),
    ("unknown", "1234567890", "********90"),
    ("phone", "13812345678", "138****5678"),
    ("phone", "0635—8519813", "0635—*****13"),
    ("email", "zhang.wei@example.com", "z***@example.com"),
])
def test_mask_value(kind: str, value: str, expected: str) -> None:
    assert mask_value(kind, value) == expected


def test_every_keep_row_is_covered() -> None:
    covered = {"resident_id", "uscc", "passport", "other", "mobile", "landline", "unknown"}
    assert set(masking.KEEP) == covered


def test_mask_value_unknown_kind_is_an_error() -> None:
    with pytest.raises(ValueError, match="no masking rule"):
        mask_value("shoe_size", "42")


def test_mask_value_short_value_shows_nothing() -> None:
    assert mask_value("passport", "E12") == "***"


# ---------------------------------------------------------------- logging filter
def make_logger(stream: io.StringIO) -> logging.Logger:
    logger = logging.getLogger(f"test_masking.{id(stream)}")
    logger.handlers.clear()
    logger.propagate = False
    handler = logging.StreamHandler(stream)
    handler.addFilter(MaskingFilter())
    logger.addHandler(handler)
    return logger


def test_filter_masks_message_and_arguments() -> None:
    stream = io.StringIO()
    make_logger(stream).warning("applicant %s phone %s mail %s", PERSON, "13812345678", "zhang@x.cn")
    line = stream.getvalue()
    assert "3715**********2514" in line and "138****5678" in line and "z***@x.cn" in line
    assert PERSON not in line and "13812345678" not in line


def test_filter_masks_traceback() -> None:
    stream = io.StringIO()
    logger = make_logger(stream)
    try:
        raise ValueError(f"bad id {PERSON}")
    except ValueError:
        logger.exception("failed")
    assert "ValueError: bad id 3715**********2514" in stream.getvalue()
    assert PERSON not in stream.getvalue()


def test_filter_survives_a_bad_format_string() -> None:
    stream = io.StringIO()
    make_logger(stream).warning("two %s %s", PERSON)
    assert PERSON not in stream.getvalue()


# ---------------------------------------------------------------- property: nothing leaks
# Random surroundings: Chinese, Latin letters, digits and separators, but no @ (so only the
# e-mail we put in is one, and lengths stay comparable).
SURROUNDINGS = st.text(alphabet="申请人电话身份证号码：，。 -()（）abcXYZ0123456789", max_size=15)
ids_strategy = st.builds(
    lambda code, day, order: make_id(code, day.strftime("%Y%m%d"), f"{order:03d}"),
    st.sampled_from(["371502", "371522", "110105", "440304"]),
    st.dates(min_value=dt.date(1920, 1, 1), max_value=dt.date(2024, 12, 31)),
    st.integers(0, 999),
)
mobiles = st.builds(lambda a, b: f"1{a}{b:09d}", st.sampled_from("3456789"), st.integers(0, 10**9 - 1))
landlines = st.builds(lambda area, local: f"{area}-{local}", st.sampled_from(["0635", "010", "0531", "021"]),
                      st.integers(2_000_000, 9_999_999).map(str))


def hidden_positions(masked: str, start: int, hidden: range) -> bool:
    return all(masked[start + i] == "*" for i in hidden)


def no_code_around(text: str) -> bool:
    """Digits glued into a whole valid ID or credit code are masked as that code (first 4 shown)."""
    return not any(c.valid and not c.corrected for c in find_resident_ids(text) + find_usccs(text))


@settings(max_examples=300, deadline=None)
@given(SURROUNDINGS, ids_strategy, SURROUNDINGS)
def test_id_middle_never_leaks(before: str, value: str, after: str) -> None:
    masked = mask(before + value + after)
    assert len(masked) == len(before + value + after)
    assert hidden_positions(masked, len(before), range(4, 14))


@settings(max_examples=300, deadline=None)
@given(SURROUNDINGS, mobiles, SURROUNDINGS, st.sampled_from(["{a}{b}{c}", "{a} {b} {c}", "{a}-{b}-{c}"]))
def test_mobile_middle_never_leaks(before: str, mobile: str, after: str, layout: str) -> None:
    written = layout.format(a=mobile[:3], b=mobile[3:7], c=mobile[7:])
    assume(no_code_around(before + written + after))
    masked = mask(before + written + after)
    middle = written.index(mobile[3:7], 3)
    assert hidden_positions(masked, len(before) + middle, range(4))


@settings(max_examples=300, deadline=None)
@given(SURROUNDINGS, landlines, SURROUNDINGS)
def test_landline_local_number_never_leaks(before: str, phone: str, after: str) -> None:
    assume(no_code_around(before + phone + after))
    masked = mask(before + phone + after)
    local_start = phone.index("-") + 1
    local_length = len(phone) - local_start
    assert hidden_positions(masked, len(before) + local_start, range(local_length - 4))


@settings(max_examples=300, deadline=None)
@given(SURROUNDINGS, st.from_regex(r"[a-z][a-z0-9_.]{3,12}[a-z0-9]", fullmatch=True),
       st.sampled_from(["163.com", "qq.com", "example.cn"]), SURROUNDINGS)
def test_email_name_never_leaks(before: str, name: str, domain: str, after: str) -> None:
    masked = mask(f"{before}{name}@{domain}{after}")
    assert name[1:] not in masked


def test_passports_and_permits_are_masked() -> None:
    text = "港澳居民来往内地通行证号码：H10387265，台胞證 05371842，Passport No.: C01X7R2K5，电话 +852 6049 8880"
    masked = mask(text)
    for secret in ("10387265", "05371842", "C01X7R2", "6049"):
        assert secret not in masked
    assert "通行证号码" in masked and masked.endswith("80")
