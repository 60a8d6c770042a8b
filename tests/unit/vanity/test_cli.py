"""``connect-data-vanity``: local search and the stored result from a table on moto."""

from __future__ import annotations

import json

import boto3

from connect_data.cli.vanity import main


def test_spells_numbers_locally(capsys):
    assert main(["+18003569377", "(415) 225-5669", "--limit", "2"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "+18003569377: 800-FLOWERS, 800-FLOWER-7",
        "+14152255669: 415-CALL-NOW, 415-BALL-NOW",
    ]


def test_bad_number_is_reported_and_exit_code_says_so(capsys):
    assert main(["+1415555CALL", "+12120101010"]) == 2
    captured = capsys.readouterr()
    assert "INVALID_NUMBER" in captured.err
    assert captured.out == "+12120101010: (no vanity number)\n"


def test_reads_the_stored_result_from_the_table(aws, capsys):
    dynamodb = boto3.client("dynamodb")
    dynamodb.create_table(
        TableName="results",
        KeySchema=[{"AttributeName": "PhoneNumber", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "PhoneNumber", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    dynamodb.put_item(
        TableName="results", Item={"PhoneNumber": {"S": "+18003569377"}, "Vanity": {"L": [{"S": "800-FLOWERS"}]}}
    )
    assert main(["--table", "results", "--region", "us-east-1", "--json", "+18003569377"]) == 0
    assert json.loads(capsys.readouterr().out) == {"number": "+18003569377", "vanity": ["800-FLOWERS"]}
