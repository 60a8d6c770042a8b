locals {
  archive_statements = !var.enable_archive ? [] : concat(
    [
      {
        sid       = "ReadStatusStream"
        actions   = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"]
        resources = [aws_dynamodb_table.status.stream_arn]
      },
      {
        # History pages deleted by TTL are archived as status items are, from the history table's stream.
        sid       = "ReadHistoryStream"
        actions   = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"]
        resources = [aws_dynamodb_table.history.stream_arn]
      },
      {
        sid       = "WriteArchive"
        actions   = ["s3:PutObject"]
        resources = ["${local.archive_bucket_arn}/${var.archive_prefix}*"]
      },
      {
        # The failed items themselves (quarantine messages) and, as a last resort, the stream's failure metadata.
        sid       = "SendFailedBatches"
        actions   = ["sqs:SendMessage"]
        resources = [aws_sqs_queue.dead_letter.arn]
      },
    ],
    var.kms_key_arn == null ? [] : [
      {
        sid       = "EncryptArchive"
        actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
        resources = [var.kms_key_arn]
      },
    ],
  )

  create_archive_bucket = var.enable_archive && var.archive_bucket_name == null
  archive_bucket_name   = var.enable_archive ? coalesce(var.archive_bucket_name, "${lower(var.name_prefix)}-contact-status-archive-${data.aws_caller_identity.current.account_id}") : null
  archive_bucket_arn    = var.enable_archive ? "arn:${data.aws_partition.current.partition}:s3:::${local.archive_bucket_name}" : null
}

resource "aws_s3_bucket" "archive" {
  #checkov:skip=CKV_AWS_144:Cross-region replication is the caller's choice for a long-term archive; it needs a second bucket and role.
  #checkov:skip=CKV2_AWS_62:Nothing consumes event notifications of the archive; add them where a consumer exists.
  count = local.create_archive_bucket ? 1 : 0

  bucket = local.archive_bucket_name
  tags   = var.tags
}

resource "aws_s3_bucket_versioning" "archive" {
  count = local.create_archive_bucket ? 1 : 0

  bucket = aws_s3_bucket.archive[0].id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "archive" {
  count = local.create_archive_bucket ? 1 : 0

  bucket = aws_s3_bucket.archive[0].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = var.kms_key_arn == null ? "AES256" : "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }
    bucket_key_enabled = var.kms_key_arn != null
  }
}

resource "aws_s3_bucket_public_access_block" "archive" {
  count = local.create_archive_bucket ? 1 : 0

  bucket                  = aws_s3_bucket.archive[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_lifecycle_configuration" "archive" {
  count = local.create_archive_bucket ? 1 : 0

  bucket = aws_s3_bucket.archive[0].id
  rule {
    id     = "abort-incomplete-uploads-and-expire-old-versions"
    status = "Enabled"
    filter {}
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
    noncurrent_version_expiration {
      noncurrent_days = 30
    }
    dynamic "expiration" {
      for_each = var.archive_retention_days == null ? [] : [var.archive_retention_days]
      content {
        days = expiration.value
      }
    }
  }
}

# Only TLS: a request over plain HTTP is refused whoever makes it.
data "aws_iam_policy_document" "archive_tls_only" {
  count = local.create_archive_bucket ? 1 : 0

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.archive[0].arn, "${aws_s3_bucket.archive[0].arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "archive" {
  count = local.create_archive_bucket ? 1 : 0

  bucket = aws_s3_bucket.archive[0].id
  policy = data.aws_iam_policy_document.archive_tls_only[0].json

  depends_on = [aws_s3_bucket_public_access_block.archive]
}

# Server access logs, opt-in: the log bucket is the caller's (it must allow logging.s3.amazonaws.com).
resource "aws_s3_bucket_logging" "archive" {
  count = local.create_archive_bucket && var.access_log_bucket != null ? 1 : 0

  bucket        = aws_s3_bucket.archive[0].id
  target_bucket = var.access_log_bucket
  target_prefix = "${local.archive_bucket_name}/"
}

module "archive" {
  source = "../lambda_function"
  count  = var.enable_archive ? 1 : 0

  function_name           = "${var.name_prefix}-contact-status-archive"
  description             = "Writes contact status items and history pages deleted by TTL to S3 as JSON Lines"
  capability              = "contact_status"
  handler                 = "connect_data.contact_status.archive.handler"
  settings                = var.lambda
  metrics_namespace       = var.monitoring.metrics_namespace
  timeout                 = local.batch_timeout
  kms_key_arn             = var.kms_key_arn
  create_dependency_layer = false
  dependency_layer_arn    = local.layer_arn

  environment_variables = {
    ARCHIVE_BUCKET       = local.archive_bucket_name
    ARCHIVE_PREFIX       = var.archive_prefix
    QUARANTINE_QUEUE_URL = aws_sqs_queue.dead_letter.url
  }

  policy_statements = local.archive_statements

  tags = var.tags
}

resource "aws_lambda_event_source_mapping" "archive" {
  count = var.enable_archive ? 1 : 0

  function_name                      = module.archive[0].alias_arn
  event_source_arn                   = aws_dynamodb_table.status.stream_arn
  starting_position                  = "TRIM_HORIZON"
  batch_size                         = 100
  maximum_batching_window_in_seconds = 60
  maximum_retry_attempts             = 10
  bisect_batch_on_function_error     = true
  function_response_types            = ["ReportBatchItemFailures"]

  # Only deletions by TTL: the service principal is the stream record's user identity.
  filter_criteria {
    filter {
      pattern = jsonencode({
        eventName    = ["REMOVE"]
        userIdentity = { type = ["Service"], principalId = ["dynamodb.amazonaws.com"] }
      })
    }
  }

  destination_config {
    on_failure {
      destination_arn = aws_sqs_queue.dead_letter.arn
    }
  }
}

# The history table's pages deleted by TTL, to the same archive function, configured like the mapping above.
resource "aws_lambda_event_source_mapping" "archive_history" {
  count = var.enable_archive ? 1 : 0

  function_name                      = module.archive[0].alias_arn
  event_source_arn                   = aws_dynamodb_table.history.stream_arn
  starting_position                  = "TRIM_HORIZON"
  batch_size                         = 100
  maximum_batching_window_in_seconds = 60
  maximum_retry_attempts             = 10
  bisect_batch_on_function_error     = true
  function_response_types            = ["ReportBatchItemFailures"]

  # As the status stream's mapping: only deletions by TTL.
  filter_criteria {
    filter {
      pattern = jsonencode({
        eventName    = ["REMOVE"]
        userIdentity = { type = ["Service"], principalId = ["dynamodb.amazonaws.com"] }
      })
    }
  }

  destination_config {
    on_failure {
      destination_arn = aws_sqs_queue.dead_letter.arn
    }
  }
}
