data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  create_bucket  = var.bucket_name == null
  bucket_name    = coalesce(var.bucket_name, "${lower(var.name_prefix)}-analytics-${data.aws_caller_identity.current.account_id}")
  bucket_arn     = "arn:${data.aws_partition.current.partition}:s3:::${local.bucket_name}"
  results_prefix = "athena-results/"

  # One column list per dataset, read by the Glue tables here and by the DuckDB runner (cli/analytics.py).
  datasets = jsondecode(file("${path.module}/datasets.json"))
  # One SQL file per named query, in Athena's (Trino) dialect; the DuckDB runner transpiles the same files.
  queries = { for file in fileset("${path.module}/queries", "*.sql") : trimsuffix(file, ".sql") => file("${path.module}/queries/${file}") }

  database_name = replace(lower("${var.name_prefix}_lake"), "-", "_")
  function_name = "${var.name_prefix}-analytics-writer"
}
