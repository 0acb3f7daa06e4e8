"""Edit a DOCX in LibreOffice with change tracking on, as a counterpart would, and save it (run by
tests/helpers/office_server.py under a Python that has LibreOffice's `uno` module).

Replaces "24 hours" with "72 hours", deletes the word "swift and " and appends a paragraph, all
recorded as tracked changes by the author "Partner".
"""

from lo_revisions import opened, prop, save

PARAGRAPH_BREAK = 0
AUTHOR = "Partner"


def sign_as(context, name):
    """Make `name` the user whose changes LibreOffice records."""
    provider = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.configuration.ConfigurationProvider", context
    )
    access = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess", (prop("nodepath", "/org.openoffice.UserProfile/Data"),)
    )
    access.setPropertyValue("givenname", name)
    access.setPropertyValue("sn", "")
    access.commitChanges()


def edit(context, source, target):
    sign_as(context, AUTHOR)
    with opened(context, source) as document:
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
        text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
        text.insertString(
            cursor, "Either Participant may terminate this Agreement by three months' written notice.", False
        )
        save(document, target, "MS Word 2007 XML")
