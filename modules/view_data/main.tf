locals {
  view_table_name      = "${var.name_prefix}-view-data"
  questions_table_name = "${var.name_prefix}-view-questions"
  normalize_name       = "${var.name_prefix}-view-data-normalize"
  extract_name         = "${var.name_prefix}-view-data-extract"

  has_instance = var.connect_instance_arn != null
  instance_arn = coalesce(var.connect_instance_arn, "arn:aws:connect:us-east-1:000000000000:instance/00000000-0000-0000-0000-000000000000")
  arn_parts    = split(":", local.instance_arn)
  partition    = local.arn_parts[1]
  region       = local.arn_parts[3]
  account_id   = local.arn_parts[4]
  instance_id  = split("/", local.instance_arn)[1]

  layer_arn = var.create_dependency_layer ? module.dependency_layer[0].arn : var.dependency_layer_arn
}

module "dependency_layer" {
  source = "../dependency_layer"
  count  = var.create_dependency_layer ? 1 : 0

  layer_name          = "${var.name_prefix}-view-data-deps"
  compatible_runtimes = ["python3.13"]
  architecture        = var.lambda.architecture
  python              = var.lambda.python
}
