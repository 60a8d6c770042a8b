# --- analytics ---------------------------------------------------------------------------------------
# The tables' streams written to an S3 data lake, with a Glue catalog and Athena queries over it
# (see modules/analytics). Turning it on enables the streams of the capabilities that are deployed.

variable "enable_analytics" {
  description = "Deploy the data lake (bucket, stream writer, Glue catalog, Athena workgroup and named queries) and turn on the tables' streams."
  type        = bool
  default     = false
}

variable "analytics" {
  description = "Settings of the data lake (see modules/analytics)."
  type = object({
    bucket_name                    = optional(string)
    prefix                         = optional(string, "lake/")
    phone_numbers                  = optional(string, "mask")
    transition_days                = optional(number, 30)
    expiration_days                = optional(number, 730)
    projection_start_date          = optional(string, "2024-01-01")
    bytes_scanned_cutoff_per_query = optional(number, 10737418240)
    batch_size                     = optional(number, 500)
    batching_window_seconds        = optional(number, 60)
    maximum_retry_attempts         = optional(number, 10)
    force_destroy                  = optional(bool, false)
    read_streams                   = optional(bool, true)
    require_tls                    = optional(bool, true)
    create_named_queries           = optional(bool, true)
  })
  default = {}
}

locals {
  analytics_sources = merge(
    var.enable_view_data ? { view_data = { table_name = module.view_data[0].view_data_table_name, stream_arn = module.view_data[0].view_data_table_stream_arn } } : {},
    var.enable_contact_status ? { contact_status = { table_name = module.contact_status[0].table_name, stream_arn = module.contact_status[0].table_stream_arn } } : {},
    # A contact's history entries live in pages of their own table (modules/contact_status table.tf).
    var.enable_contact_status ? { contact_history = { table_name = module.contact_status[0].history_table_name, stream_arn = module.contact_status[0].history_table_stream_arn } } : {},
    var.enable_cases ? { cases = { table_name = module.cases[0].table_name, stream_arn = module.cases[0].table_stream_arn } } : {},
    var.enable_vanity_numbers ? { vanity = { table_name = module.vanity_numbers[0].table_name, stream_arn = module.vanity_numbers[0].table_stream_arn } } : {},
  )
}

module "analytics" {
  source = "./modules/analytics"
  count  = var.enable_analytics ? 1 : 0

  name_prefix                    = var.name_prefix
  sources                        = local.analytics_sources
  bucket_name                    = var.analytics.bucket_name
  prefix                         = var.analytics.prefix
  phone_numbers                  = var.analytics.phone_numbers
  key_attribute                  = var.view_data.key_attribute
  transition_days                = var.analytics.transition_days
  expiration_days                = var.analytics.expiration_days
  projection_start_date          = var.analytics.projection_start_date
  bytes_scanned_cutoff_per_query = var.analytics.bytes_scanned_cutoff_per_query
  batch_size                     = var.analytics.batch_size
  batching_window_seconds        = var.analytics.batching_window_seconds
  maximum_retry_attempts         = var.analytics.maximum_retry_attempts
  force_destroy                  = var.analytics.force_destroy
  read_streams                   = var.analytics.read_streams
  require_tls                    = var.analytics.require_tls
  create_named_queries           = var.analytics.create_named_queries
  kms_key_arn                    = var.kms_key_arn
  lambda                         = var.lambda
  dependency_layer_arn           = local.layer_arn
  tags                           = var.tags

  alarm_topic_arn = local.alarm_topic_arn
  monitoring      = local.monitoring
}

output "analytics" {
  description = "Names and ARNs of the data lake: bucket, Glue database and tables, Athena workgroup and named queries, writer."
  value       = var.enable_analytics ? module.analytics[0] : null
}
