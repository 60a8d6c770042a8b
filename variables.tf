variable "name_prefix" {
  description = "Prefix of every resource name."
  type        = string
  default     = "connect-data"

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9-]{0,26}$", var.name_prefix))
    error_message = "name_prefix must be 1-27 letters, digits or hyphens, starting with a letter or digit: the archive bucket name adds 36 characters (S3 allows 63, no underscores)."
  }
}

variable "connect_instance_arn" {
  description = "ARN of the Amazon Connect instance; null deploys the data side without Connect permissions and associations."
  type        = string
  default     = null
}

variable "kms_key_arn" {
  description = "Customer managed KMS key for tables, environments and logs; null uses AWS managed encryption."
  type        = string
  default     = null
}

variable "lambda" {
  description = "Settings shared by every function (see modules/lambda_function)."
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

variable "dependency_layer_arn" {
  description = "Layer with aws-lambda-powertools for every function (for example the AWS-managed one); null builds one from lambda_src/requirements.txt."
  type        = string
  default     = null
}

variable "deletion_protection" {
  description = "Refuse to delete the tables (turn off before destroying)."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags for every taggable resource."
  type        = map(string)
  default     = {}
}
