# --- customer lookup ---------------------------------------------------------------------------------
# The profile table and the flow function that answers a caller's profile. See modules/customer_lookup.

variable "enable_customer_lookup" {
  description = "Deploy the customer lookup (profile table and flow function)."
  type        = bool
  default     = true
}

variable "customer_lookup" {
  description = "Settings of the customer lookup (see modules/customer_lookup)."
  type = object({
    number_source        = optional(string, "customer")
    number_parameter     = optional(string, "phoneNumber")
    default_country_code = optional(string, "1")
    allowed_attributes   = optional(list(string), [])
    record_last_call     = optional(bool, false)
    calls_ttl_days       = optional(number, 365)
    seed_profiles        = optional(map(map(string)), {})
  })
  default = {}
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

  alarm_topic_arn = local.alarm_topic_arn
  monitoring      = local.monitoring
}

output "customer_lookup" {
  description = "Names and ARNs of the customer lookup: table_name, table_arn, function_name, function_arn, role_arn, log_group_name, package_path."
  value       = var.enable_customer_lookup ? module.customer_lookup[0] : null
}
