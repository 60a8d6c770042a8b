mock_provider "aws" {
  override_data {
    target = data.aws_caller_identity.current
    values = { account_id = "123456789012" }
  }
  override_data {
    target = data.aws_region.current
    values = { id = "us-east-1" }
  }
  override_data {
    target = data.aws_partition.current
    values = { partition = "aws" }
  }
  # Known at plan time, so the assertions below can read what depends on them.
  mock_resource "aws_sqs_queue" {
    override_during = plan
    defaults        = { arn = "arn:aws:sqs:us-east-1:123456789012:t-case-events-dlq", id = "https://sqs.us-east-1.amazonaws.com/123456789012/q" }
  }
  mock_resource "aws_sns_topic" {
    override_during = plan
    defaults        = { arn = "arn:aws:sns:us-east-1:123456789012:t-case-notifications" }
  }
  mock_resource "aws_cloudwatch_event_rule" {
    override_during = plan
    defaults        = { arn = "arn:aws:events:us-east-1:123456789012:rule/t-cases" }
  }
  mock_resource "aws_dynamodb_table" {
    override_during = plan
    defaults        = { arn = "arn:aws:dynamodb:us-east-1:123456789012:table/t-cases" }
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

run "defaults_store_route_and_notify_without_touching_connect" {
  command = plan

  assert {
    condition     = aws_dynamodb_table.cases.name == "t-cases" && aws_dynamodb_table.cases.hash_key == "caseId" && aws_dynamodb_table.cases.range_key == "sk"
    error_message = "the case table is keyed by caseId and sk"
  }
  assert {
    condition     = aws_dynamodb_table.cases.server_side_encryption[0].enabled && aws_dynamodb_table.cases.deletion_protection_enabled
    error_message = "the case table is encrypted and protected"
  }
  assert {
    condition     = jsondecode(aws_sqs_queue_redrive_policy.events.redrive_policy).maxReceiveCount == 5 && aws_sqs_queue.events.sqs_managed_sse_enabled
    error_message = "the queue redrives after 5 receives and is encrypted"
  }
  assert {
    condition     = aws_sqs_queue.events.visibility_timeout_seconds == 360
    error_message = "visibility timeout is six times the stream function timeout"
  }
  assert {
    condition     = jsondecode(aws_cloudwatch_event_rule.cases.event_pattern) == { source = ["aws.cases"], "detail-type" = ["Amazon Connect Cases Change", "Amazon Connect Cases Event"] }
    error_message = "without a domain the rule takes both detail-types of every domain"
  }
  assert {
    condition     = aws_lambda_event_source_mapping.events.function_response_types == toset(["ReportBatchItemFailures"]) && aws_lambda_event_source_mapping.events.batch_size == 10 && aws_lambda_event_source_mapping.events.enabled
    error_message = "the consumer reports partial batch failures, ten messages a batch"
  }
  assert {
    condition     = aws_sns_topic.notifications.kms_master_key_id == "alias/aws/sns" && length(aws_sns_topic_subscription.email) == 0
    error_message = "the topic is encrypted and has no subscriptions by default"
  }
  assert {
    condition     = length(aws_lambda_invocation.event_streams) == 0 && length(module.provision_function) == 0 && length(aws_lambda_permission.connect) == 0
    error_message = "nothing touches Connect or Cases without an instance and a domain"
  }
  assert {
    condition     = [for s in output.policy_statements.stream : s.sid] == ["ConsumeCaseEvents", "StoreCaseEvents", "NotifyCaseEvents"]
    error_message = "the consumer gets exactly its three statements"
  }
  assert {
    condition     = toset(output.policy_statements.stream[1].actions) == toset(["dynamodb:BatchWriteItem", "dynamodb:UpdateItem"])
    error_message = "the consumer only batch-writes events and updates state"
  }
  assert {
    condition     = [for s in output.policy_statements.flow : s.sid] == ["PublishContacts"]
    error_message = "without a domain the flow function cannot read cases"
  }
  assert {
    condition     = output.stream_function_name == "t-case-events" && output.flow_function_name == "t-case-contact"
    error_message = "function names follow the prefix"
  }
  assert {
    condition     = module.flow_function[0].environment_variables.NOTIFY_CONTACT_ATTRIBUTES == ""
    error_message = "a chat's notification carries no contact attribute unless some are named"
  }
}

run "chat_notifications_carry_the_named_attributes" {
  command = plan
  variables { notify_contact_attributes = ["intent", "orderId"] }
  assert {
    condition     = module.flow_function[0].environment_variables.NOTIFY_CONTACT_ATTRIBUTES == "intent,orderId"
    error_message = "the allow-list reaches the flow function"
  }
}

run "rejects_bad_notify_attributes" {
  command = plan
  variables { notify_contact_attributes = ["a,b"] }
  expect_failures = [var.notify_contact_attributes]
}

run "event_streams_on_an_instance_and_domain" {
  command = plan

  variables {
    connect_instance_arn = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555"
    cases_domain_id      = "dad5efb6-8485-4a55-8241-98a88example"
    enable_event_streams = true
    custom_field_ids     = ["custom-1", "status"]
    notification_emails  = ["ops@example.com", "lead@example.com"]
    notify_event_types   = ["CASE.CREATED"]
    kms_key_arn          = "arn:aws:kms:us-east-1:123456789012:key/abc"
  }

  assert {
    condition     = aws_lambda_invocation.event_streams[0].lifecycle_scope == "CRUD"
    error_message = "the provisioning function runs on create, update and delete"
  }
  assert {
    condition = jsondecode(aws_lambda_invocation.event_streams[0].input) == {
      instance_id             = "11111111-2222-3333-4444-555555555555"
      domain_id               = "dad5efb6-8485-4a55-8241-98a88example"
      integration_name        = "t-cases"
      source_application_url  = "arn:aws:cases:us-east-1:123456789012:domain/dad5efb6-8485-4a55-8241-98a88example"
      source_application_name = "Amazon Connect Cases"
      fields                  = ["title", "status", "reference_number", "customer_id", "summary", "case_reason", "created_datetime", "last_updated_datetime", "last_closed_datetime", "assigned_queue", "assigned_user", "custom-1"]
      disable_on_delete       = false
    }
    error_message = "the invocation input names the instance, domain, integration and each field once"
  }
  assert {
    condition     = jsondecode(aws_cloudwatch_event_rule.cases.event_pattern).resources == ["arn:aws:cases:us-east-1:123456789012:domain/dad5efb6-8485-4a55-8241-98a88example"]
    error_message = "the rule is scoped to the domain"
  }
  assert {
    condition     = [for s in output.policy_statements.provision : s.sid] == ["ManageEventAssociation", "ManageEventIntegration", "ManagedEventRule", "ReadEventRuleTargets", "ConfigureCaseEvents", "RecordPreviousConfiguration"]
    error_message = "the provisioning function gets its six statements"
  }
  assert {
    condition     = module.provision_function[0].environment_variables.CONFIGURATION_RECORD_TABLE == aws_dynamodb_table.cases.name && output.policy_statements.provision[5].actions == tolist(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"])
    error_message = "the configuration before this module is recorded in the case table, with item-level calls only"
  }
  assert {
    condition     = output.policy_statements.provision[0].resources == tolist(["arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555", "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555/integration-association/*"])
    error_message = "association calls are scoped to the instance"
  }
  assert {
    condition     = output.policy_statements.provision[1].resources[0] == "arn:aws:app-integrations:us-east-1:123456789012:event-integration/t-cases"
    error_message = "event integration calls are scoped to the module's integration"
  }
  assert {
    condition     = output.policy_statements.provision[4].resources == tolist(["arn:aws:cases:us-east-1:123456789012:domain/dad5efb6-8485-4a55-8241-98a88example"])
    error_message = "event configuration calls are scoped to the domain"
  }
  assert {
    condition     = contains(output.policy_statements.provision[4].actions, "cases:GetDomain")
    error_message = "the Cases EVENT association's dependent action cases:GetDomain is granted"
  }
  assert {
    condition     = jsonencode(output.policy_statements.provision[2].conditions) == jsonencode([{ test = "StringEquals", values = ["app-integrations.amazonaws.com"], variable = "events:ManagedBy" }, { test = "Bool", values = ["true"], variable = "aws:ViaAWSService" }])
    error_message = "the role may change only rules AppIntegrations manages, and only through AppIntegrations"
  }
  assert {
    condition     = jsonencode(output.policy_statements.provision[3].actions) == jsonencode(["events:ListTargetsByRule"])
    error_message = "deleting the event integration association may list the rule's targets"
  }
  assert {
    condition     = output.policy_statements.flow[0].sid == "ReadCases" && output.policy_statements.flow[0].actions == tolist(["cases:GetCase"])
    error_message = "the flow function may read the domain's cases"
  }
  assert {
    condition     = length([for s in output.policy_statements.stream : s if s.sid == "UseTheKey"]) == 1
    error_message = "with a customer key the consumer may use it"
  }
  assert {
    condition     = aws_sqs_queue.events.kms_master_key_id == "arn:aws:kms:us-east-1:123456789012:key/abc" && aws_sns_topic.notifications.kms_master_key_id == "arn:aws:kms:us-east-1:123456789012:key/abc"
    error_message = "queue and topic use the customer key"
  }
  assert {
    condition     = length(aws_sns_topic_subscription.email) == 2 && aws_sns_topic_subscription.email["ops@example.com"].protocol == "email"
    error_message = "each address gets an e-mail subscription"
  }
  assert {
    condition     = aws_lambda_permission.connect[0].principal == "connect.amazonaws.com" && length(aws_connect_lambda_function_association.flow) == 1
    error_message = "the instance may invoke the flow function"
  }
}

run "rule_target_retries_then_keeps_failed_deliveries_in_the_dead_letter_queue" {
  command = plan

  assert {
    condition     = aws_cloudwatch_event_target.queue.retry_policy[0].maximum_retry_attempts == 10 && aws_cloudwatch_event_target.queue.retry_policy[0].maximum_event_age_in_seconds == 3600
    error_message = "the target retries 10 times within an hour"
  }
  assert {
    condition     = aws_cloudwatch_event_target.queue.dead_letter_config[0].arn == aws_sqs_queue.dead_letter.arn && aws_sqs_queue.dead_letter.sqs_managed_sse_enabled
    error_message = "undeliverable events go to the encrypted dead-letter queue"
  }
  assert {
    condition     = toset(one(data.aws_iam_policy_document.dead_letter.statement[0].principals).identifiers) == toset(["events.amazonaws.com"]) && toset(one(data.aws_iam_policy_document.dead_letter.statement[0].condition).values) == toset([aws_cloudwatch_event_rule.cases.arn])
    error_message = "only the Cases rule may send to the dead-letter queue"
  }
  assert {
    condition     = aws_sqs_queue_policy.dead_letter.queue_url == aws_sqs_queue.dead_letter.id && output.dead_letter_queue_arn == aws_sqs_queue.dead_letter.arn
    error_message = "the dead-letter queue has its policy and is a module output"
  }
}

run "rejects_bad_retry_policy" {
  command = plan
  variables {
    event_retry_attempts  = 186
    event_max_age_seconds = 59
  }
  expect_failures = [var.event_retry_attempts, var.event_max_age_seconds]
}

run "streams_need_both_instance_and_domain" {
  command = plan
  variables {
    enable_event_streams = true
    cases_domain_id      = "d-1"
  }
  assert {
    condition     = length(aws_lambda_invocation.event_streams) == 0
    error_message = "without an instance nothing is provisioned"
  }
}

run "rejects_bad_name_prefix" {
  command = plan
  variables { name_prefix = "bad prefix!" }
  expect_failures = [var.name_prefix]
}

run "rejects_bad_instance_arn" {
  command = plan
  variables { connect_instance_arn = "arn:aws:connect:us-east-1:123:instance/x" }
  expect_failures = [var.connect_instance_arn]
}

run "rejects_bad_domain_id" {
  command = plan
  variables { cases_domain_id = "not a domain" }
  expect_failures = [var.cases_domain_id]
}

run "rejects_bad_integration_name" {
  command = plan
  variables { event_integration_name = "has spaces" }
  expect_failures = [var.event_integration_name]
}

run "rejects_bad_field_ids" {
  command = plan
  variables { custom_field_ids = ["ok", "not ok"] }
  expect_failures = [var.custom_field_ids]
}

run "rejects_bad_emails" {
  command = plan
  variables { notification_emails = ["nobody"] }
  expect_failures = [var.notification_emails]
}

run "rejects_unknown_event_types" {
  command = plan
  variables { notify_event_types = ["CASE.EXPLODED"] }
  expect_failures = [var.notify_event_types]
}

run "rejects_negative_ttl" {
  command = plan
  variables { event_ttl_days = -1 }
  expect_failures = [var.event_ttl_days]
}

run "rejects_oversized_batches" {
  command = plan
  variables { batch_size = 101 }
  expect_failures = [var.batch_size]
}

run "rejects_zero_receives" {
  command = plan
  variables { max_receive_count = 0 }
  expect_failures = [var.max_receive_count]
}

run "rejects_short_stream_timeout" {
  command = plan
  variables { stream_timeout = 5 }
  expect_failures = [var.stream_timeout]
}

run "rejects_bad_kms_key" {
  command = plan
  variables { kms_key_arn = "alias/mine" }
  expect_failures = [var.kms_key_arn]
}

# --- alarms and dashboard (modules/monitoring) -----------------------------------------------------

run "monitoring_gives_every_part_its_alarms_with_a_topic" {
  command = plan

  variables {
    alarm_topic_arn      = "arn:aws:sns:us-east-1:123456789012:on-call"
    connect_instance_arn = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555"
    cases_domain_id      = "dad5efb6-8485-4a55-8241-98a88example"
    enable_event_streams = true
  }

  assert {
    condition = alltrue([for kind in ["function_errors", "function_throttles", "function_duration"] :
    keys(module.monitoring.alarm_names[kind]) == ["flow", "provision", "stream"]])
    error_message = "Every function has errors, throttles and p99 duration alarms."
  }
  assert {
    condition     = keys(module.monitoring.alarm_names.iterator_age) == [] && keys(module.monitoring.alarm_names.flow_error_share) == ["flow"]
    error_message = "Every stream reader has an iterator-age alarm and every flow-invoked function an error-share alarm."
  }
  assert {
    condition     = keys(module.monitoring.alarm_names.dlq_visible) == ["dead_letter"] && keys(module.monitoring.alarm_names.dlq_age) == ["dead_letter"]
    error_message = "Every dead-letter queue has visible-message and age alarms."
  }
  assert {
    condition     = keys(module.monitoring.alarm_names.rule_failed_invocations) == ["cases"] && keys(module.monitoring.alarm_names.rule_dead_letter_invocations) == ["cases"]
    error_message = "Every EventBridge rule has failed-invocation and sent-to-DLQ alarms."
  }
  assert {
    condition     = alltrue([for name in [module.stream_function.function_name, module.flow_function[0].function_name, module.provision_function[0].function_name, aws_sqs_queue.dead_letter.name, aws_sqs_queue.events.name, aws_cloudwatch_event_rule.cases.name] : strcontains(module.monitoring.dashboard_body, "\"${name}\"")])
    error_message = "The dashboard's widgets reference the capability's real functions, queues and rules."
  }
}

run "monitoring_creates_no_alarm_without_a_topic" {
  command = plan

  variables {
    connect_instance_arn = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555"
    cases_domain_id      = "dad5efb6-8485-4a55-8241-98a88example"
    enable_event_streams = true
  }

  assert {
    condition     = module.monitoring.alarm_count == 0
    error_message = "Without an alarm topic no alarm is created."
  }
  assert {
    condition     = module.monitoring.dashboard_name == "t-cases"
    error_message = "The capability's dashboard is there regardless."
  }
}
