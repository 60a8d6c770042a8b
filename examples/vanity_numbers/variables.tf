variable "region" {
  description = "Region of the Amazon Connect instance."
  type        = string
  default     = "us-east-1"
}

variable "name_prefix" {
  description = "Prefix of every resource name."
  type        = string
  default     = "vanity-example"
}

variable "connect_instance_arn" {
  description = "ARN of an existing Amazon Connect instance."
  type        = string
}

variable "phone_number_id" {
  description = "ID of a phone number claimed to the instance to point at the greeting flow; null leaves numbers alone."
  type        = string
  default     = null
}
