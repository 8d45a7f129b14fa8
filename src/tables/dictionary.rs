//! The data dictionary (`docs/tables.md`), rendered from the same schema definitions the writers
//! use, so documentation and files cannot drift apart (a test compares them).

use super::schema::{self, SCHEMA_VERSION};
use std::fmt::Write as _;

/// The whole dictionary as Markdown.
pub fn render() -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# newsfacts tables (schema version {SCHEMA_VERSION})\n");
    let _ = writeln!(
        s,
        "Generated from `src/tables/schema.rs` by `cargo test --test dictionary` with \
         `NEWSFACTS_UPDATE_DOCS=1`; do not edit by hand.\n\n\
         Every table is written twice into the output folder, with the same columns in the same \
         order: `NAME.parquet` (Snappy; dates are Arrow `date32`, lists are `list<string>`) and \
         `NAME.csv` (UTF-8, header row; dates `YYYY-MM-DD`, lists joined with `;`, nulls empty). \
         Byte offsets (`start`, `end`) point into the article body, the text after the \
         ` date YYYY-MM-DD ` header. Rows are in a deterministic order whatever the thread count.\n\n\
         Joins: `ages`, `mentions`, `local_people` and `claims` carry `(article_id, person_key)`, \
         the person within one article; `person_links` maps that pair to `person_id`, the \
         canonical person of `people`, `facts` and `consistency`.\n"
    );
    for t in schema::all_tables() {
        let _ = writeln!(
            s,
            "## `{}`\n\nOne row per {}. Written by the {} stage.\n",
            t.name, t.row, t.stage
        );
        let _ = writeln!(s, "| column | type | null | meaning | example |");
        let _ = writeln!(s, "|---|---|---|---|---|");
        for c in t.columns {
            let _ = writeln!(
                s,
                "| `{}` | {} | {} | {} | `{}` |",
                c.name,
                c.ty.arrow_name(),
                if c.nullable { "yes" } else { "no" },
                c.doc.replace('|', "\\|"),
                c.example.replace('|', "\\|")
            );
        }
        s.push('\n');
    }
    s
}
