locals {
  build_layer = var.dependency_layer_arn == null
  layer_arn   = local.build_layer ? module.dependency_layer[0].arn : var.dependency_layer_arn
}

# One dependency layer shared by every function of the collection.
module "dependency_layer" {
  source = "./modules/dependency_layer"
  count  = local.build_layer ? 1 : 0

  layer_name          = "${var.name_prefix}-deps"
  compatible_runtimes = ["python3.13"]
  architecture        = var.lambda.architecture
  python              = var.lambda.python
}
