//! Build script: a fingerprint of the library's source and data, and the
//! gazetteer parsed ahead of time.
//!
//! Read models (src/read_model.rs) are derived from the log by this build's
//! extraction, clustering and reconciliation. A read model written by a
//! build whose code differs must not be read as current, and a developer
//! changing a weight does not bump a version, so the stamp records a hash of
//! everything the projection is computed from: `src/` and `data/`.
//!
//! The gazetteer's text tables (`data/`) are parsed here, by the library's
//! own parser compiled into this script, and written to
//! `OUT_DIR/gazetteer.bin` for `Gazetteer::global` to read back in a few
//! milliseconds (src/gazetteer/prebuilt.rs).

use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};

// The gazetteer and the word table it reads, compiled from the library's
// own files. Their `crate::` paths resolve against this script, which
// supplies the two items they ask of the rest of the library.
#[allow(dead_code, unused_imports)]
#[path = "src/gazetteer/mod.rs"]
mod gazetteer;
#[allow(dead_code)]
#[path = "src/word_frequency.rs"]
mod word_frequency;

/// What the gazetteer asks of `crate::extract::model`: the place level and
/// the place reference it hands out. The compiler holds these to the
/// library's own (src/extract/model.rs): the gazetteer's code must build
/// against both.
#[allow(dead_code)]
mod extract {
    pub mod model {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum PlaceLevel {
            Country,
            Region,
            City,
        }

        #[derive(Debug, Clone, PartialEq)]
        pub struct PlaceRef {
            pub geonames_id: u32,
            pub name: String,
            pub level: PlaceLevel,
            pub country: String,
            pub country_code: String,
            pub lat: f64,
            pub lon: f64,
        }
    }
}

/// The script has no prebuilt tables of its own: it writes them.
#[allow(dead_code)]
mod built {
    pub(crate) const PREBUILT_GAZETTEER: &[u8] = &[];
}

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

    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let tables = gazetteer::Gazetteer::parse_embedded().to_bytes();
    std::fs::write(out_dir.join("gazetteer.bin"), tables).expect("OUT_DIR is writable");
}
