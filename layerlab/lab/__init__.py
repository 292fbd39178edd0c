"""The build lab's domain: (project, text, choices, engine status) -> a plan, run
summaries and chart rows. The lab page only renders what this package computes."""
