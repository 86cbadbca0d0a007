"""Use cases: plain functions that know nothing of HTTP. They take `now` from the caller."""
