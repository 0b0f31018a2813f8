"""Phrase banks for writing training letters: people, places, agencies, businesses, dates.

Many cities and a wide spread of names keep the classifier from tying a route to a place or a
person; everything is drawn from one seeded `random.Random`, so a run is reproducible.
"""
from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN_CHARS = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华志红建文斌玲辉鹏飞俊峰波宇浩凯晨欣怡雪梅琳婷颖佳"
    "慧晓东海洁春秋国庆立新永福德顺玉珍凤英秀云莉萍鑫博航哲睿瑶涵泽楠旭亮彬帅倩丹宁璐"
)
# (city, districts or counties)
CITIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("济南", ("历下区", "槐荫区", "章丘区")), ("青岛", ("市南区", "黄岛区", "城阳区")),
    ("烟台", ("芝罘区", "福山区", "龙口市")), ("潍坊", ("奎文区", "寿光市", "青州市")),
    ("临沂", ("兰山区", "河东区", "沂南县")), ("淄博", ("张店区", "临淄区", "桓台县")),
    ("杭州", ("西湖区", "余杭区", "萧山区")), ("宁波", ("海曙区", "鄞州区", "慈溪市")),
    ("温州", ("鹿城区", "瑞安市", "乐清市")), ("南京", ("鼓楼区", "江宁区", "浦口区")),
    ("苏州", ("姑苏区", "吴中区", "昆山市")), ("无锡", ("梁溪区", "江阴市", "宜兴市")),
    ("徐州", ("云龙区", "铜山区", "沛县")), ("合肥", ("蜀山区", "包河区", "肥东县")),
    ("芜湖", ("镜湖区", "鸠江区")), ("武汉", ("江汉区", "洪山区", "武昌区")),
    ("宜昌", ("西陵区", "夷陵区")), ("长沙", ("岳麓区", "雨花区", "开福区")),
    ("株洲", ("天元区", "芦淞区")), ("郑州", ("金水区", "二七区", "中原区")),
    ("洛阳", ("西工区", "洛龙区", "偃师区")), ("石家庄", ("长安区", "裕华区", "正定县")),
    ("保定", ("竞秀区", "莲池区")), ("太原", ("小店区", "迎泽区")), ("沈阳", ("和平区", "铁西区", "浑南区")),
    ("大连", ("中山区", "甘井子区", "金州区")), ("哈尔滨", ("南岗区", "道里区", "香坊区")),
    ("长春", ("朝阳区", "南关区", "绿园区")), ("福州", ("鼓楼区", "仓山区", "晋安区")),
    ("厦门", ("思明区", "湖里区", "集美区")), ("泉州", ("丰泽区", "晋江市", "石狮市")),
    ("南昌", ("东湖区", "青山湖区", "红谷滩区")), ("广州", ("天河区", "越秀区", "番禺区")),
    ("深圳", ("福田区", "南山区", "宝安区", "龙岗区")), ("东莞", ("南城街道", "虎门镇", "长安镇")),
    ("佛山", ("禅城区", "南海区", "顺德区")), ("南宁", ("青秀区", "西乡塘区")), ("海口", ("龙华区", "美兰区")),
    ("成都", ("锦江区", "武侯区", "双流区", "郫都区")), ("绵阳", ("涪城区", "游仙区")),
    ("重庆", ("渝中区", "江北区", "九龙坡区", "万州区")), ("贵阳", ("云岩区", "南明区", "观山湖区")),
    ("昆明", ("五华区", "盘龙区", "官渡区")), ("西安", ("雁塔区", "未央区", "碑林区", "长安区")),
    ("兰州", ("城关区", "七里河区")), ("银川", ("兴庆区", "金凤区")), ("西宁", ("城东区", "城西区")),
    ("呼和浩特", ("新城区", "赛罕区")), ("乌鲁木齐", ("天山区", "沙依巴克区")),
    ("天津", ("和平区", "河西区", "滨海新区")), ("北京", ("朝阳区", "海淀区", "丰台区", "通州区")),
    ("上海", ("浦东新区", "徐汇区", "闵行区", "静安区")), ("邯郸", ("丛台区", "武安市")),
    ("聊城", ("东昌府区", "临清市", "茌平区")), ("德州", ("德城区", "禹城市")), ("扬州", ("广陵区", "邗江区")),
    ("南通", ("崇川区", "海门区")), ("嘉兴", ("南湖区", "桐乡市")), ("金华", ("婺城区", "义乌市")),
    ("赣州", ("章贡区", "南康区")), ("襄阳", ("襄城区", "樊城区")), ("衡阳", ("雁峰区", "耒阳市")),
    ("柳州", ("城中区", "柳南区")), ("遵义", ("红花岗区", "汇川区")), ("大同", ("平城区", "云冈区")),
)
MUNICIPALITIES = ("北京", "上海", "天津", "重庆")
STREETS = (
    "人民路", "解放路", "建设路", "中山路", "和平街", "新华路", "胜利街", "文化路", "幸福路", "光明路", "朝阳路",
    "长江路", "黄河路", "滨河路", "学府路", "花园路", "工业大道", "青年路", "东风路", "迎宾大道", "振兴街",
)
COMMUNITIES = (
    "阳光小区", "锦绣花园", "翠湖苑", "金色家园", "幸福里", "和谐家园", "御景湾", "滨江名城", "书香门第",
    "东方明珠小区", "城市之光", "绿地新都", "万家丽园", "龙湖苑", "紫荆小区", "春华苑",
)
BRANDS = (
    "鑫源", "宏达", "瑞丰", "金鼎", "万和", "盛世", "佳美", "德顺", "永兴", "天成", "华信", "新悦", "嘉禾", "恒通",
    "福满", "康宁", "优品", "红星", "百汇", "惠民", "乐购", "中联", "博众", "远航", "顺捷", "好邻居", "一品",
    "御膳", "老街坊", "味之源", "蓝天", "锦程", "立信", "诚信", "金手指", "美丽汇", "优健", "大地", "明珠",
)
UNIVERSITIES = (
    "山东大学", "浙江大学", "武汉大学", "中山大学", "四川大学", "南京大学", "中国政法大学", "西南政法大学",
    "华东政法大学", "中南财经政法大学", "厦门大学", "吉林大学", "兰州大学", "郑州大学", "湖南大学", "暨南大学",
    "中国人民大学", "北京师范大学", "复旦大学", "西北政法大学",
)
DEPARTMENTS = ("法学院", "公共管理学院", "经济学院", "食品科学与工程学院", "新闻与传播学院", "政府管理学院")
LAW_FIRMS = ("律师事务所",)
TITLES_ACADEMIC = ("副教授", "讲师", "博士研究生", "硕士研究生", "研究员", "助理研究员", "教授")
JOBS = ("个体经营", "自由职业", "退休", "务工", "公司职员", "教师", "无", "农民", "学生", "外卖骑手", "会计")
ZH_DIGITS = "〇一二三四五六七八九"


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    id_number: str
    phone: str
    address: str
    postcode: str
    email: str


class Stock:
    """Random names, places and numbers drawn from one seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def pick(self, options: Sequence[T]) -> T:
        return options[self.rng.randrange(len(options))]

    def name(self) -> str:
        given = "".join(self.rng.choice(GIVEN_CHARS) for _ in range(self.rng.choice((1, 2, 2))))
        return self.rng.choice(SURNAMES) + given

    def masked_name(self) -> str:
        return self.rng.choice(SURNAMES) + self.rng.choice(("先生", "女士", "某", "某某"))

    def city(self) -> tuple[str, str]:
        city, districts = CITIES[self.rng.randrange(len(CITIES))]
        return city, self.pick(districts)

    def city_name(self, city: str) -> str:
        return city + "市"

    def agency(self, city: str, district: str) -> str:
        form = self.rng.random()
        if form < 0.5:
            return f"{city}市市场监督管理局"
        if form < 0.7:
            return f"{city}市{district}市场监督管理局" if not district.endswith(("镇", "街道")) else f"{city}市市场监督管理局"
        if form < 0.8:
            return f"{city}市市场监管局"
        if form < 0.9:
            return f"{district}市场监管局"
        return f"{city}市市场监督管理局{district}分局"

    def street_address(self, city: str, district: str) -> str:
        number = self.rng.randint(1, 999)
        place = self.rng.random()
        if place < 0.5:
            return f"{city}市{district}{self.pick(STREETS)}{number}号"
        if place < 0.8:
            building = f"{self.rng.randint(1, 30)}号楼{self.rng.randint(1, 6)}单元{self.rng.randint(101, 2802)}室"
            return f"{city}市{district}{self.pick(COMMUNITIES)}{building}"
        return f"{district}{self.pick(STREETS)}{number}号{self.pick(('底商', '院内', '二楼', '一层', ''))}"

    def id_number(self) -> str:
        digits = "".join(str(self.rng.randint(0, 9)) for _ in range(17))
        birth = f"{self.rng.randint(1950, 2004)}{self.rng.randint(1, 12):02d}{self.rng.randint(1, 28):02d}"
        last = self.rng.choice("0123456789Xx")
        return digits[:6] + birth + digits[14:17] + last

    def phone(self) -> str:
        if self.rng.random() < 0.15:
            return f"0{self.rng.randint(10, 999)}-{self.rng.randint(2000000, 89999999)}"
        return f"1{self.rng.choice('3456789')}{self.rng.randint(0, 999999999):09d}"

    def postcode(self) -> str:
        return f"{self.rng.randint(10, 85)}{self.rng.randint(0, 9999):04d}"

    def email(self) -> str:
        user = "".join(self.rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(self.rng.randint(3, 8)))
        if self.rng.random() < 0.4:
            user += str(self.rng.randint(1, 9999))
        return f"{user}@{self.pick(('163.com', 'qq.com', '126.com', 'sina.com', 'foxmail.com', 'outlook.com'))}"

    def person(self, city: str, district: str) -> Person:
        return Person(self.name(), self.id_number(), self.phone(), self.street_address(city, district),
                      self.postcode(), self.email())

    def uscc(self) -> str:
        alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
        return self.pick(("91", "92", "12", "52")) + "".join(self.rng.choice(alphabet) for _ in range(16))

    def company(self, city: str, trade: str) -> str:
        return f"{city}{self.pick(BRANDS)}{trade}有限公司"

    def shop(self, kind: str) -> str:
        prefix = self.rng.random()
        if prefix < 0.3:
            return f"{self.rng.choice(SURNAMES)}记{kind}"
        if prefix < 0.45:
            return f"老{self.rng.choice(SURNAMES)}家{kind}"
        return f"{self.pick(BRANDS)}{kind}"

    def year(self) -> int:
        return self.rng.randint(2018, 2025)

    def date(self, year: int | None = None) -> str:
        year = year or self.year()
        month, day = self.rng.randint(1, 12), self.rng.randint(1, 28)
        style = self.rng.random()
        if style < 0.55:
            return f"{year}年{month}月{day}日"
        if style < 0.75:
            return f"{year}-{month:02d}-{day:02d}"
        if style < 0.9:
            return f"{year}.{month}.{day}"
        return f"{year}/{month}/{day}"

    def chinese_date(self) -> str:
        year = "".join(ZH_DIGITS[int(c)] for c in str(self.year()))
        month = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")[self.rng.randrange(12)]
        return f"二{year[1:]}年{month}月{self.pick(('一', '五', '八', '十二', '十八', '二十', '二十六'))}日"

    def amount(self) -> str:
        value = self.rng.choice((self.rng.randint(30, 999), self.rng.randint(1000, 50000), self.rng.randint(100, 5000)))
        return f"{value}" if self.rng.random() < 0.7 else f"{value:,}"

    def doc_number(self, city: str) -> str:
        kind = self.pick(("市监罚", "市监处罚", "市监稽罚", "市监食罚", "市监特罚", "市场监管罚", "市监价罚", "市监广罚"))
        bracket = self.pick(("〔{}〕", "[{}]", "（{}）", "【{}】"))
        return f"{city[0]}{kind}{bracket.format(self.year())}{self.rng.randint(1, 480)}号"

    def case_number(self) -> str:
        return f"{self.rng.randint(10**14, 10**15 - 1)}"
