output "vanity_flow_id" {
  description = "ID of the vanity contact flow."
  value       = module.vanity_numbers.vanity_flow_id
}

output "greeting_flow_id" {
  description = "ID of the greeting contact flow (greets known callers, then runs the vanity flow)."
  value       = module.vanity_numbers.greeting_flow_id
}

output "vanity_function_arn" {
  description = "ARN of the vanity function."
  value       = module.vanity_numbers.function_arn
}

output "results_table_name" {
  description = "Table holding each caller's best five vanity numbers."
  value       = module.vanity_numbers.table_name
}
