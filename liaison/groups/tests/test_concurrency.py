"""Optimistic concurrency: the second of two concurrent saves is refused, not silently applied."""

import pytest

from liaison.core.concurrency import VersionConflict
from liaison.groups.models import Group


def test_save_versioned_bumps_the_version(db):
    group = Group.objects.create(name="Test group", slug="test")
    assert group.version == 1
    group.mandate = "Advise."
    group.save_versioned()
    assert group.version == 2
    assert Group.objects.get(pk=group.pk).version == 2


def test_second_of_two_concurrent_saves_is_refused(db):
    Group.objects.create(name="Test group", slug="test")
    alice = Group.objects.get(slug="test")
    bob = Group.objects.get(slug="test")
    alice.mandate = "Alice's mandate"
    alice.save_versioned()
    bob.mandate = "Bob's mandate"
    with pytest.raises(VersionConflict) as conflict:
        bob.save_versioned()
    assert conflict.value.current_version == 2
    assert Group.objects.get(slug="test").mandate == "Alice's mandate"


def test_expected_version_from_a_form(db):
    group = Group.objects.create(name="Test group", slug="test")
    group.save_versioned()  # now version 2
    group.name = "Renamed"
    with pytest.raises(VersionConflict):
        group.save_versioned(expected_version=1)
