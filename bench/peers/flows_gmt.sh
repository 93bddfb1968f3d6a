#!/bin/sh
# Peer for `ironriver map`: redraw the flows ironriver wrote with
# --flows-csv over the same shapefiles, with GMT (modern mode) and awk.
#
# usage: flows_gmt.sh FLOWS.csv OUT.png|OUT.pdf WIDTH_PX HEIGHT_PX DPI
#
# Flows come already placed (Bezier points in map metres), so this times
# basemap projection + rendering, not ironriver's layout work.
set -eu

flows=$1 out=$2 wpx=$3 hpx=$4 dpi=$5
here=$(cd "$(dirname "$0")" && pwd)
shapes=$here/../../shapes
case $out in
*.png) fmt=png ;;
*.pdf) fmt=pdf ;;
*) echo "flows_gmt.sh: OUT must end in .png or .pdf" >&2; exit 2 ;;
esac
out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")

work=$(mktemp -d)
# Clean up also when killed (bench/run's timeout sends TERM): the flow
# text and GMT's session are about 60 MB at 100,000 flows.
trap 'rm -rf "$work"' EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
cd "$work"
export GMT_SESSION_NAME=$$ # concurrent runs must not share a session
export GMT_USERDIR=$work   # the session directory goes in $work/sessions

lcc='+proj=lcc +lat_1=20 +lat_2=44 +lat_0=32 +lon_0=-100 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs'
wpt=$(echo "$wpx $dpi" | awk '{ print $1 * 72 / $2 }')
hpt=$(echo "$hpx $dpi" | awk '{ print $1 * 72 / $2 }')

# Alaska and Hawaii only count as context (as in ironriver), and only the
# other states set the fit, so split them out once with GDAL.
ogr2ogr -f OGR_GMT lower48.gmt "$shapes/us-states.shp" \
    -where "iso_3166_2 NOT IN ('US-AK','US-HI')"
ogr2ogr -f OGR_GMT akhi.gmt "$shapes/us-states.shp" \
    -where "iso_3166_2 IN ('US-AK','US-HI')"
ogr2ogr -f OGR_GMT context.gmt "$shapes/countries.shp" \
    -where "iso_a2 NOT IN ('US','MX')"

# Fit as ironriver's frame does: the projected box of the states' vertices,
# aspect kept, centred in the page minus a 12 pt margin. The result is the
# whole page's extent in map metres and the metres per point.
eval "$(
    { ogr2ogr -f OGR_GMT -t_srs "$lcc" /vsistdout/ lower48.gmt
      ogr2ogr -f OGR_GMT -t_srs "$lcc" /vsistdout/ "$shapes/mx-states.shp"; } |
    awk -v w="$wpt" -v h="$hpt" '
        /^[#>]/ || NF < 2 { next }
        !n++ { x0 = x1 = $1; y0 = y1 = $2 }
        { if ($1 < x0) x0 = $1; if ($1 > x1) x1 = $1
          if ($2 < y0) y0 = $2; if ($2 > y1) y1 = $2 }
        END {
            s = (w - 24) / (x1 - x0); if ((h - 24) / (y1 - y0) < s) s = (h - 24) / (y1 - y0)
            cx = (x0 + x1) / 2; cy = (y0 + y1) / 2
            printf "mpp=%.10g\nxmin=%.3f\nxmax=%.3f\nymin=%.3f\nymax=%.3f\n", 1 / s,
                cx - w / 2 / s, cx + w / 2 / s, cy - h / 2 / s, cy + h / 2 / s
        }')"

# The flows as a GMT user draws many lines fast: the curves as stroked
# lines in one multi-segment file, each segment's pen (its own width) in
# its header, and all the arrowheads as filled polygons in one more file. Each curve is 16
# points of the quadratic Bezier from the node centre (the CSV has no
# radii) to the head's base. The base is 1.5 widths (3 pt at least) back
# from the tip: from the end speed |B'(1)| = 2|p1 - c|, then one step
# along the chord, as flows_mpl.py does. The head is 1.9 widths (3 pt)
# wide, square to the curve's end tangent. No casing.
awk -F, -v mpp="$mpp" '
    function bx(t) { return (1-t)^2*X0 + 2*(1-t)*t*CX + t^2*X1 }
    function by(t) { return (1-t)^2*Y0 + 2*(1-t)*t*CY + t^2*Y1 }
    NR == 1 { next }
    {
        w = $4; X0 = $5; Y0 = $6; CX = $7; CY = $8; X1 = $9; Y1 = $10
        head = (1.5 * w > 3 ? 1.5 * w : 3) * mpp
        headw = (1.9 * w > 3 ? 1.9 * w : 3) * mpp
        if ((X1-X0)^2 + (Y1-Y0)^2 <= head^2) next   # no room for a head
        v = 2 * sqrt((X1-CX)^2 + (Y1-CY)^2)
        tb = 1 - head / (v > 0 ? v : 1e-9)
        d = sqrt((bx(tb)-X1)^2 + (by(tb)-Y1)^2)
        if (d > 0) tb = 1 - (1 - tb) * head / d
        if (tb <= 0 || tb >= 1) next
        f = "flows.txt"
        printf "> -W%.3fp,#b2182b\n", w > f
        for (i = 0; i < 16; i++) {
            t = tb * i / 15
            printf "%.0f\t%.0f\n", bx(t), by(t) > f
        }
        # End tangent at tb, and the head square to it.
        dx = (1-tb)*(CX-X0) + tb*(X1-CX); dy = (1-tb)*(CY-Y0) + tb*(Y1-CY)
        l = sqrt(dx*dx + dy*dy); nx = -dy / l * headw / 2; ny = dx / l * headw / 2
        bxb = bx(tb); byb = by(tb)
        printf ">\n%.0f\t%.0f\n%.0f\t%.0f\n%.0f\t%.0f\n", bxb + nx, byb + ny, X1, Y1, bxb - nx, byb - ny > "heads.txt"
    }' "$flows"
touch flows.txt heads.txt

gmt begin fig "$fmt" E"$dpi"
    gmt set PS_MEDIA "${wpt}px${hpt}p" PS_LINE_JOIN round
    # The region is the page in projected metres (+ue), so the map is the
    # page, and PS_MEDIA keeps the output at the page's size even where
    # its edges stay white.
    proj="-JL-100/32/20/44/${wpt}p -R$xmin/$xmax/$ymin/$ymax+ue -X0 -Y0"
    gmt plot context.gmt $proj -G#e3e3e1 -W0.3p,#c9c9c6
    gmt plot akhi.gmt $proj -G#e3e3e1 -W0.3p,#c9c9c6
    gmt plot lower48.gmt $proj -G#eeebe4 -W0.4p,#b9b1a3
    gmt plot "$shapes/mx-states.shp" $proj -G#f3ece0 -W0.4p,#b9b1a3
    gmt plot "$shapes/lakes.shp" $proj -Gwhite
    # Flows are already in map metres: a linear frame over the same page.
    # Widest first, as the CSV is ordered, then the heads on top
    # (one colour, so heads over curves does not show).
    flowframe="-R$xmin/$xmax/$ymin/$ymax -JX${wpt}p/${hpt}p"
    gmt plot flows.txt $flowframe -W1p,#b2182b
    [ ! -s heads.txt ] || gmt plot heads.txt $flowframe -G#b2182b
gmt end
mv "fig.$fmt" "$out"
