"""A recording's new name, asked for (from its tab or the library) and given to it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from transcrevai_desktop.core.errors import TranscrevaiError
from transcrevai_desktop.core.session import Session


def rename_session(parent: QWidget, session: Session) -> bool:
    """Ask for ``session``'s new name and give it; False if the user cancelled, left the
    name blank or as it was, or it could not be saved (said in a message)."""
    title = QCoreApplication.translate("RenameDialog", "Rename")
    label = QCoreApplication.translate("RenameDialog", "Name:")
    name, ok = QInputDialog.getText(parent, title, label, text=session.name)
    if not ok or not name.strip() or name.strip() == session.name:
        return False
    try:
        session.rename(name)
    except TranscrevaiError as error:
        QMessageBox.warning(parent, title, str(error))
        return False
    return True
