mock_provider "aws" {
  override_data {
    target = data.aws_caller_identity.current
    values = { account_id = "123456789012" }
  }
  override_data {
    target = data.aws_region.current
    values = { id = "us-east-1", name = "us-east-1" }
  }
  override_data {
    target = data.aws_partition.current
    values = { partition = "aws" }
  }
  # Known at plan time, so the assertions below can read what depends on them.
  mock_resource "aws_kinesis_stream" {
    override_during = plan
    defaults        = { arn = "arn:aws:kinesis:us-east-1:123456789012:stream/t-agent-events" }
  }
  mock_resource "aws_sqs_queue" {
    override_during = plan
    defaults        = { arn = "arn:aws:sqs:us-east-1:123456789012:t-agent-events-quarantine", id = "https://sqs.us-east-1.amazonaws.com/123456789012/t-agent-events-quarantine" }
  }
  mock_resource "aws_dynamodb_table" {
    override_during = plan
    defaults        = { arn = "arn:aws:dynamodb:us-east-1:123456789012:table/t-agents" }
  }
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
  }
}

variables {
  name_prefix             = "t"
  create_dependency_layer = false
  dependency_layer_arn    = "arn:aws:lambda:us-east-1:123456789012:layer:deps:1"
}

run "defaults_create_an_encrypted_on_demand_stream_and_leave_connect_alone" {
  command = plan

  assert {
    condition     = aws_kinesis_stream.agent_events[0].encryption_type == "KMS" && aws_kinesis_stream.agent_events[0].kms_key_id == "alias/aws/kinesis"
    error_message = "the stream is encrypted with the AWS managed key by default"
  }
  assert {
    condition     = aws_kinesis_stream.agent_events[0].stream_mode_details[0].stream_mode == "ON_DEMAND" && aws_kinesis_stream.agent_events[0].retention_period == 24
    error_message = "the stream is on demand and keeps a day"
  }
  assert {
    condition     = length(aws_connect_instance_storage_config.agent_events) == 0
    error_message = "no storage config without an instance"
  }
  assert {
    condition     = aws_dynamodb_table.agents.hash_key == "AgentArn" && aws_dynamodb_table.agents.range_key == "sk" && aws_dynamodb_table.agents.ttl[0].attribute_name == "ExpiresAt" && aws_dynamodb_table.agents.ttl[0].enabled
    error_message = "the agents table is keyed by AgentArn and sk, with a TTL on ExpiresAt"
  }
  assert {
    condition     = aws_dynamodb_table.agents.server_side_encryption[0].enabled && aws_dynamodb_table.agents.deletion_protection_enabled
    error_message = "the agents table is encrypted and protected"
  }
  assert {
    condition     = aws_sqs_queue.quarantine.sqs_managed_sse_enabled && aws_sqs_queue.quarantine.message_retention_seconds == 1209600
    error_message = "the quarantine queue is encrypted and keeps records 14 days"
  }
}

run "the_mapping_bisects_reports_partial_failures_and_quarantines" {
  command = plan

  variables {
    batch_size                         = 250
    maximum_batching_window_in_seconds = 10
    maximum_record_age_in_seconds      = 7200
  }

  assert {
    condition     = aws_lambda_event_source_mapping.agent_events.function_response_types == toset(["ReportBatchItemFailures"]) && aws_lambda_event_source_mapping.agent_events.bisect_batch_on_function_error
    error_message = "the mapping reports partial batch failures and bisects a failing batch"
  }
  assert {
    condition     = aws_lambda_event_source_mapping.agent_events.batch_size == 250 && aws_lambda_event_source_mapping.agent_events.maximum_batching_window_in_seconds == 10 && aws_lambda_event_source_mapping.agent_events.maximum_record_age_in_seconds == 7200
    error_message = "batch size, window and record age come from the variables"
  }
  assert {
    condition     = aws_lambda_event_source_mapping.agent_events.destination_config[0].on_failure[0].destination_arn == "arn:aws:sqs:us-east-1:123456789012:t-agent-events-quarantine"
    error_message = "records that failed every retry go to the quarantine queue"
  }
  assert {
    condition     = aws_lambda_event_source_mapping.agent_events.event_source_arn == "arn:aws:kinesis:us-east-1:123456789012:stream/t-agent-events" && aws_lambda_event_source_mapping.agent_events.starting_position == "LATEST"
    error_message = "the mapping reads the created stream from its end"
  }
  assert {
    condition     = [for s in output.policy_statements : s.sid] == ["ReadAgentEventStream", "StoreAgents", "QuarantineRecords"]
    error_message = "without a contact status table the processor gets exactly three statements"
  }
}

run "an_instance_sends_its_agent_events_to_a_passed_stream_and_the_join_is_allowed" {
  command = plan

  variables {
    connect_instance_arn      = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555"
    kinesis_stream_arn        = "arn:aws:kinesis:us-east-1:123456789012:stream/existing"
    contact_status_table_name = "t-contact-status"
  }

  assert {
    condition     = length(aws_kinesis_stream.agent_events) == 0 && aws_lambda_event_source_mapping.agent_events.event_source_arn == "arn:aws:kinesis:us-east-1:123456789012:stream/existing"
    error_message = "a passed stream is used and none is created"
  }
  assert {
    condition     = aws_connect_instance_storage_config.agent_events[0].resource_type == "AGENT_EVENTS" && aws_connect_instance_storage_config.agent_events[0].instance_id == "11111111-2222-3333-4444-555555555555"
    error_message = "the instance's AGENT_EVENTS storage config is made"
  }
  assert {
    condition     = aws_connect_instance_storage_config.agent_events[0].storage_config[0].kinesis_stream_config[0].stream_arn == "arn:aws:kinesis:us-east-1:123456789012:stream/existing" && aws_connect_instance_storage_config.agent_events[0].storage_config[0].storage_type == "KINESIS_STREAM"
    error_message = "the storage config points at the stream"
  }
  assert {
    condition     = output.policy_statements[3].sid == "JoinAgentToContact" && output.policy_statements[3].resources == ["arn:aws:dynamodb:us-east-1:123456789012:table/t-contact-status"] && output.policy_statements[3].actions == ["dynamodb:UpdateItem"]
    error_message = "the join may only update the contact status table"
  }
}

run "rejects_a_batch_window_over_five_minutes" {
  command = plan
  variables { maximum_batching_window_in_seconds = 301 }
  expect_failures = [var.maximum_batching_window_in_seconds]
}

run "rejects_a_record_age_under_a_minute" {
  command = plan
  variables { maximum_record_age_in_seconds = 30 }
  expect_failures = [var.maximum_record_age_in_seconds]
}

run "rejects_a_stream_that_is_not_a_kinesis_arn" {
  command = plan
  variables { kinesis_stream_arn = "arn:aws:sqs:us-east-1:123456789012:queue" }
  expect_failures = [var.kinesis_stream_arn]
}

run "rejects_a_zero_history" {
  command = plan
  variables { history_ttl_hours = 0 }
  expect_failures = [var.history_ttl_hours]
}

run "rejects_a_batch_over_ten_thousand" {
  command = plan
  variables { batch_size = 10001 }
  expect_failures = [var.batch_size]
}

# --- alarms and dashboard (modules/monitoring) -----------------------------------------------------

run "monitoring_gives_every_part_its_alarms_with_a_topic" {
  command = plan

  variables {
    alarm_topic_arn = "arn:aws:sns:us-east-1:123456789012:on-call"
  }

  assert {
    condition = alltrue([for kind in ["function_errors", "function_throttles", "function_duration"] :
    keys(module.monitoring.alarm_names[kind]) == ["processor"]])
    error_message = "Every function has errors, throttles and p99 duration alarms."
  }
  assert {
    condition     = keys(module.monitoring.alarm_names.iterator_age) == ["processor"] && keys(module.monitoring.alarm_names.flow_error_share) == []
    error_message = "Every stream reader has an iterator-age alarm and every flow-invoked function an error-share alarm."
  }
  assert {
    condition     = keys(module.monitoring.alarm_names.dlq_visible) == ["quarantine"] && keys(module.monitoring.alarm_names.dlq_age) == ["quarantine"]
    error_message = "Every dead-letter queue has visible-message and age alarms."
  }
  assert {
    condition     = keys(module.monitoring.alarm_names.rule_failed_invocations) == [] && keys(module.monitoring.alarm_names.rule_dead_letter_invocations) == []
    error_message = "Every EventBridge rule has failed-invocation and sent-to-DLQ alarms."
  }
  assert {
    condition     = alltrue([for name in [module.processor.function_name, aws_sqs_queue.quarantine.name] : strcontains(module.monitoring.dashboard_body, "\"${name}\"")])
    error_message = "The dashboard's widgets reference the capability's real functions, queues and rules."
  }
}

run "monitoring_creates_no_alarm_without_a_topic" {
  command = plan

  assert {
    condition     = module.monitoring.alarm_count == 0
    error_message = "Without an alarm topic no alarm is created."
  }
  assert {
    condition     = module.monitoring.dashboard_name == "t-agent-events"
    error_message = "The capability's dashboard is there regardless."
  }
}
