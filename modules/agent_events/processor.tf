locals {
  processor_policy_statements = concat(
    [
      {
        sid       = "ReadAgentEventStream"
        actions   = ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"]
        resources = [local.stream_arn]
      },
      {
        sid       = "StoreAgents"
        actions   = ["dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:UpdateItem"]
        resources = [aws_dynamodb_table.agents.arn]
      },
      {
        # The processor quarantines poison records itself; the mapping's on-failure destination sends
        # records that failed every retry with the same role.
        sid       = "QuarantineRecords"
        actions   = ["sqs:SendMessage"]
        resources = [aws_sqs_queue.quarantine.arn]
      },
    ],
    local.contact_status_arn == null ? [] : [
      {
        sid       = "JoinAgentToContact"
        actions   = ["dynamodb:UpdateItem"]
        resources = [local.contact_status_arn]
      },
    ],
    var.kms_key_arn == null ? [] : [
      {
        sid       = "UseTheKey"
        actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
        resources = [var.kms_key_arn]
      },
    ],
  )
}

resource "aws_sqs_queue" "quarantine" {
  name                      = local.queue_name
  message_retention_seconds = var.quarantine_retention_seconds
  kms_master_key_id         = var.kms_key_arn
  sqs_managed_sse_enabled   = var.kms_key_arn == null ? true : null
  tags                      = var.tags
}

module "processor" {
  source = "../lambda_function"

  function_name           = local.function_name
  description             = "Keeps Amazon Connect agents' current state and history from the agent event stream"
  capability              = "agent_events"
  handler                 = "connect_data.agent_events.handler.handler"
  settings                = var.lambda
  metrics_namespace       = var.monitoring.metrics_namespace
  timeout                 = var.processor_timeout
  kms_key_arn             = var.kms_key_arn
  create_dependency_layer = false
  dependency_layer_arn    = local.layer_arn

  environment_variables = {
    AGENTS_TABLE         = aws_dynamodb_table.agents.name
    HISTORY_TTL_SECONDS  = tostring(local.history_ttl_seconds)
    QUARANTINE_QUEUE_URL = aws_sqs_queue.quarantine.id
    CONTACT_STATUS_TABLE = var.contact_status_table_name == null ? "" : var.contact_status_table_name
  }

  policy_statements = local.processor_policy_statements

  tags = var.tags
}

resource "aws_lambda_event_source_mapping" "agent_events" {
  event_source_arn                   = local.stream_arn
  function_name                      = module.processor.function_arn
  starting_position                  = var.starting_position
  batch_size                         = var.batch_size
  maximum_batching_window_in_seconds = var.maximum_batching_window_in_seconds
  parallelization_factor             = var.parallelization_factor
  maximum_retry_attempts             = var.maximum_retry_attempts
  maximum_record_age_in_seconds      = var.maximum_record_age_in_seconds
  bisect_batch_on_function_error     = true
  function_response_types            = ["ReportBatchItemFailures"]
  enabled                            = var.consumer_enabled

  destination_config {
    on_failure {
      destination_arn = aws_sqs_queue.quarantine.arn
    }
  }
}
