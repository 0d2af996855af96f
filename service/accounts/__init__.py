"""Staff accounts: users, passwords, login throttling, API tokens (docs/accounts.md)."""
