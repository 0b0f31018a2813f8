"""A column of label cells read before the column of their values: the OCR stage reads a ruled
form's label column, then its value column, when the cells do not line up (联系电话 / 联系地址 /
申请公开内容 / 0635-… / 聊城市… / 1.…). Each label is put back above its value, but only when every
value fits its field, so an ordinary form is never reordered."""
from __future__ import annotations

import re

from intake.classifiers.fields.cells import bare_label, section_of


# What a value read into a stacked label's place must look like, by its field (a value that does
# not fit leaves the lines as they were).
_FITS: dict[str, re.Pattern[str]] = {
    "phone": re.compile(r"(?:\+?\d[\d\- ]{6,}\d)"),
    "email": re.compile(r"[\w.\-]+@[\w\-]+\.[\w.\-]+"),
    "address": re.compile(r"^[\u4e00-\u9fff]{2,10}?(?:省|自治区|市|县|区|旗|镇|乡)[^：:？?，,。]{2,50}[路街道巷村号楼室院组]"),
    "postcode": re.compile(r"^\d{6}$"),
    # an ID or a passport number, never a mobile phone's 11 digits
    "id_number": re.compile(r"^(?!1[3-9]\d{9}$)(?:\d{17}[\dXx]|\d{15}|[A-Za-z]{1,2}\d{6,10}|[A-Z0-9]{6,12})$"),
    "uscc": re.compile(r"[0-9A-Z]{15,18}"),
    "person_name": re.compile(r"^[\u4e00-\u9fff·]{2,5}$"),
    "contact_person": re.compile(r"^[\u4e00-\u9fff·]{2,5}$"),
}


def values_after_stacked_labels(lines: list[str]) -> list[str]:
    """A column of label cells read before the column of their values (联系电话 / 联系地址 / 申请公开内容 /
    0635-… / 聊城市… / 1.…): each label is put back above its value, when every value fits its field."""
    result = list(lines)
    index = 0
    while index < len(result):
        stack = index
        while stack < len(result) and result[stack] and bare_label(result[stack]) is not None \
                and section_of(result[stack]) is None:
            stack += 1
        count = stack - index
        values = result[stack:stack + count - 1]
        fields = [bare_label(line) for line in result[index:stack - 1]]
        if count >= 2 and len(values) == count - 1 and all(
                field in _FITS and value and bare_label(value) is None and _FITS[field].search(value)
                for field, value in zip(fields, values, strict=True)):
            labels = result[index:stack]
            result[index:stack + count - 1] = [line for pair in zip(labels, values) for line in pair] + [labels[-1]]
            index = stack + count - 1
        else:
            index += max(1, count)
    return result
