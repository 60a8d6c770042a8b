"""Development tooling: Terraform with the offline mirror, the local moto stack, running deployed zips."""
