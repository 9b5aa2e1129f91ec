"""The config the soak test gives Syncthing keeps it on this machine: part of the default run
(no Syncthing needed), so a change that would let a soak run reach beyond 127.0.0.1 fails
here first. The soak run checks the same on the running Syncthing (check_loopback_only)."""

from __future__ import annotations

from pathlib import Path

from defusedxml import ElementTree

from tests.soak.syncthing import FOLDER_ID, Instance, write_config


def test_the_soak_config_listens_and_dials_on_loopback_only(tmp_path: Path) -> None:
    me = Instance("anna", tmp_path / "anna-home", tmp_path / "anna" / "Team", 22001, 8385,
                  "key-a", "AAAAAAA-" * 7 + "AAAAAAA")
    other = Instance("ben", tmp_path / "ben-home", tmp_path / "ben" / "Team", 22002, 8386,
                     "key-b", "BBBBBBB-" * 7 + "BBBBBBB")
    me.home.mkdir()
    write_config(me, other)
    root = ElementTree.parse(me.home / "config.xml").getroot()
    assert root is not None
    found = root.find("options")
    assert found is not None
    options = {child.tag: (child.text or "") for child in found}
    assert options["listenAddress"] == "tcp://127.0.0.1:22001"
    for switch in ("globalAnnounceEnabled", "localAnnounceEnabled", "relaysEnabled",
                   "natEnabled", "crashReportingEnabled", "announceLANAddresses",
                   "startBrowser"):
        assert options[switch] == "false", switch
    assert options["urAccepted"] == "-1"
    assert options["autoUpgradeIntervalH"] == "0"
    assert options["globalAnnounceServer"] == ""
    assert options["stunServer"] == ""
    addresses = [a.text or "" for a in root.iter("address")]
    assert sorted(addresses) == ["127.0.0.1:8385", "tcp://127.0.0.1:22001",
                                 "tcp://127.0.0.1:22002"]
    (folder,) = root.findall("folder")
    assert folder.get("id") == FOLDER_ID
    assert folder.get("path") == str(me.folder)
    assert (folder.get("type"), folder.get("rescanIntervalS"), folder.get("fsWatcherEnabled"),
            folder.get("fsWatcherDelayS")) == ("sendreceive", "2", "true", "1")
    assert {d.get("id") for d in folder.findall("device")} == {me.device_id, other.device_id}
    gui = root.find("gui")
    assert gui is not None
    assert gui.findtext("apikey") == "key-a"
