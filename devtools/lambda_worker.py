"""Runs one deployed Lambda handler from its unpacked zip: JSON events in on stdin, replies out on stdout.

Started by :mod:`devtools.local_lambda` with the function's deployed environment. One line in, one line
out, so a benchmark can drive a warm container for thousands of invocations.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import time
import traceback
import uuid
from dataclasses import dataclass, field


@dataclass
class LambdaContext:
    """The attributes of the Lambda runtime's context object that handlers and Powertools read."""

    function_name: str
    memory_limit_in_mb: int
    invoked_function_arn: str
    timeout_ms: int
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    function_version: str = "$LATEST"
    log_group_name: str = ""
    log_stream_name: str = "local"
    _deadline: float = 0.0

    def get_remaining_time_in_millis(self) -> int:
        return max(int((self._deadline - time.monotonic()) * 1000), 0)


def main() -> None:
    code_dir, handler_path, function_name, function_arn, memory, timeout = sys.argv[1:7]
    sys.path[:0] = [code_dir, *sys.argv[7:]]
    # Replies alone travel on the original stdout; anything the handler prints (its logs) goes to stderr.
    out = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    module_name, function = handler_path.rsplit(".", 1)
    started = time.perf_counter()
    module = importlib.import_module(module_name)
    if not module.__file__ or not module.__file__.startswith(code_dir):
        raise SystemExit(f"{module_name} was imported from {module.__file__}, not from the deployed zip")
    handler = getattr(module, function)
    ready = {"ready": True, "import_ms": (time.perf_counter() - started) * 1000}
    out.write(json.dumps(ready) + "\n")
    out.flush()
    for line in sys.stdin:
        event = json.loads(line)
        context = LambdaContext(
            function_name, int(memory), function_arn, int(timeout) * 1000, log_group_name=f"/aws/lambda/{function_name}"
        )
        context._deadline = time.monotonic() + int(timeout)
        started = time.perf_counter()
        try:
            reply = {"result": handler(event, context)}
        except Exception as err:  # the runtime reports an unhandled error; so do we
            reply = {"errorType": type(err).__name__, "errorMessage": str(err), "trace": traceback.format_exc()}
        reply["duration_ms"] = (time.perf_counter() - started) * 1000
        out.write(json.dumps(reply, default=str) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
