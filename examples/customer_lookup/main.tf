# Customer lookup for an existing Amazon Connect instance: the profile table, the function associated
# with the instance, and two seed profiles. Use the function in a flow's "Invoke AWS Lambda function"
# block and branch on $.External.found.

variable "region" {
  description = "Region of the Connect instance."
  type        = string
  default     = "us-east-1"
}

variable "connect_instance_arn" {
  description = "ARN of your Amazon Connect instance."
  type        = string
}

provider "aws" {
  region = var.region
}

module "customer_lookup" {
  source = "../../modules/customer_lookup"

  name_prefix          = "example"
  connect_instance_arn = var.connect_instance_arn
  # Required to answer attributes: the function answers only these besides found (none without a list).
  allowed_attributes  = ["FirstName", "LastName", "Tier", "PreferredLanguage"]
  record_last_call    = true
  deletion_protection = false # an example you will destroy; keep the default (true) for real profiles

  seed_profiles = {
    "+14155550100"  = { FirstName = "Ana", LastName = "Silva", Tier = "gold", PreferredLanguage = "en-US" }
    "+442079460000" = { FirstName = "Oliver", LastName = "Brown", Tier = "silver", PreferredLanguage = "en-GB" }
  }

  tags = { Project = "connect-data-example" }
}

output "function_arn" {
  description = "Use this ARN in the flow's Invoke AWS Lambda function block."
  value       = module.customer_lookup.function_arn
}

output "table_name" {
  description = "Profile table to load your customers into."
  value       = module.customer_lookup.table_name
}
