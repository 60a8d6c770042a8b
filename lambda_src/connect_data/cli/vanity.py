"""connect-data-vanity: spell phone numbers with the shipped word index, or show a caller's stored result.

connect-data-vanity +18003569377 "(415) 225-5669"
connect-data-vanity --table connect-data-vanity-results --region us-east-1 +18003569377
"""

from __future__ import annotations

import argparse
import json
import sys

from connect_data.cli._console import clear_errors, help_text, progress
from connect_data.cli._session import add_session_arguments, session_client
from connect_data.common.dynamo import from_item
from connect_data.common.phone import InvalidNumber, normalize_e164
from connect_data.vanity.index import shipped_index
from connect_data.vanity.search import search, spell_target
from connect_data.vanity.service import STORED

PROG = "connect-data-vanity"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description=help_text(__doc__.splitlines()[0]))
    parser.add_argument("numbers", nargs="+", help="phone numbers (E.164 or national)")
    parser.add_argument(
        "--limit",
        type=int,
        default=STORED,
        help=f"results per number (default {STORED}, as many as the function stores)",
    )
    parser.add_argument("--country-code", default="1", help="country code of national numbers (default 1)")
    parser.add_argument("--table", help="results table: show the stored result instead of searching")
    add_session_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print JSON lines")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on standard error")
    return parser


@clear_errors(PROG)
def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    dynamodb = None
    if args.table:
        dynamodb = session_client(args, "dynamodb")
    status = 0
    lines: list[str] = []
    # Results are printed after the bar, so standard output stays clean; one number needs no bar.
    with progress(
        "looking up" if dynamodb else "spelling",
        total=len(args.numbers),
        unit="numbers",
        enabled=len(args.numbers) > 1 and not args.no_progress,
    ) as bar:
        for raw in args.numbers:
            bar.advance()
            try:
                number = normalize_e164(raw, args.country_code)
            except InvalidNumber as err:
                print(f"{PROG}: {raw}: {err.code} ({err})", file=sys.stderr)
                status = 2
                continue
            if dynamodb is not None:
                item = dynamodb.get_item(TableName=args.table, Key={"PhoneNumber": {"S": number}}).get("Item")
                texts = list(from_item(item).get("Vanity", [])) if item else []
            else:
                texts = [v.text for v in search(shipped_index(), spell_target(number), limit=args.limit)]
            if args.json:
                lines.append(json.dumps({"number": number, "vanity": texts}))
            else:
                lines.append(f"{number}: {', '.join(texts) if texts else '(no vanity number)'}")
    for line in lines:
        print(line)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
