# Optional widgets are `[for w in [widget] : w if present]`: a conditional cannot join tuples of
# different shapes, a filtered for-expression can.
# One dashboard per capability, read top to bottom as on call: is it answering, is it failing, is
# anything waiting. A widget appears only when the capability has something to put in it.

locals {
  region  = data.aws_region.current.id
  period  = local.thresholds.period_seconds
  fn_list = [for k in sort(keys(var.functions)) : var.functions[k]]
  emf     = [var.metrics_namespace, "capability", var.capability, "function"]

  header = { answering = "## Is it answering?", failing = "## Is it failing?", waiting = "## Is anything waiting?" }

  answering = concat(
    [{
      type = "metric", width = 8, height = 6
      properties = {
        title   = "Invocations", region = local.region, stat = "Sum", period = local.period, view = "timeSeries"
        metrics = [for f in local.fn_list : ["AWS/Lambda", "Invocations", "FunctionName", f.function_name]]
      }
    }],
    [for w in [{
      type = "metric", width = 8, height = 6
      properties = {
        title = "Flow replies by error code", region = local.region, stat = "Sum", period = local.period, view = "timeSeries"
        metrics = concat(
          flatten([for k in sort(keys(local.flow_functions)) : [
            concat(local.emf, [local.flow_functions[k].function_name, "FlowReplies"]),
            concat(local.emf, [local.flow_functions[k].function_name, "FlowReplyErrors"]),
          ]]),
          # Each error code is a metric of its own (FlowReplyError_<CODE>): codes are never dimensions.
          [[{ expression = "SEARCH('{${var.metrics_namespace},capability,function} capability=\"${var.capability}\" MetricName=FlowReplyError', 'Sum', ${local.period})", id = "codes", label = "" }]],
        )
      }
    }] : w if !(length(local.flow_functions) == 0)],
    [{
      type = "metric", width = 8, height = 6
      properties = {
        title       = "Duration p99 against the timeout (ms)", region = local.region, stat = "p99", period = local.period, view = "timeSeries"
        metrics     = [for f in local.fn_list : ["AWS/Lambda", "Duration", "FunctionName", f.function_name]]
        annotations = { horizontal = [for f in local.fn_list : { label = "${f.function_name} timeout", value = f.timeout * 1000 }] }
      }
    }],
  )

  failing = concat(
    [{
      type = "metric", width = 8, height = 6
      properties = {
        title = "Errors and throttles", region = local.region, stat = "Sum", period = local.period, view = "timeSeries"
        metrics = flatten([for f in local.fn_list : [
          ["AWS/Lambda", "Errors", "FunctionName", f.function_name],
          ["AWS/Lambda", "Throttles", "FunctionName", f.function_name],
        ]])
      }
    }],
    [{
      type = "metric", width = 8, height = 6
      properties = {
        title = "Records processed, skipped, quarantined, replayed", region = local.region, stat = "Sum", period = local.period, view = "timeSeries"
        metrics = flatten([for f in local.fn_list : [
          for m in ["RecordsProcessed", "RecordsSkipped", "RecordsQuarantined", "RecordsReplayed"] : concat(local.emf, [f.function_name, m])
        ]])
      }
    }],
    [for w in [{
      type = "metric", width = 8, height = 6
      properties = {
        title = "Dead letters: depth and oldest age (s)", region = local.region, stat = "Maximum", period = local.period, view = "timeSeries"
        metrics = flatten([for k in sort(keys(var.dead_letter_queues)) : [
          ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", var.dead_letter_queues[k]],
          ["AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", var.dead_letter_queues[k], { yAxis = "right" }],
        ]])
      }
    }] : w if !(length(var.dead_letter_queues) == 0)],
    [for w in [{
      type = "metric", width = 8, height = 6
      properties = {
        title = "Rule failures", region = local.region, stat = "Sum", period = local.period, view = "timeSeries"
        metrics = flatten([for k in sort(keys(var.rules)) : [
          ["AWS/Events", "FailedInvocations", "RuleName", var.rules[k]],
          ["AWS/Events", "InvocationsSentToDlq", "RuleName", var.rules[k]],
        ]])
      }
    }] : w if !(length(var.rules) == 0)],
  )

  waiting = concat(
    [for w in [{
      type = "metric", width = 12, height = 6
      properties = {
        title   = "Stream iterator age (ms)", region = local.region, stat = "Maximum", period = local.period, view = "timeSeries"
        metrics = [for k in sort(keys(local.stream_functions)) : ["AWS/Lambda", "IteratorAge", "FunctionName", local.stream_functions[k].function_name]]
      }
    }] : w if !(length(local.stream_functions) == 0)],
    [for w in [{
      type = "metric", width = 12, height = 6
      properties = {
        title   = "Queue age of the oldest message (s)", region = local.region, stat = "Maximum", period = local.period, view = "timeSeries"
        metrics = [for q in concat([for k in sort(keys(var.source_queues)) : var.source_queues[k]], [for k in sort(keys(var.dead_letter_queues)) : var.dead_letter_queues[k]]) : ["AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", q]]
      }
    }] : w if !(length(var.source_queues) + length(var.dead_letter_queues) == 0)],
  )

  widgets = concat(
    [{ type = "text", width = 24, height = 1, properties = { markdown = local.header.answering } }], local.answering,
    [{ type = "text", width = 24, height = 1, properties = { markdown = local.header.failing } }], local.failing,
    [for w in [{ type = "text", width = 24, height = 1, properties = { markdown = local.header.waiting } }] : w if length(local.waiting) > 0], local.waiting,
  )
}

resource "aws_cloudwatch_dashboard" "this" {
  count = var.create_dashboard && length(var.functions) > 0 ? 1 : 0

  dashboard_name = var.name
  dashboard_body = jsonencode({ widgets = local.widgets })
}
