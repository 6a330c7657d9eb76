"""Sphinx extension: draws the figures of the asyncgantt blocks of the
project's Markdown (MyST) pages before each build.

In conf.py::

    extensions = ["myst_parser", "asyncgantt.sphinx"]
    asyncgantt_args = ["--theme", "dark"]   # optional: flags of asyncgantt markdown

When the builder starts, it runs ``asyncgantt markdown`` on the source
folder: each block's figure is written into figures/ beside its page and
linked right after the block, which Sphinx then reads like any image. It
changes nothing when nothing changed. It also highlights asyncgantt blocks
as YAML.
"""

from sphinx.errors import ExtensionError
from sphinx.util import logging

import asyncgantt

logger = logging.getLogger(__name__)


def _draw(app):
    try:
        report = asyncgantt.markdown([app.srcdir], app.config.asyncgantt_args)
    except (RuntimeError, FileNotFoundError) as e:
        raise ExtensionError("asyncgantt markdown: %s" % e) from None
    for line in report.splitlines():
        logger.info("asyncgantt: %s", line)


def setup(app):
    from pygments.lexers import YamlLexer

    app.add_config_value("asyncgantt_args", [], "env")
    app.add_lexer("asyncgantt", YamlLexer)
    app.connect("builder-inited", _draw)
    try:
        version = asyncgantt.__version__
    except Exception:
        version = "unknown"
    return {"version": version, "parallel_read_safe": True, "parallel_write_safe": True}
