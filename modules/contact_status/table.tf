resource "aws_dynamodb_table" "status" {
  name                        = local.table_name
  billing_mode                = var.billing_mode
  read_capacity               = var.billing_mode == "PROVISIONED" ? var.read_capacity : null
  write_capacity              = var.billing_mode == "PROVISIONED" ? var.write_capacity : null
  hash_key                    = "ContactId"
  deletion_protection_enabled = var.deletion_protection
  stream_enabled              = var.enable_archive || var.enable_stream
  # The archive reads OldImage only; a stream for another consumer (enable_stream) carries both images.
  stream_view_type = var.enable_stream ? "NEW_AND_OLD_IMAGES" : (var.enable_archive ? "OLD_IMAGE" : null)

  attribute {
    name = "ContactId"
    type = "S"
  }

  attribute {
    name = "CustomerId"
    type = "S"
  }

  attribute {
    name = "InitialContactId"
    type = "S"
  }

  attribute {
    name = "LastEventAt"
    type = "N"
  }

  # The history function's one query: a caller's contacts, newest first. Only what it answers is
  # projected, so the query never pays for a contact's history.
  global_secondary_index {
    name               = "by-customer"
    hash_key           = "CustomerId"
    range_key          = "LastEventAt"
    projection_type    = "INCLUDE"
    non_key_attributes = ["Status", "Channel", "InitiationMethod", "QueueArn", "QueueName", "DisconnectReason", "Disconnected", "Queued", "ConnectedToAgent"]
    read_capacity      = var.billing_mode == "PROVISIONED" ? var.read_capacity : null
    write_capacity     = var.billing_mode == "PROVISIONED" ? var.write_capacity : null
  }

  # Every contact of one call or chat (transfers, callbacks) in one query.
  global_secondary_index {
    name            = "by-initial-contact"
    hash_key        = "InitialContactId"
    range_key       = "LastEventAt"
    projection_type = "KEYS_ONLY"
    read_capacity   = var.billing_mode == "PROVISIONED" ? var.read_capacity : null
    write_capacity  = var.billing_mode == "PROVISIONED" ? var.write_capacity : null
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
