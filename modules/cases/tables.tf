# One table: every case event (sk EVENT#<change time>#<event id>) and one STATE item per case.
resource "aws_dynamodb_table" "cases" {
  name                        = local.table_name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "caseId"
  range_key                   = "sk"
  deletion_protection_enabled = var.deletion_protection
  stream_enabled              = var.enable_stream
  stream_view_type            = var.enable_stream ? "NEW_AND_OLD_IMAGES" : null

  attribute {
    name = "caseId"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  ttl {
    attribute_name = "expiresAt"
    enabled        = var.event_ttl_days > 0
  }

  point_in_time_recovery {
    enabled = var.point_in_time_recovery
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }

  tags = var.tags
}
