"""What scanning and retyping do to a letter: wrapped lines, misread characters, stamps.

Applied alike to every route, so none of it can become a cue for one route.
"""
from __future__ import annotations

from intake.classifiers.training.banks import Stock

# Characters OCR commonly confuses, seen in scanned Chinese office mail.
CONFUSABLE = {
    "已": "己", "己": "已", "未": "末", "日": "曰", "人": "入", "入": "人", "士": "土", "土": "士", "千": "干",
    "干": "千", "申": "甲", "由": "田", "处": "外", "理": "埋", "。": ".", "，": ",", "：": ":", "（": "(", "）": ")",
    "0": "O", "1": "l", "口": "囗", "局": "后", "请": "清", "责": "贵", "贵": "责", "查": "杳", "监": "蓝",
}


def rewrap(stock: Stock, text: str) -> str:
    """Break long lines at a fixed width, as a scan of a typed or handwritten page does."""
    width = stock.rng.randint(16, 38)
    lines: list[str] = []
    for line in text.splitlines():
        while len(line) > width:
            lines.append(line[:width])
            line = line[width:]
        lines.append(line)
    return "\n".join(lines)


def misread(stock: Stock, text: str) -> str:
    rate = stock.rng.uniform(0.005, 0.03)
    return "".join(CONFUSABLE[c] if c in CONFUSABLE and stock.rng.random() < rate * 4 else c for c in text)


def spaced(stock: Stock, text: str) -> str:
    """Stray spaces between characters, as OCR puts them into spaced-out print."""
    rate = stock.rng.uniform(0.02, 0.1)
    return "".join(c + " " if c not in "\n " and stock.rng.random() < rate else c for c in text)


def stamp(stock: Stock, text: str, agency: str) -> str:
    """The receiving office's registration stamp or a page footer."""
    mark = stock.pick((
        f"收文登记\n{agency}\n收文号：{stock.rng.randint(1, 999)}\n日期：{stock.date()}",
        f"{agency} 收件章 {stock.date()}", "第1页 共1页", "- 1 -", f"扫描时间 {stock.date()} {stock.rng.randint(8, 18)}:{stock.rng.randint(0, 59):02d}",
        "第 1 页", "（此件公开）",
    ))
    return f"{mark}\n{text}" if stock.rng.random() < 0.5 else f"{text}\n{mark}"


def tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.strip().splitlines()]
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip()


def perturb(stock: Stock, text: str, agency: str) -> str:
    text = tidy(text)
    if stock.rng.random() < 0.35:
        text = rewrap(stock, text)
    if stock.rng.random() < 0.25:
        text = misread(stock, text)
    if stock.rng.random() < 0.1:
        text = spaced(stock, text)
    if stock.rng.random() < 0.2:
        text = stamp(stock, text, agency)
    return text
