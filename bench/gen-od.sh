#!/bin/sh
# gen-od.sh SEED: the full origin-destination matrix of the map benchmark,
# every conterminous U.S. state (48 and DC) to every Mexican state, with
# invented weights from 1 to 500 (a seeded linear congruential generator,
# so the same SEED gives the same bytes).  Never use it as data.
set -eu
seed=${1:-1}
awk -F, -v seed="$seed" '
  NR == 1 { next }
  $1 == $2 { next }  # the countries themselves
  $2 == "US" && $1 != "US-AK" && $1 != "US-HI" { us[nu++] = $1 }
  $2 == "MX" { mx[nm++] = $1 }
  END {
    state = seed
    print "origin,destination,weight"
    for (i = 0; i < nu; i++)
      for (j = 0; j < nm; j++) {
        state = (state * 1103515245 + 12345) % 2147483648
        print us[i] "," mx[j] "," 1 + int(state / 65536) % 500
      }
  }' "$(dirname "$0")/../data/states.csv"
