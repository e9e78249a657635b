"""``transcrevai --version`` and ``-V``: the installed launcher names the installed version."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

LAUNCHER = Path(sys.executable).parent / "transcrevai"  # the venv's entry point, as pip wrote it


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_flag_prints_the_installed_version(flag: str) -> None:
    assert LAUNCHER.is_file(), f"{LAUNCHER} is missing: is the package installed in this venv?"
    done = subprocess.run([LAUNCHER, flag], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"transcrevai {metadata.version('transcrevai-desktop')}\n"
    assert done.stderr == ""
