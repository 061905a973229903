"""Networking Coach in the browser: `make app` or `coach app` (listens on 127.0.0.1 unless told otherwise).

Thin on purpose: each page lives in `coach/ui/` and calls the `coach` library.
"""

import streamlit as st

from coach.core.files import private_umask
from coach.ui import first_run, gate, nav, state

private_umask()  # what the app writes (store, index, chat state, uploads, exports) is the user's only

# An emoji favicon is drawn in the browser (an inline SVG); a ":material/…:" one is fetched from a font CDN,
# which fails offline.
st.set_page_config(page_title="Networking Coach", page_icon="🤝", layout="wide")

if gate.unlocked():
    page = st.navigation(nav.pages())
    st.sidebar.caption(f"Networking Coach · model `{state.settings().llm}`")
    first_run.flash()
    first_run.banner()
    page.run()
