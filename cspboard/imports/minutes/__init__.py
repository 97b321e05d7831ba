"""Importing past agendas, minutes, packs and action logs from documents (issue 14).

`draft.py` is what a document was found to say (a `DocumentDraft` of `MeetingDraft`s, each
field with where it came from); `parse.py` finds it; nothing is written until the officer (or
the command) has seen it and `write.py` writes it all, or nothing.
"""
