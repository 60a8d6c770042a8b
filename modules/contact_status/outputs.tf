output "table_name" {
  description = "Name of the contact status table."
  value       = aws_dynamodb_table.status.name
}

output "table_arn" {
  description = "ARN of the contact status table."
  value       = aws_dynamodb_table.status.arn
}

output "table_stream_arn" {
  description = "ARN of the status table's stream (null unless enable_archive or enable_stream)."
  value       = var.enable_archive || var.enable_stream ? aws_dynamodb_table.status.stream_arn : null
}

output "history_table_name" {
  description = "Name of the contact history table (one page item per contact per delivery, key ContactId and Page)."
  value       = aws_dynamodb_table.history.name
}

output "history_table_arn" {
  description = "ARN of the contact history table."
  value       = aws_dynamodb_table.history.arn
}

output "history_table_stream_arn" {
  description = "ARN of the history table's stream (null unless enable_archive or enable_stream)."
  value       = var.enable_archive || var.enable_stream ? aws_dynamodb_table.history.stream_arn : null
}

output "customer_index_name" {
  description = "Index of a customer's contacts by last event time."
  value       = "by-customer"
}

output "initial_contact_index_name" {
  description = "Index of every contact of one call or chat."
  value       = "by-initial-contact"
}

output "processor_function_name" {
  description = "Name of the processor function."
  value       = module.processor.function_name
}

output "processor_function_arn" {
  description = "ARN of the processor function."
  value       = module.processor.function_arn
}

output "processor_package_path" {
  description = "Zip the processor was deployed from (relative to the working directory)."
  value       = module.processor.package_path
}

output "record_function_name" {
  description = "Name of the record function."
  value       = module.record.function_name
}

output "record_function_arn" {
  description = "ARN of the record function, for a flow's Invoke AWS Lambda function block."
  value       = module.record.function_arn
}

output "history_function_name" {
  description = "Name of the history function."
  value       = module.history.function_name
}

output "history_function_arn" {
  description = "ARN of the history function, for a flow's Invoke AWS Lambda function block."
  value       = module.history.function_arn
}

output "archive_function_name" {
  description = "Name of the archive function (null unless enable_archive)."
  value       = var.enable_archive ? module.archive[0].function_name : null
}

output "archive_bucket_name" {
  description = "Bucket the archive writes to (null unless enable_archive)."
  value       = local.archive_bucket_name
}

output "role_arns" {
  description = "Execution role ARN of each function, by function."
  value = merge(
    { processor = module.processor.role_arn, record = module.record.role_arn, history = module.history.role_arn },
    var.enable_archive ? { archive = module.archive[0].role_arn } : {},
  )
}

output "log_group_names" {
  description = "Log group of each function, by function."
  value = merge(
    { processor = module.processor.log_group_name, record = module.record.log_group_name, history = module.history.log_group_name },
    var.enable_archive ? { archive = module.archive[0].log_group_name } : {},
  )
}

output "dead_letter_queue_arn" {
  description = "ARN of the dead-letter queue (undeliverable events, failed deliveries and archive batches)."
  value       = aws_sqs_queue.dead_letter.arn
}

output "dead_letter_queue_url" {
  description = "URL of the dead-letter queue."
  value       = aws_sqs_queue.dead_letter.id
}

output "event_rule_arn" {
  description = "ARN of the contact-event rule."
  value       = aws_cloudwatch_event_rule.contact_events.arn
}

output "subscription_filter_name" {
  description = "Name of the flow-log subscription filter (null without flow_log_group_name)."
  value       = var.flow_log_group_name == null ? null : aws_cloudwatch_log_subscription_filter.flow_logs[0].name
}

output "contact_events_queue_name" {
  description = "Name of the contact-events queue the processor reads in batches (null unless batch_contact_events)."
  value       = var.batch_contact_events ? aws_sqs_queue.contact_events[0].name : null
}

output "contact_events_queue_arn" {
  description = "ARN of the contact-events queue (null unless batch_contact_events), for alarms on its age and depth."
  value       = var.batch_contact_events ? aws_sqs_queue.contact_events[0].arn : null
}

output "contact_events_queue_url" {
  description = "URL of the contact-events queue (null unless batch_contact_events)."
  value       = var.batch_contact_events ? aws_sqs_queue.contact_events[0].url : null
}

output "contact_events_dead_letter_queue_name" {
  description = "Name of the contact-events queue's dead-letter queue (null unless batch_contact_events); `redrive` moves its messages back to the queue."
  value       = var.batch_contact_events ? aws_sqs_queue.contact_events_dead_letter[0].name : null
}

output "contact_events_dead_letter_queue_arn" {
  description = "ARN of the contact-events queue's dead-letter queue (null unless batch_contact_events), for alarms."
  value       = var.batch_contact_events ? aws_sqs_queue.contact_events_dead_letter[0].arn : null
}
