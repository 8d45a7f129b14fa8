#!/usr/bin/env python3
"""The first thing to open after a run: load the tables with polars, look at who has the most
reported ages, and plot each stated age's birth window against the reconciled window.

    pip install polars matplotlib
    python examples/explore.py output            # writes output/explore.png
"""
import sys
from pathlib import Path

import polars as pl

out = Path(sys.argv[1] if len(sys.argv) > 1 else "output")
articles = pl.read_parquet(out / "articles.parquet")
people = pl.read_parquet(out / "people.parquet")
links = pl.read_parquet(out / "person_links.parquet")
ages = (pl.read_parquet(out / "ages.parquet")
        .join(links.select("article_id", "person_key", "person_id"), on=["article_id", "person_key"])
        .join(people.select("person_id", pl.col("name").alias("person")), on="person_id"))
consistency = pl.read_parquet(out / "consistency.parquet").filter(pl.col("kind") == "birth")

print(f"{articles.height} articles, {people.height} people, {ages.height} stated ages")
print(consistency.group_by("status").len().sort("status"))
print(people.sort("articles", descending=True).head(10).select("name", "articles", "mentions"))

# Ages and their birth windows for the people with the most age claims.
top = consistency.sort(["claims", "name"], descending=[True, False]).head(12)
try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    print("install matplotlib to draw explore.png")
    sys.exit(0)

fig, ax = plt.subplots(figsize=(10, 0.6 * max(top.height, 1) + 1.5))
for i, row in enumerate(top.iter_rows(named=True)):
    claims = ages.filter(pl.col("person_id") == row["person_id"])
    for c in claims.iter_rows(named=True):
        ax.plot([c["born_earliest"], c["born_latest"]], [i, i], lw=6, alpha=0.35,
                color="tab:red" if row["status"] == "conflict" else "tab:blue")
    if row["earliest"] is not None:
        ax.plot([row["earliest"], row["latest"]], [i, i], lw=2.5, color="black")
ax.set_yticks(range(top.height), [f"{n} ({c})" for n, c in zip(top["name"], top["claims"])])
ax.invert_yaxis()
ax.set_title("birth windows per stated age (bars) and their intersection (black)")
fig.tight_layout()
fig.savefig(out / "explore.png", dpi=110)
print(f"wrote {out / 'explore.png'}")
