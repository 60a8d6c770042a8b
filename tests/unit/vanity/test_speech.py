"""The SSML a caller hears: words said then spelt, digits one by one, every sentence from the flow."""

from __future__ import annotations

from connect_data.vanity.speech import Sentences, speech, spoken


def test_a_word_is_said_then_spelt_and_digits_are_read_one_by_one():
    assert spoken("415-555-BOOK") == (
        '<say-as interpret-as="digits">415</say-as> <break time="250ms"/> '
        '<say-as interpret-as="digits">555</say-as> <break time="250ms"/> '
        'book <break time="400ms"/> spelled <say-as interpret-as="characters">BOOK</say-as>'
    )


def test_options_are_numbered_after_the_introduction_with_pauses():
    ssml = speech(["800-FLOWERS", "415-CALL-NOW"])
    assert ssml.startswith('<speak>Your number can be spelt as: <break time="800ms"/> Option 1: ')
    assert "Option 2: " in ssml and ssml.endswith("</speak>")
    assert ssml.count('<say-as interpret-as="characters">') == 3
    more = speech(["415-BALL-NOW"], first_option=4, more=True)
    assert more.startswith("<speak>More choices:") and "Option 4: " in more


def test_every_sentence_comes_from_the_flow_parameters_and_is_escaped():
    sentences = Sentences.from_parameters(
        {
            "introduction": "Su número se deletrea:",
            "option": "Opción",
            "spelled": "se deletrea",
            "noVanity": "Nada & nadie",
        }
    )
    ssml = speech(["800-FLOWERS"], sentences)
    assert ssml.startswith("<speak>Su número se deletrea:") and "Opción 1: " in ssml and "se deletrea <say-as" in ssml
    assert speech([], sentences) == "<speak>Nada &amp; nadie</speak>"


def test_missing_or_blank_parameters_fall_back_to_the_defaults():
    assert Sentences.from_parameters({"introduction": "  ", "option": 3, "phoneNumber": "+1"}) == Sentences()
