"""Networking Coach: a local-first AI assistant for professional networking."""

import os as _os

# OpenMP worker threads (llama.cpp, torch) busy-wait by default: on a laptop with other work running,
# that turns a 2-second generation into 20. Passive waiting costs nothing on an idle machine. It must be
# set before either library loads, hence here, at the package root.
_os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
