variable "name_prefix" {
  description = "Prefix of every resource name (functions, roles, tables, queue, rule)."
  type        = string
  default     = "connect-data"

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9-]{0,26}$", var.name_prefix))
    error_message = "name_prefix must be 1-27 letters, digits or hyphens, starting with a letter or digit: the archive bucket name adds 36 characters (S3 allows 63, no underscores)."
  }
}

variable "connect_instance_arn" {
  description = "ARN of the Amazon Connect instance: filters the contact-event rule and allows the instance to invoke the record and history functions. Null deploys the table and processor without Connect permissions."
  type        = string
  default     = null

  validation {
    condition     = var.connect_instance_arn == null || can(regex("^arn:aws[a-z-]*:connect:[a-z0-9-]+:[0-9]{12}:instance/[0-9a-f-]{36}$", var.connect_instance_arn))
    error_message = "connect_instance_arn must be an Amazon Connect instance ARN."
  }
}

variable "flow_log_group_name" {
  description = "The instance's flow-log group (/aws/connect/<instance alias>); null subscribes to no flow logs."
  type        = string
  default     = null

  validation {
    condition     = var.flow_log_group_name == null || can(regex("^/aws/connect/[A-Za-z0-9._-]{1,62}$", var.flow_log_group_name))
    error_message = "flow_log_group_name must look like /aws/connect/<instance alias>."
  }
}

variable "flow_log_filter_pattern" {
  description = "CloudWatch Logs filter pattern of the subscription; the default passes every flow-log record."
  type        = string
  default     = ""
}

variable "retention_minutes" {
  description = "How long a contact's status item lives after its last event, in minutes (the TTL slides with each event)."
  type        = number
  default     = 1440

  validation {
    condition     = var.retention_minutes >= 5 && var.retention_minutes <= 525600 && floor(var.retention_minutes) == var.retention_minutes
    error_message = "retention_minutes must be a whole number between 5 minutes and one year."
  }
}

# Nothing reads it any more (see its description); it stays declared so callers passing it still plan.
# tflint-ignore: terraform_unused_declarations
variable "history_max_entries" {
  description = "Deprecated and ignored since history pages: the processor keeps every entry until its page's ExpiresAt; readers such as contact-timeline show the newest entries and count the rest."
  type        = number
  default     = 200

  validation {
    condition     = var.history_max_entries >= 10 && var.history_max_entries <= 200 && floor(var.history_max_entries) == var.history_max_entries
    error_message = "history_max_entries must be a whole number from 10 to 200 (the item must stay under DynamoDB's 400 KB)."
  }
}

variable "history_window_minutes" {
  description = "Default window of the history function (a flow can pass windowMinutes)."
  type        = number
  default     = 1440

  validation {
    condition     = var.history_window_minutes >= 1 && var.history_window_minutes <= 525600
    error_message = "history_window_minutes must be between 1 minute and one year."
  }
}

variable "default_country_code" {
  description = "Country calling code given to national caller numbers when the customer identifier is normalized (without +)."
  type        = string
  default     = "1"

  validation {
    condition     = can(regex("^[1-9][0-9]{0,2}$", var.default_country_code))
    error_message = "default_country_code must be 1-3 digits without a leading zero or +."
  }
}

variable "trust_customer_id_parameter" {
  description = "Let a flow's customerId parameter choose whose contacts the record function files and the history function answers. Off by default: both key only on the customer endpoint Connect reports, because a flow passing caller input (a typed account number) would let one caller read another customer's contacts. Turn on only when every flow sets customerId from a verified identity."
  type        = bool
  default     = false
}

variable "event_retry_attempts" {
  description = "EventBridge retries of a contact event the processor target could not take, before the dead-letter queue."
  type        = number
  default     = 10

  validation {
    condition     = var.event_retry_attempts >= 0 && var.event_retry_attempts <= 185
    error_message = "event_retry_attempts must be between 0 and 185."
  }
}

variable "event_max_age_seconds" {
  description = "Oldest a contact event may be when EventBridge retries it, in seconds."
  type        = number
  default     = 3600

  validation {
    condition     = var.event_max_age_seconds >= 60 && var.event_max_age_seconds <= 86400
    error_message = "event_max_age_seconds must be between 60 and 86400."
  }
}

variable "batch_contact_events" {
  description = "Send contact events to an SQS queue the processor reads in batches (merged per contact per batch, partial batch failures, a dead-letter queue of its own); false invokes the processor once per event from the rule."
  type        = bool
  default     = true
}

variable "contact_events_batch_size" {
  description = "Most contact events per processor invocation when batch_contact_events is on."
  type        = number
  default     = 100

  validation {
    condition     = var.contact_events_batch_size >= 1 && var.contact_events_batch_size <= 10000 && floor(var.contact_events_batch_size) == var.contact_events_batch_size
    error_message = "contact_events_batch_size must be a whole number between 1 and 10000."
  }
}

variable "contact_events_batching_window_seconds" {
  description = "Longest the event source mapping waits to fill a batch of contact events, in seconds (at least 1 when the batch size passes 10, as Lambda requires). Lambda fills batches with several pollers at once, so the window, more than the batch size, sets how many events an invocation gets."
  type        = number
  default     = 10

  validation {
    condition     = var.contact_events_batching_window_seconds >= 0 && var.contact_events_batching_window_seconds <= 300 && floor(var.contact_events_batching_window_seconds) == var.contact_events_batching_window_seconds
    error_message = "contact_events_batching_window_seconds must be a whole number between 0 and 300."
  }
}

variable "contact_events_max_receive_count" {
  description = "Receives of a contact-events message before its queue moves it to the dead-letter queue."
  type        = number
  default     = 5

  validation {
    condition     = var.contact_events_max_receive_count >= 1 && var.contact_events_max_receive_count <= 1000
    error_message = "contact_events_max_receive_count must be between 1 and 1000."
  }
}

variable "enable_archive" {
  description = "Write status items and history pages deleted by TTL to S3 as JSON Lines through the two tables' streams."
  type        = bool
  default     = false
}

variable "archive_bucket_name" {
  description = "Existing S3 bucket for the archive; null creates one (<name_prefix>-contact-status-archive-<account>)."
  type        = string
  default     = null
}

variable "archive_retention_days" {
  description = "Days an archived object is kept before S3 expires it (a year by default); null keeps archives until deleted by hand."
  type        = number
  default     = 365

  validation {
    condition     = var.archive_retention_days == null || try(var.archive_retention_days >= 1 && floor(var.archive_retention_days) == var.archive_retention_days, false)
    error_message = "archive_retention_days must be a whole number of days, 1 or more (or null)."
  }
}

variable "access_log_bucket" {
  description = "Name of an existing S3 bucket that receives the archive bucket's server access logs (opt-in); null logs nothing."
  type        = string
  default     = null

  validation {
    condition     = var.access_log_bucket == null || can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.access_log_bucket))
    error_message = "access_log_bucket must be an S3 bucket name (3-63 lowercase letters, digits, dots or hyphens)."
  }
}

variable "archive_prefix" {
  description = "Key prefix of archived objects."
  type        = string
  default     = "contact-status/"

  validation {
    condition     = can(regex("^([A-Za-z0-9!_.*'()-]+/)*$", var.archive_prefix))
    error_message = "archive_prefix must be empty or end with / and use S3-safe characters."
  }
}

variable "billing_mode" {
  description = "PAY_PER_REQUEST (on-demand) or PROVISIONED."
  type        = string
  default     = "PAY_PER_REQUEST"

  validation {
    condition     = contains(["PAY_PER_REQUEST", "PROVISIONED"], var.billing_mode)
    error_message = "billing_mode must be PAY_PER_REQUEST or PROVISIONED."
  }
}

variable "read_capacity" {
  description = "Read capacity units of each table (status and history) and each index when billing_mode is PROVISIONED."
  type        = number
  default     = 5
}

variable "write_capacity" {
  description = "Write capacity units of each table (status and history) and each index when billing_mode is PROVISIONED."
  type        = number
  default     = 5
}

variable "point_in_time_recovery" {
  description = "Keep continuous backups of the status and history tables."
  type        = bool
  default     = true
}

variable "deletion_protection" {
  description = "Refuse to delete the status and history tables (turn off before destroying)."
  type        = bool
  default     = true
}

variable "kms_key_arn" {
  description = "Customer managed KMS key for the tables, queue, archive bucket, environments and logs; null uses AWS managed encryption."
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
  description = "Function settings: architecture, memory, timeout, log retention and level, tracing, reserved concurrency. The processor and archive get at least 60 s."
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
  default = {}
}

variable "tags" {
  description = "Tags for every taggable resource."
  type        = map(string)
  default     = {}
}

variable "enable_stream" {
  description = "Turn on the DynamoDB streams (NEW_AND_OLD_IMAGES) of the contact status and history tables for a consumer such as modules/analytics. Enabling them is an in-place update; with enable_archive it changes the view type from OLD_IMAGE, which gives each stream a new ARN."
  type        = bool
  default     = false
}
