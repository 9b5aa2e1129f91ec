"""Deal Triangle: offline stakeholder maps for B2B sellers.

Layers, inner to outer (see docs/architecture.md): ``domain`` → ``store`` / ``exchange`` /
``render`` → ``ui``; ``cli`` is the headless front end.
"""

__version__ = "0.1.0"
APP_NAME = "Deal Triangle"
APP_ID = "DealTriangle"
