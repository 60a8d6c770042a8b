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
  mock_data "aws_partition" {
    defaults = {
      partition = "aws"
    }
  }
  mock_resource "aws_sqs_queue" {
    defaults = {
      arn = "arn:aws:sqs:us-east-1:123456789012:unit-analytics-writer-dlq"
    }
  }
  mock_resource "aws_lambda_function" {
    defaults = {
      arn = "arn:aws:lambda:us-east-1:123456789012:function:unit-analytics-writer"
    }
  }
}

variables {
  name_prefix          = "unit"
  dependency_layer_arn = "arn:aws:lambda:us-east-1:123456789012:layer:deps:1"
  sources = {
    contact_status = {
      table_name = "unit-contact-status"
      stream_arn = "arn:aws:dynamodb:us-east-1:123456789012:table/unit-contact-status/stream/2026-01-01T00:00:00.000"
    }
    vanity = {
      table_name = "unit-vanity-results"
      stream_arn = "arn:aws:dynamodb:us-east-1:123456789012:table/unit-vanity-results/stream/2026-01-01T00:00:00.000"
    }
  }
}

run "bucket_is_private_encrypted_tls_only_and_ages_out" {
  command = plan

  assert {
    condition     = aws_s3_bucket.lake[0].bucket == "unit-analytics-123456789012"
    error_message = "The lake bucket is named from the prefix and the account."
  }
  assert {
    condition = alltrue([
      aws_s3_bucket_public_access_block.lake[0].block_public_acls,
      aws_s3_bucket_public_access_block.lake[0].block_public_policy,
      aws_s3_bucket_public_access_block.lake[0].ignore_public_acls,
      aws_s3_bucket_public_access_block.lake[0].restrict_public_buckets,
    ])
    error_message = "Every public access block is on."
  }
  assert {
    condition     = one(one(aws_s3_bucket_server_side_encryption_configuration.lake[0].rule).apply_server_side_encryption_by_default).sse_algorithm == "AES256"
    error_message = "Without a KMS key the lake is encrypted with S3 managed keys."
  }
  assert {
    condition = jsondecode(aws_s3_bucket_policy.lake[0].policy).Statement[0] == {
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::unit-analytics-123456789012", "arn:aws:s3:::unit-analytics-123456789012/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }
    error_message = "The bucket policy denies every request not made over TLS."
  }
  assert {
    condition = (
      one(aws_s3_bucket_lifecycle_configuration.lake[0].rule[0].transition).storage_class == "STANDARD_IA" &&
      one(aws_s3_bucket_lifecycle_configuration.lake[0].rule[0].transition).days == 30 &&
      aws_s3_bucket_lifecycle_configuration.lake[0].rule[0].expiration[0].days == 730 &&
      aws_s3_bucket_lifecycle_configuration.lake[0].rule[0].filter[0].prefix == "lake/"
    )
    error_message = "Lake objects move to Standard-IA after 30 days and expire after 730."
  }
}

run "expiry_zero_keeps_the_lake_and_a_passed_bucket_is_used_as_it_is" {
  command = plan

  variables {
    expiration_days = 0
    bucket_name     = "their-bucket"
  }

  assert {
    condition     = length(aws_s3_bucket.lake) == 0 && length(aws_s3_bucket_lifecycle_configuration.lake) == 0
    error_message = "A passed bucket is neither created nor reconfigured."
  }
  assert {
    condition     = module.writer.environment_variables.LAKE_BUCKET == "their-bucket"
    error_message = "The writer writes to the passed bucket."
  }
}

run "every_dataset_is_a_json_table_with_date_partition_projection" {
  command = plan

  assert {
    condition     = toset(keys(aws_glue_catalog_table.datasets)) == toset(["view_answers", "contacts", "contact_history", "case_events", "case_state", "vanity_results"])
    error_message = "One Glue table per dataset."
  }
  assert {
    condition = alltrue([for name, table in aws_glue_catalog_table.datasets : (
      table.parameters["projection.enabled"] == "true" &&
      table.parameters["projection.dt.type"] == "date" &&
      table.parameters["projection.dt.format"] == "yyyy-MM-dd" &&
      table.parameters["projection.dt.range"] == "2024-01-01,NOW" &&
      table.parameters["storage.location.template"] == "s3://unit-analytics-123456789012/lake/${name}/dt=$${dt}/" &&
      table.partition_keys[0].name == "dt" &&
      table.storage_descriptor[0].ser_de_info[0].serialization_library == "org.openx.data.jsonserde.JsonSerDe"
    )])
    error_message = "Each table projects its dt=YYYY-MM-DD partitions under its own prefix and reads JSON."
  }
  assert {
    condition = (
      [for c in aws_glue_catalog_table.datasets["contacts"].storage_descriptor[0].columns : c.type if c.name == "transferred"] == ["boolean"] &&
      [for c in aws_glue_catalog_table.datasets["vanity_results"].storage_descriptor[0].columns : c.type if c.name == "vanity_count"] == ["bigint"] &&
      length([for c in aws_glue_catalog_table.datasets["view_answers"].storage_descriptor[0].columns : c if c.name == "change_sequence"]) == 1
    )
    error_message = "Columns and types come from datasets.json, with the change columns on every table."
  }
}

run "workgroup_enforces_an_encrypted_result_location_and_a_scan_limit" {
  command = plan

  variables {
    bytes_scanned_cutoff_per_query = 1073741824
  }

  assert {
    condition = (
      aws_athena_workgroup.lake.configuration[0].enforce_workgroup_configuration &&
      aws_athena_workgroup.lake.configuration[0].bytes_scanned_cutoff_per_query == 1073741824 &&
      aws_athena_workgroup.lake.configuration[0].result_configuration[0].output_location == "s3://unit-analytics-123456789012/athena-results/" &&
      aws_athena_workgroup.lake.configuration[0].result_configuration[0].encryption_configuration[0].encryption_option == "SSE_S3"
    )
    error_message = "The workgroup enforces its 1 GB scan limit and SSE-S3 results under athena-results/."
  }
  assert {
    condition     = toset(keys(aws_athena_named_query.reports)) == toset(["answers_per_question_per_day", "contacts_per_queue_per_hour", "transfers_and_abandons", "cases_per_day", "vanity_per_area_code"])
    error_message = "One named query per SQL file."
  }
  assert {
    condition     = aws_athena_named_query.reports["vanity_per_area_code"].database == "unit_lake" && startswith(aws_athena_named_query.reports["vanity_per_area_code"].description, "Vanity results per area code")
    error_message = "Named queries run in the lake's database, described by their SQL's first comment."
  }
}

run "rejects_a_scan_limit_under_athenas_minimum" {
  command = plan
  variables { bytes_scanned_cutoff_per_query = 1000 }
  expect_failures = [var.bytes_scanned_cutoff_per_query]
}

run "a_contact_history_source_is_read_like_the_others" {
  command = plan

  variables {
    sources = {
      contact_status = {
        table_name = "unit-contact-status"
        stream_arn = "arn:aws:dynamodb:us-east-1:123456789012:table/unit-contact-status/stream/2026-01-01T00:00:00.000"
      }
      contact_history = {
        table_name = "unit-contact-history"
        stream_arn = "arn:aws:dynamodb:us-east-1:123456789012:table/unit-contact-history/stream/2026-01-01T00:00:00.000"
      }
    }
  }

  assert {
    condition     = aws_lambda_event_source_mapping.streams["contact_history"].event_source_arn == "arn:aws:dynamodb:us-east-1:123456789012:table/unit-contact-history/stream/2026-01-01T00:00:00.000"
    error_message = "The history table's stream has its own mapping to the writer."
  }
  assert {
    condition     = contains(one([for s in local.writer_statements : s.resources if s.sid == "ReadTableStreams"]), "arn:aws:dynamodb:us-east-1:123456789012:table/unit-contact-history/stream/2026-01-01T00:00:00.000")
    error_message = "The writer may read the history table's stream."
  }
  assert {
    condition     = jsondecode(module.writer.environment_variables.LAKE_SOURCES) == { "unit-contact-status" = "contact_status", "unit-contact-history" = "contact_history" }
    error_message = "The writer knows the history table's kind by name."
  }
}

run "rejects_an_unknown_source_kind_and_phone_policy" {
  command = plan
  variables {
    sources       = { crm = { table_name = "t", stream_arn = "arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/x" } }
    phone_numbers = "hash"
  }
  expect_failures = [var.sources, var.phone_numbers]
}

run "one_mapping_per_stream_with_partial_failures_bisect_dlq_and_no_deletes" {
  command = plan

  assert {
    condition = alltrue([for kind, m in aws_lambda_event_source_mapping.streams : (
      m.function_response_types == toset(["ReportBatchItemFailures"]) &&
      m.bisect_batch_on_function_error &&
      m.destination_config[0].on_failure[0].destination_arn == "arn:aws:sqs:us-east-1:123456789012:unit-analytics-writer-dlq" &&
      jsondecode(one(m.filter_criteria[0].filter).pattern) == { eventName = ["INSERT", "MODIFY"] }
    )]) && length(aws_lambda_event_source_mapping.streams) == 2
    error_message = "Each stream feeds the writer with partial batch failures, bisection, a DLQ and no REMOVE records."
  }
  assert {
    condition     = jsondecode(module.writer.environment_variables.LAKE_SOURCES) == { "unit-contact-status" = "contact_status", "unit-vanity-results" = "vanity" }
    error_message = "The writer knows each table's kind by name."
  }
}

run "read_streams_false_leaves_the_streams_unmapped" {
  command = plan
  variables { read_streams = false }

  assert {
    condition     = length(aws_lambda_event_source_mapping.streams) == 0
    error_message = "No event source mapping without read_streams."
  }
}

run "a_local_stack_can_drop_the_tls_policy_and_the_named_queries" {
  command = plan
  variables {
    require_tls          = false
    create_named_queries = false
  }

  assert {
    condition     = length(aws_s3_bucket_policy.lake) == 0 && length(aws_athena_named_query.reports) == 0
    error_message = "require_tls = false leaves the policy out, create_named_queries = false the queries."
  }
}

# --- alarms and dashboard (modules/monitoring) -----------------------------------------------------

run "monitoring_gives_every_part_its_alarms_with_a_topic" {
  command = plan

  variables {
    alarm_topic_arn = "arn:aws:sns:us-east-1:123456789012:on-call"
  }

  assert {
    condition = alltrue([for kind in ["function_errors", "function_throttles", "function_duration"] :
    keys(module.monitoring.alarm_names[kind]) == ["writer"]])
    error_message = "Every function has errors, throttles and p99 duration alarms."
  }
  assert {
    condition     = keys(module.monitoring.alarm_names.iterator_age) == ["writer"] && keys(module.monitoring.alarm_names.flow_error_share) == []
    error_message = "Every stream reader has an iterator-age alarm and every flow-invoked function an error-share alarm."
  }
  assert {
    condition     = keys(module.monitoring.alarm_names.dlq_visible) == ["dead_letter"] && keys(module.monitoring.alarm_names.dlq_age) == ["dead_letter"]
    error_message = "Every dead-letter queue has visible-message and age alarms."
  }
  assert {
    condition     = keys(module.monitoring.alarm_names.rule_failed_invocations) == [] && keys(module.monitoring.alarm_names.rule_dead_letter_invocations) == []
    error_message = "Every EventBridge rule has failed-invocation and sent-to-DLQ alarms."
  }
  assert {
    condition     = alltrue([for name in [module.writer.function_name, aws_sqs_queue.dead_letter.name] : strcontains(module.monitoring.dashboard_body, "\"${name}\"")])
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
    condition     = module.monitoring.dashboard_name == "unit-analytics"
    error_message = "The capability's dashboard is there regardless."
  }
}
