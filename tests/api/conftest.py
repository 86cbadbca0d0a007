"""Fixtures the API tests share."""
import pytest

from tests.cases import JOHN, load_demo, parent
from tests.local_aws import *  # noqa: F403  (moto, the outbox, the client, the clock)


@pytest.fixture
def john(client, outbox, clock):
    """The demo obligor, registered, linked to his member record and signed in."""
    load_demo()
    return parent("john@example.com", JOHN)
