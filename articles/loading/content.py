"""An article's loaded content in one comparable shape, from the parse or from the database."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass

from ..blocks import TEXT_KINDS
from ..ingest.model import ParsedArticle
from ..models import (
    Article,
    ArticleKind,
    BylinePosition,
    District,
    FormerDistrictName,
    Program,
    Subdistrict,
)
from ..numerals import installment_number

# Field lengths the database enforces (PostgreSQL refuses longer text).
HEADLINE_MAX = Article._meta.get_field("headline").max_length
NAME_MAX = 40
ROLE_MAX = 30
TITLE_MAX = 80
PROGRAM_MAX = Program._meta.get_field("name").max_length
UNTITLED = "（无标题）"


def content_checksum(content: dict) -> str:
    """The sha256 of an article's loaded content in a canonical JSON form."""
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _content(
    *, kicker, headline, subheadline, body, kind, bylines, districts, subdistricts, people, program
) -> dict:
    """The fields a load writes, in one shape for both the parse and the database."""
    return {
        "kicker": kicker,
        "headline": headline,
        "subheadline": list(subheadline),
        "body": [
            {"kind": b.get("kind"), "text": b.get("text"), "photo": b.get("photo")} for b in body
        ],
        "kind": kind,
        "bylines": [list(b) for b in bylines],
        "districts": sorted(districts),
        "subdistricts": sorted(subdistricts),
        "people": [list(p) for p in people],
        "program": list(program) if program else None,
    }


def stored_content(article: Article) -> dict:
    """An article's content as it is in the database now (prefetch its relations first)."""
    return _content(
        kicker=article.kicker,
        headline=article.headline,
        subheadline=article.subheadline or [],
        body=article.body or [],
        kind=article.kind,
        bylines=[
            (b.reporter.name, b.role, b.position)
            for b in sorted(article.bylines.all(), key=lambda b: (b.order, b.pk))
        ],
        districts=[d.name for d in article.districts.all()],
        subdistricts=[s.name for s in article.subdistricts.all()],
        people=[
            (m.person.name, m.title)
            for m in sorted(article.mentions.all(), key=lambda m: (m.order, m.pk))
        ],
        program=(
            (article.program.name, article.installment.number if article.installment else None)
            if article.program
            else None
        ),
    )


class Places:
    """Districts and subdistricts by name, read once per run."""

    def __init__(self) -> None:
        self.districts: dict[str, District] = {}
        for district in District.objects.all():
            self.districts[district.name] = district
            self.districts.setdefault(district.short_name, district)
        for former in FormerDistrictName.objects.select_related("district"):
            self.districts.setdefault(former.name, former.district)
            self.districts.setdefault(former.short_name, former.district)
        self.subdistricts: dict[str, list[Subdistrict]] = defaultdict(list)
        for subdistrict in Subdistrict.objects.all():
            self.subdistricts[subdistrict.name].append(subdistrict)

    def districts_named(self, names) -> list[District]:
        found = {}
        for name in names:
            district = self.districts.get(name)
            if district is not None:
                found.setdefault(district.pk, district)
        return list(found.values())

    def subdistricts_named(self, names, districts: list[District]) -> list[Subdistrict]:
        """Match by name; a name shared across districts goes to one the article is about."""
        in_article = {district.pk for district in districts}
        found = {}
        for name in names:
            candidates = self.subdistricts.get(name) or []
            if not candidates:
                continue
            chosen = next((s for s in candidates if s.district_id in in_article), candidates[0])
            found.setdefault(chosen.pk, chosen)
        return list(found.values())


@dataclass
class Resolved:
    """A parsed article turned into what will be saved, with its checksum."""

    parsed: ParsedArticle
    content: dict
    districts: list[District]
    subdistricts: list[Subdistrict]
    program_name: str | None
    installment_label: str
    installment_title: str

    @property
    def checksum(self) -> str:
        return content_checksum(self.content)


def _clip(text: str | None, limit: int) -> str:
    return (text or "").strip()[:limit]


def _unique_by_first(pairs):
    """Keep the first entry for each name, as the byline and mention services do."""
    seen, kept = set(), []
    for pair in pairs:
        if pair[0] and pair[0] not in seen:
            seen.add(pair[0])
            kept.append(pair)
    return kept


def resolve(parsed: ParsedArticle, places: Places) -> Resolved:
    """What a parsed article becomes in the database: clipped, de-duplicated, places matched."""
    districts = places.districts_named(parsed.districts)
    subdistricts = places.subdistricts_named(parsed.subdistricts, districts)
    program_name = _clip(parsed.program.name, PROGRAM_MAX) if parsed.program else ""
    label = _clip(parsed.program.installment, 20) if parsed.program else ""
    number = installment_number(label)
    if number is not None and not 1 <= number <= 32767:
        number = None
    body = [
        {"kind": block.kind, "text": block.text.strip()}
        for block in parsed.blocks
        if block.kind in TEXT_KINDS and block.text.strip()
    ]
    positions = set(BylinePosition.values)
    content = _content(
        kicker=_clip(parsed.kicker, HEADLINE_MAX),
        headline=_clip(parsed.headline, HEADLINE_MAX) or UNTITLED,
        subheadline=[_clip(line, HEADLINE_MAX) for line in parsed.subheadline if line.strip()],
        body=body,
        kind=parsed.type if parsed.type in ArticleKind.values else ArticleKind.NEWS,
        bylines=_unique_by_first(
            (
                _clip(b.name, NAME_MAX),
                _clip(b.role, ROLE_MAX),
                b.position if b.position in positions else BylinePosition.END,
            )
            for b in parsed.bylines
        ),
        districts=[d.name for d in districts],
        subdistricts=[s.name for s in subdistricts],
        people=_unique_by_first(
            (_clip(p.name, NAME_MAX), _clip(p.title, TITLE_MAX)) for p in parsed.people
        ),
        program=(program_name, number) if program_name else None,
    )
    return Resolved(
        parsed=parsed,
        content=content,
        districts=districts,
        subdistricts=subdistricts,
        program_name=program_name or None,
        installment_label=label if number is not None else "",
        installment_title=_clip(parsed.program.installment_title, 120) if parsed.program else "",
    )
