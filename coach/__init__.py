"""Networking Coach: a local-first AI assistant for professional networking."""

# OpenMP's wait policy is left to OpenMP (a short spin, then sleep). PASSIVE (never spin) made every
# embedded draft three times slower on an idle machine, because llama.cpp meets its threads at a barrier
# after each operation; a busy machine is handled by using fewer threads instead (coach.llm.llamacpp.loading.CpuShare).
