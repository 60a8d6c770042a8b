# Contact flows written in the Amazon Connect flow language (Version 2019-10-30), rendered from
# templates so tests can render the same files and check every transition and ARN.

locals {
  create_vanity_flow   = local.connected && var.create_vanity_flow
  create_greeting_flow = local.connected && var.create_greeting_flow

  vanity_flow_content = templatefile("${path.module}/flows/vanity.json.tftpl", {
    function_arn = module.function.alias_arn
    prompts      = var.prompts
    flow_logging = var.flow_logging
  })

  greeting_flow_content = templatefile("${path.module}/flows/greeting.json.tftpl", {
    function_arn   = coalesce(var.greeting_lookup_function_arn, "none")
    name_attribute = var.greeting_name_attribute
    prompts        = var.prompts
    flow_logging   = var.flow_logging
    # With a vanity flow the greeting hands the caller over to it; otherwise it says goodbye.
    next_flow_arn = local.create_vanity_flow ? aws_connect_contact_flow.vanity[0].arn : null
  })
}

resource "aws_connect_contact_flow" "vanity" {
  count = local.create_vanity_flow ? 1 : 0

  instance_id = local.instance_id
  name        = "${var.name_prefix} vanity numbers"
  description = "Tells the caller up to three vanity numbers that spell their phone number."
  type        = "CONTACT_FLOW"
  content     = local.vanity_flow_content
  tags        = var.tags

  # Connect refuses a flow that invokes a function the instance has not been given.
  depends_on = [aws_connect_lambda_function_association.this]
}

resource "aws_connect_contact_flow" "greeting" {
  count = local.create_greeting_flow ? 1 : 0

  instance_id = local.instance_id
  name        = "${var.name_prefix} customer greeting"
  description = "Greets a caller the customer lookup knows by name, then hands over to the vanity flow."
  type        = "CONTACT_FLOW"
  content     = local.greeting_flow_content
  tags        = var.tags

  lifecycle {
    precondition {
      condition     = var.greeting_lookup_function_arn != null
      error_message = "create_greeting_flow needs greeting_lookup_function_arn (the customer lookup function's ARN)."
    }
  }
}
