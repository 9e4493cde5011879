#!/usr/bin/env python3
"""Writes data/given_names.tsv and data/surnames.tsv: the given names and the
commonest surnames of the 1990 United States census, as redistributed by the
`names` package on PyPI (0.3.0; its census files are public domain, derived
from the Census Bureau's 1990 name frequency lists).

concord reads them at build time (include_str!) for one job: a capitalised
pair such as "Latosha Hayes" or "Marc Andrews" is a person's name when its
first word is a given name and its last a surname (or a word too rare in
English to be anything else), even with no title or age beside it. Names of
people are evidence that two articles tell one shooting (issue 12), and a
name that is a person is no town ("Marc Andrews" is not Andrews, Texas).

Usage: pip download --no-deps names==0.3.0 && tar xzf names-0.3.0.tar.gz &&
python3 scripts/build_person_names.py names-0.3.0/names
Each line: the name in lowercase. Given names: every name of the male and
female lists. Surnames: the SURNAMES commonest (the rarer ones are rare
English words too, which the word-frequency table tells).
"""
import os
import sys

SURNAMES = 20_000
source = sys.argv[1] if len(sys.argv) > 1 else "names"
out_dir = sys.argv[2] if len(sys.argv) > 2 else "data"


def names_of(path, limit=None):
    out = []
    with open(path, encoding="ascii") as f:
        for line in f:
            parts = line.split()
            if not parts:
                continue
            out.append(parts[0].lower())
            if limit and len(out) == limit:
                break
    return out


given = sorted(set(names_of(os.path.join(source, "dist.male.first"))
                   + names_of(os.path.join(source, "dist.female.first"))))
surnames = sorted(set(names_of(os.path.join(source, "dist.all.last"), SURNAMES)))
header = ("# {what} of the 1990 US census (public domain), from the `names` package\n"
          "# 0.3.0 on PyPI; built by scripts/build_person_names.py. One lowercase name a line.\n")
for file_name, what, rows in (("given_names.tsv", "Given names", given),
                              ("surnames.tsv", f"The {SURNAMES:,} commonest surnames", surnames)):
    path = os.path.join(out_dir, file_name)
    with open(path, "w", encoding="utf-8") as out:
        out.write(header.format(what=what))
        for name in rows:
            out.write(name + "\n")
    print(f"{len(rows)} names -> {path}")
