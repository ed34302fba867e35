#!/usr/bin/env python3
"""rehearse --check-deck and --add-deck, as a deck author runs them: the
output lines, the exit status, and the files written.  No display.

    test-deck-cli.py REHEARSE EXAMPLES_DIR
"""

import os
import pathlib
import subprocess
import sys
import tempfile

REHEARSE, EXAMPLES = os.path.abspath(sys.argv[1]), pathlib.Path(sys.argv[2])
failures = 0


def run(args, home, cwd, config=None):
    env = dict(os.environ, XDG_DATA_HOME=str(home))
    if config is not None:
        # Settings that outlive the process, for what a later run reads.
        env.update(GSETTINGS_BACKEND="keyfile", XDG_CONFIG_HOME=str(config))
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    proc = subprocess.run([REHEARSE] + args, cwd=cwd, env=env, capture_output=True, text=True, timeout=60)
    return proc.returncode, proc.stdout.splitlines(), proc.stderr.splitlines()


def check(what, got, expected):
    global failures
    if got != expected:
        failures += 1
        print(f"FAIL {what}:\n  got      {got!r}\n  expected {expected!r}")
    else:
        print(f"ok {what}")


def main():
    with tempfile.TemporaryDirectory(prefix="rehearse-deck-cli-") as tmp:
        tmp = pathlib.Path(tmp)
        home = tmp / "data"
        decks = home / "rehearse" / "decks"

        # The documentation's examples: one line each, status 0.
        rc, out, err = run(["--check-deck", "platform-onboarding.xml", "platform-faq.csv", "anki-notes.txt"],
                           home, EXAMPLES)
        check("examples: status", rc, 0)
        check("examples: lines", out, ["platform-onboarding.xml: 2 cards in 2 topics",
                                       "platform-faq.csv: 3 cards in 2 topics",
                                       "anki-notes.txt: 3 cards in 2 topics"])
        check("examples: nothing on stderr", err, [])

        # Every problem of every file, FILE:LINE first; the good one still said.
        (tmp / "bad.csv").write_text("q1,a1\nq2,a2,extra\nq3\n")
        (tmp / "bad.xml").write_text('<deck xmlns="https://rehearse.github.io/ns/deck/1" id="b" version="1" '
                                     'format="3"/>\n')
        (tmp / "good.tsv").write_text("q\ta\n")
        rc, out, err = run(["--check-deck", "bad.csv", "good.tsv", "bad.xml"], home, tmp)
        check("problems: status", rc, 1)
        check("problems: the good file", out, ["good.tsv: 1 card in 1 topic"])
        check("problems: lines", [line.split(": ")[0] for line in err], ["bad.csv:2", "bad.csv:3", "bad.xml:1"])
        check("problems: the version named", "deck format version 3" in err[2], True)
        check("nothing added by a check", decks.exists(), False)

        # A Windows-1252 file: its note, and its deck.
        (tmp / "latin.csv").write_bytes(b"Caf\xe9?,oui\n")
        rc, out, err = run(["--check-deck", "latin.csv"], home, tmp)
        check("windows-1252: status", rc, 0)
        check("windows-1252: the note", [line.startswith("latin.csv: The file is not UTF-8") for line in err], [True])

        # --add-deck: the path written, and then the same id refused, naming both files.
        rc, out, err = run(["--add-deck", str(EXAMPLES / "platform-faq.csv"), "--deck-title", "Platform FAQ"], home,
                           tmp)
        check("add: status", rc, 0)
        check("add: the path", out, [str(decks / "platform-faq.xml")])
        check("add: the file", sorted(p.name for p in decks.iterdir()), ["platform-faq.xml"])
        check("add: its title", "<title>Platform FAQ</title>" in (decks / "platform-faq.xml").read_text(), True)
        rc, out, err = run(["--add-deck", "good.tsv", "--deck-title", "Platform FAQ"], home, tmp)
        check("add again: status", rc, 1)
        check("add again: both files", len(err) == 1 and err[0].startswith("good.tsv: ")
              and str(decks / "platform-faq.xml") in err[0], True)
        check("add again: nothing written", sorted(p.name for p in decks.iterdir()), ["platform-faq.xml"])
        # Removed (in Preferences or the sidebar), then added again: back, nothing written.
        config = tmp / "config"
        settings = config / "glib-2.0" / "settings"
        settings.mkdir(parents=True)
        (settings / "keyfile").write_text("[io/github/rehearse/Rehearse]\nhidden-decks=['platform-faq', 'other']\n")
        rc, out, err = run(["--add-deck", "good.tsv", "--deck-title", "Platform FAQ"], home, tmp, config)
        check("add another version of a removed deck: status", rc, 1)
        check("add another version of a removed deck: both named", len(err) == 1 and err[0].startswith("good.tsv: ")
              and str(decks / "platform-faq.xml") in err[0], True)
        check("add another version of a removed deck: still removed",
              "'platform-faq'" in (settings / "keyfile").read_text(), True)
        rc, out, err = run(["--add-deck", str(EXAMPLES / "platform-faq.csv"), "--deck-title", "Platform FAQ"], home,
                           tmp, config)
        check("add a removed deck: status", rc, 0)
        check("add a removed deck: said", err, ["Platform FAQ is back, with your progress"])
        check("add a removed deck: nothing written", sorted(p.name for p in decks.iterdir()), ["platform-faq.xml"])
        check("add a removed deck: no longer removed", "hidden-decks=['other']" in (settings / "keyfile").read_text(),
              True)
        rc, out, err = run(["--add-deck", "bad.csv"], home, tmp)
        check("add a bad file: status", rc, 1)
        check("add a bad file: nothing written", sorted(p.name for p in decks.iterdir()), ["platform-faq.xml"])

        # Options that do not go together.
        check("check and add", run(["--check-deck", "good.tsv", "--add-deck", "good.tsv"], home, tmp)[0], 2)
        check("a title alone", run(["--deck-title", "x"], home, tmp)[0], 2)
        check("a file alone", run(["good.tsv"], home, tmp)[0], 2)
        check("no file to check", run(["--check-deck"], home, tmp)[0], 2)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
