"""Search and ranking over the shipped index, and the properties every answer must have."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from connect_data.common.phone import normalize_e164
from connect_data.vanity.index import WordIndex, shipped_index, to_digits
from connect_data.vanity.search import SpellTarget, search, speech, spell_target, spoken

INDEX = shipped_index()


def _digits_of(vanity: str) -> str:
    return re.sub(r"\D", "", to_digits(vanity))


def test_nanp_spells_the_seven_local_digits_and_keeps_the_area_code():
    assert spell_target("+18003569377") == SpellTarget(prefix="800", digits="3569377")
    assert search(INDEX, spell_target("+18003569377"))[0].text == "800-FLOWERS"


def test_other_numbers_spell_the_last_seven_digits_but_never_the_country_code():
    assert spell_target("+442079460000") == SpellTarget(prefix="+44207", digits="9460000")
    assert spell_target("+1234567") == SpellTarget(prefix="+123", digits="4567")
    assert spell_target("+4930123456") == SpellTarget(prefix="+493", digits="0123456")


def test_more_letters_covered_beat_fewer_words_and_frequency():
    results = search(INDEX, spell_target("+14155552665"))
    letters = [r.letters for r in results]
    assert letters == sorted(letters, reverse=True)
    assert "415-555-BOOK" in [r.text for r in results]


def test_fewer_words_beat_frequency_when_coverage_ties():
    index = WordIndex.from_text("2255\tcall 55\n669\tnow 60\n2255669\tballnow 20\n")
    texts = [r.text for r in search(index, SpellTarget("415", "2255669"))]
    assert texts[:2] == ["415-BALLNOW", "415-CALL-NOW"]


def test_frequency_breaks_ties_then_the_text_so_ties_are_deterministic():
    index = WordIndex.from_text("2255\tcall 55 ball 50\n669\tnow 60 mow 40\n")
    texts = [r.text for r in search(index, SpellTarget("415", "2255669"))]
    assert texts[:3] == ["415-CALL-NOW", "415-BALL-NOW", "415-CALL-MOW"]
    tied = WordIndex.from_text("2255\tball 50 call 50\n")
    assert [r.text for r in search(tied, SpellTarget("415", "2255000"))] == ["415-BALL-000", "415-CALL-000"]


def test_at_most_three_words_and_the_limit_is_kept():
    index = WordIndex.from_text("22\tab 30\n")
    results = search(index, SpellTarget("415", "2222222"), limit=5)
    assert results and all(len(r.words) <= 3 for r in results)
    assert results[0].letters == 6
    assert len(search(INDEX, spell_target("+14152255669"), limit=2)) == 2


def test_zeros_and_ones_stay_digits_and_a_number_of_them_gets_no_vanity():
    assert search(INDEX, spell_target("+12120101010")) == []
    results = search(INDEX, spell_target("+14150102665"))
    assert results[0].text == "415-010-BOOK"
    assert all(r.text.startswith("415-010-") for r in results)


def test_speech_reads_digits_as_digits_and_words_as_words():
    assert spoken("415-555-BOOK") == (
        '<say-as interpret-as="digits">415</say-as> <break time="250ms"/> '
        '<say-as interpret-as="digits">555</say-as> <break time="250ms"/> book'
    )
    assert speech(["800-FLOWERS"]).startswith("<speak>") and "Option 1: " in speech(["800-FLOWERS"])
    assert "could not find" in speech([])


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"\+[1-9][0-9]{6,14}", fullmatch=True))
def test_every_number_of_7_to_15_digits_gets_an_answer_that_dials_back_to_it(number):
    e164 = normalize_e164(number)
    target = spell_target(e164)
    results = search(INDEX, target)
    assert len(results) <= 5
    national = e164[2:] if target.prefix[0] != "+" else e164[1:]
    for result in results:
        assert _digits_of(result.text) == national
        assert 1 <= len(result.words) <= 3
        assert all(word.upper() in result.text for word in result.words)
        assert result.letters == sum(len(w) for w in result.words)
    assert [r.rank_key for r in results] == sorted(r.rank_key for r in results)
