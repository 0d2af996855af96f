"""Performance: budget realisation (payments, pagu revisions, import) and the performance report."""
