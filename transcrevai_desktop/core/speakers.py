"""Who spoke when: speaker labels for a final transcript, from the voices in it.

The final pass reads a recording a block at a time; after each block, ``VoiceCollector.add``
cuts the stretches of speech that Whisper's word timings show into windows of ``WINDOW``
seconds (``HOP`` apart) and keeps one CAM++ voice embedding per window (192 numbers: a
two-hour meeting keeps about 7 MB, whatever the block). Once the whole recording has been
heard, ``VoiceCollector.label`` clusters the windows (average-linkage agglomerative
clustering on cosine distance, SciPy) and gives every word the speaker whose voice its
windows resemble most. Segments are split where the speaker changes, so each has one.

How many speakers: with a count the user fixed, the tree is cut into that many; otherwise it
is cut at ``DISTANCE`` (measured on conversations built from the shared clips: see
docs/benchmarks.md, *Speakers*), and a voice heard for less than ``MIN_SPEAKER_SECONDS`` joins
the nearest other voice: a single talker must never get a phantom "Speaker 2" from a cough or
a change of tone, at the price of a person who says one word only being given to someone
else. Speakers are numbered in the order they first speak.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from PySide6.QtCore import QCoreApplication

from transcrevai_desktop.core.devices import MODEL_RATE
from transcrevai_desktop.core.errors import TranscrevaiError
from transcrevai_desktop.core.speaker_embedding import EMBEDDING_SIZE, SpeakerEmbedder
from transcrevai_desktop.core.transcript import Segment, Speaker, Transcript, Word, default_name
from transcrevai_desktop.core.voice_book import voice_tuple

log = logging.getLogger(__name__)

AUTO = "auto"  # count the speakers
OFF = "off"  # no labels
CHANNELS = "channels"  # each channel of the recording is a person (see ``by_channel``)
SPEAKER_CHOICES = (AUTO, OFF, CHANNELS)  # besides a count from 1 to MAX_SPEAKERS
MAX_SPEAKERS = 20
SpeakerSetting = int | str  # AUTO, OFF or a count

WINDOW = 1.5  # seconds of speech per voice embedding (shorter windows confuse voices)
HOP = 0.75  # between the starts of overlapping windows
MIN_WINDOW = 1.0  # a shorter stretch of speech is widened to this (context around it)
JOIN_GAP = 0.3  # words closer than this are one stretch of speech
DISTANCE = 0.5  # cosine distance (average linkage) where the tree is cut: rather too many...
SAME_VOICE = 0.4  # ...then voices whose centroids are this similar (cosine) are joined
MIN_SPEAKER_SECONDS = 1.5  # a speaker heard for less joins the nearest voice...
BRIEF_SECONDS = 3.0  # ...and one heard for less than this if its voice is...
BRIEF_SAME = 0.3  # ...this alike (cosine) to another; in a longer recording, "less" is...
BRIEF_SHARE = 0.02  # ...less than this share of all the talk time...
BRIEF_MOST = 10.0  # ...up to this many seconds
MAX_CLUSTERED = 3000  # more windows are averaged in runs before clustering (memory: n²)


def parse_speakers(text: SpeakerSetting) -> SpeakerSetting:
    """``auto``, ``off``, ``channels`` or a count (1 to ``MAX_SPEAKERS``), from a setting or
    its text; ``TranscrevaiError`` otherwise."""
    value = str(text).strip().lower()
    if value in SPEAKER_CHOICES:
        return value
    if value.isdigit() and 1 <= int(value) <= MAX_SPEAKERS:
        return int(value)
    raise TranscrevaiError(
        QCoreApplication.translate(
            "TranscrevaiError",
            "'{setting}' is not a speaker setting: use auto, off, channels or a number from 1 "
            "to {most}.",
        ).format(setting=text, most=MAX_SPEAKERS)
    )


def speech_stretches(words: Sequence[Word], gap: float = JOIN_GAP) -> list[tuple[float, float]]:
    """The stretches of speech that ``words`` cover, joining words less than ``gap`` apart."""
    stretches: list[tuple[float, float]] = []
    for word in sorted(words, key=lambda w: w.start):
        if word.end <= word.start:
            continue
        if stretches and word.start - stretches[-1][1] < gap:
            stretches[-1] = (stretches[-1][0], max(stretches[-1][1], word.end))
        else:
            stretches.append((word.start, word.end))
    return stretches


def windows_of(start: float, end: float) -> list[tuple[float, float]]:
    """Windows of ``WINDOW`` seconds, ``HOP`` apart, covering the stretch [start, end]; a
    short stretch gets one window, widened to ``MIN_WINDOW`` around its middle."""
    length = end - start
    if length < WINDOW:
        half = max(length, MIN_WINDOW) / 2
        middle = (start + end) / 2
        return [(middle - half, middle + half)]
    count = int(np.ceil((length - WINDOW) / HOP)) + 1
    step = (length - WINDOW) / (count - 1) if count > 1 else 0.0
    return [(start + i * step, start + i * step + WINDOW) for i in range(count)]


@dataclass(frozen=True)
class Voices:
    """Every window heard: their times (n, 2) in seconds and embeddings (n, 192)."""

    spans: np.ndarray
    embeddings: np.ndarray


class VoiceCollector:
    """Gathers voice windows block by block during a final pass, then labels its transcript."""

    def __init__(self, embedder: SpeakerEmbedder, setting: SpeakerSetting = AUTO) -> None:
        self._embedder = embedder
        self.setting = setting
        self._spans: list[tuple[float, float]] = []
        self._embeddings: list[np.ndarray] = []

    def add(self, block: np.ndarray, offset: float, segments: Sequence[Segment]) -> None:
        """The windows of ``block`` (16 kHz mono, starting ``offset`` seconds into the
        recording) where ``segments``' words are."""
        words = [w for segment in segments for w in segment.words]
        spans = [
            window for start, end in speech_stretches(words) for window in windows_of(start, end)
        ]
        pieces = []
        kept = []
        for start, end in spans:
            first = max(0, int((start - offset) * MODEL_RATE))
            last = min(len(block), int((end - offset) * MODEL_RATE))
            if last - first >= MIN_WINDOW * MODEL_RATE / 2:
                pieces.append(block[first:last])
                kept.append((start, end))
        if pieces:
            self._embeddings.append(self._embedder.embed(pieces))
            self._spans += kept

    def voices(self) -> Voices:
        embeddings = (
            np.concatenate(self._embeddings)
            if self._embeddings
            else np.zeros((0, EMBEDDING_SIZE), np.float32)
        )
        return Voices(np.array(self._spans, np.float64).reshape(-1, 2), embeddings)

    def label(self, transcript: Transcript) -> Transcript:
        """``transcript`` with a speaker on every word and segment (segments split where the
        speaker changes) and its ``speakers`` table."""
        voices = self.voices()
        counted = self.setting == AUTO
        labels = cluster(voices, None if counted else int(self.setting))
        return labelled(transcript, voices, labels, MIN_SPEAKER_SECONDS if counted else 0.0)


def cluster(voices: Voices, count: int | None) -> np.ndarray:
    """A speaker index per window: ``count`` speakers, or as many as the voices show."""
    n = len(voices.embeddings)
    if n < 2 or count == 1:
        return np.zeros(n, np.int64)
    from scipy.cluster.hierarchy import fcluster, linkage

    points, runs = _pooled(voices.embeddings)
    tree = linkage(points, method="average", metric="cosine")
    if count is None:
        groups = fcluster(tree, t=DISTANCE, criterion="distance")
    else:
        groups = fcluster(tree, t=count, criterion="maxclust")
    labels = np.repeat(groups - 1, runs)
    if count is None:
        labels = _joined(voices.embeddings, labels)
    return _nearest_centroid(voices.embeddings, labels)


def _joined(embeddings: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Voices joined, the most similar pair first, while two centroids are ``SAME_VOICE``
    alike: a window is a noisy sample of a voice, its centroid a steady one."""
    labels = labels.copy()
    while True:
        groups = list(np.unique(labels))
        if len(groups) < 2:
            return labels
        centroids = _centroids(embeddings, labels, groups)
        similarity = centroids @ centroids.T
        np.fill_diagonal(similarity, -1.0)
        first, second = np.unravel_index(int(np.argmax(similarity)), similarity.shape)
        if similarity[first, second] < SAME_VOICE:
            return labels
        labels[labels == groups[second]] = groups[first]


def _pooled(embeddings: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """At most ``MAX_CLUSTERED`` points: runs of consecutive windows averaged, and the length
    of each run (windows in time order, so a run is a few seconds of one stretch)."""
    n = len(embeddings)
    size = int(np.ceil(n / MAX_CLUSTERED))
    if size <= 1:
        return embeddings.astype(np.float64), np.ones(n, np.int64)
    starts = np.arange(0, n, size)
    sums = np.add.reduceat(embeddings.astype(np.float64), starts)
    runs = np.diff(np.append(starts, n))
    return sums / runs[:, None], runs


def _centroids(embeddings: np.ndarray, labels: np.ndarray, groups: Sequence[int]) -> np.ndarray:
    centroids = np.stack([embeddings[labels == g].mean(axis=0) for g in groups])
    norms = np.linalg.norm(centroids, axis=1, keepdims=True)
    unit: np.ndarray = centroids / np.maximum(norms, 1e-12)
    return unit


def _nearest_centroid(embeddings: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Each window moved to the voice whose centroid it is closest to (average linkage can
    leave a window that straddles a change of speaker in the wrong one); numbered 0, 1, …"""
    groups = list(np.unique(labels))
    centroids = _centroids(embeddings, labels, groups)
    nearest: np.ndarray = np.argmax(embeddings @ centroids.T, axis=1)
    return nearest.astype(np.int64)


def labelled(
    transcript: Transcript, voices: Voices, labels: np.ndarray, min_seconds: float = 0.0
) -> Transcript:
    """Every word given the speaker whose windows overlap it most (weighted by how well each
    window matches its speaker's voice), speakers who say less than ``min_seconds`` given to
    the nearest voice, segments split at speaker changes, speakers numbered by first
    appearance."""
    words = [w for segment in transcript.segments for w in segment.words]
    if not words:
        return replace(transcript, speakers=[])
    if len(labels) == 0:
        votes = np.zeros((len(words), 1))
        centroids = np.zeros((1, EMBEDDING_SIZE))
    else:
        groups = int(labels.max()) + 1
        centroids = _centroids(voices.embeddings, labels, range(groups))
        match = np.clip((voices.embeddings * centroids[labels]).sum(axis=1), 0.05, None)
        votes = np.zeros((len(words), groups))
        starts = voices.spans[:, 0]  # in time order, as collected
        for index, word in enumerate(words):
            first = int(np.searchsorted(starts, word.start - WINDOW - HOP))
            last = int(np.searchsorted(starts, word.end + HOP))
            spans = voices.spans[first:last]
            overlap = np.minimum(spans[:, 1], word.end) - np.maximum(spans[:, 0], word.start)
            near = overlap > -HOP  # a word between windows: the windows on either side
            weight = match[first:last][near] * (overlap[near] + HOP)
            np.add.at(votes[index], labels[first:last][near], weight)
    durations = np.array([max(0.0, w.end - w.start) for w in words])
    raw = _without_brief(votes.argmax(axis=1), durations, centroids, min_seconds)
    order = list(dict.fromkeys(raw.tolist()))  # by first appearance
    ids = [f"S{order.index(g) + 1}" for g in raw.tolist()]
    spoken = iter(ids)
    segments: list[Segment] = []
    for segment in transcript.segments:
        tagged = [replace(w, speaker=next(spoken)) for w in segment.words]
        segments += _split_at_changes(segment, tagged)
    voices_of: dict[str, np.ndarray] = {}
    for group, duration, speaker in zip(raw.tolist(), durations.tolist(), ids, strict=True):
        voices_of[speaker] = voices_of.get(speaker, 0.0) + centroids[group] * duration
    speakers = [
        Speaker(sid, default_name(sid), voice=voice_tuple(voices_of[sid]) if len(labels) else ())
        for sid in sorted(voices_of, key=lambda s: int(s[1:]))
    ]
    return replace(transcript, segments=segments, speakers=speakers).tallied()


def by_channel(transcripts: Sequence[Transcript], names: Sequence[str] = ()) -> Transcript:
    """One transcript per channel of a recording, each channel a person: their segments
    interleaved by time, every word labelled with its channel ("C1", named ``names[0]`` or
    "Channel 1")."""
    segments: list[Segment] = []
    speakers: list[Speaker] = []
    for number, transcript in enumerate(transcripts, start=1):
        speaker_id = f"C{number}"
        segments += [
            replace(
                segment,
                speaker=speaker_id,
                words=tuple(replace(w, speaker=speaker_id) for w in segment.words),
            )
            for segment in transcript.segments
        ]
        name = names[number - 1] if number <= len(names) else default_name(speaker_id)
        if transcript.segments:  # a channel where nobody spoke has no speaker
            speakers.append(Speaker(speaker_id, name))
    heard = [t.language for t in transcripts if t.segments]  # each channel's own
    return Transcript(
        heard[0] if heard else transcripts[0].language,
        max(t.duration for t in transcripts),
        sorted(segments, key=lambda s: (s.start, s.end)),
        speakers,
    ).tallied()


def _without_brief(
    raw: np.ndarray, durations: np.ndarray, centroids: np.ndarray, min_seconds: float
) -> np.ndarray:
    """The words of a brief speaker given to the most similar other voice, the briefest
    first, while more than one speaker is left: a speaker heard for less than
    ``min_seconds``, or for less than ``BRIEF_SECONDS`` with a voice ``BRIEF_SAME`` alike to
    another (a second or two of one voice makes a noisy centroid: the 1–2 s fragments of one
    talker measured 0.36–0.43 alike to the rest of it, two people at most 0.32). In a longer
    recording such fragments add up: the "1." before each of five sonnets read by one person
    (3.2 s in 204 s, 0.33 alike) was a "Speaker 1" of its own. So brief is also less than
    ``BRIEF_SHARE`` of the talk time, up to ``BRIEF_MOST`` seconds."""
    raw = raw.copy()
    if not min_seconds:
        return raw
    brief_limit = min(max(BRIEF_SECONDS, BRIEF_SHARE * float(durations.sum())), BRIEF_MOST)
    while True:
        present = list(np.unique(raw))
        if len(present) < 2:
            return raw
        seconds = np.bincount(raw, weights=durations, minlength=len(centroids))
        for brief in sorted(present, key=lambda g: seconds[g]):
            others = [g for g in present if g != brief]
            similarity = centroids[others] @ centroids[brief]
            nearest = int(np.argmax(similarity))
            if seconds[brief] < min_seconds or (
                seconds[brief] < brief_limit and similarity[nearest] >= BRIEF_SAME
            ):
                raw[raw == brief] = others[nearest]
                break
        else:
            return raw


def _split_at_changes(segment: Segment, words: list[Word]) -> list[Segment]:
    """``segment`` as one segment per run of one speaker's words."""
    if not words:
        return [segment]
    runs: list[list[Word]] = [[words[0]]]
    for word in words[1:]:
        if word.speaker == runs[-1][-1].speaker:
            runs[-1].append(word)
        else:
            runs.append([word])
    if len(runs) == 1:
        return [replace(segment, words=tuple(words), speaker=words[0].speaker)]
    return [
        Segment(
            run[0].start,
            run[-1].end,
            "".join(w.text for w in run).strip(),
            tuple(run),
            run[0].speaker,
        )
        for run in runs
    ]
