"""Every write is audited in the same transaction, with before/after values."""

from __future__ import annotations

from sqlalchemy import select

from service.accounts.users import create_user, set_password, update_user
from service.core import audit, settings
from service.core.models.audit import AuditLog


def entries(db, entity_id):
    return list(db.scalars(select(AuditLog).where(AuditLog.entity_id == str(entity_id)).order_by(AuditLog.at)))


def test_create_is_audited_with_actor_and_password_redacted(db):
    actor = audit.Actor(None, "admin-test", "web", "10.0.0.1")
    with audit.acting_as(actor):
        user = create_user("budi", "rahasia-123", "peksos", "18.72.01", full_name="Budi")
        db.commit()
    log = entries(db, user.id)
    assert [e.action for e in log] == ["create"]
    assert log[0].actor_name == "admin-test" and log[0].source == "web" and log[0].ip == "10.0.0.1"
    assert log[0].changes["role"] == [None, "peksos"]
    assert log[0].changes["password_hash"] == [None, "***"]
    assert "rahasia" not in str(log[0].changes)


def test_update_records_before_and_after(db):
    user = create_user("siti", "rahasia-123", "peksos", "18.72.01")
    db.commit()
    update_user(user, role="supervisor", area_code=None)
    db.commit()
    upd = [e for e in entries(db, user.id) if e.action == "update"]
    assert len(upd) == 1
    assert upd[0].changes["role"] == ["peksos", "supervisor"]
    assert upd[0].changes["area_code"] == ["18.72.01", None]


def test_password_change_is_audited_without_the_hash(db):
    user = create_user("rudi", "rahasia-123", "peksos")
    db.commit()
    set_password(user, "baru-sekali-123")
    db.commit()
    upd = [e for e in entries(db, user.id) if e.action == "update"]
    assert upd and upd[-1].changes["password_hash"] == ["***", "***"]


def test_rolled_back_write_leaves_no_audit_entry(db):
    user = create_user("tono", "rahasia-123", "peksos")
    db.flush()
    db.rollback()
    assert entries(db, user.id) == []


def test_settings_changes_are_audited(db):
    settings.set_spm_weights("0.7", "0.3")
    db.commit()
    log = entries(db, "spm.weights")
    assert log and log[-1].changes["value"][1] == {"recipients": "0.7", "quality": "0.3"}


def test_access_is_logged(db):
    with audit.acting_as(audit.Actor(None, "peksos-a", "web")):
        audit.log_access("persons", "abc")
        db.commit()
    e = entries(db, "abc")[0]
    assert e.action == "view" and e.actor_name == "peksos-a"


def test_buffered_entries_are_written_in_bulk_at_the_end_and_dropped_with_their_savepoint(db):
    with audit.buffered() as rows:
        kept = create_user("dewi", "rahasia-123", "peksos", "18.72.01")
        mark = len(rows)
        try:
            with db.begin_nested():
                gone = create_user("eko", "rahasia-123", "peksos", "18.72.01")
                db.flush()
                raise RuntimeError("the operation fails after its write")
        except RuntimeError:
            del rows[mark:]
        db.flush()
        assert entries(db, kept.id) == []  # not yet written: one INSERT at the end
    assert [e.action for e in entries(db, kept.id)] == ["create"]
    assert entries(db, gone.id) == []
