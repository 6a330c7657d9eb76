# The Sphinx (MyST) site that scripts/course-check.sh builds from ../docs,
# with the extension the asyncgantt wheel installs.
project = "asyncgantt course test"
extensions = ["myst_parser", "asyncgantt.sphinx"]
root_doc = "lesson"
exclude_patterns = ["_build"]
