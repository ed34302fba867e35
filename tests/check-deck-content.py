#!/usr/bin/env python3
"""Check the content of a Rehearse deck: the rules a model answer must meet,
and every python example runs and prints what the answer says it prints.

    check-deck-content.py DECK.xml [--structure] [--examples] [--card ID]
                          [--python python3 ...] [--every-python] [--language-cards N]

With neither --structure nor --examples, both run.  Errors name the file,
the line and the card; the exit status is 1 when any check failed.

Rules for each card (the deck format itself is checked by the loader and
by deck.rng; these are the content rules of the built-in deck, stricter
than deck format 2, which lets a card be a plain question and answer):
  * a title, 3-7 key areas, 2-4 pitfalls, 1-3 follow-up questions;
  * an answer of 150-450 words of prose (code blocks are not counted);
  * each of the first N cards in deck order (the language cards) has at
    least one python example that runs;
and the deck has a description and each topic a summary.

Examples run one by one, each in a fresh isolated interpreter (python -I)
in an empty temporary folder, with a timeout.  A block marked run="no"
is skipped (its why="" says what it needs); a block with min-python newer
than the interpreter is skipped.  When an <output> follows a block, the
block's standard output must equal it (trailing spaces on a line and
trailing blank lines ignored); where the output differs between Python
versions, one <output> per range (min-python / max-python) follows the
block, and each interpreter is held to the one for its version.  With
--every-python, the examples run on python3 and every python3.N (3.11 and
newer) found on PATH.
"""

import argparse
import glob
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import xml.etree.ElementTree as ET
import xml.parsers.expat

NS = "{https://rehearse.github.io/ns/deck/1}"
TIMEOUT_S = 30


def parse(path):
    """ElementTree from expat, remembering each element's source line so
    messages can point into the file."""
    builder = ET.TreeBuilder()
    lines = {}
    parser = xml.parsers.expat.ParserCreate(namespace_separator="}")

    def start(tag, attrs):
        if "}" in tag:
            tag = "{" + tag
        lines[builder.start(tag, attrs)] = parser.CurrentLineNumber

    def end(tag):
        builder.end("{" + tag if "}" in tag else tag)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    with open(path, "rb") as f:
        parser.Parse(f.read(), True)
    return builder.close(), lines


def dedent_block(text):
    """The same rule as the loader: drop leading and trailing blank lines,
    then the indentation common to every non-blank line."""
    lines = (text or "").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return textwrap.dedent("\n".join(lines))


def prose_words(answer):
    words = 0
    for block in answer:
        if block.tag in (NS + "p", NS + "list"):
            words += len("".join(block.itertext()).split())
    return words


def normalise_output(text):
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


class Checker:
    def __init__(self, path, lines):
        self.path = path
        self.lines = lines
        self.failures = 0

    def fail(self, elem, card_id, message):
        self.failures += 1
        print(f"{self.path}:{self.lines.get(elem, 0)}: {card_id}: {message}",
              file=sys.stderr)

    def deck(self, root):
        if root.find(f"{NS}description") is None:
            self.fail(root, root.get("id"), "the deck has no description")
        for topic in root.findall(f"{NS}topic"):
            if topic.find(f"{NS}summary") is None:
                self.fail(topic, topic.get("id"), "the topic has no summary")

    def structure(self, card, index, language_cards):
        cid = card.get("id")
        if card.find(f"{NS}title") is None:
            self.fail(card, cid, "no title")
        areas = card.findall(f"{NS}key-areas/{NS}area")
        if not 3 <= len(areas) <= 7:
            self.fail(card, cid, f"{len(areas)} key areas; a card needs 3 to 7")
        pitfalls = card.findall(f"{NS}pitfalls/{NS}item")
        if not 2 <= len(pitfalls) <= 4:
            self.fail(card, cid, f"{len(pitfalls)} pitfalls; a card needs 2 to 4")
        follow_ups = card.findall(f"{NS}follow-ups/{NS}item")
        if not 1 <= len(follow_ups) <= 3:
            self.fail(card, cid, f"{len(follow_ups)} follow-up questions; a card needs 1 to 3")
        answer = card.find(f"{NS}answer")
        if answer is None:
            self.fail(card, cid, "no answer")
            return
        words = prose_words(answer)
        if not 150 <= words <= 450:
            self.fail(answer, cid, f"the answer has {words} words of prose; it needs 150 to 450")
        if index < language_cards:
            runnable = [b for b in answer.findall(f"{NS}pre")
                        if b.get("lang") == "python" and b.get("run") != "no"]
            if not runnable:
                self.fail(answer, cid, "a language card needs at least one python example that runs")


def version_tuple(text):
    return tuple(int(x) for x in text.split("."))


def examples_of(card):
    """(pre element, code, outputs) for each python block: outputs is a list of
    (min-python, max-python, text), one per <output> after the block; the
    versions are tuples or None."""
    answer = card.find(f"{NS}answer")
    if answer is None:
        return []
    blocks = list(answer)
    found = []
    for i, block in enumerate(blocks):
        if block.tag != NS + "pre" or block.get("lang") != "python":
            continue
        outputs = []
        for after in blocks[i + 1:]:
            if after.tag != NS + "output":
                break
            low, high = after.get("min-python"), after.get("max-python")
            outputs.append((version_tuple(low) if low else None, version_tuple(high) if high else None,
                            dedent_block(after.text)))
        found.append((block, dedent_block(block.text), outputs))
    return found


def expected_output(outputs, have):
    """The text the block prints on Python @have, None for no <output>, or
    False when the outputs given leave that version out."""
    if not outputs:
        return None
    for low, high, text in outputs:
        if (low is None or have >= low) and (high is None or have <= high):
            return text
    return False


def run_example(python, code):
    with tempfile.TemporaryDirectory(prefix="rehearse-example-") as cwd:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8",
               "HOME": cwd, "TMPDIR": cwd}
        try:
            proc = subprocess.run([python, "-I", "-X", "utf8", "-c", code], cwd=cwd, env=env,
                                  capture_output=True, text=True, timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            return None, "", f"did not finish in {TIMEOUT_S} s"
        return proc.returncode, proc.stdout, proc.stderr


def python_version(python):
    out = subprocess.run([python, "-c", "import sys; print(sys.version_info[0], sys.version_info[1])"],
                         capture_output=True, text=True, check=True).stdout.split()
    if len(out) != 2:
        raise subprocess.CalledProcessError(1, python)
    return int(out[0]), int(out[1])


def every_python():
    """python3 and each python3.N (N >= 11) on PATH, one per version; with
    pyenv, whose shims answer only for the selected version, each version
    pyenv has installed too."""
    candidates = ["python3"] + [f"python3.{n}" for n in range(11, 30)]
    if shutil.which("pyenv"):
        root = subprocess.run(["pyenv", "root"], capture_output=True, text=True).stdout.strip()
        candidates += sorted(glob.glob(os.path.join(root, "versions", "*", "bin", "python3.[0-9]*")))
    found = {}
    for name in candidates:
        path = shutil.which(name)
        if path is None:
            continue
        try:
            version = python_version(path)
        except (OSError, subprocess.CalledProcessError):
            continue
        if version >= (3, 11):
            found.setdefault(version, path if os.path.isabs(name) else name)
    return [found[v] for v in sorted(found)]


def run_examples(checker, selected, python):
    """Runs every python example of @selected on @python; returns (ran, skipped)."""
    have = python_version(python)
    label = f"Python {have[0]}.{have[1]} ({python})"
    jobs = []
    skipped = 0
    for _, card in selected:
        for block, code, outputs in examples_of(card):
            if block.get("run") == "no":
                skipped += 1
                continue
            need = block.get("min-python")
            if need and version_tuple(need) > have:
                skipped += 1
                continue
            expected = expected_output(outputs, have)
            if expected is False:
                checker.fail(block, card.get("id"), f"no <output> covers {label}")
                continue
            jobs.append((card.get("id"), block, code, expected))
    workers = max(2, os.cpu_count() or 2)
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        results = pool.map(lambda job: run_example(python, job[2]), jobs)
        for (cid, block, _code, expected), (rc, out, err) in zip(jobs, results):
            if rc != 0:
                last = err.strip().splitlines()[-1] if err.strip() else "no message"
                why = err if rc is None else f"exit status {rc}: {last}"
                checker.fail(block, cid, f"python example failed on {label}: {why}")
            elif expected is not None and normalise_output(out) != normalise_output(expected):
                checker.fail(block, cid, f"python example printed on {label}\n" + textwrap.indent(out, "    | ")
                             + "  but the answer says\n" + textwrap.indent(expected + "\n", "    | "))
    print(f"{label}: {len(jobs)} python examples run, {skipped} skipped")
    return len(jobs), skipped


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("deck")
    ap.add_argument("--structure", action="store_true")
    ap.add_argument("--examples", action="store_true")
    ap.add_argument("--card", action="append", default=[])
    ap.add_argument("--python", action="append", default=[],
                    help="an interpreter to run the examples with (repeatable; default python3)")
    ap.add_argument("--every-python", action="store_true",
                    help="run them with python3 and every python3.N (N >= 11) on PATH")
    ap.add_argument("--language-cards", type=int, default=60)
    args = ap.parse_args()
    if not args.structure and not args.examples:
        args.structure = args.examples = True

    try:
        root, lines = parse(args.deck)
    except (OSError, xml.parsers.expat.ExpatError) as e:
        print(f"{args.deck}: {e}", file=sys.stderr)
        return 1
    checker = Checker(args.deck, lines)
    cards = root.findall(f"{NS}card")
    selected = [(i, c) for i, c in enumerate(cards) if not args.card or c.get("id") in args.card]
    if args.card and len(selected) != len(set(args.card)):
        print(f"{args.deck}: no card with id {set(args.card) - {c.get('id') for _, c in selected}}",
              file=sys.stderr)
        return 1

    if args.structure:
        checker.deck(root)
        for index, card in selected:
            checker.structure(card, index, args.language_cards)

    ran = skipped = 0
    if args.examples:
        pythons = args.python or ["python3"]
        if args.every_python:
            pythons = every_python()
        for python in pythons:
            r, k = run_examples(checker, selected, python)
            ran += r
            skipped += k
    print(f"{args.deck}: {len(selected)} cards checked"
          + (f", {ran} python examples run, {skipped} skipped" if args.examples else "")
          + f", {checker.failures} problems")
    return 1 if checker.failures else 0


if __name__ == "__main__":
    sys.exit(main())
