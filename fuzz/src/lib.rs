//! Checks shared by the fuzz targets: what must hold of every report the
//! readers accept, whatever the input.

use concord::input::{ClosureSink, InputDefaults, InputError, InputWarning, read_named_bytes};
use concord::log::{EventPayload, StoredEvent};
use concord::report::Report;
use serde_json::value::RawValue;

/// Reads `bytes` as the file `name` and checks every outcome.
pub fn read_and_check(name: &str, bytes: &[u8]) -> Vec<Result<Report, InputError>> {
    let mut results = Vec::new();
    read_named_bytes(
        name,
        bytes,
        &InputDefaults::default(),
        &mut ClosureSink {
            on_report: |r| results.push(r),
            // A warning is about a report that is handed over anyway; it
            // must name the input like an error does.
            on_warning: |warning: InputWarning| {
                assert_eq!(warning.location.path, name, "the warning names the input")
            },
        },
    );
    assert!(
        !results.is_empty(),
        "every input gives at least one outcome"
    );
    for result in &results {
        match result {
            Ok(report) => {
                assert!(
                    !report.text.trim().is_empty(),
                    "a stored text is never blank"
                );
                survives_the_log(report);
            }
            Err(error) => {
                assert_eq!(error.location.path, name, "the error names the input");
                assert!(!error.problem.to_string().is_empty());
            }
        }
    }
    results
}

/// The report goes through the same encoding as `SledLog::append` and is
/// read back the way every reader of the log reads it.
pub fn survives_the_log(report: &Report) {
    let payload = match report.corrects.clone() {
        Some(supersedes) => EventPayload::ReportCorrected {
            supersedes,
            report: report.clone(),
        },
        None => EventPayload::ReportIngested {
            report: report.clone(),
        },
    };
    let payload_json = payload.payload_json().expect("the payload encodes");
    let stored = StoredEvent {
        seq: 1,
        schema: concord::log::CURRENT_SCHEMA_VERSION,
        type_name: payload.type_name().to_string(),
        recorded_at: chrono_epoch(),
        prev_hash: concord::log::GENESIS_HASH.to_string(),
        hash: String::new(),
        payload: RawValue::from_string(payload_json).expect("raw payload"),
    };
    let bytes = serde_json::to_vec(&stored).expect("the event encodes");
    let read_back: StoredEvent = serde_json::from_slice(&bytes).expect("the event reads back");
    let decoded = read_back.decode().expect("the payload decodes");
    assert_eq!(decoded, payload, "the report reads back unchanged");
}

fn chrono_epoch() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(0, 0).expect("epoch")
}
