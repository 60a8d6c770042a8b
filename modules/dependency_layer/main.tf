locals {
  requirements_file = coalesce(var.requirements_file, "${path.module}/../../lambda_src/requirements.txt")
  python_version    = trimprefix(var.compatible_runtimes[0], "python")
  # Pinned requirements, platform and Python version decide the layer's content.
  layer_hash = sha256(join("\n", [filesha256(local.requirements_file), var.architecture, local.python_version]))
  zip_path   = "${path.root}/.build/layers/${var.layer_name}-${substr(local.layer_hash, 0, 20)}.zip"
}

resource "terraform_data" "package" {
  triggers_replace = [local.zip_path]

  provisioner "local-exec" {
    command = join(" ", [
      var.python, "${path.module}/../lambda_function/package.py", "layer",
      "--requirements", local.requirements_file,
      "--python-version", local.python_version,
      "--architecture", var.architecture,
      "--output", local.zip_path,
    ])
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
