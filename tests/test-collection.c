/* test-collection.c: the model on its own, with no GTK in the process
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change goes through RhCollection; each test checks what the learner
 * relies on (the row in the database, the counts) and what the views rely
 * on (which signals came, naming which card).
 */
#include "config.h"

#include <glib/gstdio.h>

#include "rh-stats.h"
#include "rh-store-private.h"
#include "rh-study-session.h"
#include "rh-test-core.h"
#include "rh-test-utils.h"

#define NOW 1772452800   /* 2026-03-02 12:00 UTC */
#define DAY 86400

typedef struct {
  RhClock *clock;
  RhCollection *collection;
  GPtrArray *changed_ids;   /* "card-changed", in order; "*" for NULL */
  guint n_counts;
  guint n_days;
  guint n_options;
  GError *error;            /* the last "error" */
} Fixture;

static void
card_changed_cb (RhCollection *collection,
                 const char   *card_id,
                 Fixture      *f)
{
  g_ptr_array_add (f->changed_ids, g_strdup (card_id != NULL ? card_id : "*"));
}

static void
counts_changed_cb (RhCollection *collection,
                   Fixture      *f)
{
  f->n_counts++;
}

static void
day_changed_cb (RhCollection *collection,
                Fixture      *f)
{
  f->n_days++;
}

static void
options_changed_cb (RhCollection *collection,
                    Fixture      *f)
{
  f->n_options++;
}

static void
error_cb (RhCollection *collection,
          const GError *error,
          Fixture      *f)
{
  g_clear_error (&f->error);
  f->error = g_error_copy (error);
}

static void
forget_signals (Fixture *f)
{
  g_ptr_array_set_size (f->changed_ids, 0);
  f->n_counts = f->n_days = f->n_options = 0;
  g_clear_error (&f->error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static guint n;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *name = g_strdup_printf ("collection-%u", n++);

  f->clock = rh_clock_new_fake (NOW, utc);
  f->collection = rh_test_collection_new (name, "small-deck.xml", f->clock, 4);
  f->changed_ids = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (f->collection, "card-changed", G_CALLBACK (card_changed_cb), f);
  g_signal_connect (f->collection, "counts-changed", G_CALLBACK (counts_changed_cb), f);
  g_signal_connect (f->collection, "day-changed", G_CALLBACK (day_changed_cb), f);
  g_signal_connect (f->collection, "options-changed", G_CALLBACK (options_changed_cb), f);
  g_signal_connect (f->collection, "error", G_CALLBACK (error_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->collection);
  g_clear_object (&f->clock);
  g_clear_pointer (&f->changed_ids, g_ptr_array_unref);
  g_clear_error (&f->error);
}

static RhCard *
card (Fixture    *f,
      const char *id)
{
  return rh_test_card (f->collection, id);
}

static void
counts (Fixture  *f,
        RhCounts *all)
{
  RhDeck *deck = rh_collection_get_deck (f->collection);
  g_autofree RhCounts *per_topic = g_new0 (RhCounts, 3);

  rh_collection_count_topics (f->collection, deck, per_topic, NULL, all);
}

static void
assert_changed_only (Fixture    *f,
                     const char *card_id)
{
  g_assert_cmpuint (f->changed_ids->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->changed_ids, 0), ==, card_id);
  g_assert_cmpuint (f->n_counts, ==, 1);
}

/* No GTK in this process: the collection is what a background reminder or
 * a sync would hold. */
static void
test_no_gtk (Fixture       *f,
             gconstpointer  data)
{
  g_assert_cmpuint (g_type_from_name ("GtkWidget"), ==, 0);
  g_assert_cmpuint (g_type_from_name ("GtkApplication"), ==, 0);
}

/* A grade reaches the database, and the signals name that card alone. */
static void
test_grade_signals (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RhReview graded = { 0 };
  RhCounts before, after;
  const RhStoredCard *stored;

  counts (f, &before);
  g_assert_cmpuint (before.n_unseen, ==, 24);
  g_assert_cmpuint (before.n_new, ==, 10);
  forget_signals (f);

  g_assert_true (rh_collection_grade (f->collection, card (f, "small/c03"), RH_RATING_GOOD, 4000,
                                      FALSE, &graded, &error));
  g_assert_no_error (error);
  assert_changed_only (f, "small/c03");
  g_assert_cmpint (graded.id, >, 0);
  g_assert_cmpint (graded.after.state, ==, RH_CARD_LEARNING);
  g_assert_cmpint (graded.after.due, ==, NOW + 600);
  stored = rh_collection_lookup_state (f->collection, "small/c03");
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->state.due, ==, NOW + 600);
  g_assert_cmpint (rh_collection_classify (f->collection, "small/c03"), ==, RH_DUE_LEARNING);
  g_assert_cmpint (rh_collection_classify (f->collection, "small/c04"), ==, RH_DUE_NEW);
  rh_review_clear (&graded);

  counts (f, &after);
  g_assert_cmpuint (after.n_unseen, ==, 23);
  g_assert_cmpuint (after.n_new, ==, 9);       /* one of today's ten is used */
  g_assert_cmpuint (after.n_learning, ==, 1);

  /* Undo: the same card, and the counts as they were. */
  forget_signals (f);
  g_assert_true (rh_collection_undo (f->collection, &graded, &error));
  assert_changed_only (f, "small/c03");
  g_assert_cmpstr (graded.card_id, ==, "small/c03");
  rh_review_clear (&graded);
  g_assert_null (rh_collection_lookup_state (f->collection, "small/c03"));
  counts (f, &after);
  g_assert_cmpuint (after.n_unseen, ==, before.n_unseen);
  g_assert_cmpuint (after.n_new, ==, before.n_new);
  g_assert_cmpuint (after.n_learning, ==, 0);

  /* Nothing more to undo: no error, no signal. */
  forget_signals (f);
  g_assert_false (rh_collection_undo (f->collection, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->changed_ids->len, ==, 0);
}

/* Suspend, reset and practice go through the same door; stats read it. */
static void
test_suspend_reset_practice_stats (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStats) stats = rh_stats_new (f->collection);
  RhStatsReport report;
  RhCounts all;

  forget_signals (f);
  g_assert_true (rh_collection_set_suspended (f->collection, "small/c05", TRUE, &error));
  assert_changed_only (f, "small/c05");
  g_assert_cmpint (rh_collection_classify (f->collection, "small/c05"), ==, RH_DUE_SUSPENDED);
  counts (f, &all);
  g_assert_cmpuint (all.n_suspended, ==, 1);
  g_assert_cmpuint (all.n_unseen, ==, 23);

  /* A practice answer is logged and leaves the schedule alone. */
  g_assert_true (rh_collection_grade (f->collection, card (f, "small/c06"), RH_RATING_EASY, 1000, TRUE, NULL, &error));
  g_assert_null (rh_collection_lookup_state (f->collection, "small/c06"));

  /* Two grades, then a reset that makes the card new again. */
  g_assert_true (rh_collection_grade (f->collection, card (f, "small/c00"), RH_RATING_EASY, 2000, FALSE, NULL, &error));
  g_assert_cmpint (rh_collection_classify (f->collection, "small/c00"), ==, RH_DUE_LATER);
  forget_signals (f);
  g_assert_true (rh_collection_reset_card (f->collection, "small/c00", &error));
  assert_changed_only (f, "small/c00");
  g_assert_cmpint (rh_collection_classify (f->collection, "small/c00"), ==, RH_DUE_NEW);

  g_assert_true (rh_stats_sync (stats, &error));
  g_assert_no_error (error);
  rh_stats_compute (stats, NULL, &report);
  g_assert_cmpuint (report.n_reviews, ==, 2);          /* practice and the grade; not the reset */
  g_assert_cmpuint (report.reviews_today, ==, 2);
  g_assert_cmpuint (report.states[RH_STATS_STATE_SUSPENDED], ==, 1);
  g_assert_cmpuint (report.states[RH_STATS_STATE_NEW], ==, 23);
  rh_stats_report_clear (&report);

  /* The reset is undone like a grade. */
  g_assert_true (rh_collection_undo (f->collection, NULL, &error));
  g_assert_cmpint (rh_collection_classify (f->collection, "small/c00"), ==, RH_DUE_LATER);
}

/* Options apply at once: a new scheduler, new limits, new counts. */
static void
test_options (Fixture       *f,
              gconstpointer  data)
{
  RhSchedulingOptions *options = rh_collection_get_options (f->collection);
  RhCounts all;
  RhCardState after[4];

  forget_signals (f);
  g_object_set (options, "desired-retention", 0.8, NULL);
  g_assert_cmpuint (f->n_options, ==, 1);
  g_assert_cmpuint (f->n_counts, ==, 1);
  g_assert_cmpfloat_with_epsilon (rh_scheduler_get_config (rh_collection_get_scheduler (f->collection))->desired_retention,
                                  0.8, 1e-9);

  g_object_set (options, "new-per-day", 3, NULL);
  counts (f, &all);
  g_assert_cmpuint (all.n_new, ==, 3);

  g_object_set (options, "learning-steps", "2m 15m", NULL);
  rh_collection_preview (f->collection, card (f, "small/c00"), after);
  g_assert_cmpint (after[RH_RATING_AGAIN - 1].due - NOW, ==, 120);
  g_assert_cmpint (after[RH_RATING_GOOD - 1].due - NOW, ==, 15 * 60);

  /* Setting the same value again says nothing. */
  forget_signals (f);
  g_object_set (options, "new-per-day", 3, NULL);
  g_assert_cmpuint (f->n_options, ==, 0);
}

/* The study day ends at the rollover hour: one "day-changed", and the
 * limits start again. */
static void
test_day_changed (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RhStudySession) session = rh_study_session_new (f->collection);
  RhCounts all;

  g_object_set (rh_collection_get_options (f->collection), "new-per-day", 1, NULL);
  g_assert_true (rh_study_session_answer (session, RH_RATING_EASY, 1000, NULL));
  g_assert_null (rh_study_session_get_current (session));
  counts (f, &all);
  g_assert_cmpuint (all.n_new, ==, 0);

  forget_signals (f);
  rh_clock_advance (f->clock, 10 * 3600);   /* 22:00: the same study day */
  g_assert_cmpuint (f->n_days, ==, 0);
  rh_clock_advance (f->clock, 6 * 3600 + 1);   /* 04:00 and a second */
  g_assert_cmpuint (f->n_days, ==, 1);
  counts (f, &all);
  g_assert_cmpuint (all.n_new, ==, 1);
  /* The session followed without being asked. */
  g_assert_nonnull (rh_study_session_get_current (session));
}

/* Reviews dated in the future (a clock that was wrong) do not use up
 * today's limits. */
static void
test_future_reviews (Fixture       *f,
                     gconstpointer  data)
{
  RhCounts all;

  rh_clock_set_now (f->clock, NOW + 3 * 365 * DAY);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("small/c%02u", i);

      g_assert_true (rh_collection_grade (f->collection, card (f, id), RH_RATING_EASY, 1000, FALSE, NULL, NULL));
    }
  counts (f, &all);
  g_assert_cmpuint (all.n_new, ==, 0);

  rh_clock_set_now (f->clock, NOW);
  counts (f, &all);
  g_assert_cmpuint (all.n_new, ==, 10);
}

/* A grade that cannot be saved: "error" says why, nothing changed. */
static void
test_error_signal (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RhStore *store = _rh_collection_get_store (f->collection);

  /* Cap the file at its size now (SQLite keeps at least what is used), as
   * a full disk would, and answer until it is full. */
  _rh_store_set_max_page_count (store, 1);
  for (guint i = 0; i < 100000 && error == NULL; i++)
    {
      forget_signals (f);
      rh_collection_grade (f->collection, card (f, "small/c01"), RH_RATING_GOOD, 1000, TRUE, NULL, &error);
    }
  g_assert_error (error, RH_STORE_ERROR, RH_STORE_ERROR_FULL);
  g_assert_nonnull (f->error);
  g_assert_cmpstr (f->error->message, ==, error->message);
  /* Nothing changed, so nothing said it changed. */
  g_assert_cmpuint (f->changed_ids->len, ==, 0);
  g_assert_cmpuint (f->n_counts, ==, 0);
}

/* A file that is not a database: the name offered is the name used, and
 * the file keeps every byte. */
static void
test_recover (void)
{
  g_autoptr(RhCollection) collection = rh_collection_new (NULL, NULL);
  g_autofree char *dir = rh_test_make_dir ("recover");
  g_autofree char *path = g_build_filename (dir, "rehearse.db", NULL);
  const char junk[] = "notes & <things>, not a database";
  g_autoptr(GError) error = NULL;
  g_autofree char *offered = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (path, junk, -1, NULL));
  g_assert_false (rh_collection_open_store (collection, path, &error));
  g_assert_error (error, RH_STORE_ERROR, RH_STORE_ERROR_NOT_A_DATABASE);
  g_clear_error (&error);
  g_assert_false (rh_collection_is_open (collection));
  g_assert_nonnull (rh_collection_get_store_error (collection));
  offered = g_strdup (rh_collection_get_aside_path (collection));
  g_assert_nonnull (offered);

  /* Seconds later (the dialog was open a while): still the same name. */
  g_usleep (1100 * 1000);
  moved = rh_collection_recover_store (collection, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (moved, ==, offered);
  g_assert_true (g_file_get_contents (moved, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, junk);
  g_assert_true (rh_collection_is_open (collection));
  g_assert_null (rh_collection_get_aside_path (collection));
}

#define BUILT_IN RESOURCE_PATH "/decks/python-interview.xml"

/* Opening as the app starts, in a thread: @path's store with the built-in
 * deck, or the errors loading and opening one after the other give. */
static RhCollection *
open_in_thread (const char  *deck_resource,
                const char  *path,
                gboolean    *loaded,
                GError     **deck_error,
                GError     **store_error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(RhClock) clock = rh_clock_new_fake (NOW, utc);
  RhCollection *collection = rh_collection_new (clock, NULL);

  rh_collection_begin_opening (collection, deck_resource, path);
  *loaded = rh_collection_finish_opening (collection, deck_error, store_error);
  return collection;
}

/* The opening thread gives what rh_collection_load_deck_resource() and
 * rh_collection_open_store() give: the deck and a working store (a grade
 * lands and is there after a new opening), a damaged store kept as the
 * store error with its bytes, a deck that does not load and no store made,
 * and a collection dropped before the thread is done. */
static void
test_opening_thread (void)
{
  g_autofree char *dir = rh_test_make_dir ("opening");
  g_autofree char *path = g_build_filename (dir, "rehearse.db", NULL);
  g_autofree char *junk_path = g_build_filename (dir, "junk.db", NULL);
  g_autofree char *never_path = g_build_filename (dir, "never.db", NULL);
  g_autofree char *dropped_path = g_build_filename (dir, "dropped.db", NULL);
  const char junk[] = "notes & <things>, not a database";
  g_autofree char *contents = NULL;
  g_autoptr(GError) deck_error = NULL;
  g_autoptr(GError) store_error = NULL;
  g_autoptr(GError) error = NULL;
  RhCollection *collection;
  gboolean loaded;

  collection = open_in_thread (BUILT_IN, path, &loaded, &deck_error, &store_error);
  g_assert_no_error (deck_error);
  g_assert_no_error (store_error);
  g_assert_true (loaded);
  g_assert_true (rh_collection_is_open (collection));
  g_assert_cmpuint (rh_deck_get_n_cards (rh_collection_get_deck (collection)), ==, 95);
  g_assert_true (rh_collection_grade (collection, rh_test_card (collection, "python-interview/gil"), RH_RATING_GOOD,
                                      4000, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_object_unref (collection);
  collection = open_in_thread (BUILT_IN, path, &loaded, &deck_error, &store_error);
  g_assert_no_error (store_error);
  g_assert_nonnull (rh_collection_lookup_state (collection, "python-interview/gil"));
  g_object_unref (collection);

  g_assert_true (g_file_set_contents (junk_path, junk, -1, NULL));
  collection = open_in_thread (BUILT_IN, junk_path, &loaded, &deck_error, &store_error);
  g_assert_true (loaded);
  g_assert_error (store_error, RH_STORE_ERROR, RH_STORE_ERROR_NOT_A_DATABASE);
  g_assert_false (rh_collection_is_open (collection));
  g_assert_nonnull (rh_collection_get_store_error (collection));
  g_assert_nonnull (rh_collection_get_aside_path (collection));
  g_assert_true (g_file_get_contents (junk_path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, junk);
  g_clear_error (&store_error);
  g_object_unref (collection);

  collection = open_in_thread (RESOURCE_PATH "/decks/no-such-deck.xml", never_path, &loaded, &deck_error,
                               &store_error);
  g_assert_false (loaded);
  g_assert_nonnull (deck_error);
  g_assert_no_error (store_error);
  g_assert_nonnull (rh_collection_get_deck_error (collection));
  g_assert_false (rh_collection_is_open (collection));
  g_assert_false (g_file_test (never_path, G_FILE_TEST_EXISTS));
  g_object_unref (collection);

  /* Dropped while the thread still runs (it reads the deck before it makes
   * the file): it is waited for, and what it opened is closed, the file
   * free for the next one. */
  collection = rh_collection_new (NULL, NULL);
  rh_collection_begin_opening (collection, BUILT_IN, dropped_path);
  g_object_unref (collection);
  g_assert_true (g_file_test (dropped_path, G_FILE_TEST_EXISTS));
  collection = rh_collection_new (NULL, NULL);
  g_assert_true (rh_collection_open_store (collection, dropped_path, &error));
  g_assert_no_error (error);
  g_object_unref (collection);
}

int
main (int   argc,
      char *argv[])
{
  rh_test_init_env ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/collection/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("no-gtk", test_no_gtk);
  ADD ("grade-signals", test_grade_signals);
  ADD ("suspend-reset-practice-stats", test_suspend_reset_practice_stats);
  ADD ("options", test_options);
  ADD ("day-changed", test_day_changed);
  ADD ("future-reviews", test_future_reviews);
  ADD ("error-signal", test_error_signal);
#undef ADD
  g_test_add_func ("/collection/recover", test_recover);
  g_test_add_func ("/collection/opening-thread", test_opening_thread);
  return g_test_run ();
}
