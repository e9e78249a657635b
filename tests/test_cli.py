"""The command line as a whole. It speaks the interface's language: Brazilian Portuguese on a
Portuguese system or when Preferences chose it, English otherwise; help and errors alike. Its
output may go into a pipe that closes early."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import transcrevai
from transcrevai_desktop.core.subtitles import DEFAULT_LIMITS
from transcrevai_desktop.settings import Key, Settings

PORTUGUESE = {"LANG": "pt_BR.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
ENGLISH = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}


@pytest.fixture
def chosen_language():
    """Preferences → Interface language, as the window saves it (a Settings that goes away
    writes its values to disk, where the command reads them)."""

    def choose(language: str) -> None:
        Settings().set(Key.INTERFACE_LANGUAGE, language)

    yield choose
    choose("")


def test_help_and_errors_in_portuguese_on_a_portuguese_system():
    help_text = transcrevai("transcribe", "--help", env=PORTUGUESE).stdout
    assert "transcreve arquivos de áudio ou vídeo" in help_text
    assert "-h, --help            mostra esta ajuda e sai" in help_text
    chars = DEFAULT_LIMITS.line_chars
    assert f"legendas: no máximo N caracteres por linha (padrão {chars})" in help_text

    wrong = transcrevai("transcribe", "--formats", "docx", "talk.wav", env=PORTUGUESE)
    assert wrong.returncode == 2
    assert wrong.stderr.strip() == "transcrevai: erro: formato desconhecido: docx"


def test_argparses_own_words_in_portuguese_too():
    """ "usage:", "options" and the errors of a mistyped command, not only our own texts."""
    help_text = transcrevai("record", "--help", env=PORTUGUESE).stdout
    assert help_text.startswith("uso: transcrevai record [-h] [--device DISPOSITIVO]")
    assert "\nopções:\n" in help_text and "--input ARQUIVO" in help_text
    assert "\nargumentos posicionais:\n  COMANDO\n" in transcrevai("--help", env=PORTUGUESE).stdout

    missing = transcrevai("transcribe", env=PORTUGUESE)
    assert missing.returncode == 2
    assert missing.stderr.startswith("uso: transcrevai transcribe")
    last = missing.stderr.splitlines()[-1]
    assert last == "transcrevai transcribe: erro: os seguintes argumentos são obrigatórios: ARQUIVO"
    unknown = transcrevai("gravar", env=PORTUGUESE).stderr.splitlines()[-1]
    assert unknown.startswith("transcrevai: erro: argumento COMANDO: 'gravar' não é uma opção")
    for seconds in ("dez", "-1"):  # "valor float inválido"; an empty recording, "complete"
        wrong = transcrevai("record", "--seconds", seconds, env=PORTUGUESE)
        assert wrong.returncode == 2
        assert wrong.stderr.splitlines()[-1].endswith(
            f"erro: argumento --seconds: '{seconds}' não é um número de segundos maior que zero"
        )
    for lines in ("0", "dois"):  # a ValueError of the cue limits, in English, for 0
        wrong = transcrevai("transcribe", "--max-lines", lines, "talk.wav", env=PORTUGUESE)
        assert wrong.returncode == 2
        assert wrong.stderr.splitlines()[-1].endswith(
            f"erro: argumento --max-lines: '{lines}' não é um número inteiro maior que zero"
        )


def test_english_elsewhere():
    assert "transcribe audio or video files" in transcrevai("--help", env=ENGLISH).stdout
    wrong = transcrevai("voices", "--forget", "Bia", env=ENGLISH)
    assert wrong.stderr.strip() == "transcrevai: error: No voice named 'Bia' is remembered."


def test_the_language_chosen_in_preferences_wins(chosen_language):
    chosen_language("pt_BR")
    wrong = transcrevai("voices", "--forget", "Bia", env=ENGLISH)
    assert wrong.stderr.strip() == "transcrevai: erro: Nenhuma voz guardada com o nome 'Bia'."

    chosen_language("en")
    assert "transcribe audio or video files" in transcrevai("--help", env=PORTUGUESE).stdout


def test_a_reader_that_stops_early_gets_no_traceback():
    """`transcrevai models | head -1`, the reader gone before the list is written (``true``
    reads nothing: gone at once)."""
    command = f"{sys.executable} -m transcrevai_desktop models | true"
    result = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=120)
    assert result.stderr == ""


def test_options_without_a_command_are_a_usage_error():
    """No arguments (or only -v) open the window; anything else needs a command."""
    result = transcrevai("--", env=ENGLISH)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].endswith("the following arguments are required: COMMAND")


def test_the_window_without_a_display_says_so_in_one_line():
    """Over ssh, `transcrevai` alone aborted with a core dump after Qt's paragraph about
    platform plugins."""
    nowhere = {**PORTUGUESE, "DISPLAY": "", "WAYLAND_DISPLAY": "", "QT_QPA_PLATFORM": ""}
    result = transcrevai(env=nowhere)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "transcrevai: erro: Não há tela para abrir a janela (DISPLAY e WAYLAND_DISPLAY não "
        "estão definidas): execute na área de trabalho ou veja transcrevai --help para usar a "
        "linha de comando."
    ]


def test_devices_says_when_the_system_offers_no_input(monkeypatch, capsys):
    """It printed nothing and succeeded, where `record` says why it cannot."""
    from transcrevai_desktop import cli
    from transcrevai_desktop.core import devices

    monkeypatch.setattr(devices, "_portaudio_devices", lambda: [])
    assert cli.main(["devices"]) == 1
    assert capsys.readouterr().err == (
        "transcrevai: error: No microphone or other input device was found.\n"
    )


def test_models_in_portuguese_say_which_is_bundled():
    """`models` wrote "base  bundled  pronto": the status translated, the source not."""
    first = transcrevai("models", env=PORTUGUESE).stdout.splitlines()[0].split()
    assert first[:2] == ["base", "incluído"]
