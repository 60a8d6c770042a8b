# The whole collection on a local moto server: `make demo` starts moto, applies this, drives sample
# Connect events through the deployed functions and destroys it again. No AWS account is involved.

variable "endpoint" {
  description = "URL of the local moto server (the demo script passes it)."
  type        = string
  default     = "http://127.0.0.1:5000"
}

variable "enable_analytics" {
  description = "Deploy the data lake (the integration test plans it off to see the tables change in place)."
  type        = bool
  default     = true
}

variable "python" {
  description = "Python interpreter that runs the packager (the demo passes its virtualenv's)."
  type        = string
  default     = "python3"
}

variable "name_prefix" {
  description = "Prefix of every resource name (the integration tests also apply the longest one allowed)."
  type        = string
  default     = "local"
}

variable "enable_archive" {
  description = "Also deploy the contact status archive (stream, function and S3 bucket)."
  type        = bool
  default     = false
}

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "testing"
  secret_key                  = "testing"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  # The account ID is asked of moto's STS: the provider reads the Athena workgroup's tags by an ARN with it.
  skip_region_validation = true

  endpoints {
    athena         = var.endpoint
    cloudwatch     = var.endpoint
    cloudwatchlogs = var.endpoint
    dynamodb       = var.endpoint
    events         = var.endpoint
    glue           = var.endpoint
    iam            = var.endpoint
    kinesis        = var.endpoint
    kms            = var.endpoint
    lambda         = var.endpoint
    s3             = var.endpoint
    scheduler      = var.endpoint
    sns            = var.endpoint
    sqs            = var.endpoint
    sts            = var.endpoint
  }
}

module "connect_data" {
  source = "../.."

  name_prefix         = var.name_prefix
  deletion_protection = false

  # Every capability's alarms and dashboard, notifying a topic created here (moto keeps alarms and
  # dashboards; tests/integration/test_monitoring_local.py reads them back).
  create_alarm_topic = true
  lambda = {
    python = var.python
  }

  # The lake with the tables' streams on. No event source mappings: moto would "invoke" the writer on
  # every change without running it and drop the stream's records. The demo and the integration test
  # read the streams and run the deployed writer on their records instead; force_destroy empties the bucket.
  enable_analytics = var.enable_analytics
  # moto serves plain http (a TLS-only bucket policy denies it, as AWS would) and cannot delete named
  # queries: both stay off here, and terraform test covers them.
  analytics = {
    read_streams         = false
    force_destroy        = true
    require_tls          = false
    create_named_queries = false
  }

  contact_status = {
    enable_archive = var.enable_archive
  }

  customer_lookup = {
    # The lookup answers only allow-listed attributes (none without a list).
    allowed_attributes = ["FirstName", "LastName", "Tier", "PreferredLanguage"]
    record_last_call   = true
    seed_profiles = {
      "+14155550100"  = { FirstName = "Ana", LastName = "Silva", Tier = "gold", PreferredLanguage = "en-US" }
      "+442079460000" = { FirstName = "Oliver", LastName = "Brown", Tier = "silver", PreferredLanguage = "en-GB" }
    }
  }

  # Case event streams stay off (moto serves no Connect, Cases or AppIntegrations), and the queue is not
  # polled: moto would "invoke" the consumer itself without running it and delete the messages. The
  # demo and the integration test run the deployed consumer on the queue's messages instead.
  cases = {
    consumer_enabled = false
  }

  # Agent events on: stream, mapping and agents table in moto. moto hands Kinesis records to its own
  # no-op "invoke"; the demo and the integration test read the stream and run the deployed processor.
  enable_agent_events = true

  # moto has no Connect: a made-up instance ARN gives the extract function, its schedule and its
  # on-apply run something to be scoped to, and no association is attempted.
  view_data = {
    connect_instance_arn   = "arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555"
    associate_with_connect = false
    time_zone              = "Europe/Berlin"
    label_overrides        = { reason = "Why did the customer call?" }
  }
}

output "connect_data" {
  description = "Everything the collection deployed."
  value       = module.connect_data
}
