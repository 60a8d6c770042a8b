locals {
  kms_statements = var.kms_key_arn == null ? [] : [
    {
      sid       = "UseTheKey"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [var.kms_key_arn]
    },
  ]

  stream_policy_statements = concat([
    {
      sid       = "ConsumeCaseEvents"
      actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"]
      resources = [aws_sqs_queue.events.arn]
    },
    {
      sid       = "StoreCaseEvents"
      actions   = ["dynamodb:BatchWriteItem", "dynamodb:UpdateItem"]
      resources = [aws_dynamodb_table.cases.arn]
    },
    {
      sid       = "NotifyCaseEvents"
      actions   = ["sns:Publish"]
      resources = [aws_sns_topic.notifications.arn]
    },
  ], local.kms_statements)

  flow_policy_statements = concat(
    local.domain_arn == null ? [] : [
      {
        sid       = "ReadCases"
        actions   = ["cases:GetCase"]
        resources = [local.domain_arn, "${local.domain_arn}/case/*", "${local.domain_arn}/field/*"]
      },
    ],
    [
      {
        sid       = "PublishContacts"
        actions   = ["sns:Publish"]
        resources = [aws_sns_topic.notifications.arn]
      },
    ],
    local.kms_statements,
  )
}

# --- the case event consumer ----------------------------------------------------------------------

module "stream_function" {
  source = "../lambda_function"

  function_name           = local.stream_function_name
  description             = "Stores Amazon Connect Cases events and case state in DynamoDB and notifies SNS"
  capability              = "cases"
  handler                 = "connect_data.cases.stream_handler.handler"
  settings                = var.lambda
  metrics_namespace       = var.monitoring.metrics_namespace
  timeout                 = var.stream_timeout
  kms_key_arn             = var.kms_key_arn
  create_dependency_layer = false
  dependency_layer_arn    = local.layer_arn

  environment_variables = {
    CASES_TABLE        = aws_dynamodb_table.cases.name
    TOPIC_ARN          = aws_sns_topic.notifications.arn
    NOTIFY_EVENT_TYPES = join(",", var.notify_event_types)
    EVENT_TTL_DAYS     = tostring(var.event_ttl_days)
  }

  policy_statements = local.stream_policy_statements

  tags = var.tags
}

resource "aws_lambda_event_source_mapping" "events" {
  event_source_arn        = aws_sqs_queue.events.arn
  function_name           = module.stream_function.alias_arn
  batch_size              = var.batch_size
  function_response_types = ["ReportBatchItemFailures"]
  enabled                 = var.consumer_enabled
  # More than 10 messages per batch needs a batching window of at least a second.
  maximum_batching_window_in_seconds = var.batch_size > 10 ? 1 : 0
}

# --- the TASK/CHAT flow function ------------------------------------------------------------------

module "flow_function" {
  source = "../lambda_function"
  count  = var.enable_flow_function ? 1 : 0

  function_name           = local.flow_function_name
  description             = "Answers an Amazon Connect flow with a task's case or a chat's attributes, and publishes them"
  capability              = "cases"
  handler                 = "connect_data.cases.flow_handler.handler"
  settings                = var.lambda
  metrics_namespace       = var.monitoring.metrics_namespace
  kms_key_arn             = var.kms_key_arn
  create_dependency_layer = false
  dependency_layer_arn    = local.layer_arn

  environment_variables = {
    CASES_DOMAIN_ID  = var.cases_domain_id == null ? "" : var.cases_domain_id
    CUSTOM_FIELD_IDS = join(",", var.custom_field_ids)
    TOPIC_ARN        = aws_sns_topic.notifications.arn
    # A chat's notification carries only these contact attributes (none by default).
    NOTIFY_CONTACT_ATTRIBUTES = join(",", var.notify_contact_attributes)
  }

  policy_statements = local.flow_policy_statements

  tags = var.tags
}

resource "aws_lambda_permission" "connect" {
  count = var.enable_flow_function && var.connect_instance_arn != null ? 1 : 0

  statement_id   = "AllowConnectInstance"
  action         = "lambda:InvokeFunction"
  function_name  = module.flow_function[0].function_name
  qualifier      = module.flow_function[0].alias_name
  principal      = "connect.amazonaws.com"
  source_arn     = var.connect_instance_arn
  source_account = split(":", var.connect_instance_arn)[4]
}

resource "aws_connect_lambda_function_association" "flow" {
  count = var.enable_flow_function && var.connect_instance_arn != null ? 1 : 0

  instance_id  = local.instance_id
  function_arn = module.flow_function[0].alias_arn
}
