"""How a severity looks, said once for every place that draws one: the check
report and `show` in the terminal (rich styles), the HTML report (colours)."""

from __future__ import annotations

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}

# The same severities on the HTML report's page.
SEVERITY_COLOUR = {"error": "#b3261e", "warning": "#c77700", "info": "#3b7fc4"}
SEVERITY_HEADING = {"error": "Errors", "warning": "Warnings", "info": "Information"}
