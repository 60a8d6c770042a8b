"""The one structured logger (Powertools) every handler uses, named by the function's service."""

from __future__ import annotations

import os

from aws_lambda_powertools import Logger

logger = Logger(service=os.environ.get("POWERTOOLS_SERVICE_NAME", "connect-data"))
