"""Shanghai's districts, subdistricts and former district names, loaded from JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import SourceError

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "fixtures" / "districts.json"


@dataclass(frozen=True, slots=True)
class District:
    """One of Shanghai's 16 districts."""

    code: str
    name: str
    short_name: str
    slug: str
    name_en: str


@dataclass(frozen=True, slots=True)
class Subdistrict:
    """A 街道 or 镇 inside a district."""

    code: str
    name: str
    district_code: str
    kind: str


@dataclass(frozen=True, slots=True)
class HistoricalDistrict:
    """A former district name and the district it belongs to today."""

    name: str
    short_name: str
    current_name: str


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Every place name the parser recognises."""

    districts: tuple[District, ...]
    subdistricts: tuple[Subdistrict, ...]
    historical: tuple[HistoricalDistrict, ...]


def _field(entry: dict, key: str, path: Path, where: str) -> str:
    value = entry.get(key) if isinstance(entry, dict) else None
    if not isinstance(value, str) or not value:
        raise SourceError(
            f"{where}缺少文本字段 {key!r}",
            source=str(path),
            hint="每个区都要有 code、name、short_name、slug 和 name_en",
        )
    return value


def load_gazetteer(path: Path | str) -> Gazetteer:
    """Read a districts JSON file (districts with nested subdistricts, plus historical names)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourceError(
            "找不到地名表文件",
            source=str(path),
            hint="创建 fixtures/districts.json，或明确传入 gazetteer=",
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceError(
            f"地名表不是有效的 UTF-8 JSON：{exc}",
            source=str(path),
            line=getattr(exc, "lineno", None),
            hint="修正 JSON 语法",
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("districts"), list):
        raise SourceError('地名表没有 "districts" 列表', source=str(path), hint="参照文件格式说明")
    districts, subdistricts, historical = [], [], []
    for entry in data["districts"]:
        where = f"区“{entry.get('name', '?') if isinstance(entry, dict) else entry!r}”"
        code = _field(entry, "code", path, where)
        districts.append(
            District(
                code=code,
                name=_field(entry, "name", path, where),
                short_name=_field(entry, "short_name", path, where),
                slug=_field(entry, "slug", path, where),
                name_en=_field(entry, "name_en", path, where),
            )
        )
        for sub in entry.get("subdistricts") or []:
            sub_where = f"{where}下的街道/镇"
            subdistricts.append(
                Subdistrict(
                    code=_field(sub, "code", path, sub_where),
                    name=_field(sub, "name", path, sub_where),
                    district_code=code,
                    kind=_field(sub, "kind", path, sub_where),
                )
            )
    for entry in data.get("historical") or []:
        where = "历史区名"
        historical.append(
            HistoricalDistrict(
                name=_field(entry, "name", path, where),
                short_name=_field(entry, "short_name", path, where),
                current_name=_field(entry, "current", path, where),
            )
        )
    return Gazetteer(tuple(districts), tuple(subdistricts), tuple(historical))


@cache
def default_gazetteer() -> Gazetteer:
    """The project's gazetteer at fixtures/districts.json, loaded once."""
    return load_gazetteer(DEFAULT_PATH)
