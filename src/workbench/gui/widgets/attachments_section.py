"""The attachments of the element shown: list, thumbnails, attach, open and remove.

Checking and storing files and making thumbnails run on the worker (through an `Op`);
the Changes come back to the context like any edit.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from workbench.core.errors import WorkbenchError
from workbench.core.images import downscale
from workbench.core.progress import Progress
from workbench.gui.context import EngagementContext
from workbench.gui.ops import Op
from workbench.gui.tasks import TaskRunner
from workbench.gui.widgets.attachment_files import open_attachment
from workbench.gui.widgets.attachments import THUMB, AttachmentsPanel
from workbench.services import attachments
from workbench.services.session import Change, Session


def ask_caption(parent: QWidget, filename: str, current: str) -> str | None:
    """Ask for an attachment's caption (None when cancelled; tests replace this)."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    text, ok = QInputDialog.getText(parent, "Caption", f"Caption of {filename}:",
                                    QLineEdit.EchoMode.Normal, current)
    return text if ok else None


class AttachmentsSection(AttachmentsPanel):
    """The attachments panel of one element, with what its buttons and drops do."""

    def __init__(self, context: EngagementContext, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = runner
        self.code: str | None = None
        self.thumbs: dict[str, QImage] = {}
        self.viewer: QWidget | None = None  # the photo viewer opened last
        self.list.engagement_id = context.engagement_id  # what a dragged item carries
        self.files_dropped.connect(self.attach_files)
        self.add_requested.connect(self.choose)
        self.open_requested.connect(self.open)
        self.remove_requested.connect(self.remove)
        self.caption_requested.connect(self.edit_caption)
        self.rotate_requested.connect(self.rotate)

    def load(self, code: str | None) -> None:
        self.code = code
        if code is None:
            return
        items = attachments.attachments(self.context.session, self.context.engagement_id, code)
        self.set_attachments(items)
        for info in items:
            if not info.is_image:
                continue
            cached = self.thumbs.get(info.sha256)
            if cached is not None:
                self.set_thumbnail(info.id, cached)
            else:
                self._make_thumbnail(info.id, info.sha256, info.filename)

    def _make_thumbnail(self, attachment_id: int, sha256: str, name: str) -> None:
        data = attachments.content(self.context.session, self.context.engagement_id,
                                   attachment_id)

        def work(progress: Progress) -> bytes:
            return downscale(data, 2 * THUMB, name)  # decoding a photo is slow: off the GUI

        def done(small: bytes) -> None:
            image = QImage.fromData(QByteArray(small))
            self.thumbs[sha256] = image
            self.set_thumbnail(attachment_id, image)

        self.runner.run(f"Thumbnail of {name}", work, on_done=done, show_progress=False)

    def choose(self) -> None:
        from workbench.gui import dialogs

        files = dialogs.choose_open_files(self, "Attach Files", str(Path.home()),
                                          "Photos and documents (*.jpg *.jpeg *.png *.gif "
                                          "*.webp *.pdf *.docx *.xlsx *.pptx *.txt);;"
                                          "All files (*)")
        if files:
            self.attach_files(files)

    def attach_files(self, files: list[Path]) -> None:
        """Check, store and show files; checking a photo is slow, so a worker does it."""
        if self.code is None or not files:
            return
        code, eid, assessor = self.code, self.context.engagement_id, self.context.assessor

        def work(session: Session, progress: Progress) -> tuple[list[Change], list[str]]:
            made: list[Change] = []
            problems: list[str] = []
            for n, file in enumerate(files):
                progress(n / len(files), f"Attaching {file.name}…")
                try:
                    made.append(attachments.attach_file(session, eid, code, file,
                                                        assessor=assessor))
                except WorkbenchError as exc:
                    problems.append(str(exc))
            return made, problems

        def done(result: tuple[list[Change], list[str]]) -> None:
            from workbench.gui import dialogs
            from workbench.gui.undo_evidence import AttachedFiles

            made, problems = result
            for change in made:
                self.context.deliver(change)
            ids = {change.item_id for change in made}
            stored = [a for a in attachments.attachments(self.context.session, eid, code)
                      if a.id in ids]
            if stored:  # one undoable step for the files of one drop or one Add…
                self.context.undo_stack.push(AttachedFiles(self.context, code, stored))
            if problems:
                dialogs.show_error(self, "\n".join(problems), "Some files were not attached")

        Op.with_progress(self, self.context, work).success(done) \
            .run_in_background("Attaching files", self.runner)

    def open(self, attachment_id: int) -> None:
        """A photo opens in the viewer (Previous / Next through the element's photos); a
        document in the program the computer opens it with."""
        found = {a.id: a for a in attachments.attachments(
            self.context.session, self.context.engagement_id, self.code)}
        info = found.get(attachment_id)
        if info is not None and info.is_image and self.code is not None:
            from workbench.gui.widgets.photo_viewer import PhotoViewer

            viewer = PhotoViewer(self.context, self.runner, self.code, attachment_id,
                                 self.window())
            viewer.show()
            self.viewer = viewer
            return
        open_attachment(self, self.context, attachment_id)

    def edit_caption(self, attachment_id: int) -> None:
        from workbench.gui.undo_evidence import edit_caption

        found = {a.id: a for a in attachments.attachments(
            self.context.session, self.context.engagement_id, self.code)}
        info = found.get(attachment_id)
        if info is None:
            return
        text = ask_caption(self, info.filename, info.caption)
        if text is not None and text.strip() != info.caption:
            self.context.undo_stack.push(edit_caption(self.context, info, text))

    def rotate(self, attachment_id: int) -> None:
        from workbench.gui.undo_evidence import RotatePhoto

        found = {a.id: a for a in attachments.attachments(
            self.context.session, self.context.engagement_id, self.code)}
        info = found.get(attachment_id)
        if info is None:
            self.context.call(attachments.rotate, attachment_id)  # says it is gone
        else:
            self.context.undo_stack.push(RotatePhoto(self.context, info))

    def remove(self, attachment_id: int) -> None:
        from workbench.gui import dialogs
        from workbench.gui.undo_evidence import RemoveAttachment

        found = {a.id: a for a in attachments.attachments(
            self.context.session, self.context.engagement_id, self.code)}
        info = found.get(attachment_id)
        name = info.filename if info is not None else "this attachment"
        if dialogs.ask(self, "Remove Attachment",
                       f"Remove {name} from {self.code}? The file itself stays where it was.",
                       "Remove", destructive=True):
            if info is None:
                self.context.call(attachments.remove, attachment_id)  # says it is gone
            else:
                self.context.undo_stack.push(RemoveAttachment(self.context, info))
