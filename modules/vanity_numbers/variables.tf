variable "name_prefix" {
  description = "Prefix of every resource name (functions, roles, table, flows)."
  type        = string
  default     = "connect-data"

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9-]{0,26}$", var.name_prefix))
    error_message = "name_prefix must be 1-27 letters, digits or hyphens, starting with a letter or digit: the archive bucket name adds 36 characters (S3 allows 63, no underscores)."
  }
}

variable "connect_instance_arn" {
  description = "ARN of the Amazon Connect instance that invokes the function; null deploys only the function and table (no permission, association or flows)."
  type        = string
  default     = null

  validation {
    condition     = var.connect_instance_arn == null || can(regex("^arn:aws[a-z-]*:connect:[a-z0-9-]+:[0-9]{12}:instance/[0-9a-f-]{36}$", var.connect_instance_arn))
    error_message = "connect_instance_arn must be an Amazon Connect instance ARN."
  }
}

variable "repeat_window_seconds" {
  description = "A caller who called within this many seconds is answered from the stored result (one DynamoDB read); 0 searches every time."
  type        = number
  default     = 300

  validation {
    condition     = var.repeat_window_seconds >= 0 && var.repeat_window_seconds <= 2592000 && floor(var.repeat_window_seconds) == var.repeat_window_seconds
    error_message = "repeat_window_seconds must be a whole number of seconds between 0 and 30 days."
  }
}

variable "result_ttl_days" {
  description = "Days a caller's stored result is kept before DynamoDB's TTL removes it."
  type        = number
  default     = 30

  validation {
    condition     = var.result_ttl_days >= 1 && var.result_ttl_days <= 3650 && floor(var.result_ttl_days) == var.result_ttl_days
    error_message = "result_ttl_days must be a whole number of days between 1 and 3650."
  }
}

variable "number_source" {
  description = "Where the number to spell comes from: customer (the caller) or parameter (Details.Parameters). A flow can override it with the numberSource parameter."
  type        = string
  default     = "customer"

  validation {
    condition     = contains(["customer", "parameter"], var.number_source)
    error_message = "number_source must be customer or parameter."
  }
}

variable "number_parameter" {
  description = "Name of the flow parameter that carries the number when number_source is parameter."
  type        = string
  default     = "phoneNumber"

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9_]{0,63}$", var.number_parameter))
    error_message = "number_parameter must be a parameter name of letters, digits and underscores."
  }
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

variable "create_vanity_flow" {
  description = "Create the contact flow that invokes the function and speaks the top three results (needs connect_instance_arn)."
  type        = bool
  default     = true
}

variable "create_greeting_flow" {
  description = "Create a greeting flow that greets a caller the customer lookup knows by name, then hands over to the vanity flow (needs connect_instance_arn and greeting_lookup_function_arn). A separate switch because the lookup function's ARN is often unknown until apply."
  type        = bool
  default     = false
}

variable "greeting_lookup_function_arn" {
  description = "ARN of the customer lookup function the greeting flow invokes (modules/customer_lookup, already associated with the instance)."
  type        = string
  default     = null

  validation {
    condition     = var.greeting_lookup_function_arn == null || can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_-]{1,128})?$", var.greeting_lookup_function_arn))
    error_message = "greeting_lookup_function_arn must be a Lambda function ARN, unqualified or with an alias (the customer lookup's function_alias_arn)."
  }
}

variable "greeting_name_attribute" {
  description = "Profile attribute the greeting flow says the caller's name from ($.External.<name>); the customer lookup answers it only when it is in its allowed_attributes."
  type        = string
  default     = "FirstName"

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9_]{0,63}$", var.greeting_name_attribute))
    error_message = "greeting_name_attribute must be an attribute name of letters, digits and underscores."
  }
}

variable "prompts" {
  description = "Every sentence the flows and the function say (text-to-speech), so a deployment speaks its callers' language: the flows speak them as text, the function builds the SSML of the vanity numbers from introduction, more_introduction, option (\"Option 1:\"), spelled (said before a word is spelt) and no_vanity."
  type = object({
    known_caller      = optional(string, "Hello")
    welcome           = optional(string, "Welcome.")
    introduction      = optional(string, "Your number can be spelt as:")
    more_introduction = optional(string, "More choices:")
    option            = optional(string, "Option")
    spelled           = optional(string, "spelled")
    menu              = optional(string, "Press 1 to hear them again, 2 for more choices, or 3 to finish.")
    no_more           = optional(string, "There are no more choices.")
    no_vanity         = optional(string, "Sorry, no words spell your phone number.")
    no_number         = optional(string, "Sorry, we could not read your phone number.")
    withheld_number   = optional(string, "Your number is withheld, so we cannot spell it. Please call again with caller ID on.")
    vanity_failure    = optional(string, "Sorry, we could not find vanity numbers for you right now.")
    goodbye           = optional(string, "Thank you for calling. Goodbye.")
  })
  default = {}

  validation {
    condition     = alltrue([for text in values(var.prompts) : length(text) > 0 && length(text) <= 1000 && !strcontains(text, "$.")])
    error_message = "Each prompt must be 1-1000 characters and must not contain a $. path."
  }

  validation {
    condition     = alltrue([for text in values(var.prompts) : !can(regex("[<>&]", text))])
    error_message = "Prompts are plain text: <, > and & are not allowed (the function puts some of them into SSML)."
  }
}

variable "flow_logging" {
  description = "Turn flow logging on at the start of the module's flows, so their runs reach the instance's flow logs (and the contact-status capability sees them)."
  type        = bool
  default     = true
}

variable "phone_number_flows" {
  description = "Phone numbers of the instance to point at a flow: phone number ID => \"vanity\" or \"greeting\". Applied by a provisioning function (provider 5.x has no resource for it); empty creates none."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for flow in values(var.phone_number_flows) : contains(["vanity", "greeting"], flow)])
    error_message = "phone_number_flows values must be vanity or greeting."
  }

  validation {
    condition     = alltrue([for id in keys(var.phone_number_flows) : can(regex("^[0-9a-f-]{36}$", id))])
    error_message = "phone_number_flows keys must be phone number IDs (UUIDs), as ListPhoneNumbersV2 returns them."
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
  description = "Keep continuous backups of the results table."
  type        = bool
  default     = true
}

variable "deletion_protection" {
  description = "Refuse to delete the results table (turn off before destroying)."
  type        = bool
  default     = true
}

variable "kms_key_arn" {
  description = "Customer managed KMS key for the table, the functions' environment and logs; null uses AWS managed encryption."
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

variable "enable_stream" {
  description = "Turn on the results table's DynamoDB stream (NEW_AND_OLD_IMAGES) for a consumer such as modules/analytics. Enabling it on an existing table is an in-place update."
  type        = bool
  default     = false
}
