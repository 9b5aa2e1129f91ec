"""Automatic map layouts: pure computation over ids and edges (numpy, scipy; no Qt), run by
the window on a worker thread, by the command line, and bare by the benchmarks."""
