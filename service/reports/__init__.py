"""SPM, Renja and IKU figures, their summary tables, Renja plans (docs/reports.md)."""
