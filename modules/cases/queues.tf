resource "aws_sqs_queue" "dead_letter" {
  name                      = "${local.queue_name}-dlq"
  message_retention_seconds = 1209600
  kms_master_key_id         = var.kms_key_arn
  sqs_managed_sse_enabled   = var.kms_key_arn == null ? true : null
  tags                      = var.tags
}

# The rule's target sends what it could not deliver here; only that rule may.
data "aws_iam_policy_document" "dead_letter" {
  statement {
    sid       = "CasesRuleFailedDeliveries"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.dead_letter.arn]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_event_rule.cases.arn]
    }
  }
}

resource "aws_sqs_queue_policy" "dead_letter" {
  queue_url = aws_sqs_queue.dead_letter.id
  policy    = data.aws_iam_policy_document.dead_letter.json
}

resource "aws_sqs_queue" "events" {
  name = local.queue_name
  # Lambda's guidance: at least six times the function timeout, so a retried batch is not redelivered mid-run.
  visibility_timeout_seconds = var.stream_timeout * 6
  message_retention_seconds  = 345600
  kms_master_key_id          = var.kms_key_arn
  sqs_managed_sse_enabled    = var.kms_key_arn == null ? true : null

  tags = var.tags

  lifecycle {
    # aws_sqs_queue_redrive_policy below owns the attribute (the provider's documented pairing).
    ignore_changes = [redrive_policy]
  }
}

# A separate resource, so the queue and the dead-letter queue are created in parallel.
resource "aws_sqs_queue_redrive_policy" "events" {
  queue_url = aws_sqs_queue.events.id
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dead_letter.arn
    maxReceiveCount     = var.max_receive_count
  })
}

data "aws_iam_policy_document" "queue" {
  statement {
    sid       = "CasesRuleOnly"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.events.arn]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_event_rule.cases.arn]
    }
  }
}

resource "aws_sqs_queue_policy" "events" {
  queue_url = aws_sqs_queue.events.id
  policy    = data.aws_iam_policy_document.queue.json

  # One attribute write at a time: moto (the local stack) drops a queue's Policy on any
  # SetQueueAttributes that does not repeat it, so the policy goes last.
  depends_on = [aws_sqs_queue_redrive_policy.events]
}
