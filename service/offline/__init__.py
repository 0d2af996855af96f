"""The offline app's server side: sync of a device's outbox, conflicts, downloads (docs/offline.md)."""
