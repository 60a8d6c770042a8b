# Agent event streams against a real account: the instance's agent events go to a new encrypted
# on-demand Kinesis stream, the processor keeps an agents table, and the contact status table (when you
# pass one from modules/contact_status) gets the name of the agent who connected to each contact.
#
#   terraform init && terraform apply \
#     -var connect_instance_arn=arn:aws:connect:us-east-1:111122223333:instance/... \
#     -var contact_status_table_name=acme-contact-status
#
# Then `agent-board --table <outputs.agent_events.table_name> --watch 5` shows who is doing what.

provider "aws" {
  region = var.region
}

variable "region" {
  description = "Region of the Connect instance."
  type        = string
  default     = "us-east-1"
}

variable "connect_instance_arn" {
  description = "ARN of the Amazon Connect instance."
  type        = string
}

variable "contact_status_table_name" {
  description = "Contact status table to join agents onto; null skips the join."
  type        = string
  default     = null
}

module "agent_events" {
  source = "../../modules/agent_events"

  name_prefix                        = "agents-example"
  connect_instance_arn               = var.connect_instance_arn
  contact_status_table_name          = var.contact_status_table_name
  batch_size                         = 500
  maximum_batching_window_in_seconds = 10
  history_ttl_hours                  = 48

  tags = {
    Example = "agent_events"
  }
}

output "agent_events" {
  description = "Everything the module deployed."
  value       = module.agent_events
}
