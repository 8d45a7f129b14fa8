//! `docs/tables.md` is generated from the schema definitions the writers use; this test fails when
//! the committed file drifts from them (set NEWSFACTS_UPDATE_DOCS=1 to regenerate), and checks
//! that a written Parquet file carries exactly the documented columns and types.

mod common;
use common::*;

#[test]
fn the_data_dictionary_matches_the_schema_definitions() {
    let path = repo().join("docs/tables.md");
    let rendered = newsfacts::tables::dictionary::render();
    if std::env::var_os("NEWSFACTS_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &rendered).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == rendered,
        "docs/tables.md is stale: run NEWSFACTS_UPDATE_DOCS=1 cargo test --test dictionary"
    );
}

#[test]
fn written_parquet_files_carry_the_documented_columns_and_types() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    run(&repo().join("seeds"), &out);
    for t in newsfacts::tables::schema::all_tables() {
        let file = std::fs::File::open(out.join(format!("{}.parquet", t.name))).unwrap();
        let reader =
            parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
        let expected = newsfacts::tables::writer::arrow_schema(t);
        let fields: Vec<_> = reader
            .schema()
            .fields()
            .iter()
            .map(|f| (f.name().clone(), f.data_type().clone()))
            .collect();
        let want: Vec<_> = expected
            .fields()
            .iter()
            .map(|f| (f.name().clone(), f.data_type().clone()))
            .collect();
        assert_eq!(fields, want, "{}", t.name);
        let csv_header = std::fs::read_to_string(out.join(format!("{}.csv", t.name))).unwrap();
        let names: Vec<&str> = t.columns.iter().map(|c| c.name).collect();
        assert_eq!(
            csv_header.lines().next().unwrap(),
            names.join(","),
            "{}",
            t.name
        );
    }
}
