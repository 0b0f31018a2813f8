"""Saved e-mails (.eml): is it one (`looks_like_email`), and what it says (`read_email`)."""
from intake.ocr.email.parts import Attachment, EmailContent, EmailReadError
from intake.ocr.email.reader import read_email
from intake.ocr.email.sniff import looks_like_email

__all__ = ["Attachment", "EmailContent", "EmailReadError", "looks_like_email", "read_email"]
