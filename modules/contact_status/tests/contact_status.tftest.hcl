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
    condition     = toset([for g in aws_dynamodb_table.status.global_secondary_index : "${g.name}:${g.hash_key}:${g.range_key}"]) == toset(["by-customer:CustomerId:LastEventAt", "by-initial-contact:InitialContactId:LastEventAt"])
    error_message = "customer and initial-contact indexes, sorted by last event time"
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
    condition     = aws_cloudwatch_event_target.processor.retry_policy[0].maximum_retry_attempts == 10 && aws_cloudwatch_event_target.processor.dead_letter_config[0].arn == aws_sqs_queue.dead_letter.arn
    error_message = "the target retries and has a dead-letter queue"
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
    condition     = keys(module.monitoring.alarm_names.dlq_visible) == ["dead_letter"] && keys(module.monitoring.alarm_names.dlq_age) == ["dead_letter"]
    error_message = "Every dead-letter queue has visible-message and age alarms."
  }
  assert {
    condition     = keys(module.monitoring.alarm_names.rule_failed_invocations) == ["contact_events"] && keys(module.monitoring.alarm_names.rule_dead_letter_invocations) == ["contact_events"]
    error_message = "Every EventBridge rule has failed-invocation and sent-to-DLQ alarms."
  }
  assert {
    condition     = alltrue([for name in [module.processor.function_name, module.record.function_name, module.history.function_name, module.archive[0].function_name, aws_sqs_queue.dead_letter.name, aws_cloudwatch_event_rule.contact_events.name] : strcontains(module.monitoring.dashboard_body, "\"${name}\"")])
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
