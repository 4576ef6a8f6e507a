"""The row shape and statistics shared by the benchmark scripts (`run.py`, `gui_bench.py`,
`startup_probe.py`): one dict per table row, latencies as median and p95."""

from __future__ import annotations

import re
import statistics
from pathlib import Path


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank) of `values`."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def latency_row(step: str, times_ms: list[float], target_ms: float | None, peak: float | None = None,
                value: str | None = None) -> dict:
    """A latency row: median and p95 of `times_ms`, met when the p95 is under `target_ms`."""
    high = p95(times_ms)
    return {"step": step, "median_ms": round(statistics.median(times_ms), 2), "p95_ms": round(high, 2),
            "value": value, "target": f"< {target_ms:g} ms (p95)" if target_ms else None,
            "met": (high < target_ms) if target_ms else None, "peak_rss_mb": peak}


def memory_mb() -> tuple[float, float]:
    """(resident now, peak resident) of this process in MB, from /proc/self/status (Linux)."""
    status = Path("/proc/self/status").read_text()
    rss, hwm = (int(re.search(rf"{key}:\s+(\d+) kB", status).group(1)) / 1024 for key in ("VmRSS", "VmHWM"))
    return rss, hwm


def value_row(step: str, value: str, target: str | None = None, met: bool | None = None,
              peak: float | None = None) -> dict:
    """A row with a figure that is not a latency (a throughput, a size)."""
    return {"step": step, "median_ms": None, "p95_ms": None, "value": value, "target": target, "met": met,
            "peak_rss_mb": peak}


def markdown(rows: list[dict]) -> list[str]:
    """The rows as the lines of a Markdown table, header first."""
    lines = ["| step | median ms | p95 ms | value | target | met | peak RSS MB |",
             "|---|---:|---:|---|---|---|---:|"]
    for r in rows:
        met = {True: "yes", False: "**no**", None: ""}[r.get("met")]
        cells = [r["step"], *(f"{r[k]:.1f}" if r.get(k) is not None else "" for k in ("median_ms", "p95_ms")),
                 r.get("value") or "", r.get("target") or "", met,
                 f"{r['peak_rss_mb']:.0f}" if r.get("peak_rss_mb") is not None else ""]
        lines.append("| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |")
    return lines
