//! Reading a dataset's CSV file: one report per good row, one error per
//! bad row (file, line, row, column, reason), the good rows stored.
//!
//! The file is streamed: the `csv` crate finds where each row starts and
//! ends (a quoted cell may hold newlines) as it reads, and `RowWindow`
//! keeps only the bytes it has read and not yet handed on as rows, so a
//! multi-gigabyte export is read in the memory of its longest row. The
//! row's bytes, exactly as in the file, become the report's text, and its
//! cells are read from those bytes with `extract::split_row`, the same
//! function extraction uses later, so what the reader checked is what a
//! replay reads.
//!
//! Which separator a file uses is the mapping's when it names one;
//! otherwise a tab for a `.tsv` file and `,` for any other, unless the
//! header line finds the mapping's date column only when split by a tab
//! or a `;` (spreadsheets saved as "CSV" in many locales use `;`). The
//! separator a row was read with is stored with it when it is not the
//! mapping's (`CodedRecord::delimiter`).

use std::io::{BufRead, BufReader, Read, Seek};
use std::path::Path;

use crate::input::{
    InputError, InputLocation, InputProblem, InputWarning, InputWarningProblem, ReportSink,
    coded_row_problem,
};
use crate::report::{ReadableText, Report};

use super::extract::{Row, read_row, split_row};
use super::{CODED_METADATA_KEY, CodedRecord, DEFAULT_DELIMITER, Dataset, DatasetMapping};

/// Delimiters a file may use instead of the one it is read with (to name
/// the likely one when the header reads as one column).
const OTHER_DELIMITERS: [char; 4] = [',', ';', '\t', '|'];

/// The delimiters a file whose mapping names none may be read with, when
/// its header line shows it uses one of them. `|` is not among them: it is
/// rare in exports, and a file that uses it is told how to say so.
const DETECTED_DELIMITERS: [char; 3] = [',', '\t', ';'];

/// How much of a file's first line is looked at to choose its delimiter; a
/// header is a few hundred bytes, and a "line" longer than this is not one.
const LONGEST_SNIFFED_HEADER_BYTES: u64 = 1024 * 1024;

/// The size of the reads from a dataset file (the `csv` reader keeps its
/// own smaller buffer on top).
const FILE_READ_BUFFER_BYTES: usize = 256 * 1024;

const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

fn delimiter_name(delimiter: char) -> String {
    match delimiter {
        '\t' => "a tab".to_string(),
        other => format!("`{other}`"),
    }
}

/// A report id's dataset part: lowercase letters and digits, `-` between.
fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// The bytes of a dataset file between the start of the row being read and
/// what the `csv` reader has taken from the file so far. The reader reads
/// through it; the rows' bytes are sliced from it by the positions the
/// reader gives; rows handed on are forgotten. Offsets count from the start
/// of the file's text (after a byte order mark).
struct RowWindow<Source> {
    source: Source,
    bytes: Vec<u8>,
    /// The offset of `bytes[0]`.
    first_offset: u64,
    /// The offset of the next byte the `csv` reader gets: bytes already in
    /// the window (the header line, read ahead to choose the delimiter) are
    /// served again before the source is read further.
    served_offset: u64,
}

impl<Source: BufRead> RowWindow<Source> {
    /// A window on `source`, whose text starts with `read_ahead` (bytes
    /// already taken from it).
    fn new(source: Source, read_ahead: Vec<u8>) -> RowWindow<Source> {
        RowWindow {
            source,
            bytes: read_ahead,
            first_offset: 0,
            served_offset: 0,
        }
    }

    /// Reads the file's first line ahead (at most
    /// `LONGEST_SNIFFED_HEADER_BYTES`), without its line ending; the `csv`
    /// reader still gets it.
    fn first_line(&mut self) -> std::io::Result<&[u8]> {
        if !self.bytes.contains(&b'\n') {
            (&mut self.source)
                .take(LONGEST_SNIFFED_HEADER_BYTES)
                .read_until(b'\n', &mut self.bytes)?;
        }
        let line = match self.bytes.iter().position(|&byte| byte == b'\n') {
            Some(end) => &self.bytes[..end],
            None => self.bytes.as_slice(),
        };
        Ok(line.strip_suffix(b"\r").unwrap_or(line))
    }

    /// The bytes from `begin` to `end`, if the window still holds them.
    fn slice(&self, begin: u64, end: u64) -> Option<&[u8]> {
        let from = usize::try_from(begin.checked_sub(self.first_offset)?).ok()?;
        let to = usize::try_from(end.checked_sub(self.first_offset)?).ok()?;
        self.bytes.get(from..to)
    }

    /// Forgets the bytes before `offset`: the rows there are handed on.
    fn forget_before(&mut self, offset: u64) {
        let count = offset
            .saturating_sub(self.first_offset)
            .min(self.bytes.len() as u64);
        self.bytes.drain(..count as usize);
        self.first_offset += count;
    }
}

impl<Source: BufRead> Read for RowWindow<Source> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let held_end = self.first_offset + self.bytes.len() as u64;
        if self.served_offset < held_end {
            let from = (self.served_offset - self.first_offset) as usize;
            let count = buffer.len().min(self.bytes.len() - from);
            buffer[..count].copy_from_slice(&self.bytes[from..from + count]);
            self.served_offset += count as u64;
            return Ok(count);
        }
        let count = self.source.read(buffer)?;
        self.bytes.extend_from_slice(&buffer[..count]);
        self.served_offset += count as u64;
        Ok(count)
    }
}

/// Checks a whole file before any of its rows is stored: a file in another
/// encoding is refused as a whole (one message naming the first bad byte)
/// rather than row by row, and a file of nothing but blanks is empty. Reads
/// in chunks, so a file of any size is checked in bounded memory.
fn check_whole_file(mut source: impl Read) -> Result<(), InputProblem> {
    let mut chunk = vec![0u8; FILE_READ_BUFFER_BYTES];
    // The last bytes of a chunk that end in the middle of a character.
    let mut carried = 0usize;
    let mut offset_of_chunk: usize = 0;
    let mut has_text = false;
    loop {
        let count = source
            .read(&mut chunk[carried..])
            .map_err(InputProblem::Io)?;
        let filled = carried + count;
        if count == 0 {
            if carried > 0 {
                return Err(InputProblem::InvalidUtf8 {
                    offset: offset_of_chunk,
                });
            }
            break;
        }
        let valid = match std::str::from_utf8(&chunk[..filled]) {
            Ok(text) => text,
            Err(error) if error.error_len().is_some() => {
                return Err(InputProblem::InvalidUtf8 {
                    offset: offset_of_chunk + error.valid_up_to(),
                });
            }
            // A character cut by the end of the chunk: checked with the
            // next chunk.
            Err(error) => std::str::from_utf8(&chunk[..error.valid_up_to()]).unwrap_or(""),
        };
        if !has_text {
            has_text = valid.chars().any(|c| !c.is_whitespace());
        }
        let checked = valid.len();
        chunk.copy_within(checked..filled, 0);
        carried = filled - checked;
        offset_of_chunk += checked;
    }
    if has_text {
        Ok(())
    } else {
        Err(InputProblem::Empty)
    }
}

/// Reads one CSV file of `dataset` into `sink`, row by row.
pub fn read_dataset_file(path: &Path, dataset: &Dataset, sink: &mut dyn ReportSink) {
    let display = path.display().to_string();
    let fail = |problem| Err(InputError::new(InputLocation::file(&display), problem));
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return sink.report(fail(InputProblem::NotFound));
        }
        Err(error) => return sink.report(fail(InputProblem::Io(error))),
    };
    // A regular file is checked whole first (and read again from its
    // start); a pipe can be read only once, and its rows are checked one by
    // one instead.
    let is_regular_file = file.metadata().is_ok_and(|metadata| metadata.is_file());
    if is_regular_file {
        let checked = check_whole_file(BufReader::with_capacity(0, &mut file))
            .and_then(|()| file.rewind().map_err(InputProblem::Io));
        if let Err(problem) = checked {
            return sink.report(fail(problem));
        }
    }
    let file_name = path
        .file_name()
        .map(|name| name.to_string_lossy().to_string())
        .unwrap_or_else(|| display.clone());
    read_dataset_stream(
        BufReader::with_capacity(FILE_READ_BUFFER_BYTES, file),
        &display,
        &file_name,
        dataset,
        sink,
    );
}

/// Reads the bytes of a CSV file of `dataset` held in memory, exactly as
/// `read_dataset_file` reads the file; `display` is where messages say a
/// problem is, `file_name` names rows that have no coded id (and its
/// extension, `.tsv` or not, the delimiter a mapping without one reads).
pub fn read_dataset_bytes(
    bytes: &[u8],
    display: &str,
    file_name: &str,
    dataset: &Dataset,
    sink: &mut dyn ReportSink,
) {
    if let Err(problem) = check_whole_file(bytes) {
        return sink.report(Err(InputError::new(InputLocation::file(display), problem)));
    }
    read_dataset_stream(bytes, display, file_name, dataset, sink);
}

/// The delimiter a file is read with when its mapping names none: a tab
/// for a `.tsv` file and `,` for any other, unless the header line finds
/// the mapping's date column only when split by another of
/// `DETECTED_DELIMITERS` (a header that names the dataset's columns is as
/// clear a sign of its delimiter as a file gives).
fn choose_delimiter(first_line: &str, file_name: &str, mapping: &DatasetMapping) -> char {
    let is_tsv = Path::new(file_name)
        .extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("tsv"));
    let file_default = if is_tsv { '\t' } else { DEFAULT_DELIMITER };
    let header_with = |delimiter: char| -> Vec<String> {
        split_row(first_line, delimiter)
            .into_iter()
            .map(|cell| cell.value)
            .collect()
    };
    if has_date_columns(&header_with(file_default), mapping) {
        return file_default;
    }
    DETECTED_DELIMITERS
        .into_iter()
        .filter(|&delimiter| delimiter != file_default)
        .find(|&delimiter| {
            let header = header_with(delimiter);
            header.len() > 1 && has_date_columns(&header, mapping)
        })
        .unwrap_or(file_default)
}

fn has_date_columns(header: &[String], mapping: &DatasetMapping) -> bool {
    let has = |name: &str| header.iter().any(|column| column.trim() == name.trim());
    mapping.date.names().iter().any(|name| has(name))
        || mapping
            .date_parts
            .as_ref()
            .is_some_and(|parts| has(&parts.day) && has(&parts.month) && has(&parts.year))
}

/// Reads a dataset's rows from `source` (the file's bytes from its start).
fn read_dataset_stream(
    mut source: impl BufRead,
    display: &str,
    file_name: &str,
    dataset: &Dataset,
    sink: &mut dyn ReportSink,
) {
    let display = display.to_string();
    let file_error = |problem: InputProblem| -> Result<Report, InputError> {
        Err(InputError::new(InputLocation::file(&display), problem))
    };
    // A byte order mark is not part of the first column's name, nor of the
    // first row's stored text. Read byte by byte if need be: a pipe may
    // give fewer than three bytes at first.
    let mut opening = Vec::with_capacity(BYTE_ORDER_MARK.len());
    if let Err(error) = (&mut source)
        .take(BYTE_ORDER_MARK.len() as u64)
        .read_to_end(&mut opening)
    {
        return sink.report(file_error(InputProblem::Io(error)));
    }
    let mark_bytes = if opening == BYTE_ORDER_MARK {
        opening.clear();
        BYTE_ORDER_MARK.len() as u64
    } else {
        0
    };
    let mapping = &dataset.mapping;
    let mut window = RowWindow::new(source, opening);
    let delimiter = match mapping.delimiter {
        Some(stated) => stated,
        None => match window.first_line() {
            Ok(line) => choose_delimiter(&String::from_utf8_lossy(line), file_name, mapping),
            Err(error) => return sink.report(file_error(InputProblem::Io(error))),
        },
    };
    let Ok(delimiter_byte) = u8::try_from(delimiter) else {
        return sink.report(file_error(InputProblem::CodedHeader {
            reason: format!(
                "the mapping's delimiter {delimiter:?} is not a single ASCII character"
            ),
        }));
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter_byte)
        .from_reader(window);
    let mut record = csv::ByteRecord::new();

    // The header.
    let header_end = match reader.read_byte_record(&mut record) {
        Ok(true) => reader.position().byte(),
        Ok(false) => return sink.report(file_error(InputProblem::Empty)),
        Err(error) => return sink.report(file_error(csv_problem(error))),
    };
    let header_bytes = reader.get_ref().slice(0, header_end).unwrap_or_default();
    let header_line = match std::str::from_utf8(header_bytes) {
        Ok(line) => line.trim_end_matches(['\r', '\n']),
        Err(error) => {
            return sink.report(file_error(InputProblem::InvalidUtf8 {
                offset: (mark_bytes as usize).saturating_add(error.valid_up_to()),
            }));
        }
    };
    let header: Vec<String> = split_row(header_line, delimiter)
        .into_iter()
        .map(|cell| cell.value)
        .collect();
    if let Some(reason) = header_problem(&header, dataset, delimiter) {
        return sink.report(file_error(InputProblem::CodedHeader { reason }));
    }
    let stored_delimiter =
        (delimiter != mapping.delimiter.unwrap_or(DEFAULT_DELIMITER)).then_some(delimiter);
    let dataset_slug = slug(&mapping.name);

    let mut row_number: u64 = 0;
    loop {
        let start = reader.position().clone();
        // Every row before this one is handed on (or refused): only the
        // bytes from here on are kept.
        reader.get_mut().forget_before(start.byte());
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(error) if error.is_io_error() => {
                // The file itself failed; reading on would fail the same way.
                return sink.report(Err(InputError::new(
                    InputLocation::at_line(&display, start.line() as usize),
                    csv_problem(error),
                )));
            }
            Err(error) => {
                row_number += 1;
                sink.report(Err(InputError::new(
                    InputLocation::at_line(&display, start.line() as usize),
                    coded_row_problem(row_number, None, &format!("is not a CSV row: {error}")),
                )));
                continue;
            }
        }
        let mut begin = record.position().map_or(start.byte(), |p| p.byte());
        let mut line = record.position().map_or(start.line(), |p| p.line());
        let end = reader.position().byte();
        let mut row_bytes = reader.get_ref().slice(begin, end).unwrap_or_default();
        // After a CRLF line ending the `csv` reader starts the next record
        // at its LF (and counts the line only after it): that byte ends the
        // previous line and is no part of this row.
        if let Some(rest) = row_bytes.strip_prefix(b"\n") {
            row_bytes = rest;
            begin += 1;
            line += 1;
        }
        let row_text = match std::str::from_utf8(row_bytes) {
            Ok(text) => text.trim_end_matches(['\r', '\n']),
            // Only a file read once (a pipe) gets here: a regular file was
            // checked whole before its first row.
            Err(error) => {
                row_number += 1;
                let offset = mark_bytes + begin + error.valid_up_to() as u64;
                sink.report(Err(InputError::new(
                    InputLocation::at_line(&display, line as usize),
                    coded_row_problem(
                        row_number,
                        None,
                        &format!("is not valid UTF-8 (first bad byte at byte {offset} of the file); save the file as UTF-8; the row is not stored"),
                    ),
                )));
                continue;
            }
        };
        if row_text.trim().is_empty() {
            continue;
        }
        row_number += 1;
        let location = InputLocation::at_line(&display, line as usize);
        let row = Row::new(&header, row_text, delimiter);
        if row.cells.len() != header.len() {
            sink.report(Err(InputError::new(
                location,
                coded_row_problem(row_number, None, &format!(
                        "has {} fields, the header has {} (a stray {} or an unclosed quote?); the row is not stored",
                        row.cells.len(),
                        header.len(),
                        delimiter_name(delimiter)
                    )),
            )));
            continue;
        }
        let read = read_row(&row, mapping);
        let mut problems = read.problems.clone();
        if read.date.is_none() && problems.is_empty() {
            let column = mapping
                .date
                .names()
                .iter()
                .find(|name| header.contains(name))
                .cloned()
                .or_else(|| mapping.date_parts.as_ref().map(|parts| parts.day.clone()))
                .unwrap_or_default();
            problems.push(super::extract::CellProblem {
                column,
                reason: "is empty (a coded event needs its date)".to_string(),
            });
        }
        if !problems.is_empty() {
            let column = problems.first().map(|p| p.column.clone());
            let reason = problems
                .iter()
                .enumerate()
                .map(|(index, problem)| {
                    if index == 0 {
                        problem.reason.clone()
                    } else {
                        format!("column `{}`: {}", problem.column, problem.reason)
                    }
                })
                .collect::<Vec<_>>()
                .join("; ");
            sink.report(Err(InputError::new(
                location,
                coded_row_problem(
                    row_number,
                    column.as_deref(),
                    &format!("{reason}; the row is not stored"),
                ),
            )));
            continue;
        }
        let id = match &read.id {
            Some(coded_id) => format!("{dataset_slug}:{coded_id}"),
            None => format!("{dataset_slug}:{file_name}:{row_number}"),
        };
        let coded = CodedRecord {
            dataset: mapping.name.clone(),
            row: row_number,
            line,
            id: read.id.clone(),
            header: header.clone(),
            mapping: dataset.source.clone(),
            delimiter: stored_delimiter,
        };
        let mut report = Report::new(id.clone(), row_text);
        report.outlet = Some(mapping.name.clone());
        report.source = Some(display.clone());
        match serde_json::to_value(&coded) {
            Ok(value) => {
                report
                    .metadata
                    .insert(CODED_METADATA_KEY.to_string(), value);
            }
            Err(error) => {
                sink.report(Err(InputError::new(
                    location,
                    coded_row_problem(row_number, None, &format!("cannot be stored: {error}")),
                )));
                continue;
            }
        }
        if let Some(notes) = &read.notes {
            let mut readable = ReadableText::default();
            readable.push(&notes.value, notes.span[0], notes.span[1]);
            report.readable = Some(readable);
        }
        let mut warnings: Vec<String> = read
            .warnings
            .iter()
            .map(|warning| format!("column `{}`: {}", warning.column, warning.reason))
            .collect();
        if read.place.is_none() {
            warnings.push(
                "no place found from its place columns (the gazetteer knows none of them); the row is stored, and clusters by date alone".to_string(),
            );
        }
        for warning in warnings {
            sink.warning(InputWarning {
                location: location.clone(),
                report_id: Some(id.clone()),
                problem: InputWarningProblem::CodedCell {
                    row: row_number,
                    what: warning,
                },
            });
        }
        sink.report(Ok(report));
    }
}

/// The problem a `csv` reader's error stands for.
fn csv_problem(error: csv::Error) -> InputProblem {
    let reason = format!("is not CSV: {error}");
    match error.into_kind() {
        csv::ErrorKind::Io(error) => InputProblem::Io(error),
        _ => InputProblem::CodedHeader { reason },
    }
}

/// Why a header read with `delimiter` cannot be read with this mapping:
/// the date column missing (naming a likely other delimiter when the
/// header is one column).
fn header_problem(header: &[String], dataset: &Dataset, delimiter: char) -> Option<String> {
    let mapping = &dataset.mapping;
    if has_date_columns(header, mapping) {
        return None;
    }
    let wanted: Vec<String> = match &mapping.date_parts {
        Some(parts) if mapping.date.is_empty() => {
            vec![parts.day.clone(), parts.month.clone(), parts.year.clone()]
        }
        _ => mapping.date.names().to_vec(),
    };
    let no_date_column = |header: &[String], read_as: String| {
        format!(
            "has no date column: the {} mapping reads the date from {} (its header{read_as} has {})",
            mapping.name,
            wanted
                .iter()
                .map(|name| format!("`{name}`"))
                .collect::<Vec<_>>()
                .join(if mapping.date_parts.is_some() {
                    " and "
                } else {
                    " or "
                }),
            header
                .iter()
                .take(12)
                .map(|name| format!("`{name}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    if header.len() == 1
        && let Some(other) = OTHER_DELIMITERS
            .iter()
            .copied()
            .find(|&d| d != delimiter && header[0].contains(d))
    {
        let header_with_other: Vec<String> = split_row(&header[0], other)
            .into_iter()
            .map(|cell| cell.value)
            .collect();
        // The other delimiter would not find the date column either: saying
        // "give it" would only lead to the next error.
        if !has_date_columns(&header_with_other, mapping) {
            return Some(no_date_column(
                &header_with_other,
                format!(", read as separated by {},", delimiter_name(other)),
            ));
        }
        return Some(format!(
            "its header is one column, {:?}: the file looks separated by {}, not {} (give `delimiter = {:?}` in a mapping file)",
            header[0].chars().take(80).collect::<String>(),
            delimiter_name(other),
            delimiter_name(delimiter),
            other.to_string()
        ));
    }
    Some(no_date_column(header, String::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A source that gives one byte per read, the worst case for every
    /// boundary: characters, rows and the header cut anywhere.
    struct OneByteAtATime<'a>(&'a [u8]);

    impl Read for OneByteAtATime<'_> {
        fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
            match (self.0.split_first(), buffer.first_mut()) {
                (Some((&byte, rest)), Some(slot)) => {
                    *slot = byte;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    #[test]
    fn the_whole_file_check_finds_the_first_bad_byte_across_reads() {
        let check = |bytes: &[u8]| check_whole_file(OneByteAtATime(bytes));
        assert!(check("date\nŁódź,日本\n".as_bytes()).is_ok());
        assert!(matches!(
            check(b"date\nCaf\xe9\n"),
            Err(InputProblem::InvalidUtf8 { offset: 8 })
        ));
        // A character cut short by the end of the file.
        assert!(matches!(
            check(b"date\n\xc5"),
            Err(InputProblem::InvalidUtf8 { offset: 5 })
        ));
        assert!(matches!(check(b" \n\t"), Err(InputProblem::Empty)));
    }

    #[test]
    fn rows_read_one_byte_at_a_time_are_the_rows_read_whole() {
        let dataset = crate::coded::dataset_from_argument("gva").unwrap();
        let file = "\u{feff}incident_id;date;state;city_or_county;n_killed;notes\r\n\
            1;2020-01-02;Ohio;Columbus;1;\"two\r\nlines; quoted\"\r\n\
            2;2020-01-03;Ohio;Columbus;two;\r\n\
            3;2020-01-04;Ohio;Columbus;0;Łódź\r\n";
        let read = |source: &mut dyn FnMut(&mut dyn ReportSink)| {
            let mut reports = Vec::new();
            let mut rejected = Vec::new();
            source(&mut crate::input::ClosureSink {
                on_report: |item: Result<Report, InputError>| match item {
                    Ok(report) => reports.push(report),
                    Err(error) => rejected.push(error.to_string()),
                },
                on_warning: |_| {},
            });
            (reports, rejected)
        };
        let (slow, slow_rejected) = read(&mut |sink| {
            read_dataset_stream(
                BufReader::with_capacity(1, OneByteAtATime(file.as_bytes())),
                "x.csv",
                "x.csv",
                &dataset,
                sink,
            )
        });
        let (whole, whole_rejected) =
            read(&mut |sink| read_dataset_bytes(file.as_bytes(), "x.csv", "x.csv", &dataset, sink));
        assert_eq!(slow_rejected, whole_rejected);
        assert_eq!(
            slow_rejected,
            vec![
                "x.csv:4: row 2, column `n_killed`: \"two\" is not a whole number; the row is not stored"
            ]
        );
        let texts: Vec<&str> = slow.iter().map(|report| report.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "1;2020-01-02;Ohio;Columbus;1;\"two\r\nlines; quoted\"",
                "3;2020-01-04;Ohio;Columbus;0;Łódź"
            ]
        );
        assert_eq!(
            slow.iter().map(|r| &r.metadata).collect::<Vec<_>>(),
            whole.iter().map(|r| &r.metadata).collect::<Vec<_>>()
        );
        assert_eq!(slow[1].metadata["coded"]["line"], 5);
    }
}
