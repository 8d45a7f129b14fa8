//! newsfacts: turns a corpus of dated news articles into structured, reconcilable fact tables.
//!
//! Stages: `corpus` (parse) → `temporal` (dates) → `people` (people, ages, relations) → per-article
//! tables (`extract`, `tables`) → `reconcile` (people, facts, consistency across articles) →
//! `check` (the CI gate). `pipeline::run` wires them into the `run` job.

pub mod cache;
pub mod calendar;
pub mod check;
pub mod config;
pub mod corpus;
pub mod error;
pub mod eval;
pub mod explain;
pub mod extract;
pub mod memory;
pub mod people;
pub mod pipeline;
pub mod reconcile;
pub mod report;
pub mod sorted;
pub mod tables;
pub mod temporal;
pub mod words;
