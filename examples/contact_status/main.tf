# Contact status for one Amazon Connect instance: contact events and flow logs into a status table,
# the record and history functions associated with the instance, and the TTL archive to S3.

provider "aws" {
  region = var.region
}

module "contact_status" {
  source = "../../modules/contact_status"

  name_prefix          = var.name_prefix
  connect_instance_arn = var.connect_instance_arn
  flow_log_group_name  = "/aws/connect/${var.instance_alias}"
  retention_minutes    = var.retention_minutes
  enable_archive       = var.enable_archive

  tags = {
    Project = "connect-data"
  }
}

output "contact_status" {
  description = "Everything the module deployed (wire record_function_arn and history_function_arn into your flows)."
  value       = module.contact_status
}
