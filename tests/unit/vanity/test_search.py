"""Search and ranking over the shipped index, and the properties every answer must have."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from connect_data.common.phone import normalize_e164
from connect_data.vanity.index import WordIndex, shipped_index, to_digits
from connect_data.vanity.search import MIN_WORD_LETTERS, SpellTarget, frequency_points, search, spell_target

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


def _texts(index_text: str, digits: str) -> list[str]:
    return [r.text for r in search(WordIndex.from_text(index_text), SpellTarget("415", digits))]


def test_a_common_word_over_the_last_four_beats_a_word_plus_a_fragment():
    # 555-BOOK against 5-JAM-OK (and 5-JAM-6-65): a two-letter fragment is not a word, a split ranks lower.
    texts = _texts("2665\tbook 54\n526\tjam 42\n65\tok 50\n", "5552665")
    assert texts[0] == "415-555-BOOK"
    assert not any("OK" in t.split("-") for t in texts)


def test_a_common_word_over_the_last_four_beats_two_three_letter_words():
    texts = _texts("2665\tbook 54\n255\tall 62\n665\tone 60 mol 30\n", "2552665")
    assert texts.index("415-255-BOOK") < texts.index("415-ALL-2665")
    texts = _texts("2665\tbook 54\n222\tcab 62\n266\tcon 62\n", "2222665")
    assert texts[:2] == ["415-CAB-BOOK", "415-222-BOOK"]  # two words over all seven, then the one word
    assert texts.index("415-222-BOOK") < texts.index("415-CAB-CON-5")


def test_a_seven_letter_word_beats_its_split():
    texts = _texts("3569377\tflowers 47\n3569\tflow 50\n377\tess 30 err 39\n", "3569377")
    assert texts[0] == "415-FLOWERS"
    assert texts.index("415-FLOWERS") < texts.index("415-FLOW-ERR")


def test_two_common_words_over_all_seven_beat_an_average_word_over_the_last_four():
    texts = _texts("2255\tcall 55\n669\tnow 62\n5669\tknow 57\n", "2255669")
    assert texts[:2] == ["415-CALL-NOW", "415-225-KNOW"]


def test_fewer_words_beat_frequency_when_coverage_ties():
    texts = _texts("2255\tcall 55\n669\tnow 60\n2255669\tballnow 20\n", "2255669")
    assert texts[:2] == ["415-BALLNOW", "415-CALL-NOW"]


def test_frequency_breaks_ties_then_the_text_so_ties_are_deterministic():
    texts = _texts("2255\tcall 55 ball 50\n669\tnow 60 mow 40\n", "2255669")
    assert texts[:3] == ["415-CALL-NOW", "415-BALL-NOW", "415-CALL-MOW"]
    assert _texts("2255\tball 50 call 50\n", "2255000") == ["415-BALL-000", "415-CALL-000"]


def test_a_four_letter_word_always_outranks_a_three_letter_word():
    # The rarest 4-letter word against a most common 3-letter word overlapping it.
    assert _texts("2665\tbonk 10\n653\told 70\n", "2665300") == ["415-BONK-300", "415-26-OLD-00"]
    assert frequency_points(10) == -3 and frequency_points(90) == 6


def test_words_shorter_than_three_letters_are_never_used():
    results = search(WordIndex.from_text("22\tab 30\n2222\tbaba 30\n"), SpellTarget("415", "2222222"), limit=6)
    assert results and all(len(w) >= MIN_WORD_LETTERS for r in results for w in r.words)
    assert search(WordIndex.from_text("22\tab 30\n46\tgo 60\n"), SpellTarget("415", "2246000")) == []


def test_at_most_two_words_and_the_limit_is_kept():
    results = search(WordIndex.from_text("222\tcab 30\n"), SpellTarget("415", "2222222"), limit=6)
    assert results and all(len(r.words) <= 2 for r in results)
    assert results[0].letters == 6
    assert len(search(INDEX, spell_target("+14152255669"), limit=2)) == 2


def test_shipped_index_spells_the_famous_numbers():
    assert search(INDEX, spell_target("+18003569377"))[0].text == "800-FLOWERS"
    assert search(INDEX, spell_target("+14152255669"))[0].text == "415-CALL-NOW"
    assert search(INDEX, spell_target("+14155552665"))[0].text == "415-555-BOOK"


def test_zeros_and_ones_stay_digits_and_a_number_of_them_gets_no_vanity():
    assert search(INDEX, spell_target("+12120101010")) == []
    results = search(INDEX, spell_target("+14150102665"))
    assert results[0].text == "415-010-BOOK"
    assert all(r.text.startswith("415-010-") for r in results)


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"\+[1-9][0-9]{6,14}", fullmatch=True))
def test_every_number_of_7_to_15_digits_gets_an_answer_that_dials_back_to_it(number):
    e164 = normalize_e164(number)
    target = spell_target(e164)
    results = search(INDEX, target)
    assert len(results) <= 6
    national = e164[2:] if target.prefix[0] != "+" else e164[1:]
    for result in results:
        assert _digits_of(result.text) == national
        assert 1 <= len(result.words) <= 2 and all(len(w) >= 3 for w in result.words)
        assert all(word.upper() in result.text for word in result.words)
        assert result.letters == sum(len(w) for w in result.words)
    assert [r.rank_key for r in results] == sorted(r.rank_key for r in results)
