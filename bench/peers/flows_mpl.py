#!/usr/bin/python3
"""Peer for `ironriver map`: redraw the flows ironriver wrote with
--flows-csv over the same basemap, with geopandas and matplotlib.

usage: flows_mpl.py FLOWS.csv OUT.png|OUT.svg WIDTH_PX HEIGHT_PX DPI

Flows come already placed (Bezier points in map metres), so this times
basemap projection + rendering, not ironriver's layout work.
"""
import csv
import os
import sys

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")  # no display on bench machines
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import PolyCollection

LCC = ("+proj=lcc +lat_1=20 +lat_2=44 +lat_0=32 +lon_0=-100 +x_0=0 +y_0=0 "
       "+datum=WGS84 +units=m +no_defs")
SHAPES = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                      "..", "..", "shapes")
MARGIN_PT = 12
CASING_PT = 0.6
FLOW_COLOR = "#b2182b"  # ironriver's --color-by none colour
SAMPLES = 32


def shapes(name):
    return gpd.read_file(os.path.join(SHAPES, name + ".shp")).to_crs(LCC)


def band(p0, c, p1, width, m_per_pt):
    """Outline of one flow in map metres, built as ironriver's flowgeom
    does: band along the curve up to the head's base, then the head.
    The band runs from the node centres, not from the node circles'
    edges: the CSV carries no node radii."""
    hw = width / 2 * m_per_pt
    head = max(3.0, 1.5 * width) * m_per_pt
    head_w = max(3.0, 1.9 * width) * m_per_pt

    def at(t):
        t = t[:, None]
        return (1 - t) ** 2 * p0 + 2 * (1 - t) * t * c + t ** 2 * p1

    def normal(t):
        t = t[:, None]
        d = 2 * (1 - t) * (c - p0) + 2 * t * (p1 - c)
        d /= np.hypot(d[:, 0], d[:, 1])[:, None]
        return np.column_stack([-d[:, 1], d[:, 0]])

    # The head's base is `head` back from the tip along the chord, as in
    # ironriver; a dense sample is plenty to find it.
    fine = np.linspace(0, 1, 256)
    far = np.hypot(*(at(fine) - p1).T) >= head
    if not far.any() or not far[0]:
        return None  # too short for a head: ironriver skips these too
    t_base = fine[far][-1]
    t = np.linspace(0, t_base, SAMPLES)
    mid, n = at(t), normal(t)
    base, nb = mid[-1], n[-1]
    return np.vstack([mid + n * hw,
                      [base + nb * head_w / 2, p1, base - nb * head_w / 2],
                      (mid - n * hw)[::-1]])


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

    # One collection, casing then fill per flow, in file order (widest
    # first): each flow's white casing cuts the flows already drawn, and
    # its own fill covers the inner half of its casing stroke.
    polys, faces, edges, widths = [], [], [], []
    with open(flows_csv, newline="") as fp:
        for r in csv.DictReader(fp):
            p = [np.array([float(r[a]), float(r[b])])
                 for a, b in (("x0", "y0"), ("cx", "cy"), ("x1", "y1"))]
            poly = band(*p, float(r["width_pt"]), m_per_pt)
            if poly is None:
                continue
            polys += [poly, poly]
            faces += ["white", FLOW_COLOR]
            edges += ["white", "none"]
            widths += [2 * CASING_PT, 0]
    ax.add_collection(PolyCollection(polys, facecolors=faces, edgecolors=edges,
                                     linewidths=widths, joinstyle="round"))

    fig.savefig(out, dpi=dpi, facecolor="white")


if __name__ == "__main__":
    main()
