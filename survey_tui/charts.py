"""The priority charts: in the terminal with plotext, as PNG and SVG with matplotlib.

Inputs are plain labels and counts, so the charts know nothing about stores or rounds.
Labels are cleaned here as well, since questionnaire titles come from files too.
matplotlib is imported only when an image is drawn (it is slow to import), always with
the Agg backend and its own Figure objects, never pyplot's global state.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Sequence

from survey_tui.folders import make_folder
from survey_tui.sanitize import one_line

# Segment fills of the stacked chart, so positions stay apart without colour.
MARKERS = ("█", "▓", "▒", "░", "#", "=", "+", ":", "·")
COLORS = ("blue", "cyan", "green", "yellow", "magenta", "red", "white", "gray", "orange")
LABEL_WIDTH = 30


def terminal_label(text: str, limit: int = LABEL_WIDTH) -> str:
    """A chart label as shown in the terminal: one line, cut to `limit` characters."""
    return one_line(text, limit)


def _plotext():
    import plotext as plt

    plt.clear_figure()
    return plt


def _finish(plt, color: bool) -> str:
    out = plt.build()
    plt.clear_figure()
    # plotext ends every line with a reset sequence even in the colourless theme.
    return out if color else plt.uncolorize(out)


def _int_ticks(plt, top: int) -> None:
    """Whole-number ticks: the bars are counts of people."""
    top = max(int(top), 1)
    step = max(1, -(-top // 8))
    plt.xlim(0, top)
    plt.xticks(list(range(0, top + 1, step)))


def _height(rows: int, title: str) -> int:
    # Three lines per bar keeps each bar on its label's line; long lists get two.
    per = 3 if rows <= 10 else 2
    return per * rows + 3 + (1 if title else 0)


def terminal_bars(
    labels: Sequence[str], counts: Sequence[int], *, title: str = "", width: int = 80, color: bool = False
) -> str:
    """Horizontal bars in the given order, first at the top (like Kuvio 4 of the thesis)."""
    plt = _plotext()
    names = [terminal_label(label) for label in labels]
    rows = len(names)
    plt.plotsize(max(int(width), 40), _height(rows, title))
    plt.theme("pro" if color else "clear")
    # plotext draws the first bar at the bottom: reverse to list the largest first.
    plt.bar(names[::-1], [int(c) for c in counts][::-1], orientation="horizontal", width=0.5)
    _int_ticks(plt, max(counts, default=0))
    if title:
        plt.title(one_line(title, max(int(width) - 4, 10)))
    return _finish(plt, color)


def terminal_stacked(
    labels: Sequence[str],
    positions: Sequence[Sequence[int]],
    *,
    position_label: str = "{p}.",
    title: str = "",
    width: int = 80,
    color: bool = False,
) -> str:
    """One horizontal bar per item, split by how many put it at position 1, 2, ..., k.

    A legend line follows the chart (plotext's own legend would cover the bars).
    """
    plt = _plotext()
    names = [terminal_label(label) for label in labels]
    k = max((len(p) for p in positions), default=0)
    if not names or k == 0:
        return ""
    series = [[int(p[j]) if j < len(p) else 0 for p in positions][::-1] for j in range(k)]
    markers = [MARKERS[j % len(MARKERS)] for j in range(k)]
    plt.plotsize(max(int(width), 40), _height(len(names), title))
    plt.theme("pro" if color else "clear")
    kwargs = {"color": [COLORS[j % len(COLORS)] for j in range(k)]} if color else {}
    plt.stacked_bar(names[::-1], series, orientation="horizontal", width=0.5, marker=markers, **kwargs)
    _int_ticks(plt, max((sum(p) for p in positions), default=0))
    if title:
        plt.title(one_line(title, max(int(width) - 4, 10)))
    chart = _finish(plt, color)
    legend = "  ".join(f"{markers[j] * 2} {position_label.format(p=j + 1)}" for j in range(k))
    return chart + "\n" + legend


# --------------------------------------------------------------------------- images


def require_charts() -> None:
    """MissingExtra, naming the pip command, before anything imports matplotlib."""
    from survey_tui.extras import require

    require("charts")


def _figure(rows: int):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(9, 1.6 + 0.65 * rows), dpi=110, layout="constrained")
    FigureCanvasAgg(fig)  # the Agg canvas for this figure only; the global backend is untouched
    return fig


def _wrap(text: str, width: int = 38) -> str:
    return "\n".join(textwrap.wrap(one_line(text), width)) or " "


def _save(fig, stem: Path) -> list[Path]:
    """PNG and SVG next to each other; SVG keeps text as text so it can be searched."""
    import matplotlib

    import warnings

    make_folder(stem.parent)
    written = []
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "survey-tui"}), warnings.catch_warnings():
        # A title with a character the font lacks (an emoji) is drawn as a box; the PNG says
        # so better than a Python warning with a source line on the coordinator's screen.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        for suffix, meta in ((".png", {"Software": None}), (".svg", {"Date": None, "Creator": None})):
            path = stem.with_suffix(suffix)
            tmp = path.with_name(path.name + ".tmp")
            fig.savefig(tmp, format=suffix[1:], metadata=meta)
            tmp.replace(path)
            written.append(path)
    return written


def save_bars(
    labels: Sequence[str], counts: Sequence[int], stem: Path, *, title: str, xlabel: str
) -> list[Path]:
    """Horizontal bar chart image, first label at the top; returns [png, svg]."""
    require_charts()
    from matplotlib.ticker import MaxNLocator

    fig = _figure(len(labels))
    ax = fig.add_subplot()
    names = [_wrap(label) for label in labels][::-1]
    values = [int(c) for c in counts][::-1]
    bars = ax.barh(range(len(names)), values, color="#2f6f9f")
    ax.set_yticks(range(len(names)), names)
    ax.bar_label(bars, padding=3)
    ax.set_title(one_line(title))
    ax.set_xlabel(one_line(xlabel))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0, max(values + [1]) * 1.12)
    ax.spines[["top", "right"]].set_visible(False)
    return _save(fig, Path(stem))


def save_stacked(
    labels: Sequence[str],
    positions: Sequence[Sequence[int]],
    stem: Path,
    *,
    title: str,
    xlabel: str,
    position_label: str,
) -> list[Path]:
    """Stacked horizontal bars of the position distribution; returns [png, svg]."""
    require_charts()
    from matplotlib import colormaps
    from matplotlib.ticker import MaxNLocator

    fig = _figure(len(labels))
    ax = fig.add_subplot()
    names = [_wrap(label) for label in labels][::-1]
    rows = [list(p) for p in positions][::-1]
    k = max((len(r) for r in rows), default=0)
    cmap = colormaps["viridis"]
    left = [0] * len(rows)
    for j in range(k):
        values = [r[j] if j < len(r) else 0 for r in rows]
        ax.barh(
            range(len(rows)),
            values,
            left=left,
            label=one_line(position_label.format(p=j + 1)),
            color=cmap(j / max(k - 1, 1)),
            edgecolor="white",
        )
        left = [a + b for a, b in zip(left, values)]
    ax.set_yticks(range(len(names)), names)
    ax.set_title(one_line(title))
    ax.set_xlabel(one_line(xlabel))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12 - 0.4 / max(len(rows), 1)), ncols=min(k, 6), frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _save(fig, Path(stem))


# --------------------------------------------------------------------------- closed questions


def closed_chart_name(question_id: str) -> str:
    """The file stem of a closed question's chart images (closed_<id>.png/.svg)."""
    return f"closed_{question_id}"


def closed_bars(report) -> list[tuple[str, list[str], list[int], str]]:
    """(question id, row labels, counts, title) of every closed question with rows to
    draw (options, scale points); none below the minimum group (report_closed decides)."""
    from survey_tui.report_closed import closed_block

    out = []
    for figures in getattr(report, "closed", ()):
        block = closed_block(report.questionnaire, report.lang, figures, report.round.min_group)
        if block.withheld or not block.rows:
            continue
        out.append((figures.id, [label for label, _k, _s in block.rows], [k for _l, k, _s in block.rows],
                    f"{block.prompt} (n = {figures.n})"))
    return out


def write_closed_charts(report, out_dir: Path) -> list[Path]:
    """closed_<id>.png/.svg for each closed question of a report (bars of respondents)."""
    from survey_tui.report_strings import t

    files: list[Path] = []
    for qid, labels, counts, title in closed_bars(report):
        files += save_bars(labels, counts, Path(out_dir) / closed_chart_name(qid), title=title,
                           xlabel=t(report.lang, "axis_respondents"))
    return files
