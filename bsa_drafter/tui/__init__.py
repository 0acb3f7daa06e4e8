"""The drafting app (Textual). The domain core never imports from here."""
