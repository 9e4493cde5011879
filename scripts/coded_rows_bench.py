#!/usr/bin/env python3
"""Throughput of coded datasets (issue 14): N GVA-style rows (default
100,000; invented, deterministic) ingested, then clustered by a first
`concord incidents --json`, each step timed. Everything goes to a
temporary directory.

    python3 scripts/coded_rows_bench.py [N] [CONCORD_BINARY]
"""

import csv
import datetime
import os
import random
import subprocess
import sys
import tempfile
import time

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
binary = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
    os.path.dirname(__file__), "..", "target", "release", "concord")
cities = [
    ("Chicago", "Illinois"), ("Houston", "Texas"), ("Philadelphia", "Pennsylvania"),
    ("Baltimore", "Maryland"), ("Memphis", "Tennessee"), ("St. Louis", "Missouri"),
    ("New Orleans", "Louisiana"), ("Detroit", "Michigan"), ("Atlanta", "Georgia"),
    ("Cleveland", "Ohio"), ("Milwaukee", "Wisconsin"), ("Jacksonville", "Florida"),
    ("Indianapolis", "Indiana"), ("Columbus", "Ohio"), ("Dallas", "Texas"),
    ("Los Angeles", "California"), ("Oakland", "California"), ("Newark", "New Jersey"),
    ("Birmingham", "Alabama"), ("Kansas City", "Missouri"), ("Cook County", "Illinois"),
]
random.seed(14)
work = tempfile.mkdtemp(prefix="coded_bench_")
path = os.path.join(work, "rows.csv")
start_day = datetime.date(2014, 1, 1)
with open(path, "w", newline="") as out:
    writer = csv.writer(out)
    writer.writerow(["incident_id", "date", "state", "city_or_county", "address",
                     "n_killed", "n_injured", "latitude", "longitude", "notes"])
    for n in range(rows):
        city, state = random.choice(cities)
        day = start_day + datetime.timedelta(days=random.randrange(4 * 365))
        writer.writerow([1_000_000 + n, day.isoformat(), state, city,
                         f"{random.randrange(1, 9999)} Main St", random.randrange(0, 3),
                         random.randrange(0, 5), "", "", ""])
size = os.path.getsize(path)
env = dict(os.environ, CONCORD_NOW="2024-02-01T12:00:00Z")
env.pop("CONCORD_DB", None)
db = os.path.join(work, "db")
t0 = time.time()
ingest = subprocess.run([binary, "--db", db, "ingest", "--dataset", "gva", path],
                        env=env, capture_output=True, text=True)
t1 = time.time()
incidents = subprocess.run([binary, "--db", db, "incidents", "--json"],
                           env=env, capture_output=True, text=True)
t2 = time.time()
print(ingest.stdout.splitlines()[0], "|", ingest.stderr[:200])
print(f"rows {rows}, file {size / 1e6:.1f} MB")
print(f"ingest {t1 - t0:.1f} s, first incidents (extract + cluster) {t2 - t1:.1f} s, "
      f"total {t2 - t0:.1f} s, incidents {len(incidents.stdout.splitlines())}")
print(f"(work directory {work})")
