"""Every command of the app, declared once: text, shortcut, icon; menus and toolbar built from it.

The main window only connects handlers (`registry.on(ActionId.X, slot)`); nothing
else creates a QAction for a menu, so shortcuts cannot clash silently.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import NamedTuple

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QStyle, QToolBar, QWidget

SP = QStyle.StandardPixmap
Key = QKeySequence.StandardKey


class ActionId(StrEnum):
    NEW_ENGAGEMENT = "new_engagement"
    SHOW_ENGAGEMENTS = "show_engagements"
    EXPORT_WORKBOOK = "export_workbook"
    EXPORT_REPORT = "export_report"
    EXPORT_WORD = "export_word"
    EXPORT_JSON = "export_json"
    IMPORT_WORKBOOK = "import_workbook"
    IMPORT_JSON = "import_json"
    QUIT = "quit"
    UNDO = "undo"
    REDO = "redo"
    FIND = "find"
    EDIT_DETAILS = "edit_details"
    DUPLICATE = "duplicate"
    ARCHIVE = "archive"
    DELETE = "delete"
    NEXT_ELEMENT = "next_element"
    PREVIOUS_ELEMENT = "previous_element"
    NEXT_INDICATOR = "next_indicator"
    PREVIOUS_INDICATOR = "previous_indicator"
    SHOW_FORM = "show_form"
    SHOW_DASHBOARD = "show_dashboard"
    ADD_ACTION = "add_action"
    ADD_ATTACHMENT = "add_attachment"
    SIGN_OFF = "sign_off"
    AMEND = "amend"
    VERIFY = "verify"
    SHORTCUTS = "shortcuts"
    ABOUT = "about"
    FRAMEWORKS = "frameworks"
    TRUST = "trust"
    BRAND_PROFILES = "brand_profiles"
    CONSENSUS = "consensus"
    SEND_PACKAGE = "send_package"
    OPEN_PACKAGE = "open_package"
    SITE_VISIT = "site_visit"


class ActionSpec(NamedTuple):
    text: str
    shortcuts: tuple[str | QKeySequence.StandardKey, ...]
    tip: str
    icon: QStyle.StandardPixmap | None = None
    short: str = ""  # the toolbar's label, when the menu text is too long for it


SPECS: dict[ActionId, ActionSpec] = {
    ActionId.NEW_ENGAGEMENT: ActionSpec("&New Engagement…", (Key.New,),
                                        "Create an engagement for a client and site",
                                        SP.SP_FileDialogNewFolder, short="New"),
    ActionId.SHOW_ENGAGEMENTS: ActionSpec("&Engagements", ("Ctrl+0",),
                                          "Back to the list of engagements",
                                          SP.SP_FileDialogListView),
    ActionId.EXPORT_WORKBOOK: ActionSpec("Export &Workbook…", ("Ctrl+E",),
                                         "Write the scored Excel workbook",
                                         SP.SP_DialogSaveButton, short="Workbook"),
    ActionId.EXPORT_REPORT: ActionSpec("Export &Report…", ("Ctrl+Shift+E",),
                                       "Write the branded PDF report", SP.SP_FileIcon,
                                       short="Report"),
    ActionId.EXPORT_WORD: ActionSpec("Export Wor&d Report…", ("Ctrl+Shift+W",),
                                     "Write the editable Word report (.docx); the signed "
                                     "original stays the PDF"),
    ActionId.EXPORT_JSON: ActionSpec("Export Engagement &JSON…", ("Ctrl+Shift+J",),
                                     "Write the engagement as an interchange JSON file"),
    ActionId.IMPORT_WORKBOOK: ActionSpec("&Import Workbook…", ("Ctrl+I",),
                                         "Read ratings from a filled-in workbook",
                                         SP.SP_DialogOpenButton),
    ActionId.IMPORT_JSON: ActionSpec("Import Engagement JSON…", ("Ctrl+Shift+I",),
                                     "Create an engagement from an interchange JSON file"),
    ActionId.QUIT: ActionSpec("&Quit", (Key.Quit, "Ctrl+Q"), "Close the workbench"),
    ActionId.UNDO: ActionSpec("&Undo", (Key.Undo,), "Undo the last rating or text edit",
                              SP.SP_ArrowBack),
    ActionId.REDO: ActionSpec("&Redo", (Key.Redo, "Ctrl+Y"), "Redo what was undone",
                              SP.SP_ArrowForward),
    ActionId.FIND: ActionSpec("&Find…", (Key.Find,), "Search engagements or framework elements"),
    ActionId.EDIT_DETAILS: ActionSpec("Edit &Details…", ("Ctrl+Shift+D",),
                                      "Client, site, dates, lead assessor and team",
                                      SP.SP_FileDialogDetailedView),
    ActionId.DUPLICATE: ActionSpec("D&uplicate…", ("Ctrl+Shift+U",),
                                   "Start a new engagement from this one"),
    ActionId.ARCHIVE: ActionSpec("&Archive", ("Ctrl+Shift+A",),
                                 "Hide the engagement from the list, or restore it"),
    ActionId.DELETE: ActionSpec("De&lete…", ("Ctrl+Shift+Del",),
                                "Delete the engagement and everything recorded in it",
                                SP.SP_TrashIcon),
    ActionId.NEXT_ELEMENT: ActionSpec("&Next Element", ("Alt+Down", "Ctrl+PgDown"),
                                      "Go to the next element", SP.SP_ArrowDown, short="Next"),
    ActionId.PREVIOUS_ELEMENT: ActionSpec("&Previous Element", ("Alt+Up", "Ctrl+PgUp"),
                                          "Go to the previous element", SP.SP_ArrowUp,
                                          short="Previous"),
    ActionId.NEXT_INDICATOR: ActionSpec("Next &Indicator", ("Ctrl+Down",),
                                        "Focus the next indicator"),
    ActionId.PREVIOUS_INDICATOR: ActionSpec("Previous I&ndicator", ("Ctrl+Up",),
                                            "Focus the previous indicator"),
    ActionId.SHOW_FORM: ActionSpec("&Scoring Form", ("Ctrl+1",), "Score the selected element"),
    ActionId.SHOW_DASHBOARD: ActionSpec("&Dashboard", ("Ctrl+2",),
                                        "The maturity profile of the engagement",
                                        SP.SP_ComputerIcon, short="Dashboard"),
    ActionId.ADD_ACTION: ActionSpec("Add Improvement &Action…", ("Ctrl+Shift+N",),
                                    "Record an improvement action on this element"),
    ActionId.ADD_ATTACHMENT: ActionSpec("Attach &File…", ("Ctrl+Shift+F",),
                                        "Attach a photo or document to this element"),
    ActionId.SIGN_OFF: ActionSpec("&Sign Off…", ("Ctrl+Shift+S",),
                                  "Check readiness, sign off, lock and write the signed report",
                                  SP.SP_DialogApplyButton),
    ActionId.AMEND: ActionSpec("Start an A&mendment…", ("Ctrl+Shift+M",),
                               "Reopen a signed-off engagement as a new revision, with a reason"),
    ActionId.VERIFY: ActionSpec("&Verify a Signed Report…", ("Ctrl+Shift+V",),
                                "Check a signed PDF's signature and content hash"),
    ActionId.SHORTCUTS: ActionSpec("&Keyboard Shortcuts", (Key.HelpContents, "F1"),
                                   "Every key the workbench understands"),
    ActionId.FRAMEWORKS: ActionSpec("&Frameworks…", ("Ctrl+Shift+K",),
                                    "List, import, export and delete frameworks"),
    ActionId.TRUST: ActionSpec("&Trusted Certificates…", ("Ctrl+Shift+T",),
                               "Whose signatures a signed report is verified against, with "
                               "their fingerprints"),
    ActionId.BRAND_PROFILES: ActionSpec("&Brand Profiles…", ("Ctrl+Shift+B",),
                                        "Your firm's name, logo, colours and footer on "
                                        "reports and workbooks"),
    ActionId.ABOUT: ActionSpec("&About Assessor Workbench", ("Ctrl+F1",),
                               "Version, frameworks, database and licence",
                               SP.SP_MessageBoxInformation),
    ActionId.CONSENSUS: ActionSpec("&Consensus", ("Ctrl+3",),
                                   "Compare the assessors' ratings and record the team's values",
                                   SP.SP_DialogYesButton),
    ActionId.SITE_VISIT: ActionSpec("Site &Visit Log", ("Ctrl+4",),
                                    "The interviews held and the documents reviewed on site"),
    ActionId.SEND_PACKAGE: ActionSpec("Send to &Colleague…", ("Ctrl+Shift+P",),
                                      "Pack the whole engagement into one .wbx file for a "
                                      "colleague's laptop"),
    ActionId.OPEN_PACKAGE: ActionSpec("&Open Package…", ("Ctrl+Shift+O",),
                                      "Import a colleague's .wbx package, or merge it into "
                                      "the engagement you already have", SP.SP_DirOpenIcon),
}

MENUS: tuple[tuple[str, tuple[ActionId | None, ...]], ...] = (
    ("&File", (ActionId.NEW_ENGAGEMENT, ActionId.SHOW_ENGAGEMENTS, ActionId.OPEN_PACKAGE, None,
               ActionId.EXPORT_WORKBOOK, ActionId.EXPORT_REPORT, ActionId.EXPORT_WORD,
               ActionId.EXPORT_JSON, None,
               ActionId.IMPORT_WORKBOOK, ActionId.IMPORT_JSON, None, ActionId.QUIT)),
    ("&Edit", (ActionId.UNDO, ActionId.REDO, None, ActionId.FIND)),
    ("E&ngagement", (ActionId.EDIT_DETAILS, ActionId.DUPLICATE, ActionId.ARCHIVE, None,
                     ActionId.CONSENSUS, ActionId.SITE_VISIT, ActionId.SEND_PACKAGE, None,
                     ActionId.SIGN_OFF,
                     ActionId.AMEND, ActionId.VERIFY, None,
                     ActionId.DELETE)),
    ("&Assess", (ActionId.NEXT_ELEMENT, ActionId.PREVIOUS_ELEMENT, ActionId.NEXT_INDICATOR,
                 ActionId.PREVIOUS_INDICATOR, None, ActionId.ADD_ATTACHMENT,
                 ActionId.ADD_ACTION)),
    ("&View", (ActionId.SHOW_ENGAGEMENTS, ActionId.SHOW_FORM, ActionId.SHOW_DASHBOARD,
               ActionId.CONSENSUS, ActionId.SITE_VISIT)),
    ("&Settings", (ActionId.FRAMEWORKS, ActionId.BRAND_PROFILES, ActionId.TRUST)),
    ("&Help", (ActionId.SHORTCUTS, None, ActionId.ABOUT)),
)

TOOLBAR: tuple[ActionId | None, ...] = (
    ActionId.SHOW_ENGAGEMENTS, ActionId.NEW_ENGAGEMENT, None, ActionId.UNDO, ActionId.REDO, None,
    ActionId.PREVIOUS_ELEMENT, ActionId.NEXT_ELEMENT, None, ActionId.SHOW_DASHBOARD,
    ActionId.EXPORT_WORKBOOK, ActionId.EXPORT_REPORT)

# Commands that only make sense with an engagement open in the workbench.
NEEDS_ENGAGEMENT = frozenset({
    ActionId.EXPORT_WORKBOOK, ActionId.EXPORT_REPORT, ActionId.EXPORT_WORD, ActionId.EXPORT_JSON,
    ActionId.IMPORT_WORKBOOK, ActionId.EDIT_DETAILS, ActionId.NEXT_ELEMENT,
    ActionId.PREVIOUS_ELEMENT, ActionId.NEXT_INDICATOR, ActionId.PREVIOUS_INDICATOR,
    ActionId.SHOW_FORM, ActionId.SHOW_DASHBOARD, ActionId.ADD_ACTION, ActionId.ADD_ATTACHMENT,
    ActionId.SIGN_OFF, ActionId.AMEND, ActionId.CONSENSUS, ActionId.SITE_VISIT})


class ActionRegistry:
    """The QActions of one window, made from SPECS."""

    def __init__(self, owner: QWidget) -> None:
        self._actions: dict[ActionId, QAction] = {}
        style = owner.style()
        for action_id, spec in SPECS.items():
            action = QAction(spec.text, owner)
            action.setObjectName(f"action_{action_id}")
            keys: list[QKeySequence] = []
            for shortcut in spec.shortcuts:
                if isinstance(shortcut, str):
                    keys.append(QKeySequence(shortcut))
                else:
                    keys.extend(QKeySequence.keyBindings(shortcut))
            unique = list(dict.fromkeys(k.toString() for k in keys if not k.isEmpty()))
            action.setShortcuts([QKeySequence(k) for k in unique])
            shown = f" ({unique[0]})" if unique else ""
            action.setToolTip(f"{spec.tip}{shown}")
            action.setStatusTip(spec.tip)
            if spec.icon is not None:
                action.setIcon(style.standardIcon(spec.icon))
            if spec.short:
                action.setIconText(spec.short)
            owner.addAction(action)  # shortcuts work even when a menu is hidden
            self._actions[action_id] = action

    def __getitem__(self, action_id: ActionId) -> QAction:
        return self._actions[action_id]

    def on(self, action_id: ActionId, slot: Callable[[], object]) -> None:
        self._actions[action_id].triggered.connect(lambda _checked=False: slot())

    def set_engagement_open(self, is_open: bool) -> None:
        for action_id in NEEDS_ENGAGEMENT:
            self._actions[action_id].setEnabled(is_open)

    def build_menus(self, menubar: QMenuBar) -> dict[str, QMenu]:
        menus: dict[str, QMenu] = {}
        for title, items in MENUS:
            menu = menubar.addMenu(title)
            menus[title.replace("&", "")] = menu
            for item in items:
                if item is None:
                    menu.addSeparator()
                else:
                    menu.addAction(self._actions[item])
        return menus

    def build_toolbar(self, toolbar: QToolBar) -> None:
        for item in TOOLBAR:
            if item is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(self._actions[item])

    def shortcut_table(self) -> list[tuple[str, str]]:
        """(command, keys) of every command, for the help dialog."""
        return [(SPECS[i].text.replace("&", "").rstrip("…"),
                 ", ".join(k for k in (s.toString(QKeySequence.SequenceFormat.NativeText)
                                       for s in a.shortcuts()) if typable(k)))
                for i, a in self._actions.items()]


def typable(keys: str) -> bool:
    """Keys a laptop keyboard has: with a modifier, F1–F12 or Delete; not the platform's
    extra bindings for keys few keyboards have ("Undo", "Find", "F14")."""
    return "+" in keys or keys in {f"F{n}" for n in range(1, 13)} | {"Del", "Delete"}
