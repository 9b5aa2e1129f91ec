"""The Deal Triangle domain: plain data, validation and analysis.

Nothing here imports Qt or SQL (``tests/test_layers.py`` enforces it), so every rule can be
tested, scripted and reused by the command line without a window or a database.
"""
