data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  partition   = data.aws_partition.current.partition
  region      = data.aws_region.current.id
  account_id  = data.aws_caller_identity.current.account_id
  instance_id = var.connect_instance_arn == null ? null : split("/", var.connect_instance_arn)[1]

  stream_name          = "${var.name_prefix}-agent-events"
  table_name           = "${var.name_prefix}-agents"
  queue_name           = "${var.name_prefix}-agent-events-quarantine"
  function_name        = "${var.name_prefix}-agent-events"
  create_stream        = var.kinesis_stream_arn == null
  stream_arn           = local.create_stream ? aws_kinesis_stream.agent_events[0].arn : var.kinesis_stream_arn
  contact_status_arn   = var.contact_status_table_name == null ? null : "arn:${local.partition}:dynamodb:${local.region}:${local.account_id}:table/${var.contact_status_table_name}"
  layer_arn            = var.create_dependency_layer ? module.dependency_layer[0].arn : var.dependency_layer_arn
  history_ttl_seconds  = var.history_ttl_hours * 3600
  storage_config_count = var.connect_instance_arn == null ? 0 : 1
}

module "dependency_layer" {
  source = "../dependency_layer"
  count  = var.create_dependency_layer ? 1 : 0

  layer_name          = "${var.name_prefix}-agent-events-deps"
  compatible_runtimes = ["python3.13"]
  architecture        = var.lambda.architecture
  python              = var.lambda.python
}
