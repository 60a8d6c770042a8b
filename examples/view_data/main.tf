# View data against a real account: tables, the normalize function associated with your Connect
# instance, and the extract function run on apply and every 30 days.
#
#   terraform init && terraform apply -var connect_instance_arn=arn:aws:connect:...:instance/...
#
# Then, in a flow after a Show view block: Invoke AWS Lambda function = normalize_function_arn, with the
# parameter viewResultData = $.Views.ViewResultData (or dataFromViews = $.Views).

provider "aws" {
  region = var.region
}

module "view_data" {
  source = "../../modules/view_data"

  name_prefix          = var.name_prefix
  connect_instance_arn = var.connect_instance_arn
  time_zone            = var.time_zone
  retention_days       = 365
  label_overrides      = var.label_overrides
  tags                 = { Project = "connect-data", Capability = "view-data" }
}
