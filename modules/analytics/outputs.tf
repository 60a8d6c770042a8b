output "bucket_name" {
  description = "Bucket of the lake (created here or passed in)."
  value       = local.bucket_name
}

output "bucket_arn" {
  description = "ARN of the lake's bucket."
  value       = local.bucket_arn
}

output "prefix" {
  description = "Key prefix of the lake's datasets in the bucket."
  value       = var.prefix
}

output "database_name" {
  description = "Glue catalog database of the lake's tables."
  value       = aws_glue_catalog_database.lake.name
}

output "table_names" {
  description = "Glue catalog tables, one per dataset."
  value       = sort([for table in aws_glue_catalog_table.datasets : table.name])
}

output "workgroup_name" {
  description = "Athena workgroup of the lake's queries."
  value       = aws_athena_workgroup.lake.name
}

output "named_query_ids" {
  description = "Athena named query IDs by query name (the file names under queries/)."
  value       = { for name, query in aws_athena_named_query.reports : name => query.id }
}

output "writer_function_name" {
  description = "Name of the lake writer function."
  value       = module.writer.function_name
}

output "writer_function_arn" {
  description = "ARN of the lake writer function."
  value       = module.writer.function_arn
}

output "writer_package_path" {
  description = "Path of the writer's deployment zip."
  value       = module.writer.package_path
}

output "dead_letter_queue_arn" {
  description = "Queue receiving stream batches that failed every retry."
  value       = aws_sqs_queue.dead_letter.arn
}

output "event_source_mapping_ids" {
  description = "Event source mapping UUIDs by source kind."
  value       = { for kind, mapping in aws_lambda_event_source_mapping.streams : kind => mapping.uuid }
}
