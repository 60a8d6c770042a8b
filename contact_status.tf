# --- contact status ----------------------------------------------------------------------------------
# One always-current item per contact from contact events and flow logs, plus the record and history
# flow functions (see modules/contact_status).

variable "enable_contact_status" {
  description = "Deploy the contact status (status and history tables, processor, event rule, record and history functions)."
  type        = bool
  default     = true
}

variable "contact_status" {
  description = "Settings of the contact status (see modules/contact_status)."
  type = object({
    flow_log_group_name         = optional(string)
    flow_log_filter_pattern     = optional(string, "")
    retention_minutes           = optional(number, 1440)
    history_max_entries         = optional(number, 200)
    history_window_minutes      = optional(number, 1440)
    default_country_code        = optional(string, "1")
    event_retry_attempts        = optional(number, 10)
    event_max_age_seconds       = optional(number, 3600)
    enable_archive              = optional(bool, false)
    archive_bucket_name         = optional(string)
    archive_prefix              = optional(string, "contact-status/")
    trust_customer_id_parameter = optional(bool, false)
    archive_retention_days      = optional(number, 365)
    access_log_bucket           = optional(string)
    batch_contact_events        = optional(bool, true)
    contact_events_batch_size   = optional(number, 100)
    contact_events_window       = optional(number, 10)
  })
  default = {}
}

module "contact_status" {
  source = "./modules/contact_status"
  count  = var.enable_contact_status ? 1 : 0

  name_prefix                 = var.name_prefix
  connect_instance_arn        = var.connect_instance_arn
  kms_key_arn                 = var.kms_key_arn
  deletion_protection         = var.deletion_protection
  lambda                      = var.lambda
  create_dependency_layer     = false
  dependency_layer_arn        = local.layer_arn
  flow_log_group_name         = var.contact_status.flow_log_group_name
  flow_log_filter_pattern     = var.contact_status.flow_log_filter_pattern
  retention_minutes           = var.contact_status.retention_minutes
  history_max_entries         = var.contact_status.history_max_entries
  history_window_minutes      = var.contact_status.history_window_minutes
  default_country_code        = var.contact_status.default_country_code
  event_retry_attempts        = var.contact_status.event_retry_attempts
  event_max_age_seconds       = var.contact_status.event_max_age_seconds
  enable_archive              = var.contact_status.enable_archive
  archive_bucket_name         = var.contact_status.archive_bucket_name
  archive_prefix              = var.contact_status.archive_prefix
  trust_customer_id_parameter = var.contact_status.trust_customer_id_parameter
  enable_stream               = var.enable_analytics
  archive_retention_days      = var.contact_status.archive_retention_days
  access_log_bucket           = var.contact_status.access_log_bucket
  batch_contact_events        = var.contact_status.batch_contact_events
  contact_events_batch_size   = var.contact_status.contact_events_batch_size

  contact_events_batching_window_seconds = var.contact_status.contact_events_window
  tags                                   = var.tags

  alarm_topic_arn = local.alarm_topic_arn
  monitoring      = local.monitoring
}


output "contact_status" {
  description = "Names and ARNs of the contact status: status and history tables, indexes, functions, roles, log groups, dead-letter queue, rule, archive."
  value       = var.enable_contact_status ? module.contact_status[0] : null
}
