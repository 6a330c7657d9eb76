# The Sphinx (MyST) site that scripts/course-check.sh builds with the
# conf.py snippet of docs/course.md, for asyncgantt installed without the
# wheel: the snippet is the part below the line.
project = "asyncgantt course test"
extensions = ["myst_parser"]
root_doc = "lesson"
exclude_patterns = ["_build"]

# ---- docs/course.md's snippet
import subprocess
subprocess.run(["asyncgantt", "markdown", "."], check=True)

def setup(app):
    from pygments.lexers import YamlLexer
    app.add_lexer("asyncgantt", YamlLexer)
