#!/usr/bin/env python3
# gen-vectors.py: the FSRS reference vectors in tests/fsrs/vectors
#
# Copyright 2026 The Rehearse developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Writes, for each set below, three files:
#   vectors/NAME.csv       review events, card_id,reviewed_at,rating
#   vectors/NAME.options   the scheduler options, one key=value a line, keys
#                          named after the oracle's and fsrs-replay's options
#   vectors/NAME.expected  what the ts-fsrs oracle prints for those events
# The tests (test-fsrs.c, check-replay.py) need none of this: they read the
# committed files.  Regenerate only to add a set or follow a new ts-fsrs:
#
#   npm install --prefix ~/.cache/fsrs-oracle ts-fsrs@5     # once
#   NODE_PATH=~/.cache/fsrs-oracle/node_modules \
#     python3 tests/fsrs/gen-vectors.py [--oracle PATH/fsrs-oracle.mjs]
#
# The oracle defaults to ../shared/tools/fsrs-oracle.mjs beside the
# repository.  The events are deterministic (one seeded PRNG per set); they
# depend on the oracle only through the due times it reports, which the
# generator reads back round by round to place reviews on time, early or
# late.  Each card follows a profile (diligent, early, late, crammer,
# sleeper, struggler) that sets its odds of on-time, early and late reviews,
# same-day repeats, reviews a second either side of UTC midnight, gaps of
# years and runs of Again.

import argparse
import datetime
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DAY = 86400
START = 1704067200  # 2024-01-01T00:00:00Z

SETS = [
    dict(name='default', seed=1001, cards=110, options={}),
    dict(name='custom-params', seed=1002, cards=30, options={
        # Some values lie outside ts-fsrs's bounds (w0, w7, w16) to test clipping.
        'params': '0.0001,0.9,3.1,15.5,7.2,0.55,2.1,0.0005,1.5,0.12,1.1,1.9,0.09,'
                  '0.33,1.4,0.35,7,0.7,0.3,0.12,0.25'}),
    dict(name='retention-0.7', seed=1003, cards=25, options={'retention': '0.7'}),
    dict(name='retention-0.97', seed=1004, cards=25, options={'retention': '0.97'}),
    dict(name='no-steps', seed=1005, cards=25,
         options={'learning-steps': '', 'relearning-steps': ''}),
    # Steps of a day or more, and three relearning steps, which lower the
    # ceiling of w17 and w18.
    dict(name='long-steps', seed=1006, cards=25,
         options={'learning-steps': '1m,1h,1d', 'relearning-steps': '10m,1h,3h'}),
    dict(name='max-interval', seed=1007, cards=25,
         options={'max-interval': '60', 'learning-steps': '5m', 'relearning-steps': '5m,30m'}),
]

PROFILES = {
    #            on-time early late  same-day midnight gap  again-run  events
    'diligent':  (0.70,   0.05, 0.15, 0.05,    0.04,    0.01, 0.03,     (8, 20)),
    'early':     (0.25,   0.45, 0.10, 0.10,    0.05,    0.05, 0.03,     (6, 16)),
    'late':      (0.25,   0.05, 0.55, 0.05,    0.05,    0.05, 0.05,     (6, 14)),
    'crammer':   (0.30,   0.10, 0.05, 0.50,    0.02,    0.03, 0.05,     (10, 25)),
    'sleeper':   (0.30,   0.05, 0.25, 0.05,    0.05,    0.30, 0.03,     (4, 10)),
    'struggler': (0.40,   0.05, 0.20, 0.10,    0.05,    0.05, 0.25,     (8, 20)),
}
RATING_WEIGHTS = {
    'struggler': (0.35, 0.25, 0.30, 0.10),
    'crammer': (0.20, 0.20, 0.45, 0.15),
}
DEFAULT_RATINGS = (0.12, 0.15, 0.58, 0.15)


def iso(t):
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')


def parse_iso(text):
    return int(datetime.datetime.strptime(text, '%Y-%m-%dT%H:%M:%SZ')
               .replace(tzinfo=datetime.timezone.utc).timestamp())


def pick(rng, weights):
    u = rng.random() * sum(weights)
    for i, w in enumerate(weights):
        u -= w
        if u < 0:
            return i
    return len(weights) - 1


class Card:
    def __init__(self, rng, index):
        self.id = 'card-%03d' % index
        self.profile = sorted(PROFILES)[int(rng.random() * len(PROFILES))]
        lo, hi = PROFILES[self.profile][7]
        self.length = lo + int(rng.random() * (hi - lo + 1))
        self.start = START + int(rng.random() * 2 * 365 * DAY)
        self.events = []          # (unix time, rating)
        self.again_run = 0
        self.last = None          # the oracle's line after the last event

    def next_event(self, rng):
        p = PROFILES[self.profile]
        if not self.events:
            t = self.start
        else:
            last_t = self.events[-1][0]
            due = parse_iso(self.last[8])
            kind = pick(rng, p[:6])
            if kind == 0:      # on time, to the second or a few minutes after
                t = due if rng.random() < 0.5 else due + int(rng.random() * 600)
            elif kind == 1:    # early: anywhere between the last review and the due time
                t = last_t + int(rng.random() * max(0, due - last_t))
            elif kind == 2:    # late: up to twice the interval, and a bit
                t = due + int(rng.random() * (2 * max(due - last_t, 600) + 3 * DAY))
            elif kind == 3:    # again the same day: 30 s to 6 h later
                t = last_t + 30 + int(rng.random() * 6 * 3600)
            elif kind == 4:    # a second either side of the UTC midnight after the due time
                midnight = (max(due, last_t + 2) // DAY + 1) * DAY
                t = midnight - 1 if rng.random() < 0.5 else midnight + 1
            else:              # years later
                t = max(due, last_t) + int((1 + rng.random() * 5) * 365 * DAY)
            t = max(t, last_t)
        if self.again_run > 0:
            self.again_run -= 1
            rating = 1
        elif self.events and rng.random() < p[6]:
            self.again_run = 2 + int(rng.random() * 4)
            rating = 1
        else:
            rating = 1 + pick(rng, RATING_WEIGHTS.get(self.profile, DEFAULT_RATINGS))
        self.events.append((t, rating))


def oracle_args(options):
    args = []
    for key, value in options.items():
        args += ['--' + key, value]
    return args


def run_oracle(oracle, options, lines):
    result = subprocess.run(['node', oracle] + oracle_args(options), input=''.join(lines),
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit('gen-vectors: the oracle failed: ' + result.stderr)
    return result.stdout


def event_lines(cards):
    events = []
    for ci, card in enumerate(cards):
        for seq, (t, rating) in enumerate(card.events):
            events.append((t, ci, seq, '%s,%s,%d\n' % (card.id, iso(t), rating)))
    events.sort()
    return [e[3] for e in events]


def generate(oracle, spec, out_dir):
    rng = random.Random(spec['seed'])
    cards = [Card(rng, i) for i in range(spec['cards'])]
    rounds = max(card.length for card in cards)
    output = ''
    for _ in range(rounds):
        for card in cards:
            if len(card.events) < card.length:
                card.next_event(rng)
        lines = event_lines(cards)
        output = run_oracle(oracle, spec['options'], lines)
        by_id = {card.id: card for card in cards}
        for line in output.splitlines():
            fields = line.split(',')
            by_id[fields[0]].last = fields
    name = spec['name']
    header = ['# FSRS reference events, set %s: generated by tests/fsrs/gen-vectors.py\n' % name,
              '# card_id,reviewed_at,rating; the options are in %s.options\n' % name,
              '\n']
    with open(os.path.join(out_dir, name + '.csv'), 'w') as f:
        f.writelines(header + lines)
    with open(os.path.join(out_dir, name + '.options'), 'w') as f:
        for key, value in spec['options'].items():
            f.write('%s=%s\n' % (key, value))
    with open(os.path.join(out_dir, name + '.expected'), 'w') as f:
        f.write(output)
    return len(lines), len(cards)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--oracle', default=os.path.normpath(
        os.path.join(HERE, '..', '..', '..', 'shared', 'tools', 'fsrs-oracle.mjs')))
    parser.add_argument('--out', default=os.path.join(HERE, 'vectors'))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    total_events = total_cards = 0
    for spec in SETS:
        events, cards = generate(args.oracle, spec, args.out)
        print('%-16s %5d events %4d cards' % (spec['name'], events, cards))
        total_events += events
        total_cards += cards
    print('%-16s %5d events %4d cards' % ('total', total_events, total_cards))


if __name__ == '__main__':
    main()
