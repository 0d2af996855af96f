"""The one permission check: role, area, need-to-know."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

import pytest

from service.core.access import GRANTS, can, in_area, mask_nik


@dataclass
class U:
    role: str
    area_code: str | None = None
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    active: bool = True
    is_authenticated: bool = True


@dataclass
class Thing:
    area_code: str | None
    is_sensitive: bool = False
    assigned: tuple = ()

    def assigned_user_ids(self):
        return self.assigned


def test_roles_only_get_their_actions():
    assert can(U("admin"), "user.manage")
    assert not can(U("supervisor"), "user.manage")
    assert not can(U("tagana"), "case.view")  # TAGANA volunteers never read case files
    assert can(U("tagana"), "disaster.edit")
    assert not can(U("auditor"), "case.edit")  # auditors read, never write
    assert can(U("auditor"), "audit.view")
    assert not can(U("peksos"), "case.approve")
    assert can(U("supervisor"), "case.approve")


def test_every_action_names_only_known_roles():
    from service.accounts.models import ROLES

    for action, roles in GRANTS.items():
        assert roles <= set(ROLES), action


def test_unknown_action_is_a_programming_error():
    with pytest.raises(KeyError):
        can(U("admin"), "no.such.action")


def test_inactive_or_anonymous_users_can_do_nothing():
    assert not can(U("supervisor", active=False), "case.view")
    assert not can(U("supervisor", is_authenticated=False), "case.view")
    assert not can(None, "case.view")


@pytest.mark.parametrize(
    "user_area, thing_area, allowed",
    [
        (None, "18.72.01.1001", True),
        ("18.72", "18.72.01.1001", True),
        ("18.72.01", "18.72.01.1001", True),
        ("18.72.01", "18.72.01", True),
        ("18.72.01", "18.72.02.1001", False),
        ("18.72.01", "18.72.011", False),  # a prefix must end at a dot
        ("18.72.01", None, False),  # no area: only office-wide users
        (None, None, True),
    ],
)
def test_area_prefix(user_area, thing_area, allowed):
    assert in_area(user_area, thing_area) is allowed
    assert can(U("peksos", user_area), "case.view", Thing(thing_area)) is allowed


def test_sensitive_records_are_need_to_know():
    worker, other = U("peksos"), U("peksos")
    case = Thing("18.72.01.1001", is_sensitive=True, assigned=(worker.id,))
    assert can(worker, "case.view", case)
    assert not can(other, "case.view", case)
    assert can(U("supervisor"), "case.view", case)
    assert can(U("pimpinan"), "case.view", case)
    assert not can(U("operator"), "case.view", case)
    assert not can(U("auditor"), "case.view", case)
    # A supervisor outside the area still may not see it.
    assert not can(U("supervisor", "18.72.02"), "case.view", case)


def test_nik_masked_in_lists():
    assert mask_nik("1872015005900001") == "187201**********"
    assert mask_nik(None) == ""
    assert mask_nik("123") == "***"


def test_assigned_only_roles():
    @dataclass
    class Event:
        area_code: str | None = "18.72"
        assigned: tuple = ()
        assigned_only_roles: tuple = ("tagana",)

        def assigned_user_ids(self):
            return self.assigned

    volunteer, other = U("tagana"), U("tagana")
    event = Event(assigned=(volunteer.id,))
    assert can(volunteer, "disaster.view", event)
    assert not can(other, "disaster.view", event)
    assert can(U("supervisor"), "disaster.view", event)
