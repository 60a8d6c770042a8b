locals {
  writer_statements = concat(
    [
      {
        sid       = "ReadTableStreams"
        actions   = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"]
        resources = [for source in values(var.sources) : source.stream_arn]
      },
      {
        # DeleteObject undoes the objects of a batch whose other writes failed (the retry writes them again).
        sid       = "WriteLake"
        actions   = ["s3:PutObject", "s3:DeleteObject"]
        resources = ["${local.bucket_arn}/${var.prefix}*"]
      },
      {
        sid       = "SendFailedBatches"
        actions   = ["sqs:SendMessage"]
        resources = [aws_sqs_queue.dead_letter.arn]
      },
    ],
    var.kms_key_arn == null ? [] : [
      {
        sid       = "UseTheKey"
        actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
        resources = [var.kms_key_arn]
      },
    ],
  )
}

resource "aws_sqs_queue" "dead_letter" {
  name                              = "${var.name_prefix}-analytics-writer-dlq"
  message_retention_seconds         = 1209600
  sqs_managed_sse_enabled           = var.kms_key_arn == null ? true : null
  kms_master_key_id                 = var.kms_key_arn
  kms_data_key_reuse_period_seconds = var.kms_key_arn == null ? null : 3600
  tags                              = var.tags
}

module "writer" {
  source = "../lambda_function"

  function_name           = local.function_name
  description             = "Writes the capability tables' stream records to the S3 data lake as gzip JSON Lines"
  capability              = "analytics"
  handler                 = "connect_data.analytics.handler.handler"
  settings                = var.lambda
  metrics_namespace       = var.monitoring.metrics_namespace
  timeout                 = var.writer_timeout
  kms_key_arn             = var.kms_key_arn
  create_dependency_layer = false
  dependency_layer_arn    = var.dependency_layer_arn

  environment_variables = {
    LAKE_BUCKET   = local.bucket_name
    LAKE_PREFIX   = var.prefix
    LAKE_SOURCES  = jsonencode({ for kind, source in var.sources : source.table_name => kind })
    PHONE_NUMBERS = var.phone_numbers
    KEY_ATTRIBUTE = var.key_attribute
  }

  policy_statements = local.writer_statements

  tags = var.tags
}

resource "aws_lambda_event_source_mapping" "streams" {
  for_each = var.read_streams ? var.sources : {}

  function_name                      = module.writer.function_name
  event_source_arn                   = each.value.stream_arn
  starting_position                  = "TRIM_HORIZON"
  batch_size                         = var.batch_size
  maximum_batching_window_in_seconds = var.batching_window_seconds
  maximum_retry_attempts             = var.maximum_retry_attempts
  bisect_batch_on_function_error     = true
  function_response_types            = ["ReportBatchItemFailures"]

  # TTL and other deletions are not facts for the lake: they never reach (or bill) the writer.
  filter_criteria {
    filter {
      pattern = jsonencode({ eventName = ["INSERT", "MODIFY"] })
    }
  }

  destination_config {
    on_failure {
      destination_arn = aws_sqs_queue.dead_letter.arn
    }
  }
}
