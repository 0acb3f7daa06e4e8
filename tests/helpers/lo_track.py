"""Edit a DOCX in LibreOffice with change tracking on, as a counterpart would, and save it.

Runs under a Python that has LibreOffice's `uno` module (Debian: python3-uno):

    python3 lo_track.py IN.docx OUT.docx

Replaces "24 hours" with "72 hours", deletes the word "swift and " and appends a paragraph, all
recorded as tracked changes by the author "Partner".
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import uno  # noqa: E402
from lo_revisions import office_context, prop  # noqa: E402


def edit(desktop, source, target):
    document = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0, (prop("Hidden", True),)
    )
    document.RecordChanges = True
    for old, new in (("24 hours", "72 hours"), ("swift and ", "")):
        search = document.createSearchDescriptor()
        search.SearchString = old
        found = document.findFirst(search)
        if found is not None:
            found.setString(new)
    text = document.getText()
    cursor = text.createTextCursor()
    cursor.gotoEnd(False)
    text.insertControlCharacter(cursor, 0, False)  # PARAGRAPH_BREAK
    text.insertString(cursor, "Either Participant may terminate this Agreement by three months' written notice.", False)
    document.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)), (prop("FilterName", "MS Word 2007 XML"),))
    document.close(True)


def main(source, target):
    with office_context() as context:
        user = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.configuration.ConfigurationProvider", context
        )
        access = user.createInstanceWithArguments(
            "com.sun.star.configuration.ConfigurationUpdateAccess",
            (prop("nodepath", "/org.openoffice.UserProfile/Data"),),
        )
        access.setPropertyValue("givenname", "Partner")
        access.setPropertyValue("sn", "")
        access.commitChanges()
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        edit(desktop, source, target)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
