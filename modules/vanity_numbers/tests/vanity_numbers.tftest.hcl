mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }

  mock_resource "aws_iam_role" {
    defaults = {
      arn = "arn:aws:iam::123456789012:role/mocked"
    }
  }

  mock_resource "aws_dynamodb_table" {
    defaults = {
      arn = "arn:aws:dynamodb:us-east-1:123456789012:table/mocked"
    }
  }

  mock_resource "aws_cloudwatch_log_group" {
    defaults = {
      arn = "arn:aws:logs:us-east-1:123456789012:log-group:mocked"
    }
  }

  mock_resource "aws_lambda_function" {
    defaults = {
      arn = "arn:aws:lambda:us-east-1:123456789012:function:mocked"
    }
  }
  mock_resource "aws_lambda_alias" {
    defaults = {
      arn = "arn:aws:lambda:us-east-1:123456789012:function:mocked:live"
    }
  }

  mock_resource "aws_connect_contact_flow" {
    defaults = {
      arn             = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555/contact-flow/mocked"
      contact_flow_id = "abababab-0000-0000-0000-000000000001"
    }
  }
}

variables {
  name_prefix             = "t"
  create_dependency_layer = false
  dependency_layer_arn    = "arn:aws:lambda:us-east-1:123456789012:layer:deps:1"
}

run "defaults_deploy_function_and_table_only" {
  command = plan

  assert {
    condition     = aws_dynamodb_table.results.name == "t-vanity-results" && aws_dynamodb_table.results.hash_key == "PhoneNumber"
    error_message = "results table is named after the prefix and keyed by PhoneNumber"
  }

  assert {
    condition     = one(aws_dynamodb_table.results.ttl).attribute_name == "ExpiresAt" && one(aws_dynamodb_table.results.ttl).enabled
    error_message = "results expire through TTL on ExpiresAt"
  }

  assert {
    condition     = aws_dynamodb_table.results.deletion_protection_enabled && one(aws_dynamodb_table.results.point_in_time_recovery).enabled
    error_message = "the table is protected by default"
  }

  assert {
    condition     = length(aws_lambda_permission.connect) == 0 && length(aws_connect_lambda_function_association.this) == 0
    error_message = "no Connect permission or association without an instance"
  }

  assert {
    condition     = length(aws_connect_contact_flow.vanity) == 0 && length(aws_connect_contact_flow.greeting) == 0 && length(aws_lambda_invocation.phone_flows) == 0
    error_message = "no flows and no phone number association without an instance"
  }
}

run "function_settings_and_least_privilege" {
  variables {
    repeat_window_seconds = 600
    result_ttl_days       = 7
  }

  assert {
    condition     = module.function.function_name == "t-vanity-numbers"
    error_message = "function name follows the prefix"
  }

  assert {
    condition = (
      local.function_policy_statements[0].actions == ["dynamodb:GetItem", "dynamodb:PutItem"]
      && local.function_policy_statements[0].resources == ["arn:aws:dynamodb:us-east-1:123456789012:table/mocked"]
      && length(local.function_policy_statements) == 1
    )
    error_message = "the function may only get and put items of its own table"
  }

  assert {
    condition     = output.table_name == "t-vanity-results" && output.function_name == "t-vanity-numbers"
    error_message = "outputs name the table and the function"
  }

  assert {
    condition     = output.vanity_flow_id == null && output.greeting_flow_id == null && output.phone_flows_function_name == null
    error_message = "flow outputs are null without an instance"
  }
}

run "with_instance_creates_flows_that_invoke_the_deployed_functions" {
  variables {
    connect_instance_arn         = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555"
    create_greeting_flow         = true
    greeting_lookup_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:t-customer-lookup"
  }

  assert {
    condition     = aws_lambda_permission.connect[0].principal == "connect.amazonaws.com" && aws_lambda_permission.connect[0].source_arn == var.connect_instance_arn && aws_lambda_permission.connect[0].source_account == "123456789012"
    error_message = "only the given instance may invoke the function"
  }

  assert {
    condition     = aws_connect_lambda_function_association.this[0].instance_id == "11111111-2222-3333-4444-555555555555" && aws_connect_lambda_function_association.this[0].function_arn == module.function.alias_arn
    error_message = "the deployed function is associated with the instance"
  }

  assert {
    condition     = jsondecode(aws_connect_contact_flow.vanity[0].content).Version == "2019-10-30" && aws_connect_contact_flow.vanity[0].type == "CONTACT_FLOW"
    error_message = "the vanity flow is a contact flow in the 2019-10-30 flow language"
  }

  assert {
    condition     = [for a in jsondecode(aws_connect_contact_flow.vanity[0].content).Actions : a.Parameters.LambdaFunctionARN if a.Type == "InvokeLambdaFunction"] == [module.function.alias_arn]
    error_message = "the vanity flow invokes the deployed vanity function, once"
  }

  assert {
    condition     = [for a in jsondecode(aws_connect_contact_flow.greeting[0].content).Actions : a.Parameters.LambdaFunctionARN if a.Type == "InvokeLambdaFunction"] == [var.greeting_lookup_function_arn]
    error_message = "the greeting flow invokes the customer lookup function"
  }

  assert {
    condition     = [for a in jsondecode(aws_connect_contact_flow.greeting[0].content).Actions : a.Parameters.ContactFlowId if a.Type == "TransferToFlow"] == [aws_connect_contact_flow.vanity[0].arn]
    error_message = "the greeting flow hands over to the vanity flow"
  }

  # Every StartAction and transition (next, conditions, errors) names an action of the same flow.
  assert {
    condition = alltrue([for content in [aws_connect_contact_flow.vanity[0].content, aws_connect_contact_flow.greeting[0].content] : alltrue(concat(
      [contains([for a in jsondecode(content).Actions : a.Identifier], jsondecode(content).StartAction)],
      flatten([for a in jsondecode(content).Actions : [
        for target in concat(
          try([a.Transitions.NextAction], []),
          [for c in try(a.Transitions.Conditions, []) : c.NextAction],
          [for e in try(a.Transitions.Errors, []) : e.NextAction],
        ) : contains([for b in jsondecode(content).Actions : b.Identifier], target)
      ]]),
    ))])
    error_message = "a flow transition points at an action that does not exist"
  }

  assert {
    condition     = alltrue([for content in [aws_connect_contact_flow.vanity[0].content, aws_connect_contact_flow.greeting[0].content] : length(distinct([for a in jsondecode(content).Actions : a.Identifier])) == length(jsondecode(content).Actions)])
    error_message = "action identifiers are unique within a flow"
  }

  assert {
    condition     = output.vanity_flow_id == "abababab-0000-0000-0000-000000000001" && output.greeting_flow_arn != null
    error_message = "flow outputs are set"
  }
}

run "vanity_flow_alone_says_goodbye_instead_of_handing_over" {
  command = plan

  variables {
    connect_instance_arn = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555"
  }

  assert {
    condition     = length(aws_connect_contact_flow.vanity) == 1 && length(aws_connect_contact_flow.greeting) == 0
    error_message = "without a lookup function only the vanity flow is created"
  }
}

run "phone_numbers_are_pointed_at_flows_by_the_provisioning_function" {
  variables {
    connect_instance_arn         = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555"
    create_greeting_flow         = true
    greeting_lookup_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:t-customer-lookup"
    phone_number_flows = {
      "aaaaaaaa-0000-0000-0000-000000000001" = "greeting"
    }
  }

  assert {
    condition     = aws_lambda_invocation.phone_flows[0].lifecycle_scope == "CRUD" && aws_lambda_invocation.phone_flows[0].function_name == "t-vanity-phone-flows"
    error_message = "the provisioning function runs on create, update and delete"
  }

  assert {
    condition = jsondecode(aws_lambda_invocation.phone_flows[0].input) == {
      instanceId   = "11111111-2222-3333-4444-555555555555"
      associations = { "aaaaaaaa-0000-0000-0000-000000000001" = aws_connect_contact_flow.greeting[0].contact_flow_id }
    }
    error_message = "the invocation maps each phone number ID to its flow ID"
  }

  assert {
    condition = toset(local.phone_number_arns) == toset([
      "arn:aws:connect:us-east-1:123456789012:phone-number/aaaaaaaa-0000-0000-0000-000000000001",
      "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555/phone-number/aaaaaaaa-0000-0000-0000-000000000001",
    ])
    error_message = "the provisioning function may touch only the listed phone numbers"
  }

  assert {
    condition = (
      local.phone_flows_policy_statements[0].actions == ["connect:AssociatePhoneNumberContactFlow", "connect:DisassociatePhoneNumberContactFlow"]
      && toset(local.phone_flows_policy_statements[0].resources) == toset(concat(local.phone_number_arns, [
        "${var.connect_instance_arn}/contact-flow/*",
      ]))
    )
    error_message = "the provisioning function may only (dis)associate the listed numbers, with any flow of the instance (the one a number had before)"
  }

  assert {
    condition = (
      local.phone_flows_policy_statements[1].actions == ["connect:DescribePhoneNumber", "connect:BatchGetFlowAssociation"]
      && toset(local.phone_flows_policy_statements[2].actions) == toset(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"])
      && local.phone_flows_policy_statements[2].resources == [aws_dynamodb_table.results.arn]
    )
    error_message = "the provisioning function reads each number's flow first and records it in the results table only"
  }

  assert {
    condition     = module.phone_flows_function[0].environment_variables.FLOW_RECORD_TABLE == aws_dynamodb_table.results.name
    error_message = "the provisioning function is told where the previous flows are recorded"
  }

}

run "phone_number_for_a_flow_not_created_is_refused" {
  command = plan

  variables {
    connect_instance_arn = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555"
    phone_number_flows   = { "aaaaaaaa-0000-0000-0000-000000000001" = "greeting" }
  }

  expect_failures = [aws_lambda_invocation.phone_flows]
}

run "greeting_flow_without_lookup_function_is_refused" {
  command = plan

  variables {
    connect_instance_arn = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555"
    create_greeting_flow = true
  }

  expect_failures = [aws_connect_contact_flow.greeting]
}

run "rejects_bad_name_prefix" {
  command = plan
  variables { name_prefix = "has space" }
  expect_failures = [var.name_prefix]
}

run "rejects_bad_instance_arn" {
  command = plan
  variables { connect_instance_arn = "arn:aws:connect:us-east-1:123456789012:queue/x" }
  expect_failures = [var.connect_instance_arn]
}

run "rejects_negative_repeat_window" {
  command = plan
  variables { repeat_window_seconds = -1 }
  expect_failures = [var.repeat_window_seconds]
}

run "rejects_zero_ttl" {
  command = plan
  variables { result_ttl_days = 0 }
  expect_failures = [var.result_ttl_days]
}

run "rejects_dialled_number_source" {
  command = plan
  variables { number_source = "dialled" }
  expect_failures = [var.number_source]
}

run "rejects_bad_number_parameter" {
  command = plan
  variables { number_parameter = "$.Attributes.x" }
  expect_failures = [var.number_parameter]
}

run "rejects_plus_in_country_code" {
  command = plan
  variables { default_country_code = "+44" }
  expect_failures = [var.default_country_code]
}

run "rejects_version_qualified_lookup_arn" {
  command = plan
  variables { greeting_lookup_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:x:$LATEST" }
  expect_failures = [var.greeting_lookup_function_arn]
}

run "rejects_bad_name_attribute" {
  command = plan
  variables { greeting_name_attribute = "First Name" }
  expect_failures = [var.greeting_name_attribute]
}

run "flows_turn_flow_logging_on_by_default_and_pass_the_prompts_to_the_function" {
  command = plan

  variables {
    connect_instance_arn = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555"
    prompts              = { introduction = "Su numero se deletrea:", menu = "Pulse 1, 2 o 3." }
  }

  assert {
    condition     = jsondecode(aws_connect_contact_flow.vanity[0].content).StartAction == "enable-logging" && [for a in jsondecode(aws_connect_contact_flow.vanity[0].content).Actions : a.Parameters.FlowLoggingBehavior if a.Type == "UpdateFlowLoggingBehavior"] == ["Enabled"]
    error_message = "the vanity flow starts by turning flow logging on"
  }

  assert {
    condition     = one([for a in jsondecode(aws_connect_contact_flow.vanity[0].content).Actions : a.Parameters.LambdaInvocationAttributes.introduction if a.Type == "InvokeLambdaFunction"]) == "Su numero se deletrea:"
    error_message = "the introduction the function speaks comes from var.prompts"
  }

  assert {
    condition     = one([for a in jsondecode(aws_connect_contact_flow.vanity[0].content).Actions : a.Parameters.Text if a.Type == "GetParticipantInput"]) == "Pulse 1, 2 o 3."
    error_message = "the menu sentence comes from var.prompts"
  }
}

run "flow_logging_can_be_turned_off" {
  command = plan

  variables {
    connect_instance_arn = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555"
    flow_logging         = false
  }

  assert {
    condition     = jsondecode(aws_connect_contact_flow.vanity[0].content).StartAction == "invoke-vanity" && length([for a in jsondecode(aws_connect_contact_flow.vanity[0].content).Actions : a if a.Type == "UpdateFlowLoggingBehavior"]) == 0
    error_message = "without flow logging the flow starts at the invocation"
  }
}

run "rejects_prompt_with_markup" {
  command = plan
  variables { prompts = { introduction = "Your <b>number</b>" } }
  expect_failures = [var.prompts]
}

run "rejects_prompt_with_a_path" {
  command = plan
  variables { prompts = { goodbye = "Bye $.External.x" } }
  expect_failures = [var.prompts]
}

run "rejects_unknown_flow_name" {
  command = plan
  variables { phone_number_flows = { "aaaaaaaa-0000-0000-0000-000000000001" = "queue" } }
  expect_failures = [var.phone_number_flows]
}

run "rejects_phone_number_instead_of_id" {
  command = plan
  variables { phone_number_flows = { "+14155550100" = "vanity" } }
  expect_failures = [var.phone_number_flows]
}

run "rejects_bad_billing_mode" {
  command = plan
  variables { billing_mode = "ON_DEMAND" }
  expect_failures = [var.billing_mode]
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
    alarm_topic_arn              = "arn:aws:sns:us-east-1:123456789012:on-call"
    connect_instance_arn         = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555"
    create_greeting_flow         = true
    greeting_lookup_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:t-customer-lookup"
    phone_number_flows           = { "aaaaaaaa-0000-0000-0000-000000000001" = "greeting" }
  }

  assert {
    condition = alltrue([for kind in ["function_errors", "function_throttles", "function_duration"] :
    keys(module.monitoring.alarm_names[kind]) == ["phone_flows", "vanity"]])
    error_message = "Every function has errors, throttles and p99 duration alarms."
  }
  assert {
    condition     = keys(module.monitoring.alarm_names.iterator_age) == [] && keys(module.monitoring.alarm_names.flow_error_share) == ["vanity"]
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
    condition     = alltrue([for name in [module.function.function_name, module.phone_flows_function[0].function_name] : strcontains(module.monitoring.dashboard_body, "\"${name}\"")])
    error_message = "The dashboard's widgets reference the capability's real functions, queues and rules."
  }
}

run "monitoring_creates_no_alarm_without_a_topic" {
  command = plan

  variables {
    connect_instance_arn         = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555"
    create_greeting_flow         = true
    greeting_lookup_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:t-customer-lookup"
    phone_number_flows           = { "aaaaaaaa-0000-0000-0000-000000000001" = "greeting" }
  }

  assert {
    condition     = module.monitoring.alarm_count == 0
    error_message = "Without an alarm topic no alarm is created."
  }
  assert {
    condition     = module.monitoring.dashboard_name == "t-vanity-numbers"
    error_message = "The capability's dashboard is there regardless."
  }
}
