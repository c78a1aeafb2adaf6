"""The corpus folder: every article beside its metadata, loaded as it is on disk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.articles.corpus import (
    METADATA_FIELDS,
    CorpusError,
    derive_title,
    load_corpus,
    metadata_record,
)
from tests.domain_fixtures import CORPUS_DIR


def test_every_article_has_complete_metadata_named_after_it():
    corpus = load_corpus(CORPUS_DIR)
    assert [a.id for a in corpus.articles] == [
        "000_1ceea6555a71a055",
        "001_0495b5b3dbc4bf37",
        "002_41bbc2439664b63b",
    ]
    for article in corpus.articles:
        meta = json.loads((CORPUS_DIR / f"{article.id}.json").read_text())
        assert set(METADATA_FIELDS) <= set(meta), article.id
        assert meta["id"] == article.id
        assert article.language == "en"


def test_article_text_is_the_file_byte_for_byte():
    for article in load_corpus(CORPUS_DIR).articles:
        assert article.text.encode("utf-8") == (CORPUS_DIR / f"{article.id}.txt").read_bytes()


def test_titles_are_derived_from_the_lead():
    for article in load_corpus(CORPUS_DIR).articles:
        assert article.title == derive_title(article.text)
    assert load_corpus(CORPUS_DIR).get("000_1ceea6555a71a055").title == (
        "NASA's Cassini spacecraft has sent back stunning images of Earth and its moon"
    )


@pytest.mark.parametrize(
    "lead, title",
    [
        ("Short headline\nBody text. More.", "Short headline"),
        ("Probe returns images of Earth. It was Friday.", "Probe returns images of Earth"),
        (
            "Images from 1.5 billion kilometres (nearly 900 million miles) away.",
            "Images from 1.5 billion kilometres away",
        ),
    ],
)
def test_derive_title(lead, title):
    assert derive_title(lead) == title


def test_a_long_lead_without_a_comma_is_cut_at_a_word():
    title = derive_title("Saturn " * 30 + "waved back.")
    assert title == ("Saturn " * 14).strip() + "…" and len(title) <= 101


def _write(folder: Path, stem: str, text: str = "A sentence about Saturn.", **meta) -> None:
    (folder / f"{stem}.txt").write_text(text)
    (folder / f"{stem}.json").write_text(json.dumps(metadata_record(stem, text, **meta)))


def test_adding_an_article_is_dropping_two_files_in(tmp_path):
    _write(tmp_path, "010_example", publisher="Example Post")
    (article,) = load_corpus(tmp_path).articles
    assert (article.id, article.publisher, article.url, article.title) == (
        "010_example",
        "Example Post",
        None,
        "A sentence about Saturn",
    )


def test_a_null_title_is_derived(tmp_path):
    (tmp_path / "a.txt").write_text("Lead sentence here. Second.")
    (tmp_path / "a.json").write_text(json.dumps({"id": "a", "title": None}))
    assert load_corpus(tmp_path).articles[0].title == "Lead sentence here"


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda d: (d / "x.json").unlink(), "has no metadata"),
        (lambda d: (d / "y.json").write_text("{}"), "metadata without an article"),
        (lambda d: (d / "x.json").write_text('{"id": "not-x"}'), "id must be the file name stem"),
        (lambda d: (d / "x.json").write_text("{not json"), "not readable JSON"),
        (lambda d: (d / "x.json").write_text('{"id": "x", "url": 5}'), "url must be a string"),
        (lambda d: (d / "x.txt").write_bytes(b"\xff\xfe bad"), "not UTF-8"),
        (lambda d: (d / "x.txt").write_text("  \n"), "is empty"),
    ],
)
def test_an_inconsistent_corpus_is_refused_naming_the_file(tmp_path, damage, message):
    _write(tmp_path, "x")
    damage(tmp_path)
    with pytest.raises(CorpusError, match=message):
        load_corpus(tmp_path)


def test_a_missing_corpus_folder_says_how_to_fix_it(tmp_path):
    with pytest.raises(CorpusError, match="CORPUS_DIR"):
        load_corpus(tmp_path / "nowhere")
