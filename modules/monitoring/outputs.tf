output "alarm_names" {
  description = "Names of every alarm created, by kind (function_errors, function_throttles, function_duration, iterator_age, flow_error_share, dlq_visible, dlq_age, rule_failed_invocations, rule_dead_letter_invocations) and key."
  value = {
    function_errors              = { for k, a in aws_cloudwatch_metric_alarm.function_errors : k => a.alarm_name }
    function_throttles           = { for k, a in aws_cloudwatch_metric_alarm.function_throttles : k => a.alarm_name }
    function_duration            = { for k, a in aws_cloudwatch_metric_alarm.function_duration : k => a.alarm_name }
    iterator_age                 = { for k, a in aws_cloudwatch_metric_alarm.iterator_age : k => a.alarm_name }
    flow_error_share             = { for k, a in aws_cloudwatch_metric_alarm.flow_error_share : k => a.alarm_name }
    dlq_visible                  = { for k, a in aws_cloudwatch_metric_alarm.dlq_visible : k => a.alarm_name }
    dlq_age                      = { for k, a in aws_cloudwatch_metric_alarm.dlq_age : k => a.alarm_name }
    rule_failed_invocations      = { for k, a in aws_cloudwatch_metric_alarm.rule_failed_invocations : k => a.alarm_name }
    rule_dead_letter_invocations = { for k, a in aws_cloudwatch_metric_alarm.rule_dead_letter_invocations : k => a.alarm_name }
  }
}

output "alarm_count" {
  description = "Number of alarms created."
  value = sum([0,
    length(aws_cloudwatch_metric_alarm.function_errors), length(aws_cloudwatch_metric_alarm.function_throttles),
    length(aws_cloudwatch_metric_alarm.function_duration), length(aws_cloudwatch_metric_alarm.iterator_age),
    length(aws_cloudwatch_metric_alarm.flow_error_share), length(aws_cloudwatch_metric_alarm.dlq_visible),
    length(aws_cloudwatch_metric_alarm.dlq_age), length(aws_cloudwatch_metric_alarm.rule_failed_invocations),
    length(aws_cloudwatch_metric_alarm.rule_dead_letter_invocations),
  ])
}

output "dashboard_name" {
  description = "Name of the capability's dashboard (null when none was created)."
  value       = one(aws_cloudwatch_dashboard.this[*].dashboard_name)
}

output "dashboard_body" {
  description = "JSON body of the dashboard (null when none was created): for tests and for copying into another account."
  value       = one(aws_cloudwatch_dashboard.this[*].dashboard_body)
}
