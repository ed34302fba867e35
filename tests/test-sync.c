/* test-sync.c: review history that travels: merge, export/import, folder sync
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The property at the heart of it: two computers that study, undo, reset
 * and suspend independently, and pass their log files to each other in any
 * order (cut short mid-line, duplicated, as conflict copies), end with the
 * same card states once everything has been exchanged; and those states are
 * what fsrs-replay (an independent replay of the same rules) computes from
 * the union of their events.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rh-backups.h"
#include "rh-progress-file.h"
#include "rh-store-private.h"
#include "rh-stats.h"
#include "rh-sync.h"
#include "rh-test-core.h"
#include "rh-test-utils.h"

#define T0 G_GINT64_CONSTANT (1767258000)   /* 2026-01-01 09:00 UTC */
#define N_CARDS 6

typedef struct {
  RhClock *clock;
  RhCollection *collection;
  RhSync *sync;
  char *folder;
} Computer;

static void
computer_init (Computer   *computer,
               const char *name,
               gint64      now,
               gboolean    fuzz)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *store_name = g_strdup_printf ("%s-store", name);
  g_autofree char *folder_name = g_strdup_printf ("%s-folder", name);

  computer->clock = rh_clock_new_fake (now, utc);
  computer->collection = rh_test_collection_new (store_name, "small-deck.xml", computer->clock, 0);
  g_object_set (rh_collection_get_options (computer->collection), "fuzz", fuzz, NULL);
  computer->folder = rh_test_make_dir (folder_name);
  computer->sync = rh_sync_new (computer->collection);
  rh_sync_set_folder (computer->sync, computer->folder);
}

static void
computer_clear (Computer *computer)
{
  g_clear_object (&computer->sync);
  g_clear_object (&computer->collection);
  g_clear_object (&computer->clock);
  g_clear_pointer (&computer->folder, g_free);
}

static void
run_sync (Computer *computer)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rh_sync_run (computer->sync, NULL, &error));
  g_assert_no_error (error);
}

static char *
own_file (Computer *computer)
{
  return rh_sync_get_own_path (computer->sync);
}

static char *
read_whole (const char *path,
            gsize      *length)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, NULL));
  return contents;
}

static void
write_at (const char *path,
          const char *data,
          gsize       length,
          gboolean    append)
{
  FILE *f = fopen (path, append ? "ab" : "wb");

  g_assert_nonnull (f);
  g_assert_cmpuint (fwrite (data, 1, length, f), ==, length);
  g_assert_cmpint (fclose (f), ==, 0);
}

/* How a sync engine might deliver @from's file into @to's folder: whole,
 * as the rest of what it delivered before, cut short, or under another
 * name (a conflict copy). */
static void
deliver (Computer *from,
         Computer *to,
         GRand    *rand)
{
  g_autofree char *source = own_file (from);
  g_autofree char *name = g_path_get_basename (source);
  g_autofree char *target = NULL;
  g_autofree char *data = NULL;
  g_autofree char *there = NULL;
  gsize length, there_length = 0;
  gsize cut;
  int how = g_rand_int_range (rand, 0, 4);

  run_sync (from);
  data = read_whole (source, &length);
  if (how == 3)
    {
      g_autofree char *stem = g_strndup (name, strlen (name) - 4);
      g_autofree char *conflict = g_strdup_printf ("%s (conflicted copy %u).log", stem,
                                                   g_rand_int_range (rand, 0, 3));

      target = g_build_filename (to->folder, conflict, NULL);
    }
  else
    target = g_build_filename (to->folder, name, NULL);

  cut = how == 2 ? (gsize)g_rand_int_range (rand, 0, (gint32)length + 1) : length;
  if (g_file_test (target, G_FILE_TEST_EXISTS))
    there = read_whole (target, &there_length);
  if (how == 1 && there != NULL && there_length <= cut && memcmp (there, data, there_length) == 0)
    write_at (target, data + there_length, cut - there_length, TRUE);   /* grown in place */
  else
    write_at (target, data, cut, FALSE);
}

static void
act (Computer *computer,
     GRand    *rand,
     char     *ids[N_CARDS])
{
  g_autoptr(GError) error = NULL;
  const char *id = ids[g_rand_int_range (rand, 0, N_CARDS)];
  int what = g_rand_int_range (rand, 0, 100);

  if (what < 55)
    rh_collection_grade (computer->collection, rh_test_card (computer->collection, id),
                         (RhRating)g_rand_int_range (rand, 1, 5), g_rand_int_range (rand, 0, 30000),
                         what < 5, NULL, &error);
  else if (what < 72)
    rh_collection_undo (computer->collection, NULL, &error);
  else if (what < 82)
    rh_collection_redo (computer->collection, NULL, &error);
  else if (what < 88)
    rh_collection_reset_card (computer->collection, id, &error);
  else
    {
      const RhStoredCard *stored = rh_collection_lookup_state (computer->collection, id);

      rh_collection_set_suspended (computer->collection, id, stored == NULL || !stored->suspended, &error);
    }
  g_assert_no_error (error);
}

/* fsrs-replay --final of both computers' events: card id -> its line. */
static GHashTable *
reference_states (Computer *a,
                  Computer *b)
{
  g_autofree char *path_a = own_file (a);
  g_autofree char *path_b = own_file (b);
  g_autofree char *text_a = read_whole (path_a, NULL);
  g_autofree char *text_b = read_whole (path_b, NULL);
  g_autofree char *input = g_build_filename (a->folder, "union.txt", NULL);
  g_autofree char *union_text = g_strconcat (text_a, text_b, NULL);
  const char *replay = g_getenv ("FSRS_REPLAY");
  const char *argv[] = { replay, "--final", "--fuzz", "--rollover-hour", "0", NULL };
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_assert_nonnull (replay);
  write_at (input, union_text, strlen (union_text), FALSE);
  g_subprocess_launcher_setenv (launcher, "TZ", "UTC", TRUE);
  g_subprocess_launcher_set_stdin_file_path (launcher, input);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_exit_status (process) != 0)
    g_error ("fsrs-replay failed: %s", err);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *comma = strchr (lines[i], ',');

      if (comma != NULL)
        g_hash_table_insert (states, g_strndup (lines[i], (gsize)(comma - lines[i])), g_strdup (lines[i]));
    }
  return states;
}

static const char *
state_name (RhCardStateKind state)
{
  const char *names[] = { "new", "learning", "review", "relearning" };

  return names[state];
}

/* The card's state as fsrs-replay prints it, from its fields that follow
 * card_id,reviewed_at,rating: state,step,stability,difficulty,scheduled_days,due */
static char *
format_state (const RhCardState *state)
{
  g_autoptr(GDateTime) due = g_date_time_new_from_unix_utc (state->due);
  g_autofree char *due_text = g_date_time_format (due, "%Y-%m-%dT%H:%M:%SZ");

  return g_strdup_printf ("%s,%d,%.6f,%.6f,%d,%s", state_name (state->state), state->step,
                          state->stability, state->difficulty, state->scheduled_days, due_text);
}

static const char *
skip_fields (const char *line,
             int         n)
{
  for (int i = 0; i < n && line != NULL; i++)
    {
      line = strchr (line, ',');
      if (line != NULL)
        line++;
    }
  return line;
}

static void
assert_same_states (Computer   *a,
                    Computer   *b,
                    GHashTable *reference,
                    char       *ids[N_CARDS],
                    guint32     seed)
{
  for (guint i = 0; i < N_CARDS; i++)
    {
      const RhStoredCard *sa = rh_collection_lookup_state (a->collection, ids[i]);
      const RhStoredCard *sb = rh_collection_lookup_state (b->collection, ids[i]);
      const char *line = g_hash_table_lookup (reference, ids[i]);
      RhCardState fresh;

      rh_card_state_init_new (&fresh, 0);
      if ((sa == NULL) != (sb == NULL) ||
          (sa != NULL && (memcmp (&sa->state, &sb->state, sizeof sa->state) != 0 ||
                          sa->suspended != sb->suspended)))
        g_error ("seed %u: %s differs between the two computers: %s%s / %s%s", seed, ids[i],
                 sa != NULL ? format_state (&sa->state) : "none", sa != NULL && sa->suspended ? " suspended" : "",
                 sb != NULL ? format_state (&sb->state) : "none", sb != NULL && sb->suspended ? " suspended" : "");
      if (line == NULL || g_str_has_prefix (skip_fields (line, 3), "new,"))
        {
          /* Never answered, all undone, or reset last: a new card. */
          if (sa != NULL && sa->state.state != RH_CARD_NEW)
            g_error ("seed %u: %s should be new, is %s", seed, ids[i], format_state (&sa->state));
        }
      else
        {
          g_autofree char *mine = format_state (sa != NULL ? &sa->state : &fresh);

          if (strcmp (mine, skip_fields (line, 3)) != 0)
            g_error ("seed %u: %s is %s, fsrs-replay says %s", seed, ids[i], mine, skip_fields (line, 3));
        }
    }
}

static void
run_scenario (guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GHashTable) reference = NULL;
  char *ids[N_CARDS];
  Computer c[2];

  computer_init (&c[0], "a", T0, TRUE);
  computer_init (&c[1], "b", T0 + g_rand_int_range (rand, 0, 600), TRUE);
  for (guint i = 0; i < N_CARDS; i++)
    ids[i] = g_strdup_printf ("small/c%02u", i);

  for (int step = 0; step < 40; step++)
    {
      int which = g_rand_int_range (rand, 0, 2);
      int what = g_rand_int_range (rand, 0, 10);

      if (what < 7)
        act (&c[which], rand, ids);
      else if (what < 9)
        deliver (&c[which], &c[1 - which], rand);
      else
        run_sync (&c[which]);
      /* Minutes to days pass; the two clocks need not agree. */
      rh_clock_advance (c[which].clock, g_rand_int_range (rand, 30, 4 * 86400));
      if (g_rand_boolean (rand))
        rh_clock_advance (c[1 - which].clock, g_rand_int_range (rand, 30, 4 * 86400));
    }

  /* Everything exchanged, whole, both ways, twice. */
  for (int round = 0; round < 2; round++)
    for (int which = 0; which < 2; which++)
      {
        g_autofree char *source = own_file (&c[which]);
        g_autofree char *name = g_path_get_basename (source);
        g_autofree char *target = g_build_filename (c[1 - which].folder, name, NULL);
        g_autofree char *data = NULL;
        gsize length;

        run_sync (&c[which]);
        data = read_whole (source, &length);
        write_at (target, data, length, FALSE);
        run_sync (&c[1 - which]);
      }

  reference = reference_states (&c[0], &c[1]);
  assert_same_states (&c[0], &c[1], reference, ids, seed);
  for (guint i = 0; i < N_CARDS; i++)
    g_free (ids[i]);
  computer_clear (&c[0]);
  computer_clear (&c[1]);
}

/* At least 500 random scenarios (REHEARSE_SYNC_SCENARIOS for more); each
 * failure names its seed, and REHEARSE_SYNC_SEED runs that one alone. */
static void
test_two_computers (void)
{
  const char *only = g_getenv ("REHEARSE_SYNC_SEED");
  const char *count = g_getenv ("REHEARSE_SYNC_SCENARIOS");
  guint32 base = g_test_rand_int ();
  guint n = count != NULL ? (guint)g_ascii_strtoull (count, NULL, 10) : 500;

  if (only != NULL)
    {
      run_scenario ((guint32)g_ascii_strtoull (only, NULL, 10));
      return;
    }
  g_test_message ("first seed %u", base);
  for (guint i = 0; i < n; i++)
    run_scenario (base + i);
}


/* --- Export and import -------------------------------------------------------- */

static char *
export_text (RhCollection *collection,
             const char   *name)
{
  g_autofree char *dir = rh_test_make_dir (name);
  g_autofree char *path = g_build_filename (dir, "progress.log", NULL);
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (rh_collection_export_progress (collection, path, &n, &error));
  g_assert_no_error (error);
  return read_whole (path, NULL);
}

/* A history with every kind of event in it. */
static void
study_a_little (Computer *c)
{
  g_autoptr(GError) error = NULL;
  const char *cards[] = { "small/c00", "small/c01", "small/c02", "small/c03" };

  for (int round = 0; round < 4; round++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
        {
          g_assert_true (rh_collection_grade (c->collection, rh_test_card (c->collection, cards[i]),
                                              (RhRating)(1 + (round + i) % 4), 3000, FALSE, NULL, &error));
          rh_clock_advance (c->clock, 600);
        }
      rh_clock_advance (c->clock, 2 * 86400);
    }
  g_assert_true (rh_collection_grade (c->collection, rh_test_card (c->collection, "small/c04"),
                                      RH_RATING_GOOD, 100, TRUE, NULL, &error));
  g_assert_true (rh_collection_undo (c->collection, NULL, &error));
  g_assert_true (rh_collection_undo (c->collection, NULL, &error));
  g_assert_true (rh_collection_redo (c->collection, NULL, &error));
  g_assert_true (rh_collection_reset_card (c->collection, "small/c02", &error));
  g_assert_true (rh_collection_set_suspended (c->collection, "small/c03", TRUE, &error));
  g_assert_no_error (error);
}

static void
assert_same_cards (RhCollection *a,
                   RhCollection *b)
{
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("small/c%02u", i);
      const RhStoredCard *sa = rh_collection_lookup_state (a, id);
      const RhStoredCard *sb = rh_collection_lookup_state (b, id);

      g_assert_true ((sa == NULL) == (sb == NULL));
      if (sa != NULL)
        {
          g_assert_cmpmem (&sa->state, sizeof sa->state, &sb->state, sizeof sb->state);
          g_assert_cmpint (sa->suspended, ==, sb->suspended);
        }
    }
}

/* Export, then import into an empty collection: the same card states, and
 * its export is the same file. */
static void
test_round_trip (void)
{
  Computer a, b;
  g_autofree char *dir = rh_test_make_dir ("round-trip");
  g_autofree char *path = g_build_filename (dir, "progress.log", NULL);
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;
  g_autoptr(GError) error = NULL;
  RhMergeCounts counts = { 0 };
  guint n = 0;

  computer_init (&a, "rt-a", T0, TRUE);
  computer_init (&b, "rt-b", T0, TRUE);
  rh_sync_set_folder (a.sync, NULL);
  rh_sync_set_folder (b.sync, NULL);
  study_a_little (&a);
  g_assert_true (rh_collection_export_progress (a.collection, path, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 16 + 1 + 3 + 1 + 1);   /* answers, practice, undo×2 + redo, reset, suspend */
  g_assert_true (rh_collection_import_progress (b.collection, path, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_new, ==, n);
  g_assert_cmpuint (counts.n_known, ==, 0);
  assert_same_cards (a.collection, b.collection);
  g_assert_nonnull (rh_collection_lookup_state (b.collection, "small/c03"));
  g_assert_true (rh_collection_lookup_state (b.collection, "small/c03")->suspended);

  /* Everything again: nothing new, nothing changed. */
  g_assert_true (rh_collection_import_progress (b.collection, path, &counts, &error));
  g_assert_cmpuint (counts.n_new, ==, 0);
  g_assert_cmpuint (counts.n_known, ==, n);
  text_a = export_text (a.collection, "rt-export-a");
  text_b = export_text (b.collection, "rt-export-b");
  g_assert_cmpstr (text_a, ==, text_b);
  computer_clear (&a);
  computer_clear (&b);
}

typedef struct {
  const char *name;
  const char *content;     /* NULL: made by the test */
  int         code;        /* RhProgressError, or -1 for the store's conflict */
  const char *says;        /* in the message, after the file name */
} Refusal;

#define H "# rehearse-progress 1\n"
#define GOOD "small/c00,2026-01-01T09:30:00Z,3,3fa9c2d1e0b4a7f6-00000000002a,5400,learn,\n"

/* Every refusal names the file (and the line), and nothing is written. */
static void
test_refusals (void)
{
  static const Refusal refusals[] = {
    { "empty", "", RH_PROGRESS_ERROR_NOT_PROGRESS, ": the file is empty" },
    { "no-header", GOOD, RH_PROGRESS_ERROR_NOT_PROGRESS, ":1: not a Rehearse progress file" },
    { "csv-header", "card_id,reviewed_at,rating\n", RH_PROGRESS_ERROR_NOT_PROGRESS, ":1: not a Rehearse" },
    { "newer", "# rehearse-progress 2\n" GOOD, RH_PROGRESS_ERROR_TOO_NEW, ": written by a newer Rehearse (progress format 2" },
    { "six-columns", H GOOD "small/c00,2026-01-02T09:30:00Z,3,3fa9c2d1e0b4a7f6-00000000002b,5400,learn\n",
      RH_PROGRESS_ERROR_SYNTAX, ":3: expected 7 columns" },
    { "eight-columns", H "small/c00,2026-01-02T09:30:00Z,3,3fa9c2d1e0b4a7f6-00000000002b,5400,learn,,\n",
      RH_PROGRESS_ERROR_SYNTAX, ":2: more than 7 columns" },
    { "bad-date", H "small/c00,2026-02-30T09:30:00Z,3,3fa9c2d1e0b4a7f6-00000000002b,5400,learn,\n",
      RH_PROGRESS_ERROR_SYNTAX, ":2: the time is not" },
    { "local-time", H "small/c00,2026-02-03T09:30:00+01:00,3,3fa9c2d1e0b4a7f6-00000000002b,5400,learn,\n",
      RH_PROGRESS_ERROR_SYNTAX, ":2: the time is not" },
    { "rating-5", H "small/c00,2026-01-02T09:30:00Z,5,3fa9c2d1e0b4a7f6-00000000002b,5400,learn,\n",
      RH_PROGRESS_ERROR_SYNTAX, ":2: the rating is not 0 to 4" },
    { "answer-without-rating", H "small/c00,2026-01-02T09:30:00Z,0,3fa9c2d1e0b4a7f6-00000000002b,5400,review,\n",
      RH_PROGRESS_ERROR_SYNTAX, ":2: an answer needs a rating" },
    { "undo-with-rating", H "small/c00,2026-01-02T09:30:00Z,3,3fa9c2d1e0b4a7f6-00000000002b,0,undo,3fa9c2d1e0b4a7f6-00000000002a\n",
      RH_PROGRESS_ERROR_SYNTAX, ":2: only answers have a rating" },
    { "upper-case-id", H "small/c00,2026-01-02T09:30:00Z,3,3FA9C2D1E0B4A7F6-00000000002b,5400,learn,\n",
      RH_PROGRESS_ERROR_SYNTAX, ":2: the review id is not" },
    { "short-id", H "small/c00,2026-01-02T09:30:00Z,3,3fa9c2d1e0b4a7f6-2b,5400,learn,\n",
      RH_PROGRESS_ERROR_SYNTAX, ":2: the review id is not" },
    { "negative-duration", H "small/c00,2026-01-02T09:30:00Z,3,3fa9c2d1e0b4a7f6-00000000002b,-5,learn,\n",
      RH_PROGRESS_ERROR_SYNTAX, ":2: the duration" },
    { "unknown-kind", H "small/c00,2026-01-02T09:30:00Z,3,3fa9c2d1e0b4a7f6-00000000002b,5400,cram,\n",
      RH_PROGRESS_ERROR_SYNTAX, ":2: the kind is not" },
    { "target-on-grade", H "small/c00,2026-01-02T09:30:00Z,3,3fa9c2d1e0b4a7f6-00000000002b,5400,learn,3fa9c2d1e0b4a7f6-00000000002a\n",
      RH_PROGRESS_ERROR_SYNTAX, ":2: only an undo or redo has a target" },
    { "undo-without-target", H "small/c00,2026-01-02T09:30:00Z,0,3fa9c2d1e0b4a7f6-00000000002b,0,undo,\n",
      RH_PROGRESS_ERROR_SYNTAX, ":2: an undo or redo needs" },
    { "empty-card", H ",2026-01-02T09:30:00Z,3,3fa9c2d1e0b4a7f6-00000000002b,5400,learn,\n",
      RH_PROGRESS_ERROR_SYNTAX, ":2: the card id is empty" },
    { "control-in-card", H "small/\tc00,2026-01-02T09:30:00Z,3,3fa9c2d1e0b4a7f6-00000000002b,5400,learn,\n",
      RH_PROGRESS_ERROR_SYNTAX, ":2: the card id" },
    { "latin-1", H "small/c\xe9,2026-01-02T09:30:00Z,3,3fa9c2d1e0b4a7f6-00000000002b,5400,learn,\n",
      RH_PROGRESS_ERROR_SYNTAX, ":2: the card id" },
    { "nul-byte", NULL, RH_PROGRESS_ERROR_SYNTAX, ":3: the line holds a NUL byte" },
    { "long-line", NULL, RH_PROGRESS_ERROR_SYNTAX, ":2: the line is too long" },
    { "bad-line-last", NULL, RH_PROGRESS_ERROR_SYNTAX, ":2002: expected 7 columns" },
    { "conflict", H "small/c05,2026-01-01T09:30:00Z,2,3fa9c2d1e0b4a7f6-000000000001,5400,learn,\n", -1,
      ":2: review id 3fa9c2d1e0b4a7f6-000000000001 was already recorded for a different event" },
    { "leading-zero", H "small/c00,2026-01-02T09:30:00Z,03,3fa9c2d1e0b4a7f6-00000000002b,5400,learn,\n",
      RH_PROGRESS_ERROR_SYNTAX, ":2: the rating is not 0 to 4" },
    { "year-3000", H "small/c00,3000-01-02T09:30:00Z,3,3fa9c2d1e0b4a7f6-00000000002b,5400,learn,\n",
      RH_PROGRESS_ERROR_SYNTAX, ":2: the time is not" },
    { "same-id-twice", H "small/c00,2026-01-02T09:30:00Z,3,3fa9c2d1e0b4a7f6-00000000002b,5400,learn,\n"
      "small/c00,2026-01-02T09:30:00Z,1,3fa9c2d1e0b4a7f6-00000000002b,5400,learn,\n", -1,
      ":3: review id 3fa9c2d1e0b4a7f6-00000000002b was already recorded for a different event" },
    { "other-target", H "small/c05,2026-01-02T09:30:00Z,0,3fa9c2d1e0b4a7f6-00000000002c,0,undo,3fa9c2d1e0b4a7f6-000000000001\n"
      "small/c05,2026-01-02T09:30:00Z,0,3fa9c2d1e0b4a7f6-00000000002c,0,undo,3fa9c2d1e0b4a7f6-000000000002\n", -1,
      ":3: review id 3fa9c2d1e0b4a7f6-00000000002c was already recorded for a different event" },
    { "directory", NULL, RH_PROGRESS_ERROR_FILE, ": not a regular file" },
    { "fifo", NULL, RH_PROGRESS_ERROR_FILE, ": not a regular file" },
    { "missing", NULL, RH_PROGRESS_ERROR_FILE, ": cannot be read" },
  };
  g_autofree char *dir = rh_test_make_dir ("refusals");
  g_autofree char *seed = g_build_filename (dir, "seed.log", NULL);
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  RhMergeCounts counts;
  Computer c;

  computer_init (&c, "refuse", T0, TRUE);
  rh_sync_set_folder (c.sync, NULL);
  /* Something in the store first, for the conflict. */
  write_at (seed, H "small/c05,2026-01-01T09:30:00Z,3,3fa9c2d1e0b4a7f6-000000000001,5400,learn,\n",
            strlen (H) + strlen (GOOD), FALSE);
  g_assert_true (rh_collection_import_progress (c.collection, seed, &counts, &error));
  g_assert_no_error (error);
  before = export_text (c.collection, "refusals-before");

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      const Refusal *r = &refusals[i];
      g_autofree char *path = g_build_filename (dir, r->name, NULL);
      g_autofree char *after = NULL;
      g_autofree char *expected = NULL;

      if (r->content != NULL)
        write_at (path, r->content, strlen (r->content), FALSE);
      else if (strcmp (r->name, "nul-byte") == 0)
        write_at (path, H GOOD "small/c00\0,x\n", strlen (H GOOD) + 13, FALSE);
      else if (strcmp (r->name, "long-line") == 0)
        {
          g_autofree char *line = g_strnfill (5000, 'x');
          g_autofree char *text = g_strconcat (H, line, "\n", NULL);

          write_at (path, text, strlen (text), FALSE);
        }
      else if (strcmp (r->name, "bad-line-last") == 0)
        {
          g_autoptr(GString) text = g_string_new (H);

          for (guint n = 0; n < 2000; n++)
            g_string_append_printf (text, "small/c%02u,2026-01-%02uT09:30:00Z,3,0000000000000001-%012x,100,learn,\n",
                                    n % 10, 1 + n % 28, n + 1);
          g_string_append (text, "small/c00,oops\n");
          write_at (path, text->str, text->len, FALSE);
        }
      else if (strcmp (r->name, "directory") == 0)
        g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
      else if (strcmp (r->name, "fifo") == 0)
        g_assert_cmpint (mkfifo (path, 0600), ==, 0);

      g_clear_error (&error);
      g_assert_false (rh_collection_import_progress (c.collection, path, &counts, &error));
      if (r->code >= 0)
        g_assert_error (error, RH_PROGRESS_ERROR, r->code);
      else
        g_assert_error (error, RH_STORE_ERROR, RH_STORE_ERROR_CONFLICT);
      expected = g_strconcat (path, r->says, NULL);
      if (!g_str_has_prefix (error->message, expected))
        g_error ("%s: “%s” does not start with “%s”", r->name, error->message, expected);
      after = export_text (c.collection, "refusals-after");
      g_assert_cmpstr (after, ==, before);
    }
  computer_clear (&c);
}

/* What a file may look like and still be read: CRLF line ends, a byte order
 * mark, comments, blank lines, a header alone. */
static void
test_accepted_forms (void)
{
  g_autofree char *dir = rh_test_make_dir ("accepted");
  g_autofree char *path = g_build_filename (dir, "crlf.log", NULL);
  g_autofree char *header_only = g_build_filename (dir, "header.log", NULL);
  const char text[] = "\xef\xbb\xbf# rehearse-progress 1\r\n# a comment\r\n\r\n"
                      "small/c00,2026-01-01T09:30:00Z,3,3fa9c2d1e0b4a7f6-00000000002a,5400,learn,\r\n"
                      "small/c00,2026-01-01T09:31:00Z,0,3fa9c2d1e0b4a7f6-00000000002b,0,suspend,";
  g_autoptr(GError) error = NULL;
  RhMergeCounts counts;
  Computer c;

  computer_init (&c, "accepted", T0, TRUE);
  write_at (path, text, strlen (text), FALSE);
  g_assert_true (rh_collection_import_progress (c.collection, path, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_new, ==, 2);
  g_assert_cmpint (rh_collection_lookup_state (c.collection, "small/c00")->state.state, ==, RH_CARD_LEARNING);
  g_assert_true (rh_collection_lookup_state (c.collection, "small/c00")->suspended);
  write_at (header_only, H, strlen (H), FALSE);
  g_assert_true (rh_collection_import_progress (c.collection, header_only, &counts, &error));
  g_assert_cmpuint (counts.n_new, ==, 0);
  computer_clear (&c);
}


/* An event that claims this computer's device id and is not in its store
 * (a hostile or mistaken file): refused, and grading goes on with ids that
 * are still free. */
static void
test_own_device_claimed (void)
{
  g_autofree char *dir = rh_test_make_dir ("claimed");
  g_autofree char *path = g_build_filename (dir, "claim.log", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  RhMergeCounts counts;
  RhReview graded = { 0 };
  Computer c;

  computer_init (&c, "claimed", T0, TRUE);
  rh_sync_set_folder (c.sync, NULL);
  text = g_strdup_printf (H "small/c01,2026-01-01T00:00:00Z,0,%016" G_GINT64_MODIFIER "x-ffffffffffff,0,suspend,\n",
                          rh_store_get_device (_rh_collection_get_store (c.collection)));
  write_at (path, text, strlen (text), FALSE);
  g_assert_false (rh_collection_import_progress (c.collection, path, &counts, &error));
  g_assert_error (error, RH_STORE_ERROR, RH_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, ":2: review id "));
  g_assert_nonnull (strstr (error->message, "claims to be of this computer"));
  g_clear_error (&error);
  g_assert_true (rh_collection_grade (c.collection, rh_test_card (c.collection, "small/c01"), RH_RATING_GOOD,
                                      1000, FALSE, &graded, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (graded.uid.seq, <, 1000);
  rh_review_clear (&graded);
  computer_clear (&c);
}

/* A grade after another computer's answer dated far ahead (a wrong clock)
 * is dated now, not after it, and the card is what a replay gives: a fresh
 * collection that imports the same events agrees. */
static void
test_answer_before_future_one (void)
{
  g_autofree char *dir = rh_test_make_dir ("future");
  g_autofree char *path = g_build_filename (dir, "future.log", NULL);
  g_autofree char *exported = g_build_filename (dir, "export.log", NULL);
  const char text[] = H "small/c02,2031-06-01T00:00:00Z,3,00000000000000ab-000000000001,1000,learn,\n";
  g_autoptr(GError) error = NULL;
  RhMergeCounts counts;
  RhReview graded = { 0 };
  Computer a, b;

  computer_init (&a, "future-a", T0, TRUE);
  computer_init (&b, "future-b", T0, TRUE);
  rh_sync_set_folder (a.sync, NULL);
  rh_sync_set_folder (b.sync, NULL);
  write_at (path, text, strlen (text), FALSE);
  g_assert_true (rh_collection_import_progress (a.collection, path, &counts, &error));
  g_assert_true (rh_collection_grade (a.collection, rh_test_card (a.collection, "small/c02"), RH_RATING_AGAIN,
                                      1000, FALSE, &graded, &error));
  g_assert_no_error (error);
  g_assert_cmpint (graded.reviewed_at, ==, T0);
  rh_review_clear (&graded);
  g_assert_true (rh_collection_reset_card (a.collection, "small/c02", &error));
  g_assert_true (rh_collection_grade (a.collection, rh_test_card (a.collection, "small/c02"), RH_RATING_EASY,
                                      1000, FALSE, NULL, &error));
  g_assert_true (rh_collection_set_suspended (a.collection, "small/c02", TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (rh_collection_export_progress (a.collection, exported, NULL, &error));
  g_assert_true (rh_collection_import_progress (b.collection, exported, &counts, &error));
  g_assert_no_error (error);
  assert_same_cards (a.collection, b.collection);
  computer_clear (&a);
  computer_clear (&b);
}

/* Our own file put back to an older copy (a sync engine going back): it is
 * written whole again, so no event of ours goes missing from it. */
static void
test_own_file_reverted (void)
{
  Computer c;
  g_autofree char *own = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  computer_init (&c, "own-reverted", T0, TRUE);
  g_assert_true (rh_collection_grade (c.collection, rh_test_card (c.collection, "small/c01"),
                                      RH_RATING_GOOD, 1000, FALSE, NULL, &error));
  g_assert_true (rh_collection_grade (c.collection, rh_test_card (c.collection, "small/c02"),
                                      RH_RATING_GOOD, 1000, FALSE, NULL, &error));
  run_sync (&c);
  own = own_file (&c);
  g_assert_true (g_file_set_contents (own, H, -1, NULL));
  g_assert_true (rh_collection_grade (c.collection, rh_test_card (c.collection, "small/c03"),
                                      RH_RATING_GOOD, 1000, FALSE, NULL, &error));
  run_sync (&c);
  text = read_whole (own, NULL);
  g_assert_nonnull (strstr (text, "small/c01,"));
  g_assert_nonnull (strstr (text, "small/c02,"));
  g_assert_nonnull (strstr (text, "small/c03,"));
  computer_clear (&c);
}

/* Our file cannot be written (a folder we may not write): the others are
 * merged all the same, and the run says what failed. */
static void
test_read_without_write (void)
{
  Computer c;
  g_autofree char *own = NULL;
  g_autofree char *other = NULL;
  const char text[] = H "small/c04,2026-01-01T09:30:00Z,3,00000000000000ac-000000000001,1000,learn,\n";
  g_autoptr(GError) error = NULL;
  guint merged = 0;

  computer_init (&c, "read-no-write", T0, TRUE);
  own = own_file (&c);
  g_unlink (own);
  g_assert_cmpint (g_mkdir (own, 0700), ==, 0);   /* where our file should be */
  other = g_build_filename (c.folder, "rehearse-00000000000000ac.log", NULL);
  write_at (other, text, strlen (text), FALSE);
  g_assert_false (rh_sync_run (c.sync, &merged, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (merged, ==, 1);
  g_assert_nonnull (rh_collection_lookup_state (c.collection, "small/c04"));
  g_assert_cmpint (g_rmdir (own), ==, 0);
  computer_clear (&c);
}


/* The statistics' copy of the log follows a merge (answers that land in
 * the middle of the log) and an undo that is not at its end. */
static void
test_statistics_follow (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStats) stats = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  RhStatsReport report = { 0 };
  RhMergeCounts counts;
  Computer a, b;

  computer_init (&a, "stats-a", T0, TRUE);
  computer_init (&b, "stats-b", T0 + 3600, TRUE);
  rh_sync_set_folder (a.sync, NULL);
  rh_sync_set_folder (b.sync, NULL);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("small/c%02u", i);

      g_assert_true (rh_collection_grade (a.collection, rh_test_card (a.collection, id), RH_RATING_GOOD,
                                          1000, FALSE, NULL, &error));
      g_assert_true (rh_collection_grade (b.collection, rh_test_card (b.collection, id), RH_RATING_EASY,
                                          1000, FALSE, NULL, &error));
      g_assert_no_error (error);
    }
  stats = rh_stats_new (b.collection);
  g_assert_true (rh_stats_sync (stats, &error));
  rh_stats_compute (stats, NULL, &report);
  g_assert_cmpuint (report.n_reviews, ==, 5);
  rh_stats_report_clear (&report);

  dir = rh_test_make_dir ("stats-file");
  path = g_build_filename (dir, "a.log", NULL);
  g_assert_true (rh_collection_export_progress (a.collection, path, NULL, &error));
  g_assert_true (rh_collection_import_progress (b.collection, path, &counts, &error));
  g_assert_no_error (error);
  g_assert_true (rh_stats_sync (stats, &error));
  rh_stats_compute (stats, NULL, &report);
  g_assert_cmpuint (report.n_reviews, ==, 10);
  rh_stats_report_clear (&report);

  /* B answers, then A's next answer comes in after it: B's latest own
   * answer is no longer the log's last row, and undoing it deletes a row
   * in the middle. */
  g_assert_true (rh_collection_grade (b.collection, rh_test_card (b.collection, "small/c05"), RH_RATING_GOOD,
                                      1000, FALSE, NULL, &error));
  g_assert_true (rh_stats_sync (stats, &error));
  rh_clock_advance (a.clock, 7200);
  g_assert_true (rh_collection_grade (a.collection, rh_test_card (a.collection, "small/c06"), RH_RATING_GOOD,
                                      1000, FALSE, NULL, &error));
  g_unlink (path);
  g_assert_true (rh_collection_export_progress (a.collection, path, NULL, &error));
  g_assert_true (rh_collection_import_progress (b.collection, path, &counts, &error));
  g_assert_cmpuint (counts.n_new, ==, 1);
  g_assert_true (rh_stats_sync (stats, &error));
  rh_stats_compute (stats, NULL, &report);
  g_assert_cmpuint (report.n_reviews, ==, 12);
  rh_stats_report_clear (&report);
  g_assert_true (rh_collection_undo (b.collection, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (rh_collection_lookup_state (b.collection, "small/c05"));
  g_assert_true (rh_stats_sync (stats, &error));
  rh_stats_compute (stats, NULL, &report);
  g_assert_cmpuint (report.n_reviews, ==, 11);
  rh_stats_report_clear (&report);
  computer_clear (&a);
  computer_clear (&b);
}


/* A version 2 file whose answers are out of time order (older versions let
 * a clock set back through) and with a suspended card: after the upgrade
 * its states are what a replay gives (a fresh collection importing its
 * export agrees), and the suspension travels as an event. */
static void
test_upgrade_replays (void)
{
  g_autofree char *dir = rh_test_make_dir ("upgrade");
  g_autofree char *db_path = g_build_filename (dir, "rehearse.db", NULL);
  g_autofree char *exported = g_build_filename (dir, "export.log", NULL);
  g_autofree char *text = NULL;
  g_autoptr(RhClock) clock = rh_clock_new_fake (T0 + 30 * 86400, NULL);
  g_autoptr(RhSchedulingOptions) options = rh_scheduling_options_new ();
  g_autoptr(RhCollection) old = NULL;
  g_autoptr(GError) error = NULL;
  RhMergeCounts counts;
  sqlite3 *db = NULL;
  Computer fresh;

  g_assert_true (_rh_store_create_at_version (db_path, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  /* Graded on the 5th twice, then on the 1st (the clock set back): the
   * states as version 2 computed them, in that order. */
  g_assert_cmpint (sqlite3_exec (db,
    "INSERT INTO review_log (card_id, reviewed_at, rating, duration_ms, kind,"
    "  state_before, step_before, stability_before, difficulty_before, due_before,"
    "  last_review_before, scheduled_days_before, reps_before, lapses_before,"
    "  state_after, step_after, stability_after, difficulty_after, due_after,"
    "  last_review_after, scheduled_days_after, reps_after, lapses_after) VALUES"
    " ('small/c00', 1767603600, 3, 900, 'learn', 0, 0, 0, 0, 1767603600, 0, 0, 0, 0,"
    "   1, 1, 2.3065, 2.11810397, 1767604200, 1767603600, 0, 1, 0),"
    " ('small/c00', 1767604200, 3, 900, 'learn', 1, 1, 2.3065, 2.11810397, 1767604200, 1767603600, 0, 1, 0,"
    "   2, 0, 2.3065, 2.11810397, 1767776400, 1767604200, 2, 2, 0),"
    " ('small/c00', 1767258000, 1, 900, 'review', 2, 0, 2.3065, 2.11810397, 1767776400, 1767604200, 2, 2, 0,"
    "   3, 0, 0.5, 5.0, 1767258600, 1767258000, 0, 3, 1);"
    "INSERT INTO card_state VALUES ('small/c00', 3, 0, 0.5, 5.0, 1767258600, 1767258000, 0, 3, 1, 0),"
    " ('small/c01', 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  old = rh_collection_new (clock, options);
  g_object_set (options, "fuzz", FALSE, "rollover-hour", 0, NULL);
  rh_collection_open_store (old, db_path, &error);
  g_assert_no_error (error);
  g_assert_true (rh_collection_export_progress (old, exported, NULL, &error));
  text = read_whole (exported, NULL);
  g_assert_nonnull (strstr (text, "small/c01,"));
  g_assert_nonnull (strstr (text, ",suspend,"));

  computer_init (&fresh, "upgrade-fresh", T0, FALSE);
  rh_sync_set_folder (fresh.sync, NULL);
  g_assert_true (rh_collection_import_progress (fresh.collection, exported, &counts, &error));
  g_assert_no_error (error);
  assert_same_cards (old, fresh.collection);
  /* Replayed in time order: the Again on the 1st comes first. */
  g_assert_cmpint (rh_collection_lookup_state (old, "small/c00")->state.lapses, ==, 0);
  computer_clear (&fresh);
}


/* Studied before any sync folder was set, then restored from a backup (a
 * new device id): the old id's answers still reach the folder once one is
 * set, and another computer gets them. */
static void
test_restored_history_travels (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *own = NULL;
  g_autofree char *text = NULL;
  guint64 device;
  Computer c;

  computer_init (&c, "restored-travels", T0, TRUE);
  rh_sync_set_folder (c.sync, NULL);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("small/c%02u", i);

      g_assert_true (rh_collection_grade (c.collection, rh_test_card (c.collection, id), RH_RATING_GOOD,
                                          1000, FALSE, NULL, &error));
    }
  g_assert_no_error (error);
  device = rh_store_get_device (_rh_collection_get_store (c.collection));
  backup = rh_backups_create (rh_collection_get_backups (c.collection), RH_BACKUPS_NOW, &error);
  g_assert_no_error (error);
  g_assert_true (rh_collection_restore_backup (c.collection, backup, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rh_store_get_device (_rh_collection_get_store (c.collection)), !=, device);

  rh_sync_set_folder (c.sync, c.folder);
  run_sync (&c);
  own = own_file (&c);
  text = read_whole (own, NULL);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("small/c%02u,", i);

      g_assert_nonnull (strstr (text, id));
    }
  computer_clear (&c);
}

/* Suspending a card that another computer unsuspended with its clock days
 * ahead: what the learner chose now holds. */
static void
test_suspend_after_far_ahead (void)
{
  g_autofree char *dir = rh_test_make_dir ("suspend-ahead");
  g_autofree char *path = g_build_filename (dir, "ahead.log", NULL);
  const char text[] = H "small/c00,2026-01-04T09:00:00Z,0,00000000000000aa-000000000001,0,unsuspend,\n";
  g_autoptr(GError) error = NULL;
  RhMergeCounts counts;
  Computer c;

  computer_init (&c, "suspend-ahead", T0, TRUE);
  rh_sync_set_folder (c.sync, NULL);
  write_at (path, text, strlen (text), FALSE);
  g_assert_true (rh_collection_import_progress (c.collection, path, &counts, &error));
  g_assert_true (rh_collection_set_suspended (c.collection, "small/c00", TRUE, &error));
  g_assert_no_error (error);
  g_assert_nonnull (rh_collection_lookup_state (c.collection, "small/c00"));
  g_assert_true (rh_collection_lookup_state (c.collection, "small/c00")->suspended);
  computer_clear (&c);
}

/* --- The sync folder ------------------------------------------------------------ */

static guint n_refused, n_unavailable;

static void
count_refused (RhSync     *sync,
               const char *name,
               GError     *error)
{
  g_test_message ("refused: %s", error->message);
  n_refused++;
}

static void
count_unavailable (RhSync *sync,
                   GError *error)
{
  n_unavailable++;
}

/* A last line still arriving waits; a newer format and a damaged file are
 * refused (once each), the good files still merged. */
static void
test_folder_files (void)
{
  Computer c;
  g_autofree char *partial = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *damaged = NULL;
  const char line1[] = "small/c00,2026-01-01T09:30:00Z,3,00000000000000aa-000000000001,5400,learn,\n";
  const char line2[] = "small/c01,2026-01-01T09:31:00Z,3,00000000000000aa-000000000002,5400,learn,\n";
  guint merged = 0;
  g_autoptr(GError) error = NULL;

  computer_init (&c, "folder-files", T0, TRUE);
  n_refused = 0;
  g_signal_connect (c.sync, "file-refused", G_CALLBACK (count_refused), NULL);
  partial = g_build_filename (c.folder, "rehearse-00000000000000aa.log", NULL);
  newer = g_build_filename (c.folder, "rehearse-00000000000000bb.log", NULL);
  damaged = g_build_filename (c.folder, "rehearse-00000000000000cc (conflicted copy).log", NULL);

  write_at (partial, H, strlen (H), FALSE);
  write_at (partial, line1, strlen (line1), TRUE);
  write_at (partial, line2, 30, TRUE);   /* cut mid-line */
  write_at (newer, "# rehearse-progress 7\n", 22, FALSE);
  write_at (damaged, H "garbage\n", strlen (H) + 8, FALSE);
  g_assert_true (rh_sync_run (c.sync, &merged, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (merged, ==, 1);
  g_assert_nonnull (rh_collection_lookup_state (c.collection, "small/c00"));
  g_assert_null (rh_collection_lookup_state (c.collection, "small/c01"));
  g_assert_cmpuint (n_refused, ==, 2);

  /* The rest of the line arrives: it is merged; the refusals are not said
   * again while those files stay as they are. */
  write_at (partial, line2 + 30, strlen (line2) - 30, TRUE);
  g_assert_true (rh_sync_run (c.sync, &merged, &error));
  g_assert_cmpuint (merged, ==, 1);
  g_assert_nonnull (rh_collection_lookup_state (c.collection, "small/c01"));
  g_assert_cmpuint (n_refused, ==, 2);
  computer_clear (&c);
}

/* The folder goes away: studying goes on, said once; back again, what was
 * studied meanwhile is written. */
static void
test_folder_disappears (void)
{
  Computer c;
  g_autofree char *moved = NULL;
  g_autofree char *own = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  computer_init (&c, "folder-gone", T0, TRUE);
  n_unavailable = 0;
  g_signal_connect (c.sync, "unavailable", G_CALLBACK (count_unavailable), NULL);
  moved = g_strconcat (c.folder, "-away", NULL);
  rh_test_remove_tree (moved);
  g_assert_cmpint (g_rename (c.folder, moved), ==, 0);

  g_assert_true (rh_collection_grade (c.collection, rh_test_card (c.collection, "small/c07"),
                                      RH_RATING_GOOD, 1000, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (rh_sync_run (c.sync, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, c.folder));
  g_clear_error (&error);
  g_assert_false (rh_sync_run (c.sync, NULL, NULL));
  g_assert_cmpuint (n_unavailable, ==, 1);
  g_assert_false (rh_sync_is_available (c.sync));
  g_assert_false (g_file_test (c.folder, G_FILE_TEST_EXISTS));   /* never made by us */

  g_assert_cmpint (g_rename (moved, c.folder), ==, 0);
  g_assert_true (rh_sync_run (c.sync, NULL, &error));
  g_assert_true (rh_sync_is_available (c.sync));
  own = own_file (&c);
  text = read_whole (own, NULL);
  g_assert_nonnull (strstr (text, "small/c07,"));
  computer_clear (&c);
}

/* Our own file cut mid-line (a crash while writing): the piece is cut off
 * before the next lines are added, so every line stays whole. */
static void
test_own_file_repaired (void)
{
  Computer c;
  g_autofree char *own = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  RhProgressBatch batch;
  gsize length;

  computer_init (&c, "own-repair", T0, TRUE);
  g_assert_true (rh_collection_grade (c.collection, rh_test_card (c.collection, "small/c01"),
                                      RH_RATING_GOOD, 1000, FALSE, NULL, &error));
  run_sync (&c);
  own = own_file (&c);
  write_at (own, "small/c01,2026-01-0", 19, TRUE);
  g_assert_true (rh_collection_grade (c.collection, rh_test_card (c.collection, "small/c02"),
                                      RH_RATING_EASY, 1000, FALSE, NULL, &error));
  run_sync (&c);
  text = read_whole (own, &length);
  rh_progress_batch_init (&batch);
  g_assert_true (rh_progress_parse (text, length, TRUE, FALSE, own, 1, &batch, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (batch.events->len, ==, 2);
  rh_progress_batch_clear (&batch);
  computer_clear (&c);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Hundreds of stores, each answer synced to disk: in memory (tmpfs) when
   * there is one, so that a busy disk does not make the run slow.  What is
   * tested here is the merging, not the disk (test-store-crash is). */
  if (g_getenv ("TMPDIR") == NULL && g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) &&
      g_access ("/dev/shm", W_OK) == 0)
    g_setenv ("TMPDIR", "/dev/shm", TRUE);
  rh_test_init_env ();

  g_test_add_func ("/progress/round-trip", test_round_trip);
  g_test_add_func ("/progress/refusals", test_refusals);
  g_test_add_func ("/progress/accepted-forms", test_accepted_forms);
  g_test_add_func ("/progress/own-device-claimed", test_own_device_claimed);
  g_test_add_func ("/progress/answer-before-future-one", test_answer_before_future_one);
  g_test_add_func ("/progress/statistics-follow", test_statistics_follow);
  g_test_add_func ("/progress/upgrade-replays", test_upgrade_replays);
  g_test_add_func ("/sync/folder-files", test_folder_files);
  g_test_add_func ("/sync/folder-disappears", test_folder_disappears);
  g_test_add_func ("/sync/own-file-repaired", test_own_file_repaired);
  g_test_add_func ("/sync/own-file-reverted", test_own_file_reverted);
  g_test_add_func ("/sync/read-without-write", test_read_without_write);
  g_test_add_func ("/sync/restored-history-travels", test_restored_history_travels);
  g_test_add_func ("/sync/suspend-after-far-ahead", test_suspend_after_far_ahead);
  g_test_add_func ("/sync/two-computers", test_two_computers);
  return g_test_run ();
}
