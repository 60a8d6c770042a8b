# Both detail-types Connect has used for the same payload; scoped to the domain when one is given
# (every Cases event lists the domain ARN among its resources).
resource "aws_cloudwatch_event_rule" "cases" {
  name        = local.rule_name
  description = "Amazon Connect Cases events to the case event queue"
  event_pattern = jsonencode(merge(
    {
      source        = ["aws.cases"]
      "detail-type" = ["Amazon Connect Cases Change", "Amazon Connect Cases Event"]
    },
    local.domain_arn == null ? {} : { resources = [local.domain_arn] },
  ))
  tags = var.tags
}

# An event EventBridge cannot put on the queue (throttling, a KMS key policy without events.amazonaws.com)
# is retried and then kept in the dead-letter queue, beside the messages the consumer gave up on: both
# hold the event as its JSON body, so one redrive moves either back to the event queue.
resource "aws_cloudwatch_event_target" "queue" {
  rule      = aws_cloudwatch_event_rule.cases.name
  target_id = "case-event-queue"
  arn       = aws_sqs_queue.events.arn

  retry_policy {
    maximum_retry_attempts       = var.event_retry_attempts
    maximum_event_age_in_seconds = var.event_max_age_seconds
  }

  dead_letter_config {
    arn = aws_sqs_queue.dead_letter.arn
  }
}
