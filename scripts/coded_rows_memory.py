#!/usr/bin/env python3
"""Peak memory of `concord ingest --dataset` (issue 14): N GVA-style rows
(default 200,000; invented, deterministic) with a notes column of a few
hundred bytes, as ACLED and CCC exports have, ingested under
`/usr/bin/time -v`; prints the file's size, the wall time and the maximum
resident set size. With a third argument, the reader alone
(`examples/coded_read_memory.rs`, rows dropped as read) is measured on the
same file too. Everything goes to a temporary directory.

    python3 scripts/coded_rows_memory.py [N] [CONCORD_BINARY] [READER_EXAMPLE]
"""

import csv
import datetime
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
binary = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
    os.path.dirname(__file__), "..", "target", "release", "concord")
cities = [
    ("Chicago", "Illinois"), ("Houston", "Texas"), ("Philadelphia", "Pennsylvania"),
    ("Baltimore", "Maryland"), ("Memphis", "Tennessee"), ("St. Louis", "Missouri"),
    ("New Orleans", "Louisiana"), ("Detroit", "Michigan"), ("Atlanta", "Georgia"),
    ("Cleveland", "Ohio"), ("Milwaukee", "Wisconsin"), ("Jacksonville", "Florida"),
]
words = ("officers responded to reports of shots fired near the intersection and found "
         "two men with gunshot wounds one was taken to a hospital in critical condition "
         "police said no arrests had been made and the investigation was continuing").split()
random.seed(14)
work = tempfile.mkdtemp(prefix="coded_memory_")
path = os.path.join(work, "rows.csv")
start_day = datetime.date(2014, 1, 1)
with open(path, "w", newline="") as out:
    writer = csv.writer(out)
    writer.writerow(["incident_id", "date", "state", "city_or_county", "address",
                     "n_killed", "n_injured", "latitude", "longitude", "notes"])
    for n in range(rows):
        city, state = random.choice(cities)
        day = start_day + datetime.timedelta(days=random.randrange(4 * 365))
        notes = " ".join(random.choice(words) for _ in range(random.randrange(40, 80)))
        writer.writerow([1_000_000 + n, day.isoformat(), state, city,
                         f"{random.randrange(1, 9999)} Main St", random.randrange(0, 3),
                         random.randrange(0, 5), "", "", notes])
size = os.path.getsize(path)
env = dict(os.environ, CONCORD_NOW="2024-02-01T12:00:00Z")
env.pop("CONCORD_DB", None)
db = os.path.join(work, "db")
print(f"rows {rows}, file {size / 1e6:.1f} MB")


def measured(what, command):
    run = subprocess.run(["/usr/bin/time", "-v"] + command, env=env, capture_output=True,
                         text=True)
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", run.stderr)
    print(f"{what}: {run.stdout.splitlines()[0] if run.stdout else run.stderr[:400]}")
    print(f"{what}: wall {wall.group(1) if wall else '?'}, max RSS "
          f"{int(peak.group(1)) / 1024:.0f} MiB" if peak else f"{what}: max RSS ?")


measured("ingest", [binary, "--db", db, "ingest", "--dataset", "gva", path])
if len(sys.argv) > 3:
    measured("reader alone", [sys.argv[3], "gva", path])
shutil.rmtree(work)
