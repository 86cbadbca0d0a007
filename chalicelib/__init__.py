"""Child support client portal: application code (packaged for AWS Lambda)."""
