locals {
  table_name    = "${var.name_prefix}-customer-profiles"
  function_name = "${var.name_prefix}-customer-lookup"
  instance_id   = var.connect_instance_arn == null ? null : split("/", var.connect_instance_arn)[1]
}

resource "aws_dynamodb_table" "profiles" {
  name                        = local.table_name
  billing_mode                = var.billing_mode
  read_capacity               = var.billing_mode == "PROVISIONED" ? var.read_capacity : null
  write_capacity              = var.billing_mode == "PROVISIONED" ? var.write_capacity : null
  hash_key                    = "PhoneNumber"
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = "PhoneNumber"
    type = "S"
  }

  point_in_time_recovery {
    enabled = var.point_in_time_recovery
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }

  tags = var.tags
}

resource "aws_dynamodb_table" "calls" {
  count = var.record_last_call ? 1 : 0

  name                        = "${var.name_prefix}-customer-calls"
  billing_mode                = var.billing_mode
  read_capacity               = var.billing_mode == "PROVISIONED" ? var.read_capacity : null
  write_capacity              = var.billing_mode == "PROVISIONED" ? var.write_capacity : null
  hash_key                    = "PhoneNumber"
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = "PhoneNumber"
    type = "S"
  }

  ttl {
    attribute_name = "ExpiresAt"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = var.point_in_time_recovery
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }

  tags = var.tags
}

resource "aws_dynamodb_table_item" "seed" {
  for_each = var.seed_profiles

  table_name = aws_dynamodb_table.profiles.name
  hash_key   = aws_dynamodb_table.profiles.hash_key
  item = jsonencode(merge(
    { for name, value in each.value : name => { S = value } },
    { PhoneNumber = { S = each.key } },
  ))
}

module "dependency_layer" {
  source = "../dependency_layer"
  count  = var.create_dependency_layer ? 1 : 0

  layer_name          = "${var.name_prefix}-customer-lookup-deps"
  compatible_runtimes = ["python3.13"]
  architecture        = var.lambda.architecture
  python              = var.lambda.python
}

module "function" {
  source = "../lambda_function"

  function_name           = local.function_name
  description             = "Answers an Amazon Connect flow with the caller's profile"
  capability              = "customer_lookup"
  handler                 = "connect_data.customer_lookup.handler.handler"
  settings                = var.lambda
  metrics_namespace       = var.monitoring.metrics_namespace
  kms_key_arn             = var.kms_key_arn
  create_dependency_layer = false
  dependency_layer_arn    = var.create_dependency_layer ? module.dependency_layer[0].arn : var.dependency_layer_arn

  environment_variables = {
    PROFILES_TABLE       = aws_dynamodb_table.profiles.name
    KEY_ATTRIBUTE        = "PhoneNumber"
    NUMBER_SOURCE        = var.number_source
    NUMBER_PARAMETER     = var.number_parameter
    DEFAULT_COUNTRY_CODE = var.default_country_code
    ALLOWED_ATTRIBUTES   = join(",", var.allowed_attributes)
    CALLS_TABLE          = var.record_last_call ? aws_dynamodb_table.calls[0].name : ""
    CALLS_TTL_DAYS       = tostring(var.calls_ttl_days)
  }

  policy_statements = concat(
    [{
      sid       = "ReadProfiles"
      actions   = ["dynamodb:GetItem"]
      resources = [aws_dynamodb_table.profiles.arn]
    }],
    var.record_last_call ? [{
      sid       = "RecordCalls"
      actions   = ["dynamodb:UpdateItem"]
      resources = [aws_dynamodb_table.calls[0].arn]
    }] : [],
  )

  tags = var.tags
}

resource "aws_lambda_permission" "connect" {
  count = var.connect_instance_arn == null ? 0 : 1

  statement_id   = "AllowConnectInstance"
  action         = "lambda:InvokeFunction"
  function_name  = module.function.function_name
  qualifier      = module.function.alias_name
  principal      = "connect.amazonaws.com"
  source_arn     = var.connect_instance_arn
  source_account = split(":", var.connect_instance_arn)[4]
}

resource "aws_connect_lambda_function_association" "this" {
  count = var.connect_instance_arn == null ? 0 : 1

  instance_id  = local.instance_id
  function_arn = module.function.alias_arn
}
