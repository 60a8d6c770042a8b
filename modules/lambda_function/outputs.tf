output "function_name" {
  description = "Name of the function."
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "ARN of the function (unqualified)."
  value       = aws_lambda_function.this.arn
}

output "version" {
  description = "Version the live alias points at (published by the last apply that changed the function)."
  value       = aws_lambda_function.this.version
}

output "alias_name" {
  description = "Name of the alias callers invoke (live)."
  value       = aws_lambda_alias.live.name
}

output "alias_arn" {
  description = "ARN of the live alias: what Connect, permissions, event sources and targets should call."
  value       = aws_lambda_alias.live.arn
}

output "alias_invoke_arn" {
  description = "Invoke ARN of the live alias (API Gateway and others)."
  value       = aws_lambda_alias.live.invoke_arn
}

output "invoke_arn" {
  description = "ARN API Gateway and others use to invoke the function."
  value       = aws_lambda_function.this.invoke_arn
}

output "role_name" {
  description = "Name of the function's execution role."
  value       = aws_iam_role.this.name
}

output "role_arn" {
  description = "ARN of the function's execution role."
  value       = aws_iam_role.this.arn
}

output "log_group_name" {
  description = "Name of the function's log group."
  value       = aws_cloudwatch_log_group.this.name
}

output "package_path" {
  description = "Path, relative to the working directory, of the zip the function was deployed from."
  value       = local.zip_path
}

output "source_hash" {
  description = "SHA-256 of the packaged source files, as computed at plan time."
  value       = local.source_hash
}

output "environment_variables" {
  description = "Environment the function was given (with the Powertools settings added)."
  value       = local.environment
}

output "policy_statements" {
  description = "The caller's policy statements, as passed (for tests and audits)."
  value       = var.policy_statements
}

output "timeout" {
  description = "Timeout of the function in seconds, as deployed (alarms compare its p99 duration with it)."
  value       = local.timeout
}
