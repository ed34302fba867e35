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

#include "rh-progress-file.h"
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  rh_test_init_env ();

  g_test_add_func ("/sync/two-computers", test_two_computers);
  return g_test_run ();
}
