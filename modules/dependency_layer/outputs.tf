output "arn" {
  description = "Layer version ARN, to pass as dependency_layer_arn."
  value       = aws_lambda_layer_version.this.arn
}

output "package_path" {
  description = "Path, relative to the working directory, of the layer zip."
  value       = local.zip_path
}
