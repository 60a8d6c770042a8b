"""What every command-line tool shares: the ``--region`` / ``--profile`` options and the session they make."""

from __future__ import annotations

import argparse
from typing import Any

import boto3


def add_session_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--region", help="AWS region (default: the profile's or AWS_REGION)")
    parser.add_argument("--profile", help="named AWS profile (default: the environment's credentials)")


def session(args: argparse.Namespace) -> boto3.session.Session:
    """The session the parsed ``--profile`` and ``--region`` ask for."""
    return boto3.session.Session(profile_name=args.profile, region_name=args.region)


def session_client(args: argparse.Namespace, service: str) -> Any:
    return session(args).client(service)
