"""What one call does: pick the number, serve a recent stored result or search and store a new one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from connect_data.common.aws import error_code
from connect_data.common.flow import FlowEvent, number_from_flow
from connect_data.common.log import logger
from connect_data.common.phone import InvalidNumber, mask_number
from connect_data.common.timeutil import now_ms
from connect_data.vanity.index import WordIndex, to_digits
from connect_data.vanity.search import search, spell_target
from connect_data.vanity.store import StoredResult, recent_result, save_result

NUMBER_SOURCES = ("customer", "parameter")
STORED = 6  # the flow reads 1-3, and 4-6 when the caller asks for more choices
SPOKEN = 3

WITHHELD_NUMBER = "WITHHELD_NUMBER"
RESULT_NOT_STORED = "RESULT_NOT_STORED"
# What carriers put in the caller ID of a withheld number: a word, or ANONYMOUS keyed in on a keypad
# (+266696687, which some carriers send). Only that keypad form is a marker: the keypad forms of the
# other words are real numbers somewhere (RESTRICTED is the NANP number 737-874-2833).
WITHHELD_MARKERS = ("anonymous", "restricted", "private", "withheld", "unavailable", "unknown", "blocked")
WITHHELD_DIGITS = (to_digits("anonymous"),)


@dataclass(frozen=True)
class VanitySettings:
    table_name: str
    repeat_window_seconds: int = 300
    ttl_seconds: int = 30 * 86400
    default_country_code: str = "1"
    number_source: str = "customer"
    number_parameter: str = "phoneNumber"


@dataclass(frozen=True)
class VanityAnswer:
    number: str
    vanities: list[str]
    served_from_store: bool
    table_error: str | None = None  # the AWS error code when the result could not be stored


def _raw_number(event: FlowEvent, settings: VanitySettings) -> Any:
    """The number as the event carries it, before any conversion to text."""
    if (event.parameter("numberSource") or settings.number_source).lower() == "parameter":
        return event.parameters.get(settings.number_parameter)
    endpoint = event.contact.get("CustomerEndpoint")
    return endpoint.get("Address") if isinstance(endpoint, dict) else None


def is_withheld(raw: str) -> bool:
    """A caller ID that stands for a withheld number (``anonymous``, ``+266696687``, ``Restricted``)."""
    text = "".join(ch for ch in raw.lower() if ch.isalnum())
    return text in WITHHELD_MARKERS or text in WITHHELD_DIGITS


def number_to_spell(event: FlowEvent, settings: VanitySettings) -> str:
    """The caller's number, or the flow's ``phoneNumber`` parameter (per block via ``numberSource``).

    Only strings and integers are numbers: a float (``1.8003569377e10``) has lost digits or gained a
    fraction on its way and is ``INVALID_NUMBER`` rather than spelt as a different number.
    """
    raw = _raw_number(event, settings)
    if isinstance(raw, bool) or (raw is not None and not isinstance(raw, (str, int))):
        raise InvalidNumber("INVALID_NUMBER", f"phone number is a {type(raw).__name__}, not a string")
    if raw is not None and is_withheld(str(raw)):
        raise InvalidNumber(WITHHELD_NUMBER, "the caller withheld their number")
    return number_from_flow(
        event,
        source=settings.number_source,
        number_parameter=settings.number_parameter,
        default_country_code=settings.default_country_code,
        allowed_sources=NUMBER_SOURCES,
    )


def vanity_for(
    dynamodb: Any, index: WordIndex, settings: VanitySettings, number: str, contact_id: str | None
) -> VanityAnswer:
    """The caller's best vanity numbers: stored ones within the repeat window, else a fresh search.

    The search needs no table: when the read or the write fails the fresh result is still answered,
    with ``table_error`` set when it could not be stored.
    """
    if settings.repeat_window_seconds > 0:
        try:
            stored = recent_result(dynamodb, settings.table_name, number, settings.repeat_window_seconds)
        except (ClientError, BotoCoreError) as err:
            logger.warning(
                "results table read failed", extra={"caller": mask_number(number), "detail": error_code(err)}
            )
            stored = None
        if stored is not None:
            return VanityAnswer(number, stored.vanities, served_from_store=True)
    found = search(index, spell_target(number), limit=STORED)
    result = StoredResult(number, [v.text for v in found], contact_id, now_ms())
    try:
        save_result(dynamodb, settings.table_name, result, settings.ttl_seconds, [list(v.words) for v in found])
    except (ClientError, BotoCoreError) as err:
        logger.exception("results table write failed", extra={"caller": mask_number(number)})
        return VanityAnswer(number, result.vanities, served_from_store=False, table_error=error_code(err))
    return VanityAnswer(number, result.vanities, served_from_store=False)
