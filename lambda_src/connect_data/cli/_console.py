"""What every command-line tool shares when it talks to a person: progress with totals and rates, help text
without markup, and one clear line (never a traceback) for the errors people meet.

Adopting it in a tool is two lines::

    @clear_errors("my-tool")
    def main(argv=None) -> int: ...

    with progress("scanning", total=estimated_items(dynamodb, table)) as bar:
        for item in items: bar.advance()

Progress goes to standard error (``rich``), so standard output stays clean for CSV, JSON and pages; it is
drawn live on a terminal and printed once, as its final line, when standard error is a file or a pipe.
"""

from __future__ import annotations

import contextlib
import functools
import re
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any, TextIO

from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    EndpointConnectionError,
    NoCredentialsError,
    NoRegionError,
    PartialCredentialsError,
    ProfileNotFound,
)
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn, TimeElapsedColumn
from rich.text import Text

THROTTLING_CODES = frozenset(
    {
        "ThrottlingException",
        "Throttling",
        "ThrottledException",
        "ProvisionedThroughputExceededException",
        "RequestLimitExceeded",
        "TooManyRequestsException",
        "RequestThrottled",
        "SlowDown",
    }
)
NOT_FOUND_CODES = frozenset(
    {
        "ResourceNotFoundException",
        "TableNotFoundException",
        "NotFoundException",
        "NoSuchBucket",
        "QueueDoesNotExist",
        "AWS.SimpleQueueService.NonExistentQueue",
    }
)
CREDENTIAL_CODES = frozenset({"UnrecognizedClientException", "InvalidClientTokenId", "ExpiredTokenException"})
EXIT_AWS_ERROR = 1
EXIT_INTERRUPTED = 130


class RateColumn(ProgressColumn):
    """Items per second since the start (rich's own speed column counts bytes)."""

    def __init__(self, unit: str) -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        elapsed = task.finished_time if task.finished else task.elapsed
        rate = task.completed / elapsed if elapsed else 0.0
        return Text(f"{rate:,.0f} {self.unit}/s")


class Bar:
    """One task of a progress display: ``advance`` it, and ``note`` a count shown beside it."""

    def __init__(self, display: Progress | None, task: Any) -> None:
        self._display = display
        self._task = task
        self._lock = threading.Lock()  # scan segments advance the same bar from several threads
        self.completed = 0

    def advance(self, count: int = 1) -> None:
        with self._lock:
            self.completed += count
        if self._display is not None:
            self._display.advance(self._task, count)

    def note(self, text: str) -> None:
        if self._display is not None:
            self._display.update(self._task, note=text)


@contextlib.contextmanager
def progress(
    description: str,
    total: int | None = None,
    *,
    unit: str = "items",
    enabled: bool = True,
    stream: TextIO | None = None,
) -> Iterator[Bar]:
    """A progress bar on standard error: done of ``total`` (an estimate when it comes from ItemCount), rate,
    elapsed time. ``total`` None draws a counter without a bar; ``enabled`` False draws nothing."""
    if not enabled:
        yield Bar(None, None)
        return
    console = Console(file=stream or sys.stderr, highlight=False, soft_wrap=True)
    columns: list[ProgressColumn | str] = [TextColumn("{task.description}")]
    if total is not None:
        columns += [BarColumn(bar_width=30), MofNCompleteColumn()]
    else:
        columns += [TextColumn("{task.completed:,} " + unit)]
    columns += [RateColumn(unit), TimeElapsedColumn(), TextColumn("{task.fields[note]}")]
    display = Progress(*columns, console=console, refresh_per_second=8)
    task = display.add_task(description, total=total, note="")
    with display:
        bar = Bar(display, task)
        yield bar
        # The estimate (ItemCount lags by hours) must not leave a finished bar looking unfinished.
        display.update(task, total=max(bar.completed, total or 0) if total is not None else None)


def estimated_items(dynamodb: Any, table: str) -> int:
    """The table's item count as DynamoDB last published it (refreshed about every six hours)."""
    return int(dynamodb.describe_table(TableName=table)["Table"].get("ItemCount", 0))


_MARKUP = re.compile(r"``([^`]+)``|`([^`]+)`")


def help_text(doc: str | None) -> str:
    """A docstring's first paragraph as ``--help`` prints it: without reStructuredText backticks."""
    first = (doc or "").strip().split("\n\n")[0]
    return " ".join(_MARKUP.sub(lambda m: m.group(1) or m.group(2), first).split())


def explain(err: BaseException) -> str:
    """The one line a person needs for an AWS error: what went wrong and what to do about it."""
    if isinstance(err, ProfileNotFound):
        return f"{err} - name a profile from ~/.aws/config or leave out --profile"
    if isinstance(err, (NoCredentialsError, PartialCredentialsError)):
        return "no AWS credentials found - run 'aws configure', set AWS_PROFILE or pass --profile"
    if isinstance(err, NoRegionError):
        return "no AWS region set - pass --region or set AWS_REGION"
    if isinstance(err, EndpointConnectionError):
        return f"cannot reach AWS: {err} - check --region, --endpoint-url and the network"
    if isinstance(err, ClientError):
        error = err.response.get("Error", {})
        code = str(error.get("Code", ""))
        message = " ".join(str(error.get("Message", "")).split())
        where = f"{err.operation_name}: {code}"
        if code in THROTTLING_CODES:
            return f"AWS is throttling these requests ({where}) even after retries - wait and run again"
        if code in NOT_FOUND_CODES:
            return f"not found ({where}: {message}) - check the name and --region"
        if code in CREDENTIAL_CODES:
            return f"AWS refused these credentials ({where}: {message}) - check --profile and the credentials"
        return f"{where}: {message}".rstrip(": ")
    return " ".join(str(err).split()) or type(err).__name__


def clear_errors(prog: str, stream: Callable[[], TextIO] = lambda: sys.stderr) -> Callable[..., Any]:
    """Wrap a tool's ``main``: an AWS error or Ctrl-C becomes ``prog: error: <one line>`` and a non-zero exit."""

    def wrap(main: Callable[..., int]) -> Callable[..., int]:
        @functools.wraps(main)
        def run(*args: Any, **kwargs: Any) -> int:
            try:
                return main(*args, **kwargs)
            except (ClientError, BotoCoreError) as err:
                print(f"{prog}: error: {explain(err)}", file=stream())
                return EXIT_AWS_ERROR
            except KeyboardInterrupt:
                print(f"{prog}: interrupted", file=stream())
                return EXIT_INTERRUPTED

        return run

    return wrap
