# Contact events in batches (batch_contact_events): the rule sends each event to a queue, and the
# processor takes up to contact_events_batch_size of them per invocation, merged per contact, so a busy
# centre pays one invocation and one write per contact per batch instead of one of each per event.
locals {
  contact_events_queue_name = "${var.name_prefix}-contact-status-events"
}

resource "aws_sqs_queue" "contact_events_dead_letter" {
  count = var.batch_contact_events ? 1 : 0

  name                              = "${local.contact_events_queue_name}-dlq"
  message_retention_seconds         = 1209600
  sqs_managed_sse_enabled           = var.kms_key_arn == null ? true : null
  kms_master_key_id                 = var.kms_key_arn
  kms_data_key_reuse_period_seconds = var.kms_key_arn == null ? null : 300
  tags                              = var.tags
}

resource "aws_sqs_queue" "contact_events" {
  count = var.batch_contact_events ? 1 : 0

  name = local.contact_events_queue_name
  # Lambda's guidance: at least six times the function timeout, so a running batch is not delivered twice.
  visibility_timeout_seconds        = local.batch_timeout * 6
  message_retention_seconds         = 345600
  sqs_managed_sse_enabled           = var.kms_key_arn == null ? true : null
  kms_master_key_id                 = var.kms_key_arn
  kms_data_key_reuse_period_seconds = var.kms_key_arn == null ? null : 300
  tags                              = var.tags

  lifecycle {
    # aws_sqs_queue_redrive_policy below owns the attribute (the provider's documented pairing).
    ignore_changes = [redrive_policy]
  }
}

# A message the processor failed max_receive_count times goes to the dead-letter queue; `redrive` moves it back.
resource "aws_sqs_queue_redrive_policy" "contact_events" {
  count = var.batch_contact_events ? 1 : 0

  queue_url = aws_sqs_queue.contact_events[0].id
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.contact_events_dead_letter[0].arn
    maxReceiveCount     = var.contact_events_max_receive_count
  })
}

# Only the contact-events rule may send, to the queue and (what it could not deliver) to its dead-letter queue.
data "aws_iam_policy_document" "contact_events_queue" {
  count = var.batch_contact_events ? 1 : 0

  statement {
    sid       = "ContactEventsRuleOnly"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.contact_events[0].arn, aws_sqs_queue.contact_events_dead_letter[0].arn]

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

resource "aws_sqs_queue_policy" "contact_events" {
  count = var.batch_contact_events ? 1 : 0

  queue_url = aws_sqs_queue.contact_events[0].id
  policy    = data.aws_iam_policy_document.contact_events_queue[0].json

  # One attribute write at a time: moto (the local stack) drops a queue's Policy on any
  # SetQueueAttributes that does not repeat it, so the policy goes last.
  depends_on = [aws_sqs_queue_redrive_policy.contact_events]
}

resource "aws_sqs_queue_policy" "contact_events_dead_letter" {
  count = var.batch_contact_events ? 1 : 0

  queue_url = aws_sqs_queue.contact_events_dead_letter[0].id
  policy    = data.aws_iam_policy_document.contact_events_queue[0].json
}

resource "aws_cloudwatch_event_target" "contact_events_queue" {
  count = var.batch_contact_events ? 1 : 0

  rule      = aws_cloudwatch_event_rule.contact_events.name
  target_id = "contact-status-events-queue"
  arn       = aws_sqs_queue.contact_events[0].arn

  retry_policy {
    maximum_retry_attempts       = var.event_retry_attempts
    maximum_event_age_in_seconds = var.event_max_age_seconds
  }

  dead_letter_config {
    arn = aws_sqs_queue.contact_events_dead_letter[0].arn
  }
}

resource "aws_lambda_event_source_mapping" "contact_events" {
  count = var.batch_contact_events ? 1 : 0

  event_source_arn        = aws_sqs_queue.contact_events[0].arn
  function_name           = module.processor.alias_arn
  batch_size              = var.contact_events_batch_size
  function_response_types = ["ReportBatchItemFailures"]
  # More than 10 messages per batch needs a batching window of at least a second.
  maximum_batching_window_in_seconds = var.contact_events_batch_size > 10 ? max(var.contact_events_batching_window_seconds, 1) : var.contact_events_batching_window_seconds
}
