"""`coach app`: start the Streamlit app, on this machine only unless a password protects it."""

from __future__ import annotations

import ipaddress
import os
import sys
from pathlib import Path

import typer

from coach.cli import app
from coach.core.errors import ConfigurationError

APP = Path(__file__).resolve().parents[1] / "ui" / "app.py"
PASSWORD_ENV = "COACH_APP_PASSWORD"
MAX_UPLOAD_MB = 20
MIN_PASSWORD = 8  # characters, not counting spaces at either end, when serving beyond this machine


def is_loopback(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def streamlit_command(host: str, port: int) -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", str(APP), "--server.address", host,
            "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
            "--server.maxUploadSize", str(MAX_UPLOAD_MB), "--server.fileWatcherType", "none"]


def read_password_file(path: Path) -> str:
    """The first line of `path` (without its line ending): the app's password."""
    try:
        text = path.expanduser().read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"Cannot read the password file {path} ({getattr(exc, 'strerror', None) or exc}); "
                                 f"give a readable UTF-8 file to --password-file, or set {PASSWORD_ENV}.") from None
    lines = text.splitlines()
    return lines[0] if lines else ""


@app.command("app")
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on; anything but loopback "
                                                         "needs a password."),
    port: int = typer.Option(8501, "--port", min=1, max=65535, help="Port to listen on."),
    password_file: Path | None = typer.Option(None, "--password-file", help=f"Read the app's password from the "
                                              f"first line of this file (or set {PASSWORD_ENV}); required with "
                                              "a non-loopback --host."),
    ask_password: bool = typer.Option(False, "--ask-password", help="Type the app's password at a prompt."),
    password: str | None = typer.Option(None, "--password", hidden=True,
                                        help="Refused: a password on the command line is visible to every user."),
) -> None:
    """Start the Streamlit app (http://127.0.0.1:8501 by default)."""
    from coach.cli.common import settings

    if password is not None:
        raise ConfigurationError(f"--password would show the password to every user of this machine (the process "
                                 f"list): set {PASSWORD_ENV}, or use --password-file FILE or --ask-password instead.")
    configured = settings().app_password
    if password_file is not None:
        secret = read_password_file(password_file)
    elif ask_password:
        secret = typer.prompt("Password for the app", hide_input=True, confirmation_prompt=True, err=True)
    else:
        secret = configured.get_secret_value() if configured else ""
    if not is_loopback(host) and not secret.strip():
        raise ConfigurationError(f"Serving on {host} shares your private network: set {PASSWORD_ENV} or use "
                                 "--password-file or --ask-password, or keep the default --host 127.0.0.1.")
    if not is_loopback(host) and len(secret.strip()) < MIN_PASSWORD:
        raise ConfigurationError(f"Serving on {host} needs a password of at least {MIN_PASSWORD} characters "
                                 f"(spaces at either end do not count): choose a longer {PASSWORD_ENV} or "
                                 "password file, or keep the default --host 127.0.0.1.")
    if not APP.exists():
        raise ConfigurationError(f"{APP} is missing: run `coach app` from a clone of the project.")
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    if secret:
        env[PASSWORD_ENV] = secret  # passed by environment, never on a command line others can read
    where = host if ":" not in host else f"[{host}]"
    print(f"Networking Coach on http://{where}:{port}" + (" (password required)" if secret else ""),
          file=sys.stderr)
    os.chdir(APP.parent)  # Streamlit reads .streamlit/config.toml from the working directory
    command = streamlit_command(host, port)
    os.execve(command[0], command, env)  # become Streamlit: signals reach it, and no orphan is left behind
