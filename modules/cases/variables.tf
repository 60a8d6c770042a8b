variable "name_prefix" {
  description = "Prefix of every resource name (functions, table, queue, topic, rule)."
  type        = string
  default     = "connect-data"

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9-]{0,26}$", var.name_prefix))
    error_message = "name_prefix must be 1-27 letters, digits or hyphens, starting with a letter or digit: the archive bucket name adds 36 characters (S3 allows 63, no underscores)."
  }
}

variable "connect_instance_arn" {
  description = "ARN of the Amazon Connect instance: allows it to invoke the flow function, and receives the EVENT integration association when enable_event_streams is true. Null skips both."
  type        = string
  default     = null

  validation {
    condition     = var.connect_instance_arn == null || can(regex("^arn:aws[a-z-]*:connect:[a-z0-9-]+:[0-9]{12}:instance/[0-9a-f-]{36}$", var.connect_instance_arn))
    error_message = "connect_instance_arn must be an Amazon Connect instance ARN."
  }
}

variable "cases_domain_id" {
  description = "ID of the Cases domain. Scopes the event rule to it, lets the flow function read its cases and is the domain whose event configuration enable_event_streams manages. Null routes every domain's events in the account and Region."
  type        = string
  default     = null

  validation {
    condition     = var.cases_domain_id == null || can(regex("^[A-Za-z0-9-]{1,500}$", var.cases_domain_id))
    error_message = "cases_domain_id must be a Cases domain ID (letters, digits and hyphens)."
  }
}

variable "enable_event_streams" {
  description = "Turn case event streams on: the AppIntegrations event integration, the Connect EVENT association and the Cases event configuration (through the provisioning function and aws_lambda_invocation). Needs connect_instance_arn and cases_domain_id."
  type        = bool
  default     = false
}

variable "event_integration_name" {
  description = "Name of the AppIntegrations event integration; null uses <name_prefix>-cases."
  type        = string
  default     = null

  validation {
    condition     = var.event_integration_name == null || can(regex("^[A-Za-z0-9/._-]{1,255}$", var.event_integration_name))
    error_message = "event_integration_name must be 1-255 letters, digits, '/', '.', '_' or '-'."
  }
}

variable "include_system_fields" {
  description = "Include Cases' system fields (title, status, reference_number, customer_id, summary, ...) in events and in the flow function's GetCase."
  type        = bool
  default     = true
}

variable "custom_field_ids" {
  description = "IDs of the custom case fields to include in events and in the flow function's reply (see `case-event-streams list-fields`)."
  type        = list(string)
  default     = []

  validation {
    condition     = length(var.custom_field_ids) <= 200 && alltrue([for f in var.custom_field_ids : can(regex("^[A-Za-z0-9_-]{1,500}$", f))])
    error_message = "custom_field_ids must hold at most 200 field IDs of letters, digits, '_' or '-'."
  }
}

variable "disable_on_delete" {
  description = "On destroy, switch the domain's EventBridge delivery off when no other fields are left in its event configuration. Off by default: another team may rely on delivery; destroy takes out only the fields this module added and restores related-item content."
  type        = bool
  default     = false
}

variable "notify_contact_attributes" {
  description = "Contact attributes a chat's notification may carry (as chat_<name>). Empty by default: subscribers (e-mail) read notifications in clear and attributes often hold what a customer typed, so a notification carries only the contact ID unless attributes are named here. The flow's reply is not affected."
  type        = list(string)
  default     = []

  validation {
    condition     = length(var.notify_contact_attributes) <= 50 && alltrue([for a in var.notify_contact_attributes : can(regex("^[A-Za-z0-9_.-]{1,127}$", a))])
    error_message = "notify_contact_attributes must hold at most 50 attribute names of letters, digits, '_', '.' or '-' (no commas)."
  }
}

variable "notification_emails" {
  description = "E-mail addresses subscribed to the notification topic (each must confirm the subscription)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for e in var.notification_emails : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", e))])
    error_message = "notification_emails must be e-mail addresses."
  }
}

variable "notify_event_types" {
  description = "Event types that are notified (CASE.CREATED, CASE.UPDATED, CASE.DELETED, RELATED_ITEM.CREATED, RELATED_ITEM.UPDATED, RELATED_ITEM.DELETED); empty notifies every event. All events are stored either way."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for t in var.notify_event_types : contains(["CASE.CREATED", "CASE.UPDATED", "CASE.DELETED", "RELATED_ITEM.CREATED", "RELATED_ITEM.UPDATED", "RELATED_ITEM.DELETED"], t)])
    error_message = "notify_event_types may only hold CASE.CREATED, CASE.UPDATED, CASE.DELETED, RELATED_ITEM.CREATED, RELATED_ITEM.UPDATED or RELATED_ITEM.DELETED."
  }
}

variable "event_ttl_days" {
  description = "Days a stored case event is kept (DynamoDB TTL); 0 keeps events forever. Case state items never expire."
  type        = number
  default     = 0

  validation {
    condition     = var.event_ttl_days >= 0 && var.event_ttl_days <= 3650 && floor(var.event_ttl_days) == var.event_ttl_days
    error_message = "event_ttl_days must be a whole number of days between 0 and 3650."
  }
}

variable "batch_size" {
  description = "Messages per invocation of the stream function (the call budget is 1 + cases DynamoDB calls and one SNS call per 10 messages)."
  type        = number
  default     = 10

  validation {
    condition     = var.batch_size >= 1 && var.batch_size <= 100 && floor(var.batch_size) == var.batch_size
    error_message = "batch_size must be a whole number between 1 and 100."
  }
}

variable "max_receive_count" {
  description = "Deliveries of a message before it moves to the dead-letter queue."
  type        = number
  default     = 5

  validation {
    condition     = var.max_receive_count >= 1 && var.max_receive_count <= 1000 && floor(var.max_receive_count) == var.max_receive_count
    error_message = "max_receive_count must be a whole number between 1 and 1000."
  }
}

variable "consumer_enabled" {
  description = "Let Lambda poll the case event queue. False pauses consumption and events wait in the queue (up to 4 days), for maintenance or a local moto stack, where moto would consume the messages itself without running the code."
  type        = bool
  default     = true
}

variable "stream_timeout" {
  description = "Timeout of the stream function in seconds; the queue's visibility timeout is six times it."
  type        = number
  default     = 60

  validation {
    condition     = var.stream_timeout >= 10 && var.stream_timeout <= 900
    error_message = "stream_timeout must be between 10 and 900 seconds."
  }
}

variable "enable_flow_function" {
  description = "Deploy the TASK/CHAT flow function."
  type        = bool
  default     = true
}

variable "point_in_time_recovery" {
  description = "Keep continuous backups of the case table."
  type        = bool
  default     = true
}

variable "deletion_protection" {
  description = "Refuse to delete the case table (turn off before destroying)."
  type        = bool
  default     = true
}

variable "kms_key_arn" {
  description = "Customer managed KMS key for the table, queues, topic, environments and logs; null uses AWS managed keys (the topic then uses alias/aws/sns). With a customer key, its policy must let events.amazonaws.com use it for the queue."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN."
  }
}

variable "create_dependency_layer" {
  description = "Build the aws-lambda-powertools layer here; set false and pass dependency_layer_arn to share one."
  type        = bool
  default     = true
}

variable "dependency_layer_arn" {
  description = "Layer with aws-lambda-powertools, used when create_dependency_layer is false."
  type        = string
  default     = null
}

variable "lambda" {
  description = "Function settings: architecture, memory, timeout (of the flow function), log retention and level, tracing, reserved concurrency."
  type = object({
    architecture                   = optional(string, "arm64")
    memory_size                    = optional(number, 256)
    timeout                        = optional(number, 5)
    log_retention_in_days          = optional(number, 30)
    log_level                      = optional(string, "INFO")
    tracing_mode                   = optional(string, "Active")
    reserved_concurrent_executions = optional(number, -1)
    python                         = optional(string, "python3")
    permissions_boundary           = optional(string)
    role_path                      = optional(string, "/")
    code_signing_config_arn        = optional(string)
  })
  # Spelled out (not {}) so static checks see tracing on; optional() fills in the rest.
  default = { tracing_mode = "Active" }
}

variable "tags" {
  description = "Tags for every taggable resource."
  type        = map(string)
  default     = {}
}

variable "event_retry_attempts" {
  description = "EventBridge retries of a Cases event the queue target could not take, before the dead-letter queue."
  type        = number
  default     = 10

  validation {
    condition     = var.event_retry_attempts >= 0 && var.event_retry_attempts <= 185
    error_message = "event_retry_attempts must be between 0 and 185."
  }
}

variable "event_max_age_seconds" {
  description = "Oldest a Cases event may be when EventBridge retries it, in seconds."
  type        = number
  default     = 3600

  validation {
    condition     = var.event_max_age_seconds >= 60 && var.event_max_age_seconds <= 86400
    error_message = "event_max_age_seconds must be between 60 and 86400."
  }
}

variable "enable_stream" {
  description = "Turn on the cases table's DynamoDB stream (NEW_AND_OLD_IMAGES) for a consumer such as modules/analytics. Enabling it on an existing table is an in-place update."
  type        = bool
  default     = false
}
