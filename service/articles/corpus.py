"""The article corpus: news articles as verbatim text files, each beside a JSON metadata file.

`corpus/<id>.txt` is the article exactly as published (UTF-8, never edited: excerpts are cited by
character offsets into it); `corpus/<id>.json` says where it came from. Adding an article is
dropping the two files in; everything built from the corpus is rebuilt at start-up.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

METADATA_FIELDS = ("id", "title", "language", "date", "publisher", "url")
TITLE_MAX_CHARS = 100
_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(?=\s|$)", re.S)
_PARENTHETICAL = re.compile(r"\s*\([^()]*\)")


class CorpusError(ValueError):
    """The corpus folder is inconsistent: a text without metadata, a bad field, an unreadable
    file."""


@dataclass(frozen=True)
class Article:
    """One article: its verbatim text and where it came from (fields None where unknown)."""

    id: str
    text: str
    title: str
    language: str | None
    date: str | None
    publisher: str | None
    url: str | None
    note: str | None = None


@dataclass(frozen=True)
class Corpus:
    articles: tuple[Article, ...]

    def get(self, article_id: str) -> Article:
        for article in self.articles:
            if article.id == article_id:
                return article
        raise KeyError(article_id)


def derive_title(text: str) -> str:
    """A title from the lead: its first sentence without asides, cut at a clause or word if long."""
    lead = text.strip().split("\n", 1)[0].strip()
    match = _FIRST_SENTENCE.match(lead)
    sentence = (match.group(1) if match else lead).rstrip(".!?")
    sentence = _PARENTHETICAL.sub("", sentence).strip()
    if len(sentence) <= TITLE_MAX_CHARS:
        return sentence
    head = sentence[:TITLE_MAX_CHARS]
    if "," in head:
        return head[: head.rindex(",")].strip()
    return head[: head.rindex(" ")].rstrip(" ,;:") + "…"


def metadata_record(article_id: str, text: str, **fields: Any) -> dict[str, Any]:
    """The JSON written beside a new article: every field present, unknown ones null."""
    record: dict[str, Any] = {name: fields.get(name) for name in METADATA_FIELDS}
    record["id"] = article_id
    record["title"] = fields.get("title") or derive_title(text)
    if fields.get("note"):
        record["note"] = fields["note"]
    return record


def _read_metadata(path: Path) -> dict[str, Any]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorpusError(f"{path.name}: not readable JSON ({exc})") from exc
    if not isinstance(raw, dict):
        raise CorpusError(f"{path.name}: metadata must be a JSON object")
    if raw.get("id") != path.stem:
        raise CorpusError(
            f"{path.name}: id must be the file name stem {path.stem!r}, not {raw.get('id')!r}"
        )
    for name in METADATA_FIELDS[1:] + ("note",):
        if raw.get(name) is not None and not isinstance(raw[name], str):
            raise CorpusError(f"{path.name}: {name} must be a string or null")
    return raw


def load_article(text_path: Path) -> Article:
    """Read one article and its metadata; a missing title is derived from the lead."""
    meta_path = text_path.with_suffix(".json")
    if not meta_path.exists():
        raise CorpusError(f"{text_path.name} has no metadata file {meta_path.name}")
    try:
        text = text_path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{text_path.name}: not UTF-8 ({exc})") from exc
    if not text.strip():
        raise CorpusError(f"{text_path.name} is empty")
    meta = _read_metadata(meta_path)
    return Article(
        id=text_path.stem,
        text=text,
        title=meta.get("title") or derive_title(text),
        language=meta.get("language"),
        date=meta.get("date"),
        publisher=meta.get("publisher"),
        url=meta.get("url"),
        note=meta.get("note"),
    )


def load_corpus(directory: Path) -> Corpus:
    """Every `<id>.txt` with its `<id>.json` in `directory`, ordered by id."""
    if not directory.is_dir():
        raise CorpusError(f"corpus folder {directory} does not exist (set CORPUS_DIR)")
    texts = sorted(directory.glob("*.txt"))
    orphans = sorted({p.stem for p in directory.glob("*.json")} - {p.stem for p in texts})
    if orphans:
        raise CorpusError(f"metadata without an article text: {', '.join(orphans)}")
    return Corpus(articles=tuple(load_article(path) for path in texts))
