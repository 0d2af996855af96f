"""The PSKS register (Potensi dan Sumber Kesejahteraan Sosial): docs/psks.md."""
