# --- vanity numbers ----------------------------------------------------------------------------------
# The function and its results table work without Connect; the contact flows (vanity, and the greeting
# flow for the customer lookup) and the phone-number associations come with connect_instance_arn.

variable "enable_vanity_numbers" {
  description = "Deploy the vanity numbers (results table, flow function, and with a Connect instance its contact flows)."
  type        = bool
  default     = true
}

variable "vanity_numbers" {
  description = "Settings of the vanity numbers (see modules/vanity_numbers)."
  type = object({
    repeat_window_seconds   = optional(number, 300)
    result_ttl_days         = optional(number, 30)
    number_source           = optional(string, "customer")
    number_parameter        = optional(string, "phoneNumber")
    default_country_code    = optional(string, "1")
    create_vanity_flow      = optional(bool, true)
    create_greeting_flow    = optional(bool, true)
    greeting_name_attribute = optional(string, "FirstName")
    prompts                 = optional(map(string), {})
    flow_logging            = optional(bool, true)
    phone_number_flows      = optional(map(string), {})
  })
  default = {}
}

module "vanity_numbers" {
  source = "./modules/vanity_numbers"
  count  = var.enable_vanity_numbers ? 1 : 0

  name_prefix             = var.name_prefix
  connect_instance_arn    = var.connect_instance_arn
  kms_key_arn             = var.kms_key_arn
  deletion_protection     = var.deletion_protection
  lambda                  = var.lambda
  create_dependency_layer = false
  dependency_layer_arn    = local.layer_arn
  enable_stream           = var.enable_analytics
  tags                    = var.tags

  alarm_topic_arn = local.alarm_topic_arn
  monitoring      = local.monitoring

  repeat_window_seconds        = var.vanity_numbers.repeat_window_seconds
  result_ttl_days              = var.vanity_numbers.result_ttl_days
  number_source                = var.vanity_numbers.number_source
  number_parameter             = var.vanity_numbers.number_parameter
  default_country_code         = var.vanity_numbers.default_country_code
  create_vanity_flow           = var.vanity_numbers.create_vanity_flow
  greeting_name_attribute      = var.vanity_numbers.greeting_name_attribute
  create_greeting_flow         = var.enable_customer_lookup && var.vanity_numbers.create_greeting_flow
  prompts                      = var.vanity_numbers.prompts
  flow_logging                 = var.vanity_numbers.flow_logging
  phone_number_flows           = var.vanity_numbers.phone_number_flows
  greeting_lookup_function_arn = var.enable_customer_lookup ? module.customer_lookup[0].function_alias_arn : null

  # The greeting flow invokes the lookup function, which Connect accepts only once customer_lookup has
  # associated it with the instance (that module exports no association ID to depend on more narrowly).
  depends_on = [module.customer_lookup]
}

output "vanity_numbers" {
  description = "Names and ARNs of the vanity numbers' table, function and contact flows (null when disabled)."
  value       = var.enable_vanity_numbers ? module.vanity_numbers[0] : null
}
