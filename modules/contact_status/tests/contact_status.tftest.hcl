mock_provider "aws" {
  override_during = plan

  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }
  mock_data "aws_region" {
    defaults = {
      id = "eu-west-2"
    }
  }
  mock_data "aws_partition" {
    defaults = {
      partition = "aws"
    }
  }
  mock_resource "aws_dynamodb_table" {
    defaults = {
      arn        = "arn:aws:dynamodb:eu-west-2:123456789012:table/test-contact-status"
      stream_arn = "arn:aws:dynamodb:eu-west-2:123456789012:table/test-contact-status/stream/2024-01-01T00:00:00.000"
    }
  }
  mock_resource "aws_sqs_queue" {
    defaults = {
      arn = "arn:aws:sqs:eu-west-2:123456789012:test-contact-status-dlq"
      url = "https://sqs.eu-west-2.amazonaws.com/123456789012/test-contact-status-dlq"
    }
  }
  mock_resource "aws_cloudwatch_event_rule" {
    defaults = {
      arn = "arn:aws:events:eu-west-2:123456789012:rule/test-contact-status-events"
    }
  }
  mock_resource "aws_lambda_function" {
    defaults = {
      arn = "arn:aws:lambda:eu-west-2:123456789012:function:test"
    }
  }
  mock_resource "aws_lambda_alias" {
    defaults = {
      arn = "arn:aws:lambda:eu-west-2:123456789012:function:test:live"
    }
  }
  mock_resource "aws_iam_role" {
    defaults = {
      arn = "arn:aws:iam::123456789012:role/test"
    }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = {
      arn = "arn:aws:logs:eu-west-2:123456789012:log-group:/aws/lambda/test"
    }
  }
}

# The mock gives every table the status table's ARNs; the history table gets its own, so the asserts
# below can tell which table a statement or mapping names.
override_resource {
  target          = aws_dynamodb_table.history
  override_during = plan
  values = {
    arn        = "arn:aws:dynamodb:eu-west-2:123456789012:table/test-contact-history"
    stream_arn = "arn:aws:dynamodb:eu-west-2:123456789012:table/test-contact-history/stream/2024-01-01T00:00:00.000"
  }
}

variables {
  name_prefix             = "test"
  dependency_layer_arn    = "arn:aws:lambda:eu-west-2:123456789012:layer:deps:1"
  create_dependency_layer = false
}

run "defaults" {
  command = plan

  assert {
    condition     = aws_dynamodb_table.status.name == "test-contact-status" && aws_dynamodb_table.status.hash_key == "ContactId"
    error_message = "table is named by the prefix and keyed by ContactId"
  }
  assert {
    condition     = one([for t in aws_dynamodb_table.status.ttl : t.attribute_name]) == "ExpiresAt"
    error_message = "TTL attribute is ExpiresAt"
  }
  assert {
    condition     = toset([for g in aws_dynamodb_table.status.global_secondary_index : "${g.name}:${g.hash_key}"]) == toset(["by-customer:CustomerId", "by-initial-contact:InitialContactId"]) && alltrue([for g in aws_dynamodb_table.status.global_secondary_index : g.range_key == null])
    error_message = "customer and initial-contact indexes, each on a hash key alone (no index key moves on a status write)"
  }
  assert {
    condition     = toset(one([for g in aws_dynamodb_table.status.global_secondary_index : g.non_key_attributes if g.name == "by-customer"])) == toset(["LastEventAt", "Status", "Channel", "InitiationMethod", "QueueArn", "QueueName", "DisconnectReason", "Disconnected", "Queued", "ConnectedToAgent"]) && one([for g in aws_dynamodb_table.status.global_secondary_index : g.projection_type if g.name == "by-initial-contact"]) == "KEYS_ONLY"
    error_message = "by-customer projects what the history function answers (lookup.py PROJECTED), by-initial-contact only keys"
  }
  assert {
    condition     = aws_dynamodb_table.status.stream_enabled == false && length(module.archive) == 0 && length(aws_s3_bucket.archive) == 0
    error_message = "the archive is off by default"
  }
  assert {
    condition     = jsondecode(aws_cloudwatch_event_rule.contact_events.event_pattern)["detail-type"] == ["Amazon Connect Contact Event"] && jsondecode(aws_cloudwatch_event_rule.contact_events.event_pattern).source == ["aws.connect"]
    error_message = "rule matches Connect contact events"
  }
  assert {
    condition     = aws_cloudwatch_event_target.contact_events_queue[0].retry_policy[0].maximum_retry_attempts == 10 && aws_cloudwatch_event_target.contact_events_queue[0].dead_letter_config[0].arn == aws_sqs_queue.contact_events_dead_letter[0].arn
    error_message = "the queue target retries and has the queue's dead-letter queue"
  }
  assert {
    condition     = length(aws_cloudwatch_log_subscription_filter.flow_logs) == 0 && length(aws_lambda_permission.connect) == 0
    error_message = "no subscription and no Connect permission without their inputs"
  }
  assert {
    condition     = local.processor_statements[0].actions == ["dynamodb:UpdateItem"] && local.processor_statements[0].resources == [aws_dynamodb_table.status.arn]
    error_message = "the processor may only update items of its table"
  }
  assert {
    condition     = local.record_statements[0].actions == ["dynamodb:UpdateItem"] && length(local.record_statements) == 1
    error_message = "the record function may only update items"
  }
  assert {
    condition     = local.history_statements[0].actions == ["dynamodb:Query"] && local.history_statements[0].resources == ["${aws_dynamodb_table.status.arn}/index/by-customer"]
    error_message = "the history function may only query the customer index"
  }
  assert {
    condition     = output.processor_function_name == "test-contact-status-processor" && output.history_function_name == "test-contact-status-history" && output.record_function_name == "test-contact-status-record"
    error_message = "function names follow the prefix"
  }
  assert {
    condition     = aws_dynamodb_table.history.name == "test-contact-history" && aws_dynamodb_table.history.hash_key == "ContactId" && aws_dynamodb_table.history.range_key == "Page" && output.history_table_name == "test-contact-history"
    error_message = "the history table is named by the prefix and keyed by ContactId and Page"
  }
  assert {
    condition     = toset([for a in aws_dynamodb_table.history.attribute : "${a.name}:${a.type}"]) == toset(["ContactId:S", "Page:S"]) && length(aws_dynamodb_table.history.global_secondary_index) == 0 && length(aws_dynamodb_table.history.local_secondary_index) == 0
    error_message = "the history table has its two string keys and no index"
  }
  assert {
    condition     = one([for t in aws_dynamodb_table.history.ttl : t.attribute_name if t.enabled]) == "ExpiresAt"
    error_message = "history pages expire by TTL on ExpiresAt"
  }
  assert {
    condition     = aws_dynamodb_table.history.stream_enabled == false && output.history_table_stream_arn == null && length(aws_lambda_event_source_mapping.archive_history) == 0
    error_message = "the history table has no stream without the archive or enable_stream"
  }
  assert {
    condition     = module.processor.environment_variables.HISTORY_TABLE == "test-contact-history" && !contains(keys(module.processor.environment_variables), "HISTORY_MAX_ENTRIES")
    error_message = "the processor is given the history table and no longer a history bound"
  }
  assert {
    condition     = alltrue([for m in [module.record, module.history] : !contains(keys(m.environment_variables), "HISTORY_TABLE") && !contains(keys(m.environment_variables), "HISTORY_MAX_ENTRIES")])
    error_message = "the flow functions are given neither the history table nor a history bound"
  }
  assert {
    condition     = one([for s in local.processor_statements : s if s.sid == "PutHistoryPages"]).actions == ["dynamodb:BatchWriteItem"] && one([for s in local.processor_statements : s if s.sid == "PutHistoryPages"]).resources == ["arn:aws:dynamodb:eu-west-2:123456789012:table/test-contact-history"]
    error_message = "the processor may put history pages, in batches, on the history table"
  }
  assert {
    condition     = [for s in local.processor_statements : s.sid if anytrue([for r in s.resources : strcontains(r, "contact-history")])] == ["PutHistoryPages"] && alltrue([for s in concat(local.record_statements, local.history_statements) : !anytrue([for r in s.resources : strcontains(r, "contact-history")])])
    error_message = "nothing else may touch the history table"
  }
  assert {
    condition     = module.record.environment_variables.TRUST_CUSTOMER_ID_PARAMETER == "false" && module.history.environment_variables.TRUST_CUSTOMER_ID_PARAMETER == "false"
    error_message = "by default the flow functions key only on the customer endpoint, never on a customerId parameter"
  }
}

run "trusted_customer_id_parameter" {
  command = plan

  variables {
    trust_customer_id_parameter = true
  }

  assert {
    condition     = module.record.environment_variables.TRUST_CUSTOMER_ID_PARAMETER == "true" && module.history.environment_variables.TRUST_CUSTOMER_ID_PARAMETER == "true"
    error_message = "record and history trust the parameter together, so what one files the other finds"
  }
}

run "instance_and_flow_logs" {
  command = plan

  variables {
    connect_instance_arn = "arn:aws:connect:eu-west-2:123456789012:instance/214e7d8a-4c7e-47cd-9238-52587f990037"
    flow_log_group_name  = "/aws/connect/example-alias"
  }

  assert {
    condition     = jsondecode(aws_cloudwatch_event_rule.contact_events.event_pattern).detail.instanceArn == ["arn:aws:connect:eu-west-2:123456789012:instance/214e7d8a-4c7e-47cd-9238-52587f990037"]
    error_message = "the rule is filtered to the instance"
  }
  assert {
    condition     = aws_lambda_permission.flow_logs[0].source_arn == "arn:aws:logs:eu-west-2:123456789012:log-group:/aws/connect/example-alias:*" && aws_lambda_permission.flow_logs[0].principal == "logs.amazonaws.com"
    error_message = "the subscription permission is scoped to the flow-log group"
  }
  assert {
    condition     = aws_cloudwatch_log_subscription_filter.flow_logs[0].log_group_name == "/aws/connect/example-alias"
    error_message = "the subscription filter is on the flow-log group"
  }
  assert {
    condition     = toset(keys(aws_lambda_permission.connect)) == toset(["record", "history"]) && aws_lambda_permission.connect["history"].source_arn == "arn:aws:connect:eu-west-2:123456789012:instance/214e7d8a-4c7e-47cd-9238-52587f990037"
    error_message = "the instance may invoke both flow functions"
  }
}

run "archive_on" {
  command = plan

  variables {
    enable_archive = true
  }

  assert {
    condition     = aws_dynamodb_table.status.stream_enabled && aws_dynamodb_table.status.stream_view_type == "OLD_IMAGE"
    error_message = "the archive reads old images from the stream"
  }
  assert {
    condition     = aws_s3_bucket.archive[0].bucket == "test-contact-status-archive-123456789012"
    error_message = "the archive bucket is created and named by prefix and account"
  }
  assert {
    condition     = jsondecode(one(one(aws_lambda_event_source_mapping.archive[0].filter_criteria).filter).pattern).userIdentity.principalId == ["dynamodb.amazonaws.com"]
    error_message = "only TTL deletions reach the archive"
  }
  assert {
    condition     = contains(aws_lambda_event_source_mapping.archive[0].function_response_types, "ReportBatchItemFailures")
    error_message = "the archive reports partial batch failures"
  }
  assert {
    condition     = [for s in local.archive_statements : s.resources[0] if s.sid == "WriteArchive"] == ["arn:aws:s3:::test-contact-status-archive-123456789012/contact-status/*"]
    error_message = "the archive may only put objects under its prefix"
  }
  assert {
    condition     = aws_dynamodb_table.history.stream_enabled && aws_dynamodb_table.history.stream_view_type == "OLD_IMAGE" && output.history_table_stream_arn == aws_dynamodb_table.history.stream_arn
    error_message = "the archive reads old images of history pages from the history table's stream too"
  }
  assert {
    condition     = aws_lambda_event_source_mapping.archive_history[0].event_source_arn == "arn:aws:dynamodb:eu-west-2:123456789012:table/test-contact-history/stream/2024-01-01T00:00:00.000" && aws_lambda_event_source_mapping.archive_history[0].function_name == module.archive[0].alias_arn
    error_message = "a second mapping feeds the history table's stream to the archive function"
  }
  assert {
    condition = alltrue([for attribute in ["starting_position", "batch_size", "maximum_batching_window_in_seconds", "maximum_retry_attempts", "bisect_batch_on_function_error", "function_response_types", "filter_criteria", "destination_config"] :
    aws_lambda_event_source_mapping.archive_history[0][attribute] == aws_lambda_event_source_mapping.archive[0][attribute]])
    error_message = "the history stream's mapping is configured exactly like the status stream's (TTL deletes only, batches, bisect, partial failures, dead-letter queue)"
  }
  assert {
    condition     = one([for s in local.archive_statements : s.resources if s.sid == "ReadHistoryStream"]) == [aws_dynamodb_table.history.stream_arn] && one([for s in local.archive_statements : s.resources if s.sid == "ReadStatusStream"]) == [aws_dynamodb_table.status.stream_arn]
    error_message = "the archive may read both tables' streams, each by its own statement"
  }
}

run "stream_on_streams_both_tables_with_both_images" {
  command = plan

  variables {
    enable_stream = true
  }

  assert {
    condition     = aws_dynamodb_table.history.stream_enabled && aws_dynamodb_table.history.stream_view_type == "NEW_AND_OLD_IMAGES" && aws_dynamodb_table.status.stream_view_type == "NEW_AND_OLD_IMAGES"
    error_message = "enable_stream gives both tables a stream with both images"
  }
  assert {
    condition     = output.history_table_stream_arn == "arn:aws:dynamodb:eu-west-2:123456789012:table/test-contact-history/stream/2024-01-01T00:00:00.000" && output.table_stream_arn != output.history_table_stream_arn
    error_message = "the history stream is an output of its own, for modules/analytics"
  }
  assert {
    condition     = length(module.archive) == 0 && length(aws_lambda_event_source_mapping.archive_history) == 0
    error_message = "a stream for another consumer deploys no archive"
  }
}

run "stream_and_archive_keep_both_images" {
  command = plan

  variables {
    enable_stream  = true
    enable_archive = true
  }

  assert {
    condition     = aws_dynamodb_table.history.stream_view_type == "NEW_AND_OLD_IMAGES" && length(aws_lambda_event_source_mapping.archive_history) == 1
    error_message = "with both on, the history stream carries both images and still feeds the archive"
  }
}

run "history_table_follows_the_status_tables_settings" {
  command = plan

  variables {
    billing_mode           = "PROVISIONED"
    read_capacity          = 7
    write_capacity         = 3
    point_in_time_recovery = false
    deletion_protection    = false
    kms_key_arn            = "arn:aws:kms:eu-west-2:123456789012:key/11111111-2222-3333-4444-555555555555"
    tags                   = { Team = "contact-centre" }
  }

  assert {
    condition = (
      aws_dynamodb_table.history.billing_mode == "PROVISIONED" &&
      aws_dynamodb_table.history.read_capacity == 7 &&
      aws_dynamodb_table.history.write_capacity == 3 &&
      aws_dynamodb_table.history.deletion_protection_enabled == false &&
      one(aws_dynamodb_table.history.point_in_time_recovery).enabled == false &&
      one(aws_dynamodb_table.history.server_side_encryption).kms_key_arn == var.kms_key_arn &&
      aws_dynamodb_table.history.tags == tomap({ Team = "contact-centre" })
    )
    error_message = "the history table has the status table's billing, capacity, deletion protection, backups, key and tags"
  }
}

run "history_max_entries_is_still_accepted_and_ignored" {
  command = plan
  variables { history_max_entries = 50 }

  assert {
    condition     = !contains(keys(module.processor.environment_variables), "HISTORY_MAX_ENTRIES")
    error_message = "a caller may still pass history_max_entries; no function is given it"
  }
}

run "rejects_zero_retention" {
  command = plan
  variables { retention_minutes = 0 }
  expect_failures = [var.retention_minutes]
}

run "rejects_fractional_retention" {
  command = plan
  variables { retention_minutes = 10.5 }
  expect_failures = [var.retention_minutes]
}

run "rejects_history_over_the_item_bound" {
  command = plan
  variables { history_max_entries = 1000 }
  expect_failures = [var.history_max_entries]
}

run "rejects_bad_log_group" {
  command = plan
  variables { flow_log_group_name = "/aws/lambda/something" }
  expect_failures = [var.flow_log_group_name]
}

run "rejects_bad_instance_arn" {
  command = plan
  variables { connect_instance_arn = "arn:aws:connect:eu-west-2:123456789012:queue/x" }
  expect_failures = [var.connect_instance_arn]
}

run "rejects_bad_name_prefix" {
  command = plan
  variables { name_prefix = "has spaces" }
  expect_failures = [var.name_prefix]
}

run "rejects_bad_country_code" {
  command = plan
  variables { default_country_code = "+44" }
  expect_failures = [var.default_country_code]
}

run "rejects_bad_retry_attempts" {
  command = plan
  variables { event_retry_attempts = 200 }
  expect_failures = [var.event_retry_attempts]
}

run "rejects_bad_event_age" {
  command = plan
  variables { event_max_age_seconds = 10 }
  expect_failures = [var.event_max_age_seconds]
}

run "rejects_bad_window" {
  command = plan
  variables { history_window_minutes = 0 }
  expect_failures = [var.history_window_minutes]
}

run "rejects_bad_archive_prefix" {
  command = plan
  variables { archive_prefix = "no-trailing-slash" }
  expect_failures = [var.archive_prefix]
}

run "rejects_bad_billing_mode" {
  command = plan
  variables { billing_mode = "FREE" }
  expect_failures = [var.billing_mode]
}

run "rejects_bad_kms_key" {
  command = plan
  variables { kms_key_arn = "alias/mine" }
  expect_failures = [var.kms_key_arn]
}

run "archive_is_tls_only_expires_and_logs_on_request" {
  command = plan

  variables {
    enable_archive         = true
    archive_retention_days = 90
    access_log_bucket      = "estate-access-logs"
  }

  assert {
    condition     = length(aws_s3_bucket_policy.archive) == 1 && length(data.aws_iam_policy_document.archive_tls_only) == 1
    error_message = "the archive bucket refuses requests without TLS"
  }
  assert {
    condition     = one(one(aws_s3_bucket_lifecycle_configuration.archive[0].rule).expiration).days == 90
    error_message = "archived objects expire after archive_retention_days"
  }
  assert {
    condition     = aws_s3_bucket_logging.archive[0].target_bucket == "estate-access-logs"
    error_message = "access logs go to the caller's bucket when one is named"
  }
}

run "archive_keeps_a_year_by_default_and_logs_nothing" {
  command = plan
  variables { enable_archive = true }

  assert {
    condition     = one(one(aws_s3_bucket_lifecycle_configuration.archive[0].rule).expiration).days == 365 && length(aws_s3_bucket_logging.archive) == 0
    error_message = "a year's retention by default; access logging is opt-in"
  }
}

run "rejects_zero_archive_retention" {
  command = plan
  variables { archive_retention_days = 0 }
  expect_failures = [var.archive_retention_days]
}

run "rejects_an_access_log_bucket_arn" {
  command = plan
  variables { access_log_bucket = "arn:aws:s3:::logs" }
  expect_failures = [var.access_log_bucket]
}
run "poison_records_go_to_the_dead_letter_queue" {
  command = plan

  assert {
    condition     = module.processor.environment_variables.QUARANTINE_QUEUE_URL == "https://sqs.eu-west-2.amazonaws.com/123456789012/test-contact-status-dlq"
    error_message = "the processor quarantines to the capability's dead-letter queue"
  }
  assert {
    condition     = one([for s in local.processor_statements : s if s.sid == "QuarantinePoisonRecords"]).actions == ["sqs:SendMessage"] && one([for s in local.processor_statements : s if s.sid == "QuarantinePoisonRecords"]).resources == [aws_sqs_queue.dead_letter.arn]
    error_message = "the processor may send only to its dead-letter queue"
  }
}

# --- alarms and dashboard (modules/monitoring) -----------------------------------------------------

run "monitoring_gives_every_part_its_alarms_with_a_topic" {
  command = plan

  variables {
    alarm_topic_arn = "arn:aws:sns:us-east-1:123456789012:on-call"
    enable_archive  = true
  }

  assert {
    condition = alltrue([for kind in ["function_errors", "function_throttles", "function_duration"] :
    keys(module.monitoring.alarm_names[kind]) == ["archive", "history", "processor", "record"]])
    error_message = "Every function has errors, throttles and p99 duration alarms."
  }
  assert {
    condition     = keys(module.monitoring.alarm_names.iterator_age) == ["archive"] && keys(module.monitoring.alarm_names.flow_error_share) == ["history", "record"]
    error_message = "Every stream reader has an iterator-age alarm and every flow-invoked function an error-share alarm."
  }
  assert {
    condition     = keys(module.monitoring.alarm_names.dlq_visible) == ["contact_events_dead_letter", "dead_letter"] && keys(module.monitoring.alarm_names.dlq_age) == ["contact_events_dead_letter", "dead_letter"]
    error_message = "Every dead-letter queue has visible-message and age alarms."
  }
  assert {
    condition     = keys(module.monitoring.alarm_names.rule_failed_invocations) == ["contact_events"] && keys(module.monitoring.alarm_names.rule_dead_letter_invocations) == ["contact_events"]
    error_message = "Every EventBridge rule has failed-invocation and sent-to-DLQ alarms."
  }
  assert {
    condition     = alltrue([for name in [module.processor.function_name, module.record.function_name, module.history.function_name, module.archive[0].function_name, aws_sqs_queue.dead_letter.name, aws_sqs_queue.contact_events[0].name, aws_sqs_queue.contact_events_dead_letter[0].name, aws_cloudwatch_event_rule.contact_events.name] : strcontains(module.monitoring.dashboard_body, "\"${name}\"")])
    error_message = "The dashboard's widgets reference the capability's real functions, queues and rules."
  }
}

run "monitoring_creates_no_alarm_without_a_topic" {
  command = plan

  variables {
    enable_archive = true
  }

  assert {
    condition     = module.monitoring.alarm_count == 0
    error_message = "Without an alarm topic no alarm is created."
  }
  assert {
    condition     = module.monitoring.dashboard_name == "test-contact-status"
    error_message = "The capability's dashboard is there regardless."
  }
}

run "contact_events_are_batched_through_a_queue_by_default" {
  command = plan

  assert {
    condition     = length(aws_cloudwatch_event_target.processor) == 0 && length(aws_lambda_permission.events) == 0 && aws_cloudwatch_event_target.contact_events_queue[0].arn == aws_sqs_queue.contact_events[0].arn
    error_message = "the rule targets the queue, not the function"
  }
  assert {
    condition     = aws_lambda_event_source_mapping.contact_events[0].batch_size == 100 && aws_lambda_event_source_mapping.contact_events[0].maximum_batching_window_in_seconds == 10 && aws_lambda_event_source_mapping.contact_events[0].function_response_types == toset(["ReportBatchItemFailures"])
    error_message = "the processor reads batches of 100 within 10 s and reports partial batch failures"
  }
  assert {
    condition     = aws_sqs_queue.contact_events[0].visibility_timeout_seconds == 360 && aws_sqs_queue.contact_events[0].sqs_managed_sse_enabled == true && aws_sqs_queue.contact_events_dead_letter[0].sqs_managed_sse_enabled == true
    error_message = "the queue hides a batch for six processor timeouts and both queues are encrypted"
  }
  assert {
    condition     = jsondecode(aws_sqs_queue_redrive_policy.contact_events[0].redrive_policy).maxReceiveCount == 5 && jsondecode(aws_sqs_queue_redrive_policy.contact_events[0].redrive_policy).deadLetterTargetArn == aws_sqs_queue.contact_events_dead_letter[0].arn
    error_message = "five receives, then the queue's own dead-letter queue"
  }
  assert {
    condition     = one([for s in local.processor_statements : s if s.sid == "ConsumeContactEvents"]).resources == [aws_sqs_queue.contact_events[0].arn]
    error_message = "the processor may consume the contact-events queue"
  }
  assert {
    condition     = output.contact_events_queue_arn == aws_sqs_queue.contact_events[0].arn && output.contact_events_dead_letter_queue_name == "test-contact-status-events-dlq"
    error_message = "the queue and its dead-letter queue are outputs, for alarms and redrive"
  }
}

run "batched_contact_events_use_the_kms_key" {
  command = plan

  variables {
    kms_key_arn = "arn:aws:kms:eu-west-2:123456789012:key/11111111-2222-3333-4444-555555555555"
  }

  assert {
    condition     = aws_sqs_queue.contact_events[0].kms_master_key_id == var.kms_key_arn && aws_sqs_queue.contact_events_dead_letter[0].kms_master_key_id == var.kms_key_arn
    error_message = "both contact-events queues use the customer managed key"
  }
}

run "a_small_batch_may_have_no_window" {
  command = plan

  variables {
    contact_events_batch_size              = 10
    contact_events_batching_window_seconds = 0
  }

  assert {
    condition     = aws_lambda_event_source_mapping.contact_events[0].batch_size == 10 && aws_lambda_event_source_mapping.contact_events[0].maximum_batching_window_in_seconds == 0
    error_message = "ten messages need no batching window"
  }
}

run "a_large_batch_waits_at_least_a_second" {
  command = plan

  variables {
    contact_events_batch_size              = 500
    contact_events_batching_window_seconds = 0
  }

  assert {
    condition     = aws_lambda_event_source_mapping.contact_events[0].maximum_batching_window_in_seconds == 1
    error_message = "Lambda requires a window of at least a second past 10 messages"
  }
}

run "direct_target_when_batching_is_off" {
  command = plan

  variables {
    batch_contact_events = false
  }

  assert {
    condition     = length(aws_sqs_queue.contact_events) == 0 && length(aws_lambda_event_source_mapping.contact_events) == 0 && length(aws_cloudwatch_event_target.contact_events_queue) == 0
    error_message = "no queue without batching"
  }
  assert {
    condition     = aws_cloudwatch_event_target.processor[0].retry_policy[0].maximum_retry_attempts == 10 && aws_cloudwatch_event_target.processor[0].dead_letter_config[0].arn == aws_sqs_queue.dead_letter.arn && length(aws_lambda_permission.events) == 1
    error_message = "the rule invokes the processor, retries and has a dead-letter queue"
  }
  assert {
    condition     = length([for s in local.processor_statements : s if s.sid == "ConsumeContactEvents"]) == 0 && output.contact_events_queue_arn == null
    error_message = "nothing to consume and no queue output"
  }
}

run "rejects_zero_batch_size" {
  command = plan
  variables { contact_events_batch_size = 0 }
  expect_failures = [var.contact_events_batch_size]
}

run "rejects_a_window_past_five_minutes" {
  command = plan
  variables { contact_events_batching_window_seconds = 301 }
  expect_failures = [var.contact_events_batching_window_seconds]
}

run "rejects_zero_receive_count" {
  command = plan
  variables { contact_events_max_receive_count = 0 }
  expect_failures = [var.contact_events_max_receive_count]
}
