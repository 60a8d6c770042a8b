mock_provider "aws" {
  override_during = plan

  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
  mock_resource "aws_dynamodb_table" {
    defaults = {
      arn = "arn:aws:dynamodb:us-east-1:123456789012:table/mocked"
    }
  }
  mock_resource "aws_lambda_function" {
    defaults = {
      arn = "arn:aws:lambda:us-east-1:123456789012:function:unit-customer-lookup"
    }
  }
  mock_resource "aws_lambda_alias" {
    defaults = {
      arn = "arn:aws:lambda:us-east-1:123456789012:function:unit-customer-lookup:live"
    }
  }
}

variables {
  name_prefix             = "unit"
  create_dependency_layer = false
  dependency_layer_arn    = "arn:aws:lambda:us-east-1:123456789012:layer:deps:1"
}

run "profile_table_is_keyed_by_phone_number_on_demand_with_recovery_and_encryption" {
  command = plan

  assert {
    condition     = aws_dynamodb_table.profiles.name == "unit-customer-profiles" && aws_dynamodb_table.profiles.hash_key == "PhoneNumber"
    error_message = "The profile table is named from the prefix and keyed by PhoneNumber."
  }
  assert {
    condition     = aws_dynamodb_table.profiles.billing_mode == "PAY_PER_REQUEST" && aws_dynamodb_table.profiles.point_in_time_recovery[0].enabled
    error_message = "On-demand billing and point-in-time recovery by default."
  }
  assert {
    condition     = aws_dynamodb_table.profiles.server_side_encryption[0].enabled && aws_dynamodb_table.profiles.deletion_protection_enabled
    error_message = "Encrypted and protected from deletion by default."
  }
  assert {
    condition     = length(aws_dynamodb_table.calls) == 0 && length(aws_lambda_permission.connect) == 0 && length(aws_connect_lambda_function_association.this) == 0
    error_message = "No calls table without recording, no Connect wiring without an instance."
  }
}

run "function_reads_only_the_profile_table" {
  command = plan

  assert {
    condition     = module.function.function_name == "unit-customer-lookup"
    error_message = "The function is named from the prefix."
  }
  assert {
    condition     = one([for s in module.function.policy_statements : s.actions if s.sid == "ReadProfiles"]) == tolist(["dynamodb:GetItem"])
    error_message = "Without recording the function may only GetItem."
  }
  assert {
    condition     = length(module.function.policy_statements) == 1
    error_message = "No statement beyond reading profiles."
  }
}

run "recording_adds_a_calls_table_with_ttl_and_update_rights_on_it_only" {
  command = plan

  variables {
    record_last_call = true
    calls_ttl_days   = 30
  }

  assert {
    condition     = aws_dynamodb_table.calls[0].name == "unit-customer-calls" && aws_dynamodb_table.calls[0].ttl[0].attribute_name == "ExpiresAt"
    error_message = "Recording creates the calls table with a TTL."
  }
  assert {
    condition     = one([for s in module.function.policy_statements : s.resources if s.sid == "RecordCalls"]) == tolist([aws_dynamodb_table.calls[0].arn])
    error_message = "UpdateItem is allowed on the calls table only."
  }
  assert {
    condition     = module.function.environment_variables["CALLS_TTL_DAYS"] == "30"
    error_message = "The TTL reaches the function."
  }
}

run "connect_instance_gets_permission_and_association" {
  command = plan

  variables {
    connect_instance_arn = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555"
  }

  assert {
    condition     = aws_lambda_permission.connect[0].principal == "connect.amazonaws.com" && aws_lambda_permission.connect[0].source_account == "123456789012"
    error_message = "Only Connect in the instance's account may invoke."
  }
  assert {
    condition     = aws_lambda_permission.connect[0].source_arn == "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555"
    error_message = "The permission is scoped to the instance."
  }
  assert {
    condition     = aws_connect_lambda_function_association.this[0].instance_id == "11111111-2222-3333-4444-555555555555"
    error_message = "The function is associated with the instance."
  }
}

run "seed_profiles_become_items_keyed_by_their_number" {
  command = plan

  variables {
    seed_profiles = { "+14155550100" = { FirstName = "Ana" } }
  }

  assert {
    condition     = jsondecode(aws_dynamodb_table_item.seed["+14155550100"].item) == { FirstName = { S = "Ana" }, PhoneNumber = { S = "+14155550100" } }
    error_message = "A seed profile is stored as string attributes under its number."
  }
}

run "provisioned_billing_sets_capacity" {
  command = plan

  variables {
    billing_mode   = "PROVISIONED"
    read_capacity  = 7
    write_capacity = 3
  }

  assert {
    condition     = aws_dynamodb_table.profiles.read_capacity == 7 && aws_dynamodb_table.profiles.write_capacity == 3
    error_message = "Provisioned capacity is passed through."
  }
}

run "rejects_a_bad_prefix" {
  command = plan
  variables { name_prefix = "bad prefix" }
  expect_failures = [var.name_prefix]
}

run "rejects_an_instance_arn_that_is_not_connect" {
  command = plan
  variables { connect_instance_arn = "arn:aws:lambda:us-east-1:123456789012:function:x" }
  expect_failures = [var.connect_instance_arn]
}

run "rejects_an_unknown_number_source" {
  command = plan
  variables { number_source = "ani" }
  expect_failures = [var.number_source]
}

run "rejects_a_country_code_with_plus" {
  command = plan
  variables { default_country_code = "+44" }
  expect_failures = [var.default_country_code]
}

run "rejects_seed_keys_that_are_not_e164" {
  command = plan
  variables { seed_profiles = { "415-555-0100" = { FirstName = "Ana" } } }
  expect_failures = [var.seed_profiles]
}

run "rejects_an_unknown_billing_mode" {
  command = plan
  variables { billing_mode = "ON_DEMAND" }
  expect_failures = [var.billing_mode]
}

run "rejects_a_zero_calls_ttl" {
  command = plan
  variables { calls_ttl_days = 0 }
  expect_failures = [var.calls_ttl_days]
}

# --- alarms and dashboard (modules/monitoring) -----------------------------------------------------

run "monitoring_gives_every_part_its_alarms_with_a_topic" {
  command = plan

  variables {
    alarm_topic_arn = "arn:aws:sns:us-east-1:123456789012:on-call"
  }

  assert {
    condition = alltrue([for kind in ["function_errors", "function_throttles", "function_duration"] :
    keys(module.monitoring.alarm_names[kind]) == ["lookup"]])
    error_message = "Every function has errors, throttles and p99 duration alarms."
  }
  assert {
    condition     = keys(module.monitoring.alarm_names.iterator_age) == [] && keys(module.monitoring.alarm_names.flow_error_share) == ["lookup"]
    error_message = "Every stream reader has an iterator-age alarm and every flow-invoked function an error-share alarm."
  }
  assert {
    condition     = keys(module.monitoring.alarm_names.dlq_visible) == [] && keys(module.monitoring.alarm_names.dlq_age) == []
    error_message = "Every dead-letter queue has visible-message and age alarms."
  }
  assert {
    condition     = keys(module.monitoring.alarm_names.rule_failed_invocations) == [] && keys(module.monitoring.alarm_names.rule_dead_letter_invocations) == []
    error_message = "Every EventBridge rule has failed-invocation and sent-to-DLQ alarms."
  }
  assert {
    condition     = alltrue([for name in [module.function.function_name] : strcontains(module.monitoring.dashboard_body, "\"${name}\"")])
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
    condition     = module.monitoring.dashboard_name == "unit-customer-lookup"
    error_message = "The capability's dashboard is there regardless."
  }
}
