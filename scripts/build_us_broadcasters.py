#!/usr/bin/env python3
"""Builds data/us_broadcasters.tsv: US television stations' call signs with
the GeoNames id of their city of license, so that a report from
"wsbtv.com" or "ksla.com" is known to come from Atlanta or Shreveport.

Recipe (deterministic: same inputs, byte-identical output):

    python3 scripts/build_us_broadcasters.py FCC_PARAMETERS.csv \\
        data/gazetteer.tsv > data/us_broadcasters.tsv

Source: the Federal Communications Commission's technical parameters of
every full-power and Class A television station, the table it published
for the 2016-2017 incentive auction's repacking (columns FacID, Site,
Call, Ch, PC, City, St, ...; a work of the US government, in the public
domain). The copy read in session 35 was the pre-auction table kept in
the public repository uhgall/thrml-tv (input/fcc-pre-auction/
post_auction_parameters.csv), 2,073 stations. Only the call sign, the city
of license and its state are used.

A city of license is matched to the gazetteer's US cities of that state by
name or alternate name, the most populous on ties; the part before a slash
or hyphen when the FCC names two ("TUSCALOOSA/NORTHPORT"). Stations whose
city the gazetteer lacks are left out (counted on stderr). Call signs are
written lowercase without the service suffix ("WSB-TV" -> "wsb"); when two
stations share a call sign so written, a full-power one ("-TV", "-DT" or
none) comes before a Class A or low-power one ("-CD", "-CA", "-LD", "-LP").
"""

import csv
import re
import sys
import unicodedata

FULL_POWER_SUFFIXES = {"", "tv", "dt"}
SAINT = re.compile(r"^(st|ste)\.? ")


def fold(name):
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c)).lower()
    name = SAINT.sub("saint ", name)
    return re.sub(r"[^a-z0-9 ]", "", name).strip()


def us_cities(gazetteer_path):
    """(state code, folded name) -> (population, geonames id, name)."""
    cities = {}
    with open(gazetteer_path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 10 or cols[0] != "city" or cols[3] != "US":
                continue
            geonames_id, name, state = int(cols[1]), cols[2], cols[4]
            population = int(cols[7] or 0)
            names = [name] + [a.lstrip("~") for a in cols[9].split("|") if a]
            for alias in names:
                key = (state, fold(alias))
                best = cities.get(key)
                if best is None or (population, -geonames_id) > (best[0], -best[1]):
                    cities[key] = (population, geonames_id, name)
    return cities


def main(parameters_path, gazetteer_path):
    cities = us_cities(gazetteer_path)
    stations = {}
    missing = 0
    with open(parameters_path, encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            call = row["Call"].strip().lower()
            base, _, suffix = call.partition("-")
            if not re.fullmatch(r"[kw][a-z]{2,3}", base):
                continue  # translators ("K13XD-D") are never a domain
            state = row["St"].strip().upper()
            found = None
            for part in re.split(r"[/-]", row["City"]):
                found = cities.get((state, fold(part)))
                if found:
                    break
            if not found:
                missing += 1
                continue
            rank = 0 if suffix in FULL_POWER_SUFFIXES else 1
            entry = (rank, found[1], found[2], state)
            if base not in stations or entry < stations[base]:
                stations[base] = entry
    print("# US television stations: call sign (lowercase, no service suffix), the GeoNames id")
    print("# of the city of license, its name and state. Facts from the FCC's station table")
    print("# (public domain), cities from data/gazetteer.tsv (GeoNames, CC-BY 4.0); built by")
    print("# scripts/build_us_broadcasters.py. See docs/gazetteer.md.")
    print("# call_sign\tgeonames_id\tcity\tstate")
    for base in sorted(stations):
        _, geonames_id, name, state = stations[base]
        print(f"{base}\t{geonames_id}\t{name}\t{state}")
    print(f"{len(stations)} call signs, {missing} stations' cities not in the gazetteer",
          file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
