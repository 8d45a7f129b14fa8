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

/// Calls `f` with every batch of `columns` of `table` over all parts, in order.
pub fn scan(
    parts: &[PathBuf],
    table: &str,
    columns: &[&str],
    mut f: impl FnMut(&Batch<'_>) -> Result<(), ReconcileError>,
) -> Result<(), ReconcileError> {
    for dir in parts {
        for batch in open(dir, table, Some(columns))? {
            let batch = batch.map_err(|e| read_err(dir, table, e))?;
            f(&Batch::new(&batch, dir, table))?;
        }
    }
    Ok(())
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
