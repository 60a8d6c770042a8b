output "table_name" {
  description = "Name of the case table (events and case state)."
  value       = aws_dynamodb_table.cases.name
}

output "table_arn" {
  description = "ARN of the case table."
  value       = aws_dynamodb_table.cases.arn
}

output "queue_url" {
  description = "URL of the case event queue."
  value       = aws_sqs_queue.events.id
}

output "queue_arn" {
  description = "ARN of the case event queue."
  value       = aws_sqs_queue.events.arn
}

output "dead_letter_queue_url" {
  description = "URL of the dead-letter queue: case events the consumer failed on every receive, and events the rule could not deliver to the queue (redrive both to queue_arn)."
  value       = aws_sqs_queue.dead_letter.id
}

output "dead_letter_queue_arn" {
  description = "ARN of the dead-letter queue."
  value       = aws_sqs_queue.dead_letter.arn
}

output "rule_name" {
  description = "Name of the EventBridge rule routing Cases events to the queue."
  value       = aws_cloudwatch_event_rule.cases.name
}

output "rule_arn" {
  description = "ARN of the EventBridge rule."
  value       = aws_cloudwatch_event_rule.cases.arn
}

output "topic_arn" {
  description = "ARN of the notification topic (subscribe with a filter policy on eventType, status, caseId, relatedItemType)."
  value       = aws_sns_topic.notifications.arn
}

output "topic_name" {
  description = "Name of the notification topic."
  value       = aws_sns_topic.notifications.name
}

output "stream_function_name" {
  description = "Name of the case event consumer."
  value       = module.stream_function.function_name
}

output "stream_function_arn" {
  description = "ARN of the case event consumer."
  value       = module.stream_function.function_arn
}

output "stream_package_path" {
  description = "Zip the case event consumer was deployed from."
  value       = module.stream_function.package_path
}

output "flow_function_name" {
  description = "Name of the TASK/CHAT flow function (null when disabled)."
  value       = var.enable_flow_function ? module.flow_function[0].function_name : null
}

output "flow_function_arn" {
  description = "ARN of the TASK/CHAT flow function, for a flow's Invoke AWS Lambda function block (null when disabled)."
  value       = var.enable_flow_function ? module.flow_function[0].function_arn : null
}

output "flow_package_path" {
  description = "Zip the flow function was deployed from (null when disabled)."
  value       = var.enable_flow_function ? module.flow_function[0].package_path : null
}

output "provision_function_name" {
  description = "Name of the event-stream provisioning function (null unless event streams are enabled)."
  value       = local.streams_enabled ? module.provision_function[0].function_name : null
}

output "event_integration_arn" {
  description = "ARN of the AppIntegrations event integration (null unless event streams are enabled)."
  value       = local.streams_enabled ? jsondecode(aws_lambda_invocation.event_streams[0].result).event_integration_arn : null
}

output "event_integration_name" {
  description = "Name of the AppIntegrations event integration the provisioning function manages."
  value       = local.event_integration_name
}

output "event_streams_result" {
  description = "What the provisioning function answered (integration ARN, association ID, whether the configuration changed)."
  value       = local.streams_enabled ? jsondecode(aws_lambda_invocation.event_streams[0].result) : null
}

output "event_fields" {
  description = "Field IDs the events (and the flow function's GetCase) include."
  value       = local.event_fields
}

output "policy_statements" {
  description = "IAM statements each function was given besides writing its logs (stream, flow, provision), for review."
  value = {
    stream    = local.stream_policy_statements
    flow      = var.enable_flow_function ? local.flow_policy_statements : []
    provision = local.provision_policy_statements
  }
}

output "table_stream_arn" {
  description = "ARN of the cases table's stream (null unless enable_stream)."
  value       = var.enable_stream ? aws_dynamodb_table.cases.stream_arn : null
}
