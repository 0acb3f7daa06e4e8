"""English detectors: one module per family of wording, each defining `DETECTOR`."""
