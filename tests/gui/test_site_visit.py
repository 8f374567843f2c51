"""The site-visit log screens: the engagement's tab (add, edit, remove, undo), the dialogs,
the element form's links that follow the edits, and the locked look."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from workbench.core.site_log import Interview, Person, ReviewedDocument
from workbench.gui.actions import ActionId
from workbench.gui.main_window import MainWindow
from workbench.gui.widgets import site_log_dialogs, site_visit_section
from workbench.gui.widgets.site_log_dialogs import DocumentDialog, InterviewDialog
from workbench.gui.workspace import Workspace
from workbench.services import attachments, signoff, site_log
from workbench.services.session import Change, ChangeKind

from .conftest import Dialogs


def _interviews(ws: Workspace, element: str | None = None) -> list[Interview]:
    return site_log.interviews(ws.context.session, ws.context.engagement_id, element)


def _documents(ws: Workspace, element: str | None = None) -> list[ReviewedDocument]:
    return site_log.documents(ws.context.session, ws.context.engagement_id, element)


def _cells(table: object, column: int) -> list[str]:
    t = table.table  # type: ignore[attr-defined]
    return [t.item(n, column).text() for n in range(t.rowCount())]


def test_the_tab_opens_from_the_menu_and_shows_the_log(window: MainWindow,
                                                       workspace: Workspace) -> None:
    action = window.registry[ActionId.SITE_VISIT]
    assert action.shortcut().toString() == "Ctrl+4"
    action.trigger()
    assert workspace.tabs.currentWidget() is workspace.site_visit
    view = workspace.site_visit
    assert view.interviews.heading.text() == "Interviews (6)"
    assert view.documents.heading.text() == "Documents reviewed (7)"
    assert _cells(view.interviews, 0)[0] == "2026-11-02"
    assert "Helen Okafor (Chief Customer Officer)" in _cells(view.interviews, 1)[0]
    assert _cells(view.documents, 2)[0] == "v2.1"
    assert not view.interviews.edit_button.isEnabled()  # nothing selected yet


def test_an_interview_is_added_edited_and_removed_with_undo(
        window: MainWindow, workspace: Workspace, modal: Dialogs,
        monkeypatch: pytest.MonkeyPatch) -> None:
    workspace.show_site_visit()
    view = workspace.site_visit
    new = Interview("2026-11-05", (Person("Ana Ruiz", "Head of Digital"),),
                    "Web self-service and the app roadmap", ("D6.3", "D2.1"))
    monkeypatch.setattr(site_log_dialogs, "ask_interview", lambda *_a, **_k: new)
    view.interviews.add_button.click()
    assert view.interviews.heading.text() == "Interviews (7)"
    assert "Ana Ruiz (Head of Digital)" in _cells(view.interviews, 1)
    [added] = [i for i in _interviews(workspace) if i.topics.startswith("Web self")]
    assert added.elements == ("D2.1", "D6.3")  # in framework order
    undo, redo = window.registry[ActionId.UNDO], window.registry[ActionId.REDO]
    undo.trigger()
    assert len(_interviews(workspace)) == 6 and view.interviews.table.rowCount() == 6
    redo.trigger()
    [again] = [i for i in _interviews(workspace) if i.topics.startswith("Web self")]
    assert again.uuid == added.uuid  # the same entry came back

    assert view.show_entry("interview", again.id or 0)
    changed = again._replace(people=(*again.people, Person("Tom Berg", "App Product Owner")),
                           topics="Web self-service, the app roadmap and chat")
    monkeypatch.setattr(site_log_dialogs, "ask_interview", lambda *_a, **_k: changed)
    view.interviews.edit_button.click()
    [edited] = [i for i in _interviews(workspace) if i.uuid == added.uuid]
    assert edited.topics.endswith("and chat") and len(edited.people) == 2
    assert "Tom Berg (App Product Owner)" in " ".join(_cells(view.interviews, 1))
    undo.trigger()
    [back] = [i for i in _interviews(workspace) if i.uuid == added.uuid]
    assert back.topics == new.topics and back.people == new.people

    assert view.show_entry("interview", back.id or 0)
    modal.answers = [True]
    view.interviews.remove_button.click()
    assert "Ana Ruiz" in modal.questions[-1]
    assert all(i.uuid != added.uuid for i in _interviews(workspace))
    undo.trigger()
    [restored] = [i for i in _interviews(workspace) if i.uuid == added.uuid]
    assert restored.people == new.people and restored.elements == ("D2.1", "D6.3")
    assert view.interviews.current() is not None  # undo shows the entry it touched
    redo.trigger()
    assert all(i.uuid != added.uuid for i in _interviews(workspace))


def test_a_document_is_added_and_edited_with_an_attachment(
        window: MainWindow, workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = workspace.context
    copy = attachments.attach_bytes(ctx.session, ctx.engagement_id, "D2.1", "strategy.pdf",
                                    b"%PDF-1.4\n% strategy\n")
    ctx.commit(copy)
    workspace.show_site_visit()
    view = workspace.site_visit
    item = ReviewedDocument("Brand promise and service charter", "Marketing Director", "v3",
                            ("D2.1",), copy.item_id)
    monkeypatch.setattr(site_log_dialogs, "ask_document", lambda *_a, **_k: item)
    view.documents.add_button.click()
    assert view.documents.heading.text() == "Documents reviewed (8)"
    assert "strategy.pdf (D2.1)" in _cells(view.documents, 4)
    window.registry[ActionId.UNDO].trigger()
    assert view.documents.heading.text() == "Documents reviewed (7)"


def test_the_interview_dialog_keeps_what_was_typed_and_says_what_is_missing(
        qtbot: QtBot, workspace: Workspace) -> None:
    ctx = workspace.context

    def check(item: object) -> object:
        assert isinstance(item, Interview)
        return site_log.check_interview(ctx.session, ctx.engagement_id, item)

    dialog = InterviewDialog(ctx.framework, None, None, check, elements=("D5.1",))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.held_on.edit, "4/11/2026")
    name = dialog.people.item(0, 0)
    assert name is not None
    name.setText("Ana Ruiz")
    role = dialog.people.item(0, 1)
    assert role is not None
    role.setText("Head of Digital")
    dialog.add_person_button.click()
    dialog.people.item(1, 0).setText("Tom Berg")  # type: ignore[union-attr]
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    save.click()  # no topics yet
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "topics" in dialog.error.text()
    qtbot.keyClicks(dialog.topics, "Chat and the app")
    qtbot.keyClicks(dialog.elements.search, "voice of")
    shown = [dialog.elements.list.item(n) for n in range(dialog.elements.list.count())
             if not dialog.elements.list.item(n).isHidden()]
    assert [i.text() for i in shown] == ["D5.1  Voice of Customer (VoC)"]
    assert shown[0].checkState() == Qt.CheckState.Checked  # the element it was opened from
    dialog.elements.search.clear()
    dialog.elements.set_codes(("D5.1", "E2"))
    save.click()
    assert dialog.result() == 1
    value = dialog.value()
    assert value.held_on == "2026-11-04" and value.topics == "Chat and the app"
    assert value.people == (Person("Ana Ruiz", "Head of Digital"), Person("Tom Berg", ""))
    assert value.elements == ("D5.1", "E2")


def test_the_document_dialog_returns_every_field(qtbot: QtBot, workspace: Workspace) -> None:
    ctx = workspace.context
    files = attachments.attachments(ctx.session, ctx.engagement_id)
    existing = _documents(workspace)[0]
    dialog = DocumentDialog(ctx.framework, files, existing)
    qtbot.addWidget(dialog)
    assert dialog.title.text() == existing.title and dialog.version.text() == "v2.1"
    assert dialog.elements.codes() == existing.elements
    dialog.version.setText("v2.2")
    value = dialog.value()
    assert value == existing._replace(version="v2.2")


def test_the_element_form_lists_its_links_and_follows_edits(
        window: MainWindow, workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    workspace.select_element("D1.3")
    section = workspace.form.site_visit
    text = section.entries.text()
    assert "Helen Okafor (Chief Customer Officer)" in text and "Rajesh Menon" in text
    assert "Customer segmentation study" in text and "2026-06" in text
    first = _interviews(workspace, "D1.3")[0]
    section.entries.linkActivated.emit(f"interview:{first.id}")
    assert workspace.tabs.currentWidget() is workspace.site_visit
    assert workspace.site_visit.interviews.current() == first

    workspace.open_element("D6.5")
    section = workspace.form.site_visit
    assert section.empty.isVisible() and "D6.5" in section.empty.text()
    target = _interviews(workspace)[2]
    monkeypatch.setattr(site_visit_section, "choose_entry",
                        lambda _p, _t, entries, _n: entries[2][0])
    section.link_interview_button.click()  # the third interview not linked yet
    assert "D6.5" in next(i for i in _interviews(workspace) if i.id == target.id).elements
    assert "Owen Price (Head of Contact Centre)" in section.entries.text()
    window.registry[ActionId.UNDO].trigger()
    assert "Owen Price" not in workspace.form.site_visit.entries.text()

    new = ReviewedDocument("Channel roadmap 2027", "Head of Digital", "draft", ("D6.5",))
    monkeypatch.setattr(site_visit_section, "choose_entry",
                        lambda *_a: site_visit_section.NEW)
    seen: list[tuple[str, ...]] = []

    def ask(*args: object, **_k: object) -> ReviewedDocument:
        seen.append(args[-1])  # type: ignore[arg-type]
        return new

    monkeypatch.setattr(site_log_dialogs, "ask_document", ask)
    workspace.open_element("D6.5")
    workspace.form.site_visit.link_document_button.click()
    assert seen == [("D6.5",)]  # the new document is linked to the element shown
    assert "Channel roadmap 2027 · draft · Head of Digital" in \
        workspace.form.site_visit.entries.text()


def test_a_signed_off_engagement_shows_the_log_read_only(
        window: MainWindow, workspace: Workspace, demo: str, modal: Dialogs,
        monkeypatch: pytest.MonkeyPatch) -> None:
    signoff.sign_off(window.session, demo, [signoff.Signer("Amira Haddad", "Lead assessor")],
                     accept_warnings=True)
    window._signoff_changed(Change(ChangeKind.ENGAGEMENT_UPDATED, demo))
    workspace.show_site_visit()
    view = workspace.site_visit
    assert view.banner.isVisible() and "signed" in view.banner.text().lower()
    view.interviews.table.selectRow(0)
    assert not view.interviews.add_button.isEnabled()
    assert not view.interviews.edit_button.isEnabled()
    assert not view.interviews.remove_button.isEnabled()
    assert not view.documents.add_button.isEnabled()
    monkeypatch.setattr(site_log_dialogs, "ask_interview",
                        lambda *_a, **_k: pytest.fail("no dialog on a locked log"))
    view.editor.add(document=False)
    view.interviews.table.itemDoubleClicked.emit(view.interviews.table.item(0, 0))
    assert len(_interviews(workspace)) == 6
    workspace.select_element("D1.3")
    section = workspace.form.site_visit
    assert not section.link_interview_button.isEnabled()
    assert not section.link_document_button.isEnabled()
    assert "Helen Okafor" in section.entries.text()  # still there to read and follow


def test_the_link_dialog_links_the_chosen_entry_or_a_new_one(qtbot: QtBot) -> None:
    dialog = site_visit_section.LinkDialog(None, "Link an Interview to D6.5",
                                           [(3, "2026-11-03 · Owen Price"), (5, "Daniel")],
                                           "New Interview…")
    qtbot.addWidget(dialog)
    dialog.entries.setCurrentRow(1)
    dialog.link_button.click()
    assert dialog.result() == 1 and dialog.chosen == 5
    empty = site_visit_section.LinkDialog(None, "Link", [], "New Document…")
    qtbot.addWidget(empty)
    assert not empty.link_button.isEnabled()
    empty.new_button.click()
    assert empty.chosen == site_visit_section.NEW


def test_the_dashboard_tile_counts_the_log_and_opens_it(
        qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    workspace.show_dashboard()
    tile = workspace.dashboard.site_visit
    assert tile.value.text() == "6"
    assert tile.detail.text() == "interviews · 7 documents reviewed"
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert workspace.tabs.currentWidget() is workspace.site_visit
    monkeypatch.setattr(site_log_dialogs, "ask_interview", lambda *_a, **_k: Interview(
        None, (Person("Ana Ruiz"),), "Chat", ()))
    workspace.site_visit.interviews.add_button.click()
    assert tile.value.text() == "7"
