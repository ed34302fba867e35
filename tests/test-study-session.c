/* test-study-session.c: the queue, the daily limits and the study day, on a fake clock
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rh-study-session.h"
#include "rh-test-core.h"
#include "rh-test-utils.h"

#define MINUTE 60
#define HOUR 3600
#define DAY 86400

typedef struct {
  RhCollection *collection;
  RhDeck *deck;             /* the collection's */
  RhStore *store;           /* the collection's */
  RhClock *clock;
  RhStudySession *session;
  GTimeZone *tz;
} Fixture;

/* 2026-03-02 09:00 local time in @tz_name. */
static gint64
local_time (GTimeZone *tz,
            int        year,
            int        month,
            int        day,
            int        hour,
            int        minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new (tz, year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

static void
fixture_set_up_tz (Fixture    *f,
                   const char *tz_name,
                   gint64      start)
{
  static guint n;
  g_autofree char *name = g_strdup_printf ("session-%u", n++);

  f->tz = g_time_zone_new_identifier (tz_name);
  g_assert_nonnull (f->tz);
  f->clock = rh_clock_new_fake (start != 0 ? start : local_time (f->tz, 2026, 3, 2, 9, 0), f->tz);
  /* Fuzz off so intervals are the reference ones. */
  f->collection = rh_test_collection_new (name, "small-deck.xml", f->clock, 4);
  f->deck = rh_collection_get_deck (f->collection);
  f->store = _rh_collection_get_store (f->collection);
  f->session = rh_study_session_new (f->collection);
}

/* The daily limits, as the preferences set them. */
static void
set_limits (Fixture *f,
            int      new_per_day,
            int      reviews_per_day)
{
  g_object_set (rh_collection_get_options (f->collection),
                "new-per-day", new_per_day, "reviews-per-day", reviews_per_day, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  fixture_set_up_tz (f, "Europe/Berlin", 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_object (&f->collection);
  g_clear_object (&f->clock);
  g_clear_pointer (&f->tz, g_time_zone_unref);
}

static const char *
current_id (Fixture *f)
{
  RhCard *card = rh_study_session_get_current (f->session);

  return card != NULL ? rh_card_get_id (card) : NULL;
}

static void
answer (Fixture  *f,
        RhRating  rating)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rh_study_session_answer (f->session, rating, 3000, &error));
  g_assert_no_error (error);
}

static void
test_new_cards_in_deck_order (Fixture       *f,
                              gconstpointer  data)
{
  RhCounts counts;

  rh_study_session_get_remaining (f->session, &counts);
  g_assert_cmpuint (counts.n_new, ==, 10);
  g_assert_cmpuint (counts.n_learning, ==, 0);
  g_assert_cmpuint (counts.n_review, ==, 0);
  g_assert_cmpstr (current_id (f), ==, "small/c00");

  /* Scoped to one topic: its cards, still in deck order. */
  rh_study_session_set_topics (f->session, (const char *[]) { "small/beta", NULL });
  g_assert_cmpstr (current_id (f), ==, "small/c01");
  rh_study_session_get_remaining (f->session, &counts);
  g_assert_cmpuint (counts.n_new, ==, 8);

  rh_study_session_set_topics (f->session, (const char *[]) { "small/gamma", "small/alpha", NULL });
  g_assert_cmpstr (current_id (f), ==, "small/c00");
  answer (f, RH_RATING_GOOD);
  g_assert_cmpstr (current_id (f), ==, "small/c02");
}

/* Good on a new card: learning, due in 10 minutes; back first when due. */
static void
test_learning_first (Fixture       *f,
                     gconstpointer  data)
{
  const RhStoredCard *stored;
  RhCardState after[4];
  gint64 now = rh_clock_now (f->clock);

  rh_study_session_preview (f->session, after);
  g_assert_cmpint (after[RH_RATING_AGAIN - 1].due - now, ==, MINUTE);
  g_assert_cmpint (after[RH_RATING_GOOD - 1].due - now, ==, 10 * MINUTE);
  /* Hard < Good < Easy. */
  g_assert_cmpint (after[RH_RATING_HARD - 1].due, <, after[RH_RATING_GOOD - 1].due);
  g_assert_cmpint (after[RH_RATING_GOOD - 1].due, <, after[RH_RATING_EASY - 1].due);

  answer (f, RH_RATING_GOOD);
  stored = rh_store_lookup (f->store, "small/c00");
  g_assert_cmpint (stored->state.state, ==, RH_CARD_LEARNING);
  g_assert_cmpint (stored->state.due, ==, now + 10 * MINUTE);
  g_assert_cmpstr (current_id (f), ==, "small/c01");

  rh_clock_advance (f->clock, 10 * MINUTE);
  rh_study_session_refresh (f->session);
  g_assert_cmpstr (current_id (f), ==, "small/c00");
  answer (f, RH_RATING_GOOD);
  g_assert_cmpint (rh_store_lookup (f->store, "small/c00")->state.state, ==, RH_CARD_REVIEW);
}

/* The daily limit for new cards counts the study day, which starts at the
 * rollover hour (4:00 local), not at midnight. */
static void
test_new_limit_and_rollover (Fixture       *f,
                             gconstpointer  data)
{
  RhCounts counts;

  set_limits (f, 4, 200);
  for (guint i = 0; i < 4; i++)
    answer (f, RH_RATING_EASY);
  g_assert_null (rh_study_session_get_current (f->session));
  rh_study_session_get_remaining (f->session, &counts);
  g_assert_cmpuint (counts.n_new, ==, 0);
  /* When would more come?  The next study day, at 4:00. */
  g_assert_cmpint (rh_study_session_get_next_due (f->session), ==, local_time (f->tz, 2026, 3, 3, 4, 0));

  /* 02:30 the next morning is still the same study day. */
  rh_clock_set_now (f->clock, local_time (f->tz, 2026, 3, 3, 2, 30));
  rh_study_session_refresh (f->session);
  g_assert_null (rh_study_session_get_current (f->session));

  rh_clock_set_now (f->clock, local_time (f->tz, 2026, 3, 3, 4, 0));
  rh_study_session_refresh (f->session);
  rh_study_session_get_remaining (f->session, &counts);
  g_assert_cmpuint (counts.n_new, ==, 4);
  g_assert_cmpstr (current_id (f), ==, "small/c04");

  /* With the rollover at midnight, 02:30 would have been a new day. */
  rh_clock_set_rollover_hour (f->clock, 0);
  rh_clock_set_now (f->clock, local_time (f->tz, 2026, 3, 3, 3, 0));
  g_assert_cmpint (rh_clock_today (f->clock), ==,
                   rh_clock_study_day (f->clock, local_time (f->tz, 2026, 3, 3, 0, 0)));
}

/* Records a review that leaves @card_id in review with this state. */
static void
put_in_review (Fixture    *f,
               const char *card_id,
               gint64      last_review,
               gint64      due,
               double      stability)
{
  g_autoptr(GError) error = NULL;
  RhReview review = { 0 };

  review.card_id = g_strdup (card_id);
  review.reviewed_at = last_review;
  review.rating = RH_RATING_GOOD;
  review.kind = RH_REVIEW_LEARN;
  rh_card_state_init_new (&review.before, last_review);
  review.after.state = RH_CARD_REVIEW;
  review.after.stability = stability;
  review.after.difficulty = 5.0;
  review.after.due = due;
  review.after.last_review = last_review;
  review.after.scheduled_days = (int)((due - last_review) / DAY);
  review.after.reps = 1;
  g_assert_true (rh_store_record (f->store, &review, &error));
  g_assert_no_error (error);
  rh_review_clear (&review);
}

/* Reviews come by due day, then lowest retrievability first; and the
 * review limit holds. */
static void
test_review_order_and_limit (Fixture       *f,
                             gconstpointer  data)
{
  gint64 now = rh_clock_now (f->clock);
  const char *expected[] = { "small/c07", "small/c05", "small/c03", "small/c04" };
  RhCounts counts, all, per_topic[3];

  set_limits (f, 0, 200);
  /* Due yesterday, all reviewed ten days ago: only stability differs, so
   * the least stable (lowest recall now) comes first.  c07 was due two days
   * ago and comes before them all; c06 is due tomorrow and not at all. */
  put_in_review (f, "small/c03", now - 10 * DAY, now - DAY, 200.0);
  put_in_review (f, "small/c04", now - 10 * DAY, now - DAY, 2000.0);
  put_in_review (f, "small/c05", now - 10 * DAY, now - DAY, 2.0);
  put_in_review (f, "small/c06", now - 10 * DAY, now + DAY, 1.0);
  put_in_review (f, "small/c07", now - 10 * DAY, now - 2 * DAY, 500.0);
  /* Due later today (study day) counts as due today. */
  put_in_review (f, "small/c08", now - 10 * DAY, now + 6 * HOUR, 50.0);

  rh_study_session_get_remaining (f->session, &counts);
  g_assert_cmpuint (counts.n_review, ==, 5);
  rh_collection_count_topics (f->collection, f->deck, per_topic, NULL, &all);
  g_assert_cmpuint (all.n_review, ==, 5);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpstr (current_id (f), ==, expected[i]);
      answer (f, RH_RATING_GOOD);
    }
  g_assert_cmpstr (current_id (f), ==, "small/c08");

  /* The limit counts the reviews done today: four of five. */
  set_limits (f, 0, 4);
  g_assert_null (rh_study_session_get_current (f->session));
  rh_collection_count_topics (f->collection, f->deck, per_topic, NULL, &all);
  g_assert_cmpuint (all.n_review, ==, 0);
  set_limits (f, 0, 5);
  g_assert_cmpstr (current_id (f), ==, "small/c08");
}

static void
test_practice_leaves_schedule (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) order_a = g_ptr_array_new ();
  g_autoptr(GPtrArray) order_b = g_ptr_array_new ();
  RhSessionSummary summary;
  RhCounts counts;

  /* Some real progress first. */
  answer (f, RH_RATING_GOOD);
  answer (f, RH_RATING_EASY);
  {
    g_autoptr(GHashTable) before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    GHashTableIter iter;
    gpointer key, value;

    rh_study_session_set_topics (f->session, (const char *[]) { "small/alpha", NULL });
    rh_study_session_start_practice (f->session, 1234);
    g_assert_true (rh_study_session_get_practice (f->session));
    rh_study_session_get_remaining (f->session, &counts);
    g_assert_cmpuint (counts.n_new, ==, 8);

    /* Remember every card state, then practise every card. */
    g_hash_table_iter_init (&iter, rh_store_get_cards (f->store));
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        RhCardState *copy = g_memdup2 (&rh_store_lookup (f->store, key)->state, sizeof (RhCardState));

        g_hash_table_insert (before, g_strdup (key), copy);
      }
    while (rh_study_session_get_current (f->session) != NULL)
      {
        RhCard *card = rh_study_session_get_current (f->session);

        g_assert_cmpstr (rh_card_get_topic_id (card), ==, "small/alpha");
        g_ptr_array_add (order_a, card);
        answer (f, order_a->len % 2 ? RH_RATING_AGAIN : RH_RATING_GOOD);
      }
    g_assert_cmpuint (order_a->len, ==, 8);
    rh_study_session_get_summary (f->session, &summary);
    g_assert_cmpuint (summary.n_answered, ==, 8);
    g_assert_cmpuint (summary.n_passed, ==, 4);

    /* The schedule is as it was. */
    g_assert_cmpuint (g_hash_table_size (rh_store_get_cards (f->store)), ==, g_hash_table_size (before));
    g_hash_table_iter_init (&iter, before);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        const RhStoredCard *now = rh_store_lookup (f->store, key);

        g_assert_cmpint (now->state.due, ==, ((RhCardState *)value)->due);
        g_assert_cmpint (now->state.reps, ==, ((RhCardState *)value)->reps);
      }
  }

  /* The same seed gives the same order; it is shuffled, not deck order. */
  rh_study_session_start_practice (f->session, 1234);
  while (rh_study_session_get_current (f->session) != NULL)
    {
      g_ptr_array_add (order_b, rh_study_session_get_current (f->session));
      answer (f, RH_RATING_GOOD);
    }
  g_assert_cmpuint (order_b->len, ==, order_a->len);
  for (guint i = 0; i < order_a->len; i++)
    g_assert_true (order_a->pdata[i] == order_b->pdata[i]);
  {
    gboolean in_deck_order = TRUE;

    for (guint i = 1; i < order_a->len; i++)
      in_deck_order &= rh_card_get_position (order_a->pdata[i - 1]) < rh_card_get_position (order_a->pdata[i]);
    g_assert_false (in_deck_order);
  }

  rh_study_session_stop_practice (f->session);
  g_assert_false (rh_study_session_get_practice (f->session));
}

static void
test_undo_shows_card_again (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RhReview undone = { 0 };
  RhSessionSummary summary;

  answer (f, RH_RATING_GOOD);
  answer (f, RH_RATING_AGAIN);
  g_assert_cmpstr (current_id (f), ==, "small/c02");

  g_assert_true (rh_study_session_undo (f->session, &undone, &error));
  g_assert_cmpstr (undone.card_id, ==, "small/c01");
  g_assert_cmpint (undone.rating, ==, RH_RATING_AGAIN);
  rh_review_clear (&undone);
  g_assert_cmpstr (current_id (f), ==, "small/c01");
  g_assert_null (rh_store_lookup (f->store, "small/c01"));
  rh_study_session_get_summary (f->session, &summary);
  g_assert_cmpuint (summary.n_answered, ==, 1);

  g_assert_true (rh_study_session_redo (f->session, NULL, &error));
  g_assert_cmpint (rh_store_lookup (f->store, "small/c01")->state.state, ==, RH_CARD_LEARNING);
  g_assert_cmpstr (current_id (f), ==, "small/c02");
}

/* A card the deck no longer has keeps its history, and is never shown. */
static void
test_removed_cards_keep_history (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) history = NULL;
  RhReview review = { 0 };
  RhCounts all, per_topic[3];

  review.card_id = g_strdup ("small/retired");
  review.reviewed_at = rh_clock_now (f->clock) - DAY;
  review.rating = RH_RATING_GOOD;
  review.kind = RH_REVIEW_LEARN;
  rh_card_state_init_new (&review.before, review.reviewed_at);
  rh_scheduler_next (rh_collection_get_scheduler (f->collection), &review.before, review.reviewed_at,
                     RH_RATING_GOOD, 0, &review.after);
  review.after.due = rh_clock_now (f->clock) - HOUR;
  g_assert_true (rh_store_record (f->store, &review, &error));
  rh_review_clear (&review);

  g_assert_cmpstr (current_id (f), ==, "small/c00");
  rh_collection_count_topics (f->collection, f->deck, per_topic, NULL, &all);
  g_assert_cmpuint (all.n_cards, ==, 24);
  g_assert_cmpuint (all.n_learning, ==, 0);
  history = rh_store_get_history (f->store, "small/retired", &error);
  g_assert_cmpuint (history->len, ==, 1);
}

static void
test_suspended_and_counts (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RhCounts all, per_topic[3], scope;

  g_assert_true (rh_store_set_suspended (f->store, "small/c00", TRUE, 0, &error));
  g_assert_cmpstr (current_id (f), ==, "small/c01");

  answer (f, RH_RATING_GOOD);     /* c01: learning */
  answer (f, RH_RATING_EASY);     /* c02: review in days */
  rh_collection_count_topics (f->collection, f->deck, per_topic, NULL, &all);
  g_assert_cmpuint (all.n_cards, ==, 24);
  g_assert_cmpuint (all.n_suspended, ==, 1);
  g_assert_cmpuint (all.n_unseen, ==, 21);
  g_assert_cmpuint (all.n_new, ==, 8);          /* 10 a day, 2 introduced */
  g_assert_cmpuint (all.n_learning, ==, 1);
  g_assert_cmpuint (per_topic[0].n_suspended, ==, 1);
  g_assert_cmpuint (per_topic[1].n_learning, ==, 1);
  g_assert_cmpuint (per_topic[2].n_unseen, ==, 7);
  /* Readiness: new cards count 0; the Easy card recalls almost surely now. */
  g_assert_cmpfloat (per_topic[2].readiness, >, 0.9 / 8);
  g_assert_cmpfloat (per_topic[2].readiness, <=, 1.0 / 8);
  g_assert_cmpfloat (per_topic[0].readiness, ==, 0.0);

  rh_collection_count_scope (f->collection, f->deck, (const char *[]) { "small/beta", "small/gamma", NULL }, &scope);
  g_assert_cmpuint (scope.n_cards, ==, 16);
  g_assert_cmpuint (scope.n_learning, ==, 1);
  g_assert_cmpuint (scope.n_unseen, ==, 14);
}

/* Nothing due: a learning step ending within 20 minutes is taken early. */
static void
test_learn_ahead (Fixture       *f,
                  gconstpointer  data)
{
  set_limits (f, 1, 200);
  answer (f, RH_RATING_GOOD);      /* due in 10 minutes */
  g_assert_cmpstr (current_id (f), ==, "small/c00");
  answer (f, RH_RATING_AGAIN);     /* back to step 0 after Again */
  answer (f, RH_RATING_GOOD);
  g_assert_cmpstr (current_id (f), ==, "small/c00");
  answer (f, RH_RATING_GOOD);      /* graduates */
  g_assert_null (rh_study_session_get_current (f->session));
  g_assert_cmpint (rh_study_session_get_next_due (f->session), >, rh_clock_now (f->clock));
}

/* Across a daylight-saving change the study day still advances by one, and
 * a card due "tomorrow" is due the next study day. */
static void
test_daylight_saving (void)
{
  Fixture fx = { 0 }, *f = &fx;
  gint64 saturday, sunday, monday;
  const RhStoredCard *stored;

  /* Europe/Berlin: 2026-03-29 02:00 CET becomes 03:00 CEST. */
  fixture_set_up_tz (f, "Europe/Berlin", 0);
  saturday = local_time (f->tz, 2026, 3, 28, 10, 0);
  sunday = local_time (f->tz, 2026, 3, 29, 10, 0);
  monday = local_time (f->tz, 2026, 3, 30, 10, 0);
  g_assert_cmpint (sunday - saturday, ==, 23 * HOUR);
  g_assert_cmpint (rh_clock_study_day (f->clock, sunday), ==, rh_clock_study_day (f->clock, saturday) + 1);
  g_assert_cmpint (rh_clock_study_day (f->clock, monday), ==, rh_clock_study_day (f->clock, sunday) + 1);
  g_assert_cmpint (rh_clock_day_start (f->clock, rh_clock_study_day (f->clock, sunday)), ==,
                   local_time (f->tz, 2026, 3, 29, 4, 0));
  g_assert_cmpint (rh_clock_day_start (f->clock, rh_clock_study_day (f->clock, monday)) -
                   rh_clock_day_start (f->clock, rh_clock_study_day (f->clock, sunday)), ==, 24 * HOUR);
  g_assert_cmpint (rh_clock_day_start (f->clock, rh_clock_study_day (f->clock, sunday)) -
                   rh_clock_day_start (f->clock, rh_clock_study_day (f->clock, saturday)), ==, 23 * HOUR);

  /* Learn a card on Saturday at 23:30 (still Saturday's study day). */
  rh_clock_set_now (f->clock, local_time (f->tz, 2026, 3, 28, 23, 30));
  set_limits (f, 1, 200);
  rh_study_session_refresh (f->session);
  answer (f, RH_RATING_GOOD);
  rh_clock_advance (f->clock, 10 * MINUTE);
  rh_study_session_refresh (f->session);
  answer (f, RH_RATING_GOOD);
  stored = rh_store_lookup (f->store, "small/c00");
  g_assert_cmpint (stored->state.state, ==, RH_CARD_REVIEW);
  g_assert_cmpint (stored->state.scheduled_days, >=, 1);

  /* Sunday 03:30 CEST is before the rollover: still Saturday, nothing due,
   * not even a new card (the limit of 1 is used). */
  rh_clock_set_now (f->clock, local_time (f->tz, 2026, 3, 29, 3, 30));
  rh_study_session_refresh (f->session);
  g_assert_null (rh_study_session_get_current (f->session));

  /* On the card's due study day it is there from the rollover on. */
  rh_clock_set_now (f->clock, rh_clock_day_start (f->clock, rh_clock_study_day (f->clock, stored->state.due)));
  rh_study_session_refresh (f->session);
  g_assert_cmpstr (current_id (f), ==, "small/c00");
  fixture_tear_down (f, NULL);

  /* America/New_York falls back on 2026-11-01: a 25-hour day. */
  fixture_set_up_tz (f, "America/New_York", 0);
  g_assert_cmpint (rh_clock_day_start (f->clock, rh_clock_study_day (f->clock, local_time (f->tz, 2026, 11, 2, 12, 0))) -
                   rh_clock_day_start (f->clock, rh_clock_study_day (f->clock, local_time (f->tz, 2026, 11, 1, 12, 0))),
                   ==, 24 * HOUR);
  g_assert_cmpint (rh_clock_study_day (f->clock, local_time (f->tz, 2026, 11, 1, 23, 59)) -
                   rh_clock_study_day (f->clock, local_time (f->tz, 2026, 10, 31, 23, 59)), ==, 1);
  fixture_tear_down (f, NULL);
}

/* The day turns while a card is on screen (its answer maybe shown): it
 * stays the current card, even though a learning card came due meanwhile. */
static void
test_day_turns_under_a_card (Fixture       *f,
                             gconstpointer  data)
{
  rh_clock_set_now (f->clock, local_time (f->tz, 2026, 3, 3, 3, 50));
  rh_study_session_refresh (f->session);
  g_assert_cmpstr (current_id (f), ==, "small/c00");
  answer (f, RH_RATING_AGAIN);          /* c00: learning, due at 03:51 */
  g_assert_cmpstr (current_id (f), ==, "small/c01");
  /* 04:00:01: a new study day, and c00 is due; c01 is what is shown. */
  rh_clock_set_now (f->clock, local_time (f->tz, 2026, 3, 3, 4, 0) + 1);
  g_assert_cmpstr (current_id (f), ==, "small/c01");
  /* New options likewise. */
  g_object_set (rh_collection_get_options (f->collection), "desired-retention", 0.85, NULL);
  g_assert_cmpstr (current_id (f), ==, "small/c01");
  /* Answered, the queue catches up: the learning card is next. */
  answer (f, RH_RATING_GOOD);
  g_assert_cmpstr (current_id (f), ==, "small/c00");
}

int
main (int   argc,
      char *argv[])
{
  rh_test_init_env ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/session/new-cards-in-deck-order", test_new_cards_in_deck_order);
  ADD ("/session/learning-first", test_learning_first);
  ADD ("/session/new-limit-and-rollover", test_new_limit_and_rollover);
  ADD ("/session/review-order-and-limit", test_review_order_and_limit);
  ADD ("/session/practice-leaves-schedule", test_practice_leaves_schedule);
  ADD ("/session/undo-shows-card-again", test_undo_shows_card_again);
  ADD ("/session/removed-cards-keep-history", test_removed_cards_keep_history);
  ADD ("/session/suspended-and-counts", test_suspended_and_counts);
  ADD ("/session/learn-ahead", test_learn_ahead);
  ADD ("/session/day-turns-under-a-card", test_day_turns_under_a_card);
#undef ADD
  g_test_add_func ("/session/daylight-saving", test_daylight_saving);

  return g_test_run ();
}
