"""Errors with stable codes: each says in plain words why a file could not be read.

The pipeline turns any of these into a `failed` record whose `error` is `str(exc)` (English, for
the contract and the developers' log). The office reads the code's Chinese text instead
(`office_error`): the same code, words it can act on.
"""
from __future__ import annotations

import re


class IntakeError(Exception):
    code = "E000"
    summary = "the file could not be read"

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail)
        self.detail = detail

    def __str__(self) -> str:
        return f"[{self.code}] {self.summary}" + (f": {self.detail}" if self.detail else "")


class EmptyFile(IntakeError):
    code = "E001"
    summary = "the file is empty (0 bytes)"


class UnsupportedFile(IntakeError):
    code = "E002"
    summary = "the file type is not supported"


class CorruptFile(IntakeError):
    code = "E003"
    summary = "the file is damaged or truncated"


class EncryptedFile(IntakeError):
    code = "E004"
    summary = "the file is password-protected"


class TooLarge(IntakeError):
    code = "E005"
    summary = "the file is larger than the configured limits"


class NotARegularFile(IntakeError):
    code = "E006"
    summary = "not a regular file"


class TimedOut(IntakeError):
    code = "E007"
    summary = "reading the file took longer than the time limit"


class NoText(IntakeError):
    code = "E008"
    summary = "no text could be read from any page"


class OriginalVanished(IntakeError):
    code = "E009"
    summary = "the original left the inbox before it could be archived"


class UnexpectedError(IntakeError):
    """A stage failed in a way no other code names: the record says which stage and what was raised."""
    code = "E099"
    summary = "unexpected error"

    def __init__(self, stage: str = "", cause: str = "") -> None:
        super().__init__(cause)
        self.stage = stage

    @classmethod
    def during(cls, stage: str, exc: BaseException) -> UnexpectedError:
        return cls(f"while {stage}", f"{type(exc).__name__}: {exc}")

    def __reduce__(self) -> tuple[type[UnexpectedError], tuple[str, str]]:
        # Raised in a reader process and re-raised in the parent: both fields survive pickling.
        return (type(self), (self.stage, self.detail))

    def __str__(self) -> str:
        where = f" {self.stage}" if self.stage else ""
        return f"[{self.code}] {self.summary}{where}" + (f": {self.detail}" if self.detail else "")


# Code → what the office reads (the review page, the digest): what happened and what to do.
ERROR_TEXTS: dict[str, str] = {
    "E000": "文件无法读取",
    "E001": "文件是空的（0 字节），请向来件人索取原件",
    "E002": "不支持的文件类型，请转换为 PDF 或图片后重新放入收件箱",
    "E003": "文件已损坏或不完整，请向来件人索取完好的文件",
    "E004": "文件设有密码，请向来件人索取无密码的文件",
    "E005": "文件超过设定的大小或页数限制",
    "E006": "不是普通文件（链接、设备或文件夹），未处理",
    "E007": "读取超时，文件过大或过于复杂，请拆分后重新放入收件箱",
    "E008": "没有一页能识别出文字，请检查扫描质量",
    "E009": "原件在归档前已离开收件箱",
    "E099": "处理中出现意外错误，请联系技术人员（详情见日志）",
}
_CODE = re.compile(r"^\[(E\d{3})\]")


def error_code(text: str | None) -> str | None:
    """The code at the start of a record's `error`, e.g. "E003"."""
    match = _CODE.match(text or "")
    return match.group(1) if match else None


def office_error(text: str | None) -> str:
    """A record's `error` for the office: its code and the code's Chinese text (the English detail
    stays in the record and the log)."""
    if not text:
        return ""
    code = error_code(text)
    if code is None:
        return ERROR_TEXTS["E000"]
    return f"[{code}] {ERROR_TEXTS.get(code, ERROR_TEXTS['E000'])}"
