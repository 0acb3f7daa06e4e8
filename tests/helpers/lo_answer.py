"""Answer a draft of ours in LibreOffice as a counterpart would, change tracking on, as the
author "Partner", and save it as DOCX.

Runs under a Python that has LibreOffice's `uno` module (Debian: python3-uno):

    python3 lo_answer.py IN.docx OUT.docx

Replaces "within 24 hours" with "within 72 hours", deletes "swift and ", and adds a paragraph
after the one that holds "six (6) months".
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import lo_track  # noqa: E402
import uno  # noqa: E402
from lo_revisions import prop  # noqa: E402

PARAGRAPH_BREAK = 0
ADDED = "The Participants may review this Agreement every three years."


def edit(desktop, source, target):
    document = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0, (prop("Hidden", True),)
    )
    document.RecordChanges = True
    for old, new in (("within 24 hours", "within 72 hours"), ("swift and ", "")):
        search = document.createSearchDescriptor()
        search.SearchString = old
        found = document.findFirst(search)
        if found is None:
            raise SystemExit(f"not found: {old}")
        found.setString(new)
    search = document.createSearchDescriptor()
    search.SearchString = "six (6) months"
    found = document.findFirst(search)
    if found is None:
        raise SystemExit("not found: six (6) months")
    text = found.getText()
    cursor = text.createTextCursorByRange(found.getEnd())
    cursor.gotoEndOfParagraph(False)
    text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
    text.insertString(cursor, ADDED, False)
    document.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)), (prop("FilterName", "MS Word 2007 XML"),))
    document.close(True)


if __name__ == "__main__":
    lo_track.edit = edit
    lo_track.main(sys.argv[1], sys.argv[2])
