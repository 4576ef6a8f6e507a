"""Issue 10 item 4: the Arabic interface (label display names, mirrored arrow, docks after a restart,
counts alignment)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.model import AUTHOR
from annotator.storage.project import Project
from annotator.ui.app import AppController, build_main_window

from uikit import key

K = Qt.Key
RIGHT, LEFT = Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.LeftDockWidgetArea


def _arabic_window(qtbot, project_path, settings):
    settings.language = "ar"
    win = build_main_window(project_path, settings, annotator="tester")
    qtbot.addWidget(win)
    with qtbot.waitActive(win):
        win.activateWindow()
    return win


def test_docks_are_mirrored_after_a_restart_in_arabic(qtbot, settings, project_path):
    """Regression: switching to Arabic saved the English window's dock layout as the Arabic one
    (the old window had already turned right-to-left when it closed), so after a restart in
    Arabic the article list sat on the left."""
    window = build_main_window(project_path, settings, annotator="tester")
    controller = window.findChild(AppController)
    try:
        arabic = next(a for a in window.project_menu.language_menu.actions() if a.text() == "العربية")
        arabic.trigger()
        QApplication.processEvents()
        new = controller.window
        qtbot.addWidget(new)
        assert new.dockWidgetArea(new.list_dock) == RIGHT
        new.close()
        QApplication.processEvents()
        again = _arabic_window(qtbot, project_path, settings)
        assert again.dockWidgetArea(again.list_dock) == RIGHT
        assert again.dockWidgetArea(again.stance_dock) == LEFT
        again.findChild(AppController).restore_language("en")
        again.close()
        settings.language = "en"
        english = build_main_window(project_path, settings, annotator="tester")
        qtbot.addWidget(english)
        assert english.dockWidgetArea(english.list_dock) == LEFT
        english.close()
    finally:
        controller.restore_language("en")


def test_labels_have_arabic_display_names_and_exports_keep_codes(qtbot, project_path, settings):
    win = _arabic_window(qtbot, project_path, settings)
    try:
        panel = win.stance_panel
        assert [b.text() for b in panel.label_buttons.values()] == ["مؤيد (1)", "معارض (2)", "محايد (3)"]
        panel.select_target("TUR")
        win.article_view.setFocus()
        key(qtbot, win.article_view, K.Key_2)
        item = panel.tree.currentItem()
        assert item.text(1) == "معارض"
        with Project.open(project_path) as db:
            [stance] = db.stances(win.session.state.article_id, "tester")
            assert stance.label == "AGAINST"  # the stored (and exported) code
            db.label_names.set_name("ar", "AGAINST", "ضد")
        win.refresh()
        assert panel.label_buttons["AGAINST"].text() == "ضد (2)"
        # the holder -> target arrow points from the holder to the target in right-to-left text
        panel.set_holder("TUR")
        panel.select_target("USA")
        key(qtbot, win.article_view, K.Key_1)
        texts = [panel.tree.topLevelItem(i).child(j).text(0) for i in range(panel.tree.topLevelItemCount())
                 for j in range(panel.tree.topLevelItem(i).childCount())]
        quoted = next(t for t in texts if "تركيا" in t and "الولايات" in t)
        assert "←" in quoted and "→" not in quoted
        assert quoted.index("تركيا") < quoted.index("←") < quoted.index("الولايات")  # holder first (right)
    finally:
        win.findChild(AppController).restore_language("en")
        win.close()


def test_english_interface_shows_the_codes_and_a_right_arrow(qtbot, window, db):
    panel = window.stance_panel
    assert [b.text() for b in panel.label_buttons.values()] == ["FAVOR (1)", "AGAINST (2)", "NONE (3)"]
    panel.set_holder("TUR")
    panel.select_target("USA")
    window.article_view.setFocus()
    key(qtbot, window.article_view, K.Key_1)
    texts = [panel.tree.topLevelItem(i).child(j).text(0) for i in range(panel.tree.topLevelItemCount())
             for j in range(panel.tree.topLevelItem(i).childCount())]
    assert any("→" in t for t in texts)
    assert db.stances(window.session.state.article_id, "tester")[0].holder == "TUR" != AUTHOR


def test_stance_counts_are_aligned_with_the_row_start(qtbot, window):
    model = window.article_list.model
    index = model.index(0, model.STANCES)
    alignment = Qt.AlignmentFlag(model.data(index, Qt.ItemDataRole.TextAlignmentRole))
    assert alignment & Qt.AlignmentFlag.AlignVCenter and not alignment & Qt.AlignmentFlag.AlignHCenter


def test_label_names_are_edited_in_the_window(qtbot, window, db):
    from annotator.ui.label_names_dialog import LabelNamesDialog

    window.label_names_action.trigger()
    dialog = window.findChild(LabelNamesDialog)
    assert dialog.fields["FAVOR"].text() == "مؤيد"
    dialog.fields["FAVOR"].setText("مساند")
    dialog.fields["NONE"].setText("\x1b")
    dialog.accept()
    assert dialog.isVisible() and "printable" in dialog.error.text()  # nothing stored
    assert db.label_names.names("ar")["FAVOR"] == "مؤيد"
    dialog.fields["NONE"].setText("محايد")
    dialog.accept()
    assert db.label_names.names("ar") == {"FAVOR": "مساند", "AGAINST": "معارض", "NONE": "محايد"}
    assert db.labels()[0].name == "FAVOR"


def test_arabic_menus_show_shortcuts_left_to_right(qtbot, project_path, settings, monkeypatch):
    """Regression: in the Arabic menus "Ctrl+=" showed as "=+Ctrl" and the next/previous actor keys
    ] and [ were mirrored (shown swapped)."""
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOptionMenuItem

    from annotator.ui.keys import IsolatedShortcutsStyle, isolated_menu_text

    assert isolated_menu_text("تكبير النص\tCtrl+=") == "تكبير النص\t\u2066Ctrl+=\u2069"
    assert isolated_menu_text("بلا اختصار") == "بلا اختصار"
    win = _arabic_window(qtbot, project_path, settings)
    try:
        menus = [a.menu() for a in win.menuBar().actions() if a.menu()]
        menus += [a.menu() for m in list(menus) for a in m.actions() if a.menu()]  # submenus
        assert len(menus) >= 7 and all(isinstance(m.style(), IsolatedShortcutsStyle) for m in menus)
        drawn = []
        style = menus[0].style()
        # what the proxy hands on to the real style to draw
        monkeypatch.setattr(QProxyStyle, "drawControl", lambda self, e, option, p, w=None: drawn.append(option.text))
        option = QStyleOptionMenuItem()
        option.text = "الفاعل التالي\t]"
        image = QImage(10, 10, QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        style.drawControl(QStyle.ControlElement.CE_MenuItem, option, painter, menus[0])
        painter.end()
        assert drawn == ["الفاعل التالي\t\u2066]\u2069"]
    finally:
        win.findChild(AppController).restore_language("en")
        win.close()
