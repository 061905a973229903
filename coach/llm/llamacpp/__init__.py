"""llama-cpp-python, run in-process: the embedded model's loading and its chat model.

loading.py fits llama.cpp to this machine before and while a model runs: the weights converted to a
format with fast CPU kernels, the CPU path (coach/llm/cpu.py) applied to every load, the thread count
that follows the cores other processes leave free, and `serve` (llama_cpp.server with the same path).
chat.py is the LangChain chat model; together.py writes several replies to one prompt at once.
"""
