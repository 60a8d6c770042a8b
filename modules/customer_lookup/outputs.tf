output "table_name" {
  description = "Name of the profile table."
  value       = aws_dynamodb_table.profiles.name
}

output "table_arn" {
  description = "ARN of the profile table."
  value       = aws_dynamodb_table.profiles.arn
}

output "function_name" {
  description = "Name of the lookup function."
  value       = module.function.function_name
}

output "function_alias_arn" {
  description = "ARN of the function's live alias, which Connect is associated with and flows invoke."
  value       = module.function.alias_arn
}

output "function_arn" {
  description = "ARN of the lookup function, for a flow's Invoke AWS Lambda function block."
  value       = module.function.function_arn
}

output "role_arn" {
  description = "ARN of the lookup function's execution role."
  value       = module.function.role_arn
}

output "log_group_name" {
  description = "Log group of the lookup function."
  value       = module.function.log_group_name
}

output "package_path" {
  description = "Zip the function was deployed from (relative to the working directory)."
  value       = module.function.package_path
}

output "calls_table_name" {
  description = "Name of the calls table (null unless record_last_call)."
  value       = var.record_last_call ? aws_dynamodb_table.calls[0].name : null
}

output "calls_table_arn" {
  description = "ARN of the calls table (null unless record_last_call)."
  value       = var.record_last_call ? aws_dynamodb_table.calls[0].arn : null
}
