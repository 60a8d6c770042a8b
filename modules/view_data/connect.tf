resource "aws_lambda_permission" "connect" {
  count = local.has_instance && var.associate_with_connect ? 1 : 0

  statement_id   = "AllowConnectInstance"
  action         = "lambda:InvokeFunction"
  function_name  = module.normalize.function_name
  qualifier      = module.normalize.alias_name
  principal      = "connect.amazonaws.com"
  source_arn     = var.connect_instance_arn
  source_account = local.account_id
}

resource "aws_connect_lambda_function_association" "normalize" {
  count = local.has_instance && var.associate_with_connect ? 1 : 0

  instance_id  = local.instance_id
  function_arn = module.normalize.alias_arn
}
