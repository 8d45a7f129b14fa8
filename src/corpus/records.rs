//! Inputs beyond one-article text files: gzip-compressed text files, and record files (JSON Lines,
//! CSV, Parquet) whose rows each carry `date` and `text` and optionally `id`, `title` and `url`.
//! Every record becomes the same bytes a text file would hold (` date D ` header, the title as the
//! first paragraph, then the text), so ids, deduplication, caching and rejects work alike.

use super::RejectReason;
use std::io::Read;
use std::path::Path;

/// How an input file is read, chosen by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// One article: ` date YYYY-MM-DD ` header, then the body.
    Text,
    /// The same, gzip-compressed (`.gz`).
    GzipText,
    /// One JSON object per line (`.jsonl`, `.ndjson`).
    JsonLines,
    /// CSV with a header row (`.csv`).
    Csv,
    /// Parquet with string columns (`.parquet`).
    Parquet,
}

impl InputFormat {
    pub fn of(name: &str) -> Self {
        let n = name.to_ascii_lowercase();
        if n.ends_with(".gz") {
            InputFormat::GzipText
        } else if n.ends_with(".jsonl") || n.ends_with(".ndjson") {
            InputFormat::JsonLines
        } else if n.ends_with(".csv") {
            InputFormat::Csv
        } else if n.ends_with(".parquet") {
            InputFormat::Parquet
        } else {
            InputFormat::Text
        }
    }

    pub fn is_record_file(self) -> bool {
        matches!(
            self,
            InputFormat::JsonLines | InputFormat::Csv | InputFormat::Parquet
        )
    }
}

/// One record of a record file, turned into article bytes, or the reason it cannot be.
#[derive(Clone, Debug)]
pub struct RecordItem {
    /// `FILE#NNNNNNNNN:ID`, or `FILE#NNNNNNNNN` without an id: the 1-based line or row number,
    /// zero-padded so that names sort in input order.
    pub relative: String,
    pub url: Option<String>,
    pub content: Result<Vec<u8>, RejectReason>,
}

/// Fields a record may carry.
#[derive(Debug, Default, serde::Deserialize)]
struct RawRecord {
    date: Option<serde_json::Value>,
    text: Option<String>,
    id: Option<serde_json::Value>,
    title: Option<String>,
    url: Option<String>,
}

fn scalar(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Characters allowed in a record id as it appears in `FILE#ID` (anything else becomes `_`).
fn safe_id(id: &str) -> String {
    id.chars()
        .take(128)
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn item(file: &str, n: usize, raw: RawRecord) -> RecordItem {
    let id = raw.id.as_ref().and_then(scalar).map(|s| safe_id(&s));
    // The record number keeps names unique and, zero-padded, in input order as text.
    let relative = match &id {
        Some(id) if !id.is_empty() => format!("{file}#{n:09}:{id}"),
        _ => format!("{file}#{n:09}"),
    };
    let bad = |message: &str| RejectReason::BadRecord {
        message: message.into(),
    };
    let date = raw
        .date
        .as_ref()
        .and_then(scalar)
        .filter(|d| !d.trim().is_empty());
    let content = match (date, raw.text) {
        (None, _) => Err(bad("the record has no date")),
        (_, None) => Err(bad("the record has no text")),
        (Some(date), Some(text)) => {
            let mut body = String::new();
            if let Some(t) = raw.title.filter(|t| !t.trim().is_empty()) {
                body.push_str(t.trim());
                body.push_str("\n\n");
            }
            body.push_str(&text);
            Ok(format!(" date {} {body}", date.trim()).into_bytes())
        }
    };
    RecordItem {
        relative,
        url: raw.url,
        content,
    }
}

/// Decompresses a gzip file's bytes, refusing more than `limit` bytes of output.
pub fn gunzip(bytes: &[u8], limit: u64) -> Result<Vec<u8>, RejectReason> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| RejectReason::BadRecord {
            message: format!("not valid gzip: {e}"),
        })?;
    if out.len() as u64 > limit {
        return Err(RejectReason::TooLarge {
            bytes: out.len() as u64,
            limit,
        });
    }
    Ok(out)
}

/// Reads every record of a record file. A file that cannot be read at all is one reject.
pub fn read_records(
    path: &Path,
    file: &str,
    format: InputFormat,
) -> Result<Vec<RecordItem>, RejectReason> {
    let unreadable = |e: &dyn std::fmt::Display| RejectReason::Unreadable {
        message: e.to_string(),
    };
    match format {
        InputFormat::JsonLines => {
            let text = std::fs::read(path).map_err(|e| unreadable(&e))?;
            let text = text.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(&text);
            let text = std::str::from_utf8(text).map_err(|e| RejectReason::NotUtf8 {
                offset: e.valid_up_to(),
            })?;
            Ok(text
                .lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
                .map(|(i, line)| match serde_json::from_str::<RawRecord>(line) {
                    Ok(raw) => item(file, i + 1, raw),
                    Err(e) => RecordItem {
                        relative: format!("{file}#{:09}", i + 1),
                        url: None,
                        content: Err(RejectReason::BadRecord {
                            message: format!("not a JSON object with string fields: {e}"),
                        }),
                    },
                })
                .collect())
        }
        InputFormat::Csv => {
            let mut reader = csv::ReaderBuilder::new()
                .flexible(true)
                .from_path(path)
                .map_err(|e| unreadable(&e))?;
            let headers = reader.headers().map_err(|e| unreadable(&e))?.clone();
            let col = |name: &str| {
                headers
                    .iter()
                    .position(|h| h.trim().eq_ignore_ascii_case(name))
            };
            let (date, text) = (col("date"), col("text"));
            if date.is_none() || text.is_none() {
                return Err(RejectReason::BadRecord {
                    message: "CSV needs `date` and `text` columns".into(),
                });
            }
            let (id, title, url) = (col("id"), col("title"), col("url"));
            let mut out = Vec::new();
            for (i, rec) in reader.records().enumerate() {
                let n = i + 1;
                match rec {
                    Ok(r) => {
                        let get = |c: Option<usize>| c.and_then(|c| r.get(c)).map(str::to_string);
                        let raw = RawRecord {
                            date: get(date).map(serde_json::Value::String),
                            text: get(text),
                            id: get(id).map(serde_json::Value::String),
                            title: get(title),
                            url: get(url).filter(|u| !u.is_empty()),
                        };
                        out.push(item(file, n, raw));
                    }
                    Err(e) => out.push(RecordItem {
                        relative: format!("{file}#{n:09}"),
                        url: None,
                        content: Err(RejectReason::BadRecord {
                            message: e.to_string(),
                        }),
                    }),
                }
            }
            Ok(out)
        }
        InputFormat::Parquet => read_parquet(path, file),
        InputFormat::Text | InputFormat::GzipText => Ok(Vec::new()),
    }
}

fn read_parquet(path: &Path, file: &str) -> Result<Vec<RecordItem>, RejectReason> {
    use arrow::array::{Array, AsArray};
    use arrow::datatypes::DataType;
    let bad = |e: &dyn std::fmt::Display| RejectReason::BadRecord {
        message: format!("not a readable Parquet file: {e}"),
    };
    let f = std::fs::File::open(path).map_err(|e| RejectReason::Unreadable {
        message: e.to_string(),
    })?;
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(f)
        .map_err(|e| bad(&e))?
        .build()
        .map_err(|e| bad(&e))?;
    let mut out = Vec::new();
    let mut n = 0usize;
    for batch in reader {
        let batch = batch.map_err(|e| bad(&e))?;
        // Every column is read as text: strings as they are, dates as YYYY-MM-DD, numbers in decimal.
        let column = |name: &str| -> Option<Vec<Option<String>>> {
            let idx = batch
                .schema()
                .fields()
                .iter()
                .position(|f| f.name().eq_ignore_ascii_case(name))?;
            let array = batch.column(idx);
            let text = arrow::compute::cast(array, &DataType::Utf8).ok()?;
            let s = text.as_string_opt::<i32>()?;
            Some(
                (0..s.len())
                    .map(|i| (!s.is_null(i)).then(|| s.value(i).to_string()))
                    .collect(),
            )
        };
        let (Some(dates), Some(texts)) = (column("date"), column("text")) else {
            return Err(RejectReason::BadRecord {
                message: "Parquet needs `date` and `text` columns".into(),
            });
        };
        let (ids, titles, urls) = (column("id"), column("title"), column("url"));
        for i in 0..batch.num_rows() {
            n += 1;
            let at = |c: &Option<Vec<Option<String>>>| {
                c.as_ref().and_then(|v| v.get(i).cloned().flatten())
            };
            let raw = RawRecord {
                date: dates
                    .get(i)
                    .cloned()
                    .flatten()
                    .map(serde_json::Value::String),
                text: texts.get(i).cloned().flatten(),
                id: at(&ids).map(serde_json::Value::String),
                title: at(&titles),
                url: at(&urls),
            };
            out.push(item(file, n, raw));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_becomes_the_bytes_of_a_text_article() {
        let raw = RawRecord {
            date: Some(serde_json::json!("2020-10-28")),
            text: Some("Body text.".into()),
            id: Some(serde_json::json!(7)),
            title: Some("A title".into()),
            url: Some("https://example.org/a".into()),
        };
        let it = item("feed.jsonl", 3, raw);
        assert_eq!(it.relative, "feed.jsonl#000000003:7");
        assert_eq!(
            it.content.unwrap(),
            b" date 2020-10-28 A title\n\nBody text.".to_vec()
        );
        assert_eq!(it.url.as_deref(), Some("https://example.org/a"));
    }

    #[test]
    fn ids_cannot_smuggle_path_separators() {
        let raw = RawRecord {
            date: Some(serde_json::json!("2020-10-28")),
            text: Some("x".into()),
            id: Some(serde_json::json!("../../etc/passwd")),
            ..Default::default()
        };
        assert_eq!(
            item("f.jsonl", 1, raw).relative,
            "f.jsonl#000000001:.._.._etc_passwd"
        );
    }

    #[test]
    fn formats_follow_the_file_name() {
        assert_eq!(InputFormat::of("a.TXT"), InputFormat::Text);
        assert_eq!(InputFormat::of("a.txt.gz"), InputFormat::GzipText);
        assert_eq!(InputFormat::of("a.ndjson"), InputFormat::JsonLines);
        assert_eq!(InputFormat::of("a.parquet"), InputFormat::Parquet);
    }
}
