"""bsa-drafter: draft, check, compare and export Ukraine's bilateral security agreements."""

# Written so that any Python 3 (and 2) can read this file: an interpreter too old for the rest
# of the package says so in one line here, before it meets syntax it cannot parse.
import sys

__version__ = "0.1.0"
MINIMUM_PYTHON = (3, 11)

if sys.version_info[:2] < MINIMUM_PYTHON:
    sys.stderr.write(
        "bsa-drafter needs Python %d.%d or newer, and this is Python %s (%s): "
        "see 'Set-up' in the README for how to get it.\n"
        % (MINIMUM_PYTHON + (sys.version.split()[0], sys.executable or "python"))
    )
    sys.exit(2)
