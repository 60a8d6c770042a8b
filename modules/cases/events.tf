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

resource "aws_cloudwatch_event_target" "queue" {
  rule      = aws_cloudwatch_event_rule.cases.name
  target_id = "case-event-queue"
  arn       = aws_sqs_queue.events.arn
}
