# --- Amazon Connect Cases ----------------------------------------------------------------------------
# Case events -> EventBridge -> SQS -> DynamoDB + SNS, the TASK/CHAT flow function, and (with an instance
# and a domain) case event streams turned on through the provisioning function. See modules/cases.

variable "enable_cases" {
  description = "Deploy the Cases capability (case event store and notifications, TASK/CHAT flow function)."
  type        = bool
  default     = true
}

variable "cases" {
  description = "Settings of the Cases capability (see modules/cases). enable_event_streams needs connect_instance_arn and cases_domain_id."
  type = object({
    cases_domain_id           = optional(string)
    enable_event_streams      = optional(bool, false)
    event_integration_name    = optional(string)
    include_system_fields     = optional(bool, true)
    custom_field_ids          = optional(list(string), [])
    disable_on_delete         = optional(bool, false)
    notification_emails       = optional(list(string), [])
    notify_event_types        = optional(list(string), [])
    event_ttl_days            = optional(number, 0)
    batch_size                = optional(number, 10)
    max_receive_count         = optional(number, 5)
    stream_timeout            = optional(number, 60)
    consumer_enabled          = optional(bool, true)
    enable_flow_function      = optional(bool, true)
    notify_contact_attributes = optional(list(string), [])
  })
  default = {}
}

module "cases" {
  source = "./modules/cases"
  count  = var.enable_cases ? 1 : 0

  name_prefix               = var.name_prefix
  connect_instance_arn      = var.connect_instance_arn
  kms_key_arn               = var.kms_key_arn
  deletion_protection       = var.deletion_protection
  lambda                    = var.lambda
  create_dependency_layer   = false
  dependency_layer_arn      = local.layer_arn
  cases_domain_id           = var.cases.cases_domain_id
  enable_event_streams      = var.cases.enable_event_streams
  event_integration_name    = var.cases.event_integration_name
  include_system_fields     = var.cases.include_system_fields
  custom_field_ids          = var.cases.custom_field_ids
  disable_on_delete         = var.cases.disable_on_delete
  notification_emails       = var.cases.notification_emails
  notify_event_types        = var.cases.notify_event_types
  event_ttl_days            = var.cases.event_ttl_days
  batch_size                = var.cases.batch_size
  max_receive_count         = var.cases.max_receive_count
  stream_timeout            = var.cases.stream_timeout
  consumer_enabled          = var.cases.consumer_enabled
  enable_flow_function      = var.cases.enable_flow_function
  notify_contact_attributes = var.cases.notify_contact_attributes
  enable_stream             = var.enable_analytics
  tags                      = var.tags

  alarm_topic_arn = local.alarm_topic_arn
  monitoring      = local.monitoring
}


output "cases" {
  description = "Names and ARNs of the Cases capability: table, queues, rule, topic, functions, event integration."
  value       = var.enable_cases ? module.cases[0] : null
}
