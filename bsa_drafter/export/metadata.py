"""A document's properties (File > Properties in Word): set from the draft, never from the template.

Title, subject (partner and round), author, dates and status are written fresh for every
document, so that no file claims a 2013 creation date or a program that did not write it.
The author comes from, in order: the `--author` option, the spec's `document_author`
parameter, `author` in the `[export]` table of the settings file (`bsa-drafter config path`),
the user's full name.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import pwd
from dataclasses import dataclass
from xml.sax.saxutils import escape

from bsa_drafter.errors import BadInput

DOCUMENT_LANGUAGE = "en-GB"
APPLICATION = "bsa-drafter"


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    subject: str
    author: str
    description: str
    status: str
    created: dt.datetime
    category: str = "Agreement on security co-operation"
    language: str = DOCUMENT_LANGUAGE


def utc_stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def core_properties_xml(info: DocumentInfo) -> bytes:
    def element(tag: str, value: str) -> str:
        return f"<{tag}>{escape(value)}</{tag}>" if value else ""

    stamp = utc_stamp(info.created)
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        + element("dc:title", info.title)
        + element("dc:subject", info.subject)
        + element("dc:creator", info.author)
        + element("dc:description", info.description)
        + element("cp:lastModifiedBy", info.author)
        + element("cp:category", info.category)
        + element("cp:contentStatus", info.status)
        + element("dc:language", info.language)
        + f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        + f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        + "</cp:coreProperties>"
    )
    return xml.encode("utf-8")


def app_properties_xml() -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        f"<Application>{APPLICATION}</Application></Properties>"
    ).encode("utf-8")


# --- who wrote it --------------------------------------------------------------------------


def configured_author() -> str | None:
    """`author` from the [export] table of the settings file, if it sets one. A wrong value
    there refuses the export rather than sign it with a name the user did not choose."""
    from bsa_drafter.settings import load_settings

    settings = load_settings()
    wrong = [p for p in settings.problems if p.message.startswith("export.author")]
    if wrong:
        raise BadInput(wrong)
    return settings.author


def system_author() -> str:
    """The user's full name where the system knows it, else the login name."""
    try:
        full_name = pwd.getpwuid(os.getuid()).pw_gecos.split(",")[0].strip()
        if full_name:
            return full_name
    except (KeyError, OSError):
        pass
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return APPLICATION


def default_author() -> str:
    """Who writes a document when neither the command nor the spec names anyone."""
    return configured_author() or system_author()


def resolve_author(explicit: str | None, spec_author: object) -> str:
    if explicit and explicit.strip():
        return explicit.strip()
    if isinstance(spec_author, str) and spec_author.strip():
        return spec_author.strip()
    return default_author()
