variable "layer_name" {
  description = "Name of the layer."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,140}$", var.layer_name))
    error_message = "layer_name must be 1-140 letters, digits, hyphens or underscores."
  }
}

variable "requirements_file" {
  description = "Hash-locked pip requirements (every package of the closure pinned with --hash), installed with --require-hashes. Defaults to this collection's lambda_src/requirements.txt (locked from requirements.in)."
  type        = string
  default     = null
}

variable "compatible_runtimes" {
  description = "Runtimes the layer declares; the first one's Python version selects the wheels."
  type        = list(string)
  default     = ["python3.13"]

  validation {
    condition     = length(var.compatible_runtimes) > 0 && alltrue([for r in var.compatible_runtimes : can(regex("^python3\\.[0-9]+$", r))])
    error_message = "compatible_runtimes must list at least one pythonX.Y runtime."
  }
}

variable "architecture" {
  description = "arm64 or x86_64: which platform's wheels are installed."
  type        = string
  default     = "arm64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.architecture)
    error_message = "architecture must be arm64 or x86_64."
  }
}

variable "python" {
  description = "Python interpreter (with pip) that builds the layer at apply time."
  type        = string
  default     = "python3"
}
