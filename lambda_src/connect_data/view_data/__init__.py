"""View data: step-by-step-guide answers, enriched from Connect, in DynamoDB; and the questions they answer."""
