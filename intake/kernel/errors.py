"""Errors with stable codes: each says in plain words why a file could not be read.

The pipeline turns any of these into a `failed` record whose `error` is `str(exc)` (English, for
the contract and the developers' log). The office reads the code's Chinese text instead
(`office_error`): the same code, words it can act on. The environment's faults (E1xx: a read-only
register, a full disk) are not the file's: nothing is recorded as failed, the service says what to
do and retries or stops.
"""
from __future__ import annotations

import errno
import re


class IntakeError(Exception):
    code = "E000"
    summary = "the file could not be read"
    # The office's words, for errors the office reads first (set on the newer codes; the older
    # codes' wording is what existing records hold).
    summary_zh = ""

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail)
        self.detail = detail

    def __str__(self) -> str:
        summary = f"{self.summary_zh} / {self.summary}" if self.summary_zh else self.summary
        return f"[{self.code}] {summary}" + (f": {self.detail}" if self.detail else "")


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


class ClaimFailed(IntakeError):
    """Hashing worked, but the file could not be registered and archived (its name, its folder)."""
    code = "E010"
    summary = "the file could not be taken in"
    summary_zh = "文件未能登记归档"


class ReaderCrashed(IntakeError):
    """The process reading the file died (killed, out of memory, a crash in a native library)."""
    code = "E011"
    summary = "reading the file stopped the reader"
    summary_zh = "读取该文件时读取进程中止"


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
    "E010": "文件无法登记（名称或权限有问题），原件已移至归档的 set-aside 文件夹",
    "E011": "读取此文件多次导致服务中断，已停止重试，原件已保留",
    "E099": "处理中出现意外错误，请联系技术人员（详情见日志）",
    "E100": "HOME 无法写入，请检查 HOME 文件夹和磁盘",
    "E101": "登记库只读，请检查 register.db 的权限",
    "E102": "磁盘已满，请清理磁盘空间",
    "E103": "文件夹无法写入，请检查 HOME 下各文件夹的权限",
    "E104": "登记库无法使用，请用备份恢复",
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


# ---------------------------------------------------------------- the environment's faults
class EnvironmentFault(IntakeError):
    """HOME cannot be written: not the file's fault, so no file is recorded as failed for it."""
    code = "E100"
    summary = "HOME cannot be written"
    summary_zh = "HOME 无法写入"
    advice = "check HOME's folders and disk"
    advice_zh = "请检查 HOME 文件夹和磁盘"

    def __str__(self) -> str:
        return (f"[{self.code}] {self.summary_zh} / {self.summary}" + (f": {self.detail}" if self.detail else "")
                + f" — {self.advice_zh} / {self.advice}")

    @staticmethod
    def from_os_error(exc: OSError, where: str) -> EnvironmentFault | None:
        """The fault an OSError from writing under HOME stands for; None when it is not one."""
        kinds: dict[int, type[EnvironmentFault]] = {
            errno.ENOSPC: DiskFull, errno.EDQUOT: DiskFull, errno.EROFS: HomeNotWritable,
            errno.EACCES: HomeNotWritable, errno.EPERM: HomeNotWritable}
        kind = kinds.get(exc.errno or 0)
        return kind(f"{where}: {exc.strerror or exc}") if kind else None


class RegisterReadOnly(EnvironmentFault):
    code = "E101"
    summary = "the register is read-only"
    summary_zh = "登记库只读，无法写入"
    advice = "give the service's user write permission on register.db and its folder, then restart"
    advice_zh = "请让服务所用账户对 register.db 及其所在文件夹有写权限，然后重新启动"


class DiskFull(EnvironmentFault):
    code = "E102"
    summary = "the disk is full"
    summary_zh = "磁盘已满"
    advice = "free space on HOME's disk; files wait in the inbox and are taken when there is room"
    advice_zh = "请清理 HOME 所在磁盘的空间；文件留在收件箱中，有空间后自动继续处理"


class HomeNotWritable(EnvironmentFault):
    code = "E103"
    summary = "a folder of HOME cannot be written"
    summary_zh = "HOME 中的文件夹无法写入"
    advice = "give the service's user write permission on HOME's folders (archive/, outbox/)"
    advice_zh = "请让服务所用账户对 HOME 中的 archive/、outbox/ 等文件夹有写权限"


class RegisterUnavailable(EnvironmentFault):
    code = "E104"
    summary = "the register cannot be used"
    summary_zh = "登记库无法使用"
    advice = "check the disk holding register.db; restore it from `intake backup` if it is damaged"
    advice_zh = "请检查 register.db 所在磁盘；如已损坏，请用 `intake backup` 的备份恢复"
