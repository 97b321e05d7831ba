"""The readers behind `cspboard.documents.readers`, one module per kind of file.

`lines` holds what every reader returns (`Line`, `Where`, `SourceDocument`), the limits and
`UnreadableDocument`; `text`, `html`, `docx` and `pdf` each turn one kind of file into lines.
Import them through `cspboard.documents.readers`, which chooses the reader for a file.
"""
