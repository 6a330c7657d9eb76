"""Rewrites ops.txt and fmt.txt from CPython: the oracle TestOracle checks
the runner's expressions against.

ops.txt: one expression a line, then " => " and the repr of its value, or
" -> " and the exception CPython raises ("TypeError: ..."). fmt.txt: a
value, a tab, a format spec, a tab, then "=> " and the repr of
format(value, spec), or "-> " and the exception. Each file's left sides
are kept; the right sides are computed again here, so that
`python3 oracle.py` after adding lines (the right side left empty, or
anything) brings them up to date. Run it with Python 3.11.
"""

import sys
import warnings

warnings.simplefilter("ignore", SyntaxWarning)  # 'ab'['x'] is an oracle line
# What the values' column writes for floats that have no literal.
NAMES = {"inf": float("inf"), "nan": float("nan")}

assert sys.version_info[:2] >= (3, 11), "run with Python 3.11+"


def outcome(thunk):
    try:
        return "=> " + repr(thunk())
    except Exception as e:  # noqa: BLE001 - every exception is an answer
        return "-> " + type(e).__name__ + ": " + str(e)


def ops():
    out = []
    for line in open("ops.txt", encoding="utf-8").read().splitlines():
        expr = line
        for sep in (" => ", " -> "):
            if sep in line:
                expr = line.split(sep)[0]
                break
        out.append(expr + " " + outcome(lambda: eval(expr, dict(NAMES))))
    open("ops.txt", "w", encoding="utf-8").write("\n".join(out) + "\n")


def fmt():
    out = []
    for line in open("fmt.txt", encoding="utf-8").read().splitlines():
        value, spec = line.split("\t")[:2]
        out.append(value + "\t" + spec + "\t" + outcome(lambda: format(eval(value, dict(NAMES)), spec)))
    open("fmt.txt", "w", encoding="utf-8").write("\n".join(out) + "\n")


ops()
fmt()
