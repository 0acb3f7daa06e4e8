"""One headless LibreOffice that serves the tests' requests, one JSON line each way.

Runs under a Python that has LibreOffice's `uno` module (Debian: python3-uno), not the
project's virtual environment; tests/helpers/office.py starts it:

    python3 office_server.py PROFILE_FOLDER SOFFICE_FLAG...

(the flags are the package's, bsa_drafter.export.pdf.HEADLESS_FLAGS: this Python may be too old
to import the package).

It starts a private office (its own profile and pipe), prints {"ready": true} once connected,
then answers each request line {"action": ..., "args": [...]} with {"result": ...} or
{"error": ..., "office_alive": ...}. At the end of its input it stops the office. When the office
itself has died (a crash on a hostile file) it says so in the answer and exits, so that the next
request starts a fresh one; an office found dead before a request began is answered with
{"office_had_died": true}, and the request is sent again to a fresh one.
"""

import json
import os
import subprocess
import sys
import time
import traceback
import uuid

import lo_answer
import lo_revisions
import lo_track
import uno
from lo_revisions import opened, save

# LibreOffice's export filter for each format a test converts to, and whether it needs a view
# (PDF lays out pages); see lo_revisions.opened
FILTERS = {"pdf": ("writer_pdf_Export", True), "fodt": ("OpenDocument Text Flat XML", False)}
CONNECT_PAUSE = 0.05  # between attempts to reach the starting office; the caller bounds the wait


def convert(context, source, to, target):
    """`source` saved as `target` in the format `to` (a key of FILTERS)."""
    filter_name, view = FILTERS[to]
    with opened(context, source, view) as document:
        save(document, target, filter_name)


ACTIONS = {
    "convert": convert,
    "resolve": lo_revisions.resolve,
    "track": lo_track.edit,
    "answer": lo_answer.edit,
}


def start_office(profile, flags):
    pipe = "bsa" + uuid.uuid4().hex
    office = subprocess.Popen(
        [
            "soffice",
            *flags,
            "-env:UserInstallation=" + uno.systemPathToFileUrl(os.path.abspath(profile)),
            "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe,
        ],
        stdout=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    while office.poll() is None:
        try:
            return office, resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
        except Exception:  # not listening yet
            time.sleep(CONNECT_PAUSE)
    raise SystemExit("LibreOffice exited with code %s before it accepted a connection" % office.returncode)


def alive(context):
    try:
        context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context).getComponents()
        return True
    except Exception:
        return False


def answer(reply):
    sys.stdout.write(json.dumps(reply) + "\n")
    sys.stdout.flush()


def serve(context):
    answer({"ready": True})
    for line in sys.stdin:
        request = json.loads(line)
        if not alive(context):  # since the last answer: the request can go to a fresh office
            answer({"office_had_died": True})
            raise SystemExit("LibreOffice had died")
        try:
            answer({"result": ACTIONS[request["action"]](context, *request["args"])})
        except Exception:
            error = traceback.format_exc()
            living = alive(context)
            answer({"error": error, "office_alive": living})
            if not living:
                raise SystemExit("LibreOffice died") from None
    context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context).terminate()


def main(profile, flags):
    office, context = start_office(profile, flags)
    try:
        serve(context)
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
