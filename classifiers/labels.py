"""Field labels as data: the many ways real forms and letters name each field.

The reader in `pairs.py` turns text into (field, value) pairs using this table. Each row is
covered by a test in tests/test_pairs.py.
"""
from __future__ import annotations

# field -> label variants, longest first where one contains another.
FIELD_LABELS: dict[str, tuple[str, ...]] = {
    "person_name": ("申请人姓名", "姓名", "申请人（个人）姓名", "公民姓名", "发件人", "反映人"),
    "org_name": ("申请人（法人或者其他组织）名称", "法人或其他组织名称", "单位名称", "组织名称",
                 "企业名称", "机构名称", "名称"),
    "applicant": ("申请人", "申请单位", "申请人名称"),
    "id_kind": ("证件名称", "证件类型", "身份证明", "证件种类"),
    "id_number": ("公民身份号码", "居民身份证号码", "居民身份证号", "身份证号码", "身份证号", "证件号码",
                  "证件号", "身份证"),
    "uscc": ("统一社会信用代码", "社会信用代码", "组织机构代码", "营业执照号码", "营业执照注册号",
             "营业执照信息", "信用代码"),
    "legal_rep": ("法定代表人", "法人代表", "负责人"),
    "contact_person": ("联系人姓名", "联系人", "经办人", "收件人"),
    "phone": ("联系人电话", "联系电话", "手机号码", "电话号码", "手机", "电话", "联系方式"),
    "email": ("联系人电子邮箱", "电子邮箱", "电子邮件地址", "邮箱地址", "电子邮件", "邮箱", "E-mail", "Email", "email"),
    "address": ("通信地址", "通讯地址", "联系地址", "邮寄地址", "单位地址", "家庭住址", "家庭地址", "住所地", "住址",
                "地址", "住所", "现住址", "送达地址", "收件地址"),
    "postcode": ("邮政编码", "邮编"),
    "work_unit": ("工作单位",),
    "description": ("所需信息内容描述", "所需政府信息内容描述", "所需信息的内容描述", "所需政府信息的内容描述",
                    "所需的政府信息", "申请公开的政府信息", "申请公开的信息内容", "申请公开的信息", "申请公开信息",
                    "所需政府信息内容", "所需信息内容", "所需信息描述", "信息内容描述", "内容描述", "申请公开内容",
                    "申请内容", "所需信息", "申请事项", "或者其他特征描述", "或其他特征描述", "其他特征描述",
                    "特征描述", "具体内容", "修改为", "补正内容"),
    "title": ("所需信息名称", "所需政府信息名称", "所需政府信息的名称", "政府信息名称", "信息名称", "文件名称"),
    "doc_number": ("文号", "发文字号", "文件编号", "索取号"),
    "media": ("提供政府信息的指定方式", "信息载体形式", "信息的载体形式", "政府信息的载体形式", "载体形式",
              "信息载体", "指定提供方式", "所需信息的指定提供方式", "信息提供方式", "提供方式", "信息的提供方式",
              "提供形式"),
    "method": ("获取信息的方式", "获取信息方式", "获取政府信息的方式", "获取方式", "获取途径", "领取方式",
               "获取信息的途径", "获取政府信息的途径"),
    "signature": ("申请人签名（盖章）", "申请人签名(盖章)", "申请人签名或者盖章", "申请人签字", "申请人签名", "签名"),
    "date": ("申请时间", "申请日期", "提交时间", "日期"),
    "applicant_type": ("申请人类型",),
    "agency": ("受理机关", "被申请机关", "政府信息公开义务机关"),
    "fax_no": ("传真号", "传真号码", "传真"),
    "purpose": ("申请理由", "所需信息的用途", "用途"),
}


def all_labels() -> list[tuple[str, str]]:
    """(label, field) pairs, longest label first so 联系人电话 wins over 联系人."""
    pairs = [(label, field) for field, labels in FIELD_LABELS.items() for label in labels]
    return sorted(pairs, key=lambda pair: -len(pair[0]))
