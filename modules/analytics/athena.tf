resource "aws_athena_workgroup" "lake" {
  name          = "${var.name_prefix}-analytics"
  description   = "Queries of the ${var.name_prefix} data lake, with a per-query scan limit."
  force_destroy = true

  configuration {
    enforce_workgroup_configuration    = true
    publish_cloudwatch_metrics_enabled = true
    bytes_scanned_cutoff_per_query     = var.bytes_scanned_cutoff_per_query

    result_configuration {
      output_location = "s3://${local.bucket_name}/${local.results_prefix}"

      encryption_configuration {
        encryption_option = var.kms_key_arn == null ? "SSE_S3" : "SSE_KMS"
        kms_key_arn       = var.kms_key_arn
      }
    }
  }

  # Always one tag: moto answers ListTagsForResource of an untagged workgroup with "does not exist".
  tags = merge({ Name = "${var.name_prefix}-analytics" }, var.tags)
}

resource "aws_athena_named_query" "reports" {
  for_each = var.create_named_queries ? local.queries : {}

  name        = "${var.name_prefix}-${replace(each.key, "_", "-")}"
  description = substr(trimprefix(split("\n", each.value)[0], "-- "), 0, 1024)
  workgroup   = aws_athena_workgroup.lake.id
  database    = aws_glue_catalog_database.lake.name
  query       = each.value
}
