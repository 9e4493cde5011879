//! Issue 14, parts 3 to 5: coded event datasets (CSV rows whose claims come
//! from columns) merged with the news.
//!
//! Fixtures (tests/fixtures/issue_14/), invented rows with the datasets'
//! real column names:
//! - `acled_style.csv`: two ACLED rows for the two Almaty rallies of 22
//!   February 2020 (the Democratic Party's and DCK's), the 1 May 2023
//!   Almaty rally, the Lagos labour march of 2 August 2023 (all in
//!   `events/`), and a Shymkent picket no article reports;
//! - `ccc_style.csv`: a Portland tenants' rally (two articles in
//!   `articles/`), a nurses' picket in Portland the same day, a rally in
//!   Eugene, and a vigil in Chicago the day after the `events/` shooting;
//! - `gva_style.csv`: the `events/` Chicago shooting;
//! - `rights_monitor.toml` + `.csv`: someone's own spreadsheet
//!   (semicolon-separated, dates day first).

mod common;

use std::path::{Path, PathBuf};

use common::{concord, stdout_of, write};
use concord::report::Report;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/issue_14")
        .join(name)
}

fn events_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("events")
}

fn ingest(db: &Path, args: &[&str], paths: &[PathBuf]) -> std::process::Output {
    let mut command = concord(db);
    command.arg("ingest").args(args).args(paths);
    command.output().expect("concord runs")
}

/// A store with `events/`, the fixture articles and every fixture dataset.
fn merged_store(dir: &Path) -> PathBuf {
    let db = dir.join("db");
    let articles = ingest(&db, &[], &[events_dir(), fixture("articles")]);
    assert!(articles.status.success(), "{articles:?}");
    for (dataset, file) in [
        ("acled", "acled_style.csv"),
        ("ccc", "ccc_style.csv"),
        ("gva", "gva_style.csv"),
    ] {
        let output = ingest(&db, &["--dataset", dataset], &[fixture(file)]);
        assert!(output.status.success(), "{dataset}: {output:?}");
    }
    let mapping = fixture("rights_monitor.toml");
    let output = ingest(
        &db,
        &["--dataset", mapping.to_str().unwrap()],
        &[fixture("rights_monitor.csv")],
    );
    assert!(output.status.success(), "{output:?}");
    db
}

fn incidents(db: &Path) -> Vec<Value> {
    stdout_of(concord(db).args(["incidents", "--json"]))
        .lines()
        .map(|line| serde_json::from_str(line).expect("incident JSON"))
        .collect()
}

/// The place-day incident holding `report`.
fn incident_of<'a>(incidents: &'a [Value], report: &str) -> &'a Value {
    incidents
        .iter()
        .filter(|incident| incident["level"] == "incident")
        .find(|incident| {
            incident["coded"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|coded| coded_report_id(coded) == report)
                || (!report.contains(':')
                    && incident["reports"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|r| r == report))
        })
        .unwrap_or_else(|| panic!("no incident holds {report}"))
}

/// The report id a coded row is stored under (the fixtures' rows are
/// named by dataset slug and coded id, or file and row).
fn coded_report_id(coded: &Value) -> String {
    let dataset = coded["dataset"].as_str().unwrap();
    let slug = dataset.to_lowercase().replace(' ', "-");
    match coded["id"].as_str() {
        Some(id) => format!("{slug}:{id}"),
        None => format!("{slug}:{}_style.csv:{}", slug, coded["row"]),
    }
}

fn articles_of(incident: &Value) -> Vec<String> {
    incident["reports"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r.as_str())
        .filter(|r| !r.contains(':'))
        .map(str::to_string)
        .collect()
}

fn coded_rows_of(incident: &Value) -> Vec<(String, u64)> {
    incident["coded"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| {
            (
                c["dataset"].as_str().unwrap().to_string(),
                c["row"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn acled_rows_join_the_articles_of_their_incident_and_not_others() {
    let dir = tempfile::tempdir().unwrap();
    let db = merged_store(dir.path());
    let all = incidents(&db);

    let lagos = incident_of(&all, "acled:NIG9001");
    assert_eq!(lagos["place"]["name"], "Lagos");
    let lagos_articles = articles_of(lagos);
    assert!(
        lagos_articles.contains(&"west-africa-monitor-2023-08-02-a".to_string())
            && lagos_articles.contains(&"global-protest-tracker-2023-08-02-a".to_string()),
        "{lagos}"
    );

    let may_day = incident_of(&all, "acled:KAZ9003");
    assert_eq!(may_day["date"], "2023-05-01");
    assert!(
        articles_of(may_day).contains(&"rights-watch-kz-2023-05-01-a".to_string()),
        "{may_day}"
    );
    // Only the 2023 articles: no other day's report joined the row.
    assert!(articles_of(may_day).iter().all(|a| a.contains("2023-05-0")));

    // The Shymkent picket of 2021 has no article, and is an incident alone.
    let shymkent = incident_of(&all, "acled:KAZ9004");
    assert!(articles_of(shymkent).is_empty(), "{shymkent}");
    assert_eq!(coded_rows_of(shymkent), vec![("ACLED".to_string(), 5)]);
}

#[test]
fn two_rows_of_one_dataset_are_never_one_incident() {
    let dir = tempfile::tempdir().unwrap();
    let db = merged_store(dir.path());
    let all = incidents(&db);
    // ACLED codes the two Almaty rallies of 22 February 2020 as two events
    // (same city, same day, both with articles that name both organizers).
    let first = incident_of(&all, "acled:KAZ9001");
    let second = incident_of(&all, "acled:KAZ9002");
    assert_ne!(first["id"], second["id"]);
    for incident in all.iter().filter(|i| i["level"] == "incident") {
        let rows = coded_rows_of(incident);
        for dataset in ["ACLED", "CCC", "GVA", "Rights Monitor"] {
            assert!(
                rows.iter().filter(|(d, _)| d == dataset).count() <= 1,
                "{} holds two {dataset} rows: {rows:?}",
                incident["id"]
            );
        }
    }
    // The nurses' picket and the tenants' rally: one city, one day, two
    // CCC rows, two incidents.
    let rally = incident_of(&all, "ccc:ccc_style.csv:1");
    let picket = incident_of(&all, "ccc:ccc_style.csv:2");
    assert_ne!(rally["id"], picket["id"]);

    // And `explain` says why.
    let explained = stdout_of(concord(&db).args(["explain", "acled:KAZ9001", "acled:KAZ9002"]));
    assert!(
        explained.contains("two rows of one dataset (ACLED rows 1 and 2) are two coded events"),
        "{explained}"
    );
}

#[test]
fn an_incident_holds_rows_of_several_datasets_and_several_articles() {
    let dir = tempfile::tempdir().unwrap();
    let db = merged_store(dir.path());
    let all = incidents(&db);
    let with_two_datasets = all.iter().find(|incident| {
        let rows = coded_rows_of(incident);
        incident["level"] == "incident"
            && rows.iter().any(|(d, _)| d == "ACLED")
            && rows.iter().any(|(d, _)| d == "Rights Monitor")
    });
    let incident =
        with_two_datasets.expect("an Almaty incident with an ACLED and a Rights Monitor row");
    assert_eq!(incident["place"]["name"], "Almaty");
    assert!(articles_of(incident).len() >= 2, "{incident}");
}

#[test]
fn ccc_rows_join_their_rally_and_not_the_shooting_next_door() {
    let dir = tempfile::tempdir().unwrap();
    let db = merged_store(dir.path());
    let all = incidents(&db);
    let rally = incident_of(&all, "ccc:ccc_style.csv:1");
    assert_eq!(rally["place"]["name"], "Portland");
    let mut articles = articles_of(rally);
    articles.sort();
    assert_eq!(
        articles,
        [
            "portland-tribune-2023-04-15-a",
            "willamette-week-2023-04-16-a"
        ]
    );
    // size_low 300 and size_high 500 bound the crowd the articles state
    // (about 400; 300 to 500), each bound naming its claim.
    let participants = &rally["figures"]["participants"];
    assert_eq!(participants["min"], 300);
    assert_eq!(participants["max"], 500);
    assert_eq!(rally["figures"]["detained"]["min"], 2);
    assert_eq!(rally["figures"]["detained"]["max"], 2);

    // The vigil the day after the Chicago shooting is another incident.
    let vigil = incident_of(&all, "ccc:ccc_style.csv:4");
    assert!(articles_of(vigil).is_empty(), "{vigil}");
    let shooting = incident_of(&all, "gva:2337001");
    assert_ne!(vigil["id"], shooting["id"]);
    // The GVA row joins both shooting articles, and its counts lie inside
    // their ranges (3 killed and 5 injured; the articles say 2 to 3, 4 to 5).
    let mut shooting_articles = articles_of(shooting);
    shooting_articles.sort();
    assert_eq!(
        shooting_articles,
        [
            "chicago-evening-dispatch-2022-07-17-a",
            "lakefront-wire-2022-07-17-a"
        ]
    );
    assert_eq!(shooting["figures"]["killed"]["max"], 3);
    assert_eq!(shooting["figures"]["injured"]["max"], 5);
}

#[test]
fn audit_names_dataset_row_and_column_never_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let db = merged_store(dir.path());
    let all = incidents(&db);
    let rally = incident_of(&all, "ccc:ccc_style.csv:1");
    let id = rally["id"].as_str().unwrap();
    let audit = stdout_of(concord(&db).args(["audit", id, "participants"]));
    assert!(audit.contains("CCC row 1, size_high: «500»"), "{audit}");
    assert!(audit.contains("CCC row 1, size_low: «300»"), "{audit}");
    assert!(
        audit.contains("coded record ccc:ccc_style.csv:1"),
        "{audit}"
    );

    // The claim's span indexes the stored row: the cell's bytes.
    let json: Value = serde_json::from_str(&stdout_of(concord(&db).args([
        "audit",
        id,
        "participants",
        "--json",
    ])))
    .unwrap();
    let claims = json["metrics"][0]["claims"].as_array().unwrap();
    let high = claims
        .iter()
        .find(|c| c["coded"] == "CCC row 1, size_high")
        .expect("the size_high claim");
    let row = std::fs::read_to_string(fixture("ccc_style.csv")).unwrap();
    let row = row.lines().nth(1).unwrap();
    let span = high["span"].as_array().unwrap();
    let (start, end) = (
        span[0].as_u64().unwrap() as usize,
        span[1].as_u64().unwrap() as usize,
    );
    assert_eq!(&row[start..end], "500");
    // The max is 500, which the row and an article ("put the crowd at
    // 500") both state; the bound names the earlier claim in the log.
    assert_eq!(json["metrics"][0]["max"], 500);
    assert_eq!(high["hi"], 500);
}

#[test]
fn a_row_is_stored_byte_for_byte_with_its_mapping() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let output = ingest(&db, &["--dataset", "acled"], &[fixture("acled_style.csv")]);
    assert!(output.status.success(), "{output:?}");
    let log = stdout_of(concord(&db).args(["log", "--json"]));
    let file = std::fs::read_to_string(fixture("acled_style.csv")).unwrap();
    let rows: Vec<&str> = file.lines().skip(1).collect();
    let events: Vec<Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(events.len(), rows.len());
    for (event, row) in events.iter().zip(&rows) {
        let report = &event["payload"]["report"];
        assert_eq!(report["text"], *row);
        assert_eq!(report["outlet"], "ACLED");
        assert_eq!(
            report["metadata"]["coded"]["mapping"]["preset"]["name"],
            "acled"
        );
    }
    // The same file again stores nothing new.
    let again = ingest(&db, &["--dataset", "acled"], &[fixture("acled_style.csv")]);
    let summary = String::from_utf8_lossy(&again.stdout);
    assert!(summary.contains("0 new, 5 duplicate"), "{summary}");
    // A rebuild from the log gives the same incidents.
    let before = stdout_of(concord(&db).args(["incidents", "--json"]));
    assert!(
        concord(&db)
            .arg("rebuild")
            .output()
            .unwrap()
            .status
            .success()
    );
    assert_eq!(
        stdout_of(concord(&db).args(["incidents", "--json"])),
        before
    );
}

#[test]
fn a_toml_mapping_reads_someone_elses_spreadsheet() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let mapping = fixture("rights_monitor.toml");
    let output = ingest(
        &db,
        &["--dataset", mapping.to_str().unwrap()],
        &[fixture("rights_monitor.csv")],
    );
    assert!(output.status.success(), "{output:?}");
    let all = incidents(&db);
    let almaty = incident_of(&all, "rights-monitor:RM-2020-014");
    assert_eq!(almaty["date"], "2020-02-22", "22/02/2020 read day first");
    assert_eq!(almaty["place"]["name"], "Almaty");
    assert_eq!(almaty["kind"], "detentions");
    assert_eq!(almaty["organizers"][0], "Democratic Choice of Kazakhstan");
    assert_eq!(almaty["figures"]["detained"]["min"], 26);
    // "100s" is the figure policy's hundreds.
    assert_eq!(almaty["figures"]["participants"]["min"], 100);
    assert_eq!(almaty["figures"]["participants"]["max"], 999);
    let astana = incident_of(&all, "rights-monitor:RM-2020-015");
    assert_eq!(astana["place"]["name"], "Astana");

    // A mapping that names no date is refused before anything is read.
    let bad = write(
        dir.path(),
        "bad.toml",
        "name = \"X\"\nlocality = \"City\"\n",
    );
    let output = ingest(
        &db,
        &["--dataset", bad.to_str().unwrap()],
        &[fixture("rights_monitor.csv")],
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("names no date column"), "{stderr}");
}

#[test]
fn bad_rows_are_named_one_by_one_and_the_good_rows_stored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let csv = write(
        dir.path(),
        "gva_bad.csv",
        "incident_id,date,state,city_or_county,n_killed,n_injured\n\
         1,2022-07-17,Illinois,Chicago,1,2\n\
         2,July the fourth,Illinois,Chicago,0,1\n\
         3,2022-07-18,Illinois,Chicago,two,1\n\
         4,2022-07-19,Illinois,Chicago,0\n\
         5,2022-07-20,Texas,Houston,0,3\n",
    );
    let output = ingest(&db, &["--dataset", "gva"], &[csv]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("2 new"), "{stdout}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let rejected: Vec<&str> = stderr.lines().filter(|l| l.contains("rejected")).collect();
    assert_eq!(rejected.len(), 3, "{stderr}");
    assert!(
        rejected[0]
            .contains("gva_bad.csv:3: row 2, column `date`: \"July the fourth\" is not a date"),
        "{stderr}"
    );
    assert!(
        rejected[1]
            .contains("gva_bad.csv:4: row 3, column `n_killed`: \"two\" is not a whole number"),
        "{stderr}"
    );
    assert!(
        rejected[2].contains("gva_bad.csv:5: row 4: has 5 fields, the header has 6"),
        "{stderr}"
    );

    // A file missing the date column: one error for the file, nothing stored.
    let no_date = write(
        dir.path(),
        "no_date.csv",
        "incident_id,state,city_or_county,n_killed,n_injured\n1,Illinois,Chicago,1,2\n",
    );
    let output = ingest(&dir.path().join("db2"), &["--dataset", "gva"], &[no_date]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "has no date column: the GVA mapping reads the date from `date` or `Incident Date`"
        ),
        "{stderr}"
    );

    // A `|` file read as commas (a delimiter concord does not detect): the
    // header is one column, and the message names the likely delimiter.
    let pipes = write(
        dir.path(),
        "pipes.csv",
        "incident_id|date|state|city_or_county|n_killed|n_injured\n1|2022-07-17|Illinois|Chicago|1|2\n",
    );
    let output = ingest(&dir.path().join("db3"), &["--dataset", "gva"], &[pipes]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("the file looks separated by `|`, not `,`"),
        "{stderr}"
    );

    // A CSV without --dataset, and an unknown preset.
    let output = ingest(&dir.path().join("db4"), &[], &[fixture("gva_style.csv")]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("needs to be told which (--dataset"));
    let output = ingest(
        &dir.path().join("db5"),
        &["--dataset", "nope"],
        &[fixture("gva_style.csv")],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown dataset preset `nope`"));
}

#[test]
fn no_bytes_panic_the_dataset_reader() {
    use concord::coded::{dataset_from_argument, read_dataset_bytes};
    use concord::input::ClosureSink;
    let dataset = dataset_from_argument("mm").unwrap();
    let inputs: [&[u8]; 8] = [
        b"",
        b"\xff\xfe",
        b"id,startday\n",
        b"id,startday,startmonth,startyear,country,location,participants\n1,31,2,2020,Kazakhstan,Almaty,100s\n",
        b"id,startday,startmonth,startyear,country,location,participants\n\"1,2,3\n",
        b"id,startday,startmonth,startyear,country,location,participants\n1,1,1,99999999999,,,\n",
        "id,startday,startmonth,startyear,country,location,participants\n\u{feff}1,1,1,2020,Ö,\"\"\"\",>\n".as_bytes(),
        b"id,startday,startmonth,startyear,country,location,participants\n1,1,1,2020,,,1e308\n",
    ];
    for bytes in inputs {
        let mut reports = Vec::new();
        let mut sink = ClosureSink {
            on_report: |item: Result<concord::report::Report, concord::input::InputError>| {
                if let Ok(report) = item {
                    reports.push(report);
                }
            },
            on_warning: |_| {},
        };
        read_dataset_bytes(bytes, "x.csv", "x.csv", &dataset, &mut sink);
        // Every stored row extracts without panicking either.
        for report in &reports {
            let extraction = concord::extract::extract_report(report);
            assert_eq!(extraction.mentions.len(), 1);
        }
    }
}

#[test]
fn coverage_lists_rows_without_articles_and_incidents_without_rows() {
    let dir = tempfile::tempdir().unwrap();
    let db = merged_store(dir.path());
    let text = stdout_of(concord(&db).arg("coverage"));
    assert!(
        text.contains("CCC: 4 rows, 1 joined by an article, 3 with none"),
        "{text}"
    );
    assert!(text.contains("row 3: 2023-04-15 Eugene"), "{text}");
    let json: Value =
        serde_json::from_str(&stdout_of(concord(&db).args(["coverage", "--json"]))).unwrap();
    let datasets = json["datasets"].as_array().unwrap();
    let acled = datasets.iter().find(|d| d["dataset"] == "ACLED").unwrap();
    assert_eq!(acled["rows"], 5);
    let unreported: Vec<u64> = acled["rows_without_article"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["row"].as_u64().unwrap())
        .collect();
    assert!(unreported.contains(&5), "{acled}");
    // The Bishkek rally of 22 February 2020 has articles and no ACLED row.
    assert!(
        acled["incidents_without_row"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["place"].as_str().unwrap().starts_with("Bishkek")),
        "{acled}"
    );
}

// ---------------------------------------------------------------------
// Delimiters: `.tsv` files, and headers that show another separator.
// ---------------------------------------------------------------------

/// The coded records read from `bytes` as the file `name`, and the
/// rejections' messages.
fn read_dataset(name: &str, bytes: &[u8], dataset: &str) -> (Vec<Report>, Vec<String>) {
    use concord::input::{ClosureSink, InputError};
    let dataset = concord::coded::dataset_from_argument(dataset).unwrap();
    let mut reports = Vec::new();
    let mut rejected = Vec::new();
    concord::coded::read_dataset_bytes(
        bytes,
        name,
        name,
        &dataset,
        &mut ClosureSink {
            on_report: |item: Result<Report, InputError>| match item {
                Ok(report) => reports.push(report),
                Err(error) => rejected.push(error.to_string()),
            },
            on_warning: |_| {},
        },
    );
    (reports, rejected)
}

fn killed_and_injured(report: &Report) -> Vec<(String, u64)> {
    let extraction = concord::extract::extract_report(report);
    let mut figures: Vec<(String, u64)> = extraction
        .figures
        .iter()
        .map(|figure| (format!("{:?}", figure.metric).to_lowercase(), figure.lo))
        .collect();
    figures.sort();
    figures
}

/// A stored event's report, from `concord log --json`.
fn stored_reports(db: &Path) -> Vec<Value> {
    stdout_of(concord(db).args(["log", "--json"]))
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).unwrap())
        .filter_map(|event| event["payload"]["report"].as_object().cloned())
        .map(Value::Object)
        .collect()
}

const TAB_SEPARATED_SHOOTINGS: &str = "incident_id\tdate\tstate\tcity_or_county\tn_killed\tn_injured\tnotes\n\
    8810001\t2021-06-05\tOhio\tColumbus\t1\t3\tShots fired outside a bar, \"several\" hurt\n\
    8810002\t2021-06-06\tTexas\tHouston\t2\t0\tTwo men killed in a parking lot\n";

#[test]
fn issue_14_tsv_dataset_is_read_with_tabs_without_a_mapping_option() {
    let (reports, rejected) =
        read_dataset("shootings.tsv", TAB_SEPARATED_SHOOTINGS.as_bytes(), "gva");
    assert!(rejected.is_empty(), "{rejected:?}");
    assert_eq!(reports.len(), 2);
    assert_eq!(
        reports[0].text,
        "8810001\t2021-06-05\tOhio\tColumbus\t1\t3\tShots fired outside a bar, \"several\" hurt",
        "the row, byte for byte"
    );
    assert_eq!(
        reports[0].metadata["coded"]["delimiter"], "\t",
        "the delimiter is stored with the row, so a replay splits it the same way"
    );
    assert_eq!(
        killed_and_injured(&reports[0]),
        vec![("injured".to_string(), 3), ("killed".to_string(), 1)]
    );
    assert_eq!(
        killed_and_injured(&reports[1]),
        vec![("injured".to_string(), 0), ("killed".to_string(), 2)]
    );
    assert_eq!(
        reports[1].readable.as_ref().unwrap().text,
        "Two men killed in a parking lot",
        "the notes cell, found by tabs"
    );

    // Through the command line, and on replay from the log.
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "shootings.tsv", TAB_SEPARATED_SHOOTINGS);
    let db = dir.path().join("db");
    let output = ingest(&db, &["--dataset", "gva"], &[file]);
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("ingest: 2 new"));
    let stored = stored_reports(&db);
    assert_eq!(stored[0]["text"], reports[0].text);
    let incidents = incidents(&db);
    let columbus = incident_of(&incidents, "gva:8810001");
    assert_eq!(columbus["place"]["name"], "Columbus", "{columbus}");
    assert_eq!(
        columbus["figures"]["injured"]["max"], 3,
        "the replay splits the stored row by tabs: {columbus}"
    );
}

#[test]
fn issue_14_csv_whose_header_uses_semicolons_or_tabs_is_read_with_them() {
    let semicolons = "date;locality;state;size_low;size_high;arrests;notes\n\
        2023-05-01;Portland;OR;200;300;4;Tenants rallied, then marched\n\
        2023-05-02;Eugene;OR;50;;;\"Students; staff\"\n\
        2023-05-02;Eugene;OR;50;;;Students; staff\n";
    let (reports, rejected) = read_dataset("ccc_export.csv", semicolons.as_bytes(), "ccc");
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[0].metadata["coded"]["delimiter"], ";");
    assert_eq!(
        reports[0].text,
        "2023-05-01;Portland;OR;200;300;4;Tenants rallied, then marched"
    );
    assert_eq!(
        reports[1].readable.as_ref().unwrap().text,
        "Students; staff",
        "a quoted `;` is inside its cell"
    );
    // An unquoted `;` in a cell is a field too many, named as such.
    assert_eq!(
        rejected,
        vec![
            "ccc_export.csv:4: row 3: has 8 fields, the header has 7 (a stray `;` or an unclosed quote?); the row is not stored"
        ]
    );

    let tabs = "date\tlocality\tstate\tsize_low\n2023-05-03\tSalem\tOR\t75\n";
    let (reports, rejected) = read_dataset("ccc_export.csv", tabs.as_bytes(), "ccc");
    assert!(rejected.is_empty(), "{rejected:?}");
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].metadata["coded"]["delimiter"], "\t");

    // A comma file is read as before, and stores no delimiter.
    let commas = "date,locality,state,size_low\n2023-05-03,Salem,OR,75\n";
    let (reports, _) = read_dataset("ccc_export.csv", commas.as_bytes(), "ccc");
    assert_eq!(reports.len(), 1);
    assert!(reports[0].metadata["coded"].get("delimiter").is_none());
}

#[test]
fn issue_14_stated_mapping_delimiter_wins_and_an_undetectable_one_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let semicolons = write(
        dir.path(),
        "monitor.csv",
        "Case;Date;City;Country\nRM-1;2022-01-05;Almaty;Kazakhstan\n",
    );
    // The mapping says `,`: it is obeyed, and the error says what to give.
    let commas = write(
        dir.path(),
        "commas.toml",
        "name = \"Monitor\"\ndelimiter = \",\"\nid = \"Case\"\ndate = \"Date\"\nlocality = \"City\"\ncountry = \"Country\"\n",
    );
    let output = ingest(
        &dir.path().join("db1"),
        &["--dataset", commas.to_str().unwrap()],
        std::slice::from_ref(&semicolons),
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("monitor.csv: cannot be read as a coded dataset: its header is one column, \"Case;Date;City;Country\": the file looks separated by `;`, not `,` (give `delimiter = \";\"` in a mapping file)"),
        "{stderr}"
    );

    // Without a delimiter the same mapping finds `;`; with `;` stated, a
    // `.tsv` file is read with `;` all the same.
    let unstated = write(
        dir.path(),
        "unstated.toml",
        "name = \"Monitor\"\nid = \"Case\"\ndate = \"Date\"\nlocality = \"City\"\ncountry = \"Country\"\n",
    );
    let output = ingest(
        &dir.path().join("db2"),
        &["--dataset", unstated.to_str().unwrap()],
        std::slice::from_ref(&semicolons),
    );
    assert!(output.status.success(), "{output:?}");
    let stated = write(
        dir.path(),
        "stated.toml",
        "name = \"Monitor\"\ndelimiter = \";\"\nid = \"Case\"\ndate = \"Date\"\nlocality = \"City\"\ncountry = \"Country\"\n",
    );
    let misnamed = write(
        dir.path(),
        "monitor.tsv",
        "Case;Date;City;Country\nRM-2;2022-01-06;Almaty;Kazakhstan\n",
    );
    let output = ingest(
        &dir.path().join("db3"),
        &["--dataset", stated.to_str().unwrap()],
        &[misnamed],
    );
    assert!(output.status.success(), "{output:?}");
    let stored = stored_reports(&dir.path().join("db3"));
    assert!(
        stored[0]["metadata"]["coded"].get("delimiter").is_none(),
        "the mapping's own delimiter is not repeated: {}",
        stored[0]
    );

    // A `;` header without the date column under any separator: the error
    // shows the header as `;` reads it, not advice that would not help.
    let no_date = write(
        dir.path(),
        "no_date.csv",
        "incident_id;state;city_or_county\n1;Ohio;Columbus\n",
    );
    let output = ingest(&dir.path().join("db4"), &["--dataset", "gva"], &[no_date]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("has no date column: the GVA mapping reads the date from `date` or `Incident Date` (its header, read as separated by `;`, has `incident_id`, `state`, `city_or_county`)"),
        "{stderr}"
    );
}

// ---------------------------------------------------------------------
// Streaming: a dataset file is read row by row.
// ---------------------------------------------------------------------

#[test]
fn issue_14_dataset_file_streams_rows_byte_exact_with_bad_rows_named() {
    use concord::input::{ClosureSink, InputError};
    // Rows of every shape across many read buffers: CRLF endings, quoted
    // cells holding newlines and delimiters, a byte order mark, non-ASCII
    // text, a row longer than the reader's buffers, and bad rows scattered.
    let mut file =
        String::from("\u{feff}incident_id,date,state,city_or_county,n_killed,n_injured,notes\r\n");
    let mut expected_rows: Vec<(usize, String)> = Vec::new();
    let mut bad_lines = Vec::new();
    let mut line = 2;
    for n in 1..=6000usize {
        let notes = match n % 5 {
            0 => format!("\"Witnesses said, \"\"it was over\r\nin seconds\"\" ({n})\""),
            1 => "\"Łódź-born victim, café owner\"".to_string(),
            2 if n == 2002 => format!("\"{}\"", "long notes ".repeat(40_000)),
            _ => String::new(),
        };
        let (killed, date) = match n {
            n if n % 997 == 0 => ("three".to_string(), "2020-03-01".to_string()),
            n if n % 1499 == 0 => ("0".to_string(), "not a date".to_string()),
            n => (
                (n % 3).to_string(),
                format!("2020-{:02}-{:02}", n % 12 + 1, n % 28 + 1),
            ),
        };
        let row = format!("{},{date},Ohio,Columbus,{killed},1,{notes}", 5_000_000 + n);
        if killed == "three" || date == "not a date" {
            bad_lines.push(line);
        } else {
            expected_rows.push((n, row.clone()));
        }
        line += 1 + notes.matches('\n').count();
        file.push_str(&row);
        file.push_str("\r\n");
    }
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "big.csv", &file);
    let dataset = concord::coded::dataset_from_argument("gva").unwrap();
    let mut reports = Vec::new();
    let mut rejected = Vec::new();
    concord::coded::read_dataset_file(
        &path,
        &dataset,
        &mut ClosureSink {
            on_report: |item: Result<Report, InputError>| match item {
                Ok(report) => reports.push(report),
                Err(error) => rejected.push(error),
            },
            on_warning: |_| {},
        },
    );
    assert_eq!(
        reports.len(),
        expected_rows.len(),
        "{:?}",
        rejected
            .iter()
            .take(3)
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
    );
    for (report, (n, row)) in reports.iter().zip(&expected_rows) {
        assert_eq!(&report.text, row, "row {n} is stored byte for byte");
        assert!(file.contains(&report.text));
    }
    let rejected_lines: Vec<usize> = rejected
        .iter()
        .map(|error| error.location.line.unwrap())
        .collect();
    assert_eq!(rejected_lines, bad_lines);
    assert!(
        rejected[0].to_string().contains("big.csv:"),
        "{}",
        rejected[0]
    );
    assert!(
        rejected[0]
            .to_string()
            .contains("row 997, column `n_killed`: \"three\" is not a whole number"),
        "{}",
        rejected[0]
    );
    // The same bytes held in memory read to the same reports.
    let (in_memory, _) = read_dataset("big.csv", file.as_bytes(), "gva");
    assert_eq!(in_memory.len(), reports.len());
    assert!(
        in_memory
            .iter()
            .zip(&reports)
            .all(|(a, b)| a.text == b.text && a.id == b.id && a.metadata == b.metadata)
    );
}

#[test]
fn issue_14_dataset_in_another_encoding_is_refused_whole_before_any_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"incident_id,date,state,city_or_county,n_killed,n_injured\n".to_vec();
    for n in 0..5000 {
        bytes.extend_from_slice(format!("{n},2020-01-02,Ohio,Columbus,0,1\n").as_bytes());
    }
    let bad_at = bytes.len() + "5000,2020-01-02,Ohio,Caf".len();
    // Windows-1252 "é" in a late row: nothing of the file is stored.
    bytes.extend_from_slice(b"5000,2020-01-02,Ohio,Caf\xe9 City,0,1\n");
    let path = write(dir.path(), "latin1.csv", &bytes);
    let db = dir.path().join("db");
    let output = ingest(&db, &["--dataset", "gva"], &[path]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("ingest: 0 new"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!(
            "latin1.csv: is not valid UTF-8 (first bad byte at byte {bad_at}); save it as UTF-8"
        )),
        "{stderr}"
    );
}
