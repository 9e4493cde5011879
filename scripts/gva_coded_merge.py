#!/usr/bin/env python3
"""Issue 14: the Gun Violence Archive's facts merged with the news, scored.

Writes gva_dev's incidents (date, city_or_county, state, n_killed,
n_injured, from gva_dev.gold.json) as a GVA-style CSV in a temporary
directory, ingests the articles and the CSV into a temporary database, and
scores:
- the join rate: articles whose place-day incident holds their incident's
  row (any incident of the article, and its primary incident from
  `concord reports --json`);
- agreement: for incidents holding a row and article claims of a metric,
  whether the row's count lies inside the hull of the articles' claims.

Nothing is written inside the repository (the CSV and the texts are
development data and stay in /tmp).

    python3 scripts/gva_coded_merge.py [REALNEWS_DIR] [CONCORD_BINARY]
"""

import csv
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time

realnews = sys.argv[1] if len(sys.argv) > 1 else "/work/main/target/realnews"
binary = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
    os.path.dirname(__file__), "..", "target", "release", "concord")

gold = json.load(open(os.path.join(realnews, "gva_dev.gold.json")))
work = tempfile.mkdtemp(prefix="gva_coded_")
csv_path = os.path.join(work, "gva_dev_coded.csv")
with open(csv_path, "w", newline="") as out:
    writer = csv.writer(out)
    writer.writerow(["incident_id", "date", "state", "city_or_county", "n_killed", "n_injured"])
    for incident_id, facts in sorted(gold["incidents"].items()):
        if not facts:
            # The archive page gave no facts for this incident: no row.
            continue
        date = datetime.datetime.strptime(facts["date"], "%B %d, %Y").date().isoformat()
        writer.writerow([incident_id, date, facts["state"], facts["city"],
                         facts["killed"], facts["injured"]])

db = os.path.join(work, "db")
env = dict(os.environ, CONCORD_NOW="2024-02-01T12:00:00Z")
env.pop("CONCORD_DB", None)


def concord(*args):
    return subprocess.run([binary, "--db", db, *args], env=env, check=False,
                          capture_output=True, text=True)


started = time.time()
concord("ingest", os.path.join(realnews, "gva_dev.jsonl"))
ingest = concord("ingest", "--dataset", "gva", csv_path)
print(ingest.stdout.splitlines()[0] if ingest.stdout else ingest.stderr[:500])
incidents = [json.loads(line) for line in concord("incidents", "--json").stdout.splitlines()]
reports = [json.loads(line) for line in concord("reports", "--json").stdout.splitlines()]
elapsed = time.time() - started

with_row = {i for i, facts in gold["incidents"].items() if facts}
by_report = {}
for incident in incidents:
    if incident["level"] != "incident":
        continue
    for report in incident["reports"]:
        by_report.setdefault(report, []).append(incident)
by_id = {incident["id"]: incident for incident in incidents}

doc_incident = gold["doc_incident"]
joined_any = joined_primary = 0
primary_of = {}
for row in reports:
    primary_of[row.get("id")] = row.get("primary_incident")
for article, incident_id in doc_incident.items():
    if incident_id not in with_row:
        continue
    want = f"gva:{incident_id}"
    if any(want in incident["reports"] for incident in by_report.get(article, [])):
        joined_any += 1
    primary = by_id.get(primary_of.get(article) or "")
    if primary is not None and want in primary["reports"]:
        joined_primary += 1

agree = {"killed": [0, 0], "injured": [0, 0]}
rows_with_articles = 0
for incident in incidents:
    if incident["level"] != "incident" or not incident.get("coded"):
        continue
    articles = [r for r in incident["reports"] if not r.startswith("gva:")]
    if articles:
        rows_with_articles += 1
    for metric in agree:
        figures = incident["figures"].get(metric)
        if not figures:
            continue
        coded = [c for c in figures["claims"] if c.get("coded")]
        texts = [c for c in figures["claims"] if not c.get("coded")]
        if not coded or not texts:
            continue
        low = min(c["lo"] for c in texts)
        high = max((c["hi"] if c["hi"] is not None else 10**9) for c in texts)
        for claim in coded:
            agree[metric][1] += 1
            if low <= claim["value"] <= high:
                agree[metric][0] += 1

articles = sum(1 for i in doc_incident.values() if i in with_row)
print(f"articles {len(doc_incident)}, of which {articles} of an incident with facts (a row); "
      f"rows {len(with_row)}; seconds {elapsed:.1f}")
print(f"articles in an incident holding their row: {joined_any}/{articles} = {joined_any / articles:.3f}")
print(f"articles whose primary incident holds their row: {joined_primary}/{articles} = {joined_primary / articles:.3f}")
print(f"rows joined by at least one article: {rows_with_articles}/{len(with_row)}")
for metric, (ok, total) in agree.items():
    if total:
        print(f"{metric}: row inside the articles' range in {ok}/{total} = {ok / total:.3f}")
print(f"(work directory {work})")
