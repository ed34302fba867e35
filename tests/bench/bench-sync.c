/* bench-sync.c: merging another computer's history, and the sync check
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-sync DATA_DIR     (DATA_DIR/events.csv from gen-history)
 *
 * 1. A foreign log of every event in events.csv (1,000,000 on the
 *    benchmark data) merged into a new store: read and parsed, then merged
 *    (new events added, every card replayed).  Baseline in the same run:
 *    the same reviews written with rh_store_import(), the bulk path that
 *    computes nothing (gen-history's).  Target: merge < 2 s.
 * 2. The sync check when nothing changed, as on every start and before
 *    each study queue: this computer's file and the 1,000,000-event one in
 *    the folder.  Target: < 5 ms.
 * 3. A few new events (100) from another computer merged into that
 *    1,000,000-review store: what a sync usually does.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "bench-utils.h"
#include "rh-progress-file.h"
#include "rh-sync.h"

#define FOREIGN_DEVICE G_GUINT64_CONSTANT (0x3fa9c2d1e0b4a7f6)

/* events.csv (card_id,ISO time,rating) as another computer's log file. */
static guint
write_foreign_log (const char *events_csv,
                   const char *log_path,
                   guint64     device,
                   guint       first_seq,
                   guint       max_events)
{
  FILE *in = fopen (events_csv, "r");
  FILE *out = fopen (log_path, "w");
  char line[512];
  guint n = 0;

  g_assert (in != NULL && out != NULL);
  fputs (RH_PROGRESS_HEADER "\n", out);
  while (n < max_events && fgets (line, sizeof line, in) != NULL)
    {
      g_strchomp (line);
      if (line[0] == '\0' || line[0] == '#')
        continue;
      fprintf (out, "%s,%016" G_GINT64_MODIFIER "x-%012x,5000,review,\n", line, device, first_seq + n);
      n++;
    }
  fclose (in);
  g_assert (fclose (out) == 0);
  return n;
}

static RhCollection *
open_collection (const char *db)
{
  g_autoptr(RhClock) clock = rh_clock_new_system ();
  g_autoptr(RhSchedulingOptions) options = rh_scheduling_options_new ();
  g_autoptr(GError) error = NULL;
  RhCollection *collection = rh_collection_new (clock, options);

  rh_collection_load_deck_resource (collection, RESOURCE_PATH "/decks/python-interview.xml", &error);
  g_assert_no_error (error);
  rh_collection_open_store (collection, db, &error);
  g_assert_no_error (error);
  return collection;
}

static void
remove_store (const char *db)
{
  const char *suffixes[] = { "", "-wal", "-shm", ".lock" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db, suffixes[i], NULL);

      g_unlink (path);
    }
}

static void
merge_file (RhCollection *collection,
            const char   *path,
            double       *parse_s,
            double       *merge_s,
            guint        *n_new)
{
  g_autoptr(GError) error = NULL;
  RhProgressBatch batch;
  RhMergeCounts counts;
  double t0 = bench_now (), t1;

  rh_progress_batch_init (&batch);
  g_assert_true (rh_progress_read_file (path, &batch, &error));
  g_assert_no_error (error);
  t1 = bench_now ();
  g_assert_true (rh_collection_merge_batch (collection, &batch, path, FALSE, &counts, &error));
  g_assert_no_error (error);
  *parse_s = t1 - t0;
  *merge_s = bench_now () - t1;
  *n_new = counts.n_new;
  rh_progress_batch_clear (&batch);
}

/* The reviews of @path computed once, for the baseline import. */
static GArray *
reviews_of (RhCollection *collection,
            const char   *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) states = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GArray *reviews = g_array_new (FALSE, TRUE, sizeof (RhReview));
  RhScheduler *scheduler = rh_collection_get_scheduler (collection);
  RhProgressBatch batch;

  g_array_set_clear_func (reviews, (GDestroyNotify)rh_review_clear);
  rh_progress_batch_init (&batch);
  g_assert_true (rh_progress_read_file (path, &batch, &error));
  for (guint i = 0; i < batch.events->len; i++)
    {
      const RhReview *event = &g_array_index (batch.events, RhReview, i);
      RhCardState *state = g_hash_table_lookup (states, event->card_id);
      RhReview review = *event;

      review.card_id = g_strdup (event->card_id);
      if (state == NULL)
        {
          state = g_new (RhCardState, 1);
          rh_card_state_init_new (state, event->reviewed_at);
          g_hash_table_insert (states, review.card_id, state);
        }
      review.before = *state;
      review.kind = rh_review_kind_for (state);
      rh_scheduler_next (scheduler, state, event->reviewed_at, (RhRating)event->rating,
                         rh_scheduler_fuzz_seed (event->card_id, state->reps), &review.after);
      *state = review.after;
      g_array_append_val (reviews, review);
    }
  rh_progress_batch_clear (&batch);
  return reviews;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *foreign = NULL;
  g_autofree char *increment = NULL;
  g_autofree char *db = NULL;
  g_autoptr(GArray) parse = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) merge = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) import = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) check = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) small = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) reviews = NULL;
  g_autoptr(RhCollection) collection = NULL;
  g_autoptr(RhSync) sync = NULL;
  g_autoptr(GError) error = NULL;
  guint n_events, n_new = 0;

  if (argc != 2)
    {
      fprintf (stderr, "usage: bench-sync DATA_DIR\n");
      return 2;
    }
  csv = g_build_filename (argv[1], "events.csv", NULL);
  dir = g_build_filename (argv[1], "bench-sync", NULL);
  folder = g_build_filename (dir, "folder", NULL);
  g_mkdir_with_parents (folder, 0700);
  foreign = g_build_filename (folder, "rehearse-3fa9c2d1e0b4a7f6.log", NULL);
  increment = g_build_filename (dir, "increment.log", NULL);
  db = g_build_filename (dir, "rehearse.db", NULL);
  n_events = write_foreign_log (csv, foreign, FOREIGN_DEVICE, 1, G_MAXUINT);

  /* 1. The whole foreign log into a new store, against the bulk import. */
  for (int run = 0; run < 3; run++)
    {
      double p, m, t0;

      remove_store (db);
      collection = open_collection (db);
      merge_file (collection, foreign, &p, &m, &n_new);
      g_array_append_val (parse, p);
      g_array_append_val (merge, m);
      g_assert_cmpuint (n_new, ==, n_events);
      if (reviews == NULL)
        reviews = reviews_of (collection, foreign);
      g_clear_object (&collection);

      remove_store (db);
      collection = open_collection (db);
      t0 = bench_now ();
      g_assert_true (rh_store_import (_rh_collection_get_store (collection), (const RhReview *)reviews->data,
                                      reviews->len, &error));
      g_assert_no_error (error);
      t0 = bench_now () - t0;
      g_array_append_val (import, t0);
      g_clear_object (&collection);
    }
  printf ("merge %u foreign events into a new store: read+parse median %.3f s, merge median %.3f s "
          "(target < 2 s), total %.3f s; bulk import of the same reviews %.3f s (merge/import %.2f)\n",
          n_events, bench_median (parse), bench_median (merge), bench_median (parse) + bench_median (merge),
          bench_median (import), bench_median (merge) / bench_median (import));

  /* 2. The check on start with nothing changed. */
  remove_store (db);
  collection = open_collection (db);
  sync = rh_sync_new (collection);
  rh_sync_set_folder (sync, folder);   /* the first run merges it all */
  g_assert_true (rh_sync_is_available (sync));
  for (int run = 0; run < 200; run++)
    {
      double t0 = bench_now ();

      g_assert_true (rh_sync_run (sync, &n_new, &error));
      g_assert_cmpuint (n_new, ==, 0);
      t0 = (bench_now () - t0) * 1000;
      g_array_append_val (check, t0);
    }
  printf ("sync check, nothing changed (2 files, %u events in the folder): median %.3f ms, p99 %.3f ms "
          "over 200 runs (target < 5 ms)\n",
          n_events, bench_median (check), bench_quantile (check, 0.99));

  /* 3. 100 new events from a third computer, into the big store. */
  for (int run = 0; run < 5; run++)
    {
      double p, m;

      write_foreign_log (csv, increment, FOREIGN_DEVICE + 1 + (guint64)run, 1, 100);
      merge_file (collection, increment, &p, &m, &n_new);
      m = (p + m) * 1000;
      g_array_append_val (small, m);
    }
  printf ("100 new events from another computer into the %u-review store: median %.1f ms over 5 runs\n",
          n_events, bench_median (small));

  {
    /* This run's own file: the next run is another computer. */
    g_autofree char *own = rh_sync_get_own_path (sync);

    g_unlink (own);
  }
  g_clear_object (&sync);
  g_clear_object (&collection);
  remove_store (db);
  return 0;
}
