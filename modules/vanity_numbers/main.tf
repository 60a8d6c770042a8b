locals {
  table_name              = "${var.name_prefix}-vanity-results"
  function_name           = "${var.name_prefix}-vanity-numbers"
  provision_function_name = "${var.name_prefix}-vanity-phone-flows"
  connected               = var.connect_instance_arn != null
  instance_id             = local.connected ? split("/", var.connect_instance_arn)[1] : null
  layer_arn               = var.create_dependency_layer ? module.dependency_layer[0].arn : var.dependency_layer_arn
}

module "dependency_layer" {
  source = "../dependency_layer"
  count  = var.create_dependency_layer ? 1 : 0

  layer_name          = "${var.name_prefix}-vanity-deps"
  compatible_runtimes = ["python3.13"]
  architecture        = var.lambda.architecture
  python              = var.lambda.python
}
