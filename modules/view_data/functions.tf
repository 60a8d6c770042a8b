locals {
  normalize_statements = concat(
    [
      {
        sid       = "WriteViewData"
        actions   = ["dynamodb:UpdateItem"]
        resources = [aws_dynamodb_table.view_data.arn]
      },
      {
        sid       = "ReadQuestions"
        actions   = ["dynamodb:Scan"]
        resources = [aws_dynamodb_table.questions.arn]
      },
    ],
    local.has_instance ? [
      {
        sid       = "DescribeContacts"
        actions   = ["connect:DescribeContact"]
        resources = ["${local.instance_arn}/contact/*"]
      },
      {
        sid       = "DescribeAgents"
        actions   = ["connect:DescribeUser"]
        resources = ["${local.instance_arn}/agent/*"]
      },
      {
        sid       = "DescribeQueues"
        actions   = ["connect:DescribeQueue"]
        resources = ["${local.instance_arn}/queue/*"]
      },
      {
        sid       = "DescribeCampaigns"
        actions   = ["connect-campaigns:DescribeCampaign"]
        resources = ["arn:${local.partition}:connect-campaigns:${local.region}:${local.account_id}:campaign/*"]
      },
    ] : [],
  )

  extract_statements = concat(
    [
      {
        sid       = "ReconcileQuestions"
        actions   = ["dynamodb:Scan", "dynamodb:BatchWriteItem"]
        resources = [aws_dynamodb_table.questions.arn]
      },
      {
        sid       = "ListViews"
        actions   = ["connect:ListViews"]
        resources = [local.instance_arn]
      },
      {
        sid       = "DescribeViews"
        actions   = ["connect:DescribeView"]
        resources = ["${local.instance_arn}/view/*", "arn:${local.partition}:connect:${local.region}:aws:view/*"]
      },
    ],
    var.scan_flows && length(var.view_arns) == 0 ? [
      {
        sid       = "ReadFlows"
        actions   = ["connect:ListContactFlows", "connect:DescribeContactFlow"]
        resources = ["${local.instance_arn}/contact-flow/*"]
      },
    ] : [],
    var.kms_key_arn == null ? [] : [
      {
        sid       = "UseDeadLetterQueueKey"
        actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
        resources = [var.kms_key_arn]
      },
    ],
  )
}

module "normalize" {
  source = "../lambda_function"

  function_name           = local.normalize_name
  description             = "Stores a step-by-step guide's answers, enriched from Amazon Connect, in DynamoDB"
  capability              = "view_data"
  handler                 = "connect_data.view_data.normalize_handler.handler"
  settings                = var.lambda
  metrics_namespace       = var.monitoring.metrics_namespace
  kms_key_arn             = var.kms_key_arn
  create_dependency_layer = false
  dependency_layer_arn    = local.layer_arn

  environment_variables = {
    VIEW_DATA_TABLE           = aws_dynamodb_table.view_data.name
    VIEW_QUESTIONS_TABLE      = aws_dynamodb_table.questions.name
    KEY_ATTRIBUTE             = var.key_attribute
    RETENTION_DAYS            = tostring(var.retention_days)
    TIME_ZONE                 = var.time_zone
    MAX_CHAIN_HOPS            = tostring(var.max_chain_hops)
    QUESTIONS_REFRESH_SECONDS = tostring(var.questions_refresh_seconds)
    FLOW_TIME_LIMIT_SECONDS   = tostring(var.flow_time_limit_seconds)
  }

  policy_statements = local.normalize_statements

  tags = var.tags
}

module "extract" {
  source = "../lambda_function"
  count  = local.has_instance ? 1 : 0

  function_name                 = local.extract_name
  description                   = "Extracts the questions of Amazon Connect views into the view questions table"
  capability                    = "view_data"
  handler                       = "connect_data.view_data.extract_handler.handler"
  settings                      = var.lambda
  metrics_namespace             = var.monitoring.metrics_namespace
  timeout                       = var.extract_timeout
  kms_key_arn                   = var.kms_key_arn
  create_dependency_layer       = false
  dependency_layer_arn          = local.layer_arn
  enable_on_failure_destination = true
  on_failure_destination_arn    = aws_sqs_queue.extract_dlq[0].arn

  environment_variables = {
    CONNECT_INSTANCE_ID  = local.instance_id
    VIEW_QUESTIONS_TABLE = aws_dynamodb_table.questions.name
    VIEW_ARNS            = join(",", var.view_arns)
    SCAN_FLOWS           = tostring(var.scan_flows)
    LABEL_OVERRIDES      = jsonencode(var.label_overrides)
  }

  policy_statements = local.extract_statements

  tags = var.tags
}
