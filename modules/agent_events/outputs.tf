output "stream_arn" {
  description = "ARN of the Kinesis stream that receives the agent events (created here or passed in)."
  value       = local.stream_arn
}

output "stream_name" {
  description = "Name of the stream created here (null when kinesis_stream_arn was passed)."
  value       = local.create_stream ? aws_kinesis_stream.agent_events[0].name : null
}

output "table_name" {
  description = "Name of the agents table (a CURRENT item per agent and its history)."
  value       = aws_dynamodb_table.agents.name
}

output "table_arn" {
  description = "ARN of the agents table."
  value       = aws_dynamodb_table.agents.arn
}

output "quarantine_queue_url" {
  description = "URL of the queue that keeps records the processor could not store, with their reason."
  value       = aws_sqs_queue.quarantine.id
}

output "quarantine_queue_arn" {
  description = "ARN of the quarantine queue (also the mapping's on-failure destination)."
  value       = aws_sqs_queue.quarantine.arn
}

output "function_name" {
  description = "Name of the processor."
  value       = module.processor.function_name
}

output "function_arn" {
  description = "ARN of the processor."
  value       = module.processor.function_arn
}

output "role_arn" {
  description = "ARN of the processor's execution role."
  value       = module.processor.role_arn
}

output "log_group_name" {
  description = "Log group of the processor."
  value       = module.processor.log_group_name
}

output "package_path" {
  description = "Zip the processor was deployed from."
  value       = module.processor.package_path
}

output "event_source_mapping_uuid" {
  description = "UUID of the stream's event source mapping."
  value       = aws_lambda_event_source_mapping.agent_events.uuid
}

output "storage_config_association_id" {
  description = "Association ID of the instance's AGENT_EVENTS storage config (null without connect_instance_arn)."
  value       = local.storage_config_count == 0 ? null : aws_connect_instance_storage_config.agent_events[0].association_id
}

output "policy_statements" {
  description = "The processor's IAM statements (for tests and audits)."
  value       = local.processor_policy_statements
}
