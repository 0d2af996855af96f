"""Tables owned by the cross-cutting pieces (audit log, job runs, month closings, import runs)."""
