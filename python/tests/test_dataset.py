"""Duplicates and the dataset export seen from Python: the book's export imported, its Medium
articles found again as Substack copies, and the corpus loaded by Hugging Face `datasets` as a user
would load it."""

from __future__ import annotations

import re
from pathlib import Path

import datasets

import llmtwin

BOOK_EXPORT = Path(__file__).resolve().parents[2] / "testdata" / "book-export"


def test_find_documents_without_duplicates_leaves_out_the_copies(sqlite_uri):
    warehouse = llmtwin.Warehouse(sqlite_uri)
    assert warehouse.import_export(str(BOOK_EXPORT)) == 78  # 2 users, 76 articles
    clusters = warehouse.duplicates()
    copies = {m["id"] for c in clusters for m in c["members"] if not m["canonical"]}
    assert len(clusters) >= 4 and len(copies) == len(clusters)

    every = llmtwin.find_documents("articles", warehouse=warehouse)
    unique = llmtwin.find_documents("articles", warehouse=warehouse, include_duplicates=False)
    assert len(every) == 76
    assert len(unique) == 76 - len(copies)
    assert copies.isdisjoint(a["_id"] for a in unique)
    assert len(llmtwin.find_documents("articles", warehouse=warehouse, include_duplicates=False, limit=10)) == 10


def test_the_dataset_export_loads_with_hugging_face_datasets_and_its_card_matches(sqlite_uri, tmp_path):
    warehouse = llmtwin.Warehouse(sqlite_uri)
    warehouse.import_export(str(BOOK_EXPORT))
    out = tmp_path / "corpus"
    summary = warehouse.export_dataset(str(out), include_duplicates=False, min_words=100)

    corpus = datasets.load_dataset("json", data_files=str(out / "data" / "*.jsonl"), split="train",
                                   cache_dir=str(tmp_path / "hf-cache"))
    assert corpus.num_rows == summary["rows"]
    assert set(corpus.column_names) == {"id", "author", "platform", "kind", "title", "text", "link", "published",
                                        "language", "words", "path"}
    assert sum(corpus["words"]) == summary["words"]
    assert min(corpus["words"]) >= 100
    unique = llmtwin.find_documents("articles", warehouse=warehouse, include_duplicates=False)
    assert corpus.num_rows == len(unique) - summary["short_removed"]
    assert {row["author"] for row in corpus} == {"Maxime Labonne", "Paul Iusztin"}

    card = (out / "README.md").read_text()
    assert f"- rows: {corpus.num_rows}\n" in card
    assert f"- near-duplicates left out: {summary['duplicates_removed']}\n" in card
    per_platform = {m.group(1): int(m.group(2)) for m in re.finditer(r"^\| (\S+) \| unknown \| (\d+) \|", card, re.M)}
    assert per_platform == dict(corpus.to_pandas().groupby("platform").size())
