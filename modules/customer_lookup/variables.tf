variable "name_prefix" {
  description = "Prefix of every resource name (function, role, table)."
  type        = string
  default     = "connect-data"

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9-]{0,26}$", var.name_prefix))
    error_message = "name_prefix must be 1-27 letters, digits or hyphens, starting with a letter or digit: the archive bucket name adds 36 characters (S3 allows 63, no underscores)."
  }
}

variable "connect_instance_arn" {
  description = "ARN of the Amazon Connect instance allowed to invoke the function; null skips the permission and the association."
  type        = string
  default     = null

  validation {
    condition     = var.connect_instance_arn == null || can(regex("^arn:aws[a-z-]*:connect:[a-z0-9-]+:[0-9]{12}:instance/[0-9a-f-]{36}$", var.connect_instance_arn))
    error_message = "connect_instance_arn must be an Amazon Connect instance ARN."
  }
}

variable "number_source" {
  description = "Where the number to look up comes from: customer (the caller), dialled (the system endpoint) or parameter (Details.Parameters). A flow can override it with the numberSource parameter."
  type        = string
  default     = "customer"

  validation {
    condition     = contains(["customer", "dialled", "parameter"], var.number_source)
    error_message = "number_source must be customer, dialled or parameter."
  }
}

variable "number_parameter" {
  description = "Name of the flow parameter that carries the number when number_source is parameter."
  type        = string
  default     = "phoneNumber"
}

variable "default_country_code" {
  description = "Country calling code given to national numbers (without +)."
  type        = string
  default     = "1"

  validation {
    condition     = can(regex("^[1-9][0-9]{0,2}$", var.default_country_code))
    error_message = "default_country_code must be 1-3 digits without a leading zero or +."
  }
}

variable "allowed_attributes" {
  description = "The profile attributes the function answers besides found (and the call stamps). Required to answer any: empty answers found only."
  type        = list(string)
  default     = []
}

variable "record_last_call" {
  description = "Record each found caller's call (LastCalledAt, LastContactId) in a calls table beside the profiles; the reply then holds the previous call's values."
  type        = bool
  default     = false
}

variable "calls_ttl_days" {
  description = "Days a recorded call is kept after the caller's last call (TTL of the calls table)."
  type        = number
  default     = 365

  validation {
    condition     = var.calls_ttl_days >= 1 && var.calls_ttl_days <= 3650 && floor(var.calls_ttl_days) == var.calls_ttl_days
    error_message = "calls_ttl_days must be a whole number of days between 1 and 3650."
  }
}

variable "seed_profiles" {
  description = "Profiles to put in the table, keyed by E.164 number; values are the profile's attributes."
  type        = map(map(string))
  default     = {}

  validation {
    condition     = alltrue([for number in keys(var.seed_profiles) : can(regex("^\\+[1-9][0-9]{6,14}$", number))])
    error_message = "seed_profiles keys must be E.164 numbers like +14155550100."
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
  description = "Read capacity units when billing_mode is PROVISIONED."
  type        = number
  default     = 5
}

variable "write_capacity" {
  description = "Write capacity units when billing_mode is PROVISIONED."
  type        = number
  default     = 5
}

variable "point_in_time_recovery" {
  description = "Keep continuous backups of the profile table."
  type        = bool
  default     = true
}

variable "deletion_protection" {
  description = "Refuse to delete the profile table (turn off before destroying)."
  type        = bool
  default     = true
}

variable "kms_key_arn" {
  description = "Customer managed KMS key for the table, the function's environment and logs; null uses AWS managed encryption."
  type        = string
  default     = null
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
  description = "Function settings: architecture, memory, timeout, log retention and level, tracing, reserved concurrency."
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
