locals {
  # Each setting: this function's own variable, else the shared settings object, else the default.
  architecture          = coalesce(var.architecture, var.settings.architecture, "arm64")
  memory_size           = coalesce(var.memory_size, var.settings.memory_size, 256)
  timeout               = coalesce(var.timeout, var.settings.timeout, 5)
  log_retention_in_days = coalesce(var.log_retention_in_days, var.settings.log_retention_in_days, 30)
  log_level             = coalesce(var.log_level, var.settings.log_level, "INFO")
  tracing_mode          = coalesce(var.tracing_mode, var.settings.tracing_mode, "Active")
  reserved_concurrency  = coalesce(var.reserved_concurrent_executions, var.settings.reserved_concurrent_executions, -1)
  python                = coalesce(var.python, var.settings.python, "python3")
  permissions_boundary  = try(coalesce(var.permissions_boundary, var.settings.permissions_boundary), null)
  role_path             = coalesce(var.role_path, var.settings.role_path, "/")
  code_signing_config   = try(coalesce(var.code_signing_config_arn, var.settings.code_signing_config_arn), null)

  source_root = coalesce(var.source_root, "${path.module}/../../lambda_src")
  # Only the shared code and the capability's own subpackage go into the zip.
  include_dirs = ["connect_data/common", "connect_data/${var.capability}"]
  # The Python files of common/ and the capability plus the declared data files: exactly what
  # package.py zips, so an edit to any shipped byte changes the hash and nothing unshipped does.
  source_files = sort(distinct(concat(
    ["connect_data/__init__.py"],
    flatten([for dir in local.include_dirs : [for f in fileset("${local.source_root}/${dir}", "**/*.py") : "${dir}/${f}"]]),
    var.data_files,
  )))
  # Hash of the sources, known at plan time: a plan after apply is empty, and an edit changes exactly
  # the functions whose zip holds the edited file.
  source_hash = sha256(join("\n", [for f in local.source_files : "${f}=${filesha256("${local.source_root}/${f}")}"]))
  # Content-addressed and per function, relative to the root module: no machine-specific path in state,
  # no two functions writing one file.
  zip_path = "${path.root}/.build/lambda/${var.function_name}-${substr(local.source_hash, 0, 20)}.zip"

  environment = merge(
    {
      POWERTOOLS_SERVICE_NAME = var.function_name
      POWERTOOLS_LOG_LEVEL    = local.log_level
      # EMF metrics (common/metrics.py): one namespace, dimensioned by capability (the handler's
      # subpackage, var.capability) and function only.
      POWERTOOLS_METRICS_NAMESPACE = var.metrics_namespace
      # Active: every AWS call is an X-Ray subsegment (common/tracing.py); PassThrough: no work at all.
      CONNECT_DATA_TRACING = local.tracing_mode
    },
    var.environment_variables,
  )
}

resource "terraform_data" "package" {
  # The zip path names the function and the source hash: a new hash, a renamed function or a fresh
  # runner whose state points at another path all rebuild before the function is updated.
  triggers_replace = [local.zip_path]

  # Arguments travel as environment variables, each quoted once by the shell: a path with spaces or
  # shell characters cannot split or inject anything.
  provisioner "local-exec" {
    command = "\"$PYTHON\" \"$PACKAGER\" function --source-root \"$SOURCE_ROOT\" --output \"$OUTPUT\" --include \"$INCLUDE_COMMON\" --include \"$INCLUDE_CAPABILITY\" --data \"$DATA_FILES\""
    environment = {
      PYTHON             = local.python
      PACKAGER           = "${path.module}/package.py"
      SOURCE_ROOT        = local.source_root
      OUTPUT             = local.zip_path
      INCLUDE_COMMON     = local.include_dirs[0]
      INCLUDE_CAPABILITY = local.include_dirs[1]
      DATA_FILES         = join(",", var.data_files)
    }
  }
}

module "dependency_layer" {
  source = "../dependency_layer"
  count  = var.create_dependency_layer ? 1 : 0

  layer_name          = "${var.function_name}-deps"
  compatible_runtimes = [var.runtime]
  architecture        = local.architecture
  python              = local.python
}

resource "aws_cloudwatch_log_group" "this" {
  #checkov:skip=CKV_AWS_338:Retention is the caller's choice (log_retention_in_days); a year of debug logs is rarely wanted.
  #checkov:skip=CKV_AWS_158:Encryption with a customer key is opt-in through kms_key_arn; AWS owned keys encrypt otherwise.
  name              = "/aws/lambda/${var.function_name}"
  retention_in_days = local.log_retention_in_days
  kms_key_id        = var.kms_key_arn
  tags              = var.tags
}

resource "aws_lambda_function" "this" {
  #checkov:skip=CKV_AWS_117:Functions call only AWS APIs; a VPC would add NAT cost and cold-start time without isolating anything.
  #checkov:skip=CKV_AWS_115:Reserved concurrency is the caller's choice (reserved_concurrent_executions); reserving by default starves other functions.
  #checkov:skip=CKV_AWS_116:Flow-invoked functions are synchronous; asynchronous failures go to on_failure_destination_arn (event invoke config), which supersedes a DLQ.
  #checkov:skip=CKV_AWS_50:Tracing is Active by default (tracing_mode); checkov cannot resolve the value when callers pass it through an object.
  #checkov:skip=CKV_AWS_173:Environment encryption with a customer key is opt-in through kms_key_arn; Lambda encrypts with an AWS owned key otherwise.
  function_name                  = var.function_name
  description                    = var.description
  role                           = aws_iam_role.this.arn
  handler                        = var.handler
  runtime                        = var.runtime
  architectures                  = [local.architecture]
  memory_size                    = local.memory_size
  timeout                        = local.timeout
  reserved_concurrent_executions = local.reserved_concurrency
  filename                       = local.zip_path
  source_code_hash               = local.source_hash
  kms_key_arn                    = var.kms_key_arn
  code_signing_config_arn        = local.code_signing_config
  # Every apply that changes code or configuration publishes a version; the live alias follows it, and
  # Connect, permissions, event sources and targets all call the alias (roll back by pointing it back).
  publish = true
  layers  = var.create_dependency_layer ? [module.dependency_layer[0].arn] : compact([var.dependency_layer_arn])

  environment {
    variables = local.environment
  }

  tracing_config {
    mode = local.tracing_mode
  }

  tags = var.tags

  depends_on = [terraform_data.package, aws_iam_role_policy.this, aws_cloudwatch_log_group.this]
}

resource "aws_lambda_alias" "live" {
  name             = "live"
  description      = "The version callers invoke; points at the newest published version after each apply."
  function_name    = aws_lambda_function.this.function_name
  function_version = aws_lambda_function.this.version
}

resource "aws_lambda_function_event_invoke_config" "this" {
  count = var.enable_on_failure_destination ? 1 : 0

  # Asynchronous invocations arrive through the alias; the configuration is per qualifier.
  function_name          = aws_lambda_function.this.function_name
  qualifier              = aws_lambda_alias.live.name
  maximum_retry_attempts = var.async_maximum_retry_attempts

  destination_config {
    on_failure {
      destination = var.on_failure_destination_arn
    }
  }
}
