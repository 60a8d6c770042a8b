mock_provider "aws" {
  override_during = plan
}

variables {
  name       = "unit-cases"
  capability = "cases"
  functions = {
    stream = { function_name = "unit-cases-stream", timeout = 60 }
    flow   = { function_name = "unit-cases-flow", timeout = 5, flow_invoked = true }
    lake   = { function_name = "unit-lake-writer", timeout = 60, stream = true }
  }
  dead_letter_queues = { dead_letter = "unit-cases-dlq" }
  source_queues      = { events = "unit-cases-events" }
  rules              = { cases = "unit-cases-events" }
}

run "no_topic_no_alarms_but_a_dashboard" {
  command = plan

  assert {
    condition     = output.alarm_count == 0
    error_message = "Without an alarm topic no alarm is created."
  }
  assert {
    condition     = length(aws_cloudwatch_dashboard.this) == 1 && aws_cloudwatch_dashboard.this[0].dashboard_name == "unit-cases"
    error_message = "The dashboard is created even without alarms, named after the capability."
  }
}

run "a_topic_gives_every_part_its_alarms" {
  command = plan

  variables {
    alarm_topic_arn = "arn:aws:sns:us-east-1:123456789012:on-call"
  }

  assert {
    condition     = length(aws_cloudwatch_metric_alarm.function_errors) == 3 && length(aws_cloudwatch_metric_alarm.function_throttles) == 3 && length(aws_cloudwatch_metric_alarm.function_duration) == 3
    error_message = "Every function has errors, throttles and duration alarms."
  }
  assert {
    condition     = keys(aws_cloudwatch_metric_alarm.iterator_age) == ["lake"] && keys(aws_cloudwatch_metric_alarm.flow_error_share) == ["flow"]
    error_message = "Only stream readers get an iterator-age alarm, only flow-invoked functions an error-share alarm."
  }
  assert {
    condition     = keys(aws_cloudwatch_metric_alarm.dlq_visible) == ["dead_letter"] && keys(aws_cloudwatch_metric_alarm.dlq_age) == ["dead_letter"]
    error_message = "Every dead-letter queue has visible-message and age alarms; source queues have none."
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.rule_failed_invocations["cases"].dimensions.RuleName == "unit-cases-events" && aws_cloudwatch_metric_alarm.rule_dead_letter_invocations["cases"].metric_name == "InvocationsSentToDlq"
    error_message = "Every rule has failed-invocation and sent-to-DLQ alarms on its own name."
  }
  assert {
    condition     = output.alarm_count == 15
    error_message = "3 functions x 3 + 1 iterator age + 1 error share + 2 queue + 2 rule alarms."
  }
  assert {
    condition = alltrue([for a in concat(
      values(aws_cloudwatch_metric_alarm.function_errors), values(aws_cloudwatch_metric_alarm.function_throttles),
      values(aws_cloudwatch_metric_alarm.function_duration), values(aws_cloudwatch_metric_alarm.iterator_age),
      values(aws_cloudwatch_metric_alarm.flow_error_share), values(aws_cloudwatch_metric_alarm.dlq_visible),
      values(aws_cloudwatch_metric_alarm.dlq_age), values(aws_cloudwatch_metric_alarm.rule_failed_invocations),
      values(aws_cloudwatch_metric_alarm.rule_dead_letter_invocations),
    ) : can(regex("Runbook: docs/RUNBOOK.md#[a-z-]+$", a.alarm_description)) && a.alarm_actions == toset(["arn:aws:sns:us-east-1:123456789012:on-call"]) && a.ok_actions == a.alarm_actions])
    error_message = "Every alarm names its runbook section and notifies the topic on ALARM and OK."
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.function_duration["flow"].threshold == 4000 && aws_cloudwatch_metric_alarm.function_duration["flow"].extended_statistic == "p99"
    error_message = "The duration alarm fires at p99 above 80 % of the timeout (4 s of 5 s)."
  }
}

run "error_share_is_metric_math_over_the_emf_counts" {
  command = plan

  variables {
    alarm_topic_arn = "arn:aws:sns:us-east-1:123456789012:on-call"
    thresholds      = { flow_error_percent = 10 }
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.flow_error_share["flow"].threshold == 10
    error_message = "The threshold is the caller's percentage."
  }
  assert {
    condition     = one([for q in aws_cloudwatch_metric_alarm.flow_error_share["flow"].metric_query : q.expression if q.return_data == true]) == "100 * FILL(errors, 0) / replies"
    error_message = "The alarm is the share of replies carrying an error code."
  }
  assert {
    condition = alltrue([for q in aws_cloudwatch_metric_alarm.flow_error_share["flow"].metric_query : (
      q.expression != null && q.expression != "" ? true :
      q.metric[0].namespace == "ConnectData" && q.metric[0].dimensions == tomap({ capability = "cases", function = "unit-cases-flow" })
    )])
    error_message = "Both counts come from the EMF namespace with the capability and function dimensions only."
  }
}

run "create_alarms_false_wins_over_a_topic" {
  command = plan

  variables {
    alarm_topic_arn = "arn:aws:sns:us-east-1:123456789012:on-call"
    create_alarms   = false
  }

  assert {
    condition     = output.alarm_count == 0
    error_message = "create_alarms = false creates none."
  }
}

run "dashboard_widgets_reference_the_real_resources" {
  command = plan

  assert {
    condition = alltrue([for name in ["unit-cases-stream", "unit-cases-flow", "unit-lake-writer", "unit-cases-dlq", "unit-cases-events"] :
    strcontains(aws_cloudwatch_dashboard.this[0].dashboard_body, "\"${name}\"")])
    error_message = "The dashboard shows every function, queue and rule by its name."
  }
  assert {
    condition = [for w in jsondecode(aws_cloudwatch_dashboard.this[0].dashboard_body).widgets : w.properties.markdown if w.type == "text"] == [
    "## Is it answering?", "## Is it failing?", "## Is anything waiting?"]
    error_message = "The sections read as on call: answering, failing, waiting."
  }
  assert {
    condition = [for w in jsondecode(aws_cloudwatch_dashboard.this[0].dashboard_body).widgets : w.properties.title if w.type == "metric"] == [
      "Invocations", "Flow replies by error code", "Duration p99 against the timeout (ms)",
      "Errors and throttles", "Records processed, skipped, quarantined, replayed", "Dead letters: depth and oldest age (s)", "Rule failures",
    "Stream iterator age (ms)", "Queue age of the oldest message (s)"]
    error_message = "Every widget of the three sections is there."
  }
}

run "a_capability_without_queues_rules_or_flows_gets_no_empty_widgets" {
  command = plan

  variables {
    functions          = { only = { function_name = "unit-only", timeout = 5 } }
    dead_letter_queues = {}
    source_queues      = {}
    rules              = {}
  }

  assert {
    condition     = length(jsondecode(aws_cloudwatch_dashboard.this[0].dashboard_body).widgets) == 6
    error_message = "Two headers, invocations, duration, errors and records; no waiting section."
  }
}

run "rejects_unknown_threshold_names" {
  command = plan
  variables { thresholds = { errors = 1 } }
  expect_failures = [var.thresholds]
}

run "rejects_a_duration_ratio_above_one" {
  command = plan
  variables { thresholds = { duration_ratio = 1.5 } }
  expect_failures = [var.thresholds]
}

run "rejects_an_aws_namespace" {
  command = plan
  variables { metrics_namespace = "AWS/Lambda" }
  expect_failures = [var.metrics_namespace]
}

run "a_runbook_url_of_your_copy_is_linked" {
  command = plan

  variables {
    alarm_topic_arn = "arn:aws:sns:us-east-1:123456789012:on-call"
    runbook_url     = "https://wiki.example.com/ops/RUNBOOK.md"
  }

  assert {
    condition     = endswith(aws_cloudwatch_metric_alarm.dlq_visible["dead_letter"].alarm_description, "Runbook: https://wiki.example.com/ops/RUNBOOK.md#dead-letters-waiting")
    error_message = "The alarm links the caller's copy of the runbook at its section."
  }
}

run "rejects_a_runbook_url_with_a_fragment" {
  command = plan
  variables { runbook_url = "https://wiki.example.com/RUNBOOK.md#x" }
  expect_failures = [var.runbook_url]
}
