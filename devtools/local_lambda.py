"""Runs a function deployed to moto from its deployed zip, with its deployed handler and environment.

moto stores functions but cannot run them without Docker, so this reads the function's configuration
from moto (handler, environment, memory, timeout), unpacks the zip the packager built (and the
dependency layer's zip when given), and drives the handler in a separate, warm Python process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from devtools.moto_stack import CREDENTIALS

_WORKER = Path(__file__).with_name("lambda_worker.py")


class LocalFunction:
    def __init__(
        self,
        lambda_client: Any,
        function_name: str,
        package_path: Path | str,
        layer_paths: Sequence[Path | str] = (),
        endpoint: str | None = None,
        python: str = sys.executable,
    ) -> None:
        config = lambda_client.get_function_configuration(FunctionName=function_name)
        self.name = function_name
        self.handler = config["Handler"]
        self.environment = dict(config.get("Environment", {}).get("Variables", {}))
        self._tmp = tempfile.TemporaryDirectory(prefix=f"{function_name}-")
        code_dir = Path(self._tmp.name, "task")
        with zipfile.ZipFile(package_path) as archive:
            archive.extractall(code_dir)
        layer_dirs = []
        for index, layer in enumerate(layer_paths):
            layer_dir = Path(self._tmp.name, f"opt{index}")
            with zipfile.ZipFile(layer) as archive:
                archive.extractall(layer_dir)
            layer_dirs.append(str(layer_dir / "python"))
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "POWERTOOLS_", "PYTHON"))}
        env.update(CREDENTIALS)
        env.update(self.environment)
        env["AWS_LAMBDA_FUNCTION_NAME"] = function_name
        env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = str(config["MemorySize"])
        if endpoint:
            env["AWS_ENDPOINT_URL"] = endpoint
        self.process = subprocess.Popen(
            [
                python,
                str(_WORKER),
                str(code_dir),
                self.handler,
                function_name,
                config["FunctionArn"],
                str(config["MemorySize"]),
                str(config["Timeout"]),
                *layer_dirs,
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL if os.environ.get("QUIET_LAMBDA_LOGS", "1") == "1" else None,
            text=True,
            env=env,
        )
        self._stdin: IO[str] = self.process.stdin  # type: ignore[assignment]  # PIPE was asked for
        self._stdout: IO[str] = self.process.stdout  # type: ignore[assignment]
        ready = self._stdout.readline()
        if not ready:
            raise RuntimeError(
                f"{function_name}: the handler {self.handler} failed to import (set QUIET_LAMBDA_LOGS=0 to see why)"
            )
        self.import_ms = json.loads(ready)["import_ms"]
        self.last_duration_ms = 0.0

    def invoke(self, event: Any) -> Any:
        """The handler's reply to ``event``; an unhandled error is raised as a RuntimeError."""
        self._stdin.write(json.dumps(event) + "\n")
        self._stdin.flush()
        line = self._stdout.readline()
        if not line:
            raise RuntimeError(f"{self.name}: the worker process died")
        reply = json.loads(line)
        self.last_duration_ms = reply["duration_ms"]
        if "errorType" in reply:
            raise RuntimeError(f"{self.name} raised {reply['errorType']}: {reply['errorMessage']}\n{reply['trace']}")
        return reply["result"]

    def close(self) -> None:
        if self.process.poll() is None:
            self._stdin.close()
            self.process.wait(timeout=10)
        self._tmp.cleanup()

    def __enter__(self) -> LocalFunction:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
