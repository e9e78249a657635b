"""Models to choose and download: the catalog's facts, and real downloads from a local HTTP
server standing in for the Hugging Face Hub (``tests/fake_hub.py``, reached through
HF_ENDPOINT) that serves the bundled model's files under a test repository name."""

from __future__ import annotations

import dataclasses
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import httpx2
import pytest
from faster_whisper.utils import _MODELS, available_models

from tests.conftest import speech, wer
from tests.fake_hub import (
    TEST_MODEL,
    TEST_REPO,
    FakeHub,
    bundled_folder,
    catalog_entry,
)
from transcrevai_desktop.core import model_catalog, model_download
from transcrevai_desktop.core.errors import DownloadCancelled, ModelDownloadFailed
from transcrevai_desktop.core.model_catalog import (
    BASE_ENCODER_SECONDS,
    BASE_FINAL_PASS_RTF,
    CATALOG,
    OFFER_BUDGET,
    base_seconds_per_minute,
    better_models,
    is_alias,
    seconds_per_minute,
)
from transcrevai_desktop.core.model_download import (
    download,
    encoder_seconds,
    find_offer,
    hub_reachable,
)
from transcrevai_desktop.core.models import (
    ModelRegistry,
    downloaded_folder,
    list_models,
    resolve_model,
)

# -- the catalog ------------------------------------------------------------------------------


def test_the_catalog_has_every_model_faster_whisper_can_fetch_and_the_same_repositories():
    # faster-whisper keeps the repositories only in its private _MODELS: this fails when an
    # upgrade adds, drops or moves a model, so the catalog is brought up to date.
    assert list(CATALOG) == available_models()
    assert {name: model.repo for name, model in CATALOG.items()} == _MODELS


def test_english_only_models_are_the_en_ones_and_the_distilled_ones():
    for name, model in CATALOG.items():
        assert model.english_only == (name.endswith(".en") or name.startswith("distil-")), name


def test_aliases_share_a_folder_and_are_marked():
    assert CATALOG["large"].folder == CATALOG["large-v3"].folder == "faster-whisper-large-v3"
    assert CATALOG["turbo"].folder == CATALOG["large-v3-turbo"].folder
    assert [name for name in CATALOG if is_alias(name)] == ["large", "turbo"]
    folders = [model.folder for name, model in CATALOG.items() if not is_alias(name)]
    assert len(folders) == len(set(folders))


def test_the_compute_cost_grows_with_the_model_and_few_decoder_layers_make_it_cheap():
    cost = {name: model.relative_cost for name, model in CATALOG.items()}
    assert cost["base"] == pytest.approx(1.0)
    assert cost["tiny"] < cost["base"] < cost["small"] < cost["medium"] < cost["large-v3"]
    assert cost["distil-large-v3"] < cost["large-v3-turbo"] < cost["medium"]
    assert cost["distil-small.en"] < cost["small.en"]


def test_the_download_size_of_base_matches_the_bundled_model():
    files = bundled_folder().iterdir()
    on_disk = sum(path.stat().st_size for path in files if path.name != ".verified")
    assert CATALOG["base"].download_mb == round(on_disk / 1e6)
    assert CATALOG["tiny"].download_mb < CATALOG["base"].download_mb < CATALOG["small"].download_mb


def test_speed_estimates_scale_with_the_probe_and_the_cost():
    assert base_seconds_per_minute() == pytest.approx(BASE_FINAL_PASS_RTF * 60)
    assert seconds_per_minute("base", BASE_ENCODER_SECONDS) == pytest.approx(
        base_seconds_per_minute()
    )
    twice_as_slow = seconds_per_minute("small", 2 * BASE_ENCODER_SECONDS)
    assert twice_as_slow == pytest.approx(
        2 * base_seconds_per_minute() * CATALOG["small"].relative_cost
    )


def test_better_models_are_catalog_models_bigger_than_base_for_their_language():
    for language in ("pt", "en", "auto", "de"):
        names = better_models(language)
        assert names and all(CATALOG[name].relative_cost > 1 for name in names)
        assert all(CATALOG[name].english_only == (language == "en") for name in names)


# -- downloads from a local hub ---------------------------------------------------------------


def _left_in(cache: Path) -> list[str]:
    return sorted(path.name for path in cache.iterdir()) if cache.exists() else []


def test_a_download_reports_its_progress_fetches_only_the_model_files_and_lands_whole(
    cache: Path, hub: FakeHub
):
    seen: list[tuple[int, int]] = []

    folder = download(TEST_MODEL, lambda done, total: seen.append((done, total)), lambda: False)

    total = hub.total_bytes()
    assert folder == cache / "faster-whisper-base"
    assert _left_in(cache) == ["faster-whisper-base"]  # no staging folder beside it
    assert sorted(path.name for path in folder.iterdir()) == [
        "config.json",
        "model.bin",
        "tokenizer.json",
        "vocabulary.txt",
    ]
    for path in folder.iterdir():
        assert path.stat().st_size == (hub.folder / path.name).stat().st_size
    assert not any("README" in request for request in hub.requests)
    dones = [done for done, _ in seen]
    assert seen[0] == (0, total) and seen[-1] == (total, total)
    assert dones == sorted(dones) and len(set(dones)) > 10  # moves, never backwards
    assert {t for _, t in seen} == {total}
    # Once there, it is not fetched again.
    fetched = len(hub.requests)
    assert download(TEST_MODEL, lambda *_: None, lambda: False) == folder
    assert len(hub.requests) == fetched


@pytest.mark.slow
def test_a_downloaded_model_is_listed_resolved_loaded_and_transcribes(cache: Path, hub: FakeHub):
    clip = speech("en_jfk")
    listed = {info.name: info for info in list_models()}
    assert not listed[TEST_MODEL].on_disk
    assert resolve_model(TEST_MODEL) == TEST_MODEL  # not on disk: left to faster-whisper

    folder = download(TEST_MODEL, lambda *_: None, lambda: False)

    info = {info.name: info for info in list_models()}[TEST_MODEL]
    assert (info.on_disk, info.status, info.size_mb, info.english_only) == (
        True,
        "downloaded",
        148,
        False,
    )
    assert resolve_model(TEST_MODEL) == str(folder)
    model = ModelRegistry().get(TEST_MODEL)
    segments, _ = model.transcribe(str(clip.path), language="en", beam_size=5)
    text = " ".join(segment.text for segment in segments)
    assert wer(clip.reference, text) < 0.15, text


def test_cancel_in_the_middle_of_a_file_leaves_nothing(cache: Path, hub: FakeHub):
    seen: list[int] = []

    def cancelled() -> bool:
        return bool(seen) and seen[-1] > 20_000_000  # 20 MB into model.bin

    with pytest.raises(DownloadCancelled):
        download(TEST_MODEL, lambda done, total: seen.append(done), cancelled)

    assert 20_000_000 < seen[-1] < hub.total_bytes()
    assert _left_in(cache) == []
    assert resolve_model(TEST_MODEL) == TEST_MODEL


@pytest.mark.parametrize("when", ["after the last byte", "while no byte came"])
def test_a_cancel_that_no_byte_follows_still_cancels(cache: Path, hub: FakeHub, when: str):
    """Cancel is looked at as each piece arrives: pressed after the last one it was ignored
    (the model replaced the one in use), and pressed while the connection hung it took effect
    only when the connection gave up, 30 s later, as a failure."""
    if when == "after the last byte":
        at = hub.total_bytes()
    else:
        hub.fault = "stall"  # model.bin, fetched first, stops at its half; the connection hangs
        at = (hub.folder / "model.bin").stat().st_size // 2
    seen: list[int] = []
    pressed: list[float] = []

    def cancelled() -> bool:
        if seen[-1:] == [at] and not pressed:
            pressed.append(time.monotonic())
        return bool(pressed)

    with pytest.raises(DownloadCancelled):
        download(TEST_MODEL, lambda done, total: seen.append(done), cancelled)

    assert seen[-1] == at
    assert time.monotonic() - pressed[0] < 4.0
    assert _left_in(cache) == []


@pytest.mark.parametrize("fault", ["drop once", "stall"])
def test_a_connection_that_breaks_off_or_hangs_goes_on_from_where_it_was(
    cache: Path, hub: FakeHub, fault: str
):
    """A dropped Wi-Fi in the middle of a 1.5 GB model: the download asks for the rest of
    the file (an HTTP range) instead of failing, and the model arrives whole."""
    hub.fault = fault
    half = (hub.folder / "model.bin").stat().st_size // 2
    seen: list[int] = []

    folder = download(TEST_MODEL, lambda done, total: seen.append(done), lambda: False)

    assert hub.ranges == [f"bytes={half}-"]
    assert (folder / "model.bin").read_bytes() == (hub.folder / "model.bin").read_bytes()
    assert seen == sorted(seen) and seen[-1] == hub.total_bytes()
    assert _left_in(cache) == ["faster-whisper-base"]


def test_a_connection_that_cannot_be_made_for_a_while_is_tried_again(
    cache: Path, hub: FakeHub, monkeypatch
):
    """The Wi-Fi went down mid-file: the connection broke, and making it again failed twice
    before it came back. The download goes on (it failed at the first refusal)."""
    hub.fault = "drop once"
    stream = model_download._Download._stream
    calls: list[int] = []

    def flaky(self, *args, **kwargs):
        calls.append(self.file_bytes)
        if self.file_bytes and len(calls) in (2, 3):  # the first two tries after the break
            raise httpx2.ConnectError("Network is unreachable")
        return stream(self, *args, **kwargs)

    monkeypatch.setattr(model_download._Download, "_stream", flaky)
    folder = download(TEST_MODEL, lambda *_: None, lambda: False)

    assert (folder / "model.bin").read_bytes() == (hub.folder / "model.bin").read_bytes()
    assert len(calls) >= 5 and len(hub.ranges) == 1


@pytest.mark.logs("Download of test-base failed")
def test_a_connection_that_breaks_off_mid_file_fails_with_a_sentence_and_leaves_nothing(
    cache: Path, hub: FakeHub
):
    hub.fault = "drop"  # every connection to model.bin: a resumed download cannot get past

    with pytest.raises(ModelDownloadFailed) as caught:
        download(TEST_MODEL, lambda *_: None, lambda: False)

    sentence = str(caught.value)
    assert sentence.startswith(f"Could not download the model '{TEST_MODEL}'")
    assert "broke off" in sentence and "model.bin" in sentence and sentence.endswith(".")
    assert "the model in use keeps working" in sentence
    assert _left_in(cache) == []


@pytest.mark.logs("Download of test-base failed")
def test_a_file_that_arrives_damaged_is_not_kept(cache: Path, hub: FakeHub):
    hub.fault = "damaged"

    with pytest.raises(ModelDownloadFailed) as caught:
        download(TEST_MODEL, lambda *_: None, lambda: False)

    assert "model.bin arrived damaged" in str(caught.value)
    assert _left_in(cache) == []


@pytest.mark.logs("Download of test-base failed")
def test_a_disk_without_room_for_the_model_and_the_recordings_is_said_before_fetching(
    cache: Path, hub: FakeHub, monkeypatch, tmp_path
):
    """A download that filled the disk would stop a recording running beside it: the room
    the model takes, and ``ROOM_LEFT`` after it, must be free before it starts."""
    free = shutil.disk_usage(tmp_path).free  # the cache's disk
    monkeypatch.setattr(model_download, "ROOM_LEFT", free)  # this disk cannot leave that much

    with pytest.raises(ModelDownloadFailed) as caught:
        download(TEST_MODEL, lambda *_: None, lambda: False)

    assert str(caught.value).startswith(
        f"Could not download the model '{TEST_MODEL}': it takes 148 MB, and {cache} has "
    )
    assert str(caught.value).endswith("free (the recordings need room too); the model in use "
                                      "keeps working.")  # fmt: skip
    assert not any("model.bin" in request for request in hub.requests)
    assert _left_in(cache) == []


@pytest.mark.logs("Download of test-base failed")
def test_a_repository_the_hub_does_not_have_fails_with_a_sentence(cache, hub, monkeypatch):
    elsewhere = dataclasses.replace(catalog_entry(), repo="transcrevai-test/nothing-here")
    monkeypatch.setitem(CATALOG, TEST_MODEL, elsewhere)

    with pytest.raises(ModelDownloadFailed) as caught:
        download(TEST_MODEL, lambda *_: None, lambda: False)

    assert "does not offer it (error 404)" in str(caught.value)
    assert _left_in(cache) == []


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.logs("Download of test-base failed")
def test_without_a_hub_a_download_says_there_is_no_connection(cache: Path, monkeypatch):
    port = _closed_port()
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{port}")

    with pytest.raises(ModelDownloadFailed) as caught:
        download(TEST_MODEL, lambda *_: None, lambda: False)

    assert str(caught.value) == (
        f"Could not download the model '{TEST_MODEL}': no connection to 127.0.0.1:{port}; "
        "the model in use keeps working."
    )
    assert _left_in(cache) == []
    assert not hub_reachable(timeout=1.0)


def test_hub_reachable_reads_hf_endpoint_when_asked(hub: FakeHub):
    assert os.environ["HF_ENDPOINT"] == hub.url
    assert hub_reachable(timeout=1.0)


def test_an_unknown_name_is_not_downloaded(cache: Path, hub: FakeHub):
    with pytest.raises(ModelDownloadFailed, match="no model called 'huge-v9'"):
        download("huge-v9", lambda *_: None, lambda: False)
    assert hub.requests == []


def test_what_a_killed_download_left_is_removed_by_the_next_one(cache: Path, hub: FakeHub):
    stale = cache / ".faster-whisper-base.downloading-999999999-x"  # no process has that number
    stale.mkdir(parents=True)
    (stale / "model.bin").write_bytes(b"half")

    download(TEST_MODEL, lambda *_: None, lambda: False)

    assert _left_in(cache) == ["faster-whisper-base"]


def test_two_downloads_of_a_model_at_once_fetch_it_once(cache: Path, hub: FakeHub):
    """The model picker and the offer (or two windows of the app) asked for the same model:
    the second waits for the first and finds the model there; waiting, it can be cancelled."""
    hub.seconds_per_mib = 0.01  # about 1.5 s for model.bin
    first_started = threading.Event()
    folders: list[Path] = []

    def first() -> None:
        folders.append(download(TEST_MODEL, lambda *_: first_started.set(), lambda: False))

    thread = threading.Thread(target=first)
    thread.start()
    assert first_started.wait(10)
    asked = time.monotonic()
    with pytest.raises(DownloadCancelled):
        download(TEST_MODEL, lambda *_: None, lambda: time.monotonic() - asked > 0.3)
    second = download(TEST_MODEL, lambda *_: None, lambda: False)
    thread.join()

    assert folders == [second] and downloaded_folder(TEST_MODEL) == second
    assert sum(request.endswith("/model.bin") for request in hub.requests) == 1
    assert _left_in(cache) == ["faster-whisper-base"]


# -- the speed probe and the offer ------------------------------------------------------------


@pytest.mark.slow
def test_the_speed_probe_times_base_on_this_cpu_and_the_offer_fits_the_budget(
    base_loaded, cache: Path, monkeypatch
):
    probe = encoder_seconds()
    assert 0.01 < probe < 10

    offer = find_offer("pt")

    if offer is not None:  # on a fast enough CPU
        assert offer.model.name in better_models("pt")
        assert offer.seconds_per_minute <= OFFER_BUDGET
        assert offer.base_seconds_per_minute < offer.seconds_per_minute
    # A candidate already on disk is not offered again.
    monkeypatch.setattr(model_catalog, "_BETTER_MULTILINGUAL", (TEST_MODEL,))
    fits = find_offer("pt")
    assert fits is not None and fits.model.name == TEST_MODEL
    (cache / "faster-whisper-base").mkdir(parents=True)
    for name in ("model.bin", "config.json"):
        (cache / "faster-whisper-base" / name).write_bytes(b"{}")
    assert find_offer("pt") is None
    assert TEST_REPO.endswith(CATALOG[TEST_MODEL].folder)
