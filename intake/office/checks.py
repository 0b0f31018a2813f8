"""What the office types is checked before it counts (Art. 29 (一)): an identity number with the
wrong check character (GB 11643 resident ID, GB 32100 USCC) is no proof of identity, a phone that
cannot be dialled is no way to reach the applicant. The check characters are the classifiers' own
(classifiers/identifiers/checksums.py), so the page and the pipeline judge a number alike."""
from __future__ import annotations

import re
from dataclasses import dataclass

from intake.classifiers.identifiers.checksums import resident_id_valid, uscc_valid
from intake.kernel import Applicant, IdType, Missing

MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^(?:0\d{2,3})?\d{7,8}(?:转\d{1,6})?$")
PASSPORT = re.compile(r"^(?:[A-Z]{1,2}\d{7,8}|[A-Z]\d{8}|\d{9})$")      # 中国护照 E12345678 / EA1234567, 旧版 G/P
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
POSTCODE = re.compile(r"^\d{6}$")


@dataclass(frozen=True, slots=True)
class InputWarning:
    field: str          # e.g. "applicant.id_number"
    message: str        # for the office (Chinese)
    missing: Missing | None = None      # the Art. 29 item it leaves unmet, if any


def _phone_ok(phone: str) -> bool:
    digits = re.sub(r"[\s\-—－()（）]", "", phone)
    return bool(MOBILE.match(digits) or LANDLINE.match(digits))


def id_warning(applicant: Applicant) -> InputWarning | None:
    number = (applicant.id_number or "").strip().upper()
    if not number:
        return None
    kind = applicant.id_type
    if kind is None and re.fullmatch(r"\d{17}[\dX]", number):
        kind = IdType.RESIDENT_ID
    if kind is IdType.RESIDENT_ID and not resident_id_valid(number):
        return InputWarning("applicant.id_number", f"居民身份证号码 {number} 不符合 GB 11643（位数、出生日期或校验位不对），"
                            "不能作为身份证明，请核对", Missing.APPLICANT_ID)
    if kind is IdType.USCC and not uscc_valid(number):
        return InputWarning("applicant.id_number", f"统一社会信用代码 {number} 不符合 GB 32100（校验位不对），"
                            "不能作为身份证明，请核对", Missing.APPLICANT_ID)
    if kind is IdType.PASSPORT and not PASSPORT.match(number):
        return InputWarning("applicant.id_number", f"护照号码 {number} 格式不对（应为字母加 8 位数字等），请核对",
                            Missing.APPLICANT_ID)
    return None


def input_warnings(applicant: Applicant | None) -> list[InputWarning]:
    """Every typed value of the applicant that fails its check."""
    if applicant is None:
        return []
    found: list[InputWarning] = []
    identity = id_warning(applicant)
    if identity is not None:
        found.append(identity)
    phone_bad = bool(applicant.phone) and not _phone_ok(applicant.phone or "")
    email_bad = bool(applicant.email) and not EMAIL.match((applicant.email or "").strip())
    reachable = (applicant.phone and not phone_bad) or (applicant.email and not email_bad) or applicant.address
    if phone_bad:
        found.append(InputWarning("applicant.phone", f"联系电话 {applicant.phone} 不像能拨通的号码（手机 11 位，座机区号加 7–8 位），"
                                  "请核对", None if reachable else Missing.APPLICANT_CONTACT))
    if email_bad:
        found.append(InputWarning("applicant.email", f"电子邮箱 {applicant.email} 格式不对，请核对",
                                  None if reachable else Missing.APPLICANT_CONTACT))
    if applicant.postcode and not POSTCODE.match(applicant.postcode):
        found.append(InputWarning("applicant.postcode", f"邮政编码 {applicant.postcode} 应为六位数字"))
    return found


def with_unmet(missing: tuple[Missing, ...], warnings: list[InputWarning]) -> tuple[Missing, ...]:
    """Art. 29's missing items, with those a failed check leaves unmet, in the contract's order."""
    unmet = set(missing) | {warning.missing for warning in warnings if warning.missing is not None}
    return tuple(item for item in Missing if item in unmet)
