"""One imagined situation: who writes, where, to which office, about which business and product.

A letter template only says how things are put; the scene supplies what they are, so the same
template yields many different letters.
"""
from __future__ import annotations

from dataclasses import dataclass

from intake.classifiers.training.banks import COMMUNITIES, Person, Stock
from intake.classifiers.training.topics import TOPICS, Topic


@dataclass(frozen=True, slots=True)
class Scene:
    topic: Topic
    city: str
    district: str
    agency: str
    writer: Person
    company: str
    shop: str
    product: str
    community: str
    year: int
    values: dict[str, str]

    def fill(self, template: str) -> str:
        return template.format(**self.values)


def new_scene(stock: Stock, topic: Topic | None = None) -> Scene:
    topic = topic or TOPICS[stock.rng.randrange(len(TOPICS))]
    city, district = stock.city()
    agency = stock.agency(city, district)
    writer = stock.person(city, district)
    company = stock.company(city, topic.trade)
    shop = stock.shop(stock.pick(topic.shop_kinds))
    product = stock.pick(topic.products)
    community = stock.pick(COMMUNITIES)
    year = stock.year()
    values = {
        "city": city, "district": district, "agency": agency, "company": company, "shop": shop,
        "product": product, "community": community, "year": str(year), "quarter": stock.pick(("一", "二", "三", "四")),
        "building": str(stock.rng.randint(1, 28)), "amount": stock.amount(), "docno": stock.doc_number(city),
        "date": stock.date(year), "name": writer.name, "official": stock.name(),
    }
    return Scene(topic, city, district, agency, writer, company, shop, product, community, year, values)


def greeting(stock: Stock, scene: Scene) -> str:
    return stock.pick((
        f"{scene.agency}：", f"尊敬的{scene.agency}领导：", f"致{scene.agency}", f"{scene.agency}办公室：",
        "尊敬的领导：", "局长您好：", "您好：", f"{scene.agency}负责同志：", "市场监管局：", "领导好！",
    ))


def closing(stock: Stock) -> str:
    return stock.pick(("此致\n敬礼", "此致\n敬礼！", "谢谢！", "望予支持。", "特此。", "盼复。", "", "此致", "万分感谢！"))


def signature(stock: Stock, scene: Scene, role: str = "") -> str:
    person = scene.writer
    lines = [f"{role}{person.name}" if role else person.name]
    if stock.rng.random() < 0.7:
        lines.append(stock.pick((f"电话：{person.phone}", f"联系电话：{person.phone}", f"手机 {person.phone}", person.phone)))
    if stock.rng.random() < 0.4:
        lines.append(stock.pick((f"地址：{person.address}", f"住址：{person.address}", person.address)))
    lines.append(stock.pick((scene.values["date"], stock.chinese_date(), stock.date())))
    return "\n".join(lines)
