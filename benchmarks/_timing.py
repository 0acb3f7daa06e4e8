"""Timing helpers shared by the benchmark scripts: medians of repeated runs, peak memory."""

from __future__ import annotations

import resource
import statistics
import time
from typing import Any, Callable


def median_ms(function: Callable[[], object], runs: int = 30, warmup: int = 2) -> float:
    for _ in range(warmup):
        function()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def row(label: str, value: float, unit: str = "ms", target: str = "") -> str:
    return f"| {label} | {value:.1f} {unit} | {target} |"


def record_frames(app: Any) -> list[tuple[float, float]]:
    """(began, finished) of every frame a Textual app paints from now on, encoding included:
    the app's display is wrapped, so a keystroke's cost can be read up to its frame."""
    frames: list[tuple[float, float]] = []
    display = app._display

    def encode_and_display(screen: Any, update: Any) -> None:
        began = time.perf_counter()
        if update is not None:
            update.render_segments(app.console)
        display(screen, update)
        frames.append((began, time.perf_counter()))

    app._display = encode_and_display
    return frames
