#!/bin/sh
# seeds.sh OUT: the seed corpus of every harness, from the project's own
# files (tests/data, data/, data/figures) and fuzz/seed_layer, one folder
# per harness under OUT.  Each trace and table seed starts with the byte
# that chooses the harness's options.
set -eu
out=$1
mkdir -p "$out/layer" "$out/trace" "$out/od" "$out/spec" "$out/tables"
"$(dirname "$0")/../build-fuzz/seed_layer" "$out/layer"
i=0
for f in tests/data/*.csv data/channels-2022-2023.csv data/purchase-states-2015-2023.csv \
         data/cities-2015-2022.csv; do
  for flag in 0 3 4 9; do
    i=$((i + 1))
    { printf "\\$(printf '%03o' "$flag")"; head -c 3000 "$f"; } > "$out/trace/seed-$i"
  done
done
printf '\000year;origin;destination;count\n2019;Tex.;Tamps.;1.200\n2020;"Calif.";B.C.;"2,5"\n' \
  > "$out/trace/semicolon"
printf 'Texas,Tamaulipas,1191\nArizona,Sonora,1618\nUS-TX,MX-NLE,"1,158"\n' > "$out/od/seed-1"
printf 'TX,TAM,1 200\n48,28,3\n' > "$out/od/seed-2"
i=0
for f in data/figures/*.ini; do
  i=$((i + 1))
  cp "$f" "$out/spec/seed-$i"
done
printf 'input = t.csv\noutput = p.png\n[panel a]\ntitle = A\nwhere = year=2019\n[panel b]\nyears = 2020-2021\n' \
  > "$out/spec/panels"
{ printf '\000'; cat data/cities-places.csv; } > "$out/tables/places"
{ printf '\001'; cat data/seizures-2019-2024.csv; } > "$out/tables/fill"
{ printf '\002'; head -c 4000 data/ports-of-entry.csv; } > "$out/tables/crossings"
{ printf '\003'; cat data/totals-2022-2023.csv; } > "$out/tables/totals"
