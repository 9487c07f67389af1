#!/usr/bin/env python3
"""Build articles/data/district_shapes.json, the district map's simplified SVG paths.

Source: ``map/json/province/shanghai.json`` from the echarts 4.9.0 npm package
(Apache-2.0; see docs/district-map.md).  The file is echarts' compressed GeoJSON
(``UTF8Encoding: true``): each ring is a string of character pairs, zigzag- and
delta-encoded, decoded as in echarts' src/coord/geo/parseGeoJson.js ``decode``.

The rings are projected (equirectangular, longitude scaled by cos(latitude) so the
city keeps its shape), simplified with Douglas-Peucker and written as SVG path data
keyed by the 6-digit division code, which matches fixtures/districts.json.  Run once:

    npm pack echarts@4.9.0 && tar xzf echarts-4.9.0.tgz package/map/json/province/shanghai.json
    python3 scripts/build_district_map.py package/map/json/province/shanghai.json
    python3 scripts/build_district_map.py package/map/json/province/shanghai.json --check
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "articles" / "data" / "district_shapes.json"
DISTRICTS = ROOT / "fixtures" / "districts.json"
WIDTH = 600  # viewBox width; the height follows the city's aspect ratio
TOLERANCE = 0.6  # simplification tolerance in viewBox units
MIN_AREA = 4.0  # rings smaller than this (tiny islets) are dropped, in square units


def decode_ring(encoded: str, offset: list[int], scale: float) -> list[tuple[float, float]]:
    """Decode one echarts-compressed ring into (longitude, latitude) pairs."""
    prev_x, prev_y = offset
    points = []
    for i in range(0, len(encoded), 2):
        x = ord(encoded[i]) - 64
        y = ord(encoded[i + 1]) - 64
        x = (x >> 1) ^ (-(x & 1))  # zigzag
        y = (y >> 1) ^ (-(y & 1))
        prev_x, prev_y = prev_x + x, prev_y + y  # delta
        points.append((prev_x / scale, prev_y / scale))
    return points


def feature_rings(feature: dict, scale: float) -> list[list[tuple[float, float]]]:
    """Every ring of a Polygon or MultiPolygon feature, decoded."""
    geometry = feature["geometry"]
    coordinates, offsets = geometry["coordinates"], geometry["encodeOffsets"]
    if geometry["type"] == "Polygon":
        return [decode_ring(r, o, scale) for r, o in zip(coordinates, offsets, strict=True)]
    return [
        decode_ring(r, o, scale)
        for polygon, polygon_offsets in zip(coordinates, offsets, strict=True)
        for r, o in zip(polygon, polygon_offsets, strict=True)
    ]


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker simplification, iterative so long coastlines don't recurse deeply."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        start, end = stack.pop()
        (ax, ay), (bx, by) = points[start], points[end]
        length = math.hypot(bx - ax, by - ay)
        best, best_distance = None, tolerance
        for i in range(start + 1, end):
            px, py = points[i]
            if length:
                distance = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            else:
                distance = math.hypot(px - ax, py - ay)
            if distance > best_distance:
                best, best_distance = i, distance
        if best is not None:
            keep[best] = True
            stack += [(start, best), (best, end)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def ring_area(points: list[tuple[float, float]]) -> float:
    """Absolute shoelace area of a ring."""
    return (
        abs(
            sum(
                x1 * y2 - x2 * y1
                for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True)
            )
        )
        / 2
    )


def build(source: dict) -> dict:
    """The map data file's content: viewBox size and one path per district code."""
    scale = source.get("UTF8Scale", 1024) if source.get("UTF8Encoding") else None
    if scale is None:
        raise SystemExit("expected echarts' compressed GeoJSON (UTF8Encoding: true)")
    names = {d["name"]: d["code"] for d in json.loads(DISTRICTS.read_text())["districts"]}
    rings_by_code = {}
    for feature in source["features"]:
        name = feature["properties"]["name"]
        code = feature.get("id") or names.get(name)  # 崇明区 has no id in echarts 4.9.0
        if code not in names.values() or names.get(name) != code:
            raise SystemExit(f"{name} ({code}) does not match fixtures/districts.json")
        rings_by_code[code] = feature_rings(feature, scale)
    if set(rings_by_code) != set(names.values()):
        raise SystemExit(f"missing districts: {set(names.values()) - set(rings_by_code)}")

    all_points = [p for rings in rings_by_code.values() for ring in rings for p in ring]
    min_lon = min(p[0] for p in all_points)
    max_lon = max(p[0] for p in all_points)
    min_lat = min(p[1] for p in all_points)
    max_lat = max(p[1] for p in all_points)
    x_factor = math.cos(math.radians((min_lat + max_lat) / 2))
    unit = WIDTH / ((max_lon - min_lon) * x_factor)
    height = round((max_lat - min_lat) * unit)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return (lon - min_lon) * x_factor * unit, (max_lat - lat) * unit

    shapes = {}
    for code, rings in sorted(rings_by_code.items()):
        parts = []
        for ring in rings:
            points = simplify([project(*p) for p in ring], TOLERANCE)
            if len(points) < 3 or ring_area(points) < MIN_AREA:
                continue
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
        shapes[code] = "".join(parts)
    return {
        "source": "echarts 4.9.0 (npm, Apache-2.0) map/json/province/shanghai.json; "
        "built by scripts/build_district_map.py",
        "width": WIDTH,
        "height": height,
        "paths": shapes,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="echarts' shanghai.json")
    parser.add_argument("--check", action="store_true", help="exit 1 if the data file is stale")
    args = parser.parse_args()
    text = json.dumps(build(json.loads(args.source.read_text())), ensure_ascii=False, indent=1)
    if args.check:
        return 0 if OUTPUT.read_text() == text + "\n" else 1
    OUTPUT.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
