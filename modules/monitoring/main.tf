data "aws_region" "current" {}

locals {
  # Known at plan time even when the topic is created in the same apply: the caller says so.
  create_alarms = coalesce(var.create_alarms, var.alarm_topic_arn != null)
  alarm_actions = compact([var.alarm_topic_arn])

  defaults = {
    function_errors              = 0      # any error in a period
    function_throttles           = 0      # any throttle in a period
    duration_ratio               = 0.8    # p99 at 80 % of the timeout
    iterator_age_seconds         = 300    # a stream consumer 5 minutes behind
    flow_error_percent           = 5      # 1 flow reply in 20 carries an error code
    dlq_visible_messages         = 0      # any dead letter
    dlq_age_seconds              = 259200 # 3 days: well before the 14 days a dead letter lives
    rule_failed_invocations      = 0
    rule_dead_letter_invocations = 0
    period_seconds               = 300
    evaluation_periods           = 1
  }
  thresholds = merge(local.defaults, var.thresholds)

  stream_functions = { for k, f in var.functions : k => f if f.stream }
  flow_functions   = { for k, f in var.functions : k => f if f.flow_invoked }
}
