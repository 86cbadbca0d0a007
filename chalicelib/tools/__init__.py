"""Command-line tools for agency operators (run against a stage's AWS, or make run's)."""
