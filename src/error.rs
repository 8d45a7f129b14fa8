//! Errors that stop a run, typed by who is at fault: the user (bad configuration or input root,
//! exit 2) or the tool itself (a bug or an I/O failure while writing, exit 2 with context).
//! Problems with single articles are never errors: they are `RejectReason`s in the rejects table.

use std::path::PathBuf;

/// The user asked for something that cannot run. The message says what to do.
#[derive(Debug, thiserror::Error)]
pub enum UserError {
    #[error(
        "cannot read the configuration {path}: {message} (pass --config FILE, or run from the project folder)"
    )]
    ConfigUnreadable { path: PathBuf, message: String },
    #[error("the configuration {path} is invalid: {message}")]
    ConfigInvalid { path: PathBuf, message: String },
    #[error(
        "the input folder {path} cannot be read: {message} (check the path, or pass --input DIR)"
    )]
    InputUnreadable { path: PathBuf, message: String },
    #[error("the output folder {path} is not usable: {message} (pass --output DIR)")]
    OutputUnusable { path: PathBuf, message: String },
    #[error(
        "{path} does not hold newsfacts tables: {message} (run `newsfacts run` first, or name the output folder)"
    )]
    NotAnOutput { path: PathBuf, message: String },
    #[error("{0}")]
    Usage(String),
}
