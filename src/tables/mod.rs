//! Output tables: their schemas (the single source of truth), streaming Parquet + CSV writers,
//! the run manifest, and atomic publication of the output folder.

pub mod dictionary;
pub mod manifest;
pub mod publish;
pub mod schema;
pub mod writer;

pub use schema::{ColType, Column, SCHEMA_VERSION, TableSchema};
pub use writer::{Row, TableWriter, Text, Value, WriteError, write_table};
