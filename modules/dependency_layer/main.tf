locals {
  requirements_file = coalesce(var.requirements_file, "${path.module}/../../lambda_src/requirements.txt")
  python_version    = trimprefix(var.compatible_runtimes[0], "python")
  # The hash-locked requirements (the whole closure), platform and Python version decide the layer's content.
  layer_hash = sha256(join("\n", [filesha256(local.requirements_file), var.architecture, local.python_version]))
  zip_path   = "${path.root}/.build/layers/${var.layer_name}-${substr(local.layer_hash, 0, 20)}.zip"
}

resource "terraform_data" "package" {
  triggers_replace = [local.zip_path]

  # Arguments travel as environment variables, each quoted once by the shell: a path with spaces or
  # shell characters cannot split or inject anything.
  provisioner "local-exec" {
    command = "\"$PYTHON\" \"$PACKAGER\" layer --requirements \"$REQUIREMENTS\" --python-version \"$PYTHON_VERSION\" --architecture \"$ARCHITECTURE\" --output \"$OUTPUT\""
    environment = {
      PYTHON         = var.python
      PACKAGER       = "${path.module}/../lambda_function/package.py"
      REQUIREMENTS   = local.requirements_file
      PYTHON_VERSION = local.python_version
      ARCHITECTURE   = var.architecture
      OUTPUT         = local.zip_path
    }
  }
}

resource "aws_lambda_layer_version" "this" {
  layer_name               = var.layer_name
  description              = "aws-lambda-powertools and the other pinned dependencies of connect_data"
  filename                 = local.zip_path
  source_code_hash         = local.layer_hash
  compatible_runtimes      = var.compatible_runtimes
  compatible_architectures = [var.architecture]

  depends_on = [terraform_data.package]
}
