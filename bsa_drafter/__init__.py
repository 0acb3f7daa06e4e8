"""bsa-drafter: draft, check, compare and export Ukraine's bilateral security agreements."""

__version__ = "0.1.0"
