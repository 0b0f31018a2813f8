"""Is this an e-mail? The first bytes look like RFC 822 header lines (optionally after an mbox line)."""
from __future__ import annotations

import re

_KNOWN_HEADERS = frozenset({
    b"from", b"received", b"subject", b"mime-version", b"return-path", b"content-type", b"date",
    b"to", b"cc", b"bcc", b"message-id", b"reply-to", b"sender", b"delivered-to", b"in-reply-to",
    b"references", b"content-transfer-encoding", b"dkim-signature", b"authentication-results",
    b"thread-topic", b"thread-index", b"user-agent", b"importance", b"list-id", b"precedence",
})


_SNIFF_BYTES = 4096


_FIELD_LINE = re.compile(rb"[!-9;-~]+[ \t]*:")


# Lines before the headers of a saved mail: the mbox envelope, Outlook's saved-headers banner.
_PREAMBLE_LINE = re.compile(rb"From |Microsoft Mail Internet Headers")


# ---------------------------------------------------------------- sniffing
def looks_like_email(head: bytes) -> bool:
    """True when the first bytes look like RFC 822 header lines (optionally after an mbox line)."""
    window = bytes(head[:_SNIFF_BYTES])
    if b"\x00" in window:
        return False
    lines = window.splitlines(keepends=True)
    if len(window) >= _SNIFF_BYTES and lines and not lines[-1].endswith((b"\n", b"\r")):
        lines = lines[:-1]      # cut by the window: it says nothing
    fields = known = junk = 0
    ended = False
    for line in lines:
        bare = line.rstrip(b"\r\n")
        if not bare.strip(b" \t\xef\xbb\xbf"):
            ended = fields > 0
            if ended:
                break
            continue
        if fields == 0 and _PREAMBLE_LINE.match(bare) and not _FIELD_LINE.match(bare):
            continue
        if _FIELD_LINE.match(bare.lstrip(b"\xef\xbb\xbf")):
            name = bare.lstrip(b"\xef\xbb\xbf").split(b":", 1)[0].strip().lower()
            fields += 1
            known += name in _KNOWN_HEADERS or name.startswith((b"x-", b"arc-", b"list-", b"resent-"))
        elif fields == 0:
            return False        # the first real line is not a header field
        elif bare[:1] not in (b" ", b"\t"):
            junk += 1
    if known >= 2:
        return junk * 5 <= fields
    # A single header line is only believed when a blank line closes a clean header block.
    return known == 1 and junk == 0 and ended
