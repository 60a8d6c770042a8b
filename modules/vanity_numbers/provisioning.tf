# Phone number -> flow associations. aws_connect_phone_number_contact_flow_association exists only in
# provider 6, so a small function makes the Connect calls on create, update and destroy, and on destroy
# points each number back at the flow it had before (recorded in the results table).

locals {
  flows_created = { vanity = local.create_vanity_flow, greeting = local.create_greeting_flow }
  flow_ids = {
    vanity   = local.create_vanity_flow ? aws_connect_contact_flow.vanity[0].contact_flow_id : null
    greeting = local.create_greeting_flow ? aws_connect_contact_flow.greeting[0].contact_flow_id : null
  }
  associate_phone_numbers = local.connected && length(var.phone_number_flows) > 0
  phone_flows_policy_statements = [
    {
      sid     = "PointPhoneNumbersAtFlows"
      actions = ["connect:AssociatePhoneNumberContactFlow", "connect:DisassociatePhoneNumberContactFlow"]
      # contact-flow/*: on delete a number goes back to the flow it had before, which can be any flow of the instance.
      resources = concat(local.phone_number_arns, local.connected ? ["${var.connect_instance_arn}/contact-flow/*"] : [])
    },
    {
      # What a number points at before this module touches it (DescribePhoneNumber gives the ARN that
      # BatchGetFlowAssociation takes); both act on phone-number resources only (Service Authorization Reference).
      sid       = "ReadPhoneNumberFlows"
      actions   = ["connect:DescribePhoneNumber", "connect:BatchGetFlowAssociation"]
      resources = local.phone_number_arns
    },
    {
      # One item per number holds the flow it had before, so delete can restore it (see provision.py).
      sid       = "RecordPreviousFlows"
      actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"]
      resources = [aws_dynamodb_table.results.arn]
    },
  ]
  # Numbers claimed to an instance have had both ARN forms over time; IAM matches the one the call uses.
  phone_number_arns = local.connected ? flatten([for id in keys(var.phone_number_flows) : [
    "${replace(var.connect_instance_arn, "/:instance/.*/", "")}:phone-number/${id}",
    "${var.connect_instance_arn}/phone-number/${id}",
  ]]) : []
}

module "phone_flows_function" {
  source = "../lambda_function"
  count  = local.associate_phone_numbers ? 1 : 0

  function_name           = local.provision_function_name
  description             = "Points Amazon Connect phone numbers at the vanity and greeting flows (terraform apply only)"
  capability              = "vanity"
  handler                 = "connect_data.vanity.provision.handler"
  settings                = var.lambda
  metrics_namespace       = var.monitoring.metrics_namespace
  memory_size             = 128
  timeout                 = 60
  kms_key_arn             = var.kms_key_arn
  create_dependency_layer = false
  dependency_layer_arn    = local.layer_arn

  environment_variables = { FLOW_RECORD_TABLE = aws_dynamodb_table.results.name }
  policy_statements     = local.phone_flows_policy_statements

  tags = var.tags
}

resource "aws_lambda_invocation" "phone_flows" {
  count = local.associate_phone_numbers ? 1 : 0

  function_name   = module.phone_flows_function[0].function_name
  qualifier       = module.phone_flows_function[0].alias_name
  lifecycle_scope = "CRUD"
  input = jsonencode({
    instanceId   = local.instance_id
    associations = { for id, flow in var.phone_number_flows : id => local.flow_ids[flow] }
  })

  # The function and the table holding each number's previous flow must outlive the delete call.
  depends_on = [module.phone_flows_function, aws_dynamodb_table.results]

  lifecycle {
    precondition {
      condition     = alltrue([for flow in values(var.phone_number_flows) : local.flows_created[flow]])
      error_message = "phone_number_flows names a flow this module does not create (vanity needs create_vanity_flow, greeting needs create_greeting_flow)."
    }
  }
}
