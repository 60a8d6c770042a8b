# What neither the processor nor its retries could take: contact events EventBridge could not deliver,
# and subscription deliveries or events the function failed on after Lambda's asynchronous retries.
locals {
  dead_letter_name = "${var.name_prefix}-contact-status-dlq"
  dead_letter_arn  = aws_sqs_queue.dead_letter.arn
}

resource "aws_sqs_queue" "dead_letter" {
  name                              = local.dead_letter_name
  message_retention_seconds         = 1209600
  sqs_managed_sse_enabled           = var.kms_key_arn == null ? true : null
  kms_master_key_id                 = var.kms_key_arn
  kms_data_key_reuse_period_seconds = var.kms_key_arn == null ? null : 300
  tags                              = var.tags
}

data "aws_iam_policy_document" "dead_letter" {
  statement {
    sid       = "EventBridgeDeadLetters"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.dead_letter.arn]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_event_rule.contact_events.arn]
    }
  }
}

resource "aws_sqs_queue_policy" "dead_letter" {
  queue_url = aws_sqs_queue.dead_letter.id
  policy    = data.aws_iam_policy_document.dead_letter.json
}
