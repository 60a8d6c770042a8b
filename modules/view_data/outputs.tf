output "view_data_table_name" {
  description = "Name of the view data table."
  value       = aws_dynamodb_table.view_data.name
}

output "view_data_table_arn" {
  description = "ARN of the view data table."
  value       = aws_dynamodb_table.view_data.arn
}

output "questions_table_name" {
  description = "Name of the view questions table."
  value       = aws_dynamodb_table.questions.name
}

output "questions_table_arn" {
  description = "ARN of the view questions table."
  value       = aws_dynamodb_table.questions.arn
}

output "key_attribute" {
  description = "Partition key name of the view data table."
  value       = var.key_attribute
}

output "normalize_function_name" {
  description = "Name of the normalize function."
  value       = module.normalize.function_name
}

output "normalize_function_arn" {
  description = "ARN of the normalize function, for the flow's Invoke AWS Lambda function block."
  value       = module.normalize.function_arn
}

output "normalize_role_arn" {
  description = "ARN of the normalize function's execution role."
  value       = module.normalize.role_arn
}

output "normalize_log_group_name" {
  description = "Log group of the normalize function."
  value       = module.normalize.log_group_name
}

output "normalize_package_path" {
  description = "Zip the normalize function was deployed from (relative to the working directory)."
  value       = module.normalize.package_path
}

output "extract_function_name" {
  description = "Name of the extract function (null without a Connect instance)."
  value       = local.has_instance ? module.extract[0].function_name : null
}

output "extract_function_arn" {
  description = "ARN of the extract function (null without a Connect instance)."
  value       = local.has_instance ? module.extract[0].function_arn : null
}

output "extract_role_arn" {
  description = "ARN of the extract function's execution role (null without a Connect instance)."
  value       = local.has_instance ? module.extract[0].role_arn : null
}

output "extract_log_group_name" {
  description = "Log group of the extract function (null without a Connect instance)."
  value       = local.has_instance ? module.extract[0].log_group_name : null
}

output "extract_package_path" {
  description = "Zip the extract function was deployed from (null without a Connect instance)."
  value       = local.has_instance ? module.extract[0].package_path : null
}

output "extract_dead_letter_queue_arn" {
  description = "ARN of the queue receiving extract runs that failed every retry (null without a Connect instance)."
  value       = local.has_instance ? aws_sqs_queue.extract_dlq[0].arn : null
}

output "extract_dead_letter_queue_url" {
  description = "URL of the extract dead-letter queue (null without a Connect instance)."
  value       = local.has_instance ? aws_sqs_queue.extract_dlq[0].url : null
}

output "extract_schedule_arn" {
  description = "ARN of the extract schedule (null when disabled)."
  value       = local.schedule_enabled ? aws_scheduler_schedule.extract[0].arn : null
}

output "extract_schedule_role_arn" {
  description = "ARN of the role the scheduler invokes the extract function with (null when disabled)."
  value       = local.schedule_enabled ? aws_iam_role.scheduler[0].arn : null
}

output "extract_result" {
  description = "What the extract function answered on the last apply that ran it: a JSON text with counts, notes and errors."
  value       = local.has_instance && var.extract_on_apply ? aws_lambda_invocation.extract_on_apply[0].result : null
}

output "dependency_layer_arn" {
  description = "Layer the functions use."
  value       = local.layer_arn
}

output "view_data_table_stream_arn" {
  description = "ARN of the view data table's stream (null unless enable_stream)."
  value       = var.enable_stream ? aws_dynamodb_table.view_data.stream_arn : null
}
