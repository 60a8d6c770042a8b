# Everything on, for an existing Amazon Connect instance (and, for Cases, its Cases domain).
#
#   terraform init && terraform apply -var connect_instance_arn=... -var flow_log_group_name=/aws/connect/<alias>

variable "region" {
  description = "Region of the Connect instance."
  type        = string
  default     = "us-east-1"
}

variable "connect_instance_arn" {
  description = "ARN of your Amazon Connect instance."
  type        = string
}

variable "flow_log_group_name" {
  description = "The instance's contact-flow log group, /aws/connect/<instance alias> (flow logging must be on)."
  type        = string
}

variable "cases_domain_id" {
  description = "ID of the instance's Cases domain; null leaves case event streams off."
  type        = string
  default     = null
}

variable "notification_emails" {
  description = "Addresses subscribed to case notifications (each must confirm by e-mail)."
  type        = list(string)
  default     = []
}

provider "aws" {
  region = var.region

  default_tags {
    tags = { Project = "connect-data" }
  }
}

resource "aws_kms_key" "data" {
  description         = "connect-data tables, queues, topics, logs and function environments"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.key.json
}

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

# A key policy, not an identity policy: "*" as its resource means this key and nothing else, and the root
# statement is AWS's default key policy, which hands the key's use to IAM policies in this account.
data "aws_iam_policy_document" "key" {
  #checkov:skip=CKV_AWS_111:key policy; its "*" resource is this key only (KMS key policy semantics)
  #checkov:skip=CKV_AWS_356:key policy; its "*" resource is this key only (KMS key policy semantics)
  #checkov:skip=CKV_AWS_109:AWS's default key policy statement: the account root delegates the key to IAM policies
  statement {
    sid       = "DelegateToIam"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }

  statement {
    sid       = "CloudWatchLogs"
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["logs.${var.region}.amazonaws.com"]
    }
    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:${data.aws_partition.current.partition}:logs:${var.region}:${data.aws_caller_identity.current.account_id}:log-group:*"]
    }
  }

  statement {
    sid       = "ServicesThatEncryptForUs"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com", "sns.amazonaws.com", "sqs.amazonaws.com", "scheduler.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

module "connect_data" {
  source = "../.."

  name_prefix          = "acme"
  connect_instance_arn = var.connect_instance_arn
  kms_key_arn          = aws_kms_key.data.arn

  customer_lookup = {
    allowed_attributes = ["FirstName", "LastName", "Tier", "PreferredLanguage"]
    record_last_call   = true
  }

  contact_status = {
    flow_log_group_name = var.flow_log_group_name
    retention_minutes   = 1440
    enable_archive      = true
  }

  view_data = {
    time_zone = "America/New_York"
  }

  cases = {
    cases_domain_id      = var.cases_domain_id
    enable_event_streams = var.cases_domain_id != null
    notification_emails  = var.notification_emails
  }

  vanity_numbers = {
    create_vanity_flow   = true
    create_greeting_flow = true
  }
}

output "connect_data" {
  description = "Names and ARNs of everything deployed."
  value       = module.connect_data
}
