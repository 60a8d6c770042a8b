"""Spelling a phone number with 1-3 real words: which digits are spelt, the search, the ranking.

Rules (the module README repeats them):
- NANP numbers (``+1`` and 10 digits): the 7 local digits are spelt; the area code stays digits and the
  result is written nationally, ``415-555-BOOK``.
- Other numbers: the last 7 digits are spelt, but never the first 3 digits of the E.164 number (so a
  country code of up to 3 digits stays digits); the result is written ``+44207-FLOWERS``.
- 0 and 1 have no letters and always stay digits; so does any digit no word covers.
- Ranking: more digits covered by words first, then fewer words, then the words' summed frequency
  (Zipf scale), then the written form alphabetically, so equal inputs always give equal answers.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from connect_data.vanity.index import Word, WordIndex

LOCAL_DIGITS = 7
MAX_WORDS = 3
PROTECTED_PREFIX = 3  # digits of a non-NANP E.164 number never spelt: a country code is 1-3 digits


@dataclass(frozen=True)
class SpellTarget:
    """The part of a number that stays digits (``prefix``, already written) and the part to spell."""

    prefix: str
    digits: str


@dataclass(frozen=True, order=True)
class Vanity:
    """One way to write a number; ordering is the ranking (best first)."""

    rank_key: tuple[int, int, int, str]
    text: str
    words: tuple[str, ...]
    letters: int


def spell_target(e164: str) -> SpellTarget:
    """Which digits of an E.164 number are spelt (see the module docstring for the rule)."""
    digits = e164.lstrip("+")
    if len(digits) == 11 and digits[0] == "1":
        return SpellTarget(prefix=digits[1:4], digits=digits[4:])
    spelt = min(LOCAL_DIGITS, len(digits) - PROTECTED_PREFIX)
    return SpellTarget(prefix="+" + digits[:-spelt], digits=digits[-spelt:])


@dataclass(frozen=True)
class _Segment:
    start: int
    end: int
    words: tuple[Word, ...]


def _segments(index: WordIndex, digits: str) -> list[_Segment]:
    found = []
    longest = index.max_word_letters
    for start in range(len(digits)):
        for end in range(start + 2, min(len(digits), start + longest) + 1):
            words = index.words(digits[start:end]) if digits[start:end] in index else ()
            if words:
                found.append(_Segment(start, end, words))
    return found


def _layouts(segments: list[_Segment]) -> list[tuple[_Segment, ...]]:
    """Every choice of 1-3 non-overlapping segments, in digit order."""
    layouts: list[tuple[_Segment, ...]] = []

    def extend(chosen: tuple[_Segment, ...], after: int, first: int) -> None:
        for i in range(first, len(segments)):
            segment = segments[i]
            if segment.start >= after:
                layout = (*chosen, segment)
                layouts.append(layout)
                if len(layout) < MAX_WORDS:
                    extend(layout, segment.end, i + 1)

    extend((), 0, 0)
    return layouts


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


def _key(layout: tuple[_Segment, ...], zipf_sum: int, text: str) -> tuple[int, int, int, str]:
    return (-sum(s.end - s.start for s in layout), len(layout), -zipf_sum, text)


def search(index: WordIndex, target: SpellTarget, limit: int = 5) -> list[Vanity]:
    """The ``limit`` best ways to write ``target`` with real words, best first (empty when none)."""
    layouts = _layouts(_segments(index, target.digits))
    # Each layout's best possible key (its most frequent words) bounds every spelling it can give,
    # so layouts are expanded best-bound first and the loop stops once no layout can beat the kept ones.
    bounded = sorted(
        ((_key(layout, sum(s.words[0].zipf10 for s in layout), ""), layout) for layout in layouts),
        key=lambda pair: pair[0],
    )
    best: list[Vanity] = []
    for bound, layout in bounded:
        if len(best) >= limit and bound > best[-1].rank_key:
            break
        covered, count = bound[0], bound[1]
        for words in itertools.product(*(segment.words for segment in layout)):
            zipf_sum = sum(w.zipf10 for w in words)
            # Writing the text is the costly part: skip it when the key cannot beat the last kept one.
            if len(best) >= limit and (covered, count, -zipf_sum) > best[-1].rank_key[:3]:
                continue
            text = _write(target, layout, words)
            key = (covered, count, -zipf_sum, text)
            if len(best) < limit or key < best[-1].rank_key:
                best.append(Vanity(key, text, tuple(w.text for w in words), -key[0]))
                best.sort()
                del best[limit:]
    return best


def spoken(text: str) -> str:
    """SSML for one written vanity number: digit groups digit by digit, words as words."""
    parts = []
    for part in text.split("-"):
        if part.lstrip("+").isdigit():
            parts.append(f'<say-as interpret-as="digits">{part.lstrip("+")}</say-as>')
        else:
            parts.append(part.lower())
    return ' <break time="250ms"/> '.join(parts)


def speech(texts: list[str]) -> str:
    """The prompt for the flow: each option numbered, its digits read one by one and its words as words."""
    if not texts:
        return "<speak>We could not find words that spell your number.</speak>"
    options = [f'Option {i}: {spoken(text)}. <break time="600ms"/>' for i, text in enumerate(texts, start=1)]
    return "<speak>Your number can be spelt as: " + " ".join(options) + "</speak>"
