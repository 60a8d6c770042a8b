"""Spelling a phone number with real words: which digits are spelt, the search, the ranking.

Rules (the module README repeats them):
- NANP numbers (``+1`` and 10 digits): the 7 local digits are spelt; the area code stays digits and the
  result is written nationally, ``415-555-BOOK``.
- Other numbers: the last 7 digits are spelt, but never the first 3 digits of the E.164 number (so a
  country code of up to 3 digits stays digits); the result is written ``+44207-FLOWERS``.
- 0 and 1 have no letters and always stay digits; so does any digit no word covers.
- Only words of ``MIN_WORD_LETTERS`` (3) or more letters: a two-letter word is a fragment a caller does
  not hear as a word. Seven digits hold at most two such words.
- Ranking by what a caller remembers, a score (higher is better; ties by the written form, so equal
  inputs always give equal answers):

      20 per letter covered by words
      + each word's frequency, (Zipf x10 - 40) // 5 clamped to -3..+6 (rare -3, "the"-common +6)
      - 20 for a second word (a split)
      + 40 when one word covers the last 4 or all 7 digits (``555-BOOK``, ``FLOWERS``)

  So a 4-letter word (at least 77) always beats a 3-letter one (at most 66): the best result covers
  4 or more digits whenever the index allows it. One word over the last four digits (at least 117;
  ``BOOK`` 122) beats every split into two 3-letter words (at most 112) and every 5-letter word
  elsewhere (at most 106); a seven-letter word (at least 177) beats every split of it (at most 132);
  two common words over all seven digits (``CALL-NOW`` 127) beat an average word over the last four
  (``KNOW`` 124).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from connect_data.vanity.index import Word, WordIndex

LOCAL_DIGITS = 7
MIN_WORD_LETTERS = 3
MAX_WORDS = 2  # 7 digits hold at most two words of 3+ letters
PROTECTED_PREFIX = 3  # digits of a non-NANP E.164 number never spelt: a country code is 1-3 digits

LETTER_POINTS = 20
SPLIT_PENALTY = 20
TAIL_BONUS = 40
TAIL_LENGTHS = (4, 7)


@dataclass(frozen=True)
class SpellTarget:
    """The part of a number that stays digits (``prefix``, already written) and the part to spell."""

    prefix: str
    digits: str


@dataclass(frozen=True, order=True)
class Vanity:
    """One way to write a number; ordering is the ranking (best first)."""

    rank_key: tuple[int, str]
    text: str
    words: tuple[str, ...]
    letters: int

    @property
    def score(self) -> int:
        return -self.rank_key[0]


def spell_target(e164: str) -> SpellTarget:
    """Which digits of an E.164 number are spelt (see the module docstring for the rule)."""
    digits = e164.lstrip("+")
    if len(digits) == 11 and digits[0] == "1":
        return SpellTarget(prefix=digits[1:4], digits=digits[4:])
    spelt = min(LOCAL_DIGITS, len(digits) - PROTECTED_PREFIX)
    return SpellTarget(prefix="+" + digits[:-spelt], digits=digits[-spelt:])


def frequency_points(zipf10: int) -> int:
    """A word's frequency in score points: -3 (rare) to +6 (the most common words)."""
    return max(-3, min(6, (zipf10 - 40) // 5))


@dataclass(frozen=True)
class _Segment:
    start: int
    end: int
    words: tuple[Word, ...]


def _segments(index: WordIndex, digits: str) -> list[_Segment]:
    found = []
    longest = index.max_word_letters
    for start in range(len(digits)):
        for end in range(start + MIN_WORD_LETTERS, min(len(digits), start + longest) + 1):
            if digits[start:end] in index:
                found.append(_Segment(start, end, index.words(digits[start:end])))
    return found


def _layouts(segments: list[_Segment]) -> list[tuple[_Segment, ...]]:
    """Every choice of 1-``MAX_WORDS`` non-overlapping segments, in digit order."""
    layouts: list[tuple[_Segment, ...]] = [(s,) for s in segments]
    layouts += [(a, b) for a, b in itertools.combinations(segments, 2) if a.end <= b.start]
    return layouts


def structure_points(layout: tuple[_Segment, ...], spelt: int) -> int:
    """The score of a layout before the words' frequencies: letters, split penalty, tail bonus."""
    letters = sum(s.end - s.start for s in layout)
    points = LETTER_POINTS * letters - SPLIT_PENALTY * (len(layout) - 1)
    if len(layout) == 1 and layout[0].end == spelt and letters in TAIL_LENGTHS:
        points += TAIL_BONUS
    return points


def _write(target: SpellTarget, layout: tuple[_Segment, ...], words: tuple[Word, ...]) -> str:
    parts = [target.prefix]
    position = 0
    for segment, word in zip(layout, words, strict=True):
        if segment.start > position:
            parts.append(target.digits[position : segment.start])
        parts.append(word.text.upper())
        position = segment.end
    if position < len(target.digits):
        parts.append(target.digits[position:])
    return "-".join(parts)


def search(index: WordIndex, target: SpellTarget, limit: int = 6) -> list[Vanity]:
    """The ``limit`` best ways to write ``target`` with real words, best first (empty when none)."""
    spelt = len(target.digits)
    # A layout's best score (its most frequent words) bounds every spelling it can give, so layouts
    # are expanded best bound first and the loop stops once no layout can beat the kept ones.
    bounded = sorted(
        ((structure_points(layout, spelt), layout) for layout in _layouts(_segments(index, target.digits))),
        key=lambda pair: -(pair[0] + sum(frequency_points(s.words[0].zipf10) for s in pair[1])),
    )
    best: list[Vanity] = []
    for structure, layout in bounded:
        bound = structure + sum(frequency_points(s.words[0].zipf10) for s in layout)
        if len(best) >= limit and -bound > best[-1].rank_key[0]:
            break
        for words in itertools.product(*(segment.words for segment in layout)):
            score = structure + sum(frequency_points(w.zipf10) for w in words)
            # Writing the text is the costly part: skip it when the score cannot beat the last kept one.
            if len(best) >= limit and -score > best[-1].rank_key[0]:
                continue
            text = _write(target, layout, words)
            key = (-score, text)
            if len(best) < limit or key < best[-1].rank_key:
                best.append(Vanity(key, text, tuple(w.text for w in words), sum(len(w.text) for w in words)))
                best.sort()
                del best[limit:]
    return best
