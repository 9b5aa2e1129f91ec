"""The app never opens a network connection: a whole session (window, edit, print preview,
PDF, SVG, every export format, imports, the command line) under an audit hook on socket
connections, name lookups and URL requests — in a child process, since a hook stays."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.helpers.paths import ROOT


def test_a_whole_session_opens_no_connection() -> None:
    result = subprocess.run([sys.executable, "-m", "tests.helpers.offline_session"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["events"] == []
    assert report["internet_sockets"] == 0
    assert not report["qtnetwork"]
    # The session did the work it claims (so "no events" means something).
    for name in ("deal.pdf", "map.svg", "out.dealtri", "out.graphml", "backup.sqlite"):
        assert name in report["files"]


def test_the_hook_sees_a_connection_attempt() -> None:
    """The audit hook is not blind: a lookup and a connect are reported."""
    code = ("import socket, sys\n"
            "from tests.helpers.offline_session import hook, seen\n"
            "sys.addaudithook(hook)\n"
            "try:\n"
            "    socket.create_connection(('127.0.0.1', 9), timeout=0.2)\n"
            "except OSError:\n"
            "    pass\n"
            "print(len(seen))\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=60, check=True)
    assert int(result.stdout.strip()) >= 2
