output "dependency_layer_arn" {
  description = "Layer every function uses."
  value       = local.layer_arn
}

output "dependency_layer_package_path" {
  description = "Zip of the dependency layer built here (null when a layer ARN was passed in)."
  value       = local.build_layer ? module.dependency_layer[0].package_path : null
}

output "customer_lookup" {
  description = "Names and ARNs of the customer lookup: table_name, table_arn, function_name, function_arn, role_arn, log_group_name, package_path."
  value       = var.enable_customer_lookup ? module.customer_lookup[0] : null
}
