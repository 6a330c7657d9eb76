"""asyncgantt makes concurrency visible: Gantt figures of asyncio tasks.

The ``asyncgantt`` command is a program of its own (written in Go) that
this package installs on PATH. This module finds it, for
``python -m asyncgantt`` and the Sphinx extension ``asyncgantt.sphinx``;
the MkDocs hook ``asyncgantt/mkdocs.py`` is a file to copy beside
mkdocs.yml. See docs/course.md, "Figures in your course".
"""

import os
import shutil
import subprocess
import sys
import sysconfig

__all__ = ["binary", "markdown"]


def __getattr__(name):
    if name == "__version__":
        from importlib.metadata import version

        return version("asyncgantt")
    raise AttributeError(name)


def binary():
    """Return the path of the asyncgantt command.

    It is $ASYNCGANTT when set, else the one pip installed with this
    package, else the first on PATH (go install puts it in ~/go/bin).
    """
    env = os.environ.get("ASYNCGANTT")
    if env:
        return env
    exe = "asyncgantt.exe" if os.name == "nt" else "asyncgantt"
    schemes = [None, os.name + "_user"] if sys.version_info >= (3, 10) else [None]
    for scheme in schemes:
        try:
            scripts = sysconfig.get_path("scripts", scheme) if scheme else sysconfig.get_path("scripts")
        except KeyError:
            continue
        path = os.path.join(scripts, exe)
        if os.path.isfile(path):
            return path
    found = shutil.which("asyncgantt")
    if found:
        return found
    raise FileNotFoundError(
        "the asyncgantt command is not installed: pip install asyncgantt (or the wheel of a "
        "release), or go install github.com/asyncgantt/asyncgantt@latest, or set ASYNCGANTT "
        "to its path"
    )


def markdown(paths, args=()):
    """Run ``asyncgantt markdown ARGS PATHS``: draw and link the figures of
    the asyncgantt blocks of Markdown pages.

    Returns what it reported (the files written); raises RuntimeError with
    its message (the page, the block's line and the scenario's line and
    column) when it fails.
    """
    cmd = [binary(), "markdown", *args, *[os.fspath(p) for p in paths]]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError((done.stderr or done.stdout).strip())
    return done.stderr
