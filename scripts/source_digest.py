"""Print one digest of what goes into the image (the Dockerfile, pyproject.toml and every file of the packages it
copies), so a test can tell an image built from this source from a stale one. Used by scripts/build_image.sh
(stored as the image's label org.referral-bot.source) and tests/test_image.py."""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "store", "inbound", "outbound", "referral_bot", "benchmarks")


def source_digest(root: Path = ROOT) -> str:
    digest = hashlib.sha256()
    files = [root / "Dockerfile", root / "pyproject.toml"]
    files += sorted(path for package in PACKAGES for path in (root / package).rglob("*")
                    if path.is_file() and "__pycache__" not in path.parts)
    for path in files:
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


if __name__ == "__main__":
    sys.stdout.write(source_digest() + "\n")
