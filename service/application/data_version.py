"""The data version: one short hash of everything an answer is computed from, besides the code.

Answers are pure functions of the request, the package version and the data files, so HTTP
validators (ETags) mix this hash in: a release or a data change turns every cached answer stale,
even one whose bytes happen not to change.
"""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

PACKAGE = "wave-at-saturn"
SERVICE_DIR = Path(__file__).resolve().parent.parent
DATA_DIRS = (SERVICE_DIR / "data", SERVICE_DIR.parent / "corpus")


def package_version() -> str:
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        return "unreleased"


def data_version(dirs: tuple[Path, ...] = DATA_DIRS, version: str | None = None) -> str:
    """blake2b over the package version and every data file's relative path and bytes."""
    digest = hashlib.blake2b(digest_size=8)
    digest.update((version or package_version()).encode())
    for root in dirs:
        if not root.is_dir():
            continue
        for path in sorted(
            p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
        ):
            digest.update(b"\0" + str(path.relative_to(root.parent)).encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()
