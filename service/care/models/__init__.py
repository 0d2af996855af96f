"""Tables of the care area, one module per sub-area: ``deliveries``, ``institutions`` (and the
placement), ``tracing`` (and the reunification and its visits), ``referrals``, ``returns``,
``reminders``; ``case_linked`` is what a record hanging off a case shares (docs/care.md)."""
