# --- alarms and dashboard (modules/monitoring; what each alarm means: docs/RUNBOOK.md) ----------------

variable "alarm_topic_arn" {
  description = "SNS topic the capability's alarms notify; alarms are created when it is given (see monitoring.create_alarms), none without."
  type        = string
  default     = null

  validation {
    condition     = var.alarm_topic_arn == null || can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+$", var.alarm_topic_arn))
    error_message = "alarm_topic_arn must be an SNS topic ARN."
  }
}

variable "monitoring" {
  description = "Alarms and dashboard (see modules/monitoring): create_alarms (null: when alarm_topic_arn is given; set it when the topic is created in the same apply), create_dashboard, metrics_namespace of the functions' EMF metrics, runbook_url, and thresholds overriding the defaults by name."
  type = object({
    create_alarms     = optional(bool)
    create_dashboard  = optional(bool, true)
    metrics_namespace = optional(string, "ConnectData")
    runbook_url       = optional(string)
    thresholds        = optional(map(number), {})
  })
  default = {}
}

module "monitoring" {
  source = "../monitoring"

  name              = "${var.name_prefix}-contact-status"
  capability        = "contact_status"
  alarm_topic_arn   = var.alarm_topic_arn
  create_alarms     = var.monitoring.create_alarms
  create_dashboard  = var.monitoring.create_dashboard
  metrics_namespace = var.monitoring.metrics_namespace
  runbook_url       = var.monitoring.runbook_url
  thresholds        = var.monitoring.thresholds
  tags              = var.tags

  functions = merge(
    { processor = { function_name = module.processor.function_name, timeout = module.processor.timeout } },
    { record = { function_name = module.record.function_name, timeout = module.record.timeout, flow_invoked = true } },
    { history = { function_name = module.history.function_name, timeout = module.history.timeout, flow_invoked = true } },
    { for m in module.archive : "archive" => { function_name = m.function_name, timeout = m.timeout, stream = true } },
  )
  dead_letter_queues = merge(
    { dead_letter = aws_sqs_queue.dead_letter.name },
    { for q in aws_sqs_queue.contact_events_dead_letter : "contact_events_dead_letter" => q.name },
  )
  source_queues = { for q in aws_sqs_queue.contact_events : "contact_events" => q.name }
  rules         = { contact_events = aws_cloudwatch_event_rule.contact_events.name }
}

output "monitoring" {
  description = "The capability's alarms (names by kind and part) and dashboard name."
  value = {
    alarm_names    = module.monitoring.alarm_names
    dashboard_name = module.monitoring.dashboard_name
  }
}
