"""The influence map: a scene that mirrors one deal, its cards and lines, the legend, and
the picture of a zoomed-out map."""
