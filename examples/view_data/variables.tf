variable "region" {
  description = "Region of the Connect instance."
  type        = string
  default     = "us-east-1"
}

variable "name_prefix" {
  description = "Prefix of every resource name."
  type        = string
  default     = "connect-data"
}

variable "connect_instance_arn" {
  description = "ARN of your Amazon Connect instance."
  type        = string
}

variable "time_zone" {
  description = "IANA time zone of CreatedAt."
  type        = string
  default     = "America/New_York"
}

variable "label_overrides" {
  description = "Question texts that replace what the view templates say, by answer key."
  type        = map(string)
  default     = {}
}
