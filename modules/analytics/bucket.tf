resource "aws_s3_bucket" "lake" {
  #checkov:skip=CKV_AWS_18:Access logging needs a log bucket the caller owns; the lake is written only by the writer's role.
  #checkov:skip=CKV_AWS_144:Cross-region replication is the caller's choice; the lake can be rebuilt from the tables' exports.
  #checkov:skip=CKV2_AWS_62:Nothing consumes event notifications of the lake; add them where a consumer exists.
  count = local.create_bucket ? 1 : 0

  bucket        = local.bucket_name
  force_destroy = var.force_destroy
  tags          = var.tags
}

resource "aws_s3_bucket_versioning" "lake" {
  count = local.create_bucket ? 1 : 0

  bucket = aws_s3_bucket.lake[0].id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "lake" {
  count = local.create_bucket ? 1 : 0

  bucket = aws_s3_bucket.lake[0].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = var.kms_key_arn == null ? "AES256" : "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }
    bucket_key_enabled = var.kms_key_arn != null
  }
}

resource "aws_s3_bucket_public_access_block" "lake" {
  count = local.create_bucket ? 1 : 0

  bucket                  = aws_s3_bucket.lake[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

locals {
  # Plain JSON rather than a policy document data source, so terraform test can read it at plan time.
  tls_only_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [local.bucket_arn, "${local.bucket_arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
  })
}

resource "aws_s3_bucket_policy" "lake" {
  count = local.create_bucket && var.require_tls ? 1 : 0

  bucket = aws_s3_bucket.lake[0].id
  policy = local.tls_only_policy

  depends_on = [aws_s3_bucket_public_access_block.lake]
}

resource "aws_s3_bucket_lifecycle_configuration" "lake" {
  count = local.create_bucket ? 1 : 0

  bucket = aws_s3_bucket.lake[0].id

  rule {
    id     = "lake-to-infrequent-access-then-expire"
    status = "Enabled"
    filter {
      prefix = var.prefix
    }
    transition {
      days          = var.transition_days
      storage_class = "STANDARD_IA"
    }
    dynamic "expiration" {
      for_each = var.expiration_days > 0 ? [var.expiration_days] : []
      content {
        days = expiration.value
      }
    }
    noncurrent_version_expiration {
      noncurrent_days = 30
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  # Uploads a crashed writer left unfinished, anywhere in the bucket, stop costing storage after a week.
  rule {
    id     = "abort-incomplete-uploads"
    status = "Enabled"
    filter {}
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  rule {
    id     = "athena-results-expire"
    status = "Enabled"
    filter {
      prefix = local.results_prefix
    }
    expiration {
      days = 30
    }
    noncurrent_version_expiration {
      noncurrent_days = 1
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }
}
