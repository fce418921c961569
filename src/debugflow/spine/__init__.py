"""The spine: the one collapsed call tree of a run (×N nodes, lanes, states) every view draws."""
