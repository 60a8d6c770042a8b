# Every alarm notifies the topic on ALARM and on OK and ends its description with its runbook section.

resource "aws_cloudwatch_metric_alarm" "function_errors" {
  for_each = local.create_alarms ? var.functions : {}

  alarm_name          = "${var.name}-${each.key}-errors"
  alarm_description   = "Function ${each.value.function_name} raised errors (failed invocations). Runbook: ${var.runbook_url}#function-errors"
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = each.value.function_name }
  statistic           = "Sum"
  period              = local.thresholds.period_seconds
  evaluation_periods  = local.thresholds.evaluation_periods
  comparison_operator = "GreaterThanThreshold"
  threshold           = local.thresholds.function_errors
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "function_throttles" {
  for_each = local.create_alarms ? var.functions : {}

  alarm_name          = "${var.name}-${each.key}-throttles"
  alarm_description   = "Function ${each.value.function_name} was throttled (concurrency exhausted). Runbook: ${var.runbook_url}#function-throttles"
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  dimensions          = { FunctionName = each.value.function_name }
  statistic           = "Sum"
  period              = local.thresholds.period_seconds
  evaluation_periods  = local.thresholds.evaluation_periods
  comparison_operator = "GreaterThanThreshold"
  threshold           = local.thresholds.function_throttles
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "function_duration" {
  for_each = local.create_alarms ? var.functions : {}

  alarm_name          = "${var.name}-${each.key}-duration-p99"
  alarm_description   = "p99 duration of ${each.value.function_name} is above ${local.thresholds.duration_ratio * 100} % of its ${each.value.timeout} s timeout. Runbook: ${var.runbook_url}#function-duration-near-timeout"
  namespace           = "AWS/Lambda"
  metric_name         = "Duration"
  dimensions          = { FunctionName = each.value.function_name }
  extended_statistic  = "p99"
  period              = local.thresholds.period_seconds
  evaluation_periods  = local.thresholds.evaluation_periods
  comparison_operator = "GreaterThanThreshold"
  threshold           = each.value.timeout * 1000 * local.thresholds.duration_ratio
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "iterator_age" {
  for_each = local.create_alarms ? local.stream_functions : {}

  alarm_name          = "${var.name}-${each.key}-iterator-age"
  alarm_description   = "The stream ${each.value.function_name} reads is more than ${local.thresholds.iterator_age_seconds} s behind. Runbook: ${var.runbook_url}#stream-iterator-age"
  namespace           = "AWS/Lambda"
  metric_name         = "IteratorAge"
  dimensions          = { FunctionName = each.value.function_name }
  statistic           = "Maximum"
  period              = local.thresholds.period_seconds
  evaluation_periods  = local.thresholds.evaluation_periods
  comparison_operator = "GreaterThanThreshold"
  threshold           = local.thresholds.iterator_age_seconds * 1000
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "flow_error_share" {
  for_each = local.create_alarms ? local.flow_functions : {}

  alarm_name          = "${var.name}-${each.key}-flow-error-share"
  alarm_description   = "More than ${local.thresholds.flow_error_percent} % of ${each.value.function_name}'s flow replies carry an error code. Runbook: ${var.runbook_url}#flow-error-share"
  evaluation_periods  = local.thresholds.evaluation_periods
  comparison_operator = "GreaterThanThreshold"
  threshold           = local.thresholds.flow_error_percent
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = var.tags

  metric_query {
    id          = "share"
    label       = "flow replies with an error code (%)"
    expression  = "100 * FILL(errors, 0) / replies"
    return_data = true
  }
  metric_query {
    id = "errors"
    metric {
      namespace   = var.metrics_namespace
      metric_name = "FlowReplyErrors"
      dimensions  = { capability = var.capability, function = each.value.function_name }
      stat        = "Sum"
      period      = local.thresholds.period_seconds
    }
  }
  metric_query {
    id = "replies"
    metric {
      namespace   = var.metrics_namespace
      metric_name = "FlowReplies"
      dimensions  = { capability = var.capability, function = each.value.function_name }
      stat        = "Sum"
      period      = local.thresholds.period_seconds
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "dlq_visible" {
  for_each = local.create_alarms ? var.dead_letter_queues : {}

  alarm_name          = "${var.name}-${each.key}-visible"
  alarm_description   = "Queue ${each.value} holds messages nothing will retry. Runbook: ${var.runbook_url}#dead-letters-waiting"
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = each.value }
  statistic           = "Maximum"
  period              = local.thresholds.period_seconds
  evaluation_periods  = local.thresholds.evaluation_periods
  comparison_operator = "GreaterThanThreshold"
  threshold           = local.thresholds.dlq_visible_messages
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "dlq_age" {
  for_each = local.create_alarms ? var.dead_letter_queues : {}

  alarm_name          = "${var.name}-${each.key}-oldest-age"
  alarm_description   = "The oldest message of ${each.value} is older than ${local.thresholds.dlq_age_seconds} s; dead letters expire after their retention. Runbook: ${var.runbook_url}#dead-letters-ageing"
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateAgeOfOldestMessage"
  dimensions          = { QueueName = each.value }
  statistic           = "Maximum"
  period              = local.thresholds.period_seconds
  evaluation_periods  = local.thresholds.evaluation_periods
  comparison_operator = "GreaterThanThreshold"
  threshold           = local.thresholds.dlq_age_seconds
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "rule_failed_invocations" {
  for_each = local.create_alarms ? var.rules : {}

  alarm_name          = "${var.name}-${each.key}-failed-invocations"
  alarm_description   = "Rule ${each.value} failed to invoke its target permanently. Runbook: ${var.runbook_url}#rule-failed-invocations"
  namespace           = "AWS/Events"
  metric_name         = "FailedInvocations"
  dimensions          = { RuleName = each.value }
  statistic           = "Sum"
  period              = local.thresholds.period_seconds
  evaluation_periods  = local.thresholds.evaluation_periods
  comparison_operator = "GreaterThanThreshold"
  threshold           = local.thresholds.rule_failed_invocations
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "rule_dead_letter_invocations" {
  for_each = local.create_alarms ? var.rules : {}

  alarm_name          = "${var.name}-${each.key}-sent-to-dlq"
  alarm_description   = "Rule ${each.value} sent events to its dead-letter queue after its retries. Runbook: ${var.runbook_url}#rule-dead-letter-invocations"
  namespace           = "AWS/Events"
  metric_name         = "InvocationsSentToDlq"
  dimensions          = { RuleName = each.value }
  statistic           = "Sum"
  period              = local.thresholds.period_seconds
  evaluation_periods  = local.thresholds.evaluation_periods
  comparison_operator = "GreaterThanThreshold"
  threshold           = local.thresholds.rule_dead_letter_invocations
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = var.tags
}
