"""The SSML a caller hears: each vanity number said, its words spelt letter by letter, with pauses.

Every sentence comes from :class:`Sentences`; the flow passes them (``var.prompts`` of the module) as
invocation parameters, so a deployment speaks its callers' language without a code change. The
defaults are the module's English defaults.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any
from xml.sax.saxutils import escape

WORD_PAUSE = '<break time="250ms"/>'
SPELL_PAUSE = '<break time="400ms"/>'
OPTION_PAUSE = '<break time="800ms"/>'


@dataclass(frozen=True)
class Sentences:
    """What the function says around the vanity numbers (flow parameter names in camelCase)."""

    introduction: str = "Your number can be spelt as:"
    more_introduction: str = "More choices:"
    option: str = "Option"
    spelled: str = "spelled"
    no_vanity: str = "Sorry, no words spell your phone number."

    @classmethod
    def from_parameters(cls, parameters: Mapping[str, Any]) -> Sentences:
        """The sentences a flow passed (``introduction``, ``moreIntroduction``, ...); defaults for the rest."""
        given = {}
        for field in fields(cls):
            head, *rest = field.name.split("_")
            value = parameters.get(head + "".join(part.title() for part in rest))
            if isinstance(value, str) and value.strip():
                given[field.name] = value.strip()
        return cls(**given)


def spoken(text: str, sentences: Sentences = Sentences()) -> str:
    """SSML for one written vanity number: digit groups digit by digit; each word said, then spelt."""
    parts = []
    for part in text.split("-"):
        digits = part.lstrip("+")
        if digits.isdigit():
            parts.append(f'<say-as interpret-as="digits">{digits}</say-as>')
        else:
            parts.append(
                f"{part.lower()} {SPELL_PAUSE} {escape(sentences.spelled)} "
                f'<say-as interpret-as="characters">{part.upper()}</say-as>'
            )
    return f" {WORD_PAUSE} ".join(parts)


def speech(texts: list[str], sentences: Sentences = Sentences(), first_option: int = 1, more: bool = False) -> str:
    """The prompt for the flow: the introduction, then each option numbered, said and spelt."""
    if not texts:
        return f"<speak>{escape(sentences.no_vanity)}</speak>"
    introduction = sentences.more_introduction if more else sentences.introduction
    options = [
        f"{escape(sentences.option)} {number}: {spoken(text, sentences)}. {OPTION_PAUSE}"
        for number, text in enumerate(texts, start=first_option)
    ]
    return f"<speak>{escape(introduction)} {OPTION_PAUSE} " + " ".join(options) + "</speak>"
