"""What a caller hears, measured: coverage of the best result against what the index allows, the words.

Over ``COVERAGE_NUMBERS`` NANP numbers from ``random.Random(QUALITY_SEED)`` (area code and exchange first
digit 2-9):

- ``share_4plus``: the share whose best result covers 4 or more local digits with words (every word the
  search uses has 3+ letters);
- ``bound_4plus``: the share for which the shipped index allows that at all (a word of 4+ letters, or
  two disjoint 3-letter words, over the 7 local digits), whatever the ranking;
- ``brand_bound_4plus``: the same bound for a looser list (the 50,000 most frequent words that are in
  web2 in lower case, 3+ letters, less the denied and digit-sounding words, without the GCIDE,
  abbreviation and three-letter curation): the evidence of what the curation costs;
- ``relaxed_bounds_4plus``: the same bound as the rules of the issue are relaxed one more per step: a
  modern dictionary added to the real-word test (the lower-case words of SCOWL size 50, Debian's
  ``wamerican``, ``/usr/share/dict/american-english``: it has app, blog, email, inbox), then web2
  without GCIDE's check, then every three-letter word; only when that file exists;
- counts of top-3 results with a denied (offensive) word, first results with a digit- or
  letter-sounding word, and result words outside the 50,000 most frequent English words;
- the top three of the first ``SAMPLES`` numbers, for a reader to judge.
"""

from __future__ import annotations

import importlib.util
import random
import statistics
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
QUALITY_SEED = 12345
COVERAGE_NUMBERS = 10_000
SAMPLES = 40


def nanp_numbers(count: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return [
        f"+1{rnd.randint(2, 9)}{rnd.randint(0, 8)}{rnd.randint(0, 9)}{rnd.randint(2, 9)}{rnd.randint(0, 99):02d}"
        f"{rnd.randint(0, 9999):04d}"
        for _ in range(count)
    ]


def build_script() -> Any:
    spec = importlib.util.spec_from_file_location("build_vanity_index", REPO / "scripts" / "build_vanity_index.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def allows_4plus(contains: Any, digits: str, longest: int = 7) -> bool:
    """Whether words of 3+ letters can cover 4+ of ``digits``: one of 4+ letters or two disjoint of 3."""
    spans = [
        (start, end)
        for start in range(len(digits))
        for end in range(start + 3, min(len(digits), start + longest) + 1)
        if contains(digits[start:end])
    ]
    if any(end - start >= 4 for start, end in spans):
        return True
    return any(a[1] <= b[0] for a in spans for b in spans)


def brand_list_digits() -> set[str]:
    """Digit strings of the looser list (see the module docstring); needs the dev word-list packages."""
    import wordfreq
    from english_words import get_english_words_set

    build = build_script()
    lower = {w for w in get_english_words_set(["web2"], lower=False, alpha=False) if w.islower() and w.isalpha()}
    denied = build.denied_words()
    found = set()
    for word in wordfreq.top_n_list("en", 50_000, wordlist="best"):
        if not word.isascii() or not word.isalpha() or not 3 <= len(word) <= 7:
            continue
        if (word in lower or any(s in lower for s in build.stems(word))) and not build.is_denied(word, denied):
            found.add(build.digits_of(word))
    return found


MODERN_LIST = Path("/usr/share/dict/american-english")


# Three-letter words of SCOWL-50 among the top 50,000 that a person says and a brand may say, checked by
# hand; the rest of its 146 missing ones are abbreviations (min, vol, gov), names (tom, lee, ken),
# numerals (iii) or unpleasant (pus, pox).
SAYABLE_THREE = set(
    [
        "box",
        "app",
        "mom",
        "yep",
        "yup",
        "rep",
        "ads",
        "par",
        "bot",
        "tad",
        "nay",
        "pip",
        "wiz",
        "nib",
        "asp",
        "jag",
        "lob",
        "tun",
        "sop",
        "fen",
        "yip",
        "lop",
        "lox",
        "hew",
        "ups",
        "duh",
        "yum",
        "hah",
        "emo",
        "ifs",
        "roe",
        "fro",
        "dun",
        "fey",
        "gad",
        "sac",
        "poi",
        "erg",
        "tic",
        "ere",
        "ism",
    ]
)


def rule_costs() -> dict[str, set[str]]:
    """What the index would allow as the issue's rules are relaxed one more per step (the evidence of
    why its 45 % floor is out of reach): each step's digit strings, for ``bound_4plus``."""
    from english_words import get_english_words_set

    build = build_script()
    words = MODERN_LIST.read_text(encoding="utf-8").split()
    modern = {w for w in words if w.isascii() and w.isalpha() and w.islower()}
    web2 = {w for w in get_english_words_set(["web2"], lower=False, alpha=False) if w.islower() and w.isalpha()}
    curated = build.dictionary_words() | modern
    three = build.read_list("three_letter_allow.txt") | SAYABLE_THREE
    loose = web2 | modern | build.read_list("common_words.txt")
    return {
        "+ SCOWL-50 modern lower-case words (app, blog, email), every rule kept": set(build.ranked_words(curated)),
        "+ 44 sayable 3-letter words checked by hand (box, app, mom), every rule kept": set(
            build.ranked_words(curated, three)
        ),
        "+ web2 without the GCIDE check (lets in resp, ings, pyke)": set(build.ranked_words(loose, three)),
        "+ every 3-letter word of those lists (min, vol, gov, tom, lee, iii)": set(
            build.ranked_words(loose, {w for w in loose if len(w) == 3})
        ),
    }


def quality(count: int = COVERAGE_NUMBERS) -> dict[str, Any]:
    from connect_data.vanity.index import shipped_index
    from connect_data.vanity.search import search, spell_target

    index = shipped_index()
    build = build_script()
    denied = build.read_list("deny.txt") | build.profanity_words()
    sounds = build.read_list("sounds_like.txt")
    try:
        import wordfreq

        top = set(wordfreq.top_n_list("en", 50_000, wordlist="best"))
        brand = brand_list_digits()
    except ImportError:  # the dev word lists are not installed: skip what needs them
        top, brand = set(), set()
    relaxed = rule_costs() if top and MODERN_LIST.is_file() else {}
    relaxed_bounds = Counter[str]()
    covered, best_letters = 0, Counter[int]()
    bound = brand_bound = offensive = digit_sounding = rare = 0
    samples = []
    for i, number in enumerate(nanp_numbers(count, QUALITY_SEED)):
        target = spell_target(number)
        found = search(index, target, limit=3)
        letters = found[0].letters if found else 0
        best_letters[letters] += 1
        covered += letters >= 4
        bound += allows_4plus(index.__contains__, target.digits)
        brand_bound += bool(brand) and allows_4plus(brand.__contains__, target.digits)
        for label, keys in relaxed.items():
            relaxed_bounds[label] += allows_4plus(keys.__contains__, target.digits)
        offensive += sum(1 for v in found if any(build.is_denied(w, denied) for w in v.words))
        digit_sounding += bool(found) and any(build.is_denied(w, sounds) for w in found[0].words)
        rare += sum(1 for v in found for w in v.words if top and w not in top)
        if i < SAMPLES:
            samples.append((number, [v.text for v in found]))
    with_result = count - best_letters[0]
    return {
        "share_4plus": covered / count,
        "bound_4plus": bound / count,
        "of_bound": covered / bound if bound else 0.0,
        "brand_bound_4plus": brand_bound / count if brand else None,
        "relaxed_bounds_4plus": {label: relaxed_bounds[label] / count for label in relaxed} or None,
        "mean_letters": sum(k * v for k, v in best_letters.items()) / count,
        "mean_letters_with_result": sum(k * v for k, v in best_letters.items()) / with_result if with_result else 0,
        "median_letters": statistics.median(k for k, v in best_letters.items() for _ in range(v)),
        "distribution": {k: best_letters.get(k, 0) for k in range(8)},
        "offensive_top3": offensive,
        "digit_sounding_first": digit_sounding,
        "outside_top_50k": rare if top else None,
        "samples": samples,
    }


if __name__ == "__main__":
    sys.path[:0] = [str(REPO / "lambda_src"), str(REPO)]
    result = quality()
    for key, value in result.items():
        if key != "samples":
            print(f"{key}: {value}")
    if result["relaxed_bounds_4plus"]:
        print("what each rule costs (bound_4plus, one more rule relaxed per line; brand_bound_4plus relaxes all):")
        print(f"  {result['bound_4plus']:.2%}  shipped index: every rule of the issue")
        for label, share in result["relaxed_bounds_4plus"].items():
            print(f"  {share:.2%}  {label}")
    for number, texts in result["samples"]:
        print(f"{number}  " + " | ".join(texts))
