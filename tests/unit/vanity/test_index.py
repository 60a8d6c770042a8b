"""The shipped word index: reproducible from the script, intact, free of denied and junk words."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from connect_data.vanity.index import INDEX_PATH, StaleIndex, read_index, shipped_index, to_digits

REPO = Path(__file__).resolve().parents[3]
WORDS = REPO / "scripts" / "vanity_words"


def _build_script():
    spec = importlib.util.spec_from_file_location("build_vanity_index", REPO / "scripts" / "build_vanity_index.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _list(name: str) -> set[str]:
    lines = (WORDS / name).read_text().splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


word_lists = pytest.mark.skipif(
    any(importlib.util.find_spec(name) is None for name in ("wordfreq", "english_words", "better_profanity")),
    reason="the word-list packages (wordfreq, english-words, better-profanity: pip install -e '.[dev]') are missing",
)


@word_lists
def test_shipped_index_is_exactly_what_the_script_builds():
    build = _build_script()
    text = build.build_index_text()
    assert INDEX_PATH.read_text(encoding="utf-8") == text, "stale index: run scripts/build_vanity_index.py"
    assert build.DIGEST_FILE.read_text() == build.digest_module(text)
    assert build.main(["--check"]) == 0


def test_index_matches_its_digest_and_a_tampered_copy_is_refused(tmp_path):
    assert len(shipped_index()) > 10_000
    tampered = tmp_path / "word_index.txt"
    tampered.write_text(INDEX_PATH.read_text() + "2665\tbonk 99\n")
    with pytest.raises(StaleIndex):
        read_index(tampered)


def test_every_entry_spells_its_digits_and_is_ranked_by_frequency():
    index = shipped_index()
    for digits in ("2665", "2255", "3569377", "4357"):
        words = index.words(digits)
        assert words, digits
        assert all(to_digits(word.text) == digits for word in words)
        assert [w.zipf10 for w in words] == sorted((w.zipf10 for w in words), reverse=True)
    assert [w.text for w in index.words("2665")][:2] == ["book", "cool"]
    assert index.words("0000") == ()


def test_no_denied_or_digit_sounding_word_nor_its_inflection_is_in_the_index():
    words = set(shipped_index().all_words())
    denied = _list("deny.txt") | _list("sounds_like.txt")
    assert not words & denied
    inflected = {w + suffix for w in denied for suffix in ("s", "es", "ed", "er", "ing")}
    assert not words & inflected
    assert not {"six", "for", "won", "ate", "one", "two", "see", "bee", "you", "tea", "why"} & words


@word_lists
def test_no_word_of_better_profanitys_list_is_in_the_index():
    build = _build_script()
    offensive = build.profanity_words()
    assert len(offensive) > 700
    words = shipped_index().all_words()
    assert [w for w in words if build.is_denied(w, offensive)] == []


@word_lists
def test_every_word_is_among_the_50000_most_frequent_english_words():
    import wordfreq

    top = set(wordfreq.top_n_list("en", 50_000, wordlist="best"))
    assert [w for w in shipped_index().all_words() if w not in top] == []


def test_short_words_come_only_from_the_allow_list_and_junk_is_filtered():
    words = shipped_index().all_words()
    assert all(w in _list("three_letter_allow.txt") for w in words if len(w) == 3)
    assert not set(words) & _list("not_words.txt")
    assert all(w.isalpha() and w.islower() and 3 <= len(w) <= 7 for w in words)
    # Names, places and abbreviations of the frequency list are not in the dictionaries, hence not here.
    assert not {"steve", "williams", "nyc", "omg", "lol", "pyke", "gobi", "huck", "resp", "pers", "ings"} & set(words)
    assert not {"york", "jeff", "brazil", "kelly", "nancy"} & set(words)
    assert {"flowers", "book", "call", "now", "help", "video", "pizza"} <= set(words)
