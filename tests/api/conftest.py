"""Fixtures the payment tests share."""
import pytest

from tests.cases import JOHN, linked_parent, load_demo


@pytest.fixture
def john(client, outbox, clock):
    """The demo obligor, registered, linked to his member record and signed in."""
    load_demo()
    return linked_parent(client, outbox, "john@example.com", JOHN)
