"""Benchmarks: each prints ours, a baseline measured in the same run, and the ratio.

Run with ``make bench`` or ``python -m benchmarks [NAME ...]``. Nothing here asserts a time:
the figures are read by people, and the goals are printed next to them.
"""
