"""DOCX output: clean drafts and tracked-changes redlines."""
