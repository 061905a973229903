"""The Streamlit front end: one module per page, thin over the `coach` library.

`app.py` here is the entry point (`coach app` runs it);
`state` holds the per-process heavy objects, `cards` renders drafts, advice and
checks, `gate` is the password gate for serving the app beyond this machine.
"""
