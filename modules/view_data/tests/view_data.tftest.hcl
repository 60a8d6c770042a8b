mock_provider "aws" {
  # The policy-document data source would answer a random string; a valid document keeps roles plannable.
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  name_prefix             = "test"
  connect_instance_arn    = "arn:aws:connect:eu-west-2:123456789012:instance/11111111-2222-3333-4444-555555555555"
  dependency_layer_arn    = "arn:aws:lambda:eu-west-2:123456789012:layer:deps:1"
  create_dependency_layer = false
}

override_resource {
  target          = aws_dynamodb_table.view_data
  override_during = plan
  values          = { arn = "arn:aws:dynamodb:eu-west-2:123456789012:table/test-view-data" }
}

override_resource {
  target          = aws_dynamodb_table.questions
  override_during = plan
  values          = { arn = "arn:aws:dynamodb:eu-west-2:123456789012:table/test-view-questions" }
}

override_resource {
  target          = aws_sqs_queue.extract_dlq
  override_during = plan
  values          = { arn = "arn:aws:sqs:eu-west-2:123456789012:test-view-data-extract-dlq" }
}

override_module {
  target = module.extract
  outputs = {
    function_name  = "test-view-data-extract"
    function_arn   = "arn:aws:lambda:eu-west-2:123456789012:function:test-view-data-extract"
    alias_name     = "live"
    alias_arn      = "arn:aws:lambda:eu-west-2:123456789012:function:test-view-data-extract:live"
    role_arn       = "arn:aws:iam::123456789012:role/test-view-data-extract-role"
    log_group_name = "/aws/lambda/test-view-data-extract"
    package_path   = "x.zip"
    source_hash    = "abc"
    timeout        = 300
  }
}

run "tables_have_the_key_ttl_recovery_and_encryption" {
  command = plan

  assert {
    condition     = aws_dynamodb_table.view_data.hash_key == "InitialContactId" && aws_dynamodb_table.view_data.name == "test-view-data"
    error_message = "The view data table is keyed by InitialContactId by default."
  }
  assert {
    condition     = one(aws_dynamodb_table.view_data.ttl).attribute_name == "ExpiresAt" && one(aws_dynamodb_table.view_data.ttl).enabled
    error_message = "TTL must be on ExpiresAt."
  }
  assert {
    condition     = one(aws_dynamodb_table.view_data.point_in_time_recovery).enabled && one(aws_dynamodb_table.questions.point_in_time_recovery).enabled
    error_message = "Both tables keep point-in-time recovery."
  }
  assert {
    condition     = one(aws_dynamodb_table.view_data.server_side_encryption).enabled && one(aws_dynamodb_table.questions.server_side_encryption).enabled
    error_message = "Both tables are encrypted."
  }
  assert {
    condition     = aws_dynamodb_table.questions.hash_key == "Name" && aws_dynamodb_table.questions.name == "test-view-questions"
    error_message = "The questions table is keyed by Name."
  }
  assert {
    condition     = aws_dynamodb_table.view_data.deletion_protection_enabled
    error_message = "Tables are protected from deletion by default."
  }
}

run "custom_key_and_customer_key" {
  command = plan
  variables {
    key_attribute = "ContactId"
    kms_key_arn   = "arn:aws:kms:eu-west-2:123456789012:key/abcd"
  }

  assert {
    condition     = aws_dynamodb_table.view_data.hash_key == "ContactId" && one(aws_dynamodb_table.view_data.attribute).name == "ContactId"
    error_message = "key_attribute names the partition key."
  }
  assert {
    condition     = one(aws_dynamodb_table.view_data.server_side_encryption).kms_key_arn == "arn:aws:kms:eu-west-2:123456789012:key/abcd"
    error_message = "The customer key encrypts the table."
  }
  assert {
    condition     = aws_sqs_queue.extract_dlq[0].kms_master_key_id == "arn:aws:kms:eu-west-2:123456789012:key/abcd"
    error_message = "The customer key encrypts the dead-letter queue."
  }
  assert {
    condition     = contains([for s in local.scheduler_statements : s.Sid], "DeadLetterKey")
    error_message = "The scheduler may use the queue's key."
  }
}

run "normalize_iam_is_scoped_to_the_instance_and_the_tables" {
  command = plan

  assert {
    condition = {
      for s in local.normalize_statements : s.sid => { actions = s.actions, resources = s.resources }
      } == {
      WriteViewData     = { actions = ["dynamodb:UpdateItem"], resources = ["arn:aws:dynamodb:eu-west-2:123456789012:table/test-view-data"] }
      ReadQuestions     = { actions = ["dynamodb:Scan"], resources = ["arn:aws:dynamodb:eu-west-2:123456789012:table/test-view-questions"] }
      DescribeContacts  = { actions = ["connect:DescribeContact"], resources = ["arn:aws:connect:eu-west-2:123456789012:instance/11111111-2222-3333-4444-555555555555/contact/*"] }
      DescribeAgents    = { actions = ["connect:DescribeUser"], resources = ["arn:aws:connect:eu-west-2:123456789012:instance/11111111-2222-3333-4444-555555555555/agent/*"] }
      DescribeQueues    = { actions = ["connect:DescribeQueue"], resources = ["arn:aws:connect:eu-west-2:123456789012:instance/11111111-2222-3333-4444-555555555555/queue/*"] }
      DescribeCampaigns = { actions = ["connect-campaigns:DescribeCampaign"], resources = ["arn:aws:connect-campaigns:eu-west-2:123456789012:campaign/*"] }
    }
    error_message = "The normalize function may write its table, read the questions and describe only this instance's resources."
  }
}

run "extract_iam_is_scoped_to_the_instance_and_the_questions_table" {
  command = plan

  assert {
    condition = {
      for s in local.extract_statements : s.sid => { actions = s.actions, resources = s.resources }
      } == {
      ReconcileQuestions = { actions = ["dynamodb:Scan", "dynamodb:BatchWriteItem"], resources = ["arn:aws:dynamodb:eu-west-2:123456789012:table/test-view-questions"] }
      ListViews = { actions = ["connect:ListViews"], resources = [
        "arn:aws:connect:eu-west-2:123456789012:instance/11111111-2222-3333-4444-555555555555",
      ] }
      DescribeViews = { actions = ["connect:DescribeView"], resources = [
        "arn:aws:connect:eu-west-2:123456789012:instance/11111111-2222-3333-4444-555555555555/view/*",
        "arn:aws:connect:eu-west-2:aws:view/*",
      ] }
      ReadFlows = { actions = ["connect:ListContactFlows", "connect:DescribeContactFlow"], resources = [
        "arn:aws:connect:eu-west-2:123456789012:instance/11111111-2222-3333-4444-555555555555/contact-flow/*",
      ] }
    }
    error_message = "The extract function may reconcile only the questions table and read only this instance's views and flows."
  }
}

run "explicit_views_need_no_flow_permissions" {
  command = plan
  variables {
    view_arns = ["arn:aws:connect:eu-west-2:123456789012:instance/11111111-2222-3333-4444-555555555555/view/abc"]
  }

  assert {
    condition     = !contains([for s in local.extract_statements : s.sid], "ReadFlows")
    error_message = "Explicit views are read without listing flows."
  }
}

run "schedule_has_retries_and_a_dead_letter_queue" {
  command = plan

  assert {
    condition     = aws_scheduler_schedule.extract[0].schedule_expression == "rate(30 days)"
    error_message = "The default schedule is every 30 days."
  }
  assert {
    condition     = one(one(aws_scheduler_schedule.extract[0].target).retry_policy).maximum_retry_attempts == 3
    error_message = "The schedule retries."
  }
  assert {
    condition     = one(one(aws_scheduler_schedule.extract[0].target).dead_letter_config).arn == "arn:aws:sqs:eu-west-2:123456789012:test-view-data-extract-dlq"
    error_message = "Undeliverable runs go to the dead-letter queue."
  }
  assert {
    condition     = one(aws_scheduler_schedule.extract[0].target).arn == "arn:aws:lambda:eu-west-2:123456789012:function:test-view-data-extract:live"
    error_message = "The schedule targets the extract function's live alias."
  }
  assert {
    condition = jsonencode([for s in local.scheduler_statements : { sid = s.Sid, resources = s.Resource }]) == jsonencode([
      { sid = "InvokeExtract", resources = ["arn:aws:lambda:eu-west-2:123456789012:function:test-view-data-extract:live"] },
      { sid = "DeadLetter", resources = ["arn:aws:sqs:eu-west-2:123456789012:test-view-data-extract-dlq"] },
    ])
    error_message = "The scheduler may invoke only the extract function and write only its dead-letter queue."
  }
  assert {
    condition     = length(aws_lambda_invocation.extract_on_apply) == 1 && aws_lambda_invocation.extract_on_apply[0].function_name == "test-view-data-extract"
    error_message = "The extract function runs on apply."
  }
  assert {
    condition     = aws_connect_lambda_function_association.normalize[0].instance_id == "11111111-2222-3333-4444-555555555555"
    error_message = "The normalize function is associated with the instance."
  }
  assert {
    condition     = aws_lambda_permission.connect[0].principal == "connect.amazonaws.com" && aws_lambda_permission.connect[0].source_arn == var.connect_instance_arn
    error_message = "Only this instance may invoke the normalize function."
  }
}

run "schedule_and_apply_run_can_be_turned_off" {
  command = plan
  variables {
    extract_schedule_expression = null
    extract_on_apply            = false
  }

  assert {
    condition     = length(aws_scheduler_schedule.extract) == 0 && length(aws_lambda_invocation.extract_on_apply) == 0
    error_message = "Both triggers are optional."
  }
}

run "without_an_instance_only_tables_and_normalize_are_deployed" {
  command = plan
  variables {
    connect_instance_arn = null
  }

  assert {
    condition     = length(aws_scheduler_schedule.extract) == 0 && length(aws_sqs_queue.extract_dlq) == 0 && length(aws_connect_lambda_function_association.normalize) == 0
    error_message = "Nothing Connect-dependent is created without an instance."
  }
  assert {
    condition     = [for s in local.normalize_statements : s.sid] == ["WriteViewData", "ReadQuestions"]
    error_message = "Without an instance the normalize function gets no Connect permissions."
  }
}

run "association_can_be_skipped_where_connect_is_unreachable" {
  command = plan
  variables {
    associate_with_connect = false
  }

  assert {
    condition     = length(aws_connect_lambda_function_association.normalize) == 0 && length(aws_lambda_permission.connect) == 0 && length(aws_scheduler_schedule.extract) == 1
    error_message = "associate_with_connect=false skips only the association and permission."
  }
}

run "rejects_a_bad_instance_arn" {
  command = plan
  variables { connect_instance_arn = "arn:aws:connect:eu-west-2:123456789012:instance/not-a-uuid" }
  expect_failures = [var.connect_instance_arn]
}

run "rejects_a_reserved_key_attribute" {
  command = plan
  variables { key_attribute = "Answers" }
  expect_failures = [var.key_attribute]
}

run "rejects_zero_retention" {
  command = plan
  variables { retention_days = 0 }
  expect_failures = [var.retention_days]
}

run "rejects_a_fixed_offset_time_zone" {
  command = plan
  variables { time_zone = "+02:00" }
  expect_failures = [var.time_zone]
}

run "rejects_too_many_hops" {
  command = plan
  variables { max_chain_hops = 11 }
  expect_failures = [var.max_chain_hops]
}

run "rejects_a_negative_refresh_interval" {
  command = plan
  variables { questions_refresh_seconds = -1 }
  expect_failures = [var.questions_refresh_seconds]
}

run "rejects_a_flow_limit_over_eight_seconds" {
  command = plan
  variables { flow_time_limit_seconds = 9 }
  expect_failures = [var.flow_time_limit_seconds]
}

run "rejects_a_view_arn_that_is_not_one" {
  command = plan
  variables { view_arns = ["arn:aws:s3:::bucket"] }
  expect_failures = [var.view_arns]
}

run "rejects_an_empty_override" {
  command = plan
  variables { label_overrides = { q1 = "" } }
  expect_failures = [var.label_overrides]
}

run "rejects_a_bad_schedule_expression" {
  command = plan
  variables { extract_schedule_expression = "every month" }
  expect_failures = [var.extract_schedule_expression]
}

run "rejects_a_short_extract_timeout" {
  command = plan
  variables { extract_timeout = 5 }
  expect_failures = [var.extract_timeout]
}

run "rejects_too_many_schedule_retries" {
  command = plan
  variables { schedule_max_retry_attempts = 186 }
  expect_failures = [var.schedule_max_retry_attempts]
}

run "rejects_an_unknown_billing_mode" {
  command = plan
  variables { billing_mode = "FREE" }
  expect_failures = [var.billing_mode]
}

run "rejects_a_bad_name_prefix" {
  command = plan
  variables { name_prefix = "has spaces" }
  expect_failures = [var.name_prefix]
}

run "rejects_a_bad_kms_key" {
  command = plan
  variables { kms_key_arn = "alias/mine" }
  expect_failures = [var.kms_key_arn]
}

run "accepts_view_arns_of_every_partition_and_aws_managed_views" {
  command = plan
  variables {
    view_arns = [
      "arn:aws:connect:eu-west-2:aws:view/standard-form",
      "arn:aws:connect:eu-west-2:123456789012:instance/11111111-2222-3333-4444-555555555555/view/0a1b2c3d-aaaa-bbbb-cccc-123456789012:$LATEST",
      "arn:aws-cn:connect:cn-north-1:123456789012:instance/11111111-2222-3333-4444-555555555555/view/0a1b2c3d-aaaa-bbbb-cccc-123456789012",
      "arn:aws-us-gov:connect:us-gov-west-1:aws:view/detail",
    ]
  }
}

run "rejects_a_view_arn_of_an_unknown_partition" {
  command = plan
  variables { view_arns = ["arn:aws-xx:connect:eu-west-2:aws:view/standard-form"] }
  expect_failures = [var.view_arns]
}

run "rejects_a_managed_view_arn_written_with_a_slash" {
  command = plan
  variables { view_arns = ["arn:aws:connect:eu-west-2:aws/view/standard-form"] }
  expect_failures = [var.view_arns]
}

run "accepts_the_longest_name_prefix" {
  command = plan
  variables { name_prefix = "abcdefghijklmnopqrstuvwxy27" }
}

run "rejects_a_name_prefix_one_too_long" {
  command = plan
  variables { name_prefix = "abcdefghijklmnopqrstuvwxyz28" }
  expect_failures = [var.name_prefix]
}

# --- alarms and dashboard (modules/monitoring) -----------------------------------------------------

run "monitoring_gives_every_part_its_alarms_with_a_topic" {
  command = plan

  variables {
    alarm_topic_arn = "arn:aws:sns:us-east-1:123456789012:on-call"
  }

  assert {
    condition = alltrue([for kind in ["function_errors", "function_throttles", "function_duration"] :
    keys(module.monitoring.alarm_names[kind]) == ["extract", "normalize"]])
    error_message = "Every function has errors, throttles and p99 duration alarms."
  }
  assert {
    condition     = keys(module.monitoring.alarm_names.iterator_age) == [] && keys(module.monitoring.alarm_names.flow_error_share) == ["normalize"]
    error_message = "Every stream reader has an iterator-age alarm and every flow-invoked function an error-share alarm."
  }
  assert {
    condition     = keys(module.monitoring.alarm_names.dlq_visible) == ["extract_dlq"] && keys(module.monitoring.alarm_names.dlq_age) == ["extract_dlq"]
    error_message = "Every dead-letter queue has visible-message and age alarms."
  }
  assert {
    condition     = keys(module.monitoring.alarm_names.rule_failed_invocations) == [] && keys(module.monitoring.alarm_names.rule_dead_letter_invocations) == []
    error_message = "Every EventBridge rule has failed-invocation and sent-to-DLQ alarms."
  }
  assert {
    condition     = alltrue([for name in [module.normalize.function_name, module.extract[0].function_name, aws_sqs_queue.extract_dlq[0].name] : strcontains(module.monitoring.dashboard_body, "\"${name}\"")])
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
    condition     = module.monitoring.dashboard_name == "test-view-data"
    error_message = "The capability's dashboard is there regardless."
  }
}
