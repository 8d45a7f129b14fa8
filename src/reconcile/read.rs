//! Batched reading of the per-article tables for reconcile: a few named columns of
//! `<part>/<table>.parquet` of every part, in part order then row order, one Arrow record batch
//! at a time, so memory holds one batch rather than a whole table.

use super::ReconcileError;
use crate::tables::writer::from_date32;
use arrow::array::{
    Array, Date32Array, Int32Array, Int64Array, LargeStringArray, RecordBatch, StringArray,
    StringViewArray,
};
use arrow::datatypes::{DataType, FieldRef, Schema};
use jiff::civil::Date;
use parquet::arrow::ProjectionMask;
use parquet::arrow::arrow_reader::{
    ArrowReaderMetadata, ArrowReaderOptions, ParquetRecordBatchReader,
    ParquetRecordBatchReaderBuilder,
};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Rows per record batch read.
const BATCH: usize = 8192;

pub fn read_err(dir: &Path, table: &str, message: impl ToString) -> ReconcileError {
    ReconcileError::Read {
        dir: dir.to_path_buf(),
        table: table.into(),
        message: message.to_string(),
    }
}

/// `<dir>/<table>.parquet` opened, its metadata read.
fn load(dir: &Path, table: &str) -> Result<(File, ArrowReaderMetadata), ReconcileError> {
    let path = dir.join(format!("{table}.parquet"));
    if !path.is_file() {
        return Err(read_err(dir, table, "file is missing"));
    }
    let file = File::open(&path).map_err(|e| read_err(dir, table, e))?;
    let metadata = ArrowReaderMetadata::load(&file, ArrowReaderOptions::new())
        .map_err(|e| read_err(dir, table, e))?;
    Ok((file, metadata))
}

/// Opens `<dir>/<table>.parquet` for batched reading of `columns` (all when `None`). Text
/// columns are read as string views: a value of up to 12 bytes sits in its view, a longer one is
/// not copied out of the page it was decoded into.
pub fn open(
    dir: &Path,
    table: &str,
    columns: Option<&[&str]>,
) -> Result<ParquetRecordBatchReader, ReconcileError> {
    let err = |e| read_err(dir, table, e);
    let (file, metadata) = load(dir, table)?;
    let fields: Vec<FieldRef> = metadata
        .schema()
        .fields()
        .iter()
        .map(|f| match f.data_type() {
            DataType::Utf8 | DataType::LargeUtf8 => {
                Arc::new(f.as_ref().clone().with_data_type(DataType::Utf8View))
            }
            _ => f.clone(),
        })
        .collect();
    let viewed = ArrowReaderMetadata::try_new(
        metadata.metadata().clone(),
        ArrowReaderOptions::new().with_schema(Arc::new(Schema::new(fields))),
    )
    .map_err(err)?;
    let mut builder = ParquetRecordBatchReaderBuilder::new_with_metadata(file, viewed);
    if let Some(columns) = columns {
        let mask = ProjectionMask::columns(builder.parquet_schema(), columns.iter().copied());
        builder = builder.with_projection(mask);
    }
    builder.with_batch_size(BATCH).build().map_err(err)
}

/// The rows of `table` over all parts, from the files' metadata.
pub fn row_count(parts: &[PathBuf], table: &str) -> Result<usize, ReconcileError> {
    let mut rows: usize = 0;
    for dir in parts {
        let (_, metadata) = load(dir, table)?;
        let n = usize::try_from(metadata.metadata().file_metadata().num_rows()).unwrap_or(0);
        rows = rows.saturating_add(n);
    }
    Ok(rows)
}

/// A decoded batch and the index of the part it came from.
type Decoded = Result<(usize, RecordBatch), ReconcileError>;

/// Every batch of `columns` of `table` over all parts, in order, decoded as the iterator is
/// advanced; a part that cannot be opened gives its error in its place.
fn batches<'a>(
    parts: &'a [PathBuf],
    table: &'a str,
    columns: &'a [&str],
) -> impl Iterator<Item = Decoded> + 'a {
    parts.iter().enumerate().flat_map(move |(part, dir)| {
        let opened = open(dir, table, Some(columns));
        let (reader, failed) = match opened {
            Ok(reader) => (Some(reader), None),
            Err(e) => (None, Some(Err(e))),
        };
        failed.into_iter().chain(
            reader
                .into_iter()
                .flatten()
                .map(move |b| b.map(|b| (part, b)).map_err(|e| read_err(dir, table, e))),
        )
    })
}

/// The batch `decoded` handed to `f`, with its part's folder for errors.
fn hand_over(
    parts: &[PathBuf],
    table: &str,
    decoded: Decoded,
    f: &mut impl FnMut(&Batch<'_>) -> Result<(), ReconcileError>,
) -> Result<(), ReconcileError> {
    let (part, batch) = decoded?;
    let dir = parts.get(part).map_or(Path::new(""), PathBuf::as_path);
    f(&Batch::new(&batch, dir, table))
}

/// Calls `f` with every batch of `columns` of `table` over all parts, in order.
pub fn scan(
    parts: &[PathBuf],
    table: &str,
    columns: &[&str],
    mut f: impl FnMut(&Batch<'_>) -> Result<(), ReconcileError>,
) -> Result<(), ReconcileError> {
    batches(parts, table, columns).try_for_each(|decoded| hand_over(parts, table, decoded, &mut f))
}

/// `scan`, with each batch decoded on a second thread while `f` reads the one before: for the
/// steps that run alone (reconcile's reading of the local people, the report), where the other
/// core would idle while this one decodes and then uses every batch. One batch waits between
/// the two threads, so memory holds three batches instead of one. With `ahead` false (a
/// one-thread run), or when the system refuses the thread, it is `scan`.
///
/// The decoding thread ends only once this one has dropped the last batch, and hands back what
/// its heap holds first: a thread that ends while blocks of its heap are still in use elsewhere
/// leaves their pages to the allocator's abandoned heaps.
pub fn scan_ahead(
    parts: &[PathBuf],
    table: &str,
    columns: &[&str],
    ahead: bool,
    mut f: impl FnMut(&Batch<'_>) -> Result<(), ReconcileError>,
) -> Result<(), ReconcileError> {
    if !ahead {
        return scan(parts, table, columns, f);
    }
    std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Decoded>(1);
        // Closed by this thread once every batch is dropped.
        let (used_tx, used_rx) = std::sync::mpsc::channel::<()>();
        let decode = move || {
            for decoded in batches(parts, table, columns) {
                let failed = decoded.is_err();
                // A closed channel: the reader stopped on an error of its own.
                if tx.send(decoded).is_err() || failed {
                    break;
                }
            }
            drop(tx);
            // Returns when the reader closes its end: every batch has been dropped by then.
            let _ = used_rx.recv();
            crate::memory::release();
        };
        let spawned = std::thread::Builder::new()
            .name("decode".into())
            .spawn_scoped(s, decode);
        if spawned.is_err() {
            return scan(parts, table, columns, &mut f);
        }
        let read = rx
            .into_iter()
            .try_for_each(|decoded| hand_over(parts, table, decoded, &mut f));
        drop(used_tx);
        read
    })
}

/// One record batch with typed column access.
pub struct Batch<'a> {
    batch: &'a RecordBatch,
    dir: &'a Path,
    table: &'a str,
}

impl<'a> Batch<'a> {
    pub fn new(batch: &'a RecordBatch, dir: &'a Path, table: &'a str) -> Self {
        Self { batch, dir, table }
    }

    pub fn rows(&self) -> usize {
        self.batch.num_rows()
    }

    fn column(&self, name: &str) -> Result<&'a dyn Array, ReconcileError> {
        self.batch
            .column_by_name(name)
            .map(|c| c.as_ref())
            .ok_or_else(|| read_err(self.dir, self.table, format!("no column {name}")))
    }

    /// Column `at` of the batch (named `name`, for errors): for a caller that resolved the
    /// position once, instead of looking the name up for every cell.
    fn column_at(&self, at: usize, name: &str) -> Result<&'a dyn Array, ReconcileError> {
        self.batch
            .columns()
            .get(at)
            .map(|c| c.as_ref())
            .ok_or_else(|| read_err(self.dir, self.table, format!("no column {name}")))
    }

    fn wrong_type(&self, name: &str, a: &dyn Array) -> ReconcileError {
        read_err(
            self.dir,
            self.table,
            format!("column {name} has unexpected type {}", a.data_type()),
        )
    }

    pub fn str(&self, name: &str) -> Result<StrCol<'a>, ReconcileError> {
        self.as_str(self.column(name)?, name)
    }

    pub fn int(&self, name: &str) -> Result<IntCol<'a>, ReconcileError> {
        self.as_int(self.column(name)?, name)
    }

    pub fn date(&self, name: &str) -> Result<DateCol<'a>, ReconcileError> {
        self.as_date(self.column(name)?, name)
    }

    /// `str`, `int` and `date` of the column at position `at`.
    pub fn str_at(&self, at: usize, name: &str) -> Result<StrCol<'a>, ReconcileError> {
        self.as_str(self.column_at(at, name)?, name)
    }

    pub fn int_at(&self, at: usize, name: &str) -> Result<IntCol<'a>, ReconcileError> {
        self.as_int(self.column_at(at, name)?, name)
    }

    pub fn date_at(&self, at: usize, name: &str) -> Result<DateCol<'a>, ReconcileError> {
        self.as_date(self.column_at(at, name)?, name)
    }

    fn as_str(&self, a: &'a dyn Array, name: &str) -> Result<StrCol<'a>, ReconcileError> {
        let any = a.as_any();
        // Views first: `open` reads text as views.
        if let Some(s) = any.downcast_ref::<StringViewArray>() {
            Ok(StrCol::View(s))
        } else if let Some(s) = any.downcast_ref::<StringArray>() {
            Ok(StrCol::Utf8(s))
        } else if let Some(s) = any.downcast_ref::<LargeStringArray>() {
            Ok(StrCol::Large(s))
        } else {
            Err(self.wrong_type(name, a))
        }
    }

    fn as_int(&self, a: &'a dyn Array, name: &str) -> Result<IntCol<'a>, ReconcileError> {
        let any = a.as_any();
        if let Some(s) = any.downcast_ref::<Int64Array>() {
            Ok(IntCol::I64(s))
        } else if let Some(s) = any.downcast_ref::<Int32Array>() {
            Ok(IntCol::I32(s))
        } else {
            Err(self.wrong_type(name, a))
        }
    }

    fn as_date(&self, a: &'a dyn Array, name: &str) -> Result<DateCol<'a>, ReconcileError> {
        a.as_any()
            .downcast_ref::<Date32Array>()
            .map(DateCol)
            .ok_or_else(|| self.wrong_type(name, a))
    }
}

pub enum StrCol<'a> {
    Utf8(&'a StringArray),
    Large(&'a LargeStringArray),
    View(&'a StringViewArray),
}

impl<'a> StrCol<'a> {
    pub fn get(&self, i: usize) -> Option<&'a str> {
        match self {
            StrCol::Utf8(a) => (!a.is_null(i)).then(|| a.value(i)),
            StrCol::Large(a) => (!a.is_null(i)).then(|| a.value(i)),
            StrCol::View(a) => (!a.is_null(i)).then(|| a.value(i)),
        }
    }
}

pub enum IntCol<'a> {
    I64(&'a Int64Array),
    I32(&'a Int32Array),
}

impl IntCol<'_> {
    pub fn get(&self, i: usize) -> Option<i64> {
        match self {
            IntCol::I64(a) => (!a.is_null(i)).then(|| a.value(i)),
            IntCol::I32(a) => (!a.is_null(i)).then(|| i64::from(a.value(i))),
        }
    }
}

pub struct DateCol<'a>(&'a Date32Array);

impl DateCol<'_> {
    pub fn get(&self, i: usize) -> Option<Date> {
        (!self.0.is_null(i))
            .then(|| self.0.value(i))
            .and_then(from_date32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::{schema, writer::Value, writer::write_table};

    /// The `file` column of `rejects` in `part`, read by `scan` or by `scan_ahead`.
    fn files(part: &[PathBuf], ahead: Option<bool>) -> Result<Vec<String>, ReconcileError> {
        let mut out = Vec::new();
        let mut take = |b: &Batch<'_>| {
            let file = b.str("file")?;
            out.extend((0..b.rows()).filter_map(|i| file.get(i).map(str::to_string)));
            Ok(())
        };
        match ahead {
            None => scan(part, "rejects", &["file"], &mut take)?,
            Some(ahead) => scan_ahead(part, "rejects", &["file"], ahead, &mut take)?,
        }
        Ok(out)
    }

    #[test]
    fn reading_ahead_hands_over_what_scan_does_and_stops_on_errors() {
        let dir = tempfile::tempdir().expect("temporary folder");
        // Three batches of the reader, from several row groups.
        let rows: Vec<Vec<Value>> = (0..(2 * BATCH + 100))
            .map(|k| {
                vec![
                    format!("f{k:05}.txt").into(),
                    Value::label("empty_file"),
                    Value::label("the file is empty"),
                    Value::Null,
                ]
            })
            .collect();
        write_table(dir.path(), &schema::REJECTS, &rows, 5000).expect("table written");
        let part = [dir.path().to_path_buf()];
        let by_scan = files(&part, None).expect("scan reads the table");
        assert_eq!(by_scan.len(), rows.len());
        assert_eq!(by_scan.last().map(String::as_str), Some("f16483.txt"));
        assert_eq!(files(&part, Some(true)).expect("read ahead"), by_scan);
        assert_eq!(files(&part, Some(false)).expect("read alone"), by_scan);

        // A missing table is the reader's error, whether or not a thread decodes.
        for ahead in [true, false] {
            let missing = scan_ahead(&part, "people", &["name"], ahead, |_| Ok(()));
            assert!(
                matches!(&missing, Err(ReconcileError::Read { table, .. }) if table == "people"),
                "{missing:?}"
            );
        }
        // An error of the caller's ends the reading at that batch, without waiting on the rest.
        let mut batches = 0;
        let stopped = scan_ahead(&part, "rejects", &["file"], true, |_| {
            batches += 1;
            Err(read_err(dir.path(), "rejects", "stop here"))
        });
        assert!(stopped.is_err());
        assert_eq!(batches, 1);
    }
}
