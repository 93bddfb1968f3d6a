#!/usr/bin/python3
"""Peer for a dealer-level `ironriver map` (--places, clustered): from the
trace rows themselves, count guns per (dealer, Mexican state), cluster the
dealers on the page, and draw the flows between clusters and states over
the same basemap, with pandas, geopandas and matplotlib.

usage: dealers_mpl.py PLACES.csv TRACES.csv OUT.png WIDTH_PX HEIGHT_PX DPI

PLACES.csv is `bench/gen-traces 0 1 --dealers`, TRACES.csv
`bench/gen-traces N 1 --points`.  Unlike flows_mpl.py this times the whole
job: reading and aggregating the rows, projecting, clustering, bending and
drawing.  Clustering is grid binning (cells of ironriver's radius, 2% of the
page's shorter side, node at the members' weighted centre), not
ironriver's leader clustering and overlap merging; curves get a fixed
bend, not ironriver's force-directed lay-out.  Flows are one PathCollection
(white casing, then colour, widest first), heads one PolyCollection, nodes
one scatter per side; widths up to 12 pt (ironriver's default at 3000 px,
200 dpi is 17.28 pt: pass it --max-width 12).  No text.  Prints
`dealers=N clusters=K flows=F rows=R` to stderr.
"""
import os
import sys
import unicodedata

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")  # no display on bench machines
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.collections import PathCollection, PolyCollection
from matplotlib.path import Path

LCC = ("+proj=lcc +lat_1=20 +lat_2=44 +lat_0=32 +lon_0=-100 +x_0=0 +y_0=0 "
       "+datum=WGS84 +units=m +no_defs")
SHAPES = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                      "..", "..", "shapes")
MARGIN_PT, CASING_PT = 12, 0.6
FLOW_COLOR = "#b2182b"  # ironriver's --color-by none colour
MAX_WIDTH_PT, MIN_WIDTH_PT = 12.0, 0.8
NODE_R_MIN, NODE_R_MAX = 2.0, 0.45 * MAX_WIDTH_PT + 1.5  # as ironriver's
BEND = 0.18  # sideways bend of the longest flow, share of its length
CELL_RADII = 1  # grid cell side in cluster radii (2 comes closer to ironriver's K)
GAP_PT = 1.0  # between an arrowhead's tip and its node
OFF_MAP = ["Alaska", "Hawaii"]  # states ironriver does not show by default
CURVE3 = np.array([Path.MOVETO, Path.CURVE3, Path.CURVE3], dtype=Path.code_type)


def shapes(name):
    return gpd.read_file(os.path.join(SHAPES, name + ".shp")).to_crs(LCC)


def key(name):
    """'Nuevo León' -> 'nuevo leon': accents off, case folded."""
    s = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore")
    return " ".join(s.decode().casefold().split())


def state_lookup(mx):
    """Normalised name -> row of mx, from the shapefile's Spanish and
    English names; "Estado de México" also answers to INEGI's "México".
    Exact keys only, so "México" never matches "Ciudad de México"."""
    look = {}
    for i, es, en in zip(range(len(mx)), mx["name_es"], mx["name"]):
        names = [es, en] + ([es[len("Estado de "):]]
                            if es.startswith("Estado de ") else [])
        for k in map(key, names):
            if look.setdefault(k, i) != i:
                sys.exit(f"dealers_mpl.py: '{k}' names two states")
    return look


def bezier(p0, c, p1, t):
    t = t[:, None]
    return (1 - t) ** 2 * p0 + 2 * (1 - t) * t * c + t ** 2 * p1


def main():
    places_csv, traces_csv, out = sys.argv[1:4]
    width_px, height_px, dpi = int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
    width_pt, height_pt = width_px * 72 / dpi, height_px * 72 / dpi

    # 1. Count rows per (dealer, recovery state).
    t = pd.read_csv(traces_csv, usecols=["dealer_id", "recovery_state"],
                    dtype="category")
    rows = len(t)
    od = (t.groupby(["dealer_id", "recovery_state"], observed=True).size()
          .rename("w").reset_index())
    places = pd.read_csv(places_csv, usecols=["id", "lon", "lat", "parent"],
                         dtype={"id": str})

    us, mx, countries, lakes = map(shapes,
                                   ["us-states", "mx-states", "countries", "lakes"])
    lower48 = ~us["iso_3166_2"].isin(["US-AK", "US-HI"])

    # 2. Destinations: each state's representative point, by name; then
    # the dealers' points, leaving out those ironriver does not show.
    look = state_lookup(mx)
    lut = np.array([look.get(key(n), -1) for n in od["recovery_state"].cat.categories])
    od["dest"] = lut[od["recovery_state"].cat.codes.to_numpy()]
    od["id"] = od["dealer_id"].astype(str)
    od = od.merge(places, on="id", how="left")
    drop = [("warning", "unmatched states", od["dest"] < 0, "recovery_state"),
            ("warning", "dealers not in the places table", od["lon"].isna(), "id"),
            ("note", "dealers off the map in " + "/".join(OFF_MAP),
             od["parent"].isin(OFF_MAP), "id")]
    for kind, what, bad, col in drop:
        if bad.any():
            print(f"dealers_mpl.py: {kind}: {od.loc[bad, 'w'].sum()} rows from {what}"
                  f" ({', '.join(sorted(set(od.loc[bad, col].astype(str)))[:4])} ...),"
                  " not drawn", file=sys.stderr)
    od = od[~np.logical_or.reduce([bad for _, _, bad, _ in drop])].copy()

    # Fit as ironriver's frame does: the states' box, aspect kept,
    # centred in the page minus the margin.
    x0, y0, x1, y1 = np.array([us[lower48].total_bounds, mx.total_bounds]).T
    bx0, by0, bx1, by1 = x0.min(), y0.min(), x1.max(), y1.max()
    scale = min((width_pt - 2 * MARGIN_PT) / (bx1 - bx0),
                (height_pt - 2 * MARGIN_PT) / (by1 - by0))  # pt per metre
    m_per_pt = 1 / scale
    cx, cy = (bx0 + bx1) / 2, (by0 + by1) / 2
    centre = np.array([cx, cy])
    half_page = np.array([width_pt, height_pt]) / 2

    def to_page(xy):  # map metres -> page points (y up)
        return (xy - centre) * scale + half_page

    def to_map(pt):
        return (pt - half_page) * m_per_pt + centre

    # 3. Project the dealers with flows, and cluster them on the page.
    dealers = od.groupby("id", sort=False).agg(w=("w", "sum"), lon=("lon", "first"),
                                               lat=("lat", "first"))
    pts = gpd.GeoSeries(gpd.points_from_xy(dealers["lon"], dealers["lat"]),
                        crs="EPSG:4326").to_crs(LCC)
    page = to_page(np.column_stack([pts.x.to_numpy(), pts.y.to_numpy()]))
    radius = 0.02 * min(width_pt, height_pt)
    cell = np.floor(page / (CELL_RADII * radius)).astype(np.int64)
    dealers["cluster"] = pd.DataFrame(cell).groupby([0, 1]).ngroup().to_numpy()
    dealers["wx"], dealers["wy"] = page[:, 0] * dealers["w"], page[:, 1] * dealers["w"]
    cl = dealers.groupby("cluster")[["w", "wx", "wy"]].sum()
    cl_at = cl[["wx", "wy"]].to_numpy() / cl[["w"]].to_numpy()

    # Flows between clusters and states, widest first (drawn below).
    od["cluster"] = dealers["cluster"].reindex(od["id"]).to_numpy()
    fl = (od.groupby(["cluster", "dest"]).w.sum().reset_index()
          .sort_values("w", ascending=False, kind="stable"))
    dest_at = to_page(np.column_stack([(rp := mx.representative_point()).x, rp.y]))
    din = fl.groupby("dest").w.sum()
    max_total = max(cl["w"].max(), din.max())
    r_of = lambda w: np.maximum(NODE_R_MIN, NODE_R_MAX * np.sqrt(w / max_total))

    # 4. Geometry in page points, all flows at once: a fixed sideways bend
    # growing with length, trimmed to the node circles, and a head.
    w = fl["w"].to_numpy(float)
    width = np.maximum(MIN_WIDTH_PT, w * MAX_WIDTH_PT / w.max())
    p0 = cl_at[fl["cluster"].to_numpy()]
    p1 = dest_at[fl["dest"].to_numpy()]
    d = p1 - p0
    length = np.hypot(*d.T)
    normal = np.column_stack([-d[:, 1], d[:, 0]]) / length[:, None]
    c = (p0 + p1) / 2 + normal * (BEND * length ** 2 / length.max())[:, None]
    r0 = r_of(cl["w"].to_numpy()[fl["cluster"].to_numpy()])
    r1 = r_of(din.reindex(fl["dest"]).to_numpy()) + GAP_PT
    head, head_w = np.maximum(3, 1.5 * width), np.maximum(3, 1.9 * width)
    # Parameter from arc length near the ends: |B'(0)| = 2|c - p0|, |B'(1)| = 2|p1 - c|.
    v0, v1 = 2 * np.hypot(*(c - p0).T), 2 * np.hypot(*(p1 - c).T)
    ta, tip_t = r0 / v0, 1 - r1 / v1
    tb = tip_t - head / v1
    keep = tb > ta
    p0, c, p1, ta, tb, tip_t, width, head_w = (
        a[keep] for a in (p0, c, p1, ta, tb, tip_t, width, head_w))
    # The sub-curve [ta, tb]: its control point is the blossom B(ta, tb).
    q1 = ((1 - ta) * (1 - tb))[:, None] * p0 + \
        ((1 - ta) * tb + ta * (1 - tb))[:, None] * c + (ta * tb)[:, None] * p1
    verts = to_map(np.stack([bezier(p0, c, p1, ta), q1, bezier(p0, c, p1, tb)], axis=1))
    tip, base = bezier(p0, c, p1, tip_t), bezier(p0, c, p1, tb)
    u = (tip - base) / np.hypot(*(tip - base).T)[:, None]
    side = np.column_stack([-u[:, 1], u[:, 0]]) * (head_w / 2)[:, None]
    heads = to_map(np.stack([base + side, tip, base - side], axis=1))

    # 5. Draw: basemap as flows_mpl.py, then flows, heads, nodes.
    fig = plt.figure(figsize=(width_pt / 72, height_pt / 72), dpi=dpi)
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_axis_off()
    ax.set_xlim(cx - width_pt / 2 * m_per_pt, cx + width_pt / 2 * m_per_pt)
    ax.set_ylim(cy - height_pt / 2 * m_per_pt, cy + height_pt / 2 * m_per_pt)
    context = countries[~countries["iso_a2"].isin(["US", "MX"])]
    context.plot(ax=ax, color="#e3e3e1", edgecolor="#c9c9c6", linewidth=0.3)
    us[~lower48].plot(ax=ax, color="#e3e3e1", edgecolor="#c9c9c6", linewidth=0.3)
    us[lower48].plot(ax=ax, color="#eeebe4", edgecolor="#b9b1a3", linewidth=0.4)
    mx.plot(ax=ax, color="#f3ece0", edgecolor="#b9b1a3", linewidth=0.4)
    lakes.plot(ax=ax, color="white", linewidth=0)

    # One collection, white casing then colour per flow, widest first.
    paths = [Path(v, CURVE3) for v in verts]  # the one loop: F Path objects
    n = len(paths)
    ax.add_collection(PathCollection(
        [p for p in paths for _ in (0, 1)], facecolors="none",
        edgecolors=np.tile(np.array(["white", FLOW_COLOR], dtype=object), n),
        linewidths=np.column_stack([width + 2 * CASING_PT, width]).ravel(),
        capstyle="butt"))
    ax.add_collection(PolyCollection(heads, facecolors=FLOW_COLOR, edgecolors="none"))
    o_xy, d_xy = to_map(cl_at), to_map(dest_at[din.index])
    ax.scatter(o_xy[:, 0], o_xy[:, 1], s=(2 * r_of(cl["w"].to_numpy())) ** 2,
               c="#333333", edgecolors="white", linewidths=0.8, zorder=3)
    ax.scatter(d_xy[:, 0], d_xy[:, 1], s=(2 * r_of(din.to_numpy())) ** 2,
               c="white", edgecolors="#333333", linewidths=0.8, zorder=3)
    fig.savefig(out, dpi=dpi, facecolor="white")
    print(f"dealers={len(dealers)} clusters={len(cl)} flows={n} rows={rows}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
