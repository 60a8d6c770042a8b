output "table_name" {
  description = "Name of the results table."
  value       = aws_dynamodb_table.results.name
}

output "table_arn" {
  description = "ARN of the results table."
  value       = aws_dynamodb_table.results.arn
}

output "function_name" {
  description = "Name of the vanity function."
  value       = module.function.function_name
}

output "function_arn" {
  description = "ARN of the vanity function, for a flow's Invoke AWS Lambda function block."
  value       = module.function.function_arn
}

output "role_arn" {
  description = "ARN of the vanity function's execution role."
  value       = module.function.role_arn
}

output "log_group_name" {
  description = "Log group of the vanity function."
  value       = module.function.log_group_name
}

output "package_path" {
  description = "Zip the vanity function was deployed from (relative to the working directory)."
  value       = module.function.package_path
}

output "vanity_flow_id" {
  description = "ID of the vanity contact flow (null when not created)."
  value       = local.create_vanity_flow ? aws_connect_contact_flow.vanity[0].contact_flow_id : null
}

output "vanity_flow_content" {
  description = "The vanity flow's Flow language JSON as deployed, for review (null when not created)."
  value       = local.create_vanity_flow ? local.vanity_flow_content : null
}

output "flow_logging" {
  description = "Whether the module's flows turn flow logging on before anything else (tests/vanity_numbers.tftest.hcl checks the flow JSON)."
  value       = var.flow_logging
}

output "vanity_flow_arn" {
  description = "ARN of the vanity contact flow (null when not created)."
  value       = local.create_vanity_flow ? aws_connect_contact_flow.vanity[0].arn : null
}

output "greeting_flow_id" {
  description = "ID of the greeting contact flow (null when not created)."
  value       = local.create_greeting_flow ? aws_connect_contact_flow.greeting[0].contact_flow_id : null
}

output "greeting_flow_arn" {
  description = "ARN of the greeting contact flow (null when not created)."
  value       = local.create_greeting_flow ? aws_connect_contact_flow.greeting[0].arn : null
}

output "phone_flows_function_name" {
  description = "Name of the function that points phone numbers at the flows (null when phone_number_flows is empty)."
  value       = local.associate_phone_numbers ? module.phone_flows_function[0].function_name : null
}

output "phone_flows_function_arn" {
  description = "ARN of the function that points phone numbers at the flows (null when phone_number_flows is empty)."
  value       = local.associate_phone_numbers ? module.phone_flows_function[0].function_arn : null
}

output "table_stream_arn" {
  description = "ARN of the results table's stream (null unless enable_stream)."
  value       = var.enable_stream ? aws_dynamodb_table.results.stream_arn : null
}
