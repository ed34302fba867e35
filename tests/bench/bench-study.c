/* bench-study.c: grading, the session queue and the sidebar counts at scale
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-study DIR      (DIR from gen-history: deck.xml, rehearse.db)
 *
 * Targets on 100,000 cards and 1,000,000 reviews: grade p99 under 10 ms
 * with synchronous=FULL, the session queue for all topics under 50 ms,
 * the sidebar counts under 20 ms.  The store is a copy: the collection
 * stays as generated.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "bench-utils.h"
#include "rh-deck-parser.h"
#include "rh-study-session.h"

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDeck) deck = NULL;
  g_autoptr(RhCollection) collection = NULL;
  RhStore *store;
  g_autoptr(RhStudySession) session = NULL;
  g_autoptr(GArray) t_open = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_build = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_counts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_record = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_answer = g_array_new (FALSE, FALSE, sizeof (double));
  RhCounts all;
  g_autofree RhCounts *per_topic = NULL;
  guint n_topics;

  if (argc != 2)
    {
      g_printerr ("usage: bench-study DIR   (made by gen-history)\n");
      return 2;
    }
  deck = bench_load_collection_deck (argv[1]);
  db_path = bench_copy_store (argv[1]);

  /* The first open of the copy checks every page (integrity_check: no
   * clean close is recorded for it); after a clean close, the check runs in
   * a thread and opening is the header and loading every state.  Closing
   * waits for that check, so it is not timed. */
  for (int i = 0; i < 3; i++)
    {
      double t0, dt;

      g_clear_object (&collection);
      t0 = bench_now ();
      collection = bench_collection_new (deck, db_path);
      dt = bench_now () - t0;
      g_array_append_val (t_open, dt);
    }
  store = _rh_collection_get_store (collection);
  g_print ("collection: %u cards, %u card states\n", rh_deck_get_n_cards (deck),
           g_hash_table_size (rh_store_get_cards (store)));
  {
    double first = g_array_index (t_open, double, 0);

    g_array_remove_index (t_open, 0);
    g_print ("%-34s first %8.3f ms, then median %8.3f ms  (a full check, then after a clean close)\n",
             "open the collection's store", first * 1e3, bench_median (t_open) * 1e3);
  }

  session = rh_study_session_new (collection);

  BENCH_RUN (t_build, 21, rh_study_session_refresh (session));
  bench_report ("session queue, all topics", t_build, 50);

  /* The collection's deck: every deck in use, as the sidebar counts it. */
  n_topics = g_list_model_get_n_items (rh_deck_get_topics (rh_collection_get_deck (collection)));
  per_topic = g_new0 (RhCounts, n_topics);
  BENCH_RUN (t_counts, 21, rh_collection_count_topics (collection, rh_collection_get_deck (collection), per_topic,
                                                       NULL, &all));
  bench_report ("sidebar counts, every topic", t_counts, 20);
  g_print ("  (all topics: %u due, %u learning, %u new today; readiness %.1f%%)\n",
           all.n_review, all.n_learning, all.n_new, all.readiness * 100);

  /* What a key press costs in the app: the grade and the next card. */
  for (guint i = 0; i < 100 && rh_study_session_get_current (session) != NULL; i++)
    {
      double t0 = bench_now (), dt;

      if (!rh_study_session_answer (session, RH_RATING_GOOD, 5000, &error))
        g_error ("%s", error->message);
      dt = bench_now () - t0;
      g_array_append_val (t_answer, dt);
    }
  if (t_answer->len > 0)
    g_print ("%-34s p50 %8.3f ms  p99 %8.3f ms  (%u answers; not a target)\n",
             "answer + next card (session)", bench_quantile (t_answer, 0.5) * 1e3,
             bench_quantile (t_answer, 0.99) * 1e3, t_answer->len);

  /* Without a session listening, so only the store's work is timed. */
  g_clear_object (&session);
  g_clear_object (&collection);
  {
    g_autoptr(RhStore) own = rh_store_open (db_path, &error);

    if (own == NULL)
      g_error ("%s", error->message);
    store = g_steal_pointer (&own);
  }
  /* The grade itself: one transaction, fsync'd, as rh_store_record does it. */
  {
    g_autoptr(RhScheduler) scheduler = NULL;
    RhSchedulerConfig config;
    gint64 now = g_get_real_time () / G_USEC_PER_SEC;

    rh_scheduler_config_init_default (&config);
    scheduler = rh_scheduler_new (&config);
    for (guint i = 0; i < 500; i++)
      {
        g_autofree char *card_id = g_strdup_printf ("gen/c%u", g_random_int_range (0, 100000));
        const RhStoredCard *stored = rh_store_lookup (store, card_id);
        RhReview review = { 0 };
        double t0, dt;

        review.card_id = g_strdup (card_id);
        review.reviewed_at = now + i;
        review.rating = RH_RATING_GOOD;
        if (stored != NULL)
          review.before = stored->state;
        else
          rh_card_state_init_new (&review.before, now);
        review.kind = rh_review_kind_for (&review.before);
        rh_scheduler_next (scheduler, &review.before, now + i, RH_RATING_GOOD,
                           rh_scheduler_fuzz_seed (card_id, review.before.reps), &review.after);
        t0 = bench_now ();
        if (!rh_store_record (store, &review, &error))
          g_error ("%s", error->message);
        dt = bench_now () - t0;
        g_array_append_val (t_record, dt);
        rh_review_clear (&review);
      }
    g_print ("%-34s p50 %8.3f ms  p99 %8.3f ms  (500 grades, target p99 < 10 ms: %s)\n",
             "grade, synchronous=FULL", bench_quantile (t_record, 0.5) * 1e3,
             bench_quantile (t_record, 0.99) * 1e3,
             bench_quantile (t_record, 0.99) * 1e3 < 10 ? "met" : "MISSED");
  }

  g_object_unref (store);
  {
    g_autofree char *dir = g_path_get_dirname (db_path);
    g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

    g_unlink (db_path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
  return 0;
}
