"""Reading foreign agreement texts: DOCX, PDF and plain text, their structure and language."""
