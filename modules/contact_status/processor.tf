module "processor" {
  source = "../lambda_function"

  function_name                 = "${var.name_prefix}-contact-status-processor"
  description                   = "Keeps one current status item per Amazon Connect contact from contact events and flow logs"
  capability                    = "contact_status"
  handler                       = "connect_data.contact_status.processor.handler"
  settings                      = var.lambda
  metrics_namespace             = var.monitoring.metrics_namespace
  timeout                       = local.batch_timeout
  kms_key_arn                   = var.kms_key_arn
  create_dependency_layer       = false
  dependency_layer_arn          = local.layer_arn
  enable_on_failure_destination = true
  on_failure_destination_arn    = local.dead_letter_arn

  # HISTORY_TABLE for the processor alone: the flow functions never read or write history pages.
  environment_variables = merge(local.common_environment, {
    HISTORY_TABLE        = aws_dynamodb_table.history.name
    QUARANTINE_QUEUE_URL = aws_sqs_queue.dead_letter.url
  })

  policy_statements = local.processor_statements

  tags = var.tags
}

resource "aws_cloudwatch_event_rule" "contact_events" {
  name        = "${var.name_prefix}-contact-status-events"
  description = "Amazon Connect contact events for the contact status processor"
  event_pattern = jsonencode(merge(
    {
      source        = ["aws.connect"]
      "detail-type" = ["Amazon Connect Contact Event"]
    },
    var.connect_instance_arn == null ? {} : { detail = { instanceArn = [var.connect_instance_arn] } },
  ))
  tags = var.tags
}

# The direct target (batch_contact_events off): one asynchronous invocation per event.
resource "aws_cloudwatch_event_target" "processor" {
  count = var.batch_contact_events ? 0 : 1

  rule      = aws_cloudwatch_event_rule.contact_events.name
  target_id = "contact-status-processor"
  arn       = module.processor.alias_arn

  retry_policy {
    maximum_retry_attempts       = var.event_retry_attempts
    maximum_event_age_in_seconds = var.event_max_age_seconds
  }

  dead_letter_config {
    arn = aws_sqs_queue.dead_letter.arn
  }
}

resource "aws_lambda_permission" "events" {
  count = var.batch_contact_events ? 0 : 1

  statement_id  = "AllowContactEvents"
  action        = "lambda:InvokeFunction"
  function_name = module.processor.function_name
  qualifier     = module.processor.alias_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.contact_events.arn
}

locals {
  # UpdateItem only: the processor never reads an item (a failed condition returns it).
  processor_statements = concat([
    {
      sid       = "UpdateStatusItems"
      actions   = ["dynamodb:UpdateItem"]
      resources = [aws_dynamodb_table.status.arn]
    },
    {
      # One page per contact per delivery, put in batches; the processor never reads or deletes a page.
      sid       = "PutHistoryPages"
      actions   = ["dynamodb:BatchWriteItem"]
      resources = [aws_dynamodb_table.history.arn]
    },
    {
      # Poison records, each as its own message with its reason, on the dead-letter queue (quarantine).
      sid       = "QuarantinePoisonRecords"
      actions   = ["sqs:SendMessage"]
      resources = [aws_sqs_queue.dead_letter.arn]
    },
    ], var.batch_contact_events ? [
    {
      sid       = "ConsumeContactEvents"
      actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"]
      resources = [aws_sqs_queue.contact_events[0].arn]
    },
  ] : [])

  flow_log_group_arn = var.flow_log_group_name == null ? null : "arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.id}:${data.aws_caller_identity.current.account_id}:log-group:${var.flow_log_group_name}:*"
}

resource "aws_lambda_permission" "flow_logs" {
  count = var.flow_log_group_name == null ? 0 : 1

  statement_id   = "AllowFlowLogSubscription"
  action         = "lambda:InvokeFunction"
  function_name  = module.processor.function_name
  qualifier      = module.processor.alias_name
  principal      = "logs.amazonaws.com"
  source_arn     = local.flow_log_group_arn
  source_account = data.aws_caller_identity.current.account_id
}

resource "aws_cloudwatch_log_subscription_filter" "flow_logs" {
  count = var.flow_log_group_name == null ? 0 : 1

  name            = "${var.name_prefix}-contact-status"
  log_group_name  = var.flow_log_group_name
  filter_pattern  = var.flow_log_filter_pattern
  destination_arn = module.processor.alias_arn

  depends_on = [aws_lambda_permission.flow_logs]
}
