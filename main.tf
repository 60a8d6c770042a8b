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

module "customer_lookup" {
  source = "./modules/customer_lookup"
  count  = var.enable_customer_lookup ? 1 : 0

  name_prefix             = var.name_prefix
  connect_instance_arn    = var.connect_instance_arn
  kms_key_arn             = var.kms_key_arn
  deletion_protection     = var.deletion_protection
  lambda                  = var.lambda
  create_dependency_layer = false
  dependency_layer_arn    = local.layer_arn
  number_source           = var.customer_lookup.number_source
  number_parameter        = var.customer_lookup.number_parameter
  default_country_code    = var.customer_lookup.default_country_code
  allowed_attributes      = var.customer_lookup.allowed_attributes
  record_last_call        = var.customer_lookup.record_last_call
  calls_ttl_days          = var.customer_lookup.calls_ttl_days
  seed_profiles           = var.customer_lookup.seed_profiles
  tags                    = var.tags
}
