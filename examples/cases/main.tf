# Amazon Connect Cases against a real account: case events stored in DynamoDB and e-mailed, case event
# streams turned on for the domain, and the TASK/CHAT flow function associated with the instance.
#
#   terraform init && terraform apply \
#     -var connect_instance_arn=arn:aws:connect:us-east-1:111122223333:instance/... \
#     -var cases_domain_id=... -var 'notification_emails=["ops@example.com"]'
#
# Find custom field IDs with `case-event-streams list-fields --domain-id <id>`.

provider "aws" {
  region = var.region
}

variable "region" {
  description = "Region of the Connect instance and the Cases domain."
  type        = string
  default     = "us-east-1"
}

variable "connect_instance_arn" {
  description = "ARN of the Amazon Connect instance."
  type        = string
}

variable "cases_domain_id" {
  description = "ID of the instance's Cases domain."
  type        = string
}

variable "custom_field_ids" {
  description = "Custom case fields to include in events and in the flow function's reply."
  type        = list(string)
  default     = []
}

variable "notification_emails" {
  description = "Addresses that receive case notifications."
  type        = list(string)
  default     = []
}

module "cases" {
  source = "../../modules/cases"

  name_prefix          = "cases-example"
  connect_instance_arn = var.connect_instance_arn
  cases_domain_id      = var.cases_domain_id
  enable_event_streams = true
  custom_field_ids     = var.custom_field_ids
  notification_emails  = var.notification_emails
  notify_event_types   = ["CASE.CREATED", "CASE.UPDATED", "RELATED_ITEM.CREATED"]
  event_ttl_days       = 365

  tags = {
    Example = "cases"
  }
}

output "cases" {
  description = "Everything the module deployed."
  value       = module.cases
}
