# --- Alarms and dashboards --------------------------------------------------------------------------
# Every capability's alarms and dashboard come from modules/monitoring; this file gives them one topic
# (passed in, or created here with e-mail subscriptions) and one set of thresholds. docs/RUNBOOK.md says
# what each alarm means and what fixes it.

variable "alarm_topic_arn" {
  description = "SNS topic every alarm notifies. Alarms are on when it is given (or create_alarm_topic is set); without either, none is created."
  type        = string
  default     = null

  validation {
    condition     = var.alarm_topic_arn == null || can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+$", var.alarm_topic_arn))
    error_message = "alarm_topic_arn must be an SNS topic ARN."
  }
}

variable "create_alarm_topic" {
  description = "Create an encrypted alarm topic (its own KMS key, unless kms_key_arn is given, whose key policy must then let cloudwatch.amazonaws.com use it) whose policy lets CloudWatch alarms of this account publish; alarm_emails are subscribed. Ignored when alarm_topic_arn is given."
  type        = bool
  default     = false
}

variable "alarm_emails" {
  description = "E-mail addresses subscribed to the created alarm topic (each confirms by mail)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for e in var.alarm_emails : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", e))])
    error_message = "alarm_emails must be e-mail addresses."
  }
}

variable "monitoring" {
  description = "Alarms and dashboards of every capability (see modules/monitoring): create_alarms (null: when there is a topic), create_dashboard, metrics_namespace of the functions' EMF metrics, runbook_url, and thresholds overriding the defaults by name."
  type = object({
    create_alarms     = optional(bool)
    create_dashboard  = optional(bool, true)
    metrics_namespace = optional(string, "ConnectData")
    runbook_url       = optional(string)
    thresholds        = optional(map(number), {})
  })
  default = {}
}

locals {
  create_alarm_topic = var.create_alarm_topic && var.alarm_topic_arn == null
  alarm_topic_arn    = local.create_alarm_topic ? aws_sns_topic.alarms[0].arn : var.alarm_topic_arn
  # Decided from the inputs, never from the created topic's ARN, which a plan cannot see.
  monitoring = merge(var.monitoring, {
    create_alarms = coalesce(var.monitoring.create_alarms, var.alarm_topic_arn != null || var.create_alarm_topic)
  })
  alarm_topic_key = local.create_alarm_topic ? coalesce(var.kms_key_arn, one(aws_kms_key.alarms[*].arn)) : null
}

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

# A key policy, not an identity policy: "*" as its resource means this key and nothing else.
data "aws_iam_policy_document" "alarm_key" {
  #checkov:skip=CKV_AWS_111:key policy; its "*" resource is this key only (KMS key policy semantics)
  #checkov:skip=CKV_AWS_356:key policy; its "*" resource is this key only (KMS key policy semantics)
  #checkov:skip=CKV_AWS_109:AWS's default key policy statement: the account root delegates the key to IAM policies
  count = local.create_alarm_topic && var.kms_key_arn == null ? 1 : 0

  statement {
    sid       = "AccountAdministers"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }
  # CloudWatch encrypts the notification it publishes to the topic (a topic under the AWS managed
  # SNS key cannot receive alarms for that reason).
  statement {
    sid       = "CloudWatchPublishes"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_kms_key" "alarms" {
  count = local.create_alarm_topic && var.kms_key_arn == null ? 1 : 0

  description         = "${var.name_prefix} alarm topic"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.alarm_key[0].json
  tags                = var.tags
}

resource "aws_sns_topic" "alarms" {
  count = local.create_alarm_topic ? 1 : 0

  name              = "${var.name_prefix}-alarms"
  kms_master_key_id = coalesce(var.kms_key_arn, one(aws_kms_key.alarms[*].arn))
  tags              = var.tags
}

data "aws_iam_policy_document" "alarm_topic" {
  count = local.create_alarm_topic ? 1 : 0

  statement {
    sid       = "CloudWatchAlarmsPublish"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.alarms[0].arn]
    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${data.aws_partition.current.partition}:cloudwatch:${data.aws_region.current.id}:${data.aws_caller_identity.current.account_id}:alarm:*"]
    }
  }
}

resource "aws_sns_topic_policy" "alarms" {
  count = local.create_alarm_topic ? 1 : 0

  arn    = aws_sns_topic.alarms[0].arn
  policy = data.aws_iam_policy_document.alarm_topic[0].json
}

resource "aws_sns_topic_subscription" "alarm_emails" {
  for_each = local.create_alarm_topic ? toset(var.alarm_emails) : toset([])

  topic_arn = aws_sns_topic.alarms[0].arn
  protocol  = "email"
  endpoint  = each.value
}

output "alarm_topic_arn" {
  description = "SNS topic the alarms notify (the one passed in or created here; null without alarms)."
  value       = local.alarm_topic_arn
}

output "dashboards" {
  description = "Name of each capability's CloudWatch dashboard (null for a capability that is off)."
  value = {
    agent_events    = one(module.agent_events[*].monitoring.dashboard_name)
    analytics       = one(module.analytics[*].monitoring.dashboard_name)
    cases           = one(module.cases[*].monitoring.dashboard_name)
    contact_status  = one(module.contact_status[*].monitoring.dashboard_name)
    customer_lookup = one(module.customer_lookup[*].monitoring.dashboard_name)
    vanity_numbers  = one(module.vanity_numbers[*].monitoring.dashboard_name)
    view_data       = one(module.view_data[*].monitoring.dashboard_name)
  }
}
