#!/usr/bin/python3
"""Peer for `ironriver map`: redraw the flows ironriver wrote with
--flows-csv over the same basemap, with geopandas and matplotlib.

usage: flows_mpl.py FLOWS.csv OUT.png|OUT.svg WIDTH_PX HEIGHT_PX DPI

Flows come already placed (Bezier points in map metres), so this times
basemap projection + rendering, not ironriver's layout work.  Drawn the
way a matplotlib user would draw many flows fast: all curves as one
PathCollection of stroked quadratic Beziers (line widths in points), all
arrowheads as one PolyCollection, geometry built with numpy, no casing.
"""
import os
import sys

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
MARGIN_PT = 12
FLOW_COLOR = "#b2182b"  # ironriver's --color-by none colour
CURVE3 = np.array([Path.MOVETO, Path.CURVE3, Path.CURVE3], dtype=Path.code_type)


def shapes(name):
    return gpd.read_file(os.path.join(SHAPES, name + ".shp")).to_crs(LCC)


def bezier(p0, c, p1, t):
    t = t[:, None]
    return (1 - t) ** 2 * p0 + 2 * (1 - t) * t * c + t ** 2 * p1


def flow_geometry(f, m_per_pt):
    """All flows at once, in map metres: each curve cut at its head's
    base (3 Bezier points a flow) and each head (3 corners a flow), plus
    the line widths in points.  The head's base is 1.5 widths (3 pt at
    least) back from the tip, found from the end speed |B'(1)| = 2|p1 - c|
    and one correction along the chord; it is 1.9 widths (3 pt) wide and
    square to the curve's end tangent.  The curve runs from the node
    centre (the CSV has no node radii)."""
    width = f["width_pt"].to_numpy()
    p0, c, p1 = (f[[x, y]].to_numpy() for x, y in
                 (("x0", "y0"), ("cx", "cy"), ("x1", "y1")))
    head = np.maximum(3.0, 1.5 * width) * m_per_pt
    head_w = np.maximum(3.0, 1.9 * width) * m_per_pt
    # No room for a head: ironriver skips these too.
    keep = np.hypot(*(p1 - p0).T) > head
    tb = 1 - head / np.maximum(2 * np.hypot(*(p1 - c).T), 1e-9)
    # The chord to the tip grows about linearly with 1 - t near the end:
    # one step puts the base `head` from the tip for all but sharp bends.
    d = np.hypot(*(bezier(p0, c, p1, tb) - p1).T)
    tb = np.where(d > 0, 1 - (1 - tb) * head / np.maximum(d, 1e-9), tb)
    keep &= (tb > 0) & (tb < 1)
    p0, c, p1, tb, width, head_w = (a[keep] for a in (p0, c, p1, tb, width, head_w))
    # The sub-curve [0, tb] (de Casteljau): control (1 - tb) p0 + tb c.
    q = (1 - tb)[:, None] * p0 + tb[:, None] * c
    base = bezier(p0, c, p1, tb)
    curves = np.stack([p0, q, base], axis=1)
    u = base - q  # the cut curve's end tangent
    u /= np.hypot(*u.T)[:, None]
    side = np.column_stack([-u[:, 1], u[:, 0]]) * (head_w / 2)[:, None]
    heads = np.stack([base + side, p1, base - side], axis=1)
    return curves, heads, width


def main():
    flows_csv, out = sys.argv[1], sys.argv[2]
    width_px, height_px, dpi = int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
    width_pt, height_pt = width_px * 72 / dpi, height_px * 72 / dpi

    us = shapes("us-states")
    lower48 = ~us["iso_3166_2"].isin(["US-AK", "US-HI"])
    mx = shapes("mx-states")
    countries = shapes("countries")
    lakes = shapes("lakes")

    # Fit as ironriver's frame does: the states' box, aspect kept,
    # centred in the page minus the margin.
    x0, y0, x1, y1 = np.array([us[lower48].total_bounds, mx.total_bounds]).T
    bx0, by0, bx1, by1 = x0.min(), y0.min(), x1.max(), y1.max()
    scale = min((width_pt - 2 * MARGIN_PT) / (bx1 - bx0),
                (height_pt - 2 * MARGIN_PT) / (by1 - by0))  # pt per metre
    m_per_pt = 1 / scale
    cx, cy = (bx0 + bx1) / 2, (by0 + by1) / 2

    fig = plt.figure(figsize=(width_pt / 72, height_pt / 72), dpi=dpi)
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_axis_off()
    # Limits span the whole page, so one metre is `scale` points both ways.
    ax.set_xlim(cx - width_pt / 2 * m_per_pt, cx + width_pt / 2 * m_per_pt)
    ax.set_ylim(cy - height_pt / 2 * m_per_pt, cy + height_pt / 2 * m_per_pt)

    context = countries[~countries["iso_a2"].isin(["US", "MX"])]
    context.plot(ax=ax, color="#e3e3e1", edgecolor="#c9c9c6", linewidth=0.3)
    us[~lower48].plot(ax=ax, color="#e3e3e1", edgecolor="#c9c9c6", linewidth=0.3)
    us[lower48].plot(ax=ax, color="#eeebe4", edgecolor="#b9b1a3", linewidth=0.4)
    mx.plot(ax=ax, color="#f3ece0", edgecolor="#b9b1a3", linewidth=0.4)
    lakes.plot(ax=ax, color="white", linewidth=0)

    flows = pd.read_csv(flows_csv, usecols=["width_pt", "x0", "y0", "cx", "cy",
                                            "x1", "y1"], dtype=float)
    curves, heads, width = flow_geometry(flows, m_per_pt)
    # Curves in file order (widest first), then every head on top: one
    # colour, so the order of curves and heads does not show.
    ax.add_collection(PathCollection(
        [Path(v, CURVE3) for v in curves],  # the one loop: a Path per flow
        facecolors="none", edgecolors=FLOW_COLOR, linewidths=width,
        capstyle="butt"), autolim=False)
    ax.add_collection(PolyCollection(heads, facecolors=FLOW_COLOR,
                                     edgecolors="none"), autolim=False)

    fig.savefig(out, dpi=dpi, facecolor="white")


if __name__ == "__main__":
    main()
