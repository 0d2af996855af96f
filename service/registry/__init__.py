"""The registry: persons, households, NIK checks, duplicates and merges, the BNBA import (docs/registry.md)."""
