"""How ``transcrevai record`` prints captions: running text redrawn in place on a terminal
(checked on the screen a small ANSI interpreter shows), plain lines into a pipe, JSON events."""

from __future__ import annotations

import io
import json
import os
import re
import unicodedata
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from transcrevai_desktop.caption_printer import PlainCaptions, RunningCaptions, wrap_spans
from transcrevai_desktop.cli_record import RecordReporter
from transcrevai_desktop.core.streaming import CaptionEvent
from transcrevai_desktop.core.transcript import Word


class Terminal:
    """Just enough of a terminal for what ``RunningCaptions`` writes: text with auto-wrap (and
    xterm's pending wrap at the last column; a wide character takes two columns), ``\\r``,
    ``\\n`` (as the tty's ONLCR makes it), ``ESC[nF``, ``ESC[J``, ``ESC[2K``,
    ``ESC[2m``/``ESC[0m``, and scrolling: rows that scroll off the top stay in the scrollback,
    out of the cursor's reach."""

    def __init__(self, columns: int, lines: int) -> None:
        self.columns, self.lines = columns, lines
        self.buffer: list[list[tuple[str, bool]]] = [[]]  # scrollback + screen
        self.row = self.col = 0
        self.top = 0  # the buffer row at the top of the screen; clearing never scrolls back
        self.dim = False

    def size(self) -> os.terminal_size:
        return os.terminal_size((self.columns, self.lines))

    def write(self, data: str) -> int:
        for token in re.findall(r"\x1b\[\d*[A-Za-z]|[\s\S]", data):
            self._feed(token)
        return len(data)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return True

    def _down(self) -> None:
        self.row += 1
        if self.row == len(self.buffer):
            self.buffer.append([])
        self.top = max(self.top, self.row - self.lines + 1)
        self.col = 0

    def _feed(self, token: str) -> None:
        if token.startswith("\x1b["):
            number, code = token[2:-1], token[-1]
            if code == "F":
                self.row, self.col = max(self.top, self.row - int(number or 1)), 0
            elif code == "J":
                assert number in ("", "0")
                del self.buffer[self.row][self.col :]
                del self.buffer[self.row + 1 :]
            elif code == "K":
                assert number == "2"
                self.buffer[self.row] = []
            elif code == "m":
                assert number in ("0", "2")
                self.dim = number == "2"
            else:
                raise AssertionError(f"unexpected escape {token!r}")
        elif token == "\r":
            self.col = 0
        elif token == "\n":
            self._down()
        else:
            assert token.isprintable(), repr(token)
            cells = [(token, self.dim)]
            if unicodedata.east_asian_width(token) in "WF":  # two cells: 今, 日
                cells.append(("", self.dim))
            if self.col + len(cells) > self.columns:  # pending wrap, or no room left
                self._down()
            line = self.buffer[self.row]
            line.extend([(" ", False)] * (self.col + len(cells) - len(line)))
            line[self.col : self.col + len(cells)] = cells
            self.col += len(cells)

    def text(self, visible_only: bool = False) -> list[str]:
        rows = self.buffer[self.top :] if visible_only else self.buffer
        return ["".join(c for c, _ in row).rstrip() for row in rows]

    def grey(self) -> list[str]:
        """The greyed characters of each row."""
        return ["".join(c for c, dim in row if dim) for row in self.buffer]


def _event(kind: str, text: str, utterance: int, start: float = 0.0) -> CaptionEvent:
    words, t = [], start
    for token in re.findall(r"\s*\S+", text):
        words.append(Word(t, t + 0.3, token))
        t += 0.3
    if words and not text[:1].isspace():  # Whisper's word texts start with a space
        words[0] = Word(words[0].start, words[0].end, " " + words[0].text.lstrip())
    return CaptionEvent(kind, text.strip(), start, t, tuple(words), utterance)  # type: ignore[arg-type]


def committed(text: str, utterance: int) -> CaptionEvent:
    return _event("committed", text, utterance)


def tentative(text: str, utterance: int) -> CaptionEvent:
    return _event("tentative", text, utterance)


def revised(text: str, utterance: int) -> CaptionEvent:
    return _event("revised", text, utterance)


def glued(text: str, utterance: int) -> CaptionEvent:
    """Committed text that carries on the last word ("quinta" + "-feira")."""
    return CaptionEvent("committed", text, 0.0, 0.3, (Word(0.0, 0.3, text),), utterance)


def _terminal(columns: int = 40, lines: int = 24) -> tuple[Terminal, RunningCaptions]:
    terminal = Terminal(columns, lines)
    return terminal, RunningCaptions(terminal, size=terminal.size)  # type: ignore[arg-type]


def _feed(captions: RunningCaptions | PlainCaptions, *events: CaptionEvent) -> None:
    for event in events:
        captions.add(event)


def test_committed_words_continue_one_line() -> None:
    terminal, captions = _terminal()
    _feed(captions, committed("so", 1), committed("we", 1), committed("met", 1))
    _feed(captions, glued("-ish", 1), committed("today.", 1))
    assert terminal.text() == ["so we met-ish today."]


def test_an_utterance_change_starts_a_line_and_the_end_closes_it() -> None:
    terminal, captions = _terminal()
    _feed(captions, committed("first one", 1), committed("here.", 1), tentative("", 2))
    _feed(captions, committed("second", 2))
    captions.finish()
    assert terminal.text() == ["first one here.", "second", ""]
    assert (terminal.row, terminal.col) == (2, 0)


def test_running_text_wraps_at_the_width() -> None:
    terminal, captions = _terminal(columns=21)
    text = "the quick brown fox jumps over the lazy dog and keeps on running"
    for word in text.split(" "):
        captions.add(committed(word, 1))
    assert terminal.text() == [
        "the quick brown fox",
        "jumps over the lazy",
        "dog and keeps on",
        "running",
    ]
    assert all(len(row) < 21 for row in terminal.text())
    assert terminal.text() == [text[s:e] for s, e in wrap_spans(text, 20)]


def test_a_chinese_row_never_starts_with_its_closing_mark() -> None:
    text = "我们今天开会讨论新的。项目计划"  # 。 would be the 11th character of a row of 10
    assert [text[s:e] for s, e in wrap_spans(text, 20)] == ["我们今天开会讨论新", "的。项目计划"]


def test_a_word_longer_than_the_width_is_cut() -> None:
    assert wrap_spans("ab " + "x" * 12 + " cd", 5) == [(0, 2), (3, 8), (8, 13), (13, 18)]
    assert wrap_spans("", 5) == [(0, 0)]


def test_wide_characters_take_two_columns_and_a_revision_redraws_in_place() -> None:
    """Chinese and Japanese characters take two columns each, and their words have no
    spaces between them: counted as one column, rows overflowed and a redraw doubled them."""
    terminal, captions = _terminal(columns=21)  # rows of 20 columns
    _feed(captions, committed("今日は会議があります 明日も会議です よろしく", 1))
    assert terminal.text() == ["今日は会議があります", "明日も会議です よろ", "しく"]
    _feed(captions, revised("今日は会議がありません 明日も", 1))
    assert terminal.text() == ["今日は会議がありませ", "ん 明日も"]
    _feed(captions, committed("我们今天开会讨论新的项目计划和预算安排", 2))
    assert terminal.text()[2:] == ["我们今天开会讨论新的", "项目计划和预算安排"]


def test_the_tentative_tail_is_greyed_and_replaced() -> None:
    terminal, captions = _terminal()
    _feed(captions, committed("hello", 1), tentative("wor", 1))
    assert terminal.text() == ["hello wor"]
    assert terminal.grey() == ["wor"]
    captions.add(tentative("world out there", 1))
    assert terminal.text() == ["hello world out there"]
    assert terminal.grey() == ["world out there"]
    _feed(captions, committed("world", 1), tentative("out there", 1))
    assert terminal.text() == ["hello world out there"]
    assert terminal.grey() == ["out there"]
    captions.add(tentative("", 1))
    assert terminal.text() == ["hello world"]
    assert terminal.grey() == [""]


def test_a_tentative_tail_wraps_greyed() -> None:
    terminal, captions = _terminal(columns=14)
    _feed(captions, committed("one two", 1), tentative("three four five", 1))
    assert terminal.text() == ["one two three", "four five"]
    assert terminal.grey() == ["three", "four five"]
    _feed(captions, tentative("", 2))
    assert terminal.text() == ["one two", ""]


def test_a_revision_rewrites_its_utterance_and_keeps_the_next_one_after_it() -> None:
    terminal, captions = _terminal(columns=20)
    _feed(captions, committed("I scream", 1), committed("for ice.", 1))
    _feed(captions, committed("Then we", 2), committed("went home", 2), tentative("and", 2))
    assert terminal.text() == ["I scream for ice.", "Then we went home", "and"]
    captions.add(revised("Ice cream for everyone, and more ice cream.", 1))
    assert terminal.text() == [
        "Ice cream for",
        "everyone, and more",
        "ice cream.",
        "Then we went home",
        "and",
    ]
    assert terminal.grey()[-1] == "and"
    _feed(captions, committed("and slept.", 2))
    assert terminal.text()[-2:] == ["Then we went home", "and slept."]
    captions.add(revised("Then we went home.", 2))
    assert terminal.text() == [
        "Ice cream for",
        "everyone, and more",
        "ice cream.",
        "Then we went home.",
    ]
    assert captions.utterances() == {
        1: "Ice cream for everyone, and more ice cream.",
        2: "Then we went home.",
    }


def test_a_revision_changes_only_its_utterance() -> None:
    terminal, captions = _terminal()
    for n in range(1, 5):
        captions.add(committed(f"utterance {n}", n))
    captions.add(revised("the second one", 2))
    assert terminal.text() == ["utterance 1", "the second one", "utterance 3", "utterance 4"]


def test_a_revision_of_the_current_utterance_drops_its_tail() -> None:
    terminal, captions = _terminal()
    _feed(captions, committed("nice to", 1), tentative("meat", 1), revised("Nice to meet you.", 1))
    assert terminal.text() == ["Nice to meet you."]
    assert terminal.grey() == [""]


def test_status_lines_stay_in_place_below_their_captions() -> None:
    terminal, captions = _terminal()
    captions.note("Recording (Ctrl-C to stop)")
    _feed(captions, committed("last words", 1), tentative("here", 1))
    captions.note("Stopped; writing the final transcript")
    _feed(captions, committed("here.", 1), revised("Last words here.", 1))
    captions.note("Transcribing the recording: 0%")
    captions.finish()
    assert terminal.text() == [
        "Recording (Ctrl-C to stop)",
        "Last words here.",
        "Stopped; writing the final transcript",
        "Transcribing the recording: 0%",
        "",
    ]


def test_a_revision_that_scrolled_off_is_not_shown() -> None:
    terminal, captions = _terminal(columns=30, lines=5)
    for n in range(1, 9):
        captions.add(committed(f"line {n}", n))
    assert terminal.text(visible_only=True) == [f"line {n}" for n in range(4, 9)]
    captions.add(revised("LINE 3", 3))  # above the screen
    captions.add(revised("LINE 4", 4))  # the top row
    captions.add(revised("LINE 7", 7))
    assert terminal.text() == [f"line {n}" for n in range(1, 4)] + [
        "LINE 4",
        "line 5",
        "line 6",
        "LINE 7",
        "line 8",
    ]
    assert set(captions.utterances()) <= set(range(4, 9))  # the rest is forgotten


def test_a_revision_whose_first_row_scrolled_off_is_not_shown() -> None:
    terminal, captions = _terminal(columns=12, lines=4)
    for n in range(1, 5):
        captions.add(committed(f"line {n}", n))
    captions.add(revised("line one is now far too long", 1))  # its first row is on screen
    assert terminal.text() == ["line one is", "now far too", "long", "line 2", "line 3", "line 4"]
    captions.add(revised("LINE 1", 1))  # now its first row has scrolled off
    captions.add(revised("LINE 2", 2))
    captions.add(committed("more", 4))
    assert terminal.text() == [
        *["line one is", "now far too", "long"],
        *["LINE 2", "line 3", "line 4 more"],
    ]
    assert captions.utterances()[1] == "line one is now far too long"


def test_one_endless_utterance_keeps_only_its_rows_on_screen() -> None:
    terminal, captions = _terminal(columns=21, lines=6)
    words = [f"w{i}" for i in range(400)]
    for word in words:
        captions.add(committed(word, 1))
        captions.add(tentative("next", 1))
    assert " ".join(terminal.text()) == " ".join(words) + " next"
    assert len(captions.utterances()[1]) < 6 * 21
    captions.add(revised("rewritten", 1))  # its start scrolled off: not shown
    assert " ".join(terminal.text()) == " ".join(words) + " next"


def test_words_after_status_lines_that_pushed_their_start_off_go_below_them() -> None:
    terminal, captions = _terminal(columns=30, lines=3)
    captions.add(committed("one", 1))
    for n in range(3):
        captions.note(f"status {n}")
    captions.add(committed("two", 1))
    captions.add(revised("One two.", 1))  # its first rows are gone
    assert terminal.text() == ["one", "status 0", "status 1", "status 2", "two"]


def test_a_new_width_starts_the_current_utterance_below() -> None:
    terminal, captions = _terminal(columns=40)
    _feed(captions, committed("before", 1), committed("it all", 2))
    terminal.columns = 30
    captions.add(committed("changed", 2))
    assert terminal.text() == ["before", "it all", "it all changed"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["committed", "tentative", "revised", "next"]),
            st.lists(st.sampled_from(["a", "bb", "ccc", "dddd", "eeeeeeeeee"]), max_size=6),
            st.integers(0, 3),
        ),
        max_size=40,
    )
)
def test_the_screen_shows_the_utterances_as_they_stand(steps: list) -> None:
    """With a screen tall enough, what is shown is each utterance's latest text (its
    revision, or its committed words), then the current tail, greyed, whatever the order."""
    terminal, captions = _terminal(columns=16, lines=1000)
    texts: dict[int, str] = {}
    current, tail = 1, ""
    for kind, words, back in steps:
        text = " ".join(words)
        if kind == "next":
            current, tail = current + 1, ""
            captions.add(tentative("", current))
            texts.setdefault(current, "")
        elif kind == "committed":
            captions.add(committed(text, current))
            texts[current] = " ".join(t for t in (texts.get(current, ""), text) if t)
            tail = ""
        elif kind == "tentative":
            captions.add(tentative(text, current))
            texts.setdefault(current, "")
            tail = text
        elif text and current - back in texts:
            captions.add(revised(text, current - back))
            texts[current - back] = text
            if back == 0:
                tail = ""
    expected: list[str] = []
    for number in sorted(texts):
        shown = texts[number]
        if number == current and tail:
            shown = f"{shown} {tail}" if shown else tail
        expected += [shown[s:e] for s, e in wrap_spans(shown, 15)]
    assert terminal.text() == (expected or [""])
    if tail:
        assert " ".join(terminal.grey()).split() == tail.split()
    else:
        assert not "".join(terminal.grey())


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["committed", "tentative", "revised", "next", "note", "resize"]),
            st.lists(st.sampled_from(["a", "bb", "ccc", "dddd", "eeeeeeeeeeeee"]), max_size=8),
            st.integers(0, 6),
        ),
        max_size=60,
    )
)
def test_a_small_screen_shows_what_the_printer_believes(steps: list) -> None:
    """Whatever scrolls off, the rows on screen are the rows the printer keeps (so every
    redraw lands where it should), and nothing is below the cursor."""
    terminal, captions = _terminal(columns=12, lines=4)
    current = 1
    for kind, words, back in steps:
        text = " ".join(words)
        if kind == "next":
            current += 1
            captions.add(tentative(text, current))
        elif kind == "note":
            captions.note(text or "status")
        elif kind == "resize":  # this terminal does not reflow what it shows
            terminal.columns = 12 + back
        elif kind == "revised":
            if text:
                captions.add(revised(text, max(current - back, 1)))
        else:
            captions.add(_event(kind, text, current))
        believed = [row.rstrip() for row, _ in captions._rows]
        shown = terminal.text(visible_only=True)[: terminal.row - terminal.top + 1]
        kept = min(len(believed), len(shown))
        assert shown[len(shown) - kept :] == believed[len(believed) - kept :]
        assert terminal.row == len(terminal.buffer) - 1
        assert len(captions._blocks) <= 4


def test_piped_captions_are_plain_lines_one_per_utterance() -> None:
    stream = io.StringIO()
    captions = PlainCaptions(stream)
    _feed(captions, committed("so", 1), tentative("we", 1), committed("we met", 1))
    _feed(captions, glued("-ish.", 1), tentative("", 2), committed("Then", 2))
    _feed(captions, revised("So we met-ish today.", 1), committed("home.", 2))
    assert stream.getvalue() == "so we met-ish.\nThen home."
    captions.finish()
    captions.finish()
    assert stream.getvalue() == "so we met-ish.\nThen home.\n"
    assert "\x1b" not in stream.getvalue()


def _fake_session() -> SimpleNamespace:
    signal = SimpleNamespace(connect=lambda slot: None)
    return SimpleNamespace(
        caption=signal, status_changed=signal, progress=signal, audio_origin=0.0, files={}
    )


def test_json_events_carry_the_utterance_and_revisions(capsys) -> None:
    reporter = RecordReporter(_fake_session(), as_json=True)  # type: ignore[arg-type]
    reporter.on_caption(committed("hello there", 2))
    reporter.on_caption(revised("Hello there.", 2))
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(e["event"], e["text"], e["utterance"]) for e in lines] == [
        ("committed", "hello there", 2),
        ("revised", "Hello there.", 2),
    ]
    assert list(lines[1]) == ["event", "text", "start", "end", "t", "words", "utterance"]
    assert [w["word"] for w in lines[1]["words"]] == ["Hello", "there."]


def test_the_reporter_writes_plain_lines_when_piped(capsys) -> None:
    reporter = RecordReporter(_fake_session(), as_json=False)  # type: ignore[arg-type]
    reporter.on_status("recording", "")
    reporter.on_caption(committed("one", 1))
    reporter.on_caption(committed("two", 1))
    reporter.on_caption(tentative("three", 2))
    reporter.on_caption(committed("three", 2))
    for fraction in (0.0, 0.05, 0.15):  # a line every ten percent, each kept in a log
        reporter.on_progress(fraction)
    reporter.on_status("complete", "")
    captured = capsys.readouterr()
    assert captured.out == "one two\nthree\n"
    assert captured.err.splitlines() == [
        "Recording (Ctrl-C to stop)",
        "Transcribing the recording: 0%",
        "Transcribing the recording: 15%",
        "Done",
    ]
    assert reporter.succeeded


def test_the_reporter_draws_running_captions_and_status_lines_on_a_terminal(monkeypatch) -> None:
    terminal = Terminal(40, 10)
    monkeypatch.setattr("sys.stdout", terminal)
    monkeypatch.setattr("sys.stderr", terminal)
    monkeypatch.setenv("COLUMNS", "40")
    monkeypatch.setenv("LINES", "10")
    session = _fake_session()
    session.files = {"transcript": "/tmp/x.txt"}
    reporter = RecordReporter(session, as_json=False)  # type: ignore[arg-type]
    reporter.on_status("recording", "")
    for word in ("so", "we", "met"):
        reporter.on_caption(committed(word, 1))
    reporter.on_caption(tentative("to", 2))
    reporter.on_caption(committed("today", 2))
    reporter.on_status("processing", "")
    reporter.on_caption(revised("So we met.", 1))
    for fraction in (0.0, 0.15, 0.5, 0.97):  # one line, updated in place
        reporter.on_progress(fraction)
    assert terminal.text()[-1] == "Transcribing the recording: 97%"
    reporter.on_status("complete", "")
    assert terminal.text() == [
        "Recording (Ctrl-C to stop)",
        "So we met.",
        "today",
        "Stopped; writing the final transcript",
        "Transcribing the recording: 97%",
        "Done",
        "  /tmp/x.txt",
        "",
    ]
