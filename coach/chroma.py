"""The Chroma client: embedded under COACH_HOME, or a server via COACH_CHROMA_URL.

Vectors are always computed by the coach's own embedding seam and passed in,
so Chroma never loads (or downloads) an embedding model of its own.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from coach.errors import ConfigurationError, ProviderError

if TYPE_CHECKING:
    from coach.settings import Settings


def make_chroma_client(settings: Settings) -> Any:
    if settings.chroma_url:
        parsed = urlparse(settings.chroma_url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise ConfigurationError(
                f"COACH_CHROMA_URL must look like http://host:port, not '{settings.chroma_url}'."
            )
        port = parsed.port or (443 if parsed.scheme == "https" else 8000)
        return _http_client(parsed.hostname, port, parsed.scheme == "https")
    settings.ensure_home()
    return _persistent_client(str(settings.chroma_path))


def _chroma_settings() -> Any:
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


@lru_cache(maxsize=4)
def _persistent_client(path: str) -> Any:
    import chromadb

    return chromadb.PersistentClient(path=path, settings=_chroma_settings())


@lru_cache(maxsize=4)
def _http_client(host: str, port: int, ssl: bool) -> Any:
    import chromadb

    try:
        return chromadb.HttpClient(host=host, port=port, ssl=ssl, settings=_chroma_settings())
    except Exception as exc:  # chromadb raises plain exceptions for connection failures
        raise ProviderError(
            f"Cannot reach the Chroma server at {'https' if ssl else 'http'}://{host}:{port} ({exc}); "
            "start it with `chroma run --host 127.0.0.1 --port N --path DIR` or unset COACH_CHROMA_URL."
        ) from None
