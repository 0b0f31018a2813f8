"""Errors with stable codes: each says in plain words why a file could not be read.

The pipeline turns any of these into a `failed` record whose `error` is `str(exc)`.
"""
from __future__ import annotations


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
