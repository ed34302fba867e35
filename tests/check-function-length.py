#!/usr/bin/env python3
"""Every function in src/ fits on a screen: at most MAX lines from its name to
its closing brace.  The code follows GNOME style, so a definition starts with
the function's name at the start of a line ("name (") and ends at the first
"}" at the start of a line after it.

    check-function-length.py SRC_DIR [MAX]
"""
import pathlib
import re
import sys

DEFINITION = re.compile(r'^([A-Za-z_][A-Za-z0-9_]*) \(')


def functions(path):
    lines = path.read_text(encoding='utf-8').splitlines()
    start = name = None
    for number, line in enumerate(lines, 1):
        if start is None:
            match = DEFINITION.match(line)
            if match and not line.rstrip().endswith(';'):
                start, name = number, match.group(1)
        elif line.startswith('}'):
            yield name, start, number - start + 1
            start = name = None
        elif line.rstrip().endswith(';') and not line.startswith((' ', '\t', '{')):
            start = name = None   # a declaration over several lines


def main():
    src = pathlib.Path(sys.argv[1])
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 80
    too_long = []
    count = 0
    for path in sorted(src.rglob('*.c')):
        for name, line, length in functions(path):
            count += 1
            if length > limit:
                too_long.append(f'{path}:{line}: {name} is {length} lines (at most {limit})')
    for message in too_long:
        print(message, file=sys.stderr)
    print(f'{count} functions, {len(too_long)} over {limit} lines')
    return 1 if too_long else 0


if __name__ == '__main__':
    sys.exit(main())
