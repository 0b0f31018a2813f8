"""The pipeline's reasons, in the office's words.

The classifiers and readers explain themselves in English (the developers' log and the register
keep those words). The review page and the digest show each reason through this table of
patterns; a reason no pattern knows is shown as a Chinese note of its kind, never in English.
The patterns follow the wording of classifiers/route/, classifiers/completeness.py,
classifiers/decide.py and ocr/ (e-mail and attachment warnings).
"""
from __future__ import annotations

import re
from collections.abc import Callable

ROUTES_ZH = {"application": "政府信息公开申请", "petition": "信访", "complaint": "投诉", "report": "举报",
             "consultation": "咨询", "other": "其他"}
_ROUTE = r"(application|petition|complaint|report|consultation|other)"


def _route(name: str) -> str:
    return ROUTES_ZH.get(name, name)


def _ranking(match: re.Match[str]) -> str:
    pairs = re.findall(rf"{_ROUTE} (\d\.\d+)", match.group(0))
    return "模型排序：" + "；".join(f"{_route(route)} {probability}" for route, probability in pairs)


# The clause-role check's findings (classifiers/route/clauses.py), in the office's words.
_CLAUSE_WHY = {
    "Art. 39: a clause demands action and none asks for information": "第三十九条：有句子要求采取行动，没有句子索取政府信息",
    "the letter asks a question, not for information": "来信提出的是问题，而不是索取政府信息",
    "a clause asks for information": "有句子索取政府信息",
    "a clause demands action": "有句子要求采取行动",
    "a clause asks a question": "有句子提出问题",
    "a clause asks for information, none asks a question": "有句子索取政府信息，没有句子提问",
}
_MISSING_ZH = {"applicant_name": "申请人姓名或名称", "applicant_id": "身份证明", "applicant_contact": "联系方式",
               "request_description": "所需信息的描述", "delivery_format": "信息的形式和获取方式"}

_Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]
_RULES: list[_Rule] = [(re.compile(pattern), render) for pattern, render in (
    (rf"^model: {_ROUTE} (\d\.\d+)$", lambda m: f"模型判断：{_route(m[1])}（{m[2]}）"),
    (rf"^{_ROUTE} \d\.\d+(?:; {_ROUTE} \d\.\d+)*$", _ranking),
    (rf"^«(.*)» → {_ROUTE} \+(\d\.\d+)$", lambda m: f"“{m[1]}”支持判为{_route(m[2])}（+{m[3]}）"),
    (r"^no cue matched$", lambda m: "没有发现任何类型的特征用语"),
    (r"^the request is a question, not a document → consultation$", lambda m: "所求为问题的解答而非文件，判为咨询"),
    (r"^no clear cue for any route → other$", lambda m: "没有明确的类型特征，判为其他"),
    (rf"^{_ROUTE}: /(.*)/ ×(\d+)$", lambda m: f"{_route(m[1])}特征用语（{m[2]}）出现{m[3]}次"),
    (r"^redress asked outside a consumer dispute counts for a petition$",
     lambda m: "在消费纠纷之外要求解决问题，按信访计"),
    (rf"^{_ROUTE}: title '(.*)'$", lambda m: f"标题“{m[2]}”指向{_route(m[1])}"),
    (rf"^Art\. 39: demands action \('(.*)'\) → {_ROUTE}$",
     lambda m: f"第三十九条：要求采取行动（“{m[1]}”），判为{_route(m[2])}"),
    (rf"^rules said {_ROUTE}, model said {_ROUTE}$", lambda m: f"规则判为{_route(m[1])}，模型判为{_route(m[2])}"),
    (r"^nothing readable to route on$", lambda m: "没有可识别的文字，无法判断类型"),
    (rf"^route {_ROUTE}: not an application$", lambda m: f"类型为{_route(m[1])}，不是政府信息公开申请"),
    (r"^correction of the earlier application #(\d+) \(\w+\), Art\. 30$",
     lambda m: f"是 #{m[1]} 号申请的补正（第三十条）"),
    (r"^repeats the earlier application #(\d+) \(\w+\)$", lambda m: f"与 #{m[1]} 号申请重复"),
    (r"^nothing readable$", lambda m: "没有可识别的文字"),
    (r"^confidence (\d\.\d+) below (\d\.\d+)$", lambda m: f"可信度 {m[1]} 低于 {m[2]}，请人工审核"),
    (r"^page poorly read \(OCR (\d\.\d+)\)$", lambda m: f"页面识别质量较差（{m[1]}），缺项可能是漏识，请人工审核"),
    (r"^Art\. 29\(一\): no name of the applicant$", lambda m: "第二十九条第一项：没有申请人姓名或者名称"),
    (r"^Art\. 29\(一\): no proof of identity$", lambda m: "第二十九条第一项：没有身份证明"),
    (r"^Art\. 29\(一\): no phone, e-mail or postal address$", lambda m: "第二十九条第一项：没有电话、电子邮箱或通信地址"),
    (r"^Art\. 29\(二\): no description of the information$", lambda m: "第二十九条第二项：没有所需信息的描述"),
    (r"^Art\. 29\(二\): description too vague to search for: '(.*)'$",
     lambda m: f"第二十九条第二项：描述过于笼统，无法检索（“{m[1]}”）"),
    (r"^Art\. 29\(三\): no form or way of getting the information$", lambda m: "第二十九条第三项：没有信息的形式和获取方式"),
    (r"^Art\. 29\(一\): (?:the )?(?:ID|id) number .*check", lambda m: "第二十九条第一项：证件号码校验位不符，按缺少身份证明处理"),
    (r"^applicant_id: the ID number as written fails its check character", lambda m: "证件号码校验位不符，可能写错，请人工核对后再受理"),
    (r"^attachment '(.*)' skipped: not a readable document type$", lambda m: f"附件“{m[1]}”不是可读取的文件类型，已跳过"),
    (r"^attachment '(.*)' unreadable: ", lambda m: f"附件“{m[1]}”无法读取"),
    (r"^attachment '(.*)' \((\d+) bytes\) dropped", lambda m: f"附件“{m[1]}”（{m[2]} 字节）超出限制，未读取"),
    (r"^attachment '(.*)' is empty and was skipped$", lambda m: f"附件“{m[1]}”是空文件，已跳过"),
    (r"^the mail has no Date header$", lambda m: "邮件没有发送日期"),
    (r"^the sender's address is malformed", lambda m: "发件人地址格式有误"),
    (rf"^clauses: (.*) \((\d\.\d+)\); rules said {_ROUTE}$",
     lambda m: f"逐句判断：{_CLAUSE_WHY.get(m[1], m[1])}（{m[2]}）；按用语规则原判为{_route(m[3])}"),
    (r"^clauses: no clause clearly asks for information \((\d\.\d+)\)$",
     lambda m: f"逐句判断：没有句子明确索取政府信息（{m[1]}）"),
    (rf"^clauses: a clause demands what a {_ROUTE} asks \((\d\.\d+)\)$",
     lambda m: f"逐句判断：有句子明确提出{_route(m[1])}的要求（{m[2]}），与类型判断一致"),
    (r"^clauses: a clause asks for information, none demands action$",
     lambda m: "逐句判断：有句子索取政府信息，没有句子要求采取行动，请人工核对类型"),
    (rf"^route {_ROUTE} doubtful: confidence (\d\.\d+) below (\d\.\d+)$",
     lambda m: f"判为{_route(m[1])}，但可信度 {m[2]} 低于 {m[3]}，请人工审核"),
    (r"^(applicant_name|applicant_id|applicant_contact|request_description|delivery_format): "
     r"the text may hold it after all \('?(.*?)'?\)$",
     lambda m: f"判为缺少{_MISSING_ZH[m[1]]}，但文中可能有（“{m[2]}”），请人工核对，暂不发补正告知书"),
)]


def reason_text(reason: str) -> str:
    """One reason in Chinese: from its pattern, else a note of its kind (mail, attachment, other)."""
    for pattern, render in _RULES:
        match = pattern.search(reason)
        if match:
            return render(match)
    lowered = reason.lower()
    if re.search(r"[\u4e00-\u9fff]", reason) and not re.search(r"[A-Za-z]{3,}", reason):
        return reason                         # already Chinese
    if "attachment" in lowered:
        return "附件读取时有异常，已尽量读取（详见日志）"
    if any(word in lowered for word in ("mime", "header", "charset", "body", "boundary", "mail", "parts")):
        return "邮件格式有异常，已尽量读取（详见日志）"
    return "其他识别说明（详见日志）"
