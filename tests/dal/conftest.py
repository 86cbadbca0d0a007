"""The dal tests run against moto in-process."""
from tests.local_aws import *  # noqa: F403  (moto, the outbox, the client, the clock)
