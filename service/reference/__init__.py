"""Reference data (regions, categories, SPM services, service types) and its loader."""
