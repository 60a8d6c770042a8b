"""Phone numbers in E.164, the one form every table of this project is keyed by."""

from __future__ import annotations

import re

# ITU-T E.164: a country code and subscriber number of at most 15 digits in all.
_MAX_DIGITS = 15
_MIN_DIGITS = 7
_SEPARATORS = re.compile(r"[\s().\-/]")


class InvalidNumber(ValueError):
    """The input cannot be read as a phone number; ``code`` is what the flow branches on."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code


def normalize_e164(raw: str | None, default_country_code: str = "1") -> str:
    """``raw`` as ``+<digits>``.

    Accepts what Connect and people write: ``+14155550100``, ``(415) 555-0100``, ``0044 20 7946 0000``,
    ``1-415-555-0100``. A national number without a country code gets ``default_country_code`` (for
    the NANP, a 10-digit number); anything with letters or the wrong length is refused.
    """
    if raw is None or not str(raw).strip():
        raise InvalidNumber("NO_NUMBER", "no phone number given")
    text = _SEPARATORS.sub("", str(raw).strip())
    if text.startswith("00"):
        text = "+" + text[2:]
    if text.startswith("+"):
        digits = text[1:]
        if not digits.isdigit():
            raise InvalidNumber("INVALID_NUMBER", "phone number has characters other than digits")
    else:
        if not text.isdigit():
            raise InvalidNumber("INVALID_NUMBER", "phone number has characters other than digits")
        if default_country_code == "1" and len(text) == 11 and text.startswith("1"):
            digits = text
        elif default_country_code == "1" and len(text) == 10:
            digits = "1" + text
        else:
            digits = default_country_code + text.lstrip("0")
    if not _MIN_DIGITS <= len(digits) <= _MAX_DIGITS or digits.startswith("0"):
        raise InvalidNumber(
            "INVALID_NUMBER", f"phone number has {len(digits)} digits; E.164 allows {_MIN_DIGITS} to {_MAX_DIGITS}"
        )
    return "+" + digits


def mask_number(number: str | None) -> str:
    """A number fit for a log line: country code and last two digits only."""
    if not number:
        return ""
    digits = number.lstrip("+")
    return "+" + digits[:1] + "*" * max(len(digits) - 3, 0) + digits[-2:]
