"""The lake's and the agent-event stream's units are priced as AWS bills them (benchmarks/cost.py)."""

from __future__ import annotations

import pytest

from benchmarks.bench_cost import CENTER_EVENTS_PER_HOUR, _add_kinesis
from benchmarks.cost import GB, TB, Usage


def test_s3_athena_and_kinesis_units_are_priced_at_the_list_prices():
    assert Usage(s3_puts=1000).usd() == pytest.approx(0.005)
    assert Usage(s3_gb_months=1).usd() == pytest.approx(0.023)
    assert Usage(athena_bytes_scanned=TB).usd() == pytest.approx(5.00)
    assert Usage(kinesis_stream_hours=1).usd() == pytest.approx(0.04)
    assert Usage(kinesis_bytes_in=GB, kinesis_bytes_out=GB).usd() == pytest.approx(0.08 + 0.04)


def test_kinesis_data_in_rounds_each_record_up_to_a_kilobyte_and_shares_the_stream_hour():
    usage = Usage()
    small, large = {"a": "x"}, {"a": "x" * 1500}  # 10 bytes and 1,509 bytes of JSON
    _add_kinesis(usage, [small, large])
    assert usage.kinesis_bytes_in == 1024 + 2048
    assert usage.kinesis_bytes_out == 10 + 1509
    assert usage.kinesis_stream_hours == pytest.approx(2 / CENTER_EVENTS_PER_HOUR)
