"""The menu entry and icon scripts/install_desktop_entry.sh installs (setup.sh runs it), into a
temporary XDG_DATA_HOME: where they go, that the entry launches the venv's ``transcrevai`` and
names the installed icon, and that Qt draws the icon."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ElementTree
from fnmatch import fnmatch
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "install_desktop_entry.sh"
RESOURCES = REPO / "transcrevai_desktop" / "resources"
ICON = RESOURCES / "transcrevai.svg"
GROUP = "Desktop Entry"


def install(data: Path, *launcher: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(data)}
    done = subprocess.run(
        ["bash", SCRIPT, *launcher], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done


def read_entry(path: Path) -> configparser.SectionProxy:
    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(path, encoding="utf-8")
    return entry[GROUP]


def unescape_string(value: str) -> str:
    """A desktop entry string value's escapes (\\s \\n \\t \\r \\\\) undone."""
    return re.sub(r"\\(.)", lambda m: {"s": " ", "n": "\n", "t": "\t", "r": "\r"}.get(
        m[1], m[1]), value)  # fmt: skip


def exec_arguments(value: str) -> list[str]:
    """The program and arguments of an Exec value, as the Desktop Entry spec splits them."""
    value = unescape_string(value)
    arguments: list[str] = []
    current: list[str] = []
    quoted = started = False
    characters = iter(value)
    for char in characters:
        if quoted:
            if char == "\\":
                current.append(next(characters))
            elif char == '"':
                quoted = False
            else:
                current.append(char)
        elif char == '"':
            quoted = started = True
        elif char == " ":
            if started:
                arguments.append("".join(current))
                current, started = [], False
        else:
            current.append(char)
            started = True
    assert not quoted, f"unbalanced quotes in Exec={value}"
    if started:
        arguments.append("".join(current))
    return [argument.replace("%%", "%") for argument in arguments]


def test_install_puts_entry_and_icon_in_the_user_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    install(data)
    entry_path = data / "applications" / "transcrevai.desktop"
    icon_path = data / "icons" / "hicolor" / "scalable" / "apps" / "transcrevai.svg"
    assert icon_path.read_bytes() == ICON.read_bytes()
    entry = read_entry(entry_path)
    assert entry["Type"] == "Application"
    assert entry["Name"] == "TranscrevAI"
    assert entry["Icon"] == icon_path.stem  # a theme icon name, found in hicolor
    assert entry["Categories"] == "AudioVideo;Audio;Recorder;"
    assert entry["Terminal"] == "false"
    for key in ("GenericName", "Comment", "Keywords"):
        assert entry[key] and entry[f"{key}[pt_BR]"], key
    assert "ao vivo" in entry["Comment[pt_BR]"]
    assert "legendas" in entry["Keywords[pt_BR]"].split(";")
    program = Path(*exec_arguments(entry["Exec"]))
    assert program.is_absolute() and os.access(program, os.X_OK), program
    assert program == REPO / ".venv" / "bin" / "transcrevai"
    assert Path(unescape_string(entry["TryExec"])) == program
    assert not (data / "applications" / "transcrevai.desktop.partial").exists()


def test_a_launcher_path_with_reserved_characters_is_quoted(tmp_path: Path) -> None:
    folder = tmp_path / 'my apps "2024" $HOME `x` 100% back\\slash'
    folder.mkdir()
    launcher = folder / "transcrevai"
    launcher.write_text("#!/bin/sh\n")
    launcher.chmod(0o755)
    install(tmp_path / "data", str(launcher))
    entry = read_entry(tmp_path / "data" / "applications" / "transcrevai.desktop")
    assert exec_arguments(entry["Exec"]) == [str(launcher)]
    assert unescape_string(entry["TryExec"]) == str(launcher)


def test_install_refuses_a_missing_launcher(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run(
        ["bash", SCRIPT, str(tmp_path / "absent")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "is not an executable" in done.stderr
    assert not (tmp_path / "data" / "applications" / "transcrevai.desktop").exists()


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils absent")
def test_installed_entry_is_valid(tmp_path: Path) -> None:
    install(tmp_path / "data")
    entry = tmp_path / "data" / "applications" / "transcrevai.desktop"
    done = subprocess.run(["desktop-file-validate", entry], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(not shutil.which("gtk-update-icon-cache"), reason="no gtk-update-icon-cache")
def test_an_existing_icon_cache_is_refreshed(tmp_path: Path) -> None:
    cache = tmp_path / "data" / "icons" / "hicolor" / "icon-theme.cache"
    cache.parent.mkdir(parents=True)
    cache.write_bytes(b"stale")
    install(tmp_path / "data")
    assert cache.read_bytes() != b"stale" and b"transcrevai" in cache.read_bytes()


def test_icon_is_square_svg() -> None:
    root = ElementTree.parse(ICON).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    _, _, width, height = (float(n) for n in root.attrib["viewBox"].split())
    assert width == height


@pytest.mark.parametrize("size", [16, 48, 256])
def test_qt_draws_the_icon(qapp, size: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QIcon, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(ICON))
    assert renderer.isValid()
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    pixels = [image.pixel(x, y) for x in range(size) for y in range(size)]
    opaque = [p for p in pixels if p >> 24 == 0xFF]
    assert len(opaque) > 0.6 * len(pixels)  # the tile fills most of the square
    assert len(set(opaque)) > 2  # and something is drawn on it
    pixmap = QIcon(str(ICON)).pixmap(size, size)  # as the window's icon will load it
    assert not pixmap.isNull() and pixmap.width() == size


def test_package_data_ships_icon_and_entry() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = project["tool"]["setuptools"]["package-data"]["transcrevai_desktop"]
    for name in ("resources/transcrevai.svg", "resources/transcrevai.desktop"):
        assert any(fnmatch(name, pattern) for pattern in patterns), name
