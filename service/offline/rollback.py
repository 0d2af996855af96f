"""Rows a rolled-back SAVEPOINT inserted are forgotten by the session (docs/offline.md "Rules").

After a SAVEPOINT's rollback the session may still hold the rows inserted inside it as persistent:
a household head inserted in a sync chunk whose later member failed was answered ``duplicate`` on
the replay and never stored. :func:`track_inserted` notes every row a sync batch inserts (one
listener per batch); :func:`forget_on_rollback` expunges those a failed block inserted.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from sqlalchemy import event

from service.core.db import session

INSERTED = "lindung.sync.inserted"  # session.info key: rows the batch inserted, in order (track_inserted)


@contextlib.contextmanager
def track_inserted() -> Iterator[None]:
    """For the whole batch, one listener notes every row inserted (pending → persistent)."""
    sess = session()
    inserted: list[Any] = []

    def track(_sess: Any, instance: Any) -> None:
        inserted.append(instance)

    sess.info[INSERTED] = inserted
    event.listen(sess, "pending_to_persistent", track)
    try:
        yield
    finally:
        event.remove(sess, "pending_to_persistent", track)
        sess.info.pop(INSERTED, None)


@contextlib.contextmanager
def forget_on_rollback() -> Iterator[None]:
    """Rows inserted inside the block are expunged when it fails: after a SAVEPOINT's rollback the session
    may still hold them as persistent (seen: a household head inserted in a chunk's shared SAVEPOINT, rolled
    back with the chunk, was then answered ``duplicate`` on the replay and never stored)."""
    sess = session()
    inserted = sess.info.get(INSERTED)
    if inserted is None:  # outside sync_batch: listen for this block only
        with track_inserted(), forget_on_rollback():
            yield
        return
    mark = len(inserted)
    try:
        yield
    except BaseException:
        for instance in inserted[mark:]:
            if instance in sess:
                sess.expunge(instance)
        del inserted[mark:]
        raise
