# --- Agent event streams -----------------------------------------------------------------------------
# Connect's agent events -> Kinesis -> the processor -> an agents table (current state, contacts, a TTL
# history), and the agent's name onto the contact-status item of the contact it connected to. See
# modules/agent_events. Off by default: a Kinesis stream bills by the hour even when idle.

variable "enable_agent_events" {
  description = "Deploy the agent event streams capability (Kinesis stream, processor, agents table; with a Connect instance its AGENT_EVENTS storage config)."
  type        = bool
  default     = false
}

variable "agent_events" {
  description = "Settings of the agent event streams (see modules/agent_events). The contact join uses the contact status table when enable_contact_status is on."
  type = object({
    kinesis_stream_arn                 = optional(string)
    stream_retention_hours             = optional(number, 24)
    batch_size                         = optional(number, 100)
    maximum_batching_window_in_seconds = optional(number, 5)
    parallelization_factor             = optional(number, 1)
    maximum_retry_attempts             = optional(number, 5)
    maximum_record_age_in_seconds      = optional(number, 3600)
    starting_position                  = optional(string, "LATEST")
    consumer_enabled                   = optional(bool, true)
    processor_timeout                  = optional(number, 60)
    history_ttl_hours                  = optional(number, 24)
    join_contact_status                = optional(bool, true)
  })
  default = {}
}

module "agent_events" {
  source = "./modules/agent_events"
  count  = var.enable_agent_events ? 1 : 0

  name_prefix                        = var.name_prefix
  connect_instance_arn               = var.connect_instance_arn
  kms_key_arn                        = var.kms_key_arn
  deletion_protection                = var.deletion_protection
  lambda                             = var.lambda
  create_dependency_layer            = false
  dependency_layer_arn               = local.layer_arn
  kinesis_stream_arn                 = var.agent_events.kinesis_stream_arn
  stream_retention_hours             = var.agent_events.stream_retention_hours
  batch_size                         = var.agent_events.batch_size
  maximum_batching_window_in_seconds = var.agent_events.maximum_batching_window_in_seconds
  parallelization_factor             = var.agent_events.parallelization_factor
  maximum_retry_attempts             = var.agent_events.maximum_retry_attempts
  maximum_record_age_in_seconds      = var.agent_events.maximum_record_age_in_seconds
  starting_position                  = var.agent_events.starting_position
  consumer_enabled                   = var.agent_events.consumer_enabled
  processor_timeout                  = var.agent_events.processor_timeout
  history_ttl_hours                  = var.agent_events.history_ttl_hours
  contact_status_table_name          = var.enable_contact_status && var.agent_events.join_contact_status ? module.contact_status[0].table_name : null
  tags                               = var.tags

  alarm_topic_arn = local.alarm_topic_arn
  monitoring      = local.monitoring
}

output "agent_events" {
  description = "Names and ARNs of the agent event streams: stream, table, quarantine queue, processor, mapping, storage config."
  value       = var.enable_agent_events ? module.agent_events[0] : null
}
