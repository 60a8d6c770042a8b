resource "aws_glue_catalog_database" "lake" {
  name        = local.database_name
  description = "Amazon Connect data captured by ${var.name_prefix}: one table per dataset of the S3 lake."
}

# Partition projection: Athena computes the dt=YYYY-MM-DD partitions from the query's filter, so there is
# no crawler to run or pay for and no partition to add when a day begins.
resource "aws_glue_catalog_table" "datasets" {
  for_each = local.datasets

  database_name = aws_glue_catalog_database.lake.name
  name          = each.key
  description   = "Dataset ${each.key} of the lake (gzip JSON Lines, one object per stream batch)."
  table_type    = "EXTERNAL_TABLE"

  parameters = {
    EXTERNAL                      = "TRUE"
    classification                = "json"
    compressionType               = "gzip"
    "projection.enabled"          = "true"
    "projection.dt.type"          = "date"
    "projection.dt.format"        = "yyyy-MM-dd"
    "projection.dt.range"         = "${var.projection_start_date},NOW"
    "projection.dt.interval"      = "1"
    "projection.dt.interval.unit" = "DAYS"
    "storage.location.template"   = "s3://${local.bucket_name}/${var.prefix}${each.key}/dt=$${dt}/"
  }

  partition_keys {
    name = "dt"
    type = "string"
  }

  storage_descriptor {
    location      = "s3://${local.bucket_name}/${var.prefix}${each.key}/"
    input_format  = "org.apache.hadoop.mapred.TextInputFormat"
    output_format = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat"

    ser_de_info {
      serialization_library = "org.openx.data.jsonserde.JsonSerDe"
      parameters = {
        "ignore.malformed.json" = "true"
      }
    }

    dynamic "columns" {
      for_each = each.value
      content {
        name = columns.key
        type = columns.value
      }
    }
  }
}
