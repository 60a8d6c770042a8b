"""The embedded default: examples/local applied to a moto server on 127.0.0.1, and its functions run.

Used by ``make demo``, the integration tests and the benchmarks alike::

    with LocalStack.up() as stack:
        lookup = stack.function("local-customer-lookup")
        lookup.invoke(event)
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import sys
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import Any

import boto3

from devtools import terraform
from devtools.local_lambda import LocalFunction
from devtools.moto_stack import CREDENTIALS, moto_server

EXAMPLE = terraform.REPO / "examples" / "local"


def _zip_sha256(path: Path) -> str:
    return base64.b64encode(hashlib.sha256(path.read_bytes()).digest()).decode()


class LocalStack:
    def __init__(self, endpoint: str, example: Path = EXAMPLE, extra_variables: dict[str, str] | None = None) -> None:
        self.endpoint = endpoint
        self.example = example
        self.extra_variables = dict(extra_variables or {})
        self._functions: list[LocalFunction] = []

    @classmethod
    @contextlib.contextmanager
    def up(
        cls,
        example: Path = EXAMPLE,
        *,
        destroy: bool = True,
        log: Path | None = None,
        variables: dict[str, str] | None = None,
    ) -> Iterator[LocalStack]:
        """Start moto, apply the example, yield the stack; stop its functions, destroy and stop moto after.

        After the destroy, anything the example left in moto is an error (:meth:`leftovers`).
        """
        terraform.init(example)
        with moto_server(log_path=log) as endpoint:
            stack = cls(endpoint, example, variables)
            terraform.apply(example, stack.variables)
            try:
                yield stack
            finally:
                stack.close()
                if destroy:
                    terraform.apply(example, stack.variables, destroy=True)
                    left = stack.leftovers()
                    if left:
                        raise RuntimeError(f"terraform destroy left resources behind in moto: {left}")

    def leftovers(self) -> dict[str, list[str]]:
        """What is still in moto, by kind (empty lists left out)."""
        found = {
            "tables": self.client("dynamodb").list_tables()["TableNames"],
            "queues": self.client("sqs").list_queues().get("QueueUrls", []),
            "topics": [t["TopicArn"] for t in self.client("sns").list_topics()["Topics"]],
            "subscriptions": [s["SubscriptionArn"] for s in self.client("sns").list_subscriptions()["Subscriptions"]],
            "functions": [f["FunctionName"] for f in self.client("lambda").list_functions()["Functions"]],
            "layers": [layer["LayerName"] for layer in self.client("lambda").list_layers()["Layers"]],
            "event_source_mappings": [
                m["UUID"] for m in self.client("lambda").list_event_source_mappings()["EventSourceMappings"]
            ],
            "rules": [r["Name"] for r in self.client("events").list_rules()["Rules"]],
            "schedules": [x["Name"] for x in self.client("scheduler").list_schedules()["Schedules"]],
            "roles": [r["RoleName"] for r in self.client("iam").list_roles()["Roles"]],
            "log_groups": [g["logGroupName"] for g in self.client("logs").describe_log_groups()["logGroups"]],
            "buckets": [b["Name"] for b in self.client("s3").list_buckets()["Buckets"]],
            "glue_databases": [d["Name"] for d in self.client("glue").get_databases()["DatabaseList"]],
            # moto, like AWS, always has the "primary" workgroup.
            "workgroups": [
                w["Name"] for w in self.client("athena").list_work_groups()["WorkGroups"] if w["Name"] != "primary"
            ],
        }
        return {kind: names for kind, names in found.items() if names}

    @property
    def variables(self) -> dict[str, str]:
        return {"endpoint": self.endpoint, "python": sys.executable, **self.extra_variables}

    @cached_property
    def outputs(self) -> dict[str, Any]:
        return terraform.outputs(self.example)

    def client(self, service: str) -> Any:
        return boto3.client(
            service,
            endpoint_url=self.endpoint,
            region_name=CREDENTIALS["AWS_REGION"],
            aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        )

    def _built_zip(self, folder: str, code_sha256: str) -> Path:
        """The zip the packager built whose bytes are the ones moto holds (moto cannot hand them back)."""
        for candidate in sorted((self.example / ".build" / folder).glob("*.zip")):
            if _zip_sha256(candidate) == code_sha256:
                return candidate
        raise FileNotFoundError(f"no zip under {self.example}/.build/{folder} has CodeSha256 {code_sha256}")

    def function(self, name: str) -> LocalFunction:
        """A warm process running the deployed function ``name`` from its deployed zip and layers."""
        lambda_client = self.client("lambda")
        config = lambda_client.get_function_configuration(FunctionName=name)
        package = self._built_zip("lambda", config["CodeSha256"])
        layers = []
        for layer in config.get("Layers", []):
            # moto's GetLayerVersionByArn fails; GetLayerVersion by name and number answers the same.
            name_and_number = layer["Arn"].split(":layer:", 1)[1]
            layer_name, number = name_and_number.rsplit(":", 1)
            version = lambda_client.get_layer_version(LayerName=layer_name, VersionNumber=int(number))
            layers.append(self._built_zip("layers", version["Content"]["CodeSha256"]))
        function = LocalFunction(lambda_client, name, package, layers, endpoint=self.endpoint)
        self._functions.append(function)
        return function

    def close(self) -> None:
        while self._functions:
            self._functions.pop().close()
