"""A moto server on 127.0.0.1 that a script or a test starts, uses and always stops."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": "us-east-1",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _moto_command(port: int) -> list[str]:
    beside = Path(sys.executable).with_name("moto_server")
    binary = str(beside) if beside.exists() else shutil.which("moto_server")
    if binary is None:
        raise RuntimeError("moto_server is not installed: pip install 'moto[server]'")
    return [binary, "-H", "127.0.0.1", "-p", str(port)]


@contextlib.contextmanager
def moto_server(port: int | None = None, log_path: Path | None = None) -> Iterator[str]:
    """Start moto, wait until it answers, yield its endpoint URL, and stop it on the way out."""
    port = port or free_port()
    endpoint = f"http://127.0.0.1:{port}"
    log = open(log_path, "w") if log_path else None  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        _moto_command(port),
        stdout=log or subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        env={**os.environ, **CREDENTIALS},
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"moto_server did not start on {endpoint}") from None
                time.sleep(0.1)
        # Functions must not run through Docker (there is none): creating them only stores them.
        request = urllib.request.Request(
            f"{endpoint}/moto-api/config",
            data=json.dumps({"lambda": {"use_docker": False}}).encode(),
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        urllib.request.urlopen(request, timeout=5).close()
        yield endpoint
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        if log:
            log.close()


@contextlib.contextmanager
def aws_environment(endpoint: str) -> Iterator[None]:
    """Point boto3 (and Terraform's provider through the example's variable) at the local endpoint."""
    saved = {k: os.environ.get(k) for k in [*CREDENTIALS, "AWS_ENDPOINT_URL"]}
    os.environ.update(CREDENTIALS)
    os.environ["AWS_ENDPOINT_URL"] = endpoint
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
