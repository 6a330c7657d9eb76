"""MkDocs hook: draws the figures of the asyncgantt blocks of the docs'
pages before each build.

Copy this file beside mkdocs.yml, e.g. as hooks/asyncgantt_figures.py
(it needs nothing but the asyncgantt command), and add to mkdocs.yml:

    hooks:
      - hooks/asyncgantt_figures.py

Before each build it runs ``asyncgantt markdown`` on docs_dir: each
block's figure is written into figures/ beside its page and linked right
after the block, between markers. It changes nothing when nothing changed,
so ``mkdocs serve`` does not rebuild in a loop. ARGS below are flags of
asyncgantt markdown; $ASYNCGANTT names the command if it is not on PATH.

MkDocs' Markdown does not take a fence with more than a language after
it, such as ```asyncgantt {theme: dark} or ```python asyncgantt, so the
hook shows those blocks as YAML and Python code.
"""

import os
import re
import shutil
import subprocess

from mkdocs.exceptions import PluginError

# Flags of asyncgantt markdown, e.g. ["--theme", "dark"].
ARGS = []

_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)$")


def _binary():
    path = os.environ.get("ASYNCGANTT") or shutil.which("asyncgantt")
    if not path:
        raise PluginError(
            "asyncgantt is not installed: pip install asyncgantt, or go install "
            "github.com/asyncgantt/asyncgantt@latest, or set ASYNCGANTT to its path"
        )
    return path


def on_pre_build(config, **kwargs):
    cmd = [_binary(), "markdown", *ARGS, config["docs_dir"]]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise PluginError("asyncgantt markdown: " + (done.stderr or done.stdout).strip())


def _display_info(info):
    """The info string MkDocs should see for an asyncgantt block's, or None
    when the block is not one."""
    words = info.replace("{", " {").split()
    if words[:1] == ["asyncgantt"]:
        return "yaml"
    if words[:2] == ["python", "asyncgantt"]:
        return "python"
    return None


def on_page_markdown(markdown, **kwargs):
    out, open_fence = [], None
    for line in markdown.split("\n"):
        m = _FENCE.match(line)
        if open_fence is None and m:
            fence = m.group("fence")
            if fence[0] == "`" and "`" in m.group("info"):
                out.append(line)
                continue
            open_fence = fence
            shown = _display_info(m.group("info"))
            if shown:
                line = m.group("indent") + fence + shown
        elif open_fence is not None and m and m.group("info").strip() == "":
            fence = m.group("fence")
            if fence[0] == open_fence[0] and len(fence) >= len(open_fence):
                open_fence = None
        out.append(line)
    return "\n".join(out)
