"""The e-mail reader: every message built here, in code, as the mail clients write them."""
from __future__ import annotations

import base64
import datetime as dt
import unicodedata
from email.message import EmailMessage

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.ocr.email import Attachment, EmailContent, EmailReadError, looks_like_email, read_email

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(64))


def b64word(text: str, charset: str, codec: str | None = None) -> str:
    """An RFC 2047 B-encoded word of `text` encoded with `codec` but labelled `charset`."""
    return f"=?{charset}?B?{base64.b64encode(text.encode(codec or charset)).decode()}?="


def raw_mail(*headers: bytes, body: bytes = b"") -> bytes:
    return b"\r\n".join(headers) + b"\r\n\r\n" + body


def multipart(boundary: bytes, *parts: bytes, subtype: bytes = b"mixed", headers: bytes = b"") -> bytes:
    inner = b"".join(b"--" + boundary + b"\r\n" + part + b"\r\n" for part in parts)
    return (headers + b"Content-Type: multipart/" + subtype + b'; boundary="' + boundary + b'"\r\n\r\n'
            + b"preamble\r\n" + inner + b"--" + boundary + b"--\r\n")


# ---------------------------------------------------------------- headers and plain bodies
def test_utf8_mail_gives_decoded_subject_sender_date_and_body() -> None:
    message = EmailMessage()
    message["Subject"] = "政府信息公开申请：关于道路改造资金"
    message["From"] = "张三 <ZhangSan@Example.COM>"
    message["To"] = "xxgk@gov.example.cn"
    message["Date"] = "Mon, 04 Mar 2024 09:30:00 +0800"
    message.set_content("申请人：张三\n所需信息：2023年道路改造资金使用情况。\n")

    mail = read_email(message.as_bytes())

    assert mail.meta.subject == "政府信息公开申请：关于道路改造资金"
    assert mail.meta.sender_name == "张三"
    assert mail.meta.sender_address == "zhangsan@example.com"
    assert mail.meta.date == dt.datetime(2024, 3, 4, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert mail.body == "申请人：张三\n所需信息：2023年道路改造资金使用情况。"
    assert mail.attachments == ()
    assert mail.warnings == ()


def test_gb2312_label_is_read_as_gb18030_in_words_and_body() -> None:
    # 喆 and 堃 are GBK, not GB2312: Outlook and Foxmail label such text gb2312 anyway.
    mail = read_email(raw_mail(
        b"Subject: " + b64word("李喆的申请", "gb2312", "gbk").encode(),
        b"From: " + b64word("王堃", "GB2312", "gbk").encode() + b" <wk@example.cn>",
        b"Date: Tue, 5 Mar 2024 10:00:00 +0800",
        b"Content-Type: text/plain; charset=gb2312",
        b"Content-Transfer-Encoding: 8bit",
        body="申请人王堃，请公开喆字号文件。".encode("gbk")))

    assert mail.meta.subject == "李喆的申请"
    assert mail.meta.sender_name == "王堃"
    assert mail.body == "申请人王堃，请公开喆字号文件。"
    assert mail.warnings == ()


def test_x_gbk_quoted_printable_body_is_decoded() -> None:
    encoded = "".join(f"={byte:02X}" for byte in "信息公开".encode("gbk"))
    mail = read_email(raw_mail(b"From: a@b.cn", b"Date: Tue, 5 Mar 2024 10:00:00 +0800",
                               b'Content-Type: text/plain;\r\n\tcharset="X-GBK"',
                               b"Content-Transfer-Encoding: quoted-printable",
                               body=encoded.encode() + b"=\r\n!"))
    assert mail.body == "信息公开!"


def test_raw_8bit_gbk_headers_are_decoded() -> None:
    mail = read_email(raw_mail(b"Subject: " + "申请公开规划文件".encode("gbk"),
                               b"From: " + "李四".encode("gbk") + b" <LiSi@Example.cn>",
                               body="正文".encode("gbk")))
    assert mail.meta.subject == "申请公开规划文件"
    assert mail.meta.sender_name == "李四"
    assert mail.meta.sender_address == "lisi@example.cn"
    assert mail.body == "正文"


def test_raw_8bit_big5_headers_are_told_from_gbk() -> None:
    # Big5 bytes also decode as GB18030, into rare characters.
    mail = read_email(raw_mail(b"Subject: " + "養樂多線上訂購".encode("big5"),
                               b"From: " + "張三".encode("big5") + b" <c@example.tw>",
                               body="政府資訊公開申請".encode("big5")))
    assert mail.meta.subject == "養樂多線上訂購"
    assert mail.meta.sender_name == "張三"
    assert mail.body == "政府資訊公開申請"


def test_big5_label_falls_back_to_hkscs() -> None:
    text = "香港㐵字"     # 㐵 is in Big5-HKSCS only
    mail = read_email(raw_mail(b"From: a@b.hk", b"Content-Type: text/plain; charset=big5",
                               body=text.encode("big5hkscs")))
    assert mail.body == text
    assert not any("body" in warning for warning in mail.warnings)


def test_ks_c_5601_1987_words_are_read_as_cp949() -> None:
    mail = read_email(raw_mail(b"Subject: " + b64word("RE: 회원님께", "ks_c_5601-1987", "cp949").encode(),
                               b"From: " + b64word("김 현진", "ks_c_5601-1987", "cp949").encode() + b" <k@x.kr>",
                               b"Content-Type: text/plain", body=b"Content"))
    assert mail.meta.subject == "RE: 회원님께"
    assert mail.meta.sender_name == "김 현진"


def test_encoded_word_split_inside_a_multibyte_character_is_joined() -> None:
    raw = "申请".encode("utf-8")
    first, second = base64.b64encode(raw[:4]).decode(), base64.b64encode(raw[4:]).decode()
    mail = read_email(raw_mail(f"Subject: =?utf-8?B?{first}?=\r\n =?UTF-8?B?{second}?= 书".encode(),
                               body=b"x"))
    assert mail.meta.subject == "申请 书"


def test_q_encoded_word_with_underscores() -> None:
    mail = read_email(raw_mail(b"Subject: =?utf-8?Q?=E7=94=B3=E8=AF=B7_no.=5F1?=", body=b"x"))
    assert mail.meta.subject == "申请 no._1"


@pytest.mark.parametrize(("label", "payload", "expected"), [
    ("x-unknown", "申请书".encode("utf-8"), "申请书"),
    ("utf-8-purple", "申请书".encode("gbk"), "申请书"),
    ("x-ias-german", "Grüße".encode("latin-1"), "Grüße"),
])
def test_unknown_charset_is_guessed_with_a_warning(label: str, payload: bytes, expected: str) -> None:
    mail = read_email(raw_mail(b"From: a@b.cn", f"Content-Type: text/plain; charset={label}".encode(),
                               body=payload))
    assert mail.body == expected
    assert any(label in warning and "unknown charset" in warning for warning in mail.warnings)


@pytest.mark.parametrize("content_type", [b"Content-Type: text/plain", b'Content-Type: text/plain; charset=""',
                                          b"Content-Type: text/plain; charset="])
def test_missing_charset_gbk_body_is_decoded(content_type: bytes) -> None:
    mail = read_email(raw_mail(b"From: a@b.cn", content_type, body="依申请公开".encode("gbk")))
    assert mail.body == "依申请公开"


def test_utf8_text_mislabelled_as_latin1_is_read_as_utf8() -> None:
    name = "=?iso-8859-1?Q?S=C3=BCderbar_GmbH?="
    mail = read_email(raw_mail(f"From: {name} <info@foo.de>".encode(), body=b"x"))
    assert mail.meta.sender_name == "Süderbar GmbH"
    assert any("really UTF-8" in warning for warning in mail.warnings)


def test_missing_content_type_is_plain_text() -> None:
    mail = read_email(raw_mail(b"Subject: plain", b"From: x@y.cn", body="没有类型\r\n第二行".encode()))
    assert mail.body == "没有类型\n第二行"
    assert mail.attachments == ()


def test_base64_body_with_broken_padding_is_still_read() -> None:
    encoded = base64.b64encode("申请公开会议纪要".encode()).rstrip(b"=")
    mail = read_email(raw_mail(b"From: x@y.cn", b"Content-Type: text/plain; charset=utf-8",
                               b"Content-Transfer-Encoding: base64", body=encoded[:10] + b"\r\n" + encoded[10:]))
    assert mail.body == "申请公开会议纪要"


def test_unknown_transfer_encoding_is_read_with_a_warning() -> None:
    readable = read_email(raw_mail(b"From: x@y.cn", b"Content-Type: text/plain", b"Content-Transfer-Encoding: foobar",
                                   body=b"MyPlain"))
    assert readable.body == "MyPlain"
    assert any("'foobar'" in warning for warning in readable.warnings)
    guessed = read_email(raw_mail(b"From: x@y.cn", b"Content-Type: text/plain; charset=utf-8",
                                  b"Content-Transfer-Encoding: x-b64",
                                  body=base64.b64encode("依申请公开政府信息".encode())))
    assert guessed.body == "依申请公开政府信息"


def test_format_flowed_lines_are_joined() -> None:
    mail = read_email(raw_mail(b"From: x@y.cn", b"Content-Type: text/plain; charset=utf-8; format=flowed",
                               body="在 2024/3/4 写道: \r\n第二段\r\n> 引用 \r\n> 续行\r\n>\r\n-- \r\n签名".encode()))
    assert mail.body == "在 2024/3/4 写道: 第二段\n> 引用 续行\n>\n-- \n签名"


def test_date_missing_or_unreadable_gives_none_and_a_warning() -> None:
    missing = read_email(raw_mail(b"From: x@y.cn", body=b"x"))
    broken = read_email(raw_mail(b"From: x@y.cn", b"Date: yesterday-ish", body=b"x"))
    assert missing.meta.date is None and broken.meta.date is None
    assert "the mail has no Date header" in missing.warnings
    assert any("could not be read" in warning for warning in broken.warnings)


def test_date_without_zone_is_taken_as_utc() -> None:
    mail = read_email(raw_mail(b"From: x@y.cn", b"Date: 27 Feb 2017 04:51:29 -0000", body=b"x"))
    assert mail.meta.date == dt.datetime(2017, 2, 27, 4, 51, 29, tzinfo=dt.timezone.utc)


def test_missing_from_falls_back_to_sender_with_a_warning() -> None:
    mail = read_email(raw_mail(b"Sender: Office <Office@Gov.CN>", b"Subject: x", body=b"x"))
    assert (mail.meta.sender_name, mail.meta.sender_address) == ("Office", "office@gov.cn")
    assert "the mail has no From header" in mail.warnings


def test_stray_line_among_headers_is_dropped_not_taken_as_body() -> None:
    mail = read_email(raw_mail(b"Return-Path: <t@localhost>", b"263a 0020 0076 bb98", b"Subject: kept",
                               b"From: <t@localhost>", body=b"the body"))
    assert mail.meta.subject == "kept"
    assert mail.body == "the body"
    assert "1 malformed header line(s) ignored" in mail.warnings


@pytest.mark.parametrize("preamble", [
    b"\r\n\r\nFrom someone@example.com Mon Mar  4 09:30:00 2024\r\n",
    b"Microsoft Mail Internet Headers Version 2.0\r\n",
])
def test_envelope_lines_before_the_headers_are_skipped(preamble: bytes) -> None:
    raw = preamble + raw_mail(b"Subject: saved", b"From: a@b.cn", body=b"x")
    assert read_email(raw).meta.subject == "saved"
    assert looks_like_email(raw)


# ---------------------------------------------------------------- HTML and structure
def test_html_only_body_becomes_text() -> None:
    markup = ("<html><head><title>T</title><style>p {color: red}</style><script>alert(1)</script></head>"
              "<body><p>申请人：张三&nbsp;先生</p><div>电话&amp;传真：010-1234<br>地址：&#x5317;京</div>"
              "<table><tr><td>项目</td><td>金额</td></tr></table></body></html>")
    mail = read_email(raw_mail(b"From: x@y.cn", b"Content-Type: text/html; charset=utf-8", body=markup.encode()))
    assert mail.body == "申请人：张三 先生\n\n电话&传真：010-1234\n地址：北京\n\n项目\t金额"
    assert "alert" not in mail.body and "color" not in mail.body


def test_html_charset_comes_from_meta_when_the_label_is_bogus() -> None:
    markup = '<html><head><meta charset="gbk"></head><body>信息公开</body></html>'.encode("gbk")
    mail = read_email(raw_mail(b"From: x@y.cn", b"Content-Type: text/html; charset=utf-8-prunus", body=markup))
    assert mail.body == "信息公开"


def test_html_with_unknown_marked_section_does_not_fail() -> None:
    mail = read_email(raw_mail(b"From: x@y.cn", b"Content-Type: text/html", body=b"<p>a</p><![foo[ x ]]><p>b</p>"))
    assert "a" in mail.body and "b" in mail.body
    assert any("HTML" in warning for warning in mail.warnings)


def test_alternative_prefers_plain_text_and_keeps_related_images() -> None:
    message = EmailMessage()
    message["From"] = "a@b.cn"
    message.set_content("纯文本正文")
    message.add_alternative("<p>网页正文</p>", subtype="html")
    message.get_payload()[1].add_related(PNG, "image", "png", cid="<scan1>", filename="scan.png")
    mail = read_email(message.as_bytes())
    assert mail.body == "纯文本正文"
    assert [(a.filename, a.content_type, a.data) for a in mail.attachments] == [("scan.png", "image/png", PNG)]


def test_attachments_in_order_with_names_and_types() -> None:
    message = EmailMessage()
    message["From"] = "a@b.cn"
    message.set_content("见附件")
    message.add_attachment(PDF, maintype="application", subtype="pdf", filename="申请表.pdf")
    message.add_attachment(PNG, maintype="image", subtype="png", filename="身份证.png")
    message.add_attachment("补充说明", filename="说明.txt")
    message.add_attachment(b"PK\x03\x04docx", maintype="application",
                           subtype="vnd.openxmlformats-officedocument.wordprocessingml.document", filename="申请书.docx")
    mail = read_email(message.as_bytes())
    assert mail.body == "见附件"
    assert [(a.filename, a.content_type) for a in mail.attachments] == [
        ("申请表.pdf", "application/pdf"), ("身份证.png", "image/png"), ("说明.txt", "text/plain"),
        ("申请书.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    assert mail.attachments[0].data == PDF
    assert mail.attachments[2].data.decode().strip() == "补充说明"


def test_rfc2231_and_rfc2047_filenames_are_decoded() -> None:
    rfc2231 = b"Content-Type: application/pdf\r\nContent-Disposition: attachment;\r\n" \
              b" filename*0*=gb2312''%D6%D0%CE%C4;\r\n filename*1*=%C9%EA%C7%EB.pdf\r\n" \
              b"Content-Transfer-Encoding: base64\r\n\r\n" + base64.b64encode(PDF)
    rfc2047 = b'Content-Type: image/png; name="' + b64word("照片.png", "gb2312").encode() + \
              b'"\r\nContent-Disposition: attachment\r\nContent-Transfer-Encoding: base64\r\n\r\n' + base64.b64encode(PNG)
    mail = read_email(multipart(b"zz", b"Content-Type: text/plain\r\n\r\nbody", rfc2231, rfc2047,
                                headers=b"From: a@b.cn\r\nMIME-Version: 1.0\r\n"))
    assert [a.filename for a in mail.attachments] == ["中文申请.pdf", "照片.png"]
    assert mail.attachments[0].data == PDF


@pytest.mark.parametrize(("disposition", "expected"), [
    (b'filename="../../etc/passwd"', "passwd"),
    (b'filename="C:\\\\Windows\\\\evil.exe"', "evil.exe"),
    (b'filename="/abs/path/x.pdf"', "x.pdf"),
    (b"filename*=utf-8''a%00b%07c%0A.pdf", "abc.pdf"),
    (b'filename=".."', "attachment-1.pdf"),
    (b'filename="..hidden.pdf"', "hidden.pdf"),
    (b"", "attachment-1.pdf"),
])
def test_attachment_filenames_are_safe_base_names(disposition: bytes, expected: str) -> None:
    part = (b"Content-Type: application/pdf\r\nContent-Disposition: attachment; " + disposition
            + b"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64.b64encode(PDF))
    mail = read_email(multipart(b"b1", b"Content-Type: text/plain\r\n\r\nx", part, headers=b"From: a@b.cn\r\n"))
    assert [a.filename for a in mail.attachments] == [expected]


def test_nested_message_body_is_appended_and_its_attachments_collected() -> None:
    inner = EmailMessage()
    inner["From"] = "申请人 <applicant@example.cn>"
    inner["Subject"] = "政府信息公开申请"
    inner.set_content("请公开2023年预算。")
    inner.add_attachment(PDF, maintype="application", subtype="pdf", filename="申请表.pdf")
    outer = EmailMessage()
    outer["From"] = "clerk@gov.example.cn"
    outer["Subject"] = "Fwd: 政府信息公开申请"
    outer.set_content("转发一件申请。")
    outer.add_attachment(inner)
    mail = read_email(outer.as_bytes())
    assert mail.body.startswith("转发一件申请。\n\n----- attached message -----")
    assert "From: 申请人 <applicant@example.cn>\nSubject: 政府信息公开申请\n\n请公开2023年预算。" in mail.body
    assert [a.filename for a in mail.attachments] == ["申请表.pdf"]


def test_base64_encoded_message_rfc822_part_is_read() -> None:
    inner = raw_mail(b"From: x@y.cn", b"Subject: inner", body="内层正文".encode())
    part = b"Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64.encodebytes(inner)
    mail = read_email(multipart(b"q", b"Content-Type: text/plain\r\n\r\nouter", part, headers=b"From: a@b.cn\r\n"))
    assert "Subject: inner" in mail.body and "内层正文" in mail.body


def test_bounce_gives_the_explanation_and_the_returned_message() -> None:
    status = b"Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example\r\n\r\n" \
             b"Final-Recipient: rfc822; gone@example.cn\r\nAction: failed\r\nStatus: 5.1.1\r\n"
    returned = b"Content-Type: message/rfc822\r\n\r\n" + raw_mail(b"From: me@example.cn", b"Subject: hello",
                                                                  body=b"original text")
    mail = read_email(multipart(b"rep", b"Content-Type: text/plain\r\n\r\nDelivery failed.", status, returned,
                                subtype=b"report; report-type=delivery-status",
                                headers=b"From: MAILER-DAEMON@mx.example\r\nSubject: Undelivered\r\n"))
    assert mail.body.startswith("Delivery failed.")
    assert "original text" in mail.body
    assert "Reporting-MTA" not in mail.body
    assert mail.attachments == ()


def test_boundary_that_never_appears_yields_the_text_and_a_warning() -> None:
    mail = read_email(raw_mail(b"From: a@b.cn", b'Content-Type: multipart/mixed; boundary="nowhere"',
                               body="只有正文".encode()))
    assert "只有正文" in mail.body
    assert any("boundary never appears" in warning for warning in mail.warnings)


def test_parts_are_found_by_their_own_delimiters_when_the_declared_boundary_is_wrong() -> None:
    raw = (b"From: a@b.cn\r\nContent-Type: multipart/alternative; boundary=\"--=_declared\"\r\n\r\n"
           b"----=_actual\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
           + base64.encodebytes("<p>申请公开</p>".encode()) + b"----=_actual--\r\n")
    mail = read_email(raw)
    assert mail.body == "申请公开"
    assert "the parts were found by their own delimiter lines" in mail.warnings


def test_truncated_multipart_keeps_what_arrived() -> None:
    full = multipart(b"cut", "第一部分".encode(), headers=b"From: a@b.cn\r\n")
    mail = read_email(full[: full.rindex(b"--cut--")])
    assert "第一部分" in mail.body
    assert any("truncated" in warning for warning in mail.warnings)


def test_parts_after_an_early_closing_boundary_are_recovered() -> None:
    # The outer and the inner multipart share one boundary: the attachment sits in the epilogue.
    raw = (b"From: a@b.cn\r\nContent-Type: multipart/mixed; boundary=\"S\"\r\n\r\n--S\r\n"
           b"Content-Type: multipart/alternative; boundary=\"S\"\r\n\r\n--S\r\nContent-Type: text/plain\r\n\r\n"
           b"hello\r\n--S--\r\n\r\n--S\r\nContent-Type: application/pdf; name=\"x.pdf\"\r\n"
           b"Content-Transfer-Encoding: base64\r\n\r\n" + base64.b64encode(PDF) + b"\r\n--S--\r\n")
    mail = read_email(raw)
    assert [(a.filename, a.data) for a in mail.attachments] == [("x.pdf", PDF)]
    assert mail.body == "hello"


def test_deep_nesting_stops_with_a_warning() -> None:
    opening = b"".join(b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (i, i) for i in range(40))
    closing = b"".join(b"\r\n--b%d--" % i for i in reversed(range(40)))
    mail = read_email(b"From: a@b.cn\r\n" + opening + b"Content-Type: text/plain\r\n\r\ndeep" + closing)
    assert any("nested deeper" in warning for warning in mail.warnings)


# ---------------------------------------------------------------- limits
def test_oversized_attachment_is_dropped_with_a_warning() -> None:
    message = EmailMessage()
    message["From"] = "a@b.cn"
    message.set_content("x")
    message.add_attachment(b"A" * 5000, maintype="application", subtype="pdf", filename="big.pdf")
    message.add_attachment(PDF, maintype="application", subtype="pdf", filename="small.pdf")
    mail = read_email(message.as_bytes(), max_attachment_bytes=1000)
    assert [a.filename for a in mail.attachments] == ["small.pdf"]
    assert any("'big.pdf'" in warning and "dropped" in warning for warning in mail.warnings)


def test_attachments_beyond_the_count_limit_are_dropped() -> None:
    message = EmailMessage()
    message["From"] = "a@b.cn"
    message.set_content("x")
    for number in range(5):
        message.add_attachment(PNG + bytes([number]), maintype="image", subtype="png", filename=f"p{number}.png")
    mail = read_email(message.as_bytes(), max_attachments=3)
    assert [a.filename for a in mail.attachments] == ["p0.png", "p1.png", "p2.png"]
    assert "2 attachment(s) beyond the first 3 dropped" in mail.warnings


def test_unnamed_attachments_get_invented_names_by_type() -> None:
    parts = [b"Content-Type: image/jpeg\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64.b64encode(b"\xff\xd8jpeg"),
             b"Content-Type: application/x-thing\r\n\r\nstuff"]
    mail = read_email(multipart(b"n", b"Content-Type: text/plain\r\n\r\nx", *parts, headers=b"From: a@b.cn\r\n"))
    assert [(a.filename, a.content_type) for a in mail.attachments] == [
        ("attachment-1.jpg", "image/jpeg"), ("attachment-2.bin", "application/x-thing")]


# ---------------------------------------------------------------- not an e-mail
@pytest.mark.parametrize("data", [
    b"", b"\r\n\r\n", PNG, PDF, "政府信息公开申请表\n申请人：张三\n".encode("utf-8"),
    "政府信息公开申请表\n".encode("gbk"), b"\x00\x01\x02binary",
])
def test_bytes_that_are_no_email_raise_email_read_error(data: bytes) -> None:
    with pytest.raises(EmailReadError):
        read_email(data)
    assert not looks_like_email(data)


@pytest.mark.parametrize("head", [
    b"From: a@b.cn\r\nTo: c@d.cn\r\nSubject: x\r\n\r\nbody",
    b"From someone@example.com Mon Mar  4 09:30:00 2024\nReturn-Path: <a@b.cn>\nReceived: from x\n\tby y\n",
    b"\n\nX-Mailer: Foxmail\nMIME-Version: 1.0\nContent-Type: text/plain\n",
    b"Content-Type: multipart/mixed; boundary=\"a\"\n\n--a\n",
])
def test_header_lines_look_like_email(head: bytes) -> None:
    assert looks_like_email(head)


@pytest.mark.parametrize("head", [
    "申请人：张三\n联系电话：13800000000\n".encode(),
    "To: 某某局\n申请人：张三\n联系电话：1380000\n地址：北京\n".encode(),
    b"Note: this is a plain text file\nwith several lines\nof prose\n",
    PNG, PDF, b"PK\x03\x04" + bytes(40),
])
def test_other_files_do_not_look_like_email(head: bytes) -> None:
    assert not looks_like_email(head)


# ---------------------------------------------------------------- never anything but EmailReadError
def _check(mail: EmailContent) -> None:
    for attachment in mail.attachments:
        assert isinstance(attachment, Attachment)
        name = attachment.filename
        assert name and "/" not in name and "\\" not in name and not name.startswith(".")
        assert not any(unicodedata.category(ch) in ("Cc", "Cf", "Cs") for ch in name)
        assert attachment.content_type == attachment.content_type.lower()
    meta = mail.meta
    assert meta.date is None or meta.date.tzinfo is not None
    assert meta.sender_address is None or meta.sender_address == meta.sender_address.lower()


_SOUP = [
    b"Subject: ", b"From: ", b"Date: ", b"To: ", b"Content-Type: ", b"Content-Disposition: ",
    b"Content-Transfer-Encoding: ", b"multipart/mixed; boundary=\"b\"", b"multipart/alternative; boundary=b",
    b"message/rfc822", b"message/delivery-status", b"text/html; charset=", b"text/plain; charset=\"gb2312\"",
    b"application/pdf; name=", b"attachment; filename*0*=gb2312''%D6", b"; filename*1*=%D0.pdf", b"filename=\"../x\"",
    b"base64", b"quoted-printable", b"x-weird", b"--b", b"--b--", b"\r\n", b"\n", b"\r\n\r\n", b" ", b"\t",
    b"=?gb2312?B?1tDOxA==?=", b"=?utf-8?q?=e2=98?=", b"=?x?Q?", b"?=", b"=\r\n", b"=E4", b"<p>", b"<![x[", b"&#x4e2d;",
    b"\xd6\xd0", b"\xa4\xa4", b"\xff", b"\x00", b"(", b")", b"<", b">", b"@", b"\"", b";", b":", b",",
    b"Sat, 30 Feb 99999 25:61:00 +9999", b"Mon, 4 Mar 2024 09:30:00 +0800",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000), st.booleans())
def test_random_bytes_never_raise_anything_but_email_read_error(data: bytes, headed: bool) -> None:
    try:
        mail = read_email((b"Content-Type: text/plain\n\n" if headed else b"") + data)
    except EmailReadError:
        assert not headed
        return
    _check(mail)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(_SOUP), st.binary(max_size=6)), max_size=80), st.booleans())
def test_header_soup_never_raises_anything_but_email_read_error(pieces: list[bytes], headed: bool) -> None:
    data = (b"Subject: soup\r\n" if headed else b"") + b"".join(pieces)
    try:
        mail = read_email(data, max_attachment_bytes=500, max_attachments=3)
    except EmailReadError:
        assert not headed
        return
    _check(mail)
    assert len(mail.attachments) <= 3
    assert all(len(attachment.data) <= 500 for attachment in mail.attachments)
