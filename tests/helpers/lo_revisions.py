"""Accept or reject every tracked change of a DOCX in LibreOffice itself, and save its text.

Runs under a Python that has LibreOffice's `uno` module (Debian: python3-uno), not the
project's virtual environment:

    python3 lo_revisions.py accept|reject IN.docx OUT.txt

Prints the number of tracked changes LibreOffice saw before and after.
"""

import contextlib
import os
import subprocess
import sys
import tempfile
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    item = PropertyValue()
    item.Name = name
    item.Value = value
    return item


def count_redlines(document):
    enumeration = document.getRedlines().createEnumeration()
    total = 0
    while enumeration.hasMoreElements():
        enumeration.nextElement()
        total += 1
    return total


@contextlib.contextmanager
def office_context():
    """A private headless LibreOffice (its own profile and pipe) and its component context;
    stopped afterwards, killed if it does not stop."""
    pipe = "bsa" + uuid.uuid4().hex
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    office = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            "-env:UserInstallation=file://" + profile,
            "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    context = None
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(300):
            try:
                context = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                time.sleep(0.1)
        if context is None:
            raise SystemExit("LibreOffice did not start")
        yield context
    finally:
        if context is not None:
            try:
                context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context).terminate()
            except Exception:
                pass
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


def main(action, source, target):
    with office_context() as context:
        manager = context.ServiceManager
        desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        document = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0, (prop("Hidden", True),)
        )
        before = count_redlines(document)
        dispatcher = manager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
        command = ".uno:AcceptAllTrackedChanges" if action == "accept" else ".uno:RejectAllTrackedChanges"
        dispatcher.executeDispatch(document.getCurrentController().getFrame(), command, "", 0, ())
        after = count_redlines(document)
        document.storeToURL(
            uno.systemPathToFileUrl(os.path.abspath(target)),
            (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8")),
        )
        document.close(True)
        print(before, after)


if __name__ == "__main__":
    main(*sys.argv[1:4])
