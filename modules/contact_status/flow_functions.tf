module "record" {
  source = "../lambda_function"

  function_name           = "${var.name_prefix}-contact-status-record"
  description             = "Stores an Amazon Connect flow's parameters as custom attributes on the contact's status item"
  capability              = "contact_status"
  handler                 = "connect_data.contact_status.record.handler"
  settings                = var.lambda
  metrics_namespace       = var.monitoring.metrics_namespace
  kms_key_arn             = var.kms_key_arn
  create_dependency_layer = false
  dependency_layer_arn    = local.layer_arn
  environment_variables   = local.flow_environment

  policy_statements = local.record_statements

  tags = var.tags
}

module "history" {
  source = "../lambda_function"

  function_name           = "${var.name_prefix}-contact-status-history"
  description             = "Answers an Amazon Connect flow with the caller's recent contacts (one query)"
  capability              = "contact_status"
  handler                 = "connect_data.contact_status.lookup.handler"
  settings                = var.lambda
  metrics_namespace       = var.monitoring.metrics_namespace
  kms_key_arn             = var.kms_key_arn
  create_dependency_layer = false
  dependency_layer_arn    = local.layer_arn

  environment_variables = merge(local.flow_environment, {
    HISTORY_WINDOW_MINUTES = tostring(var.history_window_minutes)
  })

  policy_statements = local.history_statements

  tags = var.tags
}

locals {
  # Both flow functions key the customer index the same way, so what record files history finds.
  flow_environment = merge(local.common_environment, {
    TRUST_CUSTOMER_ID_PARAMETER = tostring(var.trust_customer_id_parameter)
  })
  record_statements = [
    {
      sid       = "UpdateStatusItems"
      actions   = ["dynamodb:UpdateItem"]
      resources = [aws_dynamodb_table.status.arn]
    },
  ]
  # The one query, on the one index: the history function cannot read the table itself.
  history_statements = [
    {
      sid       = "QueryCustomerIndex"
      actions   = ["dynamodb:Query"]
      resources = ["${aws_dynamodb_table.status.arn}/index/by-customer"]
    },
  ]

  flow_functions = {
    record  = module.record
    history = module.history
  }
}

resource "aws_lambda_permission" "connect" {
  for_each = var.connect_instance_arn == null ? {} : local.flow_functions

  statement_id   = "AllowConnectInstance"
  action         = "lambda:InvokeFunction"
  function_name  = each.value.function_name
  qualifier      = each.value.alias_name
  principal      = "connect.amazonaws.com"
  source_arn     = var.connect_instance_arn
  source_account = split(":", var.connect_instance_arn)[4]
}

resource "aws_connect_lambda_function_association" "this" {
  for_each = var.connect_instance_arn == null ? {} : local.flow_functions

  instance_id  = local.instance_id
  function_arn = each.value.alias_arn
}
