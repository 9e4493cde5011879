#!/usr/bin/env python3
"""Writes data/word_frequency.tsv: how common each of the 50,000 most
frequent English words is, from the `wordfreq` package (data CC-BY-SA 4.0,
Robyn Speer and contributors; code Apache-2.0).

concord reads it at build time (include_str!) for two jobs:
- extraction: a capitalised word that is also a common English word
  ("Street", "Side", "Reading", "Mobile") needs more than its spelling to be
  read as a place;
- clustering: the rarity of a term (how much sharing it says) without a
  corpus-wide document count, so a pair's score stays a pure function of
  the two reports and an incremental update equals a rebuild.

Usage: pip install wordfreq==3.1.1 && python3 scripts/build_word_frequency.py
Each line: word, tab, Zipf frequency times 100 (log10 of occurrences per
billion words, times 100: "the" is 774, "almaty" 255).
"""
import re
import sys

import wordfreq

COUNT = 50_000
out_path = sys.argv[1] if len(sys.argv) > 1 else "data/word_frequency.tsv"
word_shape = re.compile(r"^[a-z][a-z']*$")
rows = []
for word in wordfreq.top_n_list("en", COUNT * 2):
    if not word_shape.match(word):
        continue
    rows.append((word, round(wordfreq.zipf_frequency(word, "en") * 100)))
    if len(rows) == COUNT:
        break
with open(out_path, "w", encoding="utf-8") as out:
    out.write("# English word frequencies from wordfreq 3.1.1 (CC-BY-SA 4.0, Robyn Speer et al.);\n")
    out.write("# built by scripts/build_word_frequency.py. word<TAB>zipf*100\n")
    for word, zipf in rows:
        out.write(f"{word}\t{zipf}\n")
print(f"{len(rows)} words -> {out_path}")
