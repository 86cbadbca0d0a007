"""Adapters to AWS services and outside systems: the only code that imports boto3."""
