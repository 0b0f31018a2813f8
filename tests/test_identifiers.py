"""intake.classifiers.identifiers: every table row has a case; properties for IDs and phones."""
from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from intake.classifiers import identifiers as ids
from intake.classifiers.identifiers import (
    find_doc_numbers,
    find_emails,
    find_phones,
    find_postcodes,
    find_requested_titles,
    find_resident_ids,
    find_titles,
    find_usccs,
    is_basis_law,
    normalise_text,
    resident_id_valid,
    uscc_valid,
)

# ---------------------------------------------------------------- generators written here, not imported
# Address codes that were assigned (聊城 and a few elsewhere), so a repair can rely on them.
ADDRESS_CODES = ("371502", "371521", "371522", "371581", "372501", "370102", "110105", "440304")
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def id_check(first17: str) -> str:
    """GB 11643 check character, written as python-stdnum writes it: (1 - 2·n₁₃) mod 11."""
    r = (1 - 2 * int(first17, 13)) % 11
    return "X" if r == 10 else str(r)


def make_id(code: str = "371502", born: str = "19680224", order: str = "251") -> str:
    return code + born + order + id_check(code + born + order)


def org_check(body: str) -> str:
    r = 11 - sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body, (3, 7, 9, 10, 5, 8, 4, 2))) % 11
    return {10: "X", 11: "0"}.get(r, str(r))


def uscc_check(first17: str) -> str:
    total = sum(USCC_CHARS.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    return USCC_CHARS[-total % 31]


def make_uscc(head: str = "91", code: str = "371502", body: str = "45567072") -> str:
    first17 = head + code + body + org_check(body)
    return first17 + uscc_check(first17)


ids_strategy = st.builds(
    lambda code, day, order: make_id(code, day.strftime("%Y%m%d"), f"{order:03d}"),
    st.sampled_from(ADDRESS_CODES),
    st.dates(min_value=dt.date(1920, 1, 1), max_value=dt.date(2024, 12, 31)),
    st.integers(0, 999),
)
FILLER = st.text(alphabet="申请人身份证号码联系电话住址：，。、 ", max_size=12)


def only(candidates: list[ids.IdCandidate]) -> ids.IdCandidate:
    assert len(candidates) == 1, candidates
    return candidates[0]


# ---------------------------------------------------------------- normalise_text
def test_normalise_makes_fullwidth_ascii_halfwidth_and_keeps_length() -> None:
    text = "电话：０６３５－８３６７２１５，ＩＤ３７１５Ｘ＠ｑｑ．ｃｏｍ"
    assert normalise_text(text) == "电话：0635-8367215，ID3715X@qq.com"
    assert len(normalise_text(text)) == len(text)


@pytest.mark.parametrize("mark", list(ids.FULLWIDTH_KEPT) + list("。《》〔〕"))
def test_normalise_keeps_chinese_punctuation(mark: str) -> None:
    assert normalise_text(f"甲{mark}乙") == f"甲{mark}乙"


# ---------------------------------------------------------------- resident ID: validity
def test_generated_ids_agree_with_the_module_check() -> None:
    value = make_id()
    assert ids.resident_id_check_char(value[:17]) == value[17]
    assert resident_id_valid(value)


def test_public_example_is_valid() -> None:
    assert resident_id_valid("360426199101010071")       # python-stdnum's documented sample


@pytest.mark.parametrize("value, why", [
    (make_id()[:17] + ("0" if make_id()[17] != "0" else "1"), "wrong check digit"),
    (make_id(born="19680230"), "30 February"),
    (make_id(born="18500101"), "born before 1900"),
    (make_id(code="991502"), "no such province"),
    (make_id()[:17], "17 characters"),
    (make_id() + "1", "19 characters"),
    ("37150219680224251A", "letter check character"),
])
def test_invalid_ids(value: str, why: str) -> None:
    assert not resident_id_valid(value), why


def test_lower_case_x_is_valid() -> None:
    value = next(make_id(order=f"{n:03d}") for n in range(1000) if make_id(order=f"{n:03d}").endswith("X"))
    assert resident_id_valid(value.lower())


def test_old_fifteen_digit_id_is_valid_format() -> None:
    assert resident_id_valid("371502680224251")
    assert not resident_id_valid("371502681324251")          # month 13


@pytest.mark.parametrize("province", sorted(ids.PROVINCE_CODES))
def test_every_province_code_is_accepted(province: str) -> None:
    assert resident_id_valid(make_id(code=province + "0101"))


# ---------------------------------------------------------------- resident ID: finding
def test_finds_plain_id_with_span() -> None:
    value = make_id()
    text = f"居民身份证号码：{value}，住址"
    found = only(find_resident_ids(text))
    assert (found.value, found.valid, found.corrected) == (value, True, False)
    assert text[found.span[0]:found.span[1]] == value


@pytest.mark.parametrize("written", [
    "{a} {b} {c}", "{a}-{b}-{c}", "{a} - {b} - {c}", "{a}\n{b}{c}",
])
def test_finds_id_with_spaces_dashes_or_line_break(written: str) -> None:
    value = make_id()
    text = "身份证号：" + written.format(a=value[:6], b=value[6:14], c=value[14:])
    found = only(find_resident_ids(text))
    assert found.value == value and found.valid and not found.corrected
    assert text[found.span[0]:found.span[1]] == found.raw


def test_finds_id_in_fullwidth_digits() -> None:
    value = make_id()
    fullwidth = "".join(chr(ord(c) + 0xFEE0) for c in value)
    found = only(find_resident_ids(f"身份证{fullwidth}。"))
    assert found.value == value and found.valid and not found.corrected


def test_lower_case_x_is_upper_cased_without_counting_as_correction() -> None:
    value = next(v for n in range(1000) if (v := make_id(born="19580106", order=f"{n:03d}")).endswith("X"))
    found = only(find_resident_ids(f"身份证号{value.lower()}，"))
    assert (found.value, found.valid, found.corrected) == (value, True, False)


@pytest.mark.parametrize("lookalike, digit", sorted(ids.DIGIT_LOOKALIKES.items()))
def test_letter_read_for_a_digit_is_repaired(lookalike: str, digit: str) -> None:
    value = make_id(order=f"{digit}{digit}1")
    written = value[:14] + lookalike + value[15:]
    found = only(find_resident_ids(f"身份证号：{written}，"))
    assert (found.value, found.valid, found.corrected) == (value, True, True)


@pytest.mark.parametrize("lookalike", list(ids.X_LOOKALIKES.replace("x", "")))
def test_check_x_lookalikes(lookalike: str) -> None:
    value = next(v for n in range(1000) if (v := make_id(order=f"{n:03d}")).endswith("X"))
    found = only(find_resident_ids(f"身份证号：{value[:17]}{lookalike}，"))
    assert found.value == value and found.valid and found.corrected is (lookalike != "X")


@pytest.mark.parametrize("pair", ids.DIGIT_CONFUSIONS)
def test_each_digit_confusion_can_be_repaired(pair: tuple[str, str]) -> None:
    """For each pair there are IDs where the misread digit is the only way back."""
    rng = random.Random(pair[0] + pair[1])
    for _ in range(2000):
        value = make_id(rng.choice(ADDRESS_CODES), f"{rng.randint(1940, 2005)}0{rng.randint(1, 9)}1{rng.randint(0, 9)}",
                        f"{rng.randint(0, 999):03d}")
        for position, c in enumerate(value):
            if c == pair[0]:
                misread = value[:position] + pair[1] + value[position + 1:]
                found = find_resident_ids(f"号码{misread}。")
                if found and found[0].valid:
                    assert found[0].value == value and found[0].corrected
                    return
    pytest.fail(f"{pair} never repaired")


def test_ambiguous_misread_is_reported_invalid_as_read() -> None:
    rng = random.Random(3)
    for _ in range(500):
        value = make_id(rng.choice(ADDRESS_CODES), "19800101", f"{rng.randint(0, 999):03d}")
        misread = value[:16] + ("8" if value[16] == "0" else "0") + value[17]
        found = only(find_resident_ids(f"号码{misread}。"))
        if not found.valid:
            assert found.value == misread and not found.corrected
            return
    pytest.fail("no ambiguous case found")


def test_uscc_is_not_taken_for_an_id_and_back() -> None:
    person, company = make_id(), make_uscc()
    text = f"身份证号{person}，统一社会信用代码{company}。"
    assert [c.value for c in find_resident_ids(text)] == [person]
    assert [c.value for c in find_usccs(text)] == [company]


def test_digits_glued_to_letters_or_more_digits_are_not_an_id() -> None:
    value = make_id()
    assert find_resident_ids(f"编号AB{value}") == []
    assert find_resident_ids(f"账号{value}9") == []


def test_separated_invalid_digits_are_not_reported() -> None:
    assert find_resident_ids("电话 0635 8367215 0635 8367216") == []


def test_old_fifteen_digit_id_is_found() -> None:
    found = only(find_resident_ids("身份证：371502680224251，"))
    assert found.value == "371502680224251" and found.valid


@settings(max_examples=150, deadline=None)
@given(ids_strategy, FILLER, FILLER)
def test_any_valid_id_is_found_and_valid(value: str, before: str, after: str) -> None:
    found = only(find_resident_ids(before + value + after))
    assert (found.value, found.valid, found.corrected) == (value, True, False)


@settings(max_examples=150, deadline=None)
@given(ids_strategy, st.integers(0, 17), st.data())
def test_confusion_misread_is_never_repaired_to_another_value(value: str, position: int, data: st.DataObject) -> None:
    alternatives = [b for a, b in ids.DIGIT_CONFUSIONS if a == value[position]] + \
                   [a for a, b in ids.DIGIT_CONFUSIONS if b == value[position]]
    assume(alternatives)
    misread = value[:position] + data.draw(st.sampled_from(alternatives)) + value[position + 1:]
    found = only(find_resident_ids(f"身份证号码：{misread}。"))
    assert (found.valid and found.value == value) or (not found.valid and found.value == misread)


@settings(max_examples=150, deadline=None)
@given(ids_strategy, st.integers(0, 16), st.sampled_from("0123456789"))
def test_a_misread_is_never_reported_valid_as_read(value: str, position: int, digit: str) -> None:
    assume(value[position] != digit)
    misread = value[:position] + digit + value[position + 1:]
    for found in find_resident_ids(f"号码：{misread}。"):
        assert not (found.valid and found.value == misread)
        assert found.valid is False or found.corrected


# ---------------------------------------------------------------- USCC
def test_uscc_public_example_and_generated() -> None:
    assert uscc_valid("91110000600037341L")              # python-stdnum's documented sample
    assert uscc_valid(make_uscc())
    assert ids.uscc_check_char(make_uscc()[:17]) == make_uscc()[17]


@pytest.mark.parametrize("value", [
    make_uscc()[:17] + ("0" if make_uscc()[17] != "0" else "1"),
    "91I10000600037341L",          # I is not in the alphabet
    "91A10000600037341L",          # division code must be digits
    make_uscc()[:17],
])
def test_invalid_usccs(value: str) -> None:
    assert not uscc_valid(value)


def test_finds_uscc_with_letters() -> None:
    value = make_uscc("31", "371500", "56757292")
    found = only(find_usccs(f"统一社会信用代码：{value}\n"))
    assert (found.value, found.valid, found.corrected) == (value, True, False)


@pytest.mark.parametrize("lookalike, meant", sorted((k, v[0]) for k, v in ids.USCC_LOOKALIKES.items()))
def test_uscc_lookalike_letters(lookalike: str, meant: str) -> None:
    value = make_uscc(body=f"4{meant}567072")
    written = value[:9] + lookalike + value[10:]
    found = only(find_usccs(f"代码：{written}。"))
    assert found.value == value and found.valid and found.corrected


@pytest.mark.parametrize("lower", sorted(ids.USCC_LOWER))
def test_uscc_lower_case_letters(lower: str) -> None:
    meant = ids.USCC_LOWER[lower][0]
    value = make_uscc(body=f"45{meant}67072")
    written = value[:10] + lower + value[11:]
    found = only(find_usccs(f"代码：{written}。"))
    assert found.value == value and found.valid


@pytest.mark.parametrize("pair", ids.USCC_CONFUSIONS)
def test_each_uscc_confusion_can_be_repaired(pair: tuple[str, str]) -> None:
    rng = random.Random("u" + pair[0] + pair[1])
    for _ in range(3000):
        value = make_uscc(rng.choice(["91", "92", "52", "12", "31"]), rng.choice(ADDRESS_CODES),
                          "".join(rng.choice(USCC_CHARS[:10] + pair[0]) for _ in range(8)))
        position = value.find(pair[0], 8)
        if position < 0:
            continue
        found = find_usccs(f"代码{value[:position]}{pair[1]}{value[position + 1:]}。")
        if found and found[0].valid:
            assert found[0].value == value and found[0].corrected
            return
    pytest.fail(f"{pair} never repaired")


def test_uscc_in_division_code_letter_read_for_digit() -> None:
    value = make_uscc(code="371502")
    found = only(find_usccs(f"代码{value[:3]}7l502{value[8:]}"))
    assert found.value == value and found.corrected


@pytest.mark.parametrize("department", sorted(ids.USCC_DEPARTMENTS))
def test_each_registration_department_is_found(department: str) -> None:
    value = make_uscc(department + "1")
    assert only(find_usccs(f"代码{value}。")).value == value


def test_unrepairable_uscc_is_reported_invalid_as_read() -> None:
    value = make_uscc()
    misread = value[:9] + "##" + value[11:]          # two characters lost: no single repair
    assert find_usccs(f"代码{misread}") == []
    twice = value[:9] + ("0" if value[9] != "0" else "1") + ("0" if value[10] != "0" else "1") + value[11:]
    found = only(find_usccs(f"代码{twice}。"))
    assert not found.valid or found.corrected


# ---------------------------------------------------------------- phones
@pytest.mark.parametrize("text, expected", [
    ("手机15234182659，", ["15234182659"]),
    ("手机 138 1234 5678。", ["138 1234 5678"]),
    ("手机：138-1234-5678", ["138-1234-5678"]),
    ("+86 13812345678", ["13812345678"]),
    ("电话：0635-8367215，", ["0635-8367215"]),
    ("联系电话：010-8419 5520", ["010-8419 5520"]),                 # the local number grouped
    ("电话：0635—8519813，", ["0635—8519813"]),
    ("电话：0635一8519813，", ["0635-8519813"]),             # OCR read the hyphen as 一
    ("电话：(0635)8367215", ["(0635)8367215"]),
    ("电话：（0635）8367215", ["（0635）8367215"]),
    ("电话：0635 8367215", ["0635 8367215"]),
    ("电话：010-62587163转123", ["010-62587163转123"]),
    ("电话：010-62587163", ["010-62587163"]),
    ("电话：8367215", ["8367215"]),                          # local number after a label
    ("Tel13812345678", ["13812345678"]),
    ("FROM:17703895267\u3000TO:0635-8519810", ["17703895267", "0635-8519810"]),
])
def test_phone_patterns(text: str, expected: list[str]) -> None:
    assert find_phones(text) == expected


@pytest.mark.parametrize("text", [
    "许可证（JY13715240012345）",              # digits of a licence number
    "发票号码：38651972",                        # no area code, no phone label
    "发票代码：037002400111",
    "日期2025-04-25 14:20",
    "邮编252000",
])
def test_not_phones(text: str) -> None:
    assert find_phones(text) == []


@pytest.mark.parametrize("word", sorted(ids.PHONE_LABEL_WORDS))
def test_phone_label_words(word: str) -> None:
    assert find_phones(f"{word}13812345678") == ["13812345678"]


def test_phone_inside_an_id_or_uscc_is_not_a_phone() -> None:
    person = make_id("371502", "19680224", "251")
    text = f"身份证号{person}，代码{make_uscc(body='13812345')}，手机13912345678"
    assert find_phones(text) == ["13912345678"]


@settings(max_examples=150, deadline=None)
@given(st.lists(ids_strategy, min_size=1, max_size=3), st.lists(FILLER, min_size=4, max_size=4))
def test_find_phones_never_returns_part_of_an_id(values: list[str], fillers: list[str]) -> None:
    text = "".join(f + v for f, v in zip(fillers, values)) + fillers[-1]
    assert find_phones(text) == []


# ---------------------------------------------------------------- e-mail
@pytest.mark.parametrize("text, expected", [
    ("邮箱lixiuying55@sina.com。", ["lixiuying55@sina.com"]),
    ("邮箱：zhdt_yg @ 163 .com", ["zhdt_yg@163.com"]),
    ("邮箱：Data@ShuHengTech.CN", ["data@shuhengtech.cn"]),
    ("邮箱：ｌｘｙｆｏｏｄ＠１６３．ｃｏｍ", ["lxyfood@163.com"]),
    ("邮箱：caoli7@139。com，", ["caoli7@139.com"]),
    ("xuguodong22@126.com.\n请", ["xuguodong22@126.com"]),
    ("a@b.com.cn 与 a@b.com.cn", ["a@b.com.cn"]),
])
def test_emails(text: str, expected: list[str]) -> None:
    assert find_emails(text) == expected


@pytest.mark.parametrize("tld", sorted(ids.KNOWN_TLDS))
def test_known_tld_allows_ocr_spaces(tld: str) -> None:
    assert find_emails(f"邮箱 wang @ example . {tld}") == [f"wang@example.{tld}"]


def test_unknown_tld_with_ocr_spaces_is_refused() -> None:
    assert find_emails("见 wang @ example . zzz") == []


# ---------------------------------------------------------------- postcodes
@pytest.mark.parametrize("text, expected", [
    ("邮政编码：252000，", ["252000"]),
    ("（邮编252300）", ["252300"]),
    ("邮政编码\n252600\n", ["252600"]),
    ("聊城市黄河路101号 252000", ["252000"]),
    ("地址（252000），邮编：252100", ["252100", "252000"]),
])
def test_postcodes(text: str, expected: list[str]) -> None:
    assert find_postcodes(text) == expected


@pytest.mark.parametrize("after", list(ids.NOT_POSTCODE_AFTER))
def test_six_digits_before_a_unit_are_not_a_postcode(after: str) -> None:
    assert find_postcodes(f"共 252000{after}") == []


@pytest.mark.parametrize("before", list(ids.NOT_POSTCODE_BEFORE))
def test_six_digits_after_a_marker_are_not_a_postcode(before: str) -> None:
    assert find_postcodes(f"共 {before}252000 ") == []


def test_postcode_not_taken_from_longer_numbers() -> None:
    assert find_postcodes(f"身份证{make_id()} 手机13812345678 发票2520001") == []


# ---------------------------------------------------------------- 文号
@pytest.mark.parametrize("text, expected", [
    ("聊政办发〔2023〕9号", "聊政办发〔2023〕9号"),
    ("依据鲁政办字〔2020〕179号", "鲁政办字〔2020〕179号"),
    ("按照国办公开办函〔2021〕30号", "国办公开办函〔2021〕30号"),
    ("《答复书》（亭市监依复〔2024〕第7号）", "亭市监依复〔2024〕第7号"),
    ("澄住建依复〔2023〕第02号", "澄住建依复〔2023〕第02号"),
    ("你局作出的聊市监罚〔2024〕156号行政处罚决定书", "聊市监罚〔2024〕156号"),
    ("文号\n聊市监发 〔 2022 〕 45 号", "聊市监发〔2022〕45号"),
    ("聊市监函(2025)8号", "聊市监函〔2025〕8号"),
    ("聊市监函（2025）8号", "聊市监函〔2025〕8号"),
    ("聊市监函C2025]8号", "聊市监函〔2025〕8号"),
    ("聊市监函l2025J8号", "聊市监函〔2025〕8号"),
    ("市场监督管理局聊市监发〔2025〕21号", "聊市监发〔2025〕21号"),
])
def test_doc_numbers(text: str, expected: str) -> None:
    assert find_doc_numbers(text) == [expected]


@pytest.mark.parametrize("opening, closing", list(zip(ids.DOC_OPEN, ids.DOC_CLOSE)))
def test_doc_number_brackets(opening: str, closing: str) -> None:
    assert find_doc_numbers(f"见聊政办发{opening}2023{closing}9号。") == ["聊政办发〔2023〕9号"]


@pytest.mark.parametrize("word", ids.DOC_LEAD_WORDS)
def test_doc_number_lead_words_are_left_out(word: str) -> None:
    assert find_doc_numbers(f"，{word}鲁政办字〔2020〕179号") == ["鲁政办字〔2020〕179号"]


def test_doc_numbers_in_order_without_repeats() -> None:
    text = "聊政办发〔2023〕9号和鲁政办字[2020]179号，又见聊政办发【2023】9号"
    assert find_doc_numbers(text) == ["聊政办发〔2023〕9号", "鲁政办字〔2020〕179号"]


def test_no_doc_number_without_year_brackets() -> None:
    assert find_doc_numbers("住址：黄河路101号，2023年9号楼") == []


# ---------------------------------------------------------------- titles
def test_titles_in_order_deduplicated_and_joined_across_lines() -> None:
    text = ("根据《中华人民共和国政府信息公开条例》，申请公开《聊城市市场监督管理局关于开展专\n项行动的通知》"
            "及《食品生产许可决定书》，《食品生产许可决定书》")
    assert find_titles(text) == ["中华人民共和国政府信息公开条例", "聊城市市场监督管理局关于开展专项行动的通知",
                                 "食品生产许可决定书"]


@pytest.mark.parametrize("opening, closing", ids.TITLE_QUOTES)
def test_title_quotes(opening: str, closing: str) -> None:
    assert find_titles(f"申请{opening}检查记录{closing}") == ["检查记录"]


def test_inner_title_belongs_to_the_outer_one() -> None:
    assert find_titles("《关于印发〈食品安全工作方案〉的通知》") == ["关于印发〈食品安全工作方案〉的通知"]


@pytest.mark.parametrize("title", sorted(ids.KNOWN_BASIS))
def test_known_basis(title: str) -> None:
    assert is_basis_law(title)


@pytest.mark.parametrize("ending", ids.DOCUMENT_ENDINGS)
def test_document_endings_are_documents_even_after_genju(ending: str) -> None:
    assert not is_basis_law(f"聊城市食品安全{ending}", before="根据")


@pytest.mark.parametrize("ending", ids.LAW_ENDINGS)
def test_law_endings_are_a_basis(ending: str) -> None:
    assert is_basis_law(f"中华人民共和国食品安全{ending}")


@pytest.mark.parametrize("ending", ids.RULE_ENDINGS)
def test_rule_endings_are_a_basis_only_when_cited(ending: str) -> None:
    title = f"市场监督管理投诉举报处理{ending}"
    assert not is_basis_law(title)
    assert is_basis_law(title, before="依据")
    assert is_basis_law(title, after="第三十一条")


@pytest.mark.parametrize("lead", ids.BASIS_LEADS)
def test_basis_leads(lead: str) -> None:
    assert is_basis_law("食品生产许可管理办法", before=f"申请人{lead}")


def test_method_is_not_a_law() -> None:
    assert not is_basis_law("食品中农药残留检验方法")


def test_requested_titles_leave_out_the_basis() -> None:
    text = ("根据《中华人民共和国政府信息公开条例》第二十七条，依据《市场监督管理投诉举报处理暂行办法》，"
            "申请公开《行政处罚决定书》和《食品生产许可管理办法》的起草说明")
    assert find_requested_titles(text) == ["行政处罚决定书", "食品生产许可管理办法"]


@pytest.mark.parametrize("foreign, latin", list(zip("φοосаеріхΟОСАЕРХ○", "ooocaepixOOCAEPXo")))
def test_email_greek_and_cyrillic_lookalikes(foreign: str, latin: str) -> None:
    assert find_emails(f"邮箱 w{foreign}ng@sina.com") == [f"w{latin}ng@sina.com".lower()]


@pytest.mark.parametrize("read, address", [("zhouminliang88@sina.côm", "zhouminliang88@sina.com"),
                                           ("wàng.lì@163.cóm", "wang.li@163.com")])
def test_email_accented_latin_lookalikes(read: str, address: str) -> None:
    assert find_emails(f"邮箱：{read}。") == [address]


@pytest.mark.parametrize("text, phone", [
    ("聯絡電話：+886 912 345 678", "+886 912 345 678"), ("Phone: +49 30 2345 6781 E-mail", "+49 30 2345 6781"),
    ("电话+852 6049 8880。", "+852 6049 8880"), ("手机：+82 10 9906 5739", "+82 10 9906 5739"),
    ("澳门 +853 6188 4269", "+853 6188 4269"), ("+86 138 1234 5678", "138 1234 5678"),
])
def test_international_numbers_are_read_as_written(text, phone):
    assert ids.find_phones(text) == [phone]


def test_a_short_plus_number_is_not_a_phone():
    assert ids.find_phones("编号+12 34") == []


@pytest.mark.parametrize("read, address", [
    ("hewb_gz@out1ook.com", "hewb_gz@outlook.com"), ("1iujg79@l63.com", "liujg79@163.com"),
    ("qinxw94@foxmai1.com", "qinxw94@foxmail.com"), ("a.b@q0.com", "a.b@q0.com"), ("abc@1xz1bz.org.cn", "abc@1xz1bz.org.cn"),
])
def test_a_providers_domain_is_repaired_only_where_the_repair_is_a_known_domain(read, address):
    assert ids.find_emails(f"邮箱：{read}") == [address]


@pytest.mark.parametrize("domain", sorted(ids.PROVIDER_DOMAINS))
def test_every_provider_domain_is_read_as_itself(domain):
    assert ids.find_emails(f"邮箱：zhang@{domain}") == [f"zhang@{domain}"]


def test_a_one_between_a_separator_and_letters_is_the_letter_l():
    from intake.classifiers.identifiers import find_emails
    assert find_emails("邮箱：wang_1aw@163.com") == ["wang_law@163.com"]
    assert find_emails("邮箱：zhao_1990@163.com") == ["zhao_1990@163.com"]


def test_a_misread_century_is_repaired_as_an_id_not_guessed_into_a_credit_code() -> None:
    # 20 read as 26: the birth date is gone, and a guessed USCC repair was preferred to the ID's.
    value = make_id("371521", "20030101", "003")
    misread = value[:7] + "6" + value[8:]
    found = only(find_resident_ids(f"身份证号码：{misread}。"))
    assert (found.value, found.valid, found.corrected) == (value, True, True)


def test_a_doc_number_whose_closing_bracket_was_lost_at_a_line_break_is_found():
    assert find_doc_numbers("处罚决定书（聊市监处罚〔2024\n46号）") == ["聊市监处罚〔2024〕46号"]
    assert find_doc_numbers("见聊市监罚〔2024 46号") == []      # a space alone is not a line break


def test_a_valid_credit_code_with_few_digits_is_found_as_written():
    # 9 digits only: a code with a letter-heavy 主体标识码; taken exactly as written, never repaired.
    code = "N2371525" + "18AQBRXFT"
    code += uscc_check(code)
    assert [(c.value, c.valid) for c in find_usccs(f"统一社会信用代码：{code}")] == [(code, True)]
    assert find_usccs(f"统一社会信用代码：{code[:-1]}{'A' if code[-1] != 'A' else 'B'}") == []


def test_typed_text_keeps_a_code_as_written_instead_of_repairing_it() -> None:
    from intake.classifiers.identifiers.codes import typed_text
    wrong = "371502197003152426"          # one digit off: a repair would pass the check
    [repaired] = ids.find_resident_ids(f"身份证号：{wrong}")
    assert repaired.valid and repaired.value != wrong
    with typed_text():
        [kept] = ids.find_resident_ids(f"身份证号：{wrong}")
    assert kept.value == wrong and not kept.valid


def test_a_misread_id_that_happens_to_pass_as_a_credit_code_is_still_the_id() -> None:
    # 371502… read with its first digit as 8: as written it passes a USCC's checks, but it carries an
    # ID's birth date and one repair makes it a valid ID (found by the property test above).
    [found] = ids.find_resident_ids("身份证号码：871502200609307952。")
    assert found.value == "371502200609307952" and found.corrected
    assert ids.find_usccs("身份证号码：871502200609307952。") == []
