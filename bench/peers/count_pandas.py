"""Peer for `ironriver aggregate`: rows per (purchase state, recovery
state) with pandas, reading only the two columns it needs."""
import sys

import pandas as pd

frame = pd.read_csv(sys.argv[1], usecols=["purchase_state", "recovery_state"])
counts = frame.groupby(["purchase_state", "recovery_state"]).size()
counts.to_csv(sys.stdout)
