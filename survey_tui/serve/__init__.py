"""`survey-tui serve`: the respondent app in web browsers, one `survey-tui answer` per session.

Modules: `child` (one answer process and its pipes), `server` (the aiohttp routes,
session cap, Origin check, idle timeout, shutdown), `page` (the page and the busy
page), `logs` (logging that never shows a client address). textual-serve provides
the browser side (its page template and JavaScript); its server is not used, because
it runs the app through a shell, never kills it and prints the app's stderr.
"""
