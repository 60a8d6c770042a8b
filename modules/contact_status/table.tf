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

  # Both indexes are keyed on a hash key alone, which a contact sets once: no status write moves an index
  # key (a sort key on LastEventAt cost two index writes per status write, one to delete, one to put).

  # The history function's one query: a caller's contacts (it filters the window and sorts newest first).
  # Only what it answers is projected, so the query never pays for a contact's history
  # (lambda_src/connect_data/contact_status/lookup.py PROJECTED).
  global_secondary_index {
    name               = "by-customer"
    hash_key           = "CustomerId"
    projection_type    = "INCLUDE"
    non_key_attributes = ["LastEventAt", "Status", "Channel", "InitiationMethod", "QueueArn", "QueueName", "DisconnectReason", "Disconnected", "Queued", "ConnectedToAgent"]
    read_capacity      = var.billing_mode == "PROVISIONED" ? var.read_capacity : null
    write_capacity     = var.billing_mode == "PROVISIONED" ? var.write_capacity : null
  }

  # Every contact of one call or chat (transfers, callbacks) in one query.
  global_secondary_index {
    name            = "by-initial-contact"
    hash_key        = "InitialContactId"
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

# A contact's history: one page item per contact per delivery (ContactId, Page), its entries in one map.
# A page costs about one write unit per started KB of that delivery's entries, where a History map inside
# the status item rewrote the whole history (up to 300 KB) on every write. A table of its own because the
# status table's key schema cannot change in place: a range key would replace the table and lose every
# contact in progress. The processor only puts pages (BatchWriteItem); readers query a contact's pages.
resource "aws_dynamodb_table" "history" {
  name                        = local.history_table_name
  billing_mode                = var.billing_mode
  read_capacity               = var.billing_mode == "PROVISIONED" ? var.read_capacity : null
  write_capacity              = var.billing_mode == "PROVISIONED" ? var.write_capacity : null
  hash_key                    = "ContactId"
  range_key                   = "Page"
  deletion_protection_enabled = var.deletion_protection
  stream_enabled              = var.enable_archive || var.enable_stream
  # As the status table's: the archive reads OldImage only; enable_stream carries both images.
  stream_view_type = var.enable_stream ? "NEW_AND_OLD_IMAGES" : (var.enable_archive ? "OLD_IMAGE" : null)

  attribute {
    name = "ContactId"
    type = "S"
  }

  attribute {
    name = "Page"
    type = "S"
  }

  # Each page expires on its own ExpiresAt (epoch seconds), set by the processor when it writes the page.
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
