"""One local stack per test session: moto on 127.0.0.1 with examples/local applied by Terraform."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from devtools.stack import LocalStack


@pytest.fixture(scope="session")
def local_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStack]:
    log = tmp_path_factory.mktemp("moto") / "moto.log"
    with LocalStack.up(log=log) as stack:
        yield stack


@pytest.fixture(autouse=True)
def _local_credentials(aws_credentials: None) -> None:
    """The stack's functions run in their own processes; tests only need the fake credentials."""
