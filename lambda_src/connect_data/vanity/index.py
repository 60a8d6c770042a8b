"""The shipped word index (digits -> ranked words), loaded once per container.

``word_index.txt`` is built by ``scripts/build_vanity_index.py``; its SHA-256 is checked on load so a
half-copied or hand-edited file fails loudly instead of answering callers with wrong words.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from connect_data.vanity.index_digest import INDEX_SHA256

INDEX_PATH = Path(__file__).with_name("word_index.txt")

KEYPAD = {
    **dict.fromkeys("abc", "2"),
    **dict.fromkeys("def", "3"),
    **dict.fromkeys("ghi", "4"),
    **dict.fromkeys("jkl", "5"),
    **dict.fromkeys("mno", "6"),
    **dict.fromkeys("pqrs", "7"),
    **dict.fromkeys("tuv", "8"),
    **dict.fromkeys("wxyz", "9"),
}
_TO_DIGITS = str.maketrans({**KEYPAD, **{k.upper(): v for k, v in KEYPAD.items()}})


class StaleIndex(RuntimeError):
    """The shipped index does not match its digest."""


@dataclass(frozen=True)
class Word:
    text: str
    zipf10: int  # Zipf frequency x10: 60 is "the"-common, 20 is rare


def to_digits(text: str) -> str:
    """Keypad digits of ``text``: letters become their key, everything else is kept as it is."""
    return text.translate(_TO_DIGITS)


class WordIndex:
    """Digit strings to words, ranked by frequency. Lines are parsed only when a number needs them."""

    def __init__(self, raw: dict[str, str], max_word_letters: int) -> None:
        self._raw = raw
        self._parsed: dict[str, tuple[Word, ...]] = {}
        self.max_word_letters = max_word_letters

    @classmethod
    def from_text(cls, text: str) -> WordIndex:
        # One C-level pass: this runs on every cold start.
        pairs = (line.split("\t", 1) for line in text.splitlines() if line and line[0] != "#")
        raw = {digits: words for digits, words in pairs}
        return cls(raw, max(map(len, raw), default=0))

    def __len__(self) -> int:
        return len(self._raw)

    def __contains__(self, digits: str) -> bool:
        return digits in self._raw

    def words(self, digits: str) -> tuple[Word, ...]:
        """The words spelt by ``digits``, most frequent first (empty when none)."""
        found = self._parsed.get(digits)
        if found is None:
            parts = self._raw.get(digits, "").split()
            found = tuple(Word(parts[i], int(parts[i + 1])) for i in range(0, len(parts), 2))
            self._parsed[digits] = found
        return found

    def all_words(self) -> list[str]:
        return [word.text for digits in self._raw for word in self.words(digits)]


def read_index(path: Path = INDEX_PATH, expected_sha256: str | None = INDEX_SHA256) -> WordIndex:
    data = path.read_bytes()
    if expected_sha256 is not None and hashlib.sha256(data).hexdigest() != expected_sha256:
        raise StaleIndex(f"{path.name} does not match index_digest.py: rebuild with scripts/build_vanity_index.py")
    return WordIndex.from_text(data.decode("utf-8"))


@cache
def shipped_index() -> WordIndex:
    """The container's one index (about 20 ms to load; see benchmarks/bench_vanity.py)."""
    return read_index()
