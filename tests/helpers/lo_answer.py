"""Answer a draft of ours in LibreOffice as a counterpart would, change tracking on, as the
author "Partner", and save it as DOCX (run by tests/helpers/office_server.py under a Python that
has LibreOffice's `uno` module).

Replaces "within 24 hours" with "within 72 hours", deletes "swift and ", and adds a paragraph
after the one that holds "six (6) months".
"""

from lo_revisions import opened, save
from lo_track import AUTHOR, PARAGRAPH_BREAK, sign_as

ADDED = "The Participants may review this Agreement every three years."


def find(document, text):
    search = document.createSearchDescriptor()
    search.SearchString = text
    found = document.findFirst(search)
    if found is None:
        raise ValueError("not found: %s" % text)
    return found


def edit(context, source, target):
    sign_as(context, AUTHOR)
    with opened(context, source) as document:
        document.RecordChanges = True
        for old, new in (("within 24 hours", "within 72 hours"), ("swift and ", "")):
            find(document, old).setString(new)
        found = find(document, "six (6) months")
        text = found.getText()
        cursor = text.createTextCursorByRange(found.getEnd())
        cursor.gotoEndOfParagraph(False)
        text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
        text.insertString(cursor, ADDED, False)
        save(document, target, "MS Word 2007 XML")
