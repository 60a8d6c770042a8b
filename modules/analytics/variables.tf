variable "name_prefix" {
  description = "Prefix of every resource name (bucket, function, database, workgroup)."
  type        = string
  default     = "connect-data"

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,40}$", var.name_prefix))
    error_message = "name_prefix must be 1-40 letters, digits, hyphens or underscores."
  }
}

variable "sources" {
  description = "The tables whose streams feed the lake, keyed by kind (view_data, contact_status, contact_history, cases, vanity): table name and stream ARN (NEW_AND_OLD_IMAGES)."
  type = map(object({
    table_name = string
    stream_arn = string
  }))

  validation {
    condition     = alltrue([for kind in keys(var.sources) : contains(["view_data", "contact_status", "contact_history", "cases", "vanity"], kind)])
    error_message = "sources keys must be view_data, contact_status, contact_history, cases or vanity."
  }
}

variable "bucket_name" {
  description = "Existing bucket to write the lake to; null creates an encrypted, TLS-only, private bucket."
  type        = string
  default     = null
}

variable "prefix" {
  description = "Key prefix of the lake in the bucket (each dataset gets <prefix><dataset>/dt=YYYY-MM-DD/)."
  type        = string
  default     = "lake/"

  validation {
    condition     = var.prefix == "" || can(regex("^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*/$", var.prefix))
    error_message = "prefix must be empty or path segments ending in a slash, for example lake/."
  }
}

variable "phone_numbers" {
  description = "How phone numbers reach the lake: mask (country code and last two digits, like the logs) or keep (as the tables hold them). Area codes of vanity results are kept either way."
  type        = string
  default     = "mask"

  validation {
    condition     = contains(["mask", "keep"], var.phone_numbers)
    error_message = "phone_numbers must be mask or keep."
  }
}

variable "key_attribute" {
  description = "Key attribute of the view data table (the view data capability's key_attribute)."
  type        = string
  default     = "InitialContactId"
}

variable "transition_days" {
  description = "Days after which lake objects move to S3 Standard-IA (at least 30, S3's minimum)."
  type        = number
  default     = 30

  validation {
    condition     = var.transition_days >= 30 && floor(var.transition_days) == var.transition_days
    error_message = "transition_days must be a whole number of at least 30."
  }
}

variable "expiration_days" {
  description = "Days after which lake objects and Athena results are deleted; 0 keeps the lake forever (results still expire after 30 days)."
  type        = number
  default     = 730

  validation {
    condition     = var.expiration_days == 0 || (var.expiration_days >= 31 && floor(var.expiration_days) == var.expiration_days)
    error_message = "expiration_days must be 0 or a whole number of days above 30 (past the transition)."
  }
}

variable "projection_start_date" {
  description = "First day (YYYY-MM-DD) of the date partitions Athena projects; queries see nothing earlier."
  type        = string
  default     = "2024-01-01"

  validation {
    condition     = can(regex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", var.projection_start_date))
    error_message = "projection_start_date must be a date as YYYY-MM-DD."
  }
}

variable "bytes_scanned_cutoff_per_query" {
  description = "Athena cancels a query of the workgroup that scans more than this many bytes (at least 10 MB, Athena's minimum)."
  type        = number
  default     = 10737418240

  validation {
    condition     = var.bytes_scanned_cutoff_per_query >= 10485760
    error_message = "bytes_scanned_cutoff_per_query must be at least 10485760 (10 MB)."
  }
}

variable "batch_size" {
  description = "Stream records per writer invocation (one object per dataset per batch)."
  type        = number
  default     = 500

  validation {
    condition     = var.batch_size >= 1 && var.batch_size <= 10000
    error_message = "batch_size must be between 1 and 10000."
  }
}

variable "batching_window_seconds" {
  description = "Seconds the stream waits to fill a batch: fewer, larger objects against fresher data."
  type        = number
  default     = 60

  validation {
    condition     = var.batching_window_seconds >= 0 && var.batching_window_seconds <= 300
    error_message = "batching_window_seconds must be between 0 and 300."
  }
}

variable "maximum_retry_attempts" {
  description = "Retries of a failed batch before it goes to the dead-letter queue."
  type        = number
  default     = 10

  validation {
    condition     = var.maximum_retry_attempts >= 0 && var.maximum_retry_attempts <= 10000
    error_message = "maximum_retry_attempts must be between 0 and 10000."
  }
}

variable "kms_key_arn" {
  description = "Customer managed KMS key for the bucket, queue, environment and logs; null uses AWS managed encryption."
  type        = string
  default     = null
}

variable "lambda" {
  description = "Settings shared by the collection's functions (see modules/lambda_function)."
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
  default = {}
}

variable "writer_timeout" {
  description = "Timeout of the writer in seconds (a batch of 500 records writes in well under one)."
  type        = number
  default     = 60

  validation {
    condition     = var.writer_timeout >= 3 && var.writer_timeout <= 900
    error_message = "writer_timeout must be between 3 and 900 seconds."
  }
}

variable "dependency_layer_arn" {
  description = "ARN of the layer with aws-lambda-powertools (the collection's shared one)."
  type        = string
}

variable "force_destroy" {
  description = "Let terraform destroy a created bucket that still holds objects (for test stacks)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags for every taggable resource."
  type        = map(string)
  default     = {}
}

variable "read_streams" {
  description = "Create the event source mappings that run the writer on the streams. False leaves the streams to be read otherwise (a local moto server, which would invoke the writer itself without running it and drop the records)."
  type        = bool
  default     = true
}

variable "require_tls" {
  description = "Deny every request to a created bucket that is not made over TLS. Only a local server without TLS (moto) needs false."
  type        = bool
  default     = true
}

variable "create_named_queries" {
  description = "Create the Athena named queries (queries/*.sql). moto 5.x cannot delete named queries, so a local stack leaves them out."
  type        = bool
  default     = true
}
