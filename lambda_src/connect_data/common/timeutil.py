"""Time in the forms the tables use: epoch milliseconds, ISO 8601 in UTC, and TTL epoch seconds."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def iso_utc(epoch_ms: int | None = None) -> str:
    """``2024-05-01T12:00:00.123Z`` for ``epoch_ms`` (now by default)."""
    ms = now_ms() if epoch_ms is None else epoch_ms
    return datetime.fromtimestamp(ms / 1000, tz=UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


def parse_instant_ms(value: str) -> int:
    """An ISO 8601 instant (``Z`` or an offset, any fraction) as epoch milliseconds, so instants compare as
    time and not as text (``10:00:00Z`` is older than ``10:00:00.500Z``). Raises ``ValueError``."""
    moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (moment - _EPOCH) // timedelta(milliseconds=1)


def ttl_after(seconds: int, *, from_ms: int | None = None) -> int:
    """The TTL attribute value (epoch seconds) ``seconds`` after ``from_ms`` (now by default)."""
    base = now_ms() if from_ms is None else from_ms
    return base // 1000 + int(seconds)
