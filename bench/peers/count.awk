# Peer for `ironriver aggregate`: counts rows per (column 3, column 4),
# as an awk user would (bench/run runs it with mawk -F,).
NR > 1 { c[$3 "," $4]++ }
END { for (k in c) print k "," c[k] }
