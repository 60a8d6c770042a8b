# Vanity numbers on an existing Amazon Connect instance: the function, its results table, the vanity
# flow, a greeting flow for the customer lookup, and (optionally) a phone number pointed at one of them.
#
#   terraform init && terraform apply -var connect_instance_arn=arn:aws:connect:...:instance/...

provider "aws" {
  region = var.region
}

module "customer_lookup" {
  source = "../../modules/customer_lookup"

  name_prefix          = var.name_prefix
  connect_instance_arn = var.connect_instance_arn
  deletion_protection  = false
  seed_profiles = {
    "+14155550100" = { FirstName = "Ana" }
  }
}

module "vanity_numbers" {
  source = "../../modules/vanity_numbers"

  name_prefix                  = var.name_prefix
  connect_instance_arn         = var.connect_instance_arn
  create_greeting_flow         = true
  greeting_lookup_function_arn = module.customer_lookup.function_alias_arn
  phone_number_flows           = var.phone_number_id == null ? {} : { (var.phone_number_id) = "greeting" }
  repeat_window_seconds        = 600
  deletion_protection          = false

  # The greeting flow invokes the lookup function: Connect needs it associated first.
  depends_on = [module.customer_lookup]
}
