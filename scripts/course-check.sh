#!/usr/bin/env bash
# Checks asyncgantt as a course uses it, for real:
#
#   1. builds the Linux wheel of this machine's architecture (tools/wheels),
#      checks its RECORD and tags, installs it offline (pip --no-index) into
#      a fresh virtual environment, and runs asyncgantt --version and the
#      quick figure from there;
#   2. builds an MkDocs site from testdata/course with the hook
#      (python/asyncgantt/mkdocs.py), a Sphinx (MyST) site with the
#      extension (asyncgantt.sphinx, from the wheel) and one with the
#      conf.py snippet of docs/course.md, and checks that the built HTML
#      shows the figure of every block of the test pages (lesson.md's
#      scenarios, program.md's Python program).
#
# .ci/run calls it; it runs as well on a developer's machine. It needs Go,
# python3 with pip and venv, and Debian's mkdocs, python3-sphinx,
# python3-myst-parser and python3-venv for /usr/bin/python3 (installed here
# when missing, as root with apt-get). With COURSE_CHECK_OUT=DIR it keeps
# the built sites and the quick figure in DIR, to look at.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
debian=/usr/bin/python3

need=()
"$debian" -c 'import mkdocs' 2>/dev/null || need+=(mkdocs)
"$debian" -c 'import sphinx' 2>/dev/null || need+=(python3-sphinx)
"$debian" -c 'import myst_parser' 2>/dev/null || need+=(python3-myst-parser)
"$debian" -c 'import ensurepip, venv' 2>/dev/null || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]}"
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "missing ${need[*]} and cannot install them here (needs root and apt-get)"; exit 1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; }
fi

# Go records the version in a binary only in a git clone, not in a git
# worktree (where .git is a file): there, build from a clone of HEAD.
src=$root
if [ -f .git ]; then
  echo "== $root is a git worktree: the wheel is built from a clone of HEAD (uncommitted changes are not in it)"
  git clone -q "$root" "$work/src"
  src=$work/src
fi

echo "== wheel"
arch=$(go env GOARCH)
(cd "$src" && go run ./tools/wheels --platforms "linux/$arch" --out "$work/dist")
wheel=$(ls "$work"/dist/*.whl)
python3 scripts/course_check.py wheel "$wheel"

echo "== pip install --no-index, into a fresh virtual environment"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --no-index --no-deps "$wheel"
"$work/venv/bin/asyncgantt" --version
pyversion=$("$work/venv/bin/python" -c 'from importlib.metadata import version; print(version("asyncgantt"))')
if ! "$work/venv/bin/asyncgantt" version | grep -qxF "python    $pyversion (the version of its wheel)"; then
  echo "asyncgantt version does not say the wheel's version $pyversion:"; "$work/venv/bin/asyncgantt" version; exit 1
fi
(cd "$work" && venv/bin/asyncgantt quick A=2s B=1s C=3s -o quick.svg -q >/dev/null)
for run in Sequential Concurrent Blocking; do
  grep -q ">$run<" "$work/quick.svg" || { echo "the quick figure lacks the run $run"; exit 1; }
done
echo "quick figure: $(wc -c <"$work/quick.svg") bytes of SVG, from $("$work/venv/bin/python" -m asyncgantt --version)"

# The docs tools are Debian's, for /usr/bin/python3: a virtual environment
# that sees them gets the same wheel.
"$debian" -m venv --system-site-packages "$work/docs-venv"
"$work/docs-venv/bin/pip" install --quiet --no-index --no-deps "$wheel"
export PATH="$work/docs-venv/bin:$PATH"
py="$work/docs-venv/bin/python"
site_packages=$("$py" -c 'import asyncgantt, os; print(os.path.dirname(asyncgantt.__file__))')
alts=("Awaited in turn" "A and B gathered: 2 s" "Blocking the loop")
# program.md's python asyncgantt block, traced with the venv's python3.
program_alt="Gantt chart of the runs sequential, concurrent"

echo "== MkDocs $("$py" -c 'import mkdocs; print(mkdocs.__version__)')"
cp -r testdata/course "$work/mkdocs"
mkdir -p "$work/mkdocs/hooks"
cp "$site_packages/mkdocs.py" "$work/mkdocs/hooks/asyncgantt_figures.py"
(cd "$work/mkdocs" && "$py" -m mkdocs build --strict --quiet --site-dir "$work/mkdocs-site")
python3 scripts/course_check.py html "$work/mkdocs-site/lesson/index.html" "${alts[@]}"
python3 scripts/course_check.py html "$work/mkdocs-site/program/index.html" "$program_alt"

echo "== Sphinx $("$py" -c 'import sphinx; print(sphinx.__version__)') with MyST $("$py" -c 'import myst_parser; print(myst_parser.__version__)')"
cp -r testdata/course/docs "$work/sphinx"
"$py" -m sphinx -W --keep-going -q -b html -c testdata/course/sphinx "$work/sphinx" "$work/sphinx-site"
python3 scripts/course_check.py html "$work/sphinx-site/lesson.html" "${alts[@]}"
python3 scripts/course_check.py html "$work/sphinx-site/program.html" "$program_alt"

echo "== Sphinx with the conf.py snippet"
# Sphinx runs conf.py in its folder, so the snippet's "." is the sources.
cp -r testdata/course/docs "$work/snippet"
cp testdata/course/sphinx-snippet/conf.py "$work/snippet/"
(cd / && "$debian" -m sphinx -W --keep-going -q -b html "$work/snippet" "$work/snippet-site" >/dev/null)
python3 scripts/course_check.py html "$work/snippet-site/lesson.html" "${alts[@]}"
python3 scripts/course_check.py html "$work/snippet-site/program.html" "$program_alt"

echo "== the builds left the pages fresh"
asyncgantt markdown --check "$work/mkdocs/docs" "$work/sphinx" "$work/snippet"
if [ -n "${COURSE_CHECK_OUT:-}" ]; then
  # To look at them: chromium "$COURSE_CHECK_OUT"/mkdocs-site/lesson/index.html
  mkdir -p "$COURSE_CHECK_OUT"
  cp -r "$work/mkdocs-site" "$work/sphinx-site" "$work/quick.svg" "$COURSE_CHECK_OUT"/
  echo "the sites are in $COURSE_CHECK_OUT"
fi
echo "course check passed"
