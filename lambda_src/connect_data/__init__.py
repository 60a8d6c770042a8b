"""Amazon Connect data capture: the Lambda handlers of terraform-aws-connect-data."""
