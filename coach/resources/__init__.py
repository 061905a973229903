"""Packaged resources: the prompts and data files (prompts/) and the guidance corpus (knowledge/)."""
