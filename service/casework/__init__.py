"""Casework: cases, their lifecycle, assessments, approvals and case plans (docs/casework.md)."""
