//! Streaming table writers: rows are buffered into Arrow column builders and flushed as record
//! batches to a Parquet file (Snappy, one row group per batch) and, in the same order, to a CSV file
//! with the same columns. Both files are built from the table's `TableSchema`.

use super::schema::{ColType, TableSchema};
use arrow::array::{
    ArrayBuilder, ArrayRef, Date32Builder, Int64Builder, ListBuilder, StringBuilder,
};
use arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use arrow::record_batch::RecordBatch;
use jiff::civil::Date;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use parquet::schema::types::ColumnPath;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The text of a cell. Most rows of an article repeat a few texts (its id; labels such as a
/// date's kind or a mention's kind): those are shared or borrowed, not copied into every row.
/// Compared, serialized and written by its text alone, whichever form holds it.
#[derive(Clone, Debug)]
pub enum Text {
    /// A label the code names ("DATE", "name", "spouse").
    Label(&'static str),
    /// Text shared by many rows (the article id).
    Shared(Arc<str>),
    /// Text of the row's own.
    Owned(String),
}

impl Text {
    pub fn as_str(&self) -> &str {
        match self {
            Text::Label(s) => s,
            Text::Shared(s) => s,
            Text::Owned(s) => s,
        }
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Text::Owned)
    }
}

/// One cell.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Value {
    Str(Text),
    Int(i64),
    Date(Date),
    List(Vec<String>),
    Null,
}

impl Value {
    /// A cell holding a label the code names, not copied.
    pub fn label(s: &'static str) -> Self {
        Value::Str(Text::Label(s))
    }

    /// A cell holding text shared with other rows (clone the cell for each row).
    pub fn shared(s: Arc<str>) -> Self {
        Value::Str(Text::Shared(s))
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Str(Text::Owned(s.to_string()))
    }
}
impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Str(Text::Owned(s))
    }
}
impl From<Text> for Value {
    fn from(t: Text) -> Self {
        Value::Str(t)
    }
}
impl From<i64> for Value {
    fn from(n: i64) -> Self {
        Value::Int(n)
    }
}
impl From<usize> for Value {
    fn from(n: usize) -> Self {
        Value::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}
impl From<u32> for Value {
    fn from(n: u32) -> Self {
        Value::Int(i64::from(n))
    }
}
impl From<Date> for Value {
    fn from(d: Date) -> Self {
        Value::Date(d)
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

/// A row of a table, in column order.
pub type Row = Vec<Value>;

/// Rows of one table, their cells in one vector row after row: one allocation for all of an
/// article's rows of the table instead of one per row (the rows are made on the workers and
/// dropped by the writer's thread, where every freed block is a cross-thread free).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Rows {
    /// Cells per row (0 while empty).
    width: usize,
    cells: Vec<Value>,
    /// A row of another width was pushed (and left out): the rows no longer fit any table.
    #[serde(default)]
    ragged: bool,
}

impl Rows {
    /// Room for `rows` rows of `width` cells.
    pub fn with_capacity(width: usize, rows: usize) -> Self {
        Rows {
            width,
            cells: Vec::with_capacity(width * rows),
            ragged: false,
        }
    }

    /// Appends a row. Every row of a table has the same width: a row of another width is a
    /// bug of the code that makes them; it is left out and the rows marked, so that `fits`
    /// fails and the writer reports it.
    pub fn push<const N: usize>(&mut self, row: [Value; N]) {
        if self.cells.is_empty() {
            self.width = N;
        }
        if self.width == N {
            self.cells.extend(row);
        } else {
            self.ragged = true;
        }
    }

    pub fn len(&self) -> usize {
        self.cells.len().checked_div(self.width).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// The rows in order.
    pub fn iter(&self) -> impl Iterator<Item = &[Value]> {
        self.cells.chunks_exact(self.width.max(1))
    }

    /// Whether every row has `columns` cells (a cache entry of another layout may not).
    pub fn fits(&self, columns: usize) -> bool {
        !self.ragged
            && (self.cells.is_empty() || (self.width == columns && self.cells.len() % columns == 0))
    }
}

/// Errors while writing tables: the tool's or the file system's fault, never the input's.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write Parquet {path}: {source}")]
    Parquet {
        path: PathBuf,
        source: parquet::errors::ParquetError,
    },
    #[error("cannot write CSV {path}: {source}")]
    Csv { path: PathBuf, source: csv::Error },
    #[error("internal error building table {table}: {message}")]
    Internal { table: String, message: String },
}

const EPOCH: Date = jiff::civil::date(1970, 1, 1);

/// Days since 1970-01-01 (Arrow Date32). A whole number of days between two dates, read as
/// 24-hour days: no `Span` to build and balance, as `until` would.
pub fn date32(d: Date) -> i32 {
    // Every jiff date lies within ±3.7 million days of the epoch.
    i32::try_from(d.duration_since(EPOCH).as_hours() / 24).unwrap_or(0)
}

/// The date of an Arrow Date32 value (`None` beyond jiff's years -9999 to 9999).
pub fn from_date32(days: i32) -> Option<Date> {
    EPOCH
        .checked_add(jiff::SignedDuration::from_hours(24 * i64::from(days)))
        .ok()
}

/// The Arrow schema of a table.
pub fn arrow_schema(table: &TableSchema) -> SchemaRef {
    let fields: Vec<Field> = table
        .columns
        .iter()
        .map(|c| {
            let ty = match c.ty {
                ColType::Str => DataType::Utf8,
                ColType::Int => DataType::Int64,
                ColType::Date => DataType::Date32,
                ColType::StrList => {
                    DataType::List(Arc::new(Field::new("item", DataType::Utf8, true)))
                }
            };
            Field::new(c.name, ty, c.nullable)
        })
        .collect();
    Arc::new(Schema::new(fields))
}

enum Builder {
    Str(StringBuilder),
    Int(Int64Builder),
    Date(Date32Builder),
    List(ListBuilder<StringBuilder>),
}

impl Builder {
    fn new(ty: ColType) -> Self {
        match ty {
            ColType::Str => Builder::Str(StringBuilder::new()),
            ColType::Int => Builder::Int(Int64Builder::new()),
            ColType::Date => Builder::Date(Date32Builder::new()),
            ColType::StrList => Builder::List(ListBuilder::new(StringBuilder::new())),
        }
    }

    /// Appends `v` to the column, and gives its CSV text (formatted in `cells`) and the bytes of
    /// text it holds: one dispatch on the cell for the Parquet column, the CSV file and the
    /// batch's size.
    fn append<'c>(
        &mut self,
        v: &'c Value,
        cells: &'c mut CsvCells,
    ) -> Result<(&'c [u8], usize), String> {
        Ok(match (self, v) {
            (Builder::Str(b), Value::Str(s)) => {
                let s = s.as_str();
                b.append_value(s);
                (s.as_bytes(), s.len())
            }
            (Builder::Int(b), Value::Int(n)) => {
                b.append_value(*n);
                (cells.int(*n), 0)
            }
            (Builder::Date(b), Value::Date(d)) => {
                b.append_value(date32(*d));
                (cells.date(*d), 0)
            }
            (Builder::List(b), Value::List(items)) => {
                for item in items {
                    b.values().append_value(item);
                }
                b.append(true);
                (cells.list(items), items.iter().map(String::len).sum())
            }
            (Builder::Str(b), Value::Null) => {
                b.append_null();
                (b"", 0)
            }
            (Builder::Int(b), Value::Null) => {
                b.append_null();
                (b"", 0)
            }
            (Builder::Date(b), Value::Null) => {
                b.append_null();
                (b"", 0)
            }
            (Builder::List(b), Value::Null) => {
                b.append(false);
                (b"", 0)
            }
            (_, v) => return Err(format!("value {v:?} does not fit the column type")),
        })
    }

    /// The batch so far as an array. The builder starts the next batch with room for one as
    /// large: grown from empty instead, every batch would copy its buffers through a dozen
    /// sizes and fault in fresh pages for the larger ones.
    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Str(b) => {
                let next = StringBuilder::with_capacity(b.len(), b.values_slice().len());
                Arc::new(std::mem::replace(b, next).finish())
            }
            Builder::Int(b) => {
                let next = Int64Builder::with_capacity(b.len());
                Arc::new(std::mem::replace(b, next).finish())
            }
            Builder::Date(b) => {
                let next = Date32Builder::with_capacity(b.len());
                Arc::new(std::mem::replace(b, next).finish())
            }
            Builder::List(b) => Arc::new(b.finish()),
        }
    }
}

/// The text of a row's CSV cells, formatted without allocating per cell: strings as they are,
/// integers in decimal, dates as `YYYY-MM-DD`, lists joined by `;`, nulls empty. Each cell goes
/// straight to `csv::Writer::write_field`, which quotes it where it must be.
#[derive(Default)]
struct CsvCells {
    /// The text of a date or a list while it is written.
    scratch: Vec<u8>,
    number: itoa::Buffer,
}

impl CsvCells {
    fn int(&mut self, n: i64) -> &[u8] {
        self.number.format(n).as_bytes()
    }

    fn date(&mut self, d: Date) -> &[u8] {
        self.scratch.clear();
        push_iso_date(&mut self.scratch, d);
        &self.scratch
    }

    fn list(&mut self, items: &[String]) -> &[u8] {
        self.scratch.clear();
        for (k, item) in items.iter().enumerate() {
            if k > 0 {
                self.scratch.push(b';');
            }
            self.scratch.extend_from_slice(item.as_bytes());
        }
        &self.scratch
    }

    /// The CSV text of `v`, whatever its column.
    #[cfg(test)]
    fn cell<'c>(&'c mut self, v: &'c Value) -> &'c [u8] {
        match v {
            Value::Str(s) => s.as_str().as_bytes(),
            Value::Int(n) => self.int(*n),
            Value::Date(d) => self.date(*d),
            Value::List(items) => self.list(items),
            Value::Null => b"",
        }
    }
}

/// Appends `d` as `YYYY-MM-DD` (years before 0 or after 9999 through jiff's own formatting).
fn push_iso_date(out: &mut Vec<u8>, d: Date) {
    match crate::calendar::iso_date_bytes(d) {
        Some(text) => out.extend_from_slice(&text),
        None => out.extend_from_slice(d.to_string().as_bytes()),
    }
}

/// Appends `d` to a string as `push_iso_date` does to bytes: `d.to_string()` without its cost.
pub fn push_iso_date_str(out: &mut String, d: Date) {
    match crate::calendar::iso_date_bytes(d) {
        // ASCII digits and dashes.
        Some(text) => out.extend(text.iter().map(|&b| char::from(b))),
        None => out.push_str(&d.to_string()),
    }
}

/// The text a table writer buffers before it writes a record batch, and the encoded size at
/// which it closes a row group, whatever their row counts: rows of long lists (a person's
/// articles, a conflict's explanation) would otherwise hold many MiB per batch.
const BATCH_BYTES: usize = 1 << 20;

/// The CSV writer's buffer: each write to the file hands over this much.
const CSV_BUFFER_BYTES: usize = 64 << 10;

/// Writes one table as `<dir>/<name>.parquet` and `<dir>/<name>.csv`.
pub struct TableWriter {
    table: &'static TableSchema,
    schema: SchemaRef,
    builders: Vec<Builder>,
    pending: usize,
    /// The text bytes of the pending rows.
    pending_bytes: usize,
    batch_rows: usize,
    rows: u64,
    parquet: ArrowWriter<BufWriter<File>>,
    parquet_path: PathBuf,
    csv: csv::Writer<BufWriter<File>>,
    csv_path: PathBuf,
    csv_cells: CsvCells,
}

impl TableWriter {
    pub fn create(
        dir: &Path,
        table: &'static TableSchema,
        batch_rows: usize,
    ) -> Result<Self, WriteError> {
        let schema = arrow_schema(table);
        let parquet_path = dir.join(format!("{}.parquet", table.name));
        let csv_path = dir.join(format!("{}.csv", table.name));
        // Parquet's writer (`TrackedWrite`) and the csv crate's buffer what they write on their
        // own: a second buffer under them would only copy every byte once more (a `BufWriter` of
        // no capacity hands each write straight to the file).
        let open = |p: &Path| {
            File::create(p)
                .map(|f| BufWriter::with_capacity(0, f))
                .map_err(|source| WriteError::Io {
                    path: p.to_path_buf(),
                    source,
                })
        };
        let mut props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("newsfacts {}", env!("CARGO_PKG_VERSION")))
            .set_max_row_group_row_count(Some(batch_rows.max(1)))
            // Row-group statistics only: a column chunk of a row group is about one page here, so
            // a page index would repeat them, and the writer would hold it for every row group
            // of the table until the file closes (memory that grows with the corpus).
            .set_statistics_enabled(EnabledStatistics::Chunk);
        // `Column::distinct` says why these go without a dictionary.
        for c in table.columns.iter().filter(|c| c.distinct) {
            props = props.set_column_dictionary_enabled(ColumnPath::from(c.name), false);
        }
        let props = props.build();
        let parquet = ArrowWriter::try_new(open(&parquet_path)?, schema.clone(), Some(props))
            .map_err(|source| WriteError::Parquet {
                path: parquet_path.clone(),
                source,
            })?;
        let mut csv = csv::WriterBuilder::new()
            .buffer_capacity(CSV_BUFFER_BYTES)
            .from_writer(open(&csv_path)?);
        csv.write_record(table.columns.iter().map(|c| c.name))
            .map_err(|source| WriteError::Csv {
                path: csv_path.clone(),
                source,
            })?;
        Ok(Self {
            table,
            schema,
            builders: table.columns.iter().map(|c| Builder::new(c.ty)).collect(),
            pending: 0,
            pending_bytes: 0,
            batch_rows: batch_rows.max(1),
            rows: 0,
            parquet,
            parquet_path,
            csv,
            csv_path,
            csv_cells: CsvCells::default(),
        })
    }

    pub fn push(&mut self, row: &[Value]) -> Result<(), WriteError> {
        if row.len() != self.builders.len() {
            return Err(self.internal(format!(
                "row has {} cells, table has {} columns",
                row.len(),
                self.builders.len()
            )));
        }
        let Self {
            table,
            builders,
            csv,
            csv_path,
            csv_cells,
            ..
        } = self;
        let csv_error = |source| WriteError::Csv {
            path: csv_path.clone(),
            source,
        };
        for ((b, v), c) in builders.iter_mut().zip(row).zip(table.columns) {
            if matches!(v, Value::Null) && !c.nullable {
                return Err(WriteError::Internal {
                    table: table.name.into(),
                    message: format!("null in non-nullable column {}", c.name),
                });
            }
            let (text, text_bytes) =
                b.append(v, csv_cells)
                    .map_err(|message| WriteError::Internal {
                        table: table.name.into(),
                        message: format!("column {}: {message}", c.name),
                    })?;
            csv.write_field(text).map_err(csv_error)?;
            self.pending_bytes += text_bytes;
        }
        // No more fields: only the record's terminator.
        csv.write_record(None::<&[u8]>).map_err(csv_error)?;
        self.pending += 1;
        self.rows += 1;
        if self.pending >= self.batch_rows || self.pending_bytes >= BATCH_BYTES {
            self.flush_batch()?;
        }
        Ok(())
    }

    fn internal(&self, message: String) -> WriteError {
        WriteError::Internal {
            table: self.table.name.into(),
            message,
        }
    }

    fn flush_batch(&mut self) -> Result<(), WriteError> {
        if self.pending == 0 {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self.builders.iter_mut().map(Builder::finish).collect();
        let batch = RecordBatch::try_new(self.schema.clone(), arrays)
            .map_err(|e| self.internal(e.to_string()))?;
        self.parquet
            .write(&batch)
            .map_err(|source| WriteError::Parquet {
                path: self.parquet_path.clone(),
                source,
            })?;
        if self.parquet.in_progress_size() >= BATCH_BYTES {
            self.parquet.flush().map_err(|source| WriteError::Parquet {
                path: self.parquet_path.clone(),
                source,
            })?;
        }
        self.pending = 0;
        self.pending_bytes = 0;
        Ok(())
    }

    /// Flushes, closes and fsyncs both files; returns the row count.
    pub fn finish(self) -> Result<u64, WriteError> {
        let (rows, files) = self.finish_unsynced()?;
        files.sync()?;
        Ok(rows)
    }

    /// Writes what is buffered and closes both files, leaving their sync to disk to the caller
    /// (who may overlap it with other work, and must sync before publishing).
    pub fn finish_unsynced(mut self) -> Result<(u64, Unsynced), WriteError> {
        self.flush_batch()?;
        let parquet_path = self.parquet_path.clone();
        let inner = self
            .parquet
            .into_inner()
            .map_err(|source| WriteError::Parquet {
                path: parquet_path.clone(),
                source,
            })?;
        let parquet = flushed(inner, &parquet_path)?;
        let csv_path = self.csv_path.clone();
        let inner = self.csv.into_inner().map_err(|e| WriteError::Io {
            path: csv_path.clone(),
            source: e.into_error(),
        })?;
        let csv = flushed(inner, &csv_path)?;
        Ok((
            self.rows,
            Unsynced {
                files: vec![(parquet, parquet_path), (csv, csv_path)],
            },
        ))
    }
}

/// A finished table's files, complete but maybe not yet on disk.
#[must_use = "a table is durable only once synced"]
pub struct Unsynced {
    files: Vec<(File, PathBuf)>,
}

impl Unsynced {
    /// Waits until the files are on disk.
    pub fn sync(self) -> Result<(), WriteError> {
        for (file, path) in self.files {
            file.sync_all()
                .map_err(|source| WriteError::Io { path, source })?;
        }
        Ok(())
    }
}

/// Finished tables being synced to disk on a thread of their own, while the caller goes on.
/// `wait` reports the outcome; dropping it (on an error path) still waits for the thread, so no
/// sync outlives the run that started it.
pub struct Syncing(Option<std::thread::JoinHandle<Result<(), WriteError>>>);

impl Syncing {
    pub fn start(tables: Vec<Unsynced>) -> std::io::Result<Self> {
        let handle = std::thread::Builder::new()
            .name("sync".into())
            .spawn(move || tables.into_iter().try_for_each(Unsynced::sync))?;
        Ok(Self(Some(handle)))
    }

    /// Waits until every file is on disk.
    pub fn wait(mut self) -> Result<(), WriteError> {
        match self.0.take() {
            Some(handle) => handle.join().unwrap_or_else(|_| {
                Err(WriteError::Internal {
                    table: "(all)".into(),
                    message: "the thread syncing the tables panicked".into(),
                })
            }),
            None => Ok(()),
        }
    }
}

impl Drop for Syncing {
    fn drop(&mut self) {
        if let Some(handle) = self.0.take() {
            let _ = handle.join();
        }
    }
}

fn flushed(w: BufWriter<File>, path: &Path) -> Result<File, WriteError> {
    let io = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut w = w;
    w.flush().map_err(io)?;
    w.into_inner().map_err(|e| io(e.into_error()))
}

/// Writes a whole table from rows at once.
pub fn write_table(
    dir: &Path,
    table: &'static TableSchema,
    rows: &[Row],
    batch_rows: usize,
) -> Result<u64, WriteError> {
    let mut w = TableWriter::create(dir, table, batch_rows)?;
    for r in rows {
        w.push(r)?;
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date32_counts_days_from_1970_and_comes_back_as_its_date() {
        let d = |y, m, day| jiff::civil::date(y, m, day);
        assert_eq!(date32(d(1970, 1, 1)), 0);
        assert_eq!(date32(d(1969, 12, 31)), -1);
        assert_eq!(date32(d(2020, 10, 28)), 18_563);
        assert_eq!(date32(d(2000, 3, 1)), 11_017);
        // Each day from 1899 to 2101, and jiff's first and last days, against the calendar's
        // own count of days.
        let mut day = d(1899, 1, 1);
        while day <= d(2101, 12, 31) {
            let days = EPOCH.until(day).map(|s| s.get_days()).unwrap_or(i32::MIN);
            assert_eq!(date32(day), days, "{day}");
            assert_eq!(from_date32(days), Some(day));
            day = day.tomorrow().unwrap();
        }
        for end in [Date::MIN, Date::MAX] {
            assert_eq!(from_date32(date32(end)), Some(end));
        }
        assert_eq!(from_date32(date32(Date::MAX) + 1), None);
    }

    #[test]
    fn a_text_cell_is_its_text_whether_labelled_shared_or_owned() {
        let shared: Arc<str> = Arc::from("name");
        let forms = [
            Value::label("name"),
            Value::shared(Arc::clone(&shared)),
            Value::from("name"),
        ];
        for v in &forms {
            assert_eq!(v, &Value::from(String::from("name")));
            assert_eq!(serde_json::to_string(v).unwrap(), r#"{"Str":"name"}"#);
            let back: Value = serde_json::from_str(r#"{"Str":"name"}"#).unwrap();
            assert_eq!(&back, v);
        }
        assert_ne!(Value::label("name"), Value::from("Name"));
    }

    #[test]
    fn rows_of_one_table_come_back_in_order_and_a_row_of_another_width_spoils_the_fit() {
        let mut rows = Rows::with_capacity(3, 2);
        assert!(rows.is_empty() && rows.fits(3) && rows.fits(5));
        rows.push([Value::from("a"), Value::Int(1), Value::Null]);
        rows.push([Value::from("b"), Value::Int(2), Value::label("x")]);
        assert_eq!(rows.len(), 2);
        let firsts: Vec<&Value> = rows.iter().map(|r| &r[0]).collect();
        assert_eq!(firsts, [&Value::from("a"), &Value::from("b")]);
        assert!(rows.iter().all(|r| r.len() == 3));
        assert!(rows.fits(3) && !rows.fits(4));
        let back: Rows = serde_json::from_str(&serde_json::to_string(&rows).unwrap()).unwrap();
        assert_eq!(back, rows);
        // A row of another width is left out, and the rows no longer fit their table.
        rows.push([Value::from("c"), Value::Int(3)]);
        assert_eq!(rows.len(), 2);
        assert!(!rows.fits(3));
    }

    #[test]
    fn every_batch_after_the_first_holds_its_own_rows() {
        use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
        let dir = tempfile::tempdir().unwrap();
        // Two rows a batch: five rows make three batches, each started with the last one's room.
        let mut w =
            TableWriter::create(dir.path(), &super::super::schema::PERSON_LINKS, 2).unwrap();
        let texts = [
            "short",
            "a much longer text than the first",
            "",
            "x",
            "the last one",
        ];
        for (key, text) in texts.iter().enumerate() {
            let row = [
                Value::from("a1"),
                Value::from(key),
                Value::from(*text),
                Value::from("n"),
            ];
            w.push(&row).unwrap();
        }
        assert_eq!(w.finish().unwrap(), 5);
        let file = std::fs::File::open(dir.path().join("person_links.parquet")).unwrap();
        let reader = ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .build()
            .unwrap();
        let mut keys = Vec::new();
        let mut read = Vec::new();
        for batch in reader {
            let batch = batch.unwrap();
            let k = batch
                .column(1)
                .as_any()
                .downcast_ref::<arrow::array::Int64Array>();
            keys.extend(k.unwrap().values().iter().copied());
            let t = batch
                .column(2)
                .as_any()
                .downcast_ref::<arrow::array::StringArray>();
            read.extend(t.unwrap().iter().map(|v| v.unwrap().to_string()));
        }
        assert_eq!(keys, [0, 1, 2, 3, 4]);
        assert_eq!(read, texts);
        let csv = std::fs::read_to_string(dir.path().join("person_links.csv")).unwrap();
        let lines: Vec<&str> = csv.lines().skip(1).collect();
        assert_eq!(lines.len(), 5);
        assert_eq!(lines[1], "a1,1,a much longer text than the first,n");
        assert_eq!(lines[2], "a1,2,,n");
    }

    #[test]
    fn wide_rows_are_written_in_batches_and_row_groups_bounded_by_bytes() {
        use parquet::file::reader::{FileReader, SerializedFileReader};
        let dir = tempfile::tempdir().unwrap();
        let mut w =
            TableWriter::create(dir.path(), &super::super::schema::PERSON_LINKS, 1000).unwrap();
        // 40 rows of 1 MiB of text that does not compress: far below 1,000 rows, far above the
        // byte budget.
        let mut state: u64 = 7;
        let mut text = || {
            (0..1 << 20)
                .map(|_| {
                    state = state
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    char::from(b'a' + (state >> 59) as u8 % 26)
                })
                .collect::<String>()
        };
        for key in 0..40 {
            let row = [
                Value::from("a1"),
                Value::Int(key),
                Value::from(text()),
                Value::from("n"),
            ];
            w.push(&row).unwrap();
            assert!(
                w.pending_bytes < BATCH_BYTES,
                "a batch is written once it holds the budget"
            );
        }
        assert_eq!(w.finish().unwrap(), 40);
        let file = std::fs::File::open(dir.path().join("person_links.parquet")).unwrap();
        let meta = SerializedFileReader::new(file).unwrap().metadata().clone();
        let groups = meta.row_groups();
        assert!(groups.len() >= 8, "{} row groups", groups.len());
        let rows: i64 = groups.iter().map(|g| g.num_rows()).sum();
        assert_eq!(rows, 40);
    }

    #[test]
    fn csv_cells_are_quoted_only_where_they_must_be() {
        let dir = tempfile::tempdir().unwrap();
        let mut w =
            TableWriter::create(dir.path(), &super::super::schema::PERSON_LINKS, 2).unwrap();
        for (id, name) in [
            ("plain", "Chrissy Teigen"),
            ("comma", "Legend, John"),
            ("quote", "the \"model\""),
            ("newline", "two\nlines"),
            ("empty", ""),
        ] {
            w.push(&[
                Value::from(id),
                Value::Int(1),
                Value::from("p1"),
                Value::from(name),
            ])
            .unwrap();
        }
        // A row longer than the CSV writer's buffer takes its slow path: the same text.
        let long = "x,".repeat(10_000);
        w.push(&[
            Value::from("long"),
            Value::Int(2),
            Value::from("p2"),
            Value::from(long.as_str()),
        ])
        .unwrap();
        assert_eq!(w.finish().unwrap(), 6);
        let csv = std::fs::read_to_string(dir.path().join("person_links.csv")).unwrap();
        let want = format!(
            "article_id,person_key,person_id,name\n\
             plain,1,p1,Chrissy Teigen\n\
             comma,1,p1,\"Legend, John\"\n\
             quote,1,p1,\"the \"\"model\"\"\"\n\
             newline,1,p1,\"two\nlines\"\n\
             empty,1,p1,\n\
             long,2,p2,\"{long}\"\n"
        );
        assert_eq!(csv, want);
    }

    #[test]
    fn columns_whose_values_all_differ_are_written_without_a_dictionary() {
        use parquet::file::reader::{FileReader, SerializedFileReader};
        let table = &super::super::schema::ARTICLES;
        let dir = tempfile::tempdir().unwrap();
        let mut w = TableWriter::create(dir.path(), table, 1000).unwrap();
        for n in 0..50_i64 {
            let id = format!("{n:016x}");
            w.push(&[
                Value::from(id.as_str()),
                Value::from(format!("{id}.txt")),
                Value::Date(jiff::civil::date(2020, 10, 28)),
                Value::Int(100),
                Value::Int(100),
                Value::Int(3),
                Value::from(id.repeat(4)),
                Value::Null,
            ])
            .unwrap();
        }
        assert_eq!(w.finish().unwrap(), 50);
        let file = std::fs::File::open(dir.path().join("articles.parquet")).unwrap();
        let meta = SerializedFileReader::new(file).unwrap().metadata().clone();
        let group = meta.row_group(0);
        for (k, c) in table.columns.iter().enumerate() {
            let has_dictionary = group.column(k).dictionary_page_offset().is_some();
            assert_eq!(has_dictionary, !c.distinct, "column {}", c.name);
        }
        assert!(table.columns.iter().any(|c| c.distinct));
    }

    #[test]
    fn csv_dates_read_as_iso_dates_like_jiff_prints_them() {
        let mut d = jiff::civil::date(1899, 12, 25);
        let end = jiff::civil::date(2031, 3, 1);
        while d <= end {
            let mut out = Vec::new();
            push_iso_date(&mut out, d);
            assert_eq!(String::from_utf8(out).unwrap(), d.to_string());
            let mut text = String::from("on ");
            push_iso_date_str(&mut text, d);
            assert_eq!(text, format!("on {d}"));
            d = d.checked_add(jiff::Span::new().days(17)).unwrap();
        }
        let mut out = Vec::new();
        push_iso_date(&mut out, jiff::civil::date(-12, 1, 2));
        assert_eq!(String::from_utf8(out).unwrap(), "-000012-01-02");
        let mut text = String::new();
        push_iso_date_str(&mut text, jiff::civil::date(-12, 1, 2));
        assert_eq!(text, "-000012-01-02");
    }

    #[test]
    fn csv_cells_format_every_value_kind() {
        let mut cells = CsvCells::default();
        let row = [
            Value::from("a,b"),
            Value::Int(-42),
            Value::Date(jiff::civil::date(2020, 10, 28)),
            Value::List(vec!["x".into(), "y".into()]),
            Value::Null,
            Value::Str(Text::Owned(String::new())),
        ];
        let got: Vec<Vec<u8>> = row.iter().map(|v| cells.cell(v).to_vec()).collect();
        let want: Vec<&[u8]> = vec![b"a,b", b"-42", b"2020-10-28", b"x;y", b"", b""];
        assert_eq!(got, want);
    }
}
