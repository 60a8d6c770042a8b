locals {
  # One read and one write per call on the results table, nothing else (logs and traces come from
  # modules/lambda_function).
  function_policy_statements = [
    {
      sid       = "ReadAndStoreResults"
      actions   = ["dynamodb:GetItem", "dynamodb:PutItem"]
      resources = [aws_dynamodb_table.results.arn]
    },
  ]
}

module "function" {
  source = "../lambda_function"

  function_name           = local.function_name
  description             = "Answers an Amazon Connect flow with vanity numbers for the caller"
  capability              = "vanity"
  handler                 = "connect_data.vanity.handler.handler"
  data_files              = ["connect_data/vanity/word_index.txt"]
  settings                = var.lambda
  metrics_namespace       = var.monitoring.metrics_namespace
  kms_key_arn             = var.kms_key_arn
  create_dependency_layer = false
  dependency_layer_arn    = local.layer_arn

  environment_variables = {
    RESULTS_TABLE         = aws_dynamodb_table.results.name
    REPEAT_WINDOW_SECONDS = tostring(var.repeat_window_seconds)
    RESULT_TTL_SECONDS    = tostring(var.result_ttl_days * 86400)
    DEFAULT_COUNTRY_CODE  = var.default_country_code
    NUMBER_SOURCE         = var.number_source
    NUMBER_PARAMETER      = var.number_parameter
  }

  policy_statements = local.function_policy_statements

  tags = var.tags
}

resource "aws_lambda_permission" "connect" {
  count = local.connected ? 1 : 0

  statement_id   = "AllowConnectInstance"
  action         = "lambda:InvokeFunction"
  function_name  = module.function.function_name
  qualifier      = module.function.alias_name
  principal      = "connect.amazonaws.com"
  source_arn     = var.connect_instance_arn
  source_account = split(":", var.connect_instance_arn)[4]
}

resource "aws_connect_lambda_function_association" "this" {
  count = local.connected ? 1 : 0

  instance_id  = local.instance_id
  function_arn = module.function.alias_arn

  depends_on = [aws_lambda_permission.connect]
}
