variable "name_prefix" {
  description = "Prefix of every resource name (stream, table, function, queue)."
  type        = string
  default     = "connect-data"

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,40}$", var.name_prefix))
    error_message = "name_prefix must be 1-40 letters, digits, hyphens or underscores."
  }
}

variable "connect_instance_arn" {
  description = "ARN of the Amazon Connect instance whose agent event stream goes to the Kinesis stream (aws_connect_instance_storage_config AGENT_EVENTS). Null deploys the stream and its consumer without touching Connect."
  type        = string
  default     = null

  validation {
    condition     = var.connect_instance_arn == null || can(regex("^arn:aws[a-z-]*:connect:[a-z0-9-]+:[0-9]{12}:instance/[0-9a-f-]{36}$", var.connect_instance_arn))
    error_message = "connect_instance_arn must be an Amazon Connect instance ARN."
  }
}

variable "kinesis_stream_arn" {
  description = "ARN of an existing Kinesis data stream that receives the agent events; null creates an encrypted on-demand stream."
  type        = string
  default     = null

  validation {
    condition     = var.kinesis_stream_arn == null || can(regex("^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:[0-9]{12}:stream/[A-Za-z0-9_.-]{1,128}$", var.kinesis_stream_arn))
    error_message = "kinesis_stream_arn must be a Kinesis data stream ARN."
  }
}

variable "stream_retention_hours" {
  description = "Hours the created stream keeps records (24 is included in the price; longer costs extra per shard hour)."
  type        = number
  default     = 24

  validation {
    condition     = var.stream_retention_hours >= 24 && var.stream_retention_hours <= 8760 && floor(var.stream_retention_hours) == var.stream_retention_hours
    error_message = "stream_retention_hours must be a whole number of hours between 24 and 8760."
  }
}

variable "batch_size" {
  description = "Most records per invocation of the processor."
  type        = number
  default     = 100

  validation {
    condition     = var.batch_size >= 1 && var.batch_size <= 10000 && floor(var.batch_size) == var.batch_size
    error_message = "batch_size must be a whole number between 1 and 10000."
  }
}

variable "maximum_batching_window_in_seconds" {
  description = "Seconds Lambda gathers records before invoking (0-300): a longer window means fewer, fuller batches and fewer heartbeat reads per agent."
  type        = number
  default     = 5

  validation {
    condition     = var.maximum_batching_window_in_seconds >= 0 && var.maximum_batching_window_in_seconds <= 300 && floor(var.maximum_batching_window_in_seconds) == var.maximum_batching_window_in_seconds
    error_message = "maximum_batching_window_in_seconds must be a whole number between 0 and 300."
  }
}

variable "parallelization_factor" {
  description = "Concurrent batches per shard (1-10). Events of one agent share a partition key, so any factor keeps an agent's events in order."
  type        = number
  default     = 1

  validation {
    condition     = var.parallelization_factor >= 1 && var.parallelization_factor <= 10 && floor(var.parallelization_factor) == var.parallelization_factor
    error_message = "parallelization_factor must be a whole number between 1 and 10."
  }
}

variable "maximum_retry_attempts" {
  description = "Retries of a failing batch before its failed records go to the quarantine queue (-1 retries until they expire)."
  type        = number
  default     = 5

  validation {
    condition     = var.maximum_retry_attempts >= -1 && var.maximum_retry_attempts <= 10000 && floor(var.maximum_retry_attempts) == var.maximum_retry_attempts
    error_message = "maximum_retry_attempts must be a whole number between -1 and 10000."
  }
}

variable "maximum_record_age_in_seconds" {
  description = "Oldest record the processor still tries (60-604800, or -1 for the stream's retention); older failed records go to the quarantine queue."
  type        = number
  default     = 3600

  validation {
    condition     = var.maximum_record_age_in_seconds == -1 || (var.maximum_record_age_in_seconds >= 60 && var.maximum_record_age_in_seconds <= 604800)
    error_message = "maximum_record_age_in_seconds must be -1 or between 60 and 604800."
  }
}

variable "starting_position" {
  description = "Where a new mapping starts reading: LATEST (only new events) or TRIM_HORIZON (everything the stream still holds)."
  type        = string
  default     = "LATEST"

  validation {
    condition     = contains(["LATEST", "TRIM_HORIZON"], var.starting_position)
    error_message = "starting_position must be LATEST or TRIM_HORIZON."
  }
}

variable "consumer_enabled" {
  description = "Let Lambda read the stream. False pauses the processor; records wait in the stream for its retention."
  type        = bool
  default     = true
}

variable "processor_timeout" {
  description = "Timeout of the processor in seconds."
  type        = number
  default     = 60

  validation {
    condition     = var.processor_timeout >= 10 && var.processor_timeout <= 900
    error_message = "processor_timeout must be between 10 and 900 seconds."
  }
}

variable "history_ttl_hours" {
  description = "Hours an agent's state-change history entry is kept (DynamoDB TTL); the current item per agent never expires."
  type        = number
  default     = 24

  validation {
    condition     = var.history_ttl_hours >= 1 && var.history_ttl_hours <= 2160 && floor(var.history_ttl_hours) == var.history_ttl_hours
    error_message = "history_ttl_hours must be a whole number of hours between 1 and 2160 (90 days)."
  }
}

variable "contact_status_table_name" {
  description = "Contact status table (modules/contact_status) whose existing contact items get the name of the agent who connected; null skips the join."
  type        = string
  default     = null

  validation {
    condition     = var.contact_status_table_name == null || can(regex("^[A-Za-z0-9_.-]{3,255}$", var.contact_status_table_name))
    error_message = "contact_status_table_name must be a DynamoDB table name."
  }
}

variable "quarantine_retention_seconds" {
  description = "How long the quarantine queue keeps records the processor could not store (60 s to 14 days)."
  type        = number
  default     = 1209600

  validation {
    condition     = var.quarantine_retention_seconds >= 60 && var.quarantine_retention_seconds <= 1209600
    error_message = "quarantine_retention_seconds must be between 60 and 1209600."
  }
}

variable "point_in_time_recovery" {
  description = "Keep continuous backups of the agents table."
  type        = bool
  default     = true
}

variable "deletion_protection" {
  description = "Refuse to delete the agents table (turn off before destroying)."
  type        = bool
  default     = true
}

variable "kms_key_arn" {
  description = "Customer managed KMS key for the stream, table, queue, environment and logs; null uses AWS managed keys (alias/aws/kinesis for the stream)."
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
  description = "Function settings: architecture, memory, log retention and level, tracing, reserved concurrency (the processor's timeout is processor_timeout)."
  type = object({
    architecture                   = optional(string, "arm64")
    memory_size                    = optional(number, 256)
    timeout                        = optional(number, 8)
    log_retention_in_days          = optional(number, 30)
    log_level                      = optional(string, "INFO")
    tracing_mode                   = optional(string, "Active")
    reserved_concurrent_executions = optional(number, -1)
    python                         = optional(string, "python3")
  })
  # Spelled out (not {}) so static checks see tracing on; optional() fills in the rest.
  default = { tracing_mode = "Active" }
}

variable "tags" {
  description = "Tags for every taggable resource."
  type        = map(string)
  default     = {}
}
