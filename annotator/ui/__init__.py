"""The desktop GUI: the only package that imports PySide6.

`app` starts the application and composes the main window; the widgets (`ArticleView`,
`StancePanel`, `ArticleListPanel`) receive an `AnnotationSession`, the one place where edits are
turned into undoable commands (`commands`) and applied to the project in one transaction each.
Offsets are converted between Python code points and Qt's UTF-16 positions only here, with
`annotator.core.offsets.Utf16Map`.
"""
