locals {
  schedule_enabled = local.has_instance && var.extract_schedule_expression != null
  extract_dlq_name = "${var.name_prefix}-view-data-extract-dlq"
}

# Receives what neither the scheduler (could not invoke) nor Lambda's asynchronous retries could deliver.
resource "aws_sqs_queue" "extract_dlq" {
  count = local.has_instance ? 1 : 0

  name                      = local.extract_dlq_name
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = var.kms_key_arn == null ? true : null
  kms_master_key_id         = var.kms_key_arn
  tags                      = var.tags
}

resource "aws_iam_role" "scheduler" {
  count = local.schedule_enabled ? 1 : 0

  name = substr("${var.name_prefix}-view-data-extract-schedule", 0, 64)
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "scheduler.amazonaws.com" }
      Condition = { StringEquals = { "aws:SourceAccount" = local.account_id } }
    }]
  })
  path                 = var.lambda.role_path
  permissions_boundary = var.lambda.permissions_boundary
  tags                 = var.tags
}

locals {
  # Plain JSON rather than a policy-document data source, so the plan (and terraform test) shows it.
  scheduler_statements = local.schedule_enabled ? concat(
    [
      {
        Sid      = "InvokeExtract"
        Effect   = "Allow"
        Action   = ["lambda:InvokeFunction"]
        Resource = [module.extract[0].alias_arn]
      },
      {
        Sid      = "DeadLetter"
        Effect   = "Allow"
        Action   = ["sqs:SendMessage"]
        Resource = [aws_sqs_queue.extract_dlq[0].arn]
      },
    ],
    var.kms_key_arn == null ? [] : [
      {
        Sid      = "DeadLetterKey"
        Effect   = "Allow"
        Action   = ["kms:GenerateDataKey", "kms:Decrypt"]
        Resource = [var.kms_key_arn]
      },
    ],
  ) : []
}

resource "aws_iam_role_policy" "scheduler" {
  count = local.schedule_enabled ? 1 : 0

  name   = "invoke-extract"
  role   = aws_iam_role.scheduler[0].id
  policy = jsonencode({ Version = "2012-10-17", Statement = local.scheduler_statements })
}

resource "aws_scheduler_schedule" "extract" {
  count = local.schedule_enabled ? 1 : 0

  name                         = "${var.name_prefix}-view-data-extract"
  description                  = "Re-reads the Amazon Connect views' questions into ${aws_dynamodb_table.questions.name}"
  schedule_expression          = var.extract_schedule_expression
  schedule_expression_timezone = var.schedule_timezone
  kms_key_arn                  = var.kms_key_arn

  flexible_time_window {
    mode                      = "FLEXIBLE"
    maximum_window_in_minutes = 60
  }

  target {
    arn      = module.extract[0].alias_arn
    role_arn = aws_iam_role.scheduler[0].arn
    input    = jsonencode({ source = "schedule" })

    retry_policy {
      maximum_event_age_in_seconds = 86400
      maximum_retry_attempts       = var.schedule_max_retry_attempts
    }

    dead_letter_config {
      arn = aws_sqs_queue.extract_dlq[0].arn
    }
  }

  depends_on = [aws_iam_role_policy.scheduler]
}

# Extract on apply: re-run whenever what it reads or how it reads changes.
resource "aws_lambda_invocation" "extract_on_apply" {
  count = local.has_instance && var.extract_on_apply ? 1 : 0

  function_name = module.extract[0].function_name
  qualifier     = module.extract[0].alias_name
  input = jsonencode({
    source = "terraform"
    inputs = sha256(jsonencode({
      code      = module.extract[0].source_hash
      views     = var.view_arns
      overrides = var.label_overrides
      flows     = var.scan_flows
      table     = aws_dynamodb_table.questions.name
    }))
  })
}
