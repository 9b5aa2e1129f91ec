"""Two real Syncthing instances on loopback carrying one folder between two temporary homes:
test infrastructure for the soak test (tests/soak/test_syncthing.py), never part of the app,
which opens no network connection.

Each instance gets its own ``--home`` (keys made by ``syncthing generate``) and a config this
module writes whole: listening on 127.0.0.1 only, the GUI/REST API on 127.0.0.1 with an API key
(used only to wait until the two are connected and to say what they were doing on a
time-out), every way of reaching beyond the machine off (global and local discovery, relays,
NAT, usage and crash reporting, upgrades), each device knowing the other by its explicit
address, and one send-receive folder watched for changes (1 s) and rescanned every 2 s — the
way a team would share a team folder, made quick."""

from __future__ import annotations

import contextlib
import functools
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from tests.helpers.paths import ROOT

FOLDER_ID = "deal-triangle-team"
CONFIG_VERSION = "36"  # what Debian bookworm's Syncthing 1.19 writes; newer ones migrate it
T = TypeVar("T")


def find_syncthing() -> str | None:
    """$SYNCTHING (what ``make soak`` got from packaging/get-syncthing.sh), else ``syncthing``
    on PATH, else the copy that script unpacks into .tools/."""
    named = os.environ.get("SYNCTHING")
    if named:
        return named if Path(named).is_file() else None
    found = shutil.which("syncthing")
    if found:
        return found
    unpacked = ROOT / ".tools" / "syncthing" / "usr" / "bin" / "syncthing"
    return str(unpacked) if unpacked.is_file() else None


def free_ports(count: int) -> list[int]:
    """Ports free on 127.0.0.1 now, all different (held open together while chosen)."""
    with contextlib.ExitStack() as stack:
        holders = [stack.enter_context(socket.socket(socket.AF_INET, socket.SOCK_STREAM))
                   for _ in range(count)]
        for holder in holders:
            holder.bind(("127.0.0.1", 0))
        return [holder.getsockname()[1] for holder in holders]


@dataclass
class Instance:
    """One laptop's Syncthing: its home, the folder it carries, its ports and process."""

    name: str
    home: Path
    folder: Path
    listen_port: int
    gui_port: int
    api_key: str
    device_id: str = ""
    process: subprocess.Popen[bytes] | None = None

    @property
    def log(self) -> Path:
        return self.home / "syncthing.log"

    def rest(self, path: str) -> Any:
        """GET one REST endpoint of this instance (loopback only)."""
        request = urllib.request.Request(f"http://127.0.0.1:{self.gui_port}{path}",
                                         headers={"X-API-Key": self.api_key})
        with urllib.request.urlopen(request, timeout=5) as answer:  # 127.0.0.1 only
            return json.load(answer)

    def post(self, path: str) -> None:
        """POST to one REST endpoint of this instance (pause, resume, scan; loopback only)."""
        request = urllib.request.Request(f"http://127.0.0.1:{self.gui_port}{path}",
                                         method="POST", headers={"X-API-Key": self.api_key})
        with urllib.request.urlopen(request, timeout=60) as answer:  # 127.0.0.1 only
            answer.read()

    def log_tail(self, lines: int = 25) -> str:
        if not self.log.exists():
            return f"({self.name}: no log)"
        tail = self.log.read_text(errors="replace").splitlines()[-lines:]
        return f"--- {self.name}'s Syncthing log, last lines ---\n" + "\n".join(tail)


def _environment(instance: Instance) -> dict[str, str]:
    environment = {**os.environ, "HOME": str(instance.home), "STNODEFAULTFOLDER": "1",
                   "STNOUPGRADE": "1", "STNORESTART": "1", "GOMAXPROCS": "1"}
    for proxy in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY",
                  "ALL_PROXY"):
        environment.pop(proxy, None)
    return environment


def generate(binary: str, instance: Instance) -> None:
    """Keys and certificate in the instance's home; its device id from them."""
    instance.home.mkdir(parents=True, exist_ok=True)
    made = subprocess.run([binary, "generate", "--home", str(instance.home),
                           "--no-default-folder", "--skip-port-probing"],
                          capture_output=True, text=True, env=_environment(instance),
                          timeout=60, check=False)
    if made.returncode != 0:
        raise RuntimeError(f"syncthing generate failed for {instance.name}: {made.stderr}")
    shown = subprocess.run([binary, "serve", "--home", str(instance.home), "--device-id"],
                           capture_output=True, text=True, env=_environment(instance),
                           timeout=60, check=False)
    instance.device_id = shown.stdout.strip()
    if shown.returncode != 0 or len(instance.device_id) < 50:
        raise RuntimeError(f"syncthing could not tell {instance.name}'s device id: "
                           f"{shown.stdout!r} {shown.stderr!r}")


def _element(parent: ET.Element, tag: str, text: str | None = None,
             **attributes: str) -> ET.Element:
    child = ET.SubElement(parent, tag, attributes)
    if text is not None:
        child.text = text
    return child


# Everything that could reach beyond loopback is off; the rest is made quick.
OPTIONS = {
    "globalAnnounceEnabled": "false",
    "localAnnounceEnabled": "false",
    "relaysEnabled": "false",
    "natEnabled": "false",
    "urAccepted": "-1",
    "urSeen": "3",
    "crashReportingEnabled": "false",
    "autoUpgradeIntervalH": "0",
    "startBrowser": "false",
    "announceLANAddresses": "false",
    "stunServer": "",  # STUN serves QUIC, which is not listened on; no server to ask anyway
    "stunKeepaliveStartS": "0",
    "stunKeepaliveMinS": "0",
    "reconnectionIntervalS": "1",
    "minHomeDiskFree": "0",
    "restartOnWakeup": "false",
    "setLowPriority": "false",
}


def write_config(me: Instance, other: Instance) -> None:
    """``config.xml`` for ``me``: the shared folder, both devices, loopback only."""
    root = ET.Element("configuration", version=CONFIG_VERSION)
    folder = _element(root, "folder", id=FOLDER_ID, label="Team", path=str(me.folder),
                      type="sendreceive", rescanIntervalS="2", fsWatcherEnabled="true",
                      fsWatcherDelayS="1", ignorePerms="false", autoNormalize="true")
    _element(folder, "filesystemType", "basic")
    for device in (me, other):
        _element(folder, "device", id=device.device_id, introducedBy="")
    _element(folder, "minDiskFree", "0", unit="%")
    _element(folder, "maxConflicts", "10")
    for device in (me, other):
        node = _element(root, "device", id=device.device_id, name=device.name,
                        compression="metadata", introducer="false",
                        skipIntroductionRemovals="false", introducedBy="")
        _element(node, "address", f"tcp://127.0.0.1:{device.listen_port}")
        _element(node, "paused", "false")
        _element(node, "autoAcceptFolders", "false")
    gui = _element(root, "gui", enabled="true", tls="false", debugging="false")
    _element(gui, "address", f"127.0.0.1:{me.gui_port}")
    _element(gui, "apikey", me.api_key)
    options = _element(root, "options")
    _element(options, "listenAddress", f"tcp://127.0.0.1:{me.listen_port}")
    _element(options, "globalAnnounceServer", "")
    for name, value in OPTIONS.items():
        if name == "minHomeDiskFree":
            _element(options, name, value, unit="%")
        else:
            _element(options, name, value)
    ET.ElementTree(root).write(me.home / "config.xml", encoding="unicode",
                               xml_declaration=False)


def start(binary: str, instance: Instance) -> None:
    """Run ``syncthing serve`` in its own process group, its output to the home's log."""
    instance.folder.mkdir(parents=True, exist_ok=True)
    (instance.folder / ".stfolder").mkdir(exist_ok=True)  # Syncthing's "folder is there"
    with instance.log.open("wb") as log:
        instance.process = subprocess.Popen(
            [binary, "serve", "--home", str(instance.home), "--no-browser", "--no-restart",
             "--no-upgrade", "--logflags=3"],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            env=_environment(instance), start_new_session=True)


def stop(instance: Instance) -> None:
    """End the instance and anything it started (its own process group): SIGTERM, then
    SIGKILL after 10 s."""
    process = instance.process
    if process is None or process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


class TimedOut(AssertionError):
    """What was awaited did not come before the deadline."""


def wait_for(what: str, probe: Callable[[], T | None], seconds: float,
             pair: tuple[Instance, Instance], every: float = 0.5) -> T:
    """``probe()`` until it gives something, or fail after ``seconds`` saying what was awaited,
    with what both Syncthings logged last."""
    deadline = time.monotonic() + seconds
    while True:
        for instance in pair:
            process = instance.process
            if process is not None and process.poll() is not None:
                raise AssertionError(f"{instance.name}'s Syncthing exited "
                                     f"({process.returncode}) while waiting for {what}\n"
                                     + instance.log_tail())
        got = probe()
        if got is not None:
            return got
        if time.monotonic() > deadline:
            raise TimedOut(f"Timed out after {seconds:.0f} s waiting for {what}\n"
                                 + "\n".join(i.log_tail() for i in pair))
        time.sleep(every)


def check_loopback_only(instance: Instance) -> None:
    """What the running Syncthing took from its config (REST ``/rest/config``): it listens
    and dials on 127.0.0.1 only, and every way beyond the machine is off — so a Syncthing
    that ignored a setting of ours fails the test instead of reaching out."""
    config = instance.rest("/rest/config")
    options = config["options"]
    wanted = {"globalAnnounceEnabled": False, "localAnnounceEnabled": False,
              "relaysEnabled": False, "natEnabled": False, "urAccepted": -1,
              "crashReportingEnabled": False, "autoUpgradeIntervalH": 0,
              "announceLANAddresses": False,
              "listenAddresses": [f"tcp://127.0.0.1:{instance.listen_port}"]}
    taken = {name: options.get(name) for name in wanted}
    assert taken == wanted, f"{instance.name}'s Syncthing runs with {taken}"
    assert all(server in ("", None) for server in options.get("globalAnnounceServers", [])), \
        options.get("globalAnnounceServers")
    addresses = [a for device in config["devices"] for a in device["addresses"]]
    assert addresses, config["devices"]
    assert all(a.startswith("tcp://127.0.0.1:") for a in addresses), addresses
    assert config["gui"]["address"] == f"127.0.0.1:{instance.gui_port}", config["gui"]


def _answers(instance: Instance) -> bool | None:
    try:
        return True if instance.rest("/rest/system/ping").get("ping") == "pong" else None
    except OSError:  # not listening yet
        return None


def _connected(me: Instance, other: Instance) -> bool | None:
    try:
        connections = me.rest("/rest/system/connections")["connections"]
    except OSError:  # not listening yet
        return None
    return True if connections.get(other.device_id, {}).get("connected") else None


@contextlib.contextmanager
def two_laptops(binary: str, root: Path, names: tuple[str, str] = ("anna", "ben"),
                connect_seconds: float = 60) -> Iterator[tuple[Instance, Instance]]:
    """Two Syncthing instances under ``root``, each carrying ``root/<name>/Team``, connected
    to each other; both stopped on the way out, whatever happened."""
    ports = free_ports(4)
    first, second = (Instance(name, root / f"{name}-syncthing", root / name / "Team",
                              ports[2 * n], ports[2 * n + 1], secrets.token_hex(16))
                     for n, name in enumerate(names))
    pair = (first, second)
    try:
        for instance in pair:
            generate(binary, instance)
        write_config(first, second)
        write_config(second, first)
        for instance in pair:  # one after the other: the second's first dial then connects
            start(binary, instance)
            wait_for(f"{instance.name}'s Syncthing to answer on 127.0.0.1",
                     functools.partial(_answers, instance), connect_seconds, pair)
            check_loopback_only(instance)
        wait_for("the two Syncthing instances to connect on 127.0.0.1",
                 lambda: _connected(first, second) and _connected(second, first),
                 connect_seconds, (first, second))
        yield first, second
    finally:
        for instance in pair:
            stop(instance)
