//! Issue 11: every place a view shows carries where it is, and no view puts
//! an incident at 0, 0 (a spot in the Gulf of Guinea). A country-wide
//! incident is at its country's middle; an incident of no known place has
//! no point: `null` in JSON, empty CSV cells, a GeoJSON feature with a
//! null geometry, "no point" in the text views.
//!
//! The reports are invented, in this file's own words.

mod common;

use common::{concord, stdout_of, write};

/// A strike the report places only in its country.
const COUNTRY_WIDE_STRIKE: &str = "---
id: lagos-wire-2023-06-05-strike
outlet: Lagos Wire
published: 2023-06-05
title: Nurses walk out across Nigeria over unpaid allowances
---
Nurses in public hospitals across Nigeria stopped work on Monday, their union said, demanding allowances that have gone unpaid for eight months. The union said more than 20,000 members had joined the strike.
";

/// A report that names no place at all.
const NOWHERE_NAMED: &str = "---
id: nowhere-gazette-2023-06-05-march
outlet: Nowhere Gazette
published: 2023-06-05
title: Marchers demand an inquiry
---
About 300 people marched on Monday to demand an inquiry into the death of a teenager in police custody, organisers said.
";

fn database_of_two_reports() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write(&corpus, "strike.md", COUNTRY_WIDE_STRIKE);
    write(&corpus, "march.md", NOWHERE_NAMED);
    let db = dir.path().join("db");
    concord(&db).arg("ingest").arg(&corpus).assert().success();
    (dir, db)
}

fn incidents_json(db: &std::path::Path) -> Vec<serde_json::Value> {
    stdout_of(concord(db).args(["incidents", "--json"]))
        .lines()
        .map(|line| serde_json::from_str(line).expect("one incident per line"))
        .collect()
}

fn incident_at<'a>(incidents: &'a [serde_json::Value], place: &str) -> &'a serde_json::Value {
    incidents
        .iter()
        .find(|incident| incident["place"]["name"] == place)
        .unwrap_or_else(|| panic!("no incident at {place}: {incidents:#?}"))
}

#[test]
fn a_country_wide_incident_is_at_its_countrys_middle_and_an_unplaced_one_nowhere() {
    let (_dir, db) = database_of_two_reports();
    let incidents = incidents_json(&db);
    let nigeria = &incident_at(&incidents, "Nigeria")["place"];
    let (lat, lon) = (
        nigeria["lat"].as_f64().unwrap(),
        nigeria["lon"].as_f64().unwrap(),
    );
    assert!(
        (4.0..14.0).contains(&lat) && (2.0..15.0).contains(&lon),
        "{nigeria}"
    );
    let unknown = &incident_at(&incidents, "unknown place")["place"];
    assert!(
        unknown["lat"].is_null() && unknown["lon"].is_null(),
        "{unknown}"
    );

    let show = |place: &str| {
        let id = incident_at(&incidents, place)["id"]
            .as_str()
            .unwrap()
            .to_string();
        stdout_of(concord(&db).args(["show", &id]))
    };
    let nigeria_shown = show("Nigeria");
    assert!(
        nigeria_shown.contains(": the country's middle)"),
        "{nigeria_shown}"
    );
    let unknown_shown = show("unknown place");
    assert!(
        unknown_shown.contains("unknown place (no point)"),
        "{unknown_shown}"
    );
    assert!(!unknown_shown.contains("0.0000, 0.0000"), "{unknown_shown}");
}

#[test]
fn exports_leave_an_unplaced_incident_off_the_map_and_never_at_zero_zero() {
    let (_dir, db) = database_of_two_reports();
    let geojson: serde_json::Value = serde_json::from_str(&stdout_of(
        concord(&db).args(["export", "--format", "geojson"]),
    ))
    .expect("GeoJSON");
    let features = geojson["features"].as_array().expect("features");
    let geometry_of = |place: &str| {
        features
            .iter()
            .find(|feature| feature["properties"]["place"] == place)
            .unwrap_or_else(|| panic!("no feature at {place}: {geojson:#}"))["geometry"]
            .clone()
    };
    assert!(geometry_of("unknown place").is_null());
    let nigeria = geometry_of("Nigeria");
    assert_eq!(nigeria["type"], "Point");
    let [lon, lat] = [0, 1].map(|i| nigeria["coordinates"][i].as_f64().unwrap());
    assert!(
        (4.0..14.0).contains(&lat) && (2.0..15.0).contains(&lon),
        "{nigeria}"
    );

    let csv = stdout_of(concord(&db).args(["export", "--format", "csv"]));
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let header = rows.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (place, lat, lon) = (column("locality"), column("lat"), column("lon"));
    let mut seen = 0;
    for row in rows.records() {
        let row = row.unwrap();
        match &row[place] {
            "unknown place" => assert_eq!((&row[lat], &row[lon]), ("", "")),
            "Nigeria" => assert!(row[lat].parse::<f64>().unwrap() > 4.0, "{row:?}"),
            other => panic!("an incident at {other}: {csv}"),
        }
        seen += 1;
    }
    assert_eq!(seen, 2, "{csv}");
}

#[test]
fn extract_json_gives_a_country_as_main_place_its_middle() {
    let dir = tempfile::tempdir().unwrap();
    let report = write(dir.path(), "strike.md", COUNTRY_WIDE_STRIKE);
    let output = stdout_of(
        concord(&dir.path().join("db"))
            .args(["extract", "--json"])
            .arg(&report),
    );
    let extraction: serde_json::Value = serde_json::from_str(output.trim()).expect("JSON");
    let place = &extraction["main"]["place_detail"];
    assert_eq!(place["name"], "Nigeria", "{extraction:#}");
    let lat = place["lat"].as_f64().expect("a country's middle");
    assert!((4.0..14.0).contains(&lat), "{place}");
}
