output "dependency_layer_arn" {
  description = "Layer every function uses."
  value       = local.layer_arn
}

output "dependency_layer_package_path" {
  description = "Zip of the dependency layer built here (null when a layer ARN was passed in)."
  value       = local.build_layer ? module.dependency_layer[0].package_path : null
}
