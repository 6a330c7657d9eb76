"""Checks for scripts/course-check.sh, with the standard library only.

    course_check.py wheel WHEEL          the wheel's RECORD, tags and binary
    course_check.py html PAGE.html ALT... the page shows an SVG figure for
                                          each image text ALT, and the
                                          transcript of the block that
                                          asks for it
"""

import base64
import csv
import hashlib
import html.parser
import io
import os
import sys
import zipfile


def fail(msg):
    print("course_check:", msg, file=sys.stderr)
    sys.exit(1)


def check_wheel(path):
    from pip._vendor.packaging.utils import parse_wheel_filename

    name, version, _, tags = parse_wheel_filename(os.path.basename(path))
    if name != "asyncgantt":
        fail("%s: distribution %s" % (path, name))
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        info = "asyncgantt-%s.dist-info/" % version
        record = z.read(info + "RECORD").decode()
        rows = list(csv.reader(io.StringIO(record)))
        if sorted(r[0] for r in rows) != sorted(names):
            fail("RECORD lists %s, the wheel holds %s" % (sorted(r[0] for r in rows), sorted(names)))
        for file, digest, size in rows:
            if file == info + "RECORD":
                continue
            data = z.read(file)
            want = "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            if digest != want or int(size) != len(data):
                fail("RECORD: %s has %s,%s; the file is %s,%d" % (file, digest, size, want, len(data)))
        wheel_tags = [l.split(": ", 1)[1] for l in z.read(info + "WHEEL").decode().splitlines() if l.startswith("Tag: ")]
        if sorted(wheel_tags) != sorted(str(t) for t in tags):
            fail("WHEEL tags %s, file name tags %s" % (wheel_tags, sorted(str(t) for t in tags)))
        meta = z.read(info + "METADATA").decode()
        if "\nVersion: %s\n" % version not in meta:
            fail("METADATA does not say Version: %s" % version)
        scripts = [n for n in names if "/scripts/" in n]
        if len(scripts) != 1 or (z.getinfo(scripts[0]).external_attr >> 16) & 0o111 == 0:
            fail("the binary is not one executable entry of the scripts folder: %s" % scripts)
    print("wheel %s: %d files, RECORD verified, tags %s" % (version, len(names), ", ".join(wheel_tags)))


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.images, self.pre, self.text = [], [], []
        self._in_pre = 0

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))
        if tag == "pre":
            self._in_pre += 1
            self.pre.append("")

    def handle_endtag(self, tag):
        if tag == "pre":
            self._in_pre -= 1

    def handle_data(self, data):
        if self._in_pre:
            self.pre[-1] += data
        else:
            self.text.append(data)


def check_html(path, alts):
    page = Page()
    with open(path, encoding="utf-8") as f:
        page.feed(f.read())
    for alt in alts:
        found = [i for i in page.images if i.get("alt") == alt]
        if len(found) != 1:
            fail("%s: %d images with the text %r; images: %s" % (path, len(found), alt, page.images))
        src = os.path.join(os.path.dirname(path), found[0]["src"])
        try:
            with open(src, encoding="utf-8") as f:
                head = f.read(300)
        except OSError as e:
            fail("%s: the image %r is not in the site: %s" % (path, alt, e))
        if "<svg" not in head:
            fail("%s: %s is not an SVG" % (path, src))
        print("%s: %r shows %s" % (os.path.basename(path), alt, os.path.relpath(src, os.path.dirname(path))))
    text = "".join(page.text)
    if "```" in text or "asyncgantt:figure" in text:
        fail("%s: Markdown shows through as text: %r" % (path, text[text.find("`") - 80 : text.find("`") + 80]))
    if not any("Task A starting..." in p for p in page.pre):
        fail("%s: no code block shows what the block with transcript-block printed" % path)


if __name__ == "__main__":
    if sys.argv[1:2] == ["wheel"] and len(sys.argv) == 3:
        check_wheel(sys.argv[2])
    elif sys.argv[1:2] == ["html"] and len(sys.argv) > 3:
        check_html(sys.argv[2], sys.argv[3:])
    else:
        fail(__doc__)
