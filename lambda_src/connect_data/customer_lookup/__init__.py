"""Customer lookup: a flow-invoked Lambda that answers a caller's profile from DynamoDB."""
