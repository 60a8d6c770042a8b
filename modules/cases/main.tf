data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  partition   = data.aws_partition.current.partition
  region      = data.aws_region.current.id
  account_id  = data.aws_caller_identity.current.account_id
  instance_id = var.connect_instance_arn == null ? null : split("/", var.connect_instance_arn)[1]

  domain_arn = var.cases_domain_id == null ? null : "arn:${local.partition}:cases:${local.region}:${local.account_id}:domain/${var.cases_domain_id}"

  table_name              = "${var.name_prefix}-cases"
  queue_name              = "${var.name_prefix}-case-events"
  topic_name              = "${var.name_prefix}-case-notifications"
  rule_name               = "${var.name_prefix}-case-events"
  stream_function_name    = "${var.name_prefix}-case-events"
  flow_function_name      = "${var.name_prefix}-case-contact"
  provision_function_name = "${var.name_prefix}-case-event-streams"
  event_integration_name  = coalesce(var.event_integration_name, "${var.name_prefix}-cases")

  # The system fields of modules/../lambda_src/connect_data/cases/fields.py, kept in step by a unit test.
  system_field_ids = ["title", "status", "reference_number", "customer_id", "summary", "case_reason", "created_datetime", "last_updated_datetime", "last_closed_datetime", "assigned_queue", "assigned_user"]
  event_fields     = distinct(concat(var.include_system_fields ? local.system_field_ids : [], var.custom_field_ids))

  streams_enabled = var.enable_event_streams && var.connect_instance_arn != null && var.cases_domain_id != null
  layer_arn       = var.create_dependency_layer ? module.dependency_layer[0].arn : var.dependency_layer_arn
}

module "dependency_layer" {
  source = "../dependency_layer"
  count  = var.create_dependency_layer ? 1 : 0

  layer_name          = "${var.name_prefix}-cases-deps"
  compatible_runtimes = ["python3.13"]
  architecture        = var.lambda.architecture
  python              = var.lambda.python
}
