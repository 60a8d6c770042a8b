variable "region" {
  description = "Region of the Amazon Connect instance."
  type        = string
  default     = "eu-west-2"
}

variable "name_prefix" {
  description = "Prefix of every resource name."
  type        = string
  default     = "connect-data"
}

variable "connect_instance_arn" {
  description = "ARN of the Amazon Connect instance."
  type        = string
}

variable "instance_alias" {
  description = "Alias of the instance: its flow logs go to /aws/connect/<alias> (enable flow logs on the instance first)."
  type        = string
}

variable "retention_minutes" {
  description = "How long a contact's item lives after its last event, in minutes."
  type        = number
  default     = 1440
}

variable "enable_archive" {
  description = "Archive items deleted by TTL to S3."
  type        = bool
  default     = true
}
