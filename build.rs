//! Build script: a fingerprint of the library's source and data.
//!
//! Read models (src/read_model.rs) are derived from the log by this build's
//! extraction, clustering and reconciliation. A read model written by a
//! build whose code differs must not be read as current, and a developer
//! changing a weight does not bump a version, so the stamp records a hash of
//! everything the projection is computed from: `src/` and `data/`.

use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};

fn files_under(directory: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(directory) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, found);
        } else {
            found.push(path);
        }
    }
}

fn main() {
    let mut files = Vec::new();
    for directory in ["src", "data"] {
        println!("cargo:rerun-if-changed={directory}");
        files_under(Path::new(directory), &mut files);
    }
    files.sort();
    // SipHash with its fixed keys: the same bytes give the same value on
    // every machine running the same toolchain, which is all a stamp needs.
    let mut hasher = DefaultHasher::new();
    for file in &files {
        hasher.write(file.to_string_lossy().as_bytes());
        hasher.write(&std::fs::read(file).unwrap_or_default());
    }
    println!(
        "cargo:rustc-env=CONCORD_SOURCE_FINGERPRINT={:016x}",
        hasher.finish()
    );
}
