# terraform test for the root module (run from the repository root; pytest ignores this file).
mock_provider "aws" {
  override_during = plan

  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
  mock_data "aws_region" {
    defaults = {
      id = "us-east-1"
    }
  }
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }
  mock_data "aws_partition" {
    defaults = {
      partition = "aws"
    }
  }
}

run "every_capability_that_needs_no_instance_is_on_by_default_with_one_shared_layer" {
  command = plan

  assert {
    condition     = length(module.dependency_layer) == 1
    error_message = "One dependency layer is built for the whole collection."
  }
  assert {
    condition     = length(module.customer_lookup) == 1 && length(module.contact_status) == 1 && length(module.cases) == 1 && length(module.vanity_numbers) == 1 && length(module.view_data) == 1
    error_message = "Every capability is deployed by default."
  }
}

run "toggles_turn_capabilities_off" {
  command = plan

  variables {
    enable_customer_lookup = false
    enable_contact_status  = false
    enable_cases           = false
    enable_vanity_numbers  = false
    enable_view_data       = false
  }

  assert {
    condition     = length(module.customer_lookup) + length(module.contact_status) + length(module.cases) + length(module.vanity_numbers) + length(module.view_data) == 0
    error_message = "enable_* = false removes the capability."
  }
  assert {
    condition     = output.customer_lookup == null && output.cases == null && output.vanity_numbers == null
    error_message = "A disabled capability's output is null."
  }
}

run "a_passed_layer_replaces_the_built_one" {
  command = plan

  variables {
    dependency_layer_arn = "arn:aws:lambda:us-east-1:017000801446:layer:AWSLambdaPowertoolsPythonV3-python313-arm64:7"
  }

  assert {
    condition     = length(module.dependency_layer) == 0 && output.dependency_layer_arn == "arn:aws:lambda:us-east-1:017000801446:layer:AWSLambdaPowertoolsPythonV3-python313-arm64:7"
    error_message = "With a layer ARN nothing is built and every function uses the ARN."
  }
}

run "rejects_a_bad_prefix" {
  command = plan
  variables { name_prefix = "has space" }
  expect_failures = [var.name_prefix]
}

# The longest prefix: 27 characters, so <prefix>-contact-status-archive-<account> is 63 (S3's limit).
run "accepts_the_longest_name_prefix" {
  command = plan
  variables { name_prefix = "Abcdefghijklmnopqrstuvwxy27" }
}

run "rejects_a_name_prefix_one_too_long" {
  command = plan
  variables { name_prefix = "abcdefghijklmnopqrstuvwxyz28" }
  expect_failures = [var.name_prefix]
}

run "rejects_underscores_in_the_name_prefix" {
  command = plan
  variables { name_prefix = "connect_data" }
  expect_failures = [var.name_prefix]
}

run "rejects_a_name_prefix_starting_with_a_hyphen" {
  command = plan
  variables { name_prefix = "-data" }
  expect_failures = [var.name_prefix]
}

run "agent_events_when_on_join_the_contact_status_table" {
  command = plan

  variables {
    enable_agent_events = true
  }

  assert {
    condition     = length(module.agent_events) == 1 && output.agent_events.table_name == "connect-data-agents"
    error_message = "enable_agent_events deploys the agent event streams."
  }
  assert {
    condition     = module.agent_events[0].policy_statements[3].sid == "JoinAgentToContact"
    error_message = "With contact status on, the processor may write the agent onto contact-status items."
  }
}

run "analytics_reads_the_contact_history_stream_too" {
  command = plan

  variables {
    enable_analytics = true
  }

  assert {
    condition     = local.analytics_sources.contact_history.table_name == "connect-data-contact-history" && local.analytics_sources.contact_history.table_name == output.contact_status.history_table_name
    error_message = "With contact status on, the lake is given the history table as source kind contact_history."
  }
  assert {
    condition     = contains(keys(module.analytics[0].event_source_mapping_ids), "contact_history") && contains(keys(module.analytics[0].event_source_mapping_ids), "contact_status")
    error_message = "The lake reads both contact status streams."
  }
}

run "no_contact_history_source_without_contact_status" {
  command = plan

  variables {
    enable_analytics      = true
    enable_contact_status = false
  }

  assert {
    condition     = !contains(keys(local.analytics_sources), "contact_history") && !contains(keys(local.analytics_sources), "contact_status")
    error_message = "Without contact status the lake has neither contact source."
  }
}

# The flow JSON holds the function's alias ARN, unknown in a plan here; the module's own test checks
# what flow_logging does to it, this one that the root passes the setting through.
run "the_root_can_turn_vanity_flow_logging_off" {
  command = plan

  variables {
    connect_instance_arn   = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555"
    enable_customer_lookup = false
    enable_contact_status  = false
    enable_cases           = false
    enable_view_data       = false
    vanity_numbers         = { flow_logging = false }
  }

  assert {
    condition     = module.vanity_numbers[0].flow_logging == false
    error_message = "vanity_numbers.flow_logging = false reaches the module."
  }
}

run "vanity_flows_log_by_default_from_the_root" {
  command = plan

  assert {
    condition     = module.vanity_numbers[0].flow_logging == true
    error_message = "The root leaves flow logging on, as the module does."
  }
}

# --- alarms and dashboards (monitoring.tf, modules/monitoring) ---------------------------------------

run "an_alarm_topic_gives_every_capability_its_alarms_and_a_dashboard" {
  command = plan

  variables {
    alarm_topic_arn     = "arn:aws:sns:us-east-1:123456789012:on-call"
    enable_agent_events = true
    enable_analytics    = true
  }

  assert {
    condition = alltrue([for m in [module.agent_events[0], module.analytics[0], module.cases[0], module.contact_status[0], module.customer_lookup[0], module.vanity_numbers[0], module.view_data[0]] :
    length(m.monitoring.alarm_names.function_errors) > 0 && length(m.monitoring.alarm_names.function_duration) == length(m.monitoring.alarm_names.function_errors)])
    error_message = "Every capability has its function alarms with a topic."
  }
  assert {
    condition     = length(module.contact_status[0].monitoring.alarm_names.rule_failed_invocations) == 1 && length(module.cases[0].monitoring.alarm_names.dlq_visible) == 1 && length(module.agent_events[0].monitoring.alarm_names.iterator_age) == 1
    error_message = "Rules, dead-letter queues and stream readers of the capabilities have their alarms."
  }
  assert {
    condition     = alltrue([for name in values(output.dashboards) : name != null]) && output.dashboards.cases == "connect-data-cases"
    error_message = "Every capability that is on has its dashboard."
  }
  assert {
    condition     = length(aws_sns_topic.alarms) == 0 && output.alarm_topic_arn == "arn:aws:sns:us-east-1:123456789012:on-call"
    error_message = "A passed topic is used, none is created."
  }
}

run "no_topic_no_alarms" {
  command = plan

  variables {
    enable_agent_events = true
    enable_analytics    = true
  }

  assert {
    condition = alltrue([for m in [module.agent_events[0], module.analytics[0], module.cases[0], module.contact_status[0], module.customer_lookup[0], module.vanity_numbers[0], module.view_data[0]] :
    alltrue([for kind, alarms in m.monitoring.alarm_names : length(alarms) == 0])])
    error_message = "Without an alarm topic no capability creates an alarm."
  }
  assert {
    condition     = length(aws_sns_topic.alarms) == 0 && output.alarm_topic_arn == null
    error_message = "No topic is created unless asked."
  }
}

run "a_created_alarm_topic_is_encrypted_and_lets_cloudwatch_publish" {
  command = plan

  variables {
    create_alarm_topic = true
    alarm_emails       = ["oncall@example.com"]
  }

  override_resource {
    target          = aws_sns_topic.alarms
    override_during = plan
    values          = { arn = "arn:aws:sns:us-east-1:123456789012:connect-data-alarms" }
  }
  override_resource {
    target          = aws_kms_key.alarms
    override_during = plan
    values          = { arn = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555" }
  }

  assert {
    condition     = aws_sns_topic.alarms[0].name == "connect-data-alarms" && aws_kms_key.alarms[0].enable_key_rotation && aws_sns_topic.alarms[0].kms_master_key_id == aws_kms_key.alarms[0].arn
    error_message = "The created topic is encrypted with its own rotating key."
  }
  assert {
    condition     = aws_sns_topic_subscription.alarm_emails["oncall@example.com"].protocol == "email" && length(aws_sns_topic_policy.alarms) == 1
    error_message = "The e-mail addresses are subscribed and the topic has its publishing policy."
  }
  assert {
    condition     = length(module.cases[0].monitoring.alarm_names.function_errors) > 0
    error_message = "A created topic turns the alarms on although its ARN is known only after apply."
  }
}

run "rejects_an_alarm_email_that_is_not_one" {
  command = plan
  variables { alarm_emails = ["oncall"] }
  expect_failures = [var.alarm_emails]
}
