output "normalize_function_arn" {
  description = "Function for the flow's Invoke AWS Lambda function block."
  value       = module.view_data.normalize_function_arn
}

output "view_data_table_name" {
  description = "Where the answers are."
  value       = module.view_data.view_data_table_name
}

output "questions_table_name" {
  description = "Where the question texts are."
  value       = module.view_data.questions_table_name
}

output "extract_result" {
  description = "What the extract function found on this apply."
  value       = module.view_data.extract_result
}
