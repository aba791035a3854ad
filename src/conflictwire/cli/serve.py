"""``conflictwire serve``: the map page and the JSON API over a store, read-only."""

from __future__ import annotations

import socket

import click

from ..settings import Settings
from .errors import ExitCode, fail, resource_errors
from .options import config_option, db_option

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` (exit 3 saying why when it cannot be)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as exc:
        fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}", ExitCode.RESOURCE)
    sock.set_inheritable(True)
    return sock


@click.command()
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (another than this machine's own lets others read the store).",
)
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port."
)
@config_option
def serve(db: str | None, host: str, port: int, settings: Settings) -> None:
    """Serve the store (read-only): the map at http://HOST:PORT/ and the JSON API under /api/
    (reference at /api/docs); Ctrl-C stops."""
    import uvicorn

    from ..serve import create_app
    from ..serve.assets import missing_packages, modules_dir

    path = db or settings.db_path
    with resource_errors():
        app = create_app(path, settings=settings)
    for note in app.state.reader.notes:
        click.echo(f"note: {note}", err=True)
    missing = missing_packages(settings)
    if missing:
        click.echo(
            f"warning: the map page's packages are missing ({', '.join(missing)} in "
            f"{modules_dir(settings)}): run `make install`; the API works without them",
            err=True,
        )
    if host not in LOCAL_HOSTS:
        click.echo(
            f"warning: listening on {host}: anyone who can reach this machine can read the store",
            err=True,
        )
    sock = _listen(host, port)
    shown = f"[{host}]" if ":" in host else host
    click.echo(
        f"serving {path} at http://{shown}:{sock.getsockname()[1]}/ "
        "(the map; API reference: /api/docs; Ctrl-C stops)",
        err=True,
    )
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    server.run(sockets=[sock])
