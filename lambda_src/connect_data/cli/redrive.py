"""``redrive``: feed what sits in a capability's dead-letter queue back through the same processing.

    redrive connect-data-contact-status-dlq --dry-run
    redrive https://sqs.us-east-1.amazonaws.com/123456789012/connect-data-cases-dlq

The queue is named by its name or URL (the ``dead_letter_queue_url`` output of the capability's module).
What happens to a message depends on where it came from:

- the queue is an SQS dead-letter queue (another queue's redrive policy names it, as the Cases queue's
  does): each message is **moved** back to that source queue, body and attributes unchanged;
- otherwise each message is **re-invoked** on the function that failed it, with the original payload:
  a quarantined record (``quarantine`` in the body: the contact-status processor's poison records, the
  archive's failed items) on its ``replayTo`` function; an asynchronous Lambda on-failure record on
  ``requestContext.functionArn`` with ``requestPayload``; an EventBridge target dead letter on the
  ``TARGET_ARN`` message attribute with the event itself.

A message is deleted only after its invocation succeeded (or its move was sent); one that fails again
stays. A poison record quarantined again during the run is a new message and is left for the operator,
never replayed twice in one run, so a redrive cannot loop. Messages it cannot replay (a stream's
failure metadata, an unknown shape) stay and are counted.
"""

from __future__ import annotations

import argparse
import base64
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from connect_data.cli._console import clear_errors, progress
from connect_data.cli._session import add_session_arguments, session
from connect_data.common.metrics import REPLAY_KEY, REPLAY_VALUE
from connect_data.contact_status.quarantine import is_quarantine_message, replay_payload

PROG = "redrive"
# A message stays hidden from other readers while this run holds it (the run releases what it keeps).
HOLD_SECONDS = 300
RECEIVE_BATCH = 10
EMPTY_RECEIVES_TO_STOP = 2

MOVE = "move"
INVOKE = "invoke"
NOT_REPLAYABLE = "not-replayable"

Invoker = Callable[[str, Any], None]


@dataclass(frozen=True)
class Replay:
    """What to do with one message: invoke ``function`` with ``payload`` (or nothing, with ``why``)."""

    action: str
    function: str | None = None
    payload: Any = None
    why: str = ""


def _attribute(message: Mapping[str, Any], name: str) -> str | None:
    value = (message.get("MessageAttributes") or {}).get(name) or {}
    return value.get("StringValue")


def plan_replay(message: Mapping[str, Any], default_function: str | None = None) -> Replay:
    """How one dead-letter message is replayed, from its body and attributes alone."""
    try:
        body = json.loads(message.get("Body") or "")
    except ValueError:
        body = None
    if is_quarantine_message(body):
        function = body.get("replayTo") or default_function
        if not function:
            return Replay(NOT_REPLAYABLE, why="quarantined without replayTo; pass --function")
        return Replay(INVOKE, function, replay_payload(body))
    if isinstance(body, Mapping) and isinstance(body.get("requestContext"), Mapping):
        if "DDBStreamBatchInfo" in body or "KinesisBatchInfo" in body:
            return Replay(NOT_REPLAYABLE, why="stream failure metadata: the records are in the stream, not here")
        function = body["requestContext"].get("functionArn")
        if function and "requestPayload" in body:
            return Replay(INVOKE, function, body["requestPayload"])
    target = _attribute(message, "TARGET_ARN")
    if target and body is not None:
        return Replay(INVOKE, target, body)
    if default_function and body is not None:
        return Replay(INVOKE, default_function, body)
    return Replay(NOT_REPLAYABLE, why="unknown message shape; pass --function to invoke one with the body")


# Tells the function its records are replayed (counted as RecordsReplayed, common/metrics.py).
REPLAY_CLIENT_CONTEXT = base64.b64encode(json.dumps({"custom": {REPLAY_KEY: REPLAY_VALUE}}).encode()).decode()


def lambda_invoker(lambda_client: Any) -> Invoker:
    def invoke(function: str, payload: Any) -> None:
        response = lambda_client.invoke(
            FunctionName=function,
            InvocationType="RequestResponse",
            Payload=json.dumps(payload).encode(),
            ClientContext=REPLAY_CLIENT_CONTEXT,
        )
        if response.get("FunctionError"):
            raise RuntimeError(f"{function}: {response['Payload'].read().decode()[:500]}")

    return invoke


def queue_url(sqs: Any, queue: str) -> str:
    return (
        queue
        if queue.startswith("https://") or queue.startswith("http://")
        else sqs.get_queue_url(QueueName=queue)["QueueUrl"]
    )


def source_queues(sqs: Any, url: str) -> list[str]:
    """The queues whose redrive policy names ``url`` as their dead-letter queue."""
    return list(sqs.list_dead_letter_source_queues(QueueUrl=url).get("queueUrls", []))


def _held_messages(sqs: Any, url: str, started_ms: int, late: list[str]) -> Iterator[dict[str, Any]]:
    """Each message that was in the queue when the run began, once; later ones are held back, not replayed."""
    empty = 0
    while empty < EMPTY_RECEIVES_TO_STOP:
        messages = sqs.receive_message(
            QueueUrl=url,
            MaxNumberOfMessages=RECEIVE_BATCH,
            VisibilityTimeout=HOLD_SECONDS,
            WaitTimeSeconds=1,
            MessageAttributeNames=["All"],
            AttributeNames=["SentTimestamp"],
        ).get("Messages", [])
        fresh = [m for m in messages if int(m.get("Attributes", {}).get("SentTimestamp", 0)) <= started_ms]
        late += [m["ReceiptHandle"] for m in messages if m not in fresh]
        empty = 0 if fresh else empty + 1
        yield from fresh


def _release(sqs: Any, url: str, handles: list[str]) -> None:
    for i in range(0, len(handles), RECEIVE_BATCH):
        entries = [
            {"Id": str(n), "ReceiptHandle": h, "VisibilityTimeout": 0} for n, h in enumerate(handles[i : i + 10])
        ]
        sqs.change_message_visibility_batch(QueueUrl=url, Entries=entries)


def redrive(
    sqs: Any,
    queue: str,
    *,
    invoker: Invoker | None = None,
    dry_run: bool = False,
    default_function: str | None = None,
    to_queue: str | None = None,
    progress: Callable[[int], None] = lambda n: None,
) -> Counter[str]:
    """Replay the queue once; answers the outcome counts (moved, replayed, failed, not-replayable, ...)."""
    url = queue_url(sqs, queue)
    sources = [to_queue] if to_queue else source_queues(sqs, url)
    if len(sources) > 1:
        raise SystemExit(f"{url} is the dead-letter queue of {len(sources)} queues; choose one with --to-queue")
    outcome: Counter[str] = Counter()
    held: list[str] = []
    late: list[str] = []
    started_ms = int(time.time() * 1000)
    try:
        for message in _held_messages(sqs, url, started_ms, late):
            progress(1)
            if sources:
                outcome[_move(sqs, url, sources[0], message, dry_run, held)] += 1
                continue
            replay = plan_replay(message, default_function)
            if replay.action == NOT_REPLAYABLE:
                outcome[f"{NOT_REPLAYABLE}: {replay.why}"] += 1
                held.append(message["ReceiptHandle"])
            elif dry_run:
                outcome[f"would invoke {replay.function}"] += 1
                held.append(message["ReceiptHandle"])
            else:
                assert invoker is not None
                try:
                    invoker(str(replay.function), replay.payload)
                except Exception as err:  # the message stays for the next run; the reason is reported
                    outcome[f"failed: {type(err).__name__}"] += 1
                    held.append(message["ReceiptHandle"])
                    continue
                sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
                outcome["replayed"] += 1
    finally:
        outcome["left: arrived during the run"] += len(late)
        _release(sqs, url, held + late)
    return +outcome


def _move(sqs: Any, url: str, target: str, message: Mapping[str, Any], dry_run: bool, held: list[str]) -> str:
    if dry_run:
        held.append(message["ReceiptHandle"])
        return f"would move to {target}"
    attributes = message.get("MessageAttributes") or {}
    sqs.send_message(
        QueueUrl=target,
        MessageBody=message["Body"],
        **({"MessageAttributes": attributes} if attributes else {}),
    )
    sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
    return "moved"


def _approximate_count(sqs: Any, url: str) -> int:
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages"])
    return int(attributes["Attributes"].get("ApproximateNumberOfMessages", 0))


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=PROG,
        description="Replay a capability's dead-letter queue or quarantine through the same processing: "
        "SQS dead letters are moved back to their source queue; quarantined records, Lambda on-failure "
        "records and EventBridge dead letters are re-invoked with their original payload.",
    )
    p.add_argument("queue", help="dead-letter queue name or URL (terraform output dead_letter_queue_url)")
    p.add_argument("--dry-run", action="store_true", help="show what would be replayed; change nothing")
    p.add_argument("--function", help="function to invoke for messages that do not name one")
    p.add_argument("--to-queue", help="source queue URL to move messages to (default: from the redrive policy)")
    add_session_arguments(p)
    return p


@clear_errors(PROG)
def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    aws = session(args)
    sqs = aws.client("sqs")
    url = queue_url(sqs, args.queue)
    description = "dry run" if args.dry_run else "redrive"
    with progress(description, total=_approximate_count(sqs, url), unit="messages") as bar:
        outcome = redrive(
            sqs,
            url,
            invoker=lambda_invoker(aws.client("lambda")),
            dry_run=args.dry_run,
            default_function=args.function,
            to_queue=args.to_queue,
            progress=bar.advance,
        )
    json.dump(dict(outcome), sys.stdout, indent=2, sort_keys=True)
    print()
    return 1 if any(k.startswith("failed") for k in outcome) else 0


if __name__ == "__main__":
    raise SystemExit(main())
