"""The shells around the core: the command line, its console output, the HTML diff page and
the launcher that opens the drafting app. Importing this package imports nothing else, so that
the app starts without building the command line."""
