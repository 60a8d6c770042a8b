"""One local stack per test session: moto on 127.0.0.1 with examples/local applied by Terraform."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from devtools.stack import LocalStack


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every integration test shares the one local stack: under pytest-xdist (``--dist loadgroup``) they all
    run in one worker, in file order, while the unit tests spread over the others."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.xdist_group("local-stack"))


@pytest.fixture(scope="session")
def local_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStack]:
    log = tmp_path_factory.mktemp("moto") / "moto.log"
    with LocalStack.up(log=log) as stack:
        yield stack


@pytest.fixture(autouse=True)
def _local_credentials(aws_credentials: None) -> None:
    """The stack's functions run in their own processes; tests only need the fake credentials."""
