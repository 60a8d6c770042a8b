#!/usr/bin/env python3
"""Builds the vanity function's word index from PyPI word lists, reproducibly.

    python scripts/build_vanity_index.py            # write the shipped index
    python scripts/build_vanity_index.py --check    # exit 1 when the shipped index is stale

Sources (dev extras of pyproject.toml; the Lambda never imports them):
- ``wordfreq`` 3.x: English word frequencies (Zipf scale). Code Apache-2.0, data CC-BY-SA 4.0. Only
  the ``TOP_WORDS`` (50,000) most frequent English words can be in the index.
- ``english-words`` 2.x: the ``web2`` list (Webster's Second International, 1934, public domain) in
  its original case, and the ``gcide`` headword list (GNU Collaborative International Dictionary of
  English, GPL-3.0), consulted as yes/no filters only. A word counts as a real word when web2 holds it
  in lower case (proper nouns are capitalised there) *and* GCIDE holds it, or both hold a word it is a
  regular inflection of (-s, -es, -ies, -ed, -er, -ing). Requiring both drops what one of them lists
  by accident: web2's lower-case ``pyke``, ``gobi``, ``resp``, ``ings``. GCIDE lacks modern words and
  irregular forms (``video``, ``pizza``, ``brought``): ``common_words.txt`` adds those, checked by hand.
- ``better-profanity`` 0.7: its maintained English word list of profanity, slurs and sexual words
  (MIT), on top of this project's ``deny.txt``; neither, nor an inflection of one, is ever in the index.

The index is therefore a derivative of wordfreq's data and is distributed under CC-BY-SA 4.0 (see the
header it carries). Filters: letters a-z only, 4 to ``MAX_WORD_LETTERS`` letters (three-letter words
only from the curated ``three_letter_allow.txt``: the short entries of the sources are mostly
abbreviations, names and foreign words; no two-letter words, which the search does not use), at least
one vowel, among the ``TOP_WORDS`` most frequent, a real word as above, not an abbreviation or name
from ``not_words.txt``, not a word heard as a digit or a letter (``sounds_like.txt``: ``six``, ``for``,
``see``), and not denied (``deny.txt`` or better-profanity's list, nor an inflection of one).

Format (UTF-8 text, one line per digit string, lines sorted by digits):
``<digits>\\t<word> <zipf*10> <word> <zipf*10> ...`` with the words ranked by frequency, then
alphabetically; at most ``MAX_WORDS_PER_KEY`` per digit string. ``index_digest.py`` beside it holds
the file's SHA-256 so that a changed index changes the deployed function's source hash.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORDS_DIR = Path(__file__).resolve().parent / "vanity_words"
PACKAGE_DIR = REPO / "lambda_src" / "connect_data" / "vanity"
INDEX_FILE = PACKAGE_DIR / "word_index.txt"
DIGEST_FILE = PACKAGE_DIR / "index_digest.py"

MAX_WORD_LETTERS = 7  # the longest span a vanity word can cover: a NANP number's 7 local digits
TOP_WORDS = 50_000  # the most frequent English words (wordfreq): words people know, not the obscure
MAX_WORDS_PER_KEY = 6
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
_LETTERS = re.compile(r"[a-z]+")
_VOWEL = re.compile(r"[aeiouy]")
_INFLECTIONS = ("s", "es", "ed", "er", "ers", "ing", "est", "ly")


def read_list(name: str) -> set[str]:
    lines = (WORDS_DIR / name).read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def digits_of(word: str) -> str:
    return "".join(KEYPAD[letter] for letter in word)


def stems(word: str) -> list[str]:
    """Words ``word`` may be a regular form of (books->book, cities->city, tied->tie, used->use,
    stopped->stop, latest->late, easier->easy, usually->usual)."""
    found: list[str] = []
    for suffix in ("ies", "ied", "ier", "iest"):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            found += [word[: -len(suffix)] + "y", word[: -len(suffix)] + "ie"]
    for suffix in _INFLECTIONS:
        # -est and -ly only on longer stems: kelly is not a form of kel.
        shortest = 4 if suffix in ("est", "ly") else 2
        if word.endswith(suffix) and len(word) >= len(suffix) + shortest:
            stem = word[: -len(suffix)]
            found += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                found.append(stem[:-1])  # stopped -> stop
    return found


def is_denied(word: str, denied: set[str]) -> bool:
    return word in denied or any(stem in denied for stem in stems(word))


def profanity_words() -> set[str]:
    """better-profanity's word list: the single words of it (its phrases cannot be a vanity word)."""
    from importlib.resources import files

    text = files("better_profanity").joinpath("profanity_wordlist.txt").read_text(encoding="utf-8")
    return {line.strip().lower() for line in text.splitlines() if _LETTERS.fullmatch(line.strip().lower())}


def denied_words() -> set[str]:
    """Everything never offered: the project's deny list, better-profanity's list, digit/letter sounds."""
    return read_list("deny.txt") | profanity_words() | read_list("sounds_like.txt")


def dictionary_words() -> set[str]:
    """What counts as a real word: lower-case in web2 and in GCIDE, or hand-checked in common_words.txt."""
    from english_words import get_english_words_set

    web2 = get_english_words_set(["web2"], lower=False, alpha=False)
    gcide = get_english_words_set(["gcide"], lower=True, alpha=True)
    return ({w for w in web2 if w.islower() and w.isalpha()} & gcide) | read_list("common_words.txt")


def build_index_text() -> str:
    """The index file's text, from the installed word lists and the lists in ``scripts/vanity_words``."""
    lines = [
        "# Vanity word index: digits -> words ranked by frequency (word, Zipf x10). Generated by",
        "# scripts/build_vanity_index.py; do not edit. Derived from wordfreq data (c) Robyn Speer et al.,",
        "# CC-BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/), and the public-domain web2 list;",
        "# this file is distributed under CC-BY-SA 4.0.",
    ]
    ranked = ranked_words(dictionary_words())
    for digits in sorted(ranked):
        words = sorted(ranked[digits], key=lambda entry: (-entry[0], entry[1]))[:MAX_WORDS_PER_KEY]
        lines.append(digits + "\t" + " ".join(f"{word} {zipf}" for zipf, word in words))
    return "\n".join(lines) + "\n"


def ranked_words(dictionary: set[str], allow_short: set[str] | None = None) -> dict[str, list[tuple[int, str]]]:
    """Digit strings to (Zipf x10, word) of every word the filters keep: ``dictionary`` decides what is a
    real word of four letters or more, ``allow_short`` which three-letter words (the curated list unless
    given). The benchmark passes other lists to measure what each rule costs."""
    import wordfreq

    allow_short = read_list("three_letter_allow.txt") if allow_short is None else allow_short
    not_words = read_list("not_words.txt")
    denied = denied_words()

    ranked: dict[str, list[tuple[int, str]]] = {}
    for word in wordfreq.top_n_list("en", TOP_WORDS, wordlist="best"):
        if not _LETTERS.fullmatch(word) or not 3 <= len(word) <= MAX_WORD_LETTERS:
            continue
        if len(word) == 3 and word not in allow_short:
            continue
        if len(word) > 3 and not (word in dictionary or any(s in dictionary for s in stems(word))):
            continue
        if not _VOWEL.search(word) or word in not_words or is_denied(word, denied):
            continue
        zipf = wordfreq.zipf_frequency(word, "en")
        ranked.setdefault(digits_of(word), []).append((round(zipf * 10), word))
    return ranked


def digest_module(index_text: str) -> str:
    digest = hashlib.sha256(index_text.encode("utf-8")).hexdigest()
    return (
        '"""SHA-256 of word_index.txt, written by scripts/build_vanity_index.py.\n\n'
        "Terraform hashes only the .py files of a function's sources: this module changes whenever the\n"
        'index does, so a rebuilt index redeploys the function."""\n\n'
        f'INDEX_SHA256 = "{digest}"\n'
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the vanity function's word index.")
    parser.add_argument("--check", action="store_true", help="exit 1 when the shipped index differs from a build")
    args = parser.parse_args(argv)
    text = build_index_text()
    if args.check:
        stale = INDEX_FILE.read_text(encoding="utf-8") != text or DIGEST_FILE.read_text() != digest_module(text)
        print("word index is stale: run scripts/build_vanity_index.py" if stale else "word index is up to date")
        return 1 if stale else 0
    INDEX_FILE.write_text(text, encoding="utf-8")
    DIGEST_FILE.write_text(digest_module(text), encoding="utf-8")
    print(f"wrote {INDEX_FILE.relative_to(REPO)}: {text.count(chr(10)) - 4} digit strings, {len(text)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
