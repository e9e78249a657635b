"""The live caption view on its own, under QT_QPA_PLATFORM=offscreen, with pytest-qt."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor

from transcrevai_desktop.core.streaming import CaptionEvent
from transcrevai_desktop.core.transcript import (
    PARAGRAPH_CHARS,
    PARAGRAPH_MAX,
    Segment,
    Transcript,
    Word,
)
from transcrevai_desktop.ui.caption_view import REVISABLE_UTTERANCES, CaptionView


@pytest.fixture
def view(qtbot):
    shown = CaptionView()
    qtbot.addWidget(shown)
    shown.resize(400, 300)
    shown.show()
    return shown


def committed(text, start, end, utterance=0):
    return CaptionEvent("committed", text, start, end, utterance=utterance)


def tentative(text, start, end, utterance=0):
    return CaptionEvent("tentative", text, start, end, utterance=utterance)


def revised(utterance, text, start=0.0, end=0.0):
    return CaptionEvent("revised", text, start, end, utterance=utterance)


def words_event(kind, *words, utterance=0):
    found = tuple(Word(start, end, text) for text, start, end in words)
    return CaptionEvent(kind, "".join(w.text for w in found).strip(), found[0].start,
                        found[-1].end, found, utterance=utterance)  # fmt: skip


def select(view, text):
    """Select the first occurrence of ``text`` as a user would, from its end back to its start
    (anchor after position), and return the cursor."""
    at = view.toPlainText().index(text)
    cursor = view.textCursor()
    cursor.setPosition(at + len(text))
    cursor.setPosition(at, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    return cursor


def test_captions_follow_new_text_unless_the_user_scrolled_up(view):
    for n in range(200):
        view.add(committed(f"Frase número {n} da reunião.", n, n + 1))
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == bar.maximum()
    bar.setValue(0)
    view.add(tentative("ainda mudando", 200, 201))
    assert bar.value() == 0
    assert view.committed_text.endswith("Frase número 199 da reunião.")
    assert view.tentative_text == "ainda mudando"
    assert view.toPlainText().endswith("reunião. ainda mudando")


def _bottom(view) -> bool:
    bar = view.verticalScrollBar()
    return bar.value() >= bar.maximum() - 4


def _first_in_view(view) -> int:
    return view.cursorForPosition(view.viewport().rect().topLeft()).position()


def test_a_larger_text_or_a_narrower_view_keeps_the_reader_where_they_were(view, qtbot):
    """Larger text (Ctrl++) or a narrower window lays the captions out again: the view read
    as scrolled up and stopped following the newest words, and a reader who had scrolled up
    was sent elsewhere."""
    for n in range(300):
        view.add(committed(f"Frase número {n} da aula de hoje, dita devagar.", n, n + 1))
    larger = view.font()
    larger.setPointSizeF(larger.pointSizeF() * 2)
    view.setFont(larger)
    view.add(committed("Uma frase nova.", 300, 301))
    assert _bottom(view), "the newest words left the view after a larger text size"
    view.resize(250, 300)
    view.add(committed("Outra frase nova.", 301, 302))
    assert _bottom(view), "the newest words left the view in a narrower window"

    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)  # scrolled up to read again
    top = _first_in_view(view)
    reread = view.toPlainText()[top : top + 20]
    larger.setPointSizeF(larger.pointSizeF() * 1.5)
    view.setFont(larger)
    view.resize(400, 300)
    view.add(committed("Mais uma frase.", 302, 303))
    assert not _bottom(view)
    assert reread in view.toPlainText()[_first_in_view(view) - 80 : _first_in_view(view) + 200]


def test_captions_join_a_word_split_across_commits_without_a_space(view):
    """Whisper's "quinta" + "-feira" (and Chinese, written without spaces) committed in two
    events read as one word, as in the transcript; a pause still starts a paragraph."""
    view.add(words_event("committed", (" É", 0.0, 0.2), (" quinta", 0.2, 0.6)))
    view.add(words_event("tentative", ("-feira", 0.6, 1.0)))
    assert view.toPlainText() == "É quinta-feira"
    view.add(words_event("committed", ("-feira.", 0.6, 1.0)))
    view.add(words_event("committed", ("你好", 4.0, 4.5)))
    view.add(words_event("committed", ("世界", 4.5, 5.0)))
    assert view.committed_text == "É quinta-feira.\n你好世界"


def test_a_pause_in_speech_starts_a_new_caption_paragraph(view):
    view.add(committed("Bom dia a todos.", 0.0, 1.5))
    view.add(committed("Vamos começar.", 1.8, 3.0))
    view.add(tentative("Primeiro", 3.1, 3.5))
    assert view.toPlainText() == "Bom dia a todos. Vamos começar. Primeiro"
    assert view.document().blockCount() == 1
    view.add(tentative("Primeiro ponto", 6.0, 6.9))
    assert view.toPlainText() == "Bom dia a todos. Vamos começar.\nPrimeiro ponto"
    view.add(committed("Primeiro ponto:", 6.0, 7.0))
    view.add(tentative("", 7.0, 7.0))
    assert view.toPlainText() == "Bom dia a todos. Vamos começar.\nPrimeiro ponto:"
    assert view.document().blockCount() == 2

    view.show_transcript(
        Transcript(
            "pt", 7.0, [Segment(0.0, 3.0, "Bom dia a todos."), Segment(6.0, 7.0, "Primeiro.")]
        )
    )
    assert view.toPlainText() == "Bom dia a todos.\nPrimeiro."
    assert view.committed_text == view.toPlainText() and view.tentative_text == ""


def test_a_talk_without_pauses_reads_as_paragraphs_of_bounded_length(view):
    """Past PARAGRAPH_CHARS a paragraph ends at its next sentence; without any, at
    PARAGRAPH_MAX: an hour's lecture without a 2 s pause was one paragraph, laid out again at
    every caption (41 ms each at 37,000 characters)."""
    said = 0.0
    for n in range(60):  # sentences of 3 events, no pause
        for part in (f"Esta é a frase {n}", "de uma aula", "sem nenhuma pausa."):
            view.add(committed(part, said, said + 0.8))
            said += 1.0
    paragraphs = view.toPlainText().split("\n")
    assert len(paragraphs) > 2
    assert all(PARAGRAPH_CHARS <= len(p) < PARAGRAPH_CHARS + 60 for p in paragraphs[:-1])
    assert all(p.endswith("pausa.") for p in paragraphs)
    for _ in range(200):  # and words with no sentence end at all
        view.add(committed("palavra", said, said + 0.8))
        said += 1.0
    assert max(len(p) for p in view.toPlainText().split("\n")) <= PARAGRAPH_MAX + len("palavra")

    segments = [Segment(i, i + 0.9, f"Frase {i} da aula gravada.") for i in range(100)]
    view.show_transcript(Transcript("pt", 100.0, segments))  # the transcript reads the same way
    paragraphs = view.toPlainText().split("\n")
    assert len(paragraphs) > 2 and all(len(p) < PARAGRAPH_CHARS + 30 for p in paragraphs)


def _two_utterances(view):
    view.add(committed("o orçamento", 0.0, 0.8, utterance=1))
    view.add(committed("do ano que vem", 0.8, 1.6, utterance=1))
    view.add(committed("foi aprovado", 1.9, 2.6, utterance=2))
    view.add(tentative("ontem à", 2.6, 3.1, utterance=2))
    assert view.toPlainText() == "o orçamento do ano que vem foi aprovado ontem à"


def test_a_revision_replaces_its_utterance_and_keeps_the_rest(view):
    _two_utterances(view)
    view.add(revised(1, " O orçamento do ano que vem, ", 0.0, 1.7))
    assert view.toPlainText() == "O orçamento do ano que vem, foi aprovado ontem à"
    assert view.committed_text == "O orçamento do ano que vem, foi aprovado"
    assert view.tentative_text == "ontem à"
    # the ranges after it moved: utterance 2 is still revisable, and new words still append
    view.add(revised(2, "foi aprovada", 1.9, 2.6))
    view.add(committed("ontem à noite.", 2.6, 3.5, utterance=3))
    assert view.committed_text == "O orçamento do ano que vem, foi aprovada ontem à noite."
    view.add(revised(1, "O orçamento", 0.0, 1.7))  # a shorter second revision
    view.add(tentative("E", 3.6, 3.7, utterance=4))
    assert view.toPlainText() == "O orçamento foi aprovada ontem à noite. E"
    assert view.committed_text == "O orçamento foi aprovada ontem à noite."


def test_a_revision_is_in_the_normal_colour(view):
    _two_utterances(view)
    normal = view.document().begin().begin().fragment().charFormat().foreground()
    view.add(revised(1, "O orçamento do ano que vem,", 0.0, 1.7))
    cursor = QTextCursor(view.document())
    cursor.setPosition(len("O orçamento do ano que vem,"))
    assert cursor.charFormat().foreground() == normal


def test_a_revision_keeps_the_users_selection_on_the_same_text(view):
    _two_utterances(view)
    select(view, "aprovado")
    view.add(revised(1, "O orçamento para o ano que vem,", 0.0, 1.7))
    chosen = view.textCursor()
    assert chosen.selectedText() == "aprovado"
    assert chosen.position() < chosen.anchor(), "anchor and position as the user left them"
    # a selection before the revised text, and one ending right where it starts
    select(view, "O orçamento")
    view.add(revised(2, "foi finalmente aprovado", 1.9, 2.6))
    assert view.textCursor().selectedText() == "O orçamento"
    select(view, "vem, ")
    view.add(revised(2, "foi aprovado", 1.9, 2.6))
    assert view.textCursor().selectedText() == "vem, "
    # new committed text and tentative tails do not grow a selection that ends the text
    select(view, "foi aprovado")
    view.add(committed("ontem", 2.6, 3.0, utterance=2))
    view.add(tentative("à noite", 3.0, 3.5, utterance=2))
    assert view.textCursor().selectedText() == "foi aprovado"


def test_a_selection_inside_a_revised_utterance_covers_its_new_text(view):
    _two_utterances(view)
    select(view, "ano que")
    view.add(revised(1, "O orçamento do ano que vem,", 0.0, 1.7))
    assert view.textCursor().selectedText() == "O orçamento do ano que vem,"


def test_a_revision_keeps_the_scroll_position_or_follows_the_bottom(view):
    for n in range(1, 61):  # each utterance its own paragraph
        view.add(committed(f"Frase número {n} da reunião.", 3.0 * n, 3.0 * n + 1, utterance=n))
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == bar.maximum()
    longer = "Uma frase bem mais longa que ocupa várias linhas na janela estreita. " * 4
    bottom = bar.maximum()
    view.add(revised(50, longer, 150.0, 151.0))
    assert bar.maximum() > bottom and bar.value() == bar.maximum(), "it still follows the bottom"
    bar.setValue(bar.maximum() // 2)
    middle = bar.value()
    view.add(revised(45, longer, 135.0, 136.0))
    view.add(revised(55, "Curta.", 165.0, 166.0))
    view.add(tentative("e mais", 184.0, 184.5, utterance=61))
    assert bar.value() == middle, "it stays where the user scrolled to"
    paragraphs = view.toPlainText().split("\n")
    assert len(paragraphs) == 61 and paragraphs[-1] == "e mais"
    assert paragraphs[44] == paragraphs[49] == longer.strip() and paragraphs[54] == "Curta."
    assert paragraphs[43] == "Frase número 44 da reunião."


def test_a_revision_of_an_unknown_or_forgotten_utterance_or_without_text_is_ignored(view):
    _two_utterances(view)
    before = view.toPlainText()
    view.add(revised(7, "Nada disso.", 9.0, 10.0))
    view.add(revised(0, "Nada disso.", 0.0, 1.0))
    view.add(revised(1, "  ", 0.0, 1.7))
    assert view.toPlainText() == before
    for n in range(3, 3 + REVISABLE_UTTERANCES):
        view.add(committed(f"frase {n}", n, n + 0.5, utterance=n))
    before = view.toPlainText()
    view.add(revised(2, "Esquecida.", 1.9, 2.6))
    assert view.toPlainText() == before
    view.add(revised(3, "Frase três", 3.0, 3.5))
    assert "foi aprovado Frase três frase 4" in view.toPlainText()
    view.show_transcript(Transcript("pt", 1.0, [Segment(0.0, 1.0, "Final.")]))
    view.add(revised(3, "Depois do fim.", 3.0, 3.5))
    assert view.toPlainText() == "Final."


def test_a_paragraph_break_before_an_utterance_survives_its_revision(view):
    view.add(committed("Bom dia a todos.", 0.0, 1.5, utterance=1))
    view.add(committed("Primeiro ponto", 6.0, 6.8, utterance=2))
    view.add(committed("do dia.", 6.8, 7.4, utterance=2))
    view.add(committed("Segundo.", 7.6, 8.0, utterance=3))
    assert view.toPlainText() == "Bom dia a todos.\nPrimeiro ponto do dia. Segundo."
    view.add(revised(2, "Primeiro ponto do dia:", 6.0, 7.5))
    assert view.toPlainText() == "Bom dia a todos.\nPrimeiro ponto do dia: Segundo."
    assert view.document().blockCount() == 2
    view.add(revised(1, "Bom dia, todos.", 0.0, 1.5))
    assert view.toPlainText() == "Bom dia, todos.\nPrimeiro ponto do dia: Segundo."
    assert view.document().blockCount() == 2


def test_continues_word_joining_works_with_revisions(view):
    view.add(words_event("committed", (" É", 0.0, 0.2), (" quinta", 0.2, 0.6), utterance=1))
    view.add(words_event("committed", ("-feira.", 0.6, 1.0), utterance=1))
    view.add(words_event("committed", ("你好", 4.0, 4.5), utterance=2))
    view.add(words_event("committed", ("世界", 4.5, 5.0), utterance=2))
    view.add(revised(1, " É quinta-feira!", 0.0, 1.0))
    assert view.committed_text == "É quinta-feira!\n你好世界"
    view.add(revised(2, "你好，世界", 4.0, 5.0))
    view.add(words_event("committed", ("。", 5.0, 5.1), utterance=3))
    assert view.committed_text == "É quinta-feira!\n你好，世界。"


def test_words_of_an_earlier_utterance_after_a_later_ones_make_it_unrevisable(view):
    view.add(committed("um", 0.0, 0.5, utterance=1))
    view.add(committed("dois", 0.6, 1.0, utterance=2))
    view.add(committed("tarde", 1.0, 1.2, utterance=1))
    view.add(revised(1, "UM", 0.0, 0.5))
    assert view.committed_text == "um dois tarde"
    view.add(revised(2, "DOIS", 0.6, 1.0))
    assert view.committed_text == "um DOIS tarde"


def test_chinese_captions_run_on_without_spaces_and_still_end_long_paragraphs(view):
    """Chinese is written without spaces, so every word Whisper commits carries on the one
    before: a lecture without a 2 s pause still gets paragraphs (between two characters), and
    the transcript's sentences run on as they are written."""
    said = 0.0
    for _n in range(400):  # 2,400 characters of speech without a pause
        view.add(
            words_event("committed", ("我们", said, said + 0.4), ("开会。", said + 0.4, said + 0.9))
        )
        said += 1.0
    paragraphs = view.toPlainText().split("\n")
    assert len(paragraphs) > 2 and " " not in view.toPlainText()
    assert all(p.endswith("开会。") for p in paragraphs)  # past PARAGRAPH_CHARS, at a 。
    assert max(len(p) for p in paragraphs) <= PARAGRAPH_CHARS + len("我们开会。")

    view.show_transcript(
        Transcript(
            "zh",
            9.0,
            [
                Segment(0.0, 1.0, "今天我们开会。"),
                Segment(1.2, 3.0, "首先请财务部介绍一下。"),
                Segment(3.1, 4.0, "OK, thanks."),
                Segment(6.5, 9.0, "好的。"),
            ],
        )
    )
    assert view.toPlainText() == "今天我们开会。首先请财务部介绍一下。 OK, thanks.\n好的。"


def test_a_long_turn_of_a_named_speaker_reads_in_paragraphs_in_the_window_and_the_txt(view):
    """A lecture whose teacher the user named shows its speaker: it was one paragraph of the
    whole hour, in the window and in the .txt. A long turn is cut at its sentence ends past
    PARAGRAPH_CHARS, its name only before the first; a pause does not cut a turn."""
    from transcrevai_desktop.core.exporters import to_txt
    from transcrevai_desktop.core.transcript import Speaker

    segments = [Segment(3 * i, 3 * i + 0.9, f"Frase {i} da aula gravada.", (), "S1")
                for i in range(100)]  # fmt: skip
    segments.append(Segment(301.0, 302.0, "Posso perguntar?", (), "S2"))
    lecture = Transcript("pt", 302.0, segments, [Speaker("S1", "Prof. Ana"), Speaker("S2", "Bia")])

    view.show_transcript(lecture)

    shown = view.toPlainText().split("\n")
    assert to_txt(lecture).rstrip("\n").split("\n\n") == shown
    assert shown[0].startswith("Prof. Ana: Frase 0") and shown[-1] == "Bia: Posso perguntar?"
    assert len(shown) > 3 and not any(p.startswith("Prof. Ana") for p in shown[1:])
    assert all(PARAGRAPH_CHARS <= len(p) < PARAGRAPH_CHARS + 40 for p in shown[:-2])
