mock_provider "aws" {}

variables {
  layer_name = "unit-deps"
}

run "layer_is_content_addressed_by_requirements_platform_and_python" {
  command = plan

  assert {
    condition     = aws_lambda_layer_version.this.compatible_architectures == toset(["arm64"]) && aws_lambda_layer_version.this.compatible_runtimes == toset(["python3.13"])
    error_message = "The layer is built for python3.13 on arm64 by default."
  }
  assert {
    condition     = startswith(aws_lambda_layer_version.this.filename, "./.build/layers/unit-deps-") && aws_lambda_layer_version.this.source_code_hash == local.layer_hash
    error_message = "The zip path and hash come from the requirements, platform and Python version."
  }
  assert {
    condition     = local.python_version == "3.13"
    error_message = "The wheels are chosen for the first runtime's Python version."
  }
}

run "x86_layer_has_another_hash" {
  command = plan

  variables {
    architecture = "x86_64"
  }

  assert {
    condition     = aws_lambda_layer_version.this.compatible_architectures == toset(["x86_64"])
    error_message = "The architecture is passed through."
  }
}

run "rejects_a_bad_layer_name" {
  command = plan
  variables { layer_name = "bad name" }
  expect_failures = [var.layer_name]
}

run "rejects_a_non_python_runtime" {
  command = plan
  variables { compatible_runtimes = ["nodejs20.x"] }
  expect_failures = [var.compatible_runtimes]
}

run "rejects_an_unknown_architecture" {
  command = plan
  variables { architecture = "sparc" }
  expect_failures = [var.architecture]
}
