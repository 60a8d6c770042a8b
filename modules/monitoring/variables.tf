variable "name" {
  description = "Prefix of every alarm name and the dashboard's name, for example acme-cases."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,200}$", var.name))
    error_message = "name must be 1-200 letters, digits, hyphens or underscores (a dashboard name accepts nothing else)."
  }
}

variable "capability" {
  description = "Capability the functions belong to: the capability dimension of their EMF metrics (the handler's subpackage, for example cases)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]*$", var.capability))
    error_message = "capability must be a lower_snake_case subpackage name."
  }
}

variable "alarm_topic_arn" {
  description = "SNS topic every alarm notifies (on ALARM and on OK). Alarms are created when it is given, unless create_alarms says otherwise."
  type        = string
  default     = null

  validation {
    condition     = var.alarm_topic_arn == null || can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+$", var.alarm_topic_arn))
    error_message = "alarm_topic_arn must be an SNS topic ARN."
  }
}

variable "create_alarms" {
  description = "Create the alarms. Null means: when alarm_topic_arn is given. Set it explicitly when the topic ARN is known only after apply (a topic created in the same configuration)."
  type        = bool
  default     = null
}

variable "create_dashboard" {
  description = "Create the capability's CloudWatch dashboard."
  type        = bool
  default     = true
}

variable "metrics_namespace" {
  description = "CloudWatch namespace of the functions' EMF metrics (the functions' POWERTOOLS_METRICS_NAMESPACE)."
  type        = string
  default     = "ConnectData"

  validation {
    condition     = can(regex("^[A-Za-z0-9_./#:-]{1,255}$", var.metrics_namespace)) && !startswith(var.metrics_namespace, "AWS/")
    error_message = "metrics_namespace must be 1-255 letters, digits or . _ - / # : and must not start with AWS/."
  }
}

variable "runbook_url" {
  description = "Where the runbook is read: every alarm's description ends with it and its section's anchor. The default is the path inside this repository; set the URL of your copy (an http(s) URL without a fragment) to make the alarms link to it."
  type        = string
  default     = "docs/RUNBOOK.md"
  nullable    = false

  validation {
    condition     = can(regex("^(https?://[^#\\s]+|[A-Za-z0-9_./-]+\\.md)$", var.runbook_url))
    error_message = "runbook_url must be an http(s) URL without a fragment or a path to a .md file (the alarms add their section's anchor)."
  }
}

variable "functions" {
  description = "The capability's functions by a static key: name, timeout in seconds, flow_invoked (answers a contact flow: error-share alarm) and stream (reads a Kinesis or DynamoDB stream: iterator-age alarm)."
  type = map(object({
    function_name = string
    timeout       = number
    flow_invoked  = optional(bool, false)
    stream        = optional(bool, false)
  }))
  default = {}

  validation {
    condition     = alltrue([for f in values(var.functions) : f.timeout >= 1 && f.timeout <= 900])
    error_message = "Every function's timeout must be between 1 and 900 seconds."
  }
}

variable "dead_letter_queues" {
  description = "Dead-letter and quarantine queue names by a static key: each gets a visible-messages and an oldest-message-age alarm."
  type        = map(string)
  default     = {}
}

variable "source_queues" {
  description = "Queues a function consumes, by a static key: on the dashboard (oldest message age, depth), no alarm of their own."
  type        = map(string)
  default     = {}
}

variable "rules" {
  description = "EventBridge rule names on the default bus by a static key: each gets a failed-invocations and a sent-to-dead-letter-queue alarm."
  type        = map(string)
  default     = {}
}

variable "thresholds" {
  description = "Alarm thresholds overriding the defaults (see the module README): function_errors, function_throttles (counts per period), duration_ratio (p99 duration as a share of the timeout), iterator_age_seconds, flow_error_percent, dlq_visible_messages, dlq_age_seconds, rule_failed_invocations, rule_dead_letter_invocations, period_seconds, evaluation_periods."
  type        = map(number)
  default     = {}

  validation {
    condition = alltrue([for k in keys(var.thresholds) : contains([
      "function_errors", "function_throttles", "duration_ratio", "iterator_age_seconds", "flow_error_percent",
      "dlq_visible_messages", "dlq_age_seconds", "rule_failed_invocations", "rule_dead_letter_invocations",
      "period_seconds", "evaluation_periods",
    ], k)])
    error_message = "thresholds knows function_errors, function_throttles, duration_ratio, iterator_age_seconds, flow_error_percent, dlq_visible_messages, dlq_age_seconds, rule_failed_invocations, rule_dead_letter_invocations, period_seconds and evaluation_periods."
  }
  validation {
    condition     = alltrue([for v in values(var.thresholds) : v >= 0])
    error_message = "Every threshold must be zero or more."
  }
  validation {
    condition     = lookup(var.thresholds, "duration_ratio", 0.8) > 0 && lookup(var.thresholds, "duration_ratio", 0.8) <= 1
    error_message = "duration_ratio is a share of the timeout: more than 0, at most 1."
  }
  validation {
    condition     = lookup(var.thresholds, "flow_error_percent", 5) <= 100
    error_message = "flow_error_percent is a percentage: at most 100."
  }
  validation {
    condition     = contains([60, 300, 900, 3600], lookup(var.thresholds, "period_seconds", 300)) && lookup(var.thresholds, "evaluation_periods", 1) >= 1 && floor(lookup(var.thresholds, "evaluation_periods", 1)) == lookup(var.thresholds, "evaluation_periods", 1)
    error_message = "period_seconds must be 60, 300, 900 or 3600 and evaluation_periods a whole number of at least 1."
  }
}

variable "tags" {
  description = "Tags for every alarm and the dashboard."
  type        = map(string)
  default     = {}
}
