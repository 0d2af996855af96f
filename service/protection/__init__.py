"""Perlindungan dan Jaminan Sosial: DTKS/DTSEN proposals, social-assistance programmes, PBI-JK
recommendation letters, civil documents, the heroes' cemetery and national days (docs/protection.md)."""
