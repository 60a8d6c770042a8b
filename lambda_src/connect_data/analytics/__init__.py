"""Analytics: the tables' DynamoDB streams written to an S3 data lake as gzip JSON Lines in date partitions."""
