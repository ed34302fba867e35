#!/usr/bin/env python3
# check-replay.py: runs the fsrs-replay binary the way people will
#
# Copyright 2026 The Rehearse developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   check-replay.py vectors  FSRS_REPLAY VECTORS_DIR   every set agrees with the oracle
#   check-replay.py errors   FSRS_REPLAY               bad input and bad options fail well
#   check-replay.py rollover FSRS_REPLAY               study days follow TZ and --rollover-hour
#
# Vectors: each vectors/NAME.csv through `fsrs-replay --rollover-hour 0`
# under TZ=UTC, with the options in NAME.options, must print NAME.expected:
# the same text in every field but stability and difficulty, which must be
# within 1e-4 relative (or the half millionth 6 decimals can hide).

import os
import subprocess
import sys

FIELDS = ['card_id', 'reviewed_at', 'rating', 'state', 'step', 'stability', 'difficulty',
          'scheduled_days', 'due']


def run(binary, args, text, tz='UTC'):
    env = dict(os.environ)
    if tz is not None:
        env['TZ'] = tz
    return subprocess.run([binary] + args, input=text, capture_output=True, text=True, env=env,
                          check=False)


def options_args(path):
    args = []
    with open(path) as f:
        for line in f:
            line = line.rstrip('\n')
            if not line or line.startswith('#'):
                continue
            key, value = line.split('=', 1)
            args += ['--' + key, value]
    return args


def close_enough(ours, theirs):
    a, b = float(ours), float(theirs)
    return abs(a - b) <= 1e-4 * abs(b) or abs(a - b) <= 5e-7 + 1e-12


def compare(name, ours_text, theirs_text):
    ours = ours_text.splitlines()
    theirs = theirs_text.splitlines()
    for n, (a, b) in enumerate(zip(ours, theirs), 1):
        fa, fb = a.split(','), b.split(',')
        if len(fa) != 9:
            return '%s: output line %d has %d fields: %s' % (name, n, len(fa), a)
        for i, field in enumerate(FIELDS):
            ok = close_enough(fa[i], fb[i]) if i in (5, 6) else fa[i] == fb[i]
            if not ok:
                return '%s.expected line %d: %s: ours %s, theirs %s' % (name, n, field, fa[i], fb[i])
    if len(ours) != len(theirs):
        return '%s: %d output lines, %d expected' % (name, len(ours), len(theirs))
    return None


def check_vectors(binary, vectors):
    names = sorted(f[:-len('.options')] for f in os.listdir(vectors) if f.endswith('.options'))
    if len(names) < 7:
        sys.exit('expected at least 7 sets in %s, found %d' % (vectors, len(names)))
    total = 0
    for name in names:
        args = ['--rollover-hour', '0'] + options_args(os.path.join(vectors, name + '.options'))
        with open(os.path.join(vectors, name + '.csv')) as f:
            events = f.read()
        with open(os.path.join(vectors, name + '.expected')) as f:
            expected = f.read()
        result = run(binary, args, events)
        if result.returncode != 0:
            sys.exit('%s: fsrs-replay %s failed (%d): %s' % (name, ' '.join(args), result.returncode,
                                                              result.stderr))
        problem = compare(name, result.stdout, expected)
        if problem:
            sys.exit(problem)
        n = len(expected.splitlines())
        total += n
        print('%s: %d events agree' % (name, n))
    print('%d events in %d sets' % (total, len(names)))


GOOD = 'a,2026-01-01T09:30:00Z,3\n'

# (input, extra arguments, the line or option the message must name, a fragment of it)
ERROR_CASES = [
    ('a,2026-01-01T09:30:00Z\n', [], 'line 1', 'expected card_id,reviewed_at,rating'),
    ('justtext\n', [], 'line 1', 'expected card_id,reviewed_at,rating'),
    (GOOD + 'a,2026-01-01T09:31:00Z,3,extra\n', [], 'line 2', 'too many fields'),
    (',2026-01-01T09:30:00Z,3\n', [], 'line 1', 'card id is empty'),
    ('# comment\n\n' + GOOD + 'b,2026-13-01T00:00:00Z,3\n', [], 'line 4', 'month'),
    (GOOD + 'b,2026-02-29T00:00:00Z,3\n', [], 'line 2', 'day is out of range'),
    ('b,2026-01-01 09:30:00Z,3\n', [], 'line 1', 'bad timestamp'),
    ('b,2026-01-01T09:30:00,3\n', [], 'line 1', 'bad timestamp'),
    ('b,2026-01-01T09:30:00.5Z,3\n', [], 'line 1', 'fractions of a second'),
    ('b,2026-01-01T24:00:00Z,3\n', [], 'line 1', 'time of day'),
    ('b,yesterday,3\n', [], 'line 1', 'bad timestamp'),
    (GOOD + GOOD + 'a,2026-01-01T09:30:00Z,5\n', [], 'line 3', 'rating'),
    ('a,2026-01-01T09:30:00Z,0\n', [], 'line 1', 'rating'),
    ('a,2026-01-01T09:30:00Z,33\n', [], 'line 1', 'rating'),
    ('a,2026-01-01T09:30:00Z,\n', [], 'line 1', 'rating'),
    (GOOD + 'b,2026-01-01T09:00:00Z,3\na,2026-01-01T09:29:59Z,3\n', [], 'line 3', 'back in time'),
    ('a,' + 'x' * 5000 + ',3\n', [], 'line 1', 'longer than'),
    (GOOD, ['--retention', '2'], '--retention', 'out of range'),
    (GOOD, ['--retention', '0.5'], '--retention', 'out of range'),
    (GOOD, ['--retention', 'abc'], '--retention', 'not a number'),
    (GOOD, ['--retention'], '--retention', 'missing'),
    (GOOD, ['--max-interval', '0'], '--max-interval', 'whole number'),
    (GOOD, ['--max-interval=12.5'], '--max-interval', 'whole number'),
    (GOOD, ['--learning-steps', '5x'], '--learning-steps', 'unknown unit'),
    (GOOD, ['--relearning-steps', '0m'], '--relearning-steps', 'at least 1 minute'),
    (GOOD, ['--params', '1,2,3'], '--params', 'expected 21'),
    (GOOD, ['--params', ','.join(['0.5'] * 20 + ['x'])], '--params', 'w20'),
    (GOOD, ['--rollover-hour', '24'], '--rollover-hour', 'whole number'),
    (GOOD, ['--bogus'], '--bogus', 'unknown option'),
    (GOOD, ['events.csv'], 'events.csv', 'standard input'),
]


def check_errors(binary):
    failures = 0
    for text, args, where, fragment in ERROR_CASES:
        result = run(binary, args, text)
        prefix = 'fsrs-replay: %s: ' % where
        line = result.stderr.strip()
        if result.returncode == 0 or not line.startswith(prefix) or fragment not in line:
            print('FAIL %r %r: exit %d, stderr %r (wanted %r ... %r)'
                  % (text[:60], args, result.returncode, line, prefix, fragment))
            failures += 1
        else:
            print('ok   %s' % line)
    # What is accepted: blank and comment lines, CRLF, spaces around a line,
    # zone offsets, zero fractions of a second, options as --name=value.
    ok_cases = [
        ('\n# c\n  a,2026-01-01T09:30:00Z,3  \r\n\r\n', ['--learning-steps=1m,10m'],
         'a,2026-01-01T09:30:00Z,3,learning,1,2.306500,2.118104,0,2026-01-01T09:40:00Z\n'),
        ('a,2026-01-01T10:30:00+01:00,4\n', [],
         'a,2026-01-01T10:30:00+01:00,4,review,0,8.295600,1.000000,8,2026-01-09T09:30:00Z\n'),
        ('a,2026-01-01T09:30:00.000Z,1', [],
         'a,2026-01-01T09:30:00.000Z,1,learning,0,0.212000,6.413300,0,2026-01-01T09:31:00Z\n'),
        ('', [], ''),
    ]
    for text, args, want in ok_cases:
        result = run(binary, ['--rollover-hour', '0'] + args, text)
        if result.returncode != 0 or result.stdout != want:
            print('FAIL %r %r: exit %d, stdout %r, stderr %r, wanted %r'
                  % (text, args, result.returncode, result.stdout, result.stderr, want))
            failures += 1
        else:
            print('ok   %r' % text)
    if failures:
        sys.exit('%d cases failed' % failures)


def check_rollover(binary):
    tz = os.environ.get('TZ', '')
    if tz in ('', 'UTC', 'UTC0', 'Etc/UTC'):
        sys.exit('rollover: run with TZ set to a zone ahead of UTC, such as CET-1CEST,M3.5.0,M10.5.0/3')
    # 23:00 and 01:00 CET on consecutive dates; the oracle's outputs for
    # the same ratings two hours apart on one UTC date (same study day) and
    # across a UTC midnight (one day apart).
    events = 'b,2026-01-14T22:00:00Z,3\nb,2026-01-15T00:00:00Z,3\n'
    same_day = 'review,0,2.306500,2.111214,2'
    next_day = 'review,0,7.315301,2.111214,7'
    cases = [
        (['--rollover-hour', '4'], tz, same_day),
        ([], tz, same_day),                          # 4 is the default
        (['--rollover-hour', '0'], tz, next_day),
        (['--rollover-hour', '0'], 'UTC', next_day),
        (['--rollover-hour', '4'], 'UTC', same_day),  # 22:00Z and 00:00Z are before 04:00Z
        (['--rollover-hour', '23'], 'UTC', next_day),
    ]
    failures = 0
    for args, zone, want in cases:
        result = run(binary, args, events, tz=zone)
        lines = result.stdout.splitlines()
        got = ','.join(lines[-1].split(',')[3:8]) if result.returncode == 0 and lines else result.stderr
        if got != want:
            print('FAIL TZ=%s %s: %s, wanted %s' % (zone, ' '.join(args), got, want))
            failures += 1
        else:
            print('ok   TZ=%s %s: %s' % (zone, ' '.join(args), got))
    if failures:
        sys.exit('%d cases failed' % failures)


def main():
    mode, binary = sys.argv[1], sys.argv[2]
    if mode == 'vectors':
        check_vectors(binary, sys.argv[3])
    elif mode == 'errors':
        check_errors(binary)
    elif mode == 'rollover':
        check_rollover(binary)
    else:
        sys.exit('unknown mode ' + mode)


if __name__ == '__main__':
    main()
