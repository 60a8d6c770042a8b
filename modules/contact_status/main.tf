locals {
  table_name         = "${var.name_prefix}-contact-status"
  history_table_name = "${var.name_prefix}-contact-history"
  instance_id        = var.connect_instance_arn == null ? null : split("/", var.connect_instance_arn)[1]
  layer_arn          = var.create_dependency_layer ? module.dependency_layer[0].arn : var.dependency_layer_arn
  batch_timeout      = max(var.lambda.timeout, 60)

  common_environment = {
    STATUS_TABLE         = aws_dynamodb_table.status.name
    RETENTION_MINUTES    = tostring(var.retention_minutes)
    DEFAULT_COUNTRY_CODE = var.default_country_code
  }
}

module "dependency_layer" {
  source = "../dependency_layer"
  count  = var.create_dependency_layer ? 1 : 0

  layer_name          = "${var.name_prefix}-contact-status-deps"
  compatible_runtimes = ["python3.13"]
  architecture        = var.lambda.architecture
  python              = var.lambda.python
}

data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}
