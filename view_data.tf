# --- view data: step-by-step-guide answers and their questions (modules/view_data) ------------------

variable "enable_view_data" {
  description = "Deploy the view data capability (tables and the normalize function; with a Connect instance also the extract function, its schedule and the association)."
  type        = bool
  default     = true
}

variable "view_data" {
  description = "Settings of the view data capability (see modules/view_data). connect_instance_arn overrides the root one for this capability; associate_with_connect = false skips the Lambda association (for example on a local moto server)."
  type = object({
    connect_instance_arn        = optional(string)
    associate_with_connect      = optional(bool, true)
    key_attribute               = optional(string, "InitialContactId")
    retention_days              = optional(number, 365)
    time_zone                   = optional(string, "UTC")
    max_chain_hops              = optional(number, 5)
    questions_refresh_seconds   = optional(number, 300)
    flow_time_limit_seconds     = optional(number, 8)
    view_arns                   = optional(list(string), [])
    scan_flows                  = optional(bool, true)
    label_overrides             = optional(map(string), {})
    extract_on_apply            = optional(bool, true)
    extract_schedule_expression = optional(string, "rate(30 days)")
    schedule_timezone           = optional(string, "UTC")
  })
  default = {}
}

module "view_data" {
  source = "./modules/view_data"
  count  = var.enable_view_data ? 1 : 0

  name_prefix                 = var.name_prefix
  connect_instance_arn        = var.view_data.connect_instance_arn != null ? var.view_data.connect_instance_arn : var.connect_instance_arn
  associate_with_connect      = var.view_data.associate_with_connect
  kms_key_arn                 = var.kms_key_arn
  deletion_protection         = var.deletion_protection
  lambda                      = var.lambda
  create_dependency_layer     = false
  dependency_layer_arn        = local.layer_arn
  key_attribute               = var.view_data.key_attribute
  retention_days              = var.view_data.retention_days
  time_zone                   = var.view_data.time_zone
  max_chain_hops              = var.view_data.max_chain_hops
  questions_refresh_seconds   = var.view_data.questions_refresh_seconds
  flow_time_limit_seconds     = var.view_data.flow_time_limit_seconds
  view_arns                   = var.view_data.view_arns
  scan_flows                  = var.view_data.scan_flows
  label_overrides             = var.view_data.label_overrides
  extract_on_apply            = var.view_data.extract_on_apply
  extract_schedule_expression = var.view_data.extract_schedule_expression
  schedule_timezone           = var.view_data.schedule_timezone
  enable_stream               = var.enable_analytics
  tags                        = var.tags

  alarm_topic_arn = local.alarm_topic_arn
  monitoring      = local.monitoring
}

output "view_data" {
  description = "Names and ARNs of the view data capability: tables, normalize and extract functions, schedule, dead-letter queue, package paths."
  value       = var.enable_view_data ? module.view_data[0] : null
}
