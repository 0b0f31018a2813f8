"""Everything else the mailroom scans: invoices, notices, flyers, thanks, newsletters, news.

Several of them use the same words as real applications and complaints (信息公开, 投诉, 查处)
in passing — a training notice about disclosure work, a thank-you note for a settled complaint,
a news item about a crackdown — so the classifier must read what the document is for.
"""
from __future__ import annotations

from collections.abc import Callable

from intake.classifiers.training.banks import Stock
from intake.classifiers.training.scene import Scene

GOODS = ("*纸制品*复印纸", "*办公用品*硒鼓", "*计算机配件*移动硬盘", "*印刷品*宣传册印制", "*餐饮服务*工作餐",
         "*住宿服务*住宿费", "*信息技术服务*系统维护费", "*家具*文件柜", "*劳务*保洁服务费")
TRAININGS = ("食品安全管理员", "特种设备作业人员", "政府信息公开工作", "计量检定员", "企业合规管理", "广告审查实务",
             "执法案卷评查", "消费维权业务", "药品经营质量管理规范")
MEETINGS = ("全市市场监管工作会议", "食品安全工作推进会", "年度工作总结会", "政务公开工作培训会", "电梯安全联席会议",
            "消费维权工作座谈会", "行风建设动员大会", "党风廉政建设会议")


def invoice(stock: Stock, scene: Scene) -> str:
    price = stock.rng.randint(50, 20000)
    tax = round(price * 0.13, 2)
    return "\n".join((
        stock.pick(("电子发票（普通发票）", "增值税专用发票", "增值税普通发票", f"{scene.city}增值税电子普通发票")),
        f"发票号码：{stock.rng.randint(10**19, 10**20 - 1)}", f"开票日期：{scene.values['date']}",
        f"购买方信息 名称：{scene.agency}", f"统一社会信用代码/纳税人识别号：{stock.uscc()}",
        f"销售方信息 名称：{scene.company}", f"项目名称 {stock.pick(GOODS)} 数量 {stock.rng.randint(1, 50)} 金额 {price:.2f} 税率 13% 税额 {tax}",
        f"价税合计（大写）{stock.pick(('壹仟', '叁佰', '伍万', '贰仟'))}元整 （小写）¥{price + tax:.2f}", f"开票人：{stock.name()}",
    ))


def training_flyer(stock: Stock, scene: Scene) -> str:
    course = stock.pick(TRAININGS)
    return "\n".join((
        f"关于举办{scene.year}年{course}培训班的通知", stock.pick(("各有关单位：", "各企业：", "各会员单位：")),
        f"为提高{course}业务水平，经研究，定于{scene.values['date']}在{scene.city}举办{course}培训班。现将有关事项通知如下：",
        f"一、培训内容：{stock.pick(('法律法规解读', '实务操作与案例分析', '最新政策解读'))}",
        f"二、培训费用：{stock.rng.randint(3, 30)}00元/人（含资料费、午餐）",
        f"三、报名方式：请于{stock.date()}前将回执发送至{stock.email()}，联系人：{stock.name()}，电话：{stock.phone()}",
        stock.pick(("名额有限，报满即止！", "培训合格者颁发结业证书。", "")), f"{scene.city}市{stock.pick(('质量协会', '食品行业协会', '培训中心', '职业技能学校'))}",
    ))


def meeting_notice(stock: Stock, scene: Scene) -> str:
    meeting = stock.pick(MEETINGS)
    return "\n".join((
        f"关于召开{meeting}的通知", stock.pick(("各科室、各直属单位：", "各县（市、区）市场监管局：", "各分局、各所：")),
        f"经局党组研究，决定召开{meeting}。有关事项通知如下：", f"一、时间：{scene.values['date']}上午9:00",
        f"二、地点：{scene.agency}{stock.rng.randint(1, 9)}楼会议室", "三、参会人员：各单位主要负责同志",
        "四、请各单位于会前报送参会人员名单，无特殊情况不得请假。", f"{scene.agency}办公室", scene.values["date"],
    ))


def thanks(stock: Stock, scene: Scene) -> str:
    return "\n".join((
        stock.pick(("感谢信", "致谢信", "一封感谢信", "表扬信", "为执法人员点赞")), stock.pick((f"尊敬的{scene.agency}领导：", f"{scene.agency}：")),
        f"我是{scene.writer.name}。{stock.pick(('前段时间', '今年', '上个月'))}我{stock.pick(('投诉', '反映'))}的{scene.topic.name}问题，"
        f"在{scene.values['official']}同志的耐心协调下，{stock.pick(('商家已经退还了全部款项', '问题得到了圆满解决', '很快得到了处理'))}。",
        stock.pick(("特写此信表示衷心感谢！", "特送上锦旗一面，以表谢意。", "你们是人民的好公仆！")),
        scene.writer.name, scene.values["date"],
    ))


def newsletter(stock: Stock, scene: Scene) -> str:
    return "\n".join((
        f"{scene.city}市场监管{stock.pick(('工作简报', '信息', '动态'))}", f"第{stock.rng.randint(1, 60)}期",
        f"{scene.agency}办公室编 {scene.values['date']}", "本期要目",
        f"● {scene.district}开展{scene.topic.name}专项整治行动", "● 我局召开政务公开工作推进会",
        f"● {scene.year}年上半年受理投诉举报情况分析",
        f"{scene.district}开展{scene.topic.name}专项整治行动。近日，{scene.district}市场监管局组织执法人员对辖区{stock.pick(scene.topic.shop_kinds)}"
        f"开展检查，共检查经营主体{stock.rng.randint(20, 500)}家，责令整改{stock.rng.randint(1, 40)}家，立案查处{stock.rng.randint(1, 12)}起。",
    ))


def advertisement(stock: Stock, scene: Scene) -> str:
    return stock.pick((
        f"【{stock.pick(('专业代办', '快速办理', '一站式服务'))}】营业执照、食品经营许可证、商标注册、公司注销，"
        f"{stock.pick(('三天拿证', '不成功不收费', '价格优惠'))}！咨询热线：{stock.phone()} {scene.company}",
        f"{scene.shop}盛大开业！全场{stock.rng.randint(5, 8)}折，充值{stock.rng.randint(1, 9)}00送{stock.rng.randint(1, 3)}00，"
        f"地址：{scene.writer.address}，电话：{stock.phone()}",
        f"{scene.company}\n产品推介\n我公司专业生产{scene.product}，质量可靠，价格实惠，欢迎各单位采购。联系人：{stock.name()} {stock.phone()}",
    ))


def subscription(stock: Stock, scene: Scene) -> str:
    paper = stock.pick(("《中国市场监管报》", "《市场监督管理》杂志", "《中国质量报》", "《消费者报道》"))
    return "\n".join((
        f"关于征订{scene.year + 1}年度{paper}的通知", "各单位：",
        f"{paper}是市场监管系统的重要宣传阵地。为做好征订工作，请各单位于{scene.values['date']}前完成征订。",
        f"订价：全年{stock.rng.randint(180, 480)}元。", f"联系人：{stock.name()} 电话：{stock.phone()}",
    ))


def waybill(stock: Stock, scene: Scene) -> str:
    return "\n".join((
        stock.pick(("顺丰速运", "EMS 中国邮政速递物流", "京东物流", "中通快递")), f"运单号：{stock.rng.randint(10**11, 10**13)}",
        f"寄件人：{stock.name()} {stock.phone()}", f"收件人：{scene.agency} 收发室", f"收件地址：{scene.city}市{scene.district}{stock.pick(('政务中心', '行政中心', '人民路'))}",
        f"托寄物：{stock.pick(('文件', '资料', '样品', '材料'))}", "签收人：", stock.pick(("已签收", "")),
    ))


def news(stock: Stock, scene: Scene) -> str:
    return "\n".join((
        f"{scene.city}{stock.pick(('严查', '整治', '开展', '部署'))}{scene.topic.name}{stock.pick(('专项行动', '突出问题', '检查'))}",
        f"本报讯（记者 {stock.name()}）{scene.values['date']}，记者从{scene.agency}获悉，今年以来该局共受理{scene.topic.name}类投诉举报"
        f"{stock.rng.randint(100, 5000)}件，立案查处违法案件{stock.rng.randint(10, 300)}件，为消费者挽回经济损失{stock.rng.randint(10, 900)}万元。",
        f"该局有关负责人表示，下一步将继续加大{scene.topic.name}监管力度，畅通投诉举报渠道。",
    ))


def annual_report(stock: Stock, scene: Scene) -> str:
    received = stock.rng.randint(5, 200)
    return "\n".join((
        f"{scene.agency}{scene.year}年政府信息公开工作年度报告",
        "本报告根据《中华人民共和国政府信息公开条例》要求编制。", "一、总体情况",
        f"{scene.year}年，我局共收到政府信息公开申请{received}件，其中自然人{received - 3}件，法人或其他组织3件。",
        f"予以公开{stock.rng.randint(1, received)}件，不予公开{stock.rng.randint(0, 5)}件，因申请人需要补正未补正{stock.rng.randint(0, 4)}件。",
        f"因政府信息公开工作被申请行政复议{stock.rng.randint(0, 5)}件，提起行政诉讼{stock.rng.randint(0, 3)}件。",
        "二、存在的主要问题及改进情况",
    ))


def penalty_copy(stock: Stock, scene: Scene) -> str:
    return "\n".join((
        scene.agency, "行政处罚决定书", scene.values["docno"],
        f"当事人：{scene.company}", f"统一社会信用代码：{stock.uscc()}",
        f"经查，当事人{scene.fill(stock.pick(scene.topic.wrongdoing))}，违反了相关规定。",
        f"本机关决定：处罚款{scene.values['amount']}元。", "如不服本处罚决定，可在收到本决定书之日起六十日内申请行政复议，或者六个月内提起行政诉讼。",
        f"{scene.agency}\n{scene.values['date']}",
    ))


def miscellany(stock: Stock, scene: Scene) -> str:
    return stock.pick((
        f"新春贺卡\n值此新春佳节之际，{scene.company}全体员工向{scene.agency}全体干部职工致以诚挚的问候！祝新年快乐，万事如意！",
        f"招聘启事\n{scene.company}因业务发展需要，现招聘{stock.pick(('会计', '销售', '质检员', '司机'))}{stock.rng.randint(1, 9)}名，"
        f"待遇面议。联系电话：{stock.phone()}",
        f"停水通知\n因管网维修，{scene.community}将于{scene.values['date']}8:00至18:00停水，请各位业主提前做好储水准备。物业服务中心",
        f"送达回证\n送达文书：{scene.values['docno']}\n受送达人：{scene.company}\n送达地点：{scene.writer.address}\n送达方式：直接送达\n受送达人签名：",
        f"收据\n今收到{scene.agency}交来{stock.pick(('会议场地费', '资料费', '复印费'))}人民币{scene.values['amount']}元整。\n收款单位：{scene.company}\n经手人：{stock.name()}",
        f"邀请函\n尊敬的{scene.agency}领导：\n兹定于{scene.values['date']}举办{scene.city}{scene.topic.trade}行业发展论坛，诚邀您拨冗出席。\n{scene.city}市{scene.topic.trade}行业协会",
        f"采购报价单\n客户：{scene.agency}\n项目：{stock.pick(('办公桌椅', '监控设备维护', '档案柜', '执法记录仪'))}\n合计：{scene.values['amount']}元\n报价单位：{scene.company}\n有效期：30天",
        f"{stock.pick(('《质量与标准化》', '《消费指南》', '《市场监管研究》'))}{scene.year}年第{stock.rng.randint(1, 12)}期\n目录\n{scene.topic.name}监管的实践与思考\n典型案例评析\n政策问答",
        f"关于做好节假日值班工作的通知\n各科室：为确保节日期间工作正常运转，现将值班安排通知如下：值班人员须坚守岗位，保持通讯畅通，遇有突发情况及时报告。\n{scene.agency}办公室",
        f"会议回执\n单位名称：{scene.company}\n参会人员：{stock.name()}、{stock.name()}\n联系电话：{stock.phone()}\n是否住宿：否",
        f"锦旗\n{stock.pick(('执法为民 秉公办事', '为民解忧 情系百姓', '热心服务 维权为民'))}\n赠：{scene.agency}\n{scene.writer.name}敬赠",
        f"会议纪要\n{scene.values['date']}，局长{scene.values['official']}主持召开办公会，研究{scene.topic.name}工作。会议议定：一、由相关科室牵头制定方案；二、下周报局党组审定。",
    ))


def attachment(stock: Stock, scene: Scene) -> str:
    """Pages that travel with letters but say nothing themselves: IDs, licences, envelopes."""
    person = scene.writer
    return stock.pick((
        f"中华人民共和国\n居民身份证\n签发机关 {scene.city}市公安局{scene.district}分局\n有效期限 {stock.date()}-{stock.date()}",
        f"姓名 {person.name}\n性别 {stock.pick(('男', '女'))} 民族 汉\n出生 {stock.date()}\n住址 {person.address}\n公民身份号码 {person.id_number}",
        f"营业执照\n（副本）\n统一社会信用代码 {stock.uscc()}\n名称 {scene.company}\n类型 有限责任公司\n法定代表人 {stock.name()}\n"
        f"经营范围 {scene.topic.trade}销售；技术服务\n登记机关 {scene.agency}",
        f"挂号信\n收件人：{scene.agency} {stock.pick(('办公室', '法规科', '收发室'))}\n寄件人：{stock.name()}\n"
        f"寄件地址：{stock.street_address(*stock.city())}\n邮编 {stock.postcode()}",
        f"授权委托书\n委托人：{scene.company}\n受托人：{person.name}，身份证号：{person.id_number}\n"
        f"委托事项：代为办理{stock.pick(('相关事务', '资料领取', '材料递交'))}\n委托期限：{stock.date()}至{stock.date()}",
    ))


def business_paper(stock: Stock, scene: Scene) -> str:
    """What companies send the bureau that is no request at all: reports, contracts, test results."""
    return stock.pick((
        f"整改报告\n{scene.agency}：\n{scene.values['date']}贵局对我公司进行了检查，指出{stock.pick(('台账记录不全', '部分商品标签不规范', '从业人员健康证过期'))}等问题。"
        f"我公司高度重视，已逐项整改完毕，现将整改情况报告如下：一、完善制度；二、加强培训。\n{scene.company}",
        f"检验检测报告\n报告编号：{stock.case_number()}\n样品名称：{scene.product}\n委托单位：{scene.company}\n"
        f"检验结论：所检项目符合标准要求。\n{scene.city}{stock.pick(('质量检验中心', '检测技术有限公司'))}",
        f"服务合同\n甲方：{scene.agency}\n乙方：{scene.company}\n服务内容：{stock.pick(('物业保洁', '信息系统运维', '档案数字化'))}\n"
        f"合同金额：人民币{scene.values['amount']}元\n服务期限：一年",
        f"企业自查报告\n根据贵局要求，我单位对{scene.topic.name}相关情况开展了自查，未发现重大问题。现将自查情况报告如下。\n{scene.company}",
        f"年度报告公示承诺书\n本企业承诺所报送的{scene.year}年度报告内容真实、合法。\n企业名称：{scene.company}\n法定代表人签字：",
    ))


def internal_paper(stock: Stock, scene: Scene) -> str:
    """The bureau's own and its superiors' paperwork that finds its way into the scanner."""
    return stock.pick((
        f"关于印发《{scene.city}市{scene.topic.name}{stock.pick(('工作方案', '实施细则', '专项行动方案'))}》的通知\n各县（市、区）市场监管局：\n"
        f"现将《{scene.city}市{scene.topic.name}工作方案》印发给你们，请认真贯彻落实。",
        f"关于报送{scene.year}年{stock.pick(('工作总结', '统计报表', '政务公开工作情况', '执法案卷'))}的通知\n各科室、各分局：\n"
        f"请于{scene.values['date']}前报送，逾期未报的将予以通报。",
        f"请示\n局领导：\n为做好{scene.topic.name}工作，拟{stock.pick(('采购执法记录仪若干', '组织一次业务培训', '召开专题会议'))}，所需经费约{scene.values['amount']}元。妥否，请批示。",
        f"工会通知\n全体职工：定于{scene.values['date']}组织{stock.pick(('年度体检', '登山活动', '观影活动', '趣味运动会'))}，请大家准时参加。",
        f"{stock.pick(('普法宣传', '消费提示', '安全提示'))}\n{scene.topic.name}小知识：{stock.pick(('购买商品要索要发票', '发现问题可拨打12315', '电梯困人不要扒门'))}。"
        f"{stock.pick(('消费维权小贴士', '十问十答', '常见误区'))}见背面。",
        f"尊敬的客户您好，{scene.company}可提供{stock.pick(('代开发票', '网站建设', '办公耗材', '会议场地'))}服务，如有需要请联系{stock.phone()}。",
    ))


WRITERS: tuple[tuple[str, Callable[[Stock, Scene], str], float], ...] = (
    ("oth.invoice", invoice, 1.5), ("oth.training", training_flyer, 1.2), ("oth.meeting", meeting_notice, 1.2),
    ("oth.thanks", thanks, 1.0), ("oth.newsletter", newsletter, 0.8), ("oth.ad", advertisement, 1.2),
    ("oth.subscription", subscription, 0.6), ("oth.waybill", waybill, 0.8), ("oth.news", news, 0.8),
    ("oth.annual_report", annual_report, 0.7), ("oth.penalty_copy", penalty_copy, 0.7), ("oth.misc", miscellany, 1.5),
    ("oth.attachment", attachment, 1.0), ("oth.business", business_paper, 1.0), ("oth.internal", internal_paper, 1.2),
)
