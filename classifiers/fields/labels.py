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
    "applicant": ("申请人", "申请单位", "申请人名称", "申请人姓名/单位名称", "申请人姓名或名称", "姓名/名称",
                  "姓名或名称", "姓名（名称）", "申请人姓名（名称）", "Applicant", "Name of applicant",
                  "Full name", "Name"),
    "id_kind": ("证件名称", "证件类型", "身份证明", "证件种类", "有效证件"),
    "id_number": ("身份证件名称及号码", "证件名称及号码", "证件类型及号码", "身份证件号码", "有效证件号码",
                  "公民身份号码", "居民身份证号码", "居民身份证号", "身份证号码", "身份证号", "证件号码",
                  "证件号", "身份证", "护照号码", "护照号", "通行证号码", "商业登记证号码", "商业登记号码",
                  "注册编号", "Passport No.", "Passport No", "Passport number", "ID No"),
    "uscc": ("统一社会信用代码", "社会信用代码", "组织机构代码", "营业执照号码", "营业执照注册号",
             "营业执照信息", "信用代码"),
    "legal_rep": ("法定代表人", "法人代表", "负责人"),
    "contact_person": ("联系人姓名", "联系人", "联络人", "经办人", "收件人", "负责律师", "承办律师",
                       "代理律师", "Contact person"),
    "phone": ("联系人电话", "联系电话", "手机号码", "电话号码", "手机", "电话", "联系方式", "联络电话", "Phone", "Tel", "Telephone"),
    "email": ("联系人电子邮箱", "电子邮箱", "电子邮件地址", "邮箱地址", "电子邮件", "邮箱", "E-mail", "Email", "email"),
    "address": ("通信地址", "通讯地址", "联系地址", "邮寄地址", "单位地址", "家庭住址", "家庭地址", "住所地", "住址",
                "地址", "住所", "现住址", "送达地址", "收件地址", "Address"),
    "postcode": ("邮政编码", "邮编", "邮递区号", "Postcode", "Post code", "Postal code", "ZIP code"),   # 郵遞區號: Taiwan's
    "work_unit": ("工作单位",),
    "description": ("所需政府信息的名称/文号/特征描述", "信息名称或描述", "所需政府信息的名称、文号或者其他特征描述",
                    "所需政府信息的名称、文号或其他特征描述", "政府信息的名称、文号或者其他特征性描述", "所需信息内容描述", "所需政府信息内容描述", "所需信息的内容描述", "所需政府信息的内容描述",
                    "所需的政府信息", "申请公开的政府信息", "申请公开的信息内容", "申请公开的信息", "申请公开信息",
                    "所需政府信息内容", "所需信息内容", "所需信息描述", "信息内容描述", "内容描述", "申请公开内容",
                    "申请内容", "所需信息", "申请事项", "或者其他特征描述", "或其他特征描述", "其他特征描述",
                    "特征描述", "具体内容", "修改为", "补正内容", "Information requested", "Requested information",
                    "Description of the information"),
    "title": ("所需信息名称", "所需政府信息名称", "所需政府信息的名称", "政府信息名称", "信息名称", "文件名称",
              "信息标题", "文件标题"),
    "doc_number": ("文号", "发文字号", "文件编号", "索取号"),
    "media": ("提供政府信息的指定方式", "信息载体形式", "信息的载体形式", "政府信息的载体形式", "载体形式",
              "信息载体", "指定提供方式", "所需信息的指定提供方式", "信息提供方式", "提供方式", "信息的提供方式",
              "提供形式", "提供政府信息的方式", "提供政府信息的载体", "政府信息的提供方式", "Form", "Format"),
    "method": ("获取信息的方式", "获取信息方式", "获取政府信息的方式", "获取方式", "获取途径", "领取方式",
               "获取信息的途径", "获取政府信息的途径", "Delivery", "Delivery method"),
    "signature": ("申请人签名（盖章）", "申请人签名(盖章)", "申请人签名或者盖章", "申请人签字", "申请人签名", "签名"),
    "date": ("申请时间", "申请日期", "提交时间", "日期"),
    "applicant_type": ("申请人类型", "申请人类别"),
    "agency": ("受理机关", "受理单位", "受理机构", "被申请机关", "政府信息公开义务机关"),
    "fax_no": ("传真号", "传真号码", "传真"),
    "purpose": ("申请理由", "用途说明", "所需信息的用途", "所需政府信息的用途", "政府信息的用途", "信息用途", "用途"),
    # Cells that are neither the applicant's nor the request's: read, so they end the cell above.
    "other": ("是否申请减免费用", "申请减免费用", "减免费用", "备注", "编号", "性别", "民族", "出生", "有效期限",
              "签发机关", "申请人签名或盖章", "受理编号", "登记编号", "承诺", "附件",
              # a business licence's copy sent along: its fields are not the application's
              "经营范围", "成立日期", "注册资本", "营业期限", "登记机关", "发证机关"),
}


def all_labels() -> list[tuple[str, str]]:
    """(label, field) pairs, longest label first so 联系人电话 wins over 联系人."""
    pairs = [(label, field) for field, labels in FIELD_LABELS.items() for label in labels]
    return sorted(pairs, key=lambda pair: -len(pair[0]))
