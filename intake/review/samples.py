"""Made-up documents for the review page's tests, benchmark and screenshots (no OCR involved).

Each sample is a `Record` built directly and written with `Register.claim()` + `complete()`, the
way the pipeline writes one; a few get a scan rendered with Pillow as their archived original.
All names, numbers and addresses are invented.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from intake.config import Config
from intake.deadlines.periods import compute_deadlines
from intake.deadlines.workdays import WorkdayCalendar
from intake.kernel import (
    Applicant,
    ApplicantKind,
    Category,
    Channel,
    Delivery,
    IdType,
    Medium,
    Method,
    Missing,
    Record,
    Request,
    Route,
    Status,
)
from intake.register.store import Register

FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
)


@dataclass(frozen=True, slots=True)
class Sample:
    key: str                      # a name the tests use to find the row
    record: Record
    scan_lines: tuple[str, ...] = ()
    email: str | None = None      # the original as an .eml (RFC 5322 text), for e-mail samples


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default()


def render_scan(path: Path, lines: tuple[str, ...] | list[str], *, width: int = 1000, height: int = 1400) -> Path:
    """A white A4-like page with the lines written on it, saved as PNG."""
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    title, body = font(44), font(28)
    y = 90
    for index, line in enumerate(lines):
        face = title if index == 0 else body
        if index == 0:
            text_width = draw.textlength(line, font=face)
            draw.text(((width - text_width) / 2, y), line, fill=0, font=face)
            y += 110
        else:
            draw.text((90, y), line, fill=0, font=face)
            y += 52
    draw.rectangle((60, 60, width - 60, height - 60), outline=90, width=2)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)
    return path


def make_record(*, key: str, route: Route, status: Status, received_on: dt.date, calendar: WorkdayCalendar,
                applicant: Applicant | None = None, request: Request | None = None,
                delivery: Delivery | None = None, missing: tuple[Missing, ...] = (), text: str = "",
                channel: Channel = Channel.LETTER, confidence: float = 0.9, error: str | None = None,
                marked: bool = False) -> Record:
    deadlines = compute_deadlines(received_on, status, [], calendar)
    sha256 = hashlib.sha256(key.encode("utf-8")).hexdigest()
    return Record(source=f"inbox/{key}", sha256=sha256, channel=channel, marked=marked, route=route, status=status,
                  applicant=applicant, request=request, delivery=delivery, missing=missing,
                  received_on=received_on, correction_due=deadlines.correction_due, reply_due=deadlines.reply_due,
                  duplicate_of=None, confidence=confidence, text=text, error=error, pages=1,
                  provisional_deadline=deadlines.provisional)


def add_document(register: Register, config: Config, record: Record, *, original: Path | None = None,
                 arrived_at: dt.datetime | None = None) -> int:
    """One row as the pipeline writes it: claimed, archived (when there is an original), completed."""
    arrived = arrived_at or dt.datetime.combine(record.received_on, dt.time(9, 0)).astimezone()
    name = Path(record.source).name
    document_id = register.claim(sha256=record.sha256, source=record.source, original_name=name,
                                 inbox_path=None, arrived_at=arrived)
    if original is not None:
        folder = config.archive / f"{arrived:%Y}" / f"{arrived:%m}"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{document_id:06d}-{record.sha256[:12]}-{original.name}"
        target.write_bytes(original.read_bytes())
        register.set_archive_path(document_id, str(target))
    register.complete(document_id, record)
    return document_id


def demo_samples(today: dt.date, calendar: WorkdayCalendar) -> list[Sample]:
    """A small, varied register: every queue has something, deadlines overdue, due soon and far."""
    def back(n: int) -> dt.date:
        return calendar.nth_workday_before(today, n)

    person = Applicant(kind=ApplicantKind.PERSON, category=Category.INDIVIDUAL, name="张伟", id_type=IdType.RESIDENT_ID,
                       id_number="371502198803150012", phone="13906351234", email=None,
                       address="聊城市东昌府区柳园路88号3单元201室", postcode="252000")
    request = Request(description="2024年本市食品生产企业监督抽检结果及不合格产品处置情况",
                      titles=("2024年食品安全监督抽检计划",), doc_numbers=("聊市监发〔2024〕12号",))
    delivery = Delivery(media=(Medium.PAPER,), methods=(Method.POST,))
    form_lines = ("政府信息公开申请表", "申请人：张伟", "证件名称：居民身份证", "证件号码：371502198803150012",
                  "联系电话：13906351234", "通信地址：聊城市东昌府区柳园路88号3单元201室", "邮政编码：252000",
                  "所需信息：2024年本市食品生产企业监督抽检结果", "及不合格产品处置情况", "文号：聊市监发〔2024〕12号",
                  "获取方式：邮寄 纸质文本", "", "申请人签名：张伟", f"日期：{back(10):%Y年%m月%d日}")
    review_lines = ("关于小区噪音问题的申请", "我叫赵敏，住在东昌府区湖滨路12号。", "楼下饭店排风机夜间噪音很大，",
                    "希望你局公开对该店的检查记录，", "并请尽快处理。", "联系电话：13563501122")
    samples = [
        Sample("accepted-zhang.png", make_record(
            key="accepted-zhang.png", route=Route.APPLICATION, status=Status.ACCEPTED, received_on=back(10),
            calendar=calendar, applicant=person, request=request, delivery=delivery, text="\n".join(form_lines),
            marked=True, confidence=0.93), form_lines),
        Sample("correction-li.png", make_record(
            key="correction-li.png", route=Route.APPLICATION, status=Status.NEEDS_CORRECTION, received_on=back(6),
            calendar=calendar,
            applicant=Applicant(kind=ApplicantKind.PERSON, category=Category.INDIVIDUAL, name="李娜", phone="0635-8123456"),
            request=Request(description="你局所有文件"), delivery=Delivery(),
            missing=(Missing.APPLICANT_ID, Missing.REQUEST_DESCRIPTION, Missing.DELIVERY_FORMAT),
            text="政府信息公开申请\n申请人：李娜\n电话：0635-8123456\n所需信息：你局所有文件", marked=True,
            confidence=0.88), ("政府信息公开申请", "申请人：李娜", "电话：0635-8123456", "所需信息：你局所有文件", "",
                               "李娜", f"{back(6):%Y年%m月%d日}")),
        Sample("overdue-wang.eml", make_record(
            key="overdue-wang.eml", route=Route.APPLICATION, status=Status.ACCEPTED, received_on=back(25),
            calendar=calendar, channel=Channel.EMAIL,
            applicant=Applicant(kind=ApplicantKind.PERSON, category=Category.INDIVIDUAL, name="王芳", id_type=IdType.RESIDENT_ID,
                                id_number="371502199001010020", email="wangfang@example.com"),
            request=Request(description="2023年度全市特种设备安全检查情况通报"),
            delivery=Delivery(media=(Medium.ELECTRONIC,), methods=(Method.EMAIL,)),
            text="主题：政府信息公开申请\n申请人：王芳\n所需信息：2023年度全市特种设备安全检查情况通报", marked=True),
            email=_email_original(back(25))),
        Sample("review-zhao.png", make_record(
            key="review-zhao.png", route=Route.APPLICATION, status=Status.NEEDS_REVIEW, received_on=back(2),
            calendar=calendar,
            applicant=Applicant(kind=ApplicantKind.PERSON, category=Category.INDIVIDUAL, name="赵敏", phone="13563501122",
                                address="东昌府区湖滨路12号"),
            request=Request(description="对该店的检查记录"), delivery=Delivery(),
            text="\n".join(review_lines), confidence=0.41), review_lines),
        Sample("firm-legal.pdf", make_record(
            key="firm-legal.pdf", route=Route.APPLICATION, status=Status.ACCEPTED, received_on=back(18),
            calendar=calendar,
            applicant=Applicant(kind=ApplicantKind.ORGANIZATION, category=Category.LEGAL_SERVICES, name="山东聊城明信律师事务所",
                                id_type=IdType.USCC, id_number="31370000MD0123456A", phone="0635-8881234",
                                contact_person="刘律师", address="聊城市东昌府区东昌路66号"),
            request=Request(description="某公司2022年行政处罚决定书", doc_numbers=("聊市监罚〔2022〕301号",)),
            delivery=Delivery(media=(Medium.PAPER,), methods=(Method.PICKUP,)),
            text="政府信息公开申请\n申请单位：山东聊城明信律师事务所", marked=True, confidence=0.9)),
    ]
    return samples + _routed_and_failed(back, calendar)


def _routed_and_failed(back: Callable[[int], dt.date], calendar: WorkdayCalendar) -> list[Sample]:
    """The demo's mail that is not an application, and a file that could not be read."""
    return [
        Sample("petition-sun.png", make_record(
            key="petition-sun.png", route=Route.PETITION, status=Status.ROUTED, received_on=back(3),
            calendar=calendar, applicant=Applicant(kind=ApplicantKind.PERSON, category=Category.INDIVIDUAL, name="孙强"),
            text="信访材料\n本人孙强反映拆迁补偿问题，请求领导重视解决。", confidence=0.86)),
        Sample("complaint-zhou.png", make_record(
            key="complaint-zhou.png", route=Route.COMPLAINT, status=Status.ROUTED, received_on=back(1),
            calendar=calendar, applicant=Applicant(kind=ApplicantKind.PERSON, category=Category.INDIVIDUAL, name="周洁"),
            text="投诉\n我在某超市买到过期牛奶，要求退一赔十。", confidence=0.9)),
        Sample("broken.tif", make_record(
            key="broken.tif", route=Route.OTHER, status=Status.FAILED, received_on=back(1), calendar=calendar,
            channel=Channel.UNKNOWN, error="[E003] 文件已损坏：the image is truncated or damaged",
            confidence=1.0)),
    ]


def build_demo_home(config: Config, register: Register, calendar: WorkdayCalendar, today: dt.date,
                    scratch: Path) -> dict[str, int]:
    """Write the demo samples into the register; returns document id by sample key."""
    ids: dict[str, int] = {}
    for sample in demo_samples(today, calendar):
        original: Path | None = None
        if sample.scan_lines:
            original = render_scan(scratch / sample.key, sample.scan_lines)
        elif sample.email:
            original = scratch / sample.key
            original.parent.mkdir(parents=True, exist_ok=True)
            original.write_bytes(sample.email.encode("utf-8"))
        ids[sample.key] = add_document(register, config, sample.record, original=original)
    return ids


def _email_original(sent_on: dt.date) -> str:
    return (
        "From: =?utf-8?b?546L6Iqz?= <wangfang@example.com>\r\n"
        "To: gongkai@example.gov.cn\r\n"
        "Subject: =?utf-8?b?5pS/5bqc5L+h5oGv5YWs5byA55Sz6K+3?=\r\n"
        f"Date: {sent_on:%a, %d %b %Y} 09:30:00 +0800\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\n"
        "市场监督管理局：\r\n"
        "根据《中华人民共和国政府信息公开条例》，本人申请公开2023年度全市特种设备安全检查情况通报。\r\n"
        "申请人：王芳，身份证号371502199001010020。\r\n"
        "请通过电子邮件以电子文档形式提供。\r\n"
        "王芳\r\n")


SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚"
TOPICS = ("食品安全抽检结果", "行政处罚决定书", "特种设备检查记录", "价格监督检查情况", "企业登记信息",
          "广告违法案件查处情况", "计量器具检定结果", "药品零售企业名单", "消费投诉处理统计", "网络交易监测报告")


def fill_register(register: Register, config: Config, calendar: WorkdayCalendar, today: dt.date, count: int,
                  *, seed: int = 7) -> None:
    """`count` made-up records spread over the last year, in the proportions a real office sees."""
    chooser = random.Random(seed)
    routes = [Route.APPLICATION] * 7 + [Route.PETITION, Route.COMPLAINT, Route.REPORT, Route.CONSULTATION, Route.OTHER]
    for number in range(count):
        route = chooser.choice(routes)
        received_on = today - dt.timedelta(days=chooser.randint(0, 365))
        name = chooser.choice(SURNAMES) + chooser.choice(GIVEN) + (chooser.choice(GIVEN) if number % 3 else "")
        topic = f"{received_on.year - 1}年{chooser.choice(TOPICS)}"
        if route == Route.APPLICATION:
            status = chooser.choice([Status.ACCEPTED] * 5 + [Status.NEEDS_CORRECTION, Status.NEEDS_REVIEW,
                                                             Status.DUPLICATE])
        else:
            status = chooser.choice([Status.ROUTED] * 8 + [Status.NEEDS_REVIEW, Status.FAILED])
        missing = (Missing.APPLICANT_ID,) if status == Status.NEEDS_CORRECTION else ()
        record = make_record(
            key=f"bench-{number:05d}.png", route=route, status=status, received_on=received_on, calendar=calendar,
            applicant=Applicant(kind=ApplicantKind.PERSON, category=Category.INDIVIDUAL, name=name, phone=f"139{number:08d}"),
            request=Request(description=topic), delivery=Delivery(media=(Medium.PAPER,), methods=(Method.POST,)),
            missing=missing, text=f"申请人：{name}\n所需信息：{topic}\n" + "正文" * 200,
            error="[E003] 文件已损坏" if status == Status.FAILED else None,
            confidence=round(chooser.uniform(0.3, 0.99), 2))
        add_document(register, config, record)
