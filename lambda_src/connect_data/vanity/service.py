"""What one call does: pick the number, serve a recent stored result or search and store a new one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from connect_data.common.flow import FlowEvent, number_from_flow
from connect_data.common.timeutil import now_ms
from connect_data.vanity.index import WordIndex
from connect_data.vanity.search import search, spell_target
from connect_data.vanity.store import StoredResult, recent_result, save_result

NUMBER_SOURCES = ("customer", "parameter")
STORED = 5
SPOKEN = 3


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


def number_to_spell(event: FlowEvent, settings: VanitySettings) -> str:
    """The caller's number, or the flow's ``phoneNumber`` parameter (per block via ``numberSource``)."""
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
    """The caller's best vanity numbers: stored ones within the repeat window, else a fresh search."""
    if settings.repeat_window_seconds > 0:
        stored = recent_result(dynamodb, settings.table_name, number, settings.repeat_window_seconds)
        if stored is not None:
            return VanityAnswer(number, stored.vanities, served_from_store=True)
    found = search(index, spell_target(number), limit=STORED)
    result = StoredResult(number, [v.text for v in found], contact_id, now_ms())
    save_result(dynamodb, settings.table_name, result, settings.ttl_seconds, [list(v.words) for v in found])
    return VanityAnswer(number, result.vanities, served_from_store=False)
