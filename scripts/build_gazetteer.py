#!/usr/bin/env python3
"""Build fixtures/districts.json, the Shanghai administrative-division gazetteer.

The table below was compiled by hand from public facts: the National Bureau of
Statistics of China's statistical division codes (统计用区划代码) for Shanghai,
2022 edition (cut-off 2022-10-31).  Only real township-level units (街道, 镇, 乡)
are listed; statistical, non-administrative units that the NBS list also carries
(开发区, 工业区, 农场, 管委会 ...) are deliberately left out.

Slugs are generated with pypinyin (``pip install pypinyin``), with explicit
phrase overrides for the heteronyms that pypinyin gets wrong or might get wrong
in place names (长宁 changning, 闵行 minhang, 莘庄 xinzhuang, 重固 chonggu ...).
The output is deterministic; re-run after editing the table:

    python3 scripts/build_gazetteer.py            # writes fixtures/districts.json
    python3 scripts/build_gazetteer.py --check    # exits 1 if the file is stale
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from pypinyin import Style, lazy_pinyin, load_phrases_dict

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "fixtures" / "districts.json"

SOURCE = (
    "Hand-compiled from the National Bureau of Statistics of China's 2022 statistical "
    "division codes for Shanghai (统计用区划代码, cut-off 2022-10-31): 16 districts and their "
    "街道/镇/乡 only, statistical non-administrative units (开发区, 工业区, 农场) omitted; "
    "slugs from pypinyin with manual heteronym overrides; built by scripts/build_gazetteer.py"
)

# (code, full name, short name, English name, "code name; code name; ...")
# The 9-digit township codes follow the NBS pattern: 0xx = 街道, 1xx = 镇, 2xx = 乡.
DISTRICTS: list[tuple[str, str, str, str, str]] = [
    (
        "310101",
        "黄浦区",
        "黄浦",
        "Huangpu District",
        """
        002 南京东路街道; 013 外滩街道; 015 半淞园路街道; 017 小东门街道; 018 豫园街道;
        019 老西门街道; 020 五里桥街道; 021 打浦桥街道; 022 淮海中路街道; 023 瑞金二路街道""",
    ),
    (
        "310104",
        "徐汇区",
        "徐汇",
        "Xuhui District",
        """
        003 天平路街道; 004 湖南路街道; 007 斜土路街道; 008 枫林路街道; 010 长桥街道;
        011 田林街道; 012 虹梅路街道; 013 康健新村街道; 014 徐家汇街道; 015 凌云路街道;
        016 龙华街道; 017 漕河泾街道; 103 华泾镇""",
    ),
    (
        "310105",
        "长宁区",
        "长宁",
        "Changning District",
        """
        001 华阳路街道; 002 江苏路街道; 004 新华路街道; 005 周家桥街道; 006 天山路街道;
        008 仙霞新村街道; 009 虹桥街道; 010 程家桥街道; 011 北新泾街道; 102 新泾镇""",
    ),
    (
        "310106",
        "静安区",
        "静安",
        "Jing'an District",
        """
        006 江宁路街道; 011 石门二路街道; 012 南京西路街道; 013 静安寺街道; 014 曹家渡街道;
        015 天目西路街道; 016 北站街道; 017 宝山路街道; 018 共和新路街道; 019 大宁路街道;
        020 彭浦新村街道; 021 临汾路街道; 022 芷江西路街道; 101 彭浦镇""",
    ),
    (
        "310107",
        "普陀区",
        "普陀",
        "Putuo District",
        """
        005 曹杨新村街道; 014 长风新村街道; 015 长寿路街道; 016 甘泉路街道; 017 石泉路街道;
        020 宜川路街道; 021 万里街道; 022 真如镇街道; 102 长征镇; 103 桃浦镇""",
    ),
    (
        "310109",
        "虹口区",
        "虹口",
        "Hongkou District",
        """
        009 欧阳路街道; 010 曲阳路街道; 011 广中路街道; 014 嘉兴路街道; 016 凉城新村街道;
        017 四川北路街道; 018 北外滩街道; 019 江湾镇街道""",
    ),
    (
        "310110",
        "杨浦区",
        "杨浦",
        "Yangpu District",
        """
        001 定海路街道; 006 平凉路街道; 008 江浦路街道; 009 四平路街道; 012 控江路街道;
        013 长白新村街道; 015 延吉新村街道; 016 殷行街道; 018 大桥街道; 019 五角场街道;
        020 新江湾城街道; 021 长海路街道""",
    ),
    (
        "310112",
        "闵行区",
        "闵行",
        "Minhang District",
        """
        001 江川路街道; 006 古美街道; 008 新虹街道; 009 浦锦街道; 101 莘庄镇; 102 七宝镇;
        103 颛桥镇; 106 华漕镇; 107 虹桥镇; 108 梅陇镇; 110 吴泾镇; 112 马桥镇; 114 浦江镇""",
    ),
    (
        "310113",
        "宝山区",
        "宝山",
        "Baoshan District",
        """
        003 友谊路街道; 007 吴淞街道; 008 张庙街道; 101 罗店镇; 102 大场镇; 103 杨行镇;
        104 月浦镇; 106 罗泾镇; 109 顾村镇; 111 高境镇; 112 庙行镇; 113 淞南镇""",
    ),
    (
        "310114",
        "嘉定区",
        "嘉定",
        "Jiading District",
        """
        001 新成路街道; 002 真新街道; 004 嘉定镇街道; 102 南翔镇; 103 安亭镇; 106 马陆镇;
        109 徐行镇; 111 华亭镇; 114 外冈镇; 118 江桥镇""",
    ),
    (
        "310115",
        "浦东新区",
        "浦东",
        "Pudong New Area",
        """
        004 潍坊新村街道; 005 陆家嘴街道; 007 周家渡街道; 008 塘桥街道; 009 上钢新村街道;
        010 南码头路街道; 011 沪东新村街道; 012 金杨新村街道; 013 洋泾街道; 014 浦兴路街道;
        015 东明路街道; 016 花木街道; 103 川沙新镇; 104 高桥镇; 105 北蔡镇; 110 合庆镇;
        114 唐镇; 117 曹路镇; 120 金桥镇; 121 高行镇; 123 高东镇; 125 张江镇; 130 三林镇;
        131 惠南镇; 132 周浦镇; 133 新场镇; 134 大团镇; 136 康桥镇; 137 航头镇; 139 祝桥镇;
        140 泥城镇; 141 宣桥镇; 142 书院镇; 143 万祥镇; 144 老港镇; 145 南汇新城镇""",
    ),
    (
        "310116",
        "金山区",
        "金山",
        "Jinshan District",
        """
        001 石化街道; 101 朱泾镇; 102 枫泾镇; 103 张堰镇; 104 亭林镇; 105 吕巷镇; 107 廊下镇;
        109 金山卫镇; 112 漕泾镇; 113 山阳镇""",
    ),
    (
        "310117",
        "松江区",
        "松江",
        "Songjiang District",
        """
        001 岳阳街道; 002 永丰街道; 003 方松街道; 004 中山街道; 005 广富林街道; 006 九里亭街道;
        102 泗泾镇; 103 佘山镇; 104 车墩镇; 105 新桥镇; 106 洞泾镇; 107 九亭镇; 109 泖港镇;
        116 石湖荡镇; 117 新浜镇; 120 叶榭镇; 121 小昆山镇""",
    ),
    (
        "310118",
        "青浦区",
        "青浦",
        "Qingpu District",
        """
        001 夏阳街道; 002 盈浦街道; 003 香花桥街道; 102 朱家角镇; 103 练塘镇; 104 金泽镇;
        105 赵巷镇; 106 徐泾镇; 107 华新镇; 109 重固镇; 110 白鹤镇""",
    ),
    (
        "310120",
        "奉贤区",
        "奉贤",
        "Fengxian District",
        """
        001 西渡街道; 002 奉浦街道; 003 金海街道; 101 南桥镇; 102 奉城镇; 104 庄行镇;
        106 金汇镇; 109 四团镇; 111 青村镇; 118 柘林镇; 123 海湾镇""",
    ),
    (
        "310151",
        "崇明区",
        "崇明",
        "Chongming District",
        """
        101 城桥镇; 102 堡镇; 103 新河镇; 104 庙镇; 105 竖新镇; 106 向化镇; 107 三星镇;
        108 港沿镇; 109 中兴镇; 110 陈家镇; 111 绿华镇; 112 港西镇; 113 建设镇; 114 新海镇;
        115 东平镇; 116 长兴镇; 201 新村乡; 202 横沙乡""",
    ),
]

# Former districts, pointing at the district that absorbed them today.
HISTORICAL: list[tuple[str, str, str]] = [
    ("闸北区", "闸北", "静安区"),  # merged into 静安区, 2015
    ("卢湾区", "卢湾", "黄浦区"),  # merged into 黄浦区, 2011
    ("南汇区", "南汇", "浦东新区"),  # merged into 浦东新区, 2009
    ("南市区", "南市", "黄浦区"),  # merged into 黄浦区, 2000
    ("吴淞区", "吴淞", "宝山区"),  # merged with 宝山县 into 宝山区, 1988
]

# Place-name readings that differ from pypinyin's default single-character choice.
PHRASE_OVERRIDES: dict[str, str] = {
    "长宁": "chang ning",
    "长风": "chang feng",
    "长寿": "chang shou",
    "长征": "chang zheng",
    "长桥": "chang qiao",
    "长白": "chang bai",
    "长海": "chang hai",
    "长兴": "chang xing",
    "闵行": "min hang",
    "殷行": "yin hang",
    "杨行": "yang hang",
    "庙行": "miao hang",
    "徐行": "xu hang",
    "高行": "gao hang",
    "庄行": "zhuang hang",
    "重固": "chong gu",
    "莘庄": "xin zhuang",
    "堡镇": "bao zhen",
    "曲阳": "qu yang",
    "大场": "da chang",
    "新场": "xin chang",
    "五角场": "wu jiao chang",
    "车墩": "che dun",
    "佘山": "she shan",
    "柘林": "zhe lin",
    "泖港": "mao gang",
    "张堰": "zhang yan",
    "大团": "da tuan",
    "航头": "hang tou",
    "朱家角": "zhu jia jiao",
    "陆家嘴": "lu jia zui",
    "叶榭": "ye xie",
    "新浜": "xin bang",
    "外冈": "wai gang",
    "漕泾": "cao jing",
    "漕河泾": "cao he jing",
    "斜土": "xie tu",
    "华漕": "hua cao",
    "颛桥": "zhuan qiao",
    "合庆": "he qing",
    "淞南": "song nan",
    "吴淞": "wu song",
    "石化": "shi hua",
    "石门": "shi men",
    "石泉": "shi quan",
    "石湖荡": "shi hu dang",
    "吕巷": "lv xiang",
    "绿华": "lv hua",
    "廊下": "lang xia",
    "横沙": "heng sha",
    "卢湾": "lu wan",
    "闸北": "zha bei",
    "南汇": "nan hui",
    "南市": "nan shi",
}

KINDS = ("街道", "镇", "乡")
KIND_SLUG = {"街道": "jiedao", "镇": "zhen", "乡": "xiang"}


def _install_overrides() -> None:
    load_phrases_dict({k: [[syl] for syl in v.split()] for k, v in PHRASE_OVERRIDES.items()})


def pinyin_slug(text: str) -> str:
    syllables = lazy_pinyin(text, style=Style.NORMAL, v_to_u=False, errors="strict")
    slug = "".join(syllables).lower()
    slug = re.sub(r"[^a-z0-9]", "", slug)
    if not slug:
        raise ValueError(f"empty slug for {text!r}")
    return slug


def kind_of(name: str) -> str:
    for kind in KINDS:
        if name.endswith(kind):
            return kind
    raise ValueError(f"{name!r} is not a 街道/镇/乡")


def stem_of(name: str, kind: str) -> str:
    """The part of the name a slug is made from: the name less its kind suffix.

    One-character stems (唐镇, 堡镇, 庙镇) and 川沙新镇 ("Chuansha New Town",
    whose stem 川沙新 is not a name) keep the 镇 so the slug still reads as a name.
    """
    stem = name[: -len(kind)]
    if len(stem) < 2 or name.endswith("新镇") and len(stem) > 2:
        return name
    return stem


def build() -> dict:
    _install_overrides()
    districts = []
    seen_district_slugs: set[str] = set()
    for code, name, short, name_en, table in DISTRICTS:
        assert re.fullmatch(r"310\d{3}", code), code
        slug = "pudong" if name == "浦东新区" else pinyin_slug(short)
        assert slug not in seen_district_slugs, slug
        seen_district_slugs.add(slug)

        entries = []
        for item in table.split(";"):
            item = item.strip()
            if not item:
                continue
            suffix, sub_name = item.split()
            kind = kind_of(sub_name)
            entries.append((code + suffix, sub_name, kind, pinyin_slug(stem_of(sub_name, kind))))

        # Disambiguate colliding slugs within a district by appending the kind.
        counts: dict[str, int] = {}
        for _, _, _, s in entries:
            counts[s] = counts.get(s, 0) + 1
        subdistricts = []
        seen: set[str] = set()
        for sub_code, sub_name, kind, s in entries:
            if counts[s] > 1:
                s = f"{s}-{KIND_SLUG[kind]}"
            assert s not in seen, (name, s)
            seen.add(s)
            assert re.fullmatch(r"\d{9}", sub_code), sub_code
            subdistricts.append({"code": sub_code, "name": sub_name, "kind": kind, "slug": s})
        codes = [s["code"] for s in subdistricts]
        assert codes == sorted(codes) and len(set(codes)) == len(codes), name

        districts.append(
            {
                "code": code,
                "name": name,
                "short_name": short,
                "slug": slug,
                "name_en": name_en,
                "subdistricts": subdistricts,
            }
        )

    current = {d["name"] for d in districts}
    historical = []
    for name, short, now in HISTORICAL:
        assert now in current, now
        historical.append(
            {"name": name, "short_name": short, "slug": pinyin_slug(short), "current": now}
        )
    return {"source": SOURCE, "districts": districts, "historical": historical}


def render(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the fixture is stale")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    text = render(build())
    if args.check:
        if not args.output.exists() or args.output.read_text(encoding="utf-8") != text:
            print(f"{args.output} is stale; run scripts/build_gazetteer.py", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    data = json.loads(text)
    n_sub = sum(len(d["subdistricts"]) for d in data["districts"])
    print(
        f"wrote {args.output}: {len(data['districts'])} districts, {n_sub} subdistricts, "
        f"{len(data['historical'])} historical"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
