"""Disasters and TAGANA: events, victims, shelters, stock, aid, cards, the roster (docs/disasters.md)."""
