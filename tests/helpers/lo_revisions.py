"""Accept or reject every tracked change of a DOCX in LibreOffice itself, and save its text; and
what the other LibreOffice scripts share (run by tests/helpers/office_server.py under a Python
that has LibreOffice's `uno` module)."""

import contextlib
import os

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    item = PropertyValue()
    item.Name = name
    item.Value = value
    return item


@contextlib.contextmanager
def opened(context, path, view=True):
    """The text document at `path`, closed afterwards whatever happens. With `view`, in a hidden
    window of its own, which PDF export and the dispatcher's commands need; without, as a model
    alone: LibreOffice without a GUI (libreoffice-writer-nogui) cannot open a window on a
    document with comments, as it has no layout for their margin."""
    url = uno.systemPathToFileUrl(os.path.abspath(path))
    if view:
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        document = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
        if document is None:
            raise ValueError("LibreOffice could not open %s" % path)
    else:
        detection = context.ServiceManager.createInstanceWithContext("com.sun.star.document.TypeDetection", context)
        _, descriptor = detection.queryTypeByDescriptor((prop("URL", url),), True)
        found = {item.Name: item.Value for item in descriptor}.get("FilterName")
        if not found:
            raise ValueError("LibreOffice does not know the format of %s" % path)
        document = context.ServiceManager.createInstanceWithContext("com.sun.star.text.TextDocument", context)
        document.load((prop("URL", url), prop("FilterName", found)))
    try:
        yield document
    finally:
        document.close(True)


def save(document, target, filter_name):
    document.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)), (prop("FilterName", filter_name),))


def count_redlines(document):
    enumeration = document.getRedlines().createEnumeration()
    total = 0
    while enumeration.hasMoreElements():
        enumeration.nextElement()
        total += 1
    return total


def resolve(context, accept, source, target):
    """Accept (or reject) every tracked change of `source` and save its text as UTF-8 to `target`;
    the number of tracked changes LibreOffice saw before and after."""
    with opened(context, source) as document:
        before = count_redlines(document)
        dispatcher = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
        command = ".uno:AcceptAllTrackedChanges" if accept else ".uno:RejectAllTrackedChanges"
        dispatcher.executeDispatch(document.getCurrentController().getFrame(), command, "", 0, ())
        after = count_redlines(document)
        document.storeToURL(
            uno.systemPathToFileUrl(os.path.abspath(target)),
            (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8")),
        )
        return [before, after]
