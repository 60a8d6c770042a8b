# The agent event stream: Connect writes one record per agent event, partitioned by the agent's ARN.
resource "aws_kinesis_stream" "agent_events" {
  count = local.create_stream ? 1 : 0

  name             = local.stream_name
  retention_period = var.stream_retention_hours
  encryption_type  = "KMS"
  kms_key_id       = coalesce(var.kms_key_arn, "alias/aws/kinesis")

  # On demand: a contact center's agent events follow its shifts, and a provisioned shard count would
  # be sized for the peak all day.
  stream_mode_details {
    stream_mode = "ON_DEMAND"
  }

  tags = var.tags
}

resource "aws_connect_instance_storage_config" "agent_events" {
  #checkov:skip=CKV_AWS_269:Applies to KINESIS_VIDEO_STREAM storage; this is a KINESIS_STREAM config, and the stream itself is KMS-encrypted (var.kms_key_arn for a customer key).
  #checkov:skip=CKV_AWS_270:Applies to S3 storage; this is a KINESIS_STREAM config.
  count = local.storage_config_count

  instance_id   = local.instance_id
  resource_type = "AGENT_EVENTS"

  storage_config {
    storage_type = "KINESIS_STREAM"

    kinesis_stream_config {
      stream_arn = local.stream_arn
    }
  }
}
