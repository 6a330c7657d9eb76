"""python -m asyncgantt ARGS runs the asyncgantt command, for when the
folder pip installs commands into is not on PATH."""

import subprocess
import sys

from asyncgantt import binary


def main():
    try:
        return subprocess.call([binary(), *sys.argv[1:]])
    except FileNotFoundError as e:
        print("asyncgantt:", e, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
