"""The map of 50 / 300 / 2,000 people with 3 relations each: build the scene with full cards
and labels and render it to an image, versus ``networkx.draw`` of plain dots and lines saved
to a PNG of the same pixel size, for the same graph, in the same run (goal at 2,000: ≤ 1.0×).

Both sides start from the deal (our side: the scene is built from scratch every round) and
end with pixels: ours in a QImage, networkx's in a PNG file written by matplotlib's Agg. Our
cards are drawn in full detail (text, badges, glyphs) even where the screen would skip text.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

from benchmarks.harness import Result, median_time
from benchmarks.qt_app import application
from desktop.domain.deal import Deal
from desktop.synthetic import synthetic_deal

SIZES = (50, 300, 2_000)
WIDTH, HEIGHT = 2_400, 1_600  # pixels, both sides


def _ours(deal: Deal) -> None:
    from desktop.render.map.scene import MapScene

    scene = MapScene(indexed=False)  # as print and export build it
    scene.set_full_detail(True)
    scene.show_deal(deal)
    image = scene.render_image(WIDTH, HEIGHT)
    assert not image.isNull()
    scene.clear()


def _networkx(deal: Deal, target: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import networkx as nx
    from matplotlib.figure import Figure

    graph = nx.DiGraph()
    graph.add_nodes_from(p.id for p in deal.people)
    graph.add_edges_from((r.source, r.target) for r in deal.relations)
    positions = {p.id: (p.position.x, -p.position.y) for p in deal.people}
    figure = Figure(figsize=(WIDTH / 100, HEIGHT / 100), dpi=100)
    ax = figure.add_subplot()
    nx.draw(graph, positions, ax=ax, node_size=20, width=0.5, arrows=False)
    figure.savefig(target, dpi=100)


def run() -> list[Result]:
    application()
    results = []
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "networkx.png"
        for size in SIZES:
            deal = synthetic_deal(size, relations_per_person=3, seed=size)
            repeat = 5 if size < 2_000 else 3
            _ours(deal)  # warm fonts and caches on both sides
            _networkx(deal, target)
            ours = median_time(functools.partial(_ours, deal), repeat)
            baseline = median_time(functools.partial(_networkx, deal, target), repeat)
            results.append(Result(f"map of {size:,} people → image (vs nx.draw)", ours,
                                  baseline, goal="≤ 1.0x at 2,000" if size == 2_000 else "",
                                  note=f"{len(deal.relations):,} lines, {WIDTH}×{HEIGHT} px"))
    return results
