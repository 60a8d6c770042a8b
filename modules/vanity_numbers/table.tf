resource "aws_dynamodb_table" "results" {
  name                        = local.table_name
  billing_mode                = var.billing_mode
  read_capacity               = var.billing_mode == "PROVISIONED" ? var.read_capacity : null
  write_capacity              = var.billing_mode == "PROVISIONED" ? var.write_capacity : null
  hash_key                    = "PhoneNumber"
  deletion_protection_enabled = var.deletion_protection
  stream_enabled              = var.enable_stream
  stream_view_type            = var.enable_stream ? "NEW_AND_OLD_IMAGES" : null

  attribute {
    name = "PhoneNumber"
    type = "S"
  }

  ttl {
    attribute_name = "ExpiresAt"
    enabled        = true
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
