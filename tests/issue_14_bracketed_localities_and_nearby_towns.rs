//! Issue 14 (coded rows merged with the news), session 26: two patterns
//! behind gva_dev articles that did not join their incident's row.
//!
//! - The Gun Violence Archive writes a locality as "City (Place)": the
//!   postal city, and in brackets the town or neighbourhood where the
//!   shooting happened. Read whole, no gazetteer name matched, and the row
//!   fell back on its state, a point in the middle of nowhere.
//! - A row's town and the city an article names can differ by a suburb (a
//!   row in Cleveland Heights, an article that says Cleveland): nothing
//!   made such a pair a candidate, so it was never scored, however well
//!   day, kind and figures agreed.
//!
//! The rows and articles are invented, in our own words.

mod common;

use std::path::Path;

use common::{concord, stdout_of, write};
use serde_json::Value;

const ROWS: &str = "\
incident_id,date,state,city_or_county,n_killed,n_injured
9001,2024-04-13,Illinois,Chicago (Oak Park),0,2
9002,2024-04-20,Louisiana,New Orleans (Lower Nine Backstreets),1,0
9003,2024-04-27,Ohio,Cleveland (Cleveland Heights),0,1
9004,2024-05-04,Virginia,Lunenburg County (county),1,0
";

/// A report of a shooting in Cleveland, 12 km from Cleveland Heights, the
/// day the third row records; one in Columbus, 200 km away, the same day.
const ARTICLES: &str = r#"{"id": "cleveland-wounded", "outlet": "Lakeshore Daily", "published": "2024-04-28", "title": "Man wounded in Saturday shooting", "text": "A 31-year-old man was wounded Saturday night when shots were fired outside a bar in Cleveland, police said. He was taken to a hospital in stable condition. No arrest has been made."}
{"id": "columbus-wounded", "outlet": "Capital Ledger", "published": "2024-04-28", "title": "Teen hurt by stray bullet", "text": "A 16-year-old girl was hurt Saturday afternoon by a stray bullet while walking home in Columbus, police said. Detectives are looking for a silver sedan."}
"#;

/// The rows, after the articles when `with_articles` (an incident's place
/// is its members' most named, so the rows' own places show alone).
fn store(dir: &Path, with_articles: bool) -> std::path::PathBuf {
    let db = dir.join("db");
    if with_articles {
        let articles = write(dir, "articles.jsonl", ARTICLES);
        let output = concord(&db)
            .arg("ingest")
            .arg(&articles)
            .output()
            .expect("concord runs");
        assert!(output.status.success(), "{output:?}");
    }
    let rows = write(dir, "gva.csv", ROWS);
    let output = concord(&db)
        .args(["ingest", "--dataset", "gva"])
        .arg(&rows)
        .output()
        .expect("concord runs");
    assert!(output.status.success(), "{output:?}");
    db
}

fn incidents(db: &Path) -> Vec<Value> {
    stdout_of(concord(db).args(["incidents", "--json"]))
        .lines()
        .map(|line| serde_json::from_str(line).expect("incident JSON"))
        .filter(|incident: &Value| incident["level"] == "incident")
        .collect()
}

/// The incident holding the GVA row with this coded id.
fn incident_of_row<'a>(incidents: &'a [Value], id: &str) -> &'a Value {
    incidents
        .iter()
        .find(|incident| {
            incident["coded"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|coded| coded["id"] == id)
        })
        .unwrap_or_else(|| panic!("no incident holds row {id}"))
}

fn holds(incident: &Value, report: &str) -> bool {
    incident["reports"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r == report)
}

#[test]
fn issue_14_a_bracketed_town_the_gazetteer_knows_is_the_rows_place() {
    let dir = tempfile::tempdir().unwrap();
    let all = incidents(&store(dir.path(), false));
    assert_eq!(
        incident_of_row(&all, "9001")["place"]["name"],
        "Oak Park",
        "the bracketed town, not Chicago nor the state"
    );
    assert_eq!(
        incident_of_row(&all, "9003")["place"]["name"],
        "Cleveland Heights"
    );
}

#[test]
fn issue_14_a_bracketed_neighbourhood_the_gazetteer_lacks_leaves_the_city() {
    let dir = tempfile::tempdir().unwrap();
    let all = incidents(&store(dir.path(), false));
    let place = &incident_of_row(&all, "9002")["place"];
    assert_eq!(place["name"], "New Orleans", "not the state: {place}");
    assert_eq!(place["level"], "city");
}

#[test]
fn issue_14_a_county_written_twice_is_still_a_county() {
    // "Lunenburg County (county)": the county word and the archive's
    // bracket both; the row is the county's biggest town, not Virginia.
    let dir = tempfile::tempdir().unwrap();
    let all = incidents(&store(dir.path(), false));
    let place = &incident_of_row(&all, "9004")["place"];
    assert_eq!(place["level"], "city", "{place}");
    assert_ne!(place["name"], "Virginia");
}

#[test]
fn issue_14_a_row_joins_the_article_of_the_next_town_and_not_one_far_off() {
    let dir = tempfile::tempdir().unwrap();
    let db = store(dir.path(), true);
    let all = incidents(&db);
    let row = incident_of_row(&all, "9003");
    assert!(
        holds(row, "cleveland-wounded"),
        "the Cleveland article joins the Cleveland Heights row: {row}"
    );
    assert!(
        !holds(row, "columbus-wounded"),
        "Columbus is 200 km away: {row}"
    );
    // `explain` shows why: a nearby place, compared because it is near.
    let explained = stdout_of(concord(&db).args(["explain", "gva:9003", "cleveland-wounded"]));
    assert!(
        explained.contains("place_nearby_different") && !explained.contains("not a candidate"),
        "{explained}"
    );
}
