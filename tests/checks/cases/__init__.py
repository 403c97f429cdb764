"""Every check: a minimal corpus that must trigger it and a near-miss that must not.

One file per check of queries/checks/, test_<check id>.py: FIRES, the cases it
must find (test_fires), and QUIET, the near-misses it must stay quiet on
(test_quiet); test_every_check.py holds every check to having both."""

import pytest

# The cases' one assertion lives in a helper module: rewritten as a test's is,
# a failing case shows what differs.
pytest.register_assert_rewrite(f"{__name__}.corpus")
