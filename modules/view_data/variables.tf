variable "name_prefix" {
  description = "Prefix of every resource name (functions, roles, tables, schedule, queue)."
  type        = string
  default     = "connect-data"

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9-]{0,26}$", var.name_prefix))
    error_message = "name_prefix must be 1-27 letters, digits or hyphens, starting with a letter or digit: the archive bucket name adds 36 characters (S3 allows 63, no underscores)."
  }
}

variable "connect_instance_arn" {
  description = "ARN of the Amazon Connect instance. Scopes the Connect permissions; null deploys the tables and the normalize function only (no Connect enrichment, no extract function)."
  type        = string
  default     = null

  validation {
    condition     = var.connect_instance_arn == null || can(regex("^arn:aws[a-z-]*:connect:[a-z0-9-]+:[0-9]{12}:instance/[0-9a-f-]{36}$", var.connect_instance_arn))
    error_message = "connect_instance_arn must be an Amazon Connect instance ARN."
  }
}

variable "associate_with_connect" {
  description = "Allow the instance to invoke the normalize function and associate it with the instance (false where the instance is not reachable, for example on a local moto server)."
  type        = bool
  default     = true
}

variable "key_attribute" {
  description = "Partition key name of the view data table. Its value is the ID of the original contact the guide's contact chain leads to."
  type        = string
  default     = "InitialContactId"

  validation {
    condition     = can(regex("^[A-Za-z_][A-Za-z0-9_.-]{0,254}$", var.key_attribute)) && !contains(["Answers", "Questions", "Guides", "CreatedAt", "UpdatedAt", "ExpiresAt"], var.key_attribute)
    error_message = "key_attribute must be an attribute name (letters, digits, _ . -) other than Answers, Questions, Guides, CreatedAt, UpdatedAt and ExpiresAt."
  }
}

variable "retention_days" {
  description = "Days a view data item lives after its last guide (DynamoDB TTL on ExpiresAt)."
  type        = number
  default     = 365

  validation {
    condition     = var.retention_days >= 1 && var.retention_days <= 3650 && floor(var.retention_days) == var.retention_days
    error_message = "retention_days must be a whole number of days between 1 and 3650."
  }
}

variable "time_zone" {
  description = "IANA time zone of CreatedAt (for example Europe/Berlin); the offset follows daylight saving."
  type        = string
  default     = "UTC"

  validation {
    condition     = can(regex("^(UTC|[A-Z][A-Za-z_-]+(/[A-Za-z0-9_+-]+){1,2})$", var.time_zone))
    error_message = "time_zone must be an IANA zone name such as UTC, America/New_York or America/Argentina/Buenos_Aires."
  }
}

variable "max_chain_hops" {
  description = "How many RelatedContactId / PreviousContactId links the normalize function follows to find the original VOICE contact."
  type        = number
  default     = 5

  validation {
    condition     = var.max_chain_hops >= 0 && var.max_chain_hops <= 10 && floor(var.max_chain_hops) == var.max_chain_hops
    error_message = "max_chain_hops must be a whole number from 0 to 10."
  }
}

variable "questions_refresh_seconds" {
  description = "How long a warm normalize function keeps the question texts before reading the questions table again."
  type        = number
  default     = 300

  validation {
    condition     = var.questions_refresh_seconds >= 0 && var.questions_refresh_seconds <= 86400
    error_message = "questions_refresh_seconds must be between 0 and 86400."
  }
}

variable "flow_time_limit_seconds" {
  description = "The InvocationTimeLimitSeconds of the flow block that invokes the normalize function; enrichment stops early enough to write within it."
  type        = number
  default     = 8

  validation {
    condition     = var.flow_time_limit_seconds >= 1 && var.flow_time_limit_seconds <= 8
    error_message = "flow_time_limit_seconds must be between 1 and 8 (Connect's limit)."
  }
}

variable "view_arns" {
  description = "Views whose questions the extract function reads; empty discovers every published view of the instance (and the Show view blocks of its flows)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.view_arns : can(regex("^arn:aws(-cn|-us-gov)?:connect:[a-z0-9-]+:([0-9]{12}:instance/[0-9a-f-]{36}/view/|aws:view/)[A-Za-z0-9_.:$-]+$", arn))])
    error_message = "view_arns must be Amazon Connect view ARNs: an instance's (arn:aws:connect:REGION:ACCOUNT:instance/ID/view/VIEW) or AWS-managed ones (arn:aws:connect:REGION:aws:view/VIEW)."
  }
}

variable "scan_flows" {
  description = "Also read the questions flows pass to AWS-managed views (the Form view's ViewData in Show view blocks)."
  type        = bool
  default     = true
}

variable "label_overrides" {
  description = "Question texts by answer key that replace (or add to) what the view templates say."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for name, label in var.label_overrides : length(name) > 0 && length(label) > 0])
    error_message = "label_overrides keys and values must be non-empty."
  }
}

variable "extract_on_apply" {
  description = "Run the extract function on every apply whose inputs (code, views, overrides) changed."
  type        = bool
  default     = true
}

variable "extract_schedule_expression" {
  description = "EventBridge Scheduler expression for the periodic extract; null disables the schedule."
  type        = string
  default     = "rate(30 days)"

  validation {
    condition     = var.extract_schedule_expression == null || can(regex("^(rate\\([1-9][0-9]* (minute|minutes|hour|hours|day|days)\\)|cron\\(.+\\)|at\\(.+\\))$", var.extract_schedule_expression))
    error_message = "extract_schedule_expression must be rate(N unit), cron(...) or at(...)."
  }
}

variable "schedule_timezone" {
  description = "Time zone the schedule's cron expression is read in."
  type        = string
  default     = "UTC"
}

variable "extract_timeout" {
  description = "Timeout of the extract function in seconds (it pages through every view and flow)."
  type        = number
  default     = 300

  validation {
    condition     = var.extract_timeout >= 10 && var.extract_timeout <= 900
    error_message = "extract_timeout must be between 10 and 900 seconds."
  }
}

variable "schedule_max_retry_attempts" {
  description = "Retries EventBridge Scheduler makes when it cannot invoke the extract function."
  type        = number
  default     = 3

  validation {
    condition     = var.schedule_max_retry_attempts >= 0 && var.schedule_max_retry_attempts <= 185
    error_message = "schedule_max_retry_attempts must be between 0 and 185."
  }
}

variable "billing_mode" {
  description = "PAY_PER_REQUEST (on-demand) or PROVISIONED for both tables."
  type        = string
  default     = "PAY_PER_REQUEST"

  validation {
    condition     = contains(["PAY_PER_REQUEST", "PROVISIONED"], var.billing_mode)
    error_message = "billing_mode must be PAY_PER_REQUEST or PROVISIONED."
  }
}

variable "read_capacity" {
  description = "Read capacity units of each table when billing_mode is PROVISIONED."
  type        = number
  default     = 5
}

variable "write_capacity" {
  description = "Write capacity units of each table when billing_mode is PROVISIONED."
  type        = number
  default     = 5
}

variable "point_in_time_recovery" {
  description = "Keep continuous backups of both tables."
  type        = bool
  default     = true
}

variable "deletion_protection" {
  description = "Refuse to delete the tables (turn off before destroying)."
  type        = bool
  default     = true
}

variable "kms_key_arn" {
  description = "Customer managed KMS key for the tables, the dead-letter queue, the functions' environments and logs; null uses AWS managed encryption."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN."
  }
}

variable "create_dependency_layer" {
  description = "Build the aws-lambda-powertools + tzdata layer here; set false and pass dependency_layer_arn to share one."
  type        = bool
  default     = true
}

variable "dependency_layer_arn" {
  description = "Layer with the packages of lambda_src/requirements.txt, used when create_dependency_layer is false."
  type        = string
  default     = null
}

variable "lambda" {
  description = "Function settings: architecture, memory, timeout (of the normalize function), log retention and level, tracing, reserved concurrency."
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
  description = "Turn on the view data table's DynamoDB stream (NEW_AND_OLD_IMAGES) for a consumer such as modules/analytics. Enabling it on an existing table is an in-place update."
  type        = bool
  default     = false
}
