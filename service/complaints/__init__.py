"""The complaints desk (pengaduan, SLRT / Puskesos): docs/complaints.md."""
