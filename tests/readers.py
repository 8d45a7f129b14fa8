#!/usr/bin/env python3
"""Real readers over a seeds run: every table loads in polars, pyarrow, pandas and DuckDB with the
names and types the data dictionary (docs/tables.md) documents; ages join to people; one reconciled
birth window is recomputed from the ages. Run by .ci/run inside a virtual environment:

    python tests/readers.py OUTPUT_DIR docs/tables.md
"""
import re
import sys
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

out = Path(sys.argv[1])
dictionary = Path(sys.argv[2]).read_text()
passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {what}")


# The dictionary: table -> [(column, type, nullable)].
tables = {}
for block in re.split(r"^## ", dictionary, flags=re.M)[1:]:
    name = re.match(r"`([a-z_0-9]+)`", block).group(1)
    cols = re.findall(r"^\| `([a-z_0-9]+)` \| ([^|]+) \| (yes|no) \|", block, flags=re.M)
    tables[name] = [(c, t.strip(), n == "yes") for c, t, n in cols]
check(len(tables) >= 11, f"dictionary lists every table ({len(tables)})")

ARROW = {"string (utf8)": (pa.string(), pa.large_string()), "int64": (pa.int64(),), "date32": (pa.date32(),),
         "list<string>": (pa.list_(pa.string()), pa.list_(pa.large_string()), pa.large_list(pa.string()))}
POLARS = {"string (utf8)": pl.String, "int64": pl.Int64, "date32": pl.Date, "list<string>": pl.List(pl.String)}
DUCK = {"string (utf8)": "VARCHAR", "int64": "BIGINT", "date32": "DATE", "list<string>": "VARCHAR[]"}

for name, cols in tables.items():
    path = out / f"{name}.parquet"
    names = [c for c, _, _ in cols]
    # pyarrow
    schema = pq.read_schema(path)
    check(schema.names == names, f"pyarrow {name} columns {schema.names}")
    for c, t, nullable in cols:
        f = schema.field(c)
        check(any(f.type.equals(x) for x in ARROW[t]), f"pyarrow {name}.{c}: {f.type} vs {t}")
        check(f.nullable == nullable or nullable, f"pyarrow {name}.{c} nullability")
    # polars
    df = pl.read_parquet(path)
    check(df.columns == names, f"polars {name} columns")
    for c, t, _ in cols:
        check(df.schema[c] == POLARS[t], f"polars {name}.{c}: {df.schema[c]} vs {t}")
    # pandas
    pdf = pd.read_parquet(path)
    check(list(pdf.columns) == names and len(pdf) == df.height, f"pandas {name}")
    # duckdb
    desc = duckdb.sql(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()
    check([d[0] for d in desc] == names, f"duckdb {name} columns")
    for (c, t, _), d in zip(cols, desc):
        check(d[1] == DUCK[t], f"duckdb {name}.{c}: {d[1]} vs {t}")
    # CSV: same columns, same row count
    csv = pl.read_csv(out / f"{name}.csv", infer_schema=False)
    check(csv.columns == names and csv.height == df.height, f"csv {name}")

# Ages join to people through person_links (DuckDB and pandas agree).
sql = f"""
SELECT p.name, a.age, a.as_of FROM read_parquet('{out}/ages.parquet') a
JOIN read_parquet('{out}/person_links.parquet') l USING (article_id, person_key)
JOIN read_parquet('{out}/people.parquet') p USING (person_id) ORDER BY p.name, a.as_of"""
joined = duckdb.sql(sql).fetchall()
check([(n, a) for n, a, _ in joined] == [("Chrissy Teigen", 34), ("Chrissy Teigen", 36), ("John Legend", 41)],
      f"ages join to people: {joined}")
links = pd.read_parquet(out / "person_links.parquet")[["article_id", "person_key", "person_id"]]
canonical = pd.read_parquet(out / "people.parquet")[["person_id", "name"]].rename(columns={"name": "name_canonical"})
ages = pd.read_parquet(out / "ages.parquet").merge(links, on=["article_id", "person_key"]).merge(canonical, on="person_id")
check(sorted(ages["name_canonical"]) == ["Chrissy Teigen", "Chrissy Teigen", "John Legend"], "pandas join")

# Recompute Teigen's reconciled birth window from her age rows (polars) and compare with consistency.
teigen = (pl.read_parquet(out / "ages.parquet")
          .join(pl.read_parquet(out / "person_links.parquet"), on=["article_id", "person_key"])
          .join(pl.read_parquet(out / "people.parquet").select("person_id", pl.col("name").alias("canonical")), on="person_id")
          .filter(pl.col("canonical") == "Chrissy Teigen")
          .select(pl.col("born_earliest").max(), pl.col("born_latest").min()))
row = (pl.read_parquet(out / "consistency.parquet")
       .filter((pl.col("name") == "Chrissy Teigen") & (pl.col("kind") == "birth"))
       .select("earliest", "latest"))
check(teigen.rows() == row.rows() and str(row.rows()[0][0]) == "1985-10-29" and str(row.rows()[0][1]) == "1986-08-09",
      f"recomputed window {teigen.rows()} == consistency {row.rows()}")

print(f"readers: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
