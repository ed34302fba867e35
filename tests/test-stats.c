/* test-stats.c: the statistics against a history worked out by hand
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Today" is D = 2026-03-10, now is 12:00 UTC, the day rolls over at
 * midnight.  The small deck has 24 cards; alpha holds c00, c03, c06, ...,
 * beta c01, c04, c07, ..., gamma c02, c05, c08, ...  The history:
 *
 *   E1  c00 D-10 09:00  learn    Good   new -> review S=10
 *   E2  c00 D    09:00  review   Good   10 days after E1: retention, passed
 *   E3  c01 D-3  10:00  learn    Good   new -> review S=2
 *   E4  c01 D-1  10:00  review   Again  2 days after E3: retention, failed -> relearning S=1
 *   E5  c02 D-2  08:00  learn    Good   new -> learning S=2, due D-2 08:10
 *   E6  c03 D    11:00  practice Easy   stays new
 *   E7  c04 D    08:00  learn    Good   new -> learning S=5
 *   E8  c04 D    08:10  learn    Good   learning -> review S=5, due D+5
 *   E9  c05 D-40 12:00  learn    Good   new -> review S=3
 *   E10 c05 D-15 12:00  review   Hard   25 days after E9: retention, passed -> S=15, due D-1
 *   E11 c06 D-1  13:00  reset           not a review
 *   and c07 is suspended while new.
 *
 * Recall now: FSRS gives exactly 0.9 when the days elapsed equal the
 * stability, and 1 on the day of a review.  c00 1 (reviewed today),
 * c01 0.9 (1 day, S=1), c02 0.9 (2 days, S=2), c04 1 (today), c05 0.9
 * (15 days, S=15); every other card is new: 0.
 */
#include "config.h"

#include <math.h>

#include "rh-deck-parser.h"
#include "rh-stats.h"
#include "rh-study-session.h"
#include "rh-test-core.h"
#include "rh-test-utils.h"

#define DAY 86400
#define HOUR 3600
#define D (1773144000 - 12 * HOUR)     /* 2026-03-10 00:00 UTC */
#define NOW (D + 12 * HOUR)

typedef struct {
  RhCollection *collection;
  RhStore *store;           /* the collection's */
  RhClock *clock;
  RhStudySession *session;
  RhStats *stats;
} Fixture;

static RhCardState
state (RhCardStateKind kind,
       double          stability,
       gint64          last_review,
       gint64          due,
       int             reps)
{
  RhCardState s = { 0 };

  s.state = kind;
  s.stability = stability;
  s.difficulty = kind == RH_CARD_NEW ? 0 : 5;
  s.last_review = last_review;
  s.due = due;
  s.reps = reps;
  return s;
}

static RhReview
review (const char     *card,
        gint64          at,
        int             rating,
        RhReviewKind    kind,
        RhCardState     before,
        RhCardState     after)
{
  RhReview r = { 0 };

  r.card_id = (char *)card;
  r.reviewed_at = at;
  r.rating = rating;
  r.duration_ms = 1000;
  r.kind = kind;
  r.before = before;
  r.after = after;
  return r;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GError) error = NULL;
  static guint n;
  g_autofree char *name = g_strdup_printf ("stats-%u", n++);
  RhCardState fresh = state (RH_CARD_NEW, 0, 0, 0, 0);
  RhReview history[] = {
    review ("small/c00", D - 10 * DAY + 9 * HOUR, 3, RH_REVIEW_LEARN, fresh,
            state (RH_CARD_REVIEW, 10, D - 10 * DAY + 9 * HOUR, D + 9 * HOUR, 1)),
    review ("small/c00", D + 9 * HOUR, 3, RH_REVIEW_REVIEW,
            state (RH_CARD_REVIEW, 10, D - 10 * DAY + 9 * HOUR, D + 9 * HOUR, 1),
            state (RH_CARD_REVIEW, 30, D + 9 * HOUR, D + 30 * DAY + 9 * HOUR, 2)),
    review ("small/c01", D - 3 * DAY + 10 * HOUR, 3, RH_REVIEW_LEARN, fresh,
            state (RH_CARD_REVIEW, 2, D - 3 * DAY + 10 * HOUR, D - DAY + 10 * HOUR, 1)),
    review ("small/c01", D - DAY + 10 * HOUR, 1, RH_REVIEW_REVIEW,
            state (RH_CARD_REVIEW, 2, D - 3 * DAY + 10 * HOUR, D - DAY + 10 * HOUR, 1),
            state (RH_CARD_RELEARNING, 1, D - DAY + 10 * HOUR, D - DAY + 10 * HOUR + 600, 2)),
    review ("small/c02", D - 2 * DAY + 8 * HOUR, 3, RH_REVIEW_LEARN, fresh,
            state (RH_CARD_LEARNING, 2, D - 2 * DAY + 8 * HOUR, D - 2 * DAY + 8 * HOUR + 600, 1)),
    review ("small/c03", D + 11 * HOUR, 4, RH_REVIEW_PRACTICE, fresh, fresh),
    review ("small/c04", D + 8 * HOUR, 3, RH_REVIEW_LEARN, fresh,
            state (RH_CARD_LEARNING, 5, D + 8 * HOUR, D + 8 * HOUR + 600, 1)),
    review ("small/c04", D + 8 * HOUR + 600, 3, RH_REVIEW_LEARN,
            state (RH_CARD_LEARNING, 5, D + 8 * HOUR, D + 8 * HOUR + 600, 1),
            state (RH_CARD_REVIEW, 5, D + 8 * HOUR + 600, D + 5 * DAY + 8 * HOUR + 600, 2)),
    review ("small/c05", D - 40 * DAY + 12 * HOUR, 3, RH_REVIEW_LEARN, fresh,
            state (RH_CARD_REVIEW, 3, D - 40 * DAY + 12 * HOUR, D - 37 * DAY, 1)),
    review ("small/c05", D - 15 * DAY + 12 * HOUR, 2, RH_REVIEW_REVIEW,
            state (RH_CARD_REVIEW, 3, D - 40 * DAY + 12 * HOUR, D - 37 * DAY, 1),
            state (RH_CARD_REVIEW, 15, D - 15 * DAY + 12 * HOUR, D - DAY, 2)),
    review ("small/c06", D - DAY + 13 * HOUR, 0, RH_REVIEW_RESET, fresh, fresh),
  };

  f->clock = rh_clock_new_fake (NOW, utc);
  f->collection = rh_test_collection_new (name, "small-deck.xml", f->clock, 0);
  f->store = _rh_collection_get_store (f->collection);
  g_assert_true (rh_store_import (f->store, history, G_N_ELEMENTS (history), &error));
  g_assert_true (rh_store_set_suspended (f->store, "small/c07", TRUE, 0, &error));
  f->session = rh_study_session_new (f->collection);
  f->stats = rh_stats_new (f->collection);
  g_assert_true (rh_stats_sync (f->stats, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->stats);
  g_clear_object (&f->session);
  g_clear_object (&f->collection);
  g_clear_object (&f->clock);
}

#define assert_retention(r, p, t) \
  G_STMT_START { g_assert_cmpuint ((r).passed, ==, (p)); g_assert_cmpuint ((r).total, ==, (t)); } G_STMT_END

static void
test_numbers_all_topics (Fixture       *f,
                         gconstpointer  data)
{
  RhStatsReport r;
  guint last = RH_STATS_CALENDAR_DAYS - 1;

  rh_stats_compute (f->stats, NULL, &r);

  g_assert_cmpint (r.today, ==, D / DAY);
  /* E2, E6, E7, E8 are today; the reset is not a review. */
  g_assert_cmpuint (r.reviews_today, ==, 4);
  g_assert_cmpint (r.time_today_ms, ==, 4000);
  g_assert_cmpuint (r.n_reviews, ==, 10);

  /* True retention: E2 passed today; E4 failed yesterday; E10 passed 15
   * days ago.  Learning steps and practice do not count. */
  assert_retention (r.retention_today, 1, 1);
  assert_retention (r.retention_week, 1, 2);
  assert_retention (r.retention_month, 2, 3);
  assert_retention (r.retention_all, 2, 3);
  g_assert_cmpfloat (r.desired_retention, ==, 0.9);

  /* Reviews on D, D-1, D-2, D-3; none on D-4. */
  g_assert_cmpuint (r.streak, ==, 4);

  /* Due today: c01 (relearning), c02 (learning), c05 (overdue review);
   * c04 is due on D+5, c00 on D+30 (beyond the 30 days shown). */
  g_assert_cmpuint (r.due_today, ==, 3);
  g_assert_cmpuint (r.due_tomorrow, ==, 0);
  g_assert_cmpuint (r.future_due[0], ==, 3);
  g_assert_cmpuint (r.future_due[5], ==, 1);
  {
    guint total = 0;

    for (guint d = 0; d < RH_STATS_FUTURE_DAYS; d++)
      total += r.future_due[d];
    g_assert_cmpuint (total, ==, 4);
  }

  /* States: c00, c04, c05 in review; c01 relearning; c02 learning; c07
   * suspended; the other 18 new. */
  g_assert_cmpuint (r.states[RH_STATS_STATE_NEW], ==, 18);
  g_assert_cmpuint (r.states[RH_STATS_STATE_LEARNING], ==, 1);
  g_assert_cmpuint (r.states[RH_STATS_STATE_REVIEW], ==, 3);
  g_assert_cmpuint (r.states[RH_STATS_STATE_RELEARNING], ==, 1);
  g_assert_cmpuint (r.states[RH_STATS_STATE_SUSPENDED], ==, 1);
  g_assert_cmpuint (r.n_cards, ==, 24);

  /* Readiness: (1 + 0.9 + 0.9 + 1 + 0.9) / 24. */
  g_assert_cmpfloat_with_epsilon (r.readiness, 4.7 / 24, 1e-9);
  g_assert_cmpfloat_with_epsilon (r.forecast_idle[0], 4.7 / 24, 1e-9);
  g_assert_cmpuint (r.n_topics, ==, 3);
  g_assert_cmpfloat_with_epsilon (r.topic_readiness[0], 1.0 / 8, 1e-9);        /* alpha: c00 */
  g_assert_cmpfloat_with_epsilon (r.topic_readiness[1], 1.9 / 8, 1e-9);        /* beta: c01, c04 */
  g_assert_cmpfloat_with_epsilon (r.topic_readiness[2], 1.8 / 8, 1e-9);        /* gamma: c02, c05 */

  /* The calendar: 4 today, E4 yesterday, E5 two days ago, E3 three. */
  g_assert_cmpuint (r.calendar[last], ==, 4);
  g_assert_cmpuint (r.calendar[last - 1], ==, 1);
  g_assert_cmpuint (r.calendar[last - 2], ==, 1);
  g_assert_cmpuint (r.calendar[last - 3], ==, 1);
  g_assert_cmpuint (r.calendar[last - 10], ==, 1);
  g_assert_cmpuint (r.calendar[last - 4], ==, 0);
  g_assert_cmpint (r.calendar_first_day, ==, r.today - (RH_STATS_CALENDAR_DAYS - 1));

  /* Retention per week: this week 1 of 2; three weeks back (D-15) 1 of 1. */
  assert_retention (r.weekly[RH_STATS_WEEKS - 1], 1, 2);
  assert_retention (r.weekly[RH_STATS_WEEKS - 3], 1, 1);
  assert_retention (r.weekly[RH_STATS_WEEKS - 2], 0, 0);

  rh_stats_report_clear (&r);
}

/* The forgetting curve ahead, worked out from its definition. */
static void
test_forecast (Fixture       *f,
               gconstpointer  data)
{
  const RhFsrs *fsrs = rh_scheduler_get_fsrs (rh_collection_get_scheduler (f->collection));
  RhStatsReport r;
  double tomorrow;

  rh_stats_compute (f->stats, NULL, &r);
  /* One day on: c00 R(1, 30), c01 R(2, 1), c02 R(3, 2), c04 R(1, 5), c05 R(16, 15). */
  tomorrow = (rh_fsrs_forgetting_curve (fsrs, 1, 30) + rh_fsrs_forgetting_curve (fsrs, 2, 1) +
              rh_fsrs_forgetting_curve (fsrs, 3, 2) + rh_fsrs_forgetting_curve (fsrs, 1, 5) +
              rh_fsrs_forgetting_curve (fsrs, 16, 15)) / 24;
  g_assert_cmpfloat_with_epsilon (r.forecast_idle[1], tomorrow, 1e-9);

  /* Without reviews, memory only fades; reviewing today's due cards keeps
   * readiness above that on every day ahead. */
  for (guint d = 1; d < RH_STATS_FORECAST_DAYS; d++)
    {
      g_assert_cmpfloat (r.forecast_idle[d], <=, r.forecast_idle[d - 1]);
      g_assert_cmpfloat (r.forecast_done[d], >=, r.forecast_idle[d]);
    }
  g_assert_cmpfloat (r.forecast_done[10], >, r.forecast_idle[10]);
  rh_stats_report_clear (&r);
}

static void
test_scope (Fixture       *f,
            gconstpointer  data)
{
  RhStatsReport r;

  rh_stats_compute (f->stats, (const char *[]) { "small/beta", NULL }, &r);
  g_assert_cmpuint (r.n_cards, ==, 8);
  g_assert_cmpuint (r.reviews_today, ==, 2);            /* E7, E8 */
  assert_retention (r.retention_week, 0, 1);            /* E4 */
  assert_retention (r.retention_all, 0, 1);
  g_assert_cmpuint (r.streak, ==, 2);                   /* D, D-1; nothing on D-2 */
  g_assert_cmpuint (r.due_today, ==, 1);                /* c01 */
  g_assert_cmpfloat_with_epsilon (r.readiness, 1.9 / 8, 1e-9);
  g_assert_cmpuint (r.n_topics, ==, 1);
  g_assert_cmpuint (r.topic_index[0], ==, 1);
  rh_stats_report_clear (&r);
}

/* An interview of one question per topic given, with @covered of @total
 * key areas each, kept at @started_at. */
static void
keep_interview (RhCollection       *collection,
                gint64              started_at,
                const char * const *topics,
                const guint        *covered,
                const guint        *total)
{
  g_autoptr(GError) error = NULL;
  RhInterviewRecord record;

  rh_interview_record_init (&record);
  record.started_at = started_at;
  record.seconds_per_question = 240;
  for (guint i = 0; topics[i] != NULL; i++)
    {
      RhInterviewAnswer *answer = rh_interview_record_add_answer (&record);

      answer->card_id = g_strdup_printf ("%s-%u", topics[i], i);
      answer->topic_id = g_strdup (topics[i]);
      answer->title = g_strdup ("Title");
      answer->question = g_strdup ("Question?");
      answer->rating = RH_RATING_GOOD;
      for (guint a = 0; a < total[i]; a++)
        rh_interview_answer_add_area (answer, "area", a < covered[i]);
    }
  g_assert_true (rh_collection_save_interview (collection, &record, &error));
  g_assert_no_error (error);
  rh_interview_record_clear (&record);
}

/* Mock interview scores over time, for the topics in scope: a topic the
 * deck no longer has counts for every topic only. */
static void
test_interview_scores (Fixture       *f,
                       gconstpointer  data)
{
  RhStatsReport r;

  keep_interview (f->collection, D - 1 * DAY, (const char *[]) { "small/alpha", "small/gone", NULL },
                  (guint[]) { 4, 0 }, (guint[]) { 4, 2 });
  keep_interview (f->collection, D - 5 * DAY, (const char *[]) { "small/alpha", "small/beta", NULL },
                  (guint[]) { 2, 1 }, (guint[]) { 4, 2 });
  keep_interview (f->collection, D - 2 * DAY, (const char *[]) { "small/gamma", NULL }, (guint[]) { 3 }, (guint[]) { 3 });

  rh_stats_compute (f->stats, NULL, &r);
  g_assert_cmpuint (r.n_interviews, ==, 3);
  g_assert_cmpint (r.interview_started[0], ==, D - 5 * DAY);
  g_assert_cmpuint (r.interview_covered[0], ==, 3);
  g_assert_cmpuint (r.interview_total[0], ==, 6);
  g_assert_cmpint (r.interview_started[1], ==, D - 2 * DAY);
  g_assert_cmpuint (r.interview_covered[1], ==, 3);
  g_assert_cmpuint (r.interview_total[1], ==, 3);
  g_assert_cmpuint (r.interview_covered[2], ==, 4);
  g_assert_cmpuint (r.interview_total[2], ==, 6);
  rh_stats_report_clear (&r);

  rh_stats_compute (f->stats, (const char *[]) { "small/alpha", NULL }, &r);
  g_assert_cmpuint (r.n_interviews, ==, 2);
  g_assert_cmpuint (r.interview_covered[0], ==, 2);
  g_assert_cmpuint (r.interview_total[0], ==, 4);
  g_assert_cmpuint (r.interview_covered[1], ==, 4);
  g_assert_cmpuint (r.interview_total[1], ==, 4);
  rh_stats_report_clear (&r);
}

/* The copy of the log follows grades and undos. */
static void
test_sync (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RhStatsReport r;

  g_object_set (rh_collection_get_options (f->collection), "new-per-day", 10, NULL);
  g_assert_nonnull (rh_study_session_get_current (f->session));
  g_assert_true (rh_study_session_answer (f->session, RH_RATING_GOOD, 2500, &error));
  g_assert_true (rh_stats_sync (f->stats, &error));
  rh_stats_compute (f->stats, NULL, &r);
  g_assert_cmpuint (r.reviews_today, ==, 5);
  g_assert_cmpint (r.time_today_ms, ==, 6500);
  rh_stats_report_clear (&r);

  g_assert_true (rh_study_session_undo (f->session, NULL, &error));
  g_assert_true (rh_stats_sync (f->stats, &error));
  rh_stats_compute (f->stats, NULL, &r);
  g_assert_cmpuint (r.reviews_today, ==, 4);
  g_assert_cmpint (r.time_today_ms, ==, 4000);
  rh_stats_report_clear (&r);

  /* Graded again at the same moment: the new entry takes the undone one's
   * id; the copy must see the new grade, not keep the old one. */
  g_assert_true (rh_study_session_answer (f->session, RH_RATING_GOOD, 2500, &error));
  g_assert_true (rh_stats_sync (f->stats, &error));
  g_assert_true (rh_study_session_undo (f->session, NULL, &error));
  g_assert_true (rh_study_session_answer (f->session, RH_RATING_AGAIN, 9000, &error));
  g_assert_true (rh_stats_sync (f->stats, &error));
  rh_stats_compute (f->stats, NULL, &r);
  g_assert_cmpuint (r.reviews_today, ==, 5);
  g_assert_cmpint (r.time_today_ms, ==, 13000);
  rh_stats_report_clear (&r);
}

/* The edges: a same-day review, a day without reviews, a suspended card. */
static void
test_edges (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RhStatsReport r;
  RhReview again = { 0 };

  /* c00 again an hour after this morning's review: the same study day, so
   * true retention does not count it (it is not a test of memory). */
  again.card_id = g_strdup ("small/c00");
  again.reviewed_at = D + 10 * HOUR;
  again.rating = RH_RATING_AGAIN;
  again.kind = RH_REVIEW_REVIEW;
  again.before = rh_store_lookup (f->store, "small/c00")->state;
  again.after = again.before;
  again.after.state = RH_CARD_RELEARNING;
  again.after.due = D + 10 * HOUR + 600;
  g_assert_true (rh_store_record (f->store, &again, &error));
  rh_review_clear (&again);
  g_assert_true (rh_stats_sync (f->stats, &error));
  rh_stats_compute (f->stats, NULL, &r);
  g_assert_cmpuint (r.reviews_today, ==, 5);
  assert_retention (r.retention_today, 1, 1);
  rh_stats_report_clear (&r);

  /* A suspended card is not due, however overdue. */
  g_assert_true (rh_store_set_suspended (f->store, "small/c05", TRUE, 0, &error));
  rh_stats_compute (f->stats, NULL, &r);
  g_assert_cmpuint (r.due_today, ==, 3);   /* c00 (relearning now), c01, c02 */
  g_assert_cmpuint (r.states[RH_STATS_STATE_SUSPENDED], ==, 2);
  rh_stats_report_clear (&r);

  /* Tomorrow before any review: the streak of 4 is still alive. */
  rh_clock_set_now (f->clock, NOW + DAY);
  rh_stats_compute (f->stats, NULL, &r);
  g_assert_cmpuint (r.reviews_today, ==, 0);
  g_assert_cmpuint (r.streak, ==, 4);
  rh_stats_report_clear (&r);

  /* The day after that it is over. */
  rh_clock_set_now (f->clock, NOW + 2 * DAY);
  rh_stats_compute (f->stats, NULL, &r);
  g_assert_cmpuint (r.streak, ==, 0);
  rh_stats_report_clear (&r);
}

/* An empty history: zeros, no division by zero. */
static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhClock) clock = rh_clock_new_fake (NOW, NULL);
  g_autoptr(RhCollection) collection = rh_test_collection_new ("stats-empty", "small-deck.xml", clock, 4);
  g_autoptr(RhStats) stats = rh_stats_new (collection);
  RhStatsReport r;

  g_assert_true (rh_stats_sync (stats, &error));
  rh_stats_compute (stats, NULL, &r);
  g_assert_cmpuint (r.n_reviews, ==, 0);
  g_assert_cmpuint (r.streak, ==, 0);
  g_assert_cmpfloat (r.readiness, ==, 0.0);
  g_assert_cmpuint (r.states[RH_STATS_STATE_NEW], ==, 24);
  g_assert_false (isnan (r.forecast_idle[5]));
  rh_stats_report_clear (&r);
}

int
main (int   argc,
      char *argv[])
{
  rh_test_init_env ();
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/stats/numbers", Fixture, NULL, fixture_set_up, test_numbers_all_topics, fixture_tear_down);
  g_test_add ("/stats/forecast", Fixture, NULL, fixture_set_up, test_forecast, fixture_tear_down);
  g_test_add ("/stats/scope", Fixture, NULL, fixture_set_up, test_scope, fixture_tear_down);
  g_test_add ("/stats/interview-scores", Fixture, NULL, fixture_set_up, test_interview_scores, fixture_tear_down);
  g_test_add ("/stats/sync", Fixture, NULL, fixture_set_up, test_sync, fixture_tear_down);
  g_test_add ("/stats/edges", Fixture, NULL, fixture_set_up, test_edges, fixture_tear_down);
  g_test_add_func ("/stats/empty", test_empty);

  return g_test_run ();
}
