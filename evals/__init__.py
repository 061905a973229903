"""The evaluation suite: cases (YAML in cases/), metrics, runner and reports."""
