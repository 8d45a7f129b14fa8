//! The one definition of every output table: names, column types, meanings and examples. The
//! Parquet and CSV writers, the data dictionary (`docs/tables.md`) and the readers in tests all
//! derive from these definitions.

/// Version of the table layout; bumped on any change of a column's name, type or meaning.
pub const SCHEMA_VERSION: u32 = 2;

/// A column's logical type. Parquet uses the Arrow type; CSV the text form given here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColType {
    /// UTF-8 text. CSV: as is.
    Str,
    /// 64-bit signed integer. CSV: decimal.
    Int,
    /// Calendar date (Arrow Date32). CSV: `YYYY-MM-DD`.
    Date,
    /// List of text (Arrow List<Utf8>). CSV: items joined with `;`.
    StrList,
}

impl ColType {
    pub fn arrow_name(self) -> &'static str {
        match self {
            ColType::Str => "string (utf8)",
            ColType::Int => "int64",
            ColType::Date => "date32",
            ColType::StrList => "list<string>",
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub name: &'static str,
    pub ty: ColType,
    pub nullable: bool,
    pub doc: &'static str,
    pub example: &'static str,
    /// Values mostly differ, even within a row group (three in four or more on the GVA corpus):
    /// Parquet writes them plain, as a dictionary would hold nearly every value once more and
    /// only add the work of building it.
    pub distinct: bool,
}

impl Column {
    /// The same column, marked as one whose values mostly differ.
    const fn distinct(self) -> Column {
        Column {
            distinct: true,
            ..self
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct TableSchema {
    pub name: &'static str,
    /// What one row is.
    pub row: &'static str,
    /// Which stage writes it.
    pub stage: &'static str,
    pub columns: &'static [Column],
}

impl TableSchema {
    pub fn column_index(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }
}

const fn col(name: &'static str, ty: ColType, doc: &'static str, example: &'static str) -> Column {
    Column {
        name,
        ty,
        nullable: false,
        doc,
        example,
        distinct: false,
    }
}

const fn opt(name: &'static str, ty: ColType, doc: &'static str, example: &'static str) -> Column {
    Column {
        name,
        ty,
        nullable: true,
        doc,
        example,
        distinct: false,
    }
}

use ColType::{Date, Int, Str, StrList};

const ARTICLE_ID: Column = col(
    "article_id",
    Str,
    "Article id: first 16 hex digits of the SHA-256 of the input file",
    "9f1c2a7d3b5e8c01",
);

pub const ARTICLES: TableSchema = TableSchema {
    name: "articles",
    row: "input file that became an article",
    stage: "parse",
    columns: &[
        ARTICLE_ID.distinct(),
        col(
            "file",
            Str,
            "Path of the input file relative to the input folder; for a record of a JSON Lines, CSV or Parquet file, `FILE#N` (its 1-based line or row, zero-padded to 9 digits) followed by `:ID` when the record has an id",
            "004_9763d43b487f5c96.txt",
        ).distinct(),
        col(
            "published",
            Date,
            "Publication date from the ` date YYYY-MM-DD ` header",
            "2020-10-28",
        ),
        col(
            "bytes",
            Int,
            "Size of the body in bytes (offsets in other tables point into it)",
            "2265",
        ),
        col(
            "chars",
            Int,
            "Size of the body in Unicode scalar values",
            "2259",
        ),
        col(
            "sentences",
            Int,
            "Number of sentences found in the body",
            "24",
        ),
        col(
            "content_sha256",
            Str,
            "SHA-256 of the whole input file (for a record: of its text-article form), lower-case hex",
            "9f1c…",
        ).distinct(),
        opt(
            "url",
            Str,
            "Source URL, when a record file gives one",
            "https://example.org/story",
        ),
    ],
};

pub const REJECTS: TableSchema = TableSchema {
    name: "rejects",
    row: "input that could not be used as an article",
    stage: "parse",
    columns: &[
        col(
            "file",
            Str,
            "Path of the input relative to the input folder",
            "broken/no_header.txt",
        ),
        col(
            "reason",
            Str,
            "Stable reason code: empty_file, binary, not_utf8, too_large, missing_header, invalid_date, date_out_of_range, empty_body, unreadable, not_a_file, duplicate, bad_record, internal_error",
            "invalid_date",
        ),
        col(
            "detail",
            Str,
            "Human-readable explanation naming what is wrong",
            "the header date \"2021-02-30\" is not a calendar date",
        ),
        opt(
            "duplicate_of",
            Str,
            "For duplicates: the file (first in path order) with the same content",
            "a/first.txt",
        ),
    ],
};

/// Every input the run accounted for, streamed as it is processed (a manifest listing them would
/// grow with the corpus).
pub const INPUTS: TableSchema = TableSchema {
    name: "inputs",
    row: "input file or record the run read, and what became of it",
    stage: "parse",
    columns: &[
        col(
            "file",
            Str,
            "Path of the input relative to the input folder (a record: `FILE#NNNNNNNNN[:ID]`)",
            "2020/teigen.txt",
        )
        .distinct(),
        col(
            "status",
            Str,
            "`article` (its rows are in the per-article tables) or `reject` (see `rejects`)",
            "article",
        ),
        opt(
            "sha256",
            Str,
            "SHA-256 of the input's bytes, lower-case hex (absent when it could not be read)",
            "9f1c…",
        )
        .distinct(),
        opt(
            "article_id",
            Str,
            "The article it became (status `article`)",
            "9f1c2e4b7a0d3c55",
        )
        .distinct(),
        opt(
            "reason",
            Str,
            "Reject reason code (status `reject`), as in `rejects.reason`",
            "duplicate",
        ),
    ],
};

pub const DATES: TableSchema = TableSchema {
    name: "dates",
    row: "date or time expression in an article",
    stage: "dates",
    columns: &[
        ARTICLE_ID,
        col("text", Str, "The expression as written", "December 2011"),
        col(
            "start",
            Int,
            "Byte offset of the expression in the body",
            "1873",
        ),
        col("end", Int, "Byte offset just past the expression", "1886"),
        col(
            "sentence",
            Int,
            "Index of the sentence holding it (0-based)",
            "17",
        ),
        col(
            "kind",
            Str,
            "TIMEX3 type: date, time, duration or set",
            "date",
        ),
        col(
            "value",
            Str,
            "TIMEX3 value, normalized against the publication date",
            "2011-12",
        ),
        col(
            "granularity",
            Str,
            "Unit of the value: century, decade, year, half, quarter, season, month, week, day, part_of_day, time, vague",
            "month",
        ),
        opt(
            "modifier",
            Str,
            "TIMEX3 mod: APPROX, LESS_THAN, MORE_THAN, EQUAL_OR_LESS, EQUAL_OR_MORE, START, MID, END, BEFORE, AFTER",
            "LESS_THAN",
        ),
        col(
            "anchor",
            Str,
            "What the value is computed from: absolute, document (publication date) or event (a text event; no calendar date given)",
            "absolute",
        ),
        opt(
            "earliest",
            Date,
            "First day the expression can denote (null for durations, sets and vague references)",
            "2011-12-01",
        ),
        opt(
            "latest",
            Date,
            "Last day the expression can denote",
            "2011-12-31",
        ),
    ],
};

pub const MENTIONS: TableSchema = TableSchema {
    name: "mentions",
    row: "mention of a person in an article",
    stage: "people",
    columns: &[
        ARTICLE_ID,
        col(
            "person_key",
            Int,
            "The person within the article (joins local_people and ages)",
            "0",
        ),
        col("text", Str, "The mention as written", "the model"),
        col("start", Int, "Byte offset in the body", "120"),
        col("end", Int, "Byte offset just past the mention", "129"),
        col(
            "sentence",
            Int,
            "Index of the sentence holding it (0-based)",
            "1",
        ),
        col("kind", Str, "name, descriptor or pronoun", "descriptor"),
    ],
};

pub const LOCAL_PEOPLE: TableSchema = TableSchema {
    name: "local_people",
    row: "person within one article (the cluster its mentions resolve to)",
    stage: "people",
    columns: &[
        ARTICLE_ID,
        col("person_key", Int, "The person within the article", "0"),
        col(
            "name",
            Str,
            "Fullest name form in the article, without titles",
            "Chrissy Teigen",
        )
        .distinct(),
        opt(
            "first",
            Str,
            "Given name, when the article gives one",
            "Chrissy",
        ),
        opt(
            "last",
            Str,
            "Surname without suffix, when the article gives one",
            "Teigen",
        ),
        col(
            "gender",
            Str,
            "female, male or unknown (from pronouns and the name lists)",
            "female",
        ),
        col(
            "mentions",
            Int,
            "Mentions of this person in the article",
            "9",
        ),
    ],
};

pub const AGES: TableSchema = TableSchema {
    name: "ages",
    row: "stated age of a person in an article",
    stage: "people",
    columns: &[
        ARTICLE_ID,
        col(
            "person_key",
            Int,
            "The person within the article (joins local_people and person_links)",
            "0",
        ),
        col(
            "name",
            Str,
            "The person's name in the article",
            "Chrissy Teigen",
        ),
        col(
            "age",
            Int,
            "Stated age in completed years (lower bound for a range; 0 for infants)",
            "34",
        ),
        col(
            "age_max",
            Int,
            "Upper bound of the stated age in years (= age unless a range: \"in her 30s\" is 30..39)",
            "34",
        ),
        col(
            "unit",
            Str,
            "Unit the age was stated in: years, months, weeks or days",
            "years",
        ),
        col(
            "as_of",
            Date,
            "Day the age holds on: the publication date, or a dated event's date",
            "2020-10-28",
        ),
        col(
            "anchor",
            Str,
            "publication, event (dated in the text) or undated_event (not used in reconciliation)",
            "publication",
        ),
        col(
            "born_earliest",
            Date,
            "First possible birth date implied by the age on as_of",
            "1985-10-29",
        ),
        col(
            "born_latest",
            Date,
            "Last possible birth date implied by the age on as_of",
            "1986-10-28",
        ),
        col(
            "evidence",
            Str,
            "The words that state the age",
            "the 34-year-old model",
        )
        .distinct(),
        col(
            "start",
            Int,
            "Byte offset of the evidence in the body",
            "512",
        ),
        col("end", Int, "Byte offset just past the evidence", "533"),
        col(
            "sentence_text",
            Str,
            "The sentence holding the evidence",
            "In the earlier released pictures, …",
        )
        .distinct(),
        col(
            "published",
            Date,
            "Publication date of the article",
            "2020-10-28",
        ),
    ],
};

pub const CLAIMS: TableSchema = TableSchema {
    name: "claims",
    row: "relation, role or dated event stated in one article",
    stage: "people",
    columns: &[
        ARTICLE_ID,
        col(
            "subject_key",
            Int,
            "The subject person within the article",
            "0",
        ),
        col(
            "subject",
            Str,
            "The subject's name in the article",
            "Chrissy Teigen",
        ),
        col(
            "predicate",
            Str,
            "spouse, child, parent, sibling, occupation, role, family, or an event (engaged, married, born, died, …)",
            "child",
        ),
        opt(
            "object_key",
            Int,
            "The object person within the article, when the object is a person",
            "3",
        ),
        col(
            "object",
            Str,
            "The object: a person's name, a role noun, or an event's TIMEX3 value",
            "Luna",
        ),
        opt(
            "earliest",
            Date,
            "For dated events: first day the event can be on",
            "2013-09-01",
        ),
        opt(
            "latest",
            Date,
            "For dated events: last day the event can be on",
            "2013-09-30",
        ),
        col(
            "evidence",
            Str,
            "The words that state it",
            "a daughter, Luna",
        ),
        col(
            "start",
            Int,
            "Byte offset of the evidence in the body",
            "2000",
        ),
        col("end", Int, "Byte offset just past the evidence", "2017"),
        col(
            "published",
            Date,
            "Publication date of the article",
            "2020-10-28",
        ),
    ],
};

pub const PERSON_LINKS: TableSchema = TableSchema {
    name: "person_links",
    row: "person within an article, linked to the canonical person across articles",
    stage: "reconcile",
    columns: &[
        ARTICLE_ID,
        col("person_key", Int, "The person within the article", "0"),
        col(
            "person_id",
            Str,
            "Canonical person (joins people, facts, consistency)",
            "p_3f9a0c1d22b4e5f6",
        )
        .distinct(),
        col("name", Str, "The person's name in the article", "Chrissy").distinct(),
    ],
};

pub const PEOPLE: TableSchema = TableSchema {
    name: "people",
    row: "canonical person across all articles",
    stage: "reconcile",
    columns: &[
        col(
            "person_id",
            Str,
            "Stable id derived from the canonical name (and, only when two people share it, their first article)",
            "p_3f9a0c1d22b4e5f6",
        ).distinct(),
        col(
            "name",
            Str,
            "Canonical name: the most frequent full form",
            "Chrissy Teigen",
        ).distinct(),
        col(
            "aliases",
            StrList,
            "Distinct surface forms of name mentions, sorted",
            "Chrissy;Chrissy Teigen;Teigen",
        ),
        col("articles", Int, "Articles that mention the person", "2"),
        col("mentions", Int, "Mentions across all articles", "17"),
        col(
            "first_seen",
            Date,
            "Earliest publication date among those articles",
            "2020-10-28",
        ),
        col(
            "last_seen",
            Date,
            "Latest publication date among those articles",
            "2022-08-09",
        ),
        col(
            "article_ids",
            StrList,
            "The articles, sorted",
            "0a1b…;9f1c…",
        ),
    ],
};

pub const FACTS: TableSchema = TableSchema {
    name: "facts",
    row: "deduplicated fact (subject, predicate, object) with its support",
    stage: "reconcile",
    columns: &[
        col(
            "subject_id",
            Str,
            "Canonical subject person",
            "p_3f9a0c1d22b4e5f6",
        )
        .distinct(),
        col("subject", Str, "Subject's canonical name", "Chrissy Teigen").distinct(),
        col(
            "predicate",
            Str,
            "spouse, child, parent, sibling, occupation, role, family, or an event name",
            "spouse",
        ),
        opt(
            "object_id",
            Str,
            "Canonical object person, when the object is a person",
            "p_77c0…",
        ),
        col(
            "object",
            Str,
            "Object: canonical name, role noun, or the event's TIMEX3 value",
            "John Legend",
        ),
        col(
            "support",
            Int,
            "Number of distinct articles stating the fact",
            "2",
        ),
        col(
            "article_ids",
            StrList,
            "Those articles, sorted",
            "0a1b…;9f1c…",
        ),
        col(
            "first_seen",
            Date,
            "Earliest publication date among them",
            "2020-10-28",
        ),
        col(
            "last_seen",
            Date,
            "Latest publication date among them",
            "2022-08-09",
        ),
        opt(
            "earliest",
            Date,
            "For dated events: first possible day (intersection over the reports)",
            "2013-09-01",
        ),
        opt(
            "latest",
            Date,
            "For dated events: last possible day",
            "2013-09-30",
        ),
        col(
            "evidence",
            Str,
            "Evidence from the earliest article",
            "her 41-year-old husband John",
        )
        .distinct(),
    ],
};

pub const CONSISTENCY: TableSchema = TableSchema {
    name: "consistency",
    row: "canonical person × reconciled fact kind (birth, or an event)",
    stage: "reconcile",
    columns: &[
        col("person_id", Str, "Canonical person", "p_3f9a0c1d22b4e5f6").distinct(),
        col("name", Str, "Canonical name", "Chrissy Teigen").distinct(),
        col(
            "kind",
            Str,
            "birth (from ages) or event:NAME (from dated events)",
            "birth",
        ),
        col(
            "status",
            Str,
            "consistent (the claims' windows intersect) or conflict (they cannot all hold)",
            "consistent",
        ),
        opt(
            "earliest",
            Date,
            "First day of the intersection of all claims' windows (null on conflict)",
            "1985-10-29",
        ),
        opt(
            "latest",
            Date,
            "Last day of the intersection (null on conflict)",
            "1986-08-09",
        ),
        col("claims", Int, "Claims reconciled", "2"),
        col("articles", Int, "Distinct articles among the claims", "2"),
        col(
            "article_ids",
            StrList,
            "Those articles, sorted",
            "0a1b…;9f1c…",
        ),
        col(
            "explanation",
            Str,
            "For a conflict: the smallest set of claims that cannot all hold, with evidence; else a summary",
            "34 on 2020-10-28 and 36 on 2022-08-09 agree on 1985-10-29..1986-08-09",
        ).distinct(),
    ],
};

/// Tables the per-article stages write (shardable).
pub const EXTRACT_TABLES: &[TableSchema] = &[
    ARTICLES,
    REJECTS,
    INPUTS,
    DATES,
    MENTIONS,
    LOCAL_PEOPLE,
    AGES,
    CLAIMS,
];
/// Tables reconcile writes over all articles.
pub const RECONCILE_TABLES: &[TableSchema] = &[PERSON_LINKS, PEOPLE, FACTS, CONSISTENCY];

/// Every table, in the order the dictionary lists them.
pub fn all_tables() -> impl Iterator<Item = &'static TableSchema> {
    EXTRACT_TABLES.iter().chain(RECONCILE_TABLES.iter())
}
