"""Care a case receives: deliveries, rehabilitation settings, family tracing, referrals, return home, tasks (docs/care.md)."""
