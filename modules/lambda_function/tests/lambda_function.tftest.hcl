mock_provider "aws" {
  override_during = plan

  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = {
      arn = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/unit-lookup"
    }
  }
}

variables {
  function_name           = "unit-lookup"
  capability              = "customer_lookup"
  handler                 = "connect_data.customer_lookup.handler.handler"
  create_dependency_layer = false
  dependency_layer_arn    = "arn:aws:lambda:us-east-1:123456789012:layer:deps:3"
  policy_statements = [
    {
      sid       = "ReadProfiles"
      actions   = ["dynamodb:GetItem"]
      resources = ["arn:aws:dynamodb:us-east-1:123456789012:table/profiles"]
    },
  ]
}

run "defaults_are_python313_arm64_with_tracing_and_powertools_layer" {
  command = plan

  assert {
    condition     = aws_lambda_function.this.runtime == "python3.13" && aws_lambda_function.this.architectures == tolist(["arm64"])
    error_message = "Functions default to python3.13 on arm64."
  }
  assert {
    condition     = aws_lambda_function.this.tracing_config[0].mode == "Active"
    error_message = "X-Ray tracing is on by default."
  }
  assert {
    condition     = aws_lambda_function.this.layers == tolist(["arn:aws:lambda:us-east-1:123456789012:layer:deps:3"])
    error_message = "The passed dependency layer is the function's only layer."
  }
  assert {
    condition     = aws_lambda_function.this.environment[0].variables["POWERTOOLS_SERVICE_NAME"] == "unit-lookup"
    error_message = "The Powertools service is named after the function."
  }
  assert {
    condition     = aws_cloudwatch_log_group.this.name == "/aws/lambda/unit-lookup" && aws_cloudwatch_log_group.this.retention_in_days == 30
    error_message = "The function owns its log group with 30 days retention by default."
  }
  assert {
    condition     = length(module.dependency_layer) == 0 && length(aws_lambda_function_event_invoke_config.this) == 0
    error_message = "No layer is built when one is passed, and no destination without an ARN."
  }
}

run "zip_is_content_addressed_and_holds_only_common_and_the_capability" {
  command = plan

  assert {
    condition     = startswith(aws_lambda_function.this.filename, "./.build/lambda/unit-lookup-") && endswith(aws_lambda_function.this.filename, ".zip")
    error_message = "The zip path is relative, per function and content-addressed."
  }
  assert {
    condition     = aws_lambda_function.this.source_code_hash == local.source_hash && length(local.source_hash) == 64
    error_message = "source_code_hash is the plan-time hash of the sources."
  }
  assert {
    condition     = alltrue([for f in local.source_files : f == "connect_data/__init__.py" || startswith(f, "connect_data/common/") || startswith(f, "connect_data/customer_lookup/")])
    error_message = "Only common/ and the capability's subpackage are packaged."
  }
  assert {
    condition     = contains(local.source_files, "connect_data/customer_lookup/handler.py") && contains(local.source_files, "connect_data/common/flow.py")
    error_message = "The handler and the shared code are packaged."
  }
}

run "policy_holds_the_callers_statements_and_own_log_writing_only" {
  command = plan

  assert {
    condition     = length(data.aws_iam_policy_document.this.statement) == 3
    error_message = "Statements: own logs, traces, and the one passed in."
  }
  assert {
    condition     = data.aws_iam_policy_document.this.statement[0].resources == toset(["arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/unit-lookup:*"])
    error_message = "Log writing is scoped to the function's own log group."
  }
  assert {
    condition     = one([for s in data.aws_iam_policy_document.this.statement : s if s.sid == "ReadProfiles"]).actions == toset(["dynamodb:GetItem"])
    error_message = "The caller's statement is passed through unchanged."
  }
}

run "destination_and_kms_add_their_statements" {
  command = plan

  variables {
    enable_on_failure_destination = true
    on_failure_destination_arn    = "arn:aws:sqs:us-east-1:123456789012:failed"
    kms_key_arn                   = "arn:aws:kms:us-east-1:123456789012:key/abc"
    tracing_mode                  = "PassThrough"
  }

  assert {
    condition     = aws_lambda_function_event_invoke_config.this[0].destination_config[0].on_failure[0].destination == "arn:aws:sqs:us-east-1:123456789012:failed"
    error_message = "Failed asynchronous invocations go to the destination."
  }
  assert {
    condition     = toset([for s in data.aws_iam_policy_document.this.statement : s.sid]) == toset(["WriteOwnLogs", "UseDataKey", "SendFailedInvocations", "ReadProfiles"])
    error_message = "KMS and destination statements are added, X-Ray's is dropped with PassThrough."
  }
  assert {
    condition     = aws_lambda_function.this.kms_key_arn == "arn:aws:kms:us-east-1:123456789012:key/abc" && aws_cloudwatch_log_group.this.kms_key_id == "arn:aws:kms:us-east-1:123456789012:key/abc"
    error_message = "The key encrypts the environment and the logs."
  }
}

run "builds_its_own_layer_by_default" {
  command = plan

  variables {
    create_dependency_layer = true
    dependency_layer_arn    = null
  }

  assert {
    condition     = length(module.dependency_layer) == 1
    error_message = "A layer is built when none is passed."
  }
}

run "rejects_a_bad_function_name" {
  command = plan
  variables { function_name = "has spaces" }
  expect_failures = [var.function_name]
}

run "rejects_common_as_capability" {
  command = plan
  variables { capability = "common" }
  expect_failures = [var.capability]
}

run "rejects_a_bad_handler" {
  command = plan
  variables { handler = "handler" }
  expect_failures = [var.handler]
}

run "rejects_an_old_runtime" {
  command = plan
  variables { runtime = "python3.8" }
  expect_failures = [var.runtime]
}

run "rejects_an_unknown_architecture" {
  command = plan
  variables { architecture = "riscv" }
  expect_failures = [var.architecture]
}

run "rejects_too_little_memory" {
  command = plan
  variables { memory_size = 64 }
  expect_failures = [var.memory_size]
}

run "rejects_a_zero_timeout" {
  command = plan
  variables { timeout = 0 }
  expect_failures = [var.timeout]
}

run "rejects_fractional_concurrency" {
  command = plan
  variables { reserved_concurrent_executions = 1.5 }
  expect_failures = [var.reserved_concurrent_executions]
}

run "rejects_an_unknown_tracing_mode" {
  command = plan
  variables { tracing_mode = "On" }
  expect_failures = [var.tracing_mode]
}

run "rejects_a_statement_without_resources" {
  command = plan
  variables {
    policy_statements = [{ actions = ["dynamodb:GetItem"], resources = [] }]
  }
  expect_failures = [var.policy_statements]
}

run "rejects_a_retention_cloudwatch_refuses" {
  command = plan
  variables { log_retention_in_days = 10 }
  expect_failures = [var.log_retention_in_days]
}

run "rejects_an_unknown_log_level" {
  command = plan
  variables { log_level = "TRACE" }
  expect_failures = [var.log_level]
}

run "rejects_a_non_kms_key" {
  command = plan
  variables { kms_key_arn = "alias/mine" }
  expect_failures = [var.kms_key_arn]
}

run "rejects_a_destination_that_is_not_sqs_or_sns" {
  command = plan
  variables { on_failure_destination_arn = "arn:aws:lambda:us-east-1:123456789012:function:x" }
  expect_failures = [var.on_failure_destination_arn]
}

run "rejects_too_many_async_retries" {
  command = plan
  variables { async_maximum_retry_attempts = 3 }
  expect_failures = [var.async_maximum_retry_attempts]
}

run "rejects_a_layer_arn_that_is_not_a_layer" {
  command = plan
  variables { dependency_layer_arn = "arn:aws:lambda:us-east-1:123456789012:function:x" }
  expect_failures = [var.dependency_layer_arn]
}


run "shared_settings_apply_and_the_functions_own_variables_win" {
  command = plan

  variables {
    settings = { architecture = "x86_64", memory_size = 512, timeout = 30, log_level = "DEBUG" }
    timeout  = 5
  }

  assert {
    condition     = aws_lambda_function.this.architectures == tolist(["x86_64"]) && aws_lambda_function.this.memory_size == 512
    error_message = "Unset variables take the shared settings."
  }
  assert {
    condition     = aws_lambda_function.this.timeout == 5 && aws_lambda_function.this.environment[0].variables["POWERTOOLS_LOG_LEVEL"] == "DEBUG"
    error_message = "The function's own timeout wins over the shared one."
  }
}

run "rejects_shared_settings_that_cannot_be" {
  command = plan
  variables { settings = { architecture = "riscv" } }
  expect_failures = [var.settings]
}

run "publishes_a_version_and_a_live_alias_with_a_flow_friendly_timeout" {
  command = plan

  assert {
    condition     = aws_lambda_function.this.publish == true && aws_lambda_alias.live.name == "live"
    error_message = "Every function publishes versions and has a live alias."
  }
  assert {
    condition     = aws_lambda_function.this.timeout == 5
    error_message = "The default timeout leaves Connect (8 s at most) room for a cold start."
  }
  assert {
    condition     = aws_iam_role.this.path == "/" && aws_iam_role.this.permissions_boundary == null && aws_lambda_function.this.code_signing_config_arn == null
    error_message = "Without estate inputs the role sits at / unbounded and no code signing is enforced."
  }
}

run "estate_inputs_from_settings_reach_the_role_and_function" {
  command = plan

  variables {
    settings = {
      permissions_boundary    = "arn:aws:iam::123456789012:policy/estate/boundary"
      role_path               = "/connect-data/"
      code_signing_config_arn = "arn:aws:lambda:us-east-1:123456789012:code-signing-config:csc-0123456789abcdef0"
    }
  }

  assert {
    condition     = aws_iam_role.this.permissions_boundary == "arn:aws:iam::123456789012:policy/estate/boundary" && aws_iam_role.this.path == "/connect-data/"
    error_message = "The role takes the boundary and path."
  }
  assert {
    condition     = aws_lambda_function.this.code_signing_config_arn == "arn:aws:lambda:us-east-1:123456789012:code-signing-config:csc-0123456789abcdef0"
    error_message = "The function enforces the code signing configuration."
  }
}

run "accepts_boundaries_of_every_partition_and_aws_managed_ones" {
  command = plan

  variables {
    permissions_boundary = "arn:aws-us-gov:iam::123456789012:policy/boundary"
    settings             = { permissions_boundary = "arn:aws-cn:iam::aws:policy/PowerUserAccess" }
  }

  assert {
    condition     = aws_iam_role.this.permissions_boundary == "arn:aws-us-gov:iam::123456789012:policy/boundary"
    error_message = "The function's own boundary wins over the shared one."
  }
}

run "accepts_code_signing_in_aws_cn" {
  command = plan
  variables { code_signing_config_arn = "arn:aws-cn:lambda:cn-north-1:123456789012:code-signing-config:csc-0123456789abcdef0" }
}

run "rejects_a_role_arn_as_boundary" {
  command = plan
  variables { permissions_boundary = "arn:aws:iam::123456789012:role/boundary" }
  expect_failures = [var.permissions_boundary]
}

run "rejects_a_boundary_of_an_unknown_partition" {
  command = plan
  variables { permissions_boundary = "arn:aws-xx:iam::123456789012:policy/boundary" }
  expect_failures = [var.permissions_boundary]
}

run "rejects_a_role_path_without_slashes" {
  command = plan
  variables { role_path = "estate" }
  expect_failures = [var.role_path]
}

run "rejects_a_bad_shared_role_path" {
  command = plan
  variables { settings = { role_path = "/a b/" } }
  expect_failures = [var.settings]
}

run "rejects_a_signing_profile_arn_as_code_signing_config" {
  command = plan
  variables { code_signing_config_arn = "arn:aws:signer:us-east-1:123456789012:/signing-profiles/p" }
  expect_failures = [var.code_signing_config_arn]
}

# Two fixture source trees that differ only in the data file (and a stray .env in the second, which is
# neither zipped nor hashed): the hash must follow the data file and nothing else.
run "declared_data_files_are_hashed_with_the_python_files" {
  command = plan

  variables {
    function_name = "unit-vanity"
    capability    = "vanity"
    handler       = "connect_data.vanity.handler.handler"
    source_root   = "./tests/fixtures/index_v1"
    data_files    = ["connect_data/vanity/word_index.txt"]
  }

  assert {
    condition = local.source_files == tolist([
      "connect_data/__init__.py",
      "connect_data/common/__init__.py",
      "connect_data/vanity/__init__.py",
      "connect_data/vanity/handler.py",
      "connect_data/vanity/word_index.txt",
    ])
    error_message = "The hash covers the Python files and the declared data file, nothing else."
  }
}

run "without_the_data_file_the_hash_differs" {
  command = plan

  variables {
    function_name = "unit-vanity"
    capability    = "vanity"
    handler       = "connect_data.vanity.handler.handler"
    source_root   = "./tests/fixtures/index_v1"
  }

  assert {
    condition     = output.source_hash != run.declared_data_files_are_hashed_with_the_python_files.source_hash
    error_message = "Declaring a data file changes the source hash."
  }
}

run "an_edited_data_file_changes_the_hash_and_the_zip_path" {
  command = plan

  variables {
    function_name = "unit-vanity"
    capability    = "vanity"
    handler       = "connect_data.vanity.handler.handler"
    source_root   = "./tests/fixtures/index_v2"
    data_files    = ["connect_data/vanity/word_index.txt"]
  }

  assert {
    condition     = output.source_hash != run.declared_data_files_are_hashed_with_the_python_files.source_hash
    error_message = "A new word index gives a new source hash, so the function is redeployed."
  }
  assert {
    condition     = output.package_path != run.declared_data_files_are_hashed_with_the_python_files.package_path && terraform_data.package.triggers_replace == [output.package_path]
    error_message = "A new source hash gives a new zip path, which rebuilds the package."
  }
  assert {
    condition     = !contains(local.source_files, "connect_data/vanity/.env")
    error_message = "A stray file beside the declared data is not hashed (and package.py does not zip it)."
  }
}

run "a_data_file_declared_twice_or_in_python_is_hashed_once" {
  command = plan

  variables {
    function_name = "unit-vanity"
    capability    = "vanity"
    handler       = "connect_data.vanity.handler.handler"
    source_root   = "./tests/fixtures/index_v1"
    data_files    = ["connect_data/vanity/word_index.txt", "connect_data/vanity/handler.py"]
  }

  assert {
    condition     = length(local.source_files) == length(distinct(local.source_files)) && output.source_hash == run.declared_data_files_are_hashed_with_the_python_files.source_hash
    error_message = "A Python file declared as data is hashed once, as the zip holds it once."
  }
}

run "rejects_a_data_file_outside_the_package" {
  command = plan
  variables { data_files = ["../secrets.txt"] }
  expect_failures = [var.data_files]
}

run "rejects_a_data_file_that_climbs_out" {
  command = plan
  variables { data_files = ["connect_data/vanity/../../.env"] }
  expect_failures = [var.data_files]
}

run "rejects_a_comma_in_a_data_file" {
  command = plan
  variables { data_files = ["connect_data/vanity/a.txt,connect_data/b.txt"] }
  expect_failures = [var.data_files]
}

run "rejects_an_absolute_data_file" {
  command = plan
  variables { data_files = ["/etc/passwd"] }
  expect_failures = [var.data_files]
}
