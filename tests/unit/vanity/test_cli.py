"""``connect-data-vanity``: local search and the stored result from a table on moto."""

from __future__ import annotations

import json

import boto3

from connect_data.cli.vanity import main
from connect_data.vanity.index import shipped_index
from connect_data.vanity.service import VanitySettings, vanity_for


def _results_table(dynamodb) -> None:
    dynamodb.create_table(
        TableName="results",
        KeySchema=[{"AttributeName": "PhoneNumber", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "PhoneNumber", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )


def test_spells_numbers_locally(capsys):
    assert main(["+18003569377", "(415) 225-5669", "--limit", "2"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "+18003569377: 800-FLOWERS, 800-FLOWER-7",
        "+14152255669: 415-CALL-NOW, 415-BALL-NOW",
    ]


def test_local_search_lists_what_the_function_stores_for_the_flow_to_read(aws, capsys):
    dynamodb = boto3.client("dynamodb")
    _results_table(dynamodb)
    vanity_for(dynamodb, shipped_index(), VanitySettings(table_name="results"), "+14152255669", "contact-1")
    assert main(["--table", "results", "--region", "us-east-1", "--json", "+14152255669"]) == 0
    stored = json.loads(capsys.readouterr().out)["vanity"]
    assert main(["--json", "+14152255669"]) == 0
    local = json.loads(capsys.readouterr().out)["vanity"]
    assert local == stored and len(local) == 6, "results 4-6 are the flow's more choices"


def test_bad_number_is_reported_and_exit_code_says_so(capsys):
    assert main(["+1415555CALL", "+12120101010"]) == 2
    captured = capsys.readouterr()
    assert "INVALID_NUMBER" in captured.err
    assert captured.out == "+12120101010: (no vanity number)\n"


def test_reads_the_stored_result_from_the_table(aws, capsys):
    dynamodb = boto3.client("dynamodb")
    _results_table(dynamodb)
    dynamodb.put_item(
        TableName="results", Item={"PhoneNumber": {"S": "+18003569377"}, "Vanity": {"L": [{"S": "800-FLOWERS"}]}}
    )
    assert main(["--table", "results", "--region", "us-east-1", "--json", "+18003569377"]) == 0
    assert json.loads(capsys.readouterr().out) == {"number": "+18003569377", "vanity": ["800-FLOWERS"]}
