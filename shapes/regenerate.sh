#!/bin/sh
# Regenerates the committed boundary shapefiles in shapes/ from Natural Earth
# 1:10m admin-0/admin-1 (public domain) as shipped in Debian's qgis-common
# package (usr/share/qgis/resources/data/world_map.gpkg).  The package is only
# downloaded and unpacked, never installed.  Lakes come from GSHHG 2.3.7
# (LGPL-3), intermediate resolution, as shipped in Debian's gmt-gshhg-low,
# because Natural Earth's admin-1 polygons run through the Great Lakes.
# Needs ogr2ogr (gdal-bin) and gmt (gmt, gmt-gshhg-low).
#
# State records are joined to data/states.csv on their FIPS 10-4 region code
# (Natural Earth's `fips` field) so that every record carries the ISO 3166-2
# code and the English and Spanish names of the project's state table.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

cd "$work"
apt-get download qgis-common >/dev/null
dpkg -x qgis-common_*.deb pkg
src=pkg/usr/share/qgis/resources/data/world_map.gpkg
sha256sum "$src" | cut -d' ' -f1 > source.sha256

ogr2ogr -f GPKG work.gpkg "$src" states_provinces -where "adm0_a3 IN ('USA','MEX')"
ogr2ogr -update work.gpkg "$root/data/states.csv" -nln states_table

# The one Mexican polygon without a name or code is Arrecife Alacranes, a
# reef 130 km north of Progreso that belongs to the State of Yucatán: it is
# given Yucatán's FIPS 10-4 code by its position, not dropped.
states_sql() {
  cat <<SQL
SELECT CAST(s.iso AS VARCHAR(6)) AS iso_3166_2,
       CAST(s.name_en AS VARCHAR(40)) AS name,
       CAST(s.name_es AS VARCHAR(40)) AS name_es,
       CAST(s.number AS VARCHAR(2)) AS number,
       ST_Collect(p.geom) AS geom
FROM (SELECT geom, adm0_a3,
             COALESCE(NULLIF(fips, ''),
                      CASE WHEN ST_MinX(geom) > -90 AND ST_MaxX(geom) < -89.5
                            AND ST_MinY(geom) > 22.3 AND ST_MaxY(geom) < 22.7
                           THEN 'MX31' END) AS fips
      FROM states_provinces) p
JOIN states_table s ON s.fips10_4 = p.fips
WHERE p.adm0_a3 = '$1'
GROUP BY s.iso ORDER BY s.iso
SQL
}
rm -f "$here"/us-states.* "$here"/mx-states.* "$here"/countries.* "$here"/lakes.*
ogr2ogr -f "ESRI Shapefile" "$here/us-states.shp" work.gpkg -lco ENCODING=UTF-8 -lco RESIZE=YES -lco DBF_DATE_LAST_UPDATE=2023-02-03 \
  -nlt MULTIPOLYGON -nln us-states -sql "$(states_sql USA)"
ogr2ogr -f "ESRI Shapefile" "$here/mx-states.shp" work.gpkg -lco ENCODING=UTF-8 -lco RESIZE=YES -lco DBF_DATE_LAST_UPDATE=2023-02-03 \
  -nlt MULTIPOLYGON -nln mx-states -sql "$(states_sql MEX)"
# Context countries: everything within the map region, clipped to it.
ogr2ogr -f "ESRI Shapefile" "$here/countries.shp" "$src" -lco ENCODING=UTF-8 -lco RESIZE=YES -lco DBF_DATE_LAST_UPDATE=2023-02-03 \
  -nlt MULTIPOLYGON -nln countries -clipsrc -180 5 -10 84 \
  -dialect SQLite -sql "SELECT CAST(NAME AS VARCHAR(40)) AS name, CAST(iso_a2 AS VARCHAR(2)) AS iso_a2, \
    CAST(ISO_A3 AS VARCHAR(3)) AS iso_a3, geom FROM countries WHERE iso_a2 <> '-1' ORDER BY ISO_A3"
# Lakes: GSHHG level 2 (lake) shorelines of 500 km2 or more.  GMT dumps
# them cut at its storage bins; gmt connect joins the pieces, and only the
# closed rings are kept (a lake cut by the -R edge is outside the map).
gmt coast -R-135/-55/8/62 -Di -A500/2/2 -M -W 2>/dev/null |
  gmt connect -T0.001 2>/dev/null |
  awk 'function flush() {
         if (n >= 4 && xs[1] == xs[n] && ys[1] == ys[n]) {
           s = "POLYGON((";
           for (i = 1; i <= n; i++) s = s (i > 1 ? "," : "") xs[i] " " ys[i];
           print ++kept ",\"" s "))\"";
         }
         n = 0
       }
       BEGIN { print "id,WKT" }
       /^>/ { flush(); next }
       { n++; xs[n] = $1; ys[n] = $2 }
       END { flush() }' > lakes.csv
ogr2ogr -f "ESRI Shapefile" "$here/lakes.shp" lakes.csv -a_srs EPSG:4326 \
  -lco ENCODING=UTF-8 -lco RESIZE=YES -lco DBF_DATE_LAST_UPDATE=2023-02-03 \
  -nlt POLYGON -nln lakes -oo KEEP_GEOM_COLUMNS=NO \
  -dialect SQLite -sql "SELECT CAST(id AS INTEGER) AS id, \
    CAST(ROUND(ST_Area(SetSRID(geometry, 4326), 1) / 1e6) AS INTEGER) AS area_km2, \
    geometry FROM lakes ORDER BY id"
gmt_version=$(gmt --version)

echo "source world_map.gpkg sha256 $(cat source.sha256)"
echo "gmt $gmt_version, GSHHG $(dpkg-query -W -f='${Version}' gmt-gshhg-low)"
for f in us-states mx-states countries lakes; do
  printf '%s: %s records\n' "$f" "$(ogrinfo -so -al "$here/$f.shp" | sed -n 's/^Feature Count: //p')"
done
cd "$here"
sha256sum *.shp *.shx *.dbf *.prj *.cpg > SHA256SUMS
echo "wrote $here/SHA256SUMS; update the table in shapes/README.md to match"
