"""Every branch of the rendered vanity flow, driven with the real handler's replies and key presses."""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from typing import Any

import boto3
import pytest

from connect_data.vanity import service
from connect_data.vanity.handler import handler
from tests.support import flow_event
from tests.unit.vanity.flow_support import FlowRun, LambdaFailed, render, run_flow
from tests.unit.vanity.test_flows import PROMPTS, VANITY_ARN

TABLE = "vanity-results"
GOODBYE = PROMPTS["goodbye"]

pytestmark = pytest.mark.skipif(shutil.which("terraform") is None, reason="terraform is not on PATH")


@pytest.fixture(scope="module")
def vanity_flow(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    variables = {"function_arn": VANITY_ARN, "prompts": PROMPTS, "flow_logging": True}
    return render("vanity.json.tftpl", variables, tmp_path_factory.mktemp("flow"))


@pytest.fixture
def results_table(aws: None, monkeypatch: pytest.MonkeyPatch) -> None:
    boto3.client("dynamodb").create_table(
        TableName=TABLE,
        KeySchema=[{"AttributeName": "PhoneNumber", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "PhoneNumber", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    monkeypatch.setenv("RESULTS_TABLE", TABLE)


def call(flow: dict[str, Any], caller: str | None, context: Any, keys: tuple[str, ...] = ()) -> FlowRun:
    """A call from ``caller``: the flow's invocation attributes reach the handler as its parameters."""

    def invoke(attributes: Mapping[str, str]) -> Mapping[str, str]:
        return handler(flow_event(caller=caller, parameters=dict(attributes)), context)

    return run_flow(flow, invoke, keys)


@pytest.mark.parametrize(
    ("caller", "prompt"),
    [
        (None, "no_number"),
        ("+1415555CALL", "no_number"),
        ("+266696687", "withheld_number"),
        ("anonymous", "withheld_number"),
        ("+12120101010", "no_vanity"),
    ],
)
def test_each_outcome_without_results_has_its_own_prompt_then_goodbye(
    vanity_flow, results_table, lambda_context, caller, prompt
):
    run = call(vanity_flow, caller, lambda_context)
    assert run.heard == [PROMPTS[prompt], GOODBYE]
    assert run.attributes == {} and run.logging


def test_a_failed_search_and_a_failed_invocation_play_the_failure_prompt(
    vanity_flow, results_table, lambda_context, monkeypatch
):
    monkeypatch.setattr(service, "search", lambda *args, **kwargs: 1 / 0)
    assert call(vanity_flow, "+18003569377", lambda_context).heard == [PROMPTS["vanity_failure"], GOODBYE]

    def failing(attributes: Mapping[str, str]) -> Mapping[str, str]:
        raise LambdaFailed

    assert run_flow(vanity_flow, failing).heard == [PROMPTS["vanity_failure"], GOODBYE]


def test_results_are_read_kept_as_attributes_and_silence_ends_the_call(vanity_flow, results_table, lambda_context):
    run = call(vanity_flow, "+18003569377", lambda_context)
    ssml, menu, goodbye = run.heard
    assert ssml.startswith("<speak>Your number spells:") and "Choice 1:" in ssml and "Choice 3:" in ssml
    assert 'flowers <break time="400ms"/> that is <say-as interpret-as="characters">FLOWERS</say-as>' in ssml
    assert (menu, goodbye) == (PROMPTS["menu"], GOODBYE)
    assert run.attributes["vanity1"] == "800-FLOWERS" and run.attributes["vanityCount"] == "3"
    assert all(run.attributes[f"vanity{i}"] for i in (1, 2, 3))
    assert run.invocations[0]["introduction"] == "Your number spells:"


def test_one_repeats_the_results_and_three_finishes(vanity_flow, results_table, lambda_context):
    run = call(vanity_flow, "+18003569377", lambda_context, keys=("1", "1", "3"))
    assert run.heard[0] == run.heard[2] == run.heard[4] and run.heard[0].startswith("<speak>")
    assert run.heard[1::2] == [PROMPTS["menu"]] * 3 and run.heard[-1] == GOODBYE


def test_two_reads_results_four_to_six_then_the_menu_again(vanity_flow, results_table, lambda_context):
    run = call(vanity_flow, "+18003569377", lambda_context, keys=("2", "3"))
    more = run.heard[2]
    assert more.startswith("<speak>More:") and "Choice 4:" in more and "Choice 6:" in more
    assert "Choice 1:" not in more
    assert run.heard[3:] == [PROMPTS["menu"], GOODBYE]


def test_two_without_more_results_says_so(vanity_flow, results_table, lambda_context):
    # 212-010-1CAT: a number with few words has no results 4-6.
    reply = handler(flow_event(caller="+12120101228"), lambda_context)
    assert reply["moreCount"] == "0"
    run = call(vanity_flow, "+12120101228", lambda_context, keys=("2", "3"))
    assert run.heard[2:] == [PROMPTS["no_more"], PROMPTS["menu"], GOODBYE]


def test_an_unknown_key_ends_the_call(vanity_flow, results_table, lambda_context):
    assert call(vanity_flow, "+18003569377", lambda_context, keys=("9",)).heard[-1] == GOODBYE


def test_results_are_read_even_when_they_could_not_be_stored(vanity_flow, aws, lambda_context, monkeypatch):
    monkeypatch.setenv("RESULTS_TABLE", "no-such-table")
    reply = handler(flow_event(caller="+18003569377"), lambda_context)
    assert reply["error"] == "RESULT_NOT_STORED" and reply["errorDetail"] == "ResourceNotFoundException"
    run = call(vanity_flow, "+18003569377", lambda_context)
    assert run.attributes["vanity1"] == "800-FLOWERS" and run.heard[0].startswith("<speak>")
