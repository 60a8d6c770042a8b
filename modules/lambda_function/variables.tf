variable "function_name" {
  description = "Name of the Lambda function; also names its role, log group and build artifact."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.function_name))
    error_message = "function_name must be 1-64 letters, digits, hyphens or underscores."
  }
}

variable "description" {
  description = "Description of the function."
  type        = string
  default     = ""
}

variable "source_root" {
  description = "Directory holding the connect_data package. Defaults to this collection's lambda_src."
  type        = string
  default     = null
}

variable "capability" {
  description = "Subpackage of connect_data packaged with common/ (for example customer_lookup)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]*$", var.capability)) && var.capability != "common"
    error_message = "capability must be a lower_snake_case subpackage name other than common."
  }
}

variable "handler" {
  description = "Handler as module.path.function, for example connect_data.customer_lookup.handler.handler."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z_][A-Za-z0-9_.]*\\.[A-Za-z_][A-Za-z0-9_]*$", var.handler))
    error_message = "handler must look like package.module.function."
  }
}

variable "runtime" {
  description = "Lambda runtime."
  type        = string
  default     = "python3.13"

  validation {
    condition     = contains(["python3.11", "python3.12", "python3.13"], var.runtime)
    error_message = "runtime must be python3.11, python3.12 or python3.13."
  }
}

variable "architecture" {
  description = "Instruction set architecture: arm64 (cheaper per GB-second) or x86_64. Null takes settings.architecture, else arm64."
  type        = string
  default     = null

  validation {
    condition     = var.architecture == null ? true : (contains(["arm64", "x86_64"], var.architecture))
    error_message = "architecture must be arm64 or x86_64."
  }
}

variable "memory_size" {
  description = "Memory in MB (CPU scales with it). Null takes settings.memory_size, else 256."
  type        = number
  default     = null

  validation {
    condition     = var.memory_size == null ? true : (var.memory_size >= 128 && var.memory_size <= 10240)
    error_message = "memory_size must be between 128 and 10240 MB."
  }
}

variable "timeout" {
  description = "Timeout in seconds. Null takes settings.timeout, else 5: Connect waits at most 8 s for a flow-invoked function, and 5 s leaves room for a cold start's init and the flow's own overhead, so the function answers or fails before Connect gives up."
  type        = number
  default     = null

  validation {
    condition     = var.timeout == null ? true : (var.timeout >= 1 && var.timeout <= 900)
    error_message = "timeout must be between 1 and 900 seconds."
  }
}

variable "reserved_concurrent_executions" {
  description = "Reserved concurrency; -1 leaves the function unreserved, 0 stops it from running. Null takes settings.reserved_concurrent_executions, else -1."
  type        = number
  default     = null

  validation {
    condition     = var.reserved_concurrent_executions == null ? true : (var.reserved_concurrent_executions >= -1 && floor(var.reserved_concurrent_executions) == var.reserved_concurrent_executions)
    error_message = "reserved_concurrent_executions must be a whole number, -1 or more."
  }
}

variable "tracing_mode" {
  description = "X-Ray tracing: Active or PassThrough. Null takes settings.tracing_mode, else Active."
  type        = string
  default     = null

  validation {
    condition     = var.tracing_mode == null ? true : (contains(["Active", "PassThrough"], var.tracing_mode))
    error_message = "tracing_mode must be Active or PassThrough."
  }
}

variable "environment_variables" {
  description = "Environment of the function. POWERTOOLS_SERVICE_NAME is added unless given."
  type        = map(string)
  default     = {}
}

variable "policy_statements" {
  description = "IAM statements the function needs, besides writing its own logs. Keep them least-privilege."
  type = list(object({
    sid       = optional(string)
    effect    = optional(string, "Allow")
    actions   = list(string)
    resources = list(string)
    conditions = optional(list(object({
      test     = string
      variable = string
      values   = list(string)
    })), [])
  }))
  default = []

  validation {
    condition     = alltrue([for s in var.policy_statements : contains(["Allow", "Deny"], s.effect) && length(s.actions) > 0 && length(s.resources) > 0])
    error_message = "Every statement needs effect Allow or Deny, at least one action and at least one resource."
  }
}

variable "log_retention_in_days" {
  description = "Retention of the function's log group, in days. Null takes settings.log_retention_in_days, else 30."
  type        = number
  default     = null

  validation {
    condition     = var.log_retention_in_days == null ? true : (contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days))
    error_message = "log_retention_in_days must be a value CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ... 3653)."
  }
}

variable "log_level" {
  description = "Powertools log level of the function. Null takes settings.log_level, else INFO."
  type        = string
  default     = null

  validation {
    condition     = var.log_level == null ? true : (contains(["DEBUG", "INFO", "WARNING", "ERROR"], var.log_level))
    error_message = "log_level must be DEBUG, INFO, WARNING or ERROR."
  }
}

variable "kms_key_arn" {
  description = "Customer managed KMS key for the environment variables and the log group; null uses AWS owned keys."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN."
  }
}

variable "enable_on_failure_destination" {
  description = "Send asynchronous invocations that failed every retry to on_failure_destination_arn. A switch of its own so the ARN may be known only after apply."
  type        = bool
  default     = false
}

variable "on_failure_destination_arn" {
  description = "SQS queue or SNS topic ARN that receives asynchronous invocations that failed every retry (with enable_on_failure_destination)."
  type        = string
  default     = null

  validation {
    condition     = var.on_failure_destination_arn == null || can(regex("^arn:aws[a-z-]*:(sqs|sns):", var.on_failure_destination_arn))
    error_message = "on_failure_destination_arn must be an SQS queue or SNS topic ARN."
  }
}

variable "async_maximum_retry_attempts" {
  description = "Retries of a failed asynchronous invocation (0-2)."
  type        = number
  default     = 2

  validation {
    condition     = var.async_maximum_retry_attempts >= 0 && var.async_maximum_retry_attempts <= 2
    error_message = "async_maximum_retry_attempts must be 0, 1 or 2."
  }
}

variable "create_dependency_layer" {
  description = "Build a dependency layer for this function from lambda_src/requirements.txt. Set false and pass dependency_layer_arn to share one layer."
  type        = bool
  default     = true
}

variable "dependency_layer_arn" {
  description = "ARN of a layer with aws-lambda-powertools (the AWS-managed one, or one modules/dependency_layer built); used when create_dependency_layer is false."
  type        = string
  default     = null

  validation {
    condition     = var.dependency_layer_arn == null || can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:layer:", var.dependency_layer_arn))
    error_message = "dependency_layer_arn must be a Lambda layer version ARN."
  }
}

variable "python" {
  description = "Python interpreter that runs the packager at apply time. Null takes settings.python, else python3."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags for every taggable resource."
  type        = map(string)
  default     = {}
}

variable "settings" {
  description = "Settings shared by a collection's functions (the `lambda` object of the feature modules); a variable of the same name set here wins."
  type = object({
    architecture                   = optional(string)
    memory_size                    = optional(number)
    timeout                        = optional(number)
    log_retention_in_days          = optional(number)
    log_level                      = optional(string)
    tracing_mode                   = optional(string)
    reserved_concurrent_executions = optional(number)
    python                         = optional(string)
    permissions_boundary           = optional(string)
    role_path                      = optional(string)
    code_signing_config_arn        = optional(string)
  })
  default = {}

  validation {
    condition = alltrue([
      var.settings.architecture == null ? true : contains(["arm64", "x86_64"], var.settings.architecture),
      var.settings.memory_size == null ? true : var.settings.memory_size >= 128 && var.settings.memory_size <= 10240,
      var.settings.timeout == null ? true : var.settings.timeout >= 1 && var.settings.timeout <= 900,
      var.settings.tracing_mode == null ? true : contains(["Active", "PassThrough"], var.settings.tracing_mode),
      var.settings.log_level == null ? true : contains(["DEBUG", "INFO", "WARNING", "ERROR"], var.settings.log_level),
      var.settings.reserved_concurrent_executions == null ? true : var.settings.reserved_concurrent_executions >= -1,
      var.settings.permissions_boundary == null ? true : can(regex("^arn:aws(-cn|-us-gov)?:iam::([0-9]{12}|aws):policy/", var.settings.permissions_boundary)),
      var.settings.role_path == null ? true : can(regex("^/([\\x21-\\x7E]{0,510}/)?$", var.settings.role_path)),
      var.settings.code_signing_config_arn == null ? true : can(regex("^arn:aws(-cn|-us-gov)?:lambda:[a-z0-9-]+:[0-9]{12}:code-signing-config:csc-[a-z0-9]{17}$", var.settings.code_signing_config_arn)),
    ])
    error_message = "settings: architecture arm64 or x86_64, memory_size 128-10240, timeout 1-900, tracing_mode Active or PassThrough, log_level DEBUG/INFO/WARNING/ERROR, reserved_concurrent_executions -1 or more, permissions_boundary an IAM policy ARN, role_path /…/ (at most 512 printable characters), code_signing_config_arn a Lambda code signing config ARN."
  }
}

variable "permissions_boundary" {
  description = "ARN of the IAM policy that bounds the function's role (organisation policy often requires one). Null takes settings.permissions_boundary, else none."
  type        = string
  default     = null

  validation {
    condition     = var.permissions_boundary == null || can(regex("^arn:aws(-cn|-us-gov)?:iam::([0-9]{12}|aws):policy/", var.permissions_boundary))
    error_message = "permissions_boundary must be an IAM policy ARN (arn:aws:iam::123456789012:policy/...)."
  }
}

variable "role_path" {
  description = "IAM path of the function's role. Null takes settings.role_path, else /."
  type        = string
  default     = null

  validation {
    condition     = var.role_path == null || can(regex("^/([\\x21-\\x7E]{0,510}/)?$", var.role_path))
    error_message = "role_path must start and end with / and hold at most 512 printable ASCII characters."
  }
}

variable "code_signing_config_arn" {
  description = "ARN of a Lambda code signing configuration to enforce on the function (opt-in: it needs a signing profile the caller owns, and a signed zip). Null takes settings.code_signing_config_arn, else none."
  type        = string
  default     = null

  validation {
    condition     = var.code_signing_config_arn == null || can(regex("^arn:aws(-cn|-us-gov)?:lambda:[a-z0-9-]+:[0-9]{12}:code-signing-config:csc-[a-z0-9]{17}$", var.code_signing_config_arn))
    error_message = "code_signing_config_arn must be a Lambda code signing config ARN (arn:aws:lambda:REGION:ACCOUNT:code-signing-config:csc-...)."
  }
}

variable "data_files" {
  description = "Files other than Python that the function reads, relative to source_root (for example connect_data/vanity/word_index.txt); they are zipped and covered by the source hash."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for f in var.data_files : can(regex("^connect_data/[A-Za-z0-9_./-]+$", f)) && !strcontains(f, "..")])
    error_message = "data_files must be paths under connect_data/ without .. or commas."
  }
}

variable "metrics_namespace" {
  description = "CloudWatch namespace of the function's EMF metrics (POWERTOOLS_METRICS_NAMESPACE); modules/monitoring reads the same one."
  type        = string
  default     = "ConnectData"

  validation {
    condition     = can(regex("^[A-Za-z0-9_./#:-]{1,255}$", var.metrics_namespace)) && !startswith(var.metrics_namespace, "AWS/")
    error_message = "metrics_namespace must be 1-255 letters, digits or . _ - / # : and must not start with AWS/."
  }
}
