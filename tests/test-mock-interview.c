/* test-mock-interview.c: which questions, the countdown, the grades and the report, on a fake clock
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rh-deck-private.h"
#include "rh-interview-report.h"
#include "rh-mock-interview.h"
#include "rh-test-core.h"
#include "rh-test-utils.h"

#define NOW 1772452800   /* 2026-03-02 12:00 UTC */
#define MINUTE 60
#define DAY 86400

static gint64
db_int (RhCollection *collection,
        const char   *sql)
{
  return rh_test_db_int (rh_collection_get_store_path (collection), sql);
}

/* A collection over the deck named by the test's data (NULL: the built-in
 * one), a fresh store, a fake clock at NOW in UTC. */
typedef struct {
  RhClock *clock;
  RhCollection *collection;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  deck_fixture)
{
  static guint n;
  g_autofree char *name = g_strdup_printf ("interview-%u", n++);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  f->clock = rh_clock_new_fake (NOW, utc);
  f->collection = rh_test_collection_new (name, deck_fixture, f->clock, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->collection);
  g_clear_object (&f->clock);
}

/* --- Choosing the questions ------------------------------------------------- */

/* A generated history of six topics of eight cards: "weak-a" and "weak-b"
 * forgotten and lapsed, the others recalled well, and a few cards never
 * seen in "strong-c". */
static GArray *
generated_candidates (guint32 seed)
{
  static const char * const topics[] = { "strong-a", "weak-a", "strong-b", "strong-c", "weak-b", "strong-d" };
  static char ids[6 * 8][32];
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GArray *candidates = g_array_new (FALSE, TRUE, sizeof (RhMockCandidate));

  for (guint t = 0; t < G_N_ELEMENTS (topics); t++)
    for (guint c = 0; c < 8; c++)
      {
        gboolean weak = g_str_has_prefix (topics[t], "weak");
        RhMockCandidate candidate = {
          .card_id = ids[t * 8 + c],
          .topic_id = topics[t],
          .seen = !(g_str_equal (topics[t], "strong-c") && c >= 6),
          .retrievability = weak ? g_rand_double_range (rand, 0.2, 0.6) : g_rand_double_range (rand, 0.85, 0.99),
          .lapses = weak ? g_rand_int_range (rand, 1, 5) : 0,
        };

        g_snprintf (ids[t * 8 + c], sizeof ids[0], "gen/%s-%u", topics[t], c);
        if (!candidate.seen)
          candidate.retrievability = 0;
        g_array_append_val (candidates, candidate);
      }
  return candidates;
}

static const RhMockCandidate *
picked (GArray *candidates,
        GArray *chosen,
        guint   i)
{
  return &g_array_index (candidates, RhMockCandidate, g_array_index (chosen, guint, i));
}

static GStrv
picked_ids (GArray *candidates,
            GArray *chosen)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

  for (guint i = 0; i < chosen->len; i++)
    g_strv_builder_add (ids, picked (candidates, chosen, i)->card_id);
  return g_strv_builder_end (ids);
}

/* Weak topics first, spread one a topic, never the previous interview's
 * questions, the same for the same seed. */
static void
test_select_generated (void)
{
  g_autoptr(GArray) candidates = generated_candidates (11);
  const RhMockCandidate *all = (const RhMockCandidate *)candidates->data;
  guint differing = 0;

  for (guint32 seed = 1; seed <= 20; seed++)
    {
      g_autoptr(GArray) first = rh_mock_interview_select (all, candidates->len, NULL, 5, NULL, seed);
      g_autoptr(GArray) again = rh_mock_interview_select (all, candidates->len, NULL, 5, NULL, seed);
      g_autoptr(GArray) other = rh_mock_interview_select (all, candidates->len, NULL, 5, NULL, seed + 100);
      g_auto(GStrv) first_ids = picked_ids (candidates, first);
      g_auto(GStrv) again_ids = picked_ids (candidates, again);
      g_auto(GStrv) other_ids = picked_ids (candidates, other);
      g_autoptr(GArray) next = NULL;
      g_autoptr(GHashTable) topics = g_hash_table_new (g_str_hash, g_str_equal);

      g_assert_cmpuint (first->len, ==, 5);
      g_assert_true (g_strv_equal ((const char * const *)first_ids, (const char * const *)again_ids));
      differing += !g_strv_equal ((const char * const *)first_ids, (const char * const *)other_ids);
      /* The two weak topics come first, whatever the seed. */
      g_assert_true (g_str_has_prefix (picked (candidates, first, 0)->topic_id, "weak"));
      g_assert_true (g_str_has_prefix (picked (candidates, first, 1)->topic_id, "weak"));
      /* Spread: five questions from five topics. */
      for (guint i = 0; i < first->len; i++)
        g_hash_table_add (topics, (gpointer)picked (candidates, first, i)->topic_id);
      g_assert_cmpuint (g_hash_table_size (topics), ==, 5);
      /* The next interview asks none of these. */
      next = rh_mock_interview_select (all, candidates->len, NULL, 5, (const char * const *)first_ids, seed);
      g_assert_cmpuint (next->len, ==, 5);
      for (guint i = 0; i < next->len; i++)
        g_assert_false (g_strv_contains ((const char * const *)first_ids, picked (candidates, next, i)->card_id));
    }
  /* A seed changes the questions, not just their order of ties. */
  g_assert_cmpuint (differing, >=, 10);
}

/* Within a topic, the cards known least come first: every card chosen is
 * at least as weak as every card left, but for the seed's small part. */
static void
test_select_weak_cards_first (void)
{
  g_autoptr(GArray) candidates = generated_candidates (5);
  const char * const topics[] = { "weak-a", "strong-c", NULL };
  g_autoptr(GArray) chosen = rh_mock_interview_select ((const RhMockCandidate *)candidates->data, candidates->len,
                                                       topics, 8, NULL, 99);
  double weakest_left[2] = { 0, 0 }, strongest_chosen[2] = { 10, 10 };

  g_assert_cmpuint (chosen->len, ==, 8);
  g_assert_cmpstr (picked (candidates, chosen, 0)->topic_id, ==, "weak-a");
  for (guint i = 0; i < candidates->len; i++)
    {
      const RhMockCandidate *c = &g_array_index (candidates, RhMockCandidate, i);
      double weakness = (c->seen ? 1 - c->retrievability : 1) + 0.1 * MIN (c->lapses, 5);
      int t = g_str_equal (c->topic_id, "weak-a") ? 0 : g_str_equal (c->topic_id, "strong-c") ? 1 : -1;
      gboolean was_chosen = FALSE;

      if (t < 0)
        continue;
      for (guint j = 0; j < chosen->len; j++)
        was_chosen |= g_array_index (chosen, guint, j) == i;
      if (was_chosen)
        strongest_chosen[t] = MIN (strongest_chosen[t], weakness);
      else
        weakest_left[t] = MAX (weakest_left[t], weakness);
    }
  for (int t = 0; t < 2; t++)
    g_assert_cmpfloat (strongest_chosen[t], >=, weakest_left[t] - 0.15);
  /* Four from each topic, alternately; the two never seen in strong-c
   * are among them. */
  for (guint i = 0; i < chosen->len; i++)
    g_assert_cmpstr (picked (candidates, chosen, i)->topic_id, ==, i % 2 == 0 ? "weak-a" : "strong-c");
  {
    g_auto(GStrv) ids = picked_ids (candidates, chosen);

    g_assert_true (g_strv_contains ((const char * const *)ids, "gen/strong-c-6"));
    g_assert_true (g_strv_contains ((const char * const *)ids, "gen/strong-c-7"));
  }
}

/* A topic is as weak as its cards on average, whatever its size: three
 * cards mostly forgotten come before thirty fairly well known. */
static void
test_select_topic_size (void)
{
  static char ids[33][16];
  RhMockCandidate candidates[33];

  for (guint i = 0; i < 33; i++)
    {
      g_snprintf (ids[i], sizeof ids[i], "gen/%u", i);
      candidates[i] = (RhMockCandidate) { ids[i], i < 30 ? "big" : "small", TRUE, i < 30 ? 0.8 : 0.2, 0 };
    }
  for (guint32 seed = 0; seed < 10; seed++)
    {
      g_autoptr(GArray) chosen = rh_mock_interview_select (candidates, 33, NULL, 1, NULL, seed);

      g_assert_cmpuint (chosen->len, ==, 1);
      g_assert_cmpstr (candidates[g_array_index (chosen, guint, 0)].topic_id, ==, "small");
    }
}

/* Fewer questions than asked for when fewer are left; none for a topic
 * the deck does not have. */
static void
test_select_fewer_left (void)
{
  g_autoptr(GArray) candidates = generated_candidates (3);
  const char * const one[] = { "weak-b", NULL };
  const char * const none[] = { "no-such-topic", NULL };
  const char * const previous[] = { "gen/weak-b-0", "gen/weak-b-1", "gen/weak-b-2", "gen/weak-b-3", "gen/weak-b-4",
                                    NULL };
  g_autoptr(GArray) three = rh_mock_interview_select ((const RhMockCandidate *)candidates->data, candidates->len,
                                                      one, 5, previous, 1);
  g_autoptr(GArray) empty = rh_mock_interview_select ((const RhMockCandidate *)candidates->data, candidates->len,
                                                      none, 5, NULL, 1);

  g_assert_cmpuint (three->len, ==, 3);
  g_assert_cmpuint (empty->len, ==, 0);
}

/* Answers every card of @topic due now until none is: @rating for a due
 * review, Good for a step of learning (which then ends). */
static void
study_topic (RhCollection *collection,
             RhClock      *clock,
             const char   *topic,
             RhRating      rating)
{
  RhDeck *deck = rh_collection_get_deck (collection);
  GListModel *cards = rh_topic_get_cards (rh_deck_lookup_topic (deck, topic));
  gboolean any = TRUE;

  while (any)
    {
      any = FALSE;
      for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
        {
          g_autoptr(RhCard) card = g_list_model_get_item (cards, i);
          const RhStoredCard *stored = rh_collection_lookup_state (collection, rh_card_get_id (card));
          g_autoptr(GError) error = NULL;

          if (stored != NULL && stored->state.due > rh_clock_now (clock))
            continue;
          g_assert_true (rh_collection_grade (collection, card,
                                              stored != NULL && stored->state.state == RH_CARD_REVIEW ? rating
                                                                                                    : RH_RATING_GOOD,
                                              20000, FALSE, NULL, &error));
          any = TRUE;
        }
      rh_clock_advance (clock, 11 * MINUTE);
    }
}

/* The same rules on a history studied through the collection: "alpha"
 * known well, "beta" lapsing again and again, "gamma" never seen. */
static void
test_choose_on_studied_history (Fixture       *f,
                                gconstpointer  data)
{
  RhClock *clock = f->clock;
  RhCollection *collection = f->collection;
  const char * const two[] = { "small/alpha", "small/beta", NULL };
  RhMockInterviewOptions options;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) pair = NULL;
  g_autoptr(GError) error = NULL;

  for (int day = 0; day < 60; day++)
    {
      rh_clock_set_now (clock, NOW - (60 - day) * DAY);
      study_topic (collection, clock, "small/alpha", RH_RATING_GOOD);
      study_topic (collection, clock, "small/beta", day % 3 == 0 ? RH_RATING_AGAIN : RH_RATING_HARD);
    }
  rh_clock_set_now (clock, NOW);
  g_assert_cmpint (rh_collection_lookup_state (collection, "small/c01")->state.lapses, >, 0);

  rh_mock_interview_options_init (&options);
  options.n_questions = 3;
  options.seed = 4;
  all = rh_mock_interview_choose (collection, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  /* One a topic, the topic known well last. */
  g_assert_cmpstr (rh_card_get_topic_id (g_ptr_array_index (all, 2)), ==, "small/alpha");

  options.topics = two;
  options.n_questions = 4;
  pair = rh_mock_interview_choose (collection, &options, &error);
  g_assert_cmpuint (pair->len, ==, 4);
  for (guint i = 0; i < pair->len; i++)
    g_assert_cmpstr (rh_card_get_topic_id (g_ptr_array_index (pair, i)), ==, i % 2 == 0 ? "small/beta" : "small/alpha");
}

/* --- The interview ------------------------------------------------------------ */

static void
count_notify (guint *n)
{
  (*n)++;
}

/* The countdown follows the clock, pauses, and runs out into the rubric;
 * grades are practice; the interview is kept with what was answered. */
static void
test_flow (Fixture       *f,
           gconstpointer  data)
{
  RhClock *clock = f->clock;
  RhCollection *collection = f->collection;
  g_autoptr(RhMockInterview) interview = NULL;
  g_autoptr(GError) error = NULL;
  RhMockInterviewOptions options;
  guint n_notified = 0;
  const RhInterviewRecord *record;

  rh_mock_interview_options_init (&options);
  options.n_questions = 3;
  options.seconds_per_question = 60;
  options.seed = 7;
  interview = rh_mock_interview_new (collection, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rh_mock_interview_get_n_questions (interview), ==, 3);
  g_signal_connect_swapped (interview, "notify::remaining", G_CALLBACK (count_notify), &n_notified);

  /* The question, its time running; a pause stops it. */
  g_assert_cmpint (rh_mock_interview_get_phase (interview), ==, RH_MOCK_PHASE_QUESTION);
  g_assert_cmpint (rh_mock_interview_get_remaining (interview), ==, 60);
  rh_clock_advance (clock, 20);
  g_assert_cmpint (rh_mock_interview_get_remaining (interview), ==, 40);
  g_assert_cmpuint (n_notified, ==, 1);
  rh_mock_interview_set_paused (interview, TRUE);
  rh_clock_advance (clock, 500);
  g_assert_cmpint (rh_mock_interview_get_phase (interview), ==, RH_MOCK_PHASE_QUESTION);
  g_assert_cmpint (rh_mock_interview_get_remaining (interview), ==, 40);
  rh_mock_interview_set_paused (interview, FALSE);
  rh_clock_advance (clock, 10);
  g_assert_cmpint (rh_mock_interview_get_remaining (interview), ==, 30);
  rh_mock_interview_set_notes (interview, "GIL; threads");
  rh_mock_interview_done (interview);

  /* The rubric, then the answer and a grade: practice, 30 s. */
  g_assert_cmpint (rh_mock_interview_get_phase (interview), ==, RH_MOCK_PHASE_RUBRIC);
  g_assert_cmpuint (rh_mock_interview_get_n_areas (interview), >=, 3);
  rh_mock_interview_set_covered (interview, 0, TRUE);
  g_assert_cmpint (rh_mock_interview_get_suggested_grade (interview), ==, RH_RATING_AGAIN);
  rh_mock_interview_show_answer (interview);
  g_assert_cmpint (rh_mock_interview_get_phase (interview), ==, RH_MOCK_PHASE_ANSWER);
  g_assert_true (rh_mock_interview_grade (interview, RH_RATING_HARD, &error));
  g_assert_no_error (error);
  g_assert_cmpint (db_int (collection, "SELECT count(*) FROM review_log WHERE kind = 'practice' "
                                       "AND duration_ms = 30000 AND rating = 2;"), ==, 1);
  g_assert_cmpint (db_int (collection, "SELECT count(*) FROM card_state;"), ==, 0);

  /* The follow-up (every card of the built-in deck has one), rated. */
  g_assert_cmpint (rh_mock_interview_get_phase (interview), ==, RH_MOCK_PHASE_FOLLOW_UP);
  g_assert_nonnull (rh_mock_interview_get_follow_up (interview));
  rh_mock_interview_rate_follow_up (interview, RH_FOLLOW_UP_PARTLY);

  /* The second question: the time runs out on its own. */
  g_assert_cmpuint (rh_mock_interview_get_index (interview), ==, 1);
  g_assert_cmpint (rh_mock_interview_get_remaining (interview), ==, 60);
  rh_clock_advance (clock, 61);
  g_assert_cmpint (rh_mock_interview_get_phase (interview), ==, RH_MOCK_PHASE_RUBRIC);
  g_assert_cmpint (rh_mock_interview_get_remaining (interview), ==, 0);
  g_assert_true (rh_mock_interview_grade (interview, RH_RATING_AGAIN, &error));

  /* Ended during the follow-up of the second: two answers kept, the
   * unrated follow-up left out. */
  g_assert_true (rh_mock_interview_end (interview));
  g_assert_cmpint (rh_mock_interview_get_phase (interview), ==, RH_MOCK_PHASE_FINISHED);
  record = rh_mock_interview_get_record (interview);
  g_assert_cmpint (record->id, >, 0);
  g_assert_cmpuint (rh_interview_record_get_n_answers (record), ==, 2);
  g_assert_cmpint (rh_interview_record_get_answer (record, 0)->time_used_ms, ==, 30000);
  g_assert_cmpstr (rh_interview_record_get_answer (record, 0)->notes, ==, "GIL; threads");
  g_assert_nonnull (rh_interview_record_get_answer (record, 0)->follow_up);
  g_assert_cmpint (rh_interview_record_get_answer (record, 0)->follow_up_rating, ==, RH_FOLLOW_UP_PARTLY);
  g_assert_true (rh_interview_record_get_answer (record, 1)->timed_out);
  g_assert_cmpint (rh_interview_record_get_answer (record, 1)->time_used_ms, ==, 60000);
  g_assert_null (rh_interview_record_get_answer (record, 1)->follow_up);
  g_assert_cmpint (db_int (collection, "SELECT count(*) FROM interview_answer;"), ==, 2);
  g_assert_cmpint (db_int (collection, "SELECT sum(covered) FROM interview_area;"), ==, 1);
}

/* The next interview asks none of the questions of the last one kept. */
static void
test_not_the_previous_questions (Fixture       *f,
                                 gconstpointer  data)
{
  RhClock *clock = f->clock;
  RhCollection *collection = f->collection;
  const char * const alpha[] = { "small/alpha", NULL };
  g_auto(GStrv) asked = NULL;
  g_autoptr(GError) error = NULL;
  RhMockInterviewOptions options;

  rh_mock_interview_options_init (&options);
  options.topics = alpha;
  options.n_questions = 5;
  options.follow_ups = FALSE;
  for (int round = 0; round < 3; round++)
    {
      g_autoptr(RhMockInterview) interview = rh_mock_interview_new (collection, &options, &error);
      g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

      /* Alpha has eight cards: five asked last time leave three; three
       * asked last time leave five. */
      g_assert_cmpuint (rh_mock_interview_get_n_questions (interview), ==, round == 1 ? 3 : 5);
      for (guint i = 0; i < rh_mock_interview_get_n_questions (interview); i++)
        {
          const char *id = rh_card_get_id (rh_mock_interview_get_current (interview));

          if (asked != NULL)
            g_assert_false (g_strv_contains ((const char * const *)asked, id));
          g_strv_builder_add (ids, id);
          rh_mock_interview_done (interview);
          g_assert_true (rh_mock_interview_grade (interview, RH_RATING_GOOD, &error));
        }
      g_assert_cmpint (rh_mock_interview_get_phase (interview), ==, RH_MOCK_PHASE_FINISHED);
      g_clear_pointer (&asked, g_strfreev);
      asked = g_strv_builder_end (ids);
      rh_clock_advance (clock, DAY);
    }
}

/* Counted as reviews, a new or due card is a real review; a card not due
 * is practice, whatever was chosen; otherwise everything is practice. */
static void
test_grade_question (Fixture       *f,
                     gconstpointer  data)
{
  RhClock *clock = f->clock;
  RhCollection *collection = f->collection;
  RhCard *card = rh_test_card (collection, "small/c00");
  RhCard *other = rh_test_card (collection, "small/c01");
  g_autoptr(GError) error = NULL;
  RhReview review = { 0 };

  g_assert_true (rh_collection_grade_question (collection, other, RH_RATING_GOOD, 1000, FALSE, &review, &error));
  g_assert_cmpint (review.kind, ==, RH_REVIEW_PRACTICE);
  g_assert_null (rh_collection_lookup_state (collection, "small/c01"));
  rh_review_clear (&review);

  g_assert_true (rh_collection_grade_question (collection, card, RH_RATING_EASY, 1000, TRUE, &review, &error));
  g_assert_cmpint (review.kind, ==, RH_REVIEW_LEARN);
  g_assert_cmpint (rh_collection_lookup_state (collection, "small/c00")->state.state, ==, RH_CARD_REVIEW);
  rh_review_clear (&review);

  /* Due in days now: an interview the next hour does not review it early. */
  rh_clock_advance (clock, 3600);
  g_assert_cmpint (rh_collection_classify (collection, "small/c00"), ==, RH_DUE_LATER);
  g_assert_true (rh_collection_grade_question (collection, card, RH_RATING_AGAIN, 1000, TRUE, &review, &error));
  g_assert_cmpint (review.kind, ==, RH_REVIEW_PRACTICE);
  g_assert_cmpint (rh_collection_lookup_state (collection, "small/c00")->state.lapses, ==, 0);
  rh_review_clear (&review);
}

/* A deck without key areas (a plain deck): the rubric is one line, the
 * whole answer, and the interview goes through. */
static void
test_plain_deck (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(RhClock) clock = rh_clock_new_fake (NOW, utc);
  g_autoptr(RhCollection) collection = rh_collection_new (clock, NULL);
  g_autoptr(RhDeck) deck = _rh_deck_new ("plain", 1, "en", "Plain", "A deck without key areas.");
  g_autoptr(RhTopic) topic = rh_topic_new ("all", "All", "Everything.", 0);
  g_autofree char *dir = rh_test_make_dir ("plain");
  g_autofree char *db = g_build_filename (dir, "rehearse.db", NULL);
  g_autoptr(RhMockInterview) interview = NULL;
  g_autoptr(GError) error = NULL;
  RhMockInterviewOptions options;

  g_assert_true (_rh_deck_add_topic (deck, topic));
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *id = g_strdup_printf ("plain/q%u", i);
      RhCardContent content = { id, "all", "Front", "What is on the back?", i };
      g_autoptr(RhCard) card = rh_card_new (&content);

      g_assert_true (_rh_deck_add_card (deck, card));
    }
  rh_collection_add_deck (collection, deck);
  g_assert_true (rh_collection_open_store (collection, db, &error));

  rh_mock_interview_options_init (&options);
  options.n_questions = 3;
  interview = rh_mock_interview_new (collection, &options, &error);
  g_assert_no_error (error);
  rh_mock_interview_done (interview);
  g_assert_cmpuint (rh_mock_interview_get_n_areas (interview), ==, 1);
  g_assert_cmpstr (rh_text_get_plain (rh_mock_interview_get_area (interview, 0)), ==, "Covered the whole answer");
  rh_mock_interview_set_covered (interview, 0, TRUE);
  g_assert_cmpint (rh_mock_interview_get_suggested_grade (interview), ==, RH_RATING_GOOD);
  g_assert_true (rh_mock_interview_grade (interview, RH_RATING_GOOD, &error));
  /* No follow-ups in the deck: straight to the next question. */
  g_assert_cmpint (rh_mock_interview_get_phase (interview), ==, RH_MOCK_PHASE_QUESTION);
  g_assert_cmpuint (rh_mock_interview_get_index (interview), ==, 1);
}

/* A plain deck as a file (format 2: no title, no key areas, no
 * follow-ups): one question, judged on the whole answer, kept with its
 * question as its title. */
static void
test_plain_deck_file (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RhMockInterview) interview = NULL;
  g_autoptr(GError) error = NULL;
  const RhInterviewAnswer *answer;
  RhMockInterviewOptions options;

  rh_mock_interview_options_init (&options);
  options.n_questions = 3;
  interview = rh_mock_interview_new (f->collection, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rh_mock_interview_get_n_questions (interview), ==, 1);
  rh_mock_interview_done (interview);
  g_assert_cmpuint (rh_mock_interview_get_n_areas (interview), ==, 1);
  rh_mock_interview_set_covered (interview, 0, TRUE);
  g_assert_true (rh_mock_interview_grade (interview, RH_RATING_GOOD, &error));
  g_assert_cmpint (rh_mock_interview_get_phase (interview), ==, RH_MOCK_PHASE_FINISHED);
  answer = rh_interview_record_get_answer (rh_mock_interview_get_record (interview), 0);
  g_assert_cmpstr (answer->title, ==, "What is a plain card?");
  g_assert_null (answer->follow_up);
  g_assert_cmpint (rh_mock_interview_get_record (interview)->id, >, 0);
}

/* A suspended card is left out of interviews, as out of studying. */
static void
test_suspended_left_out (Fixture       *f,
                         gconstpointer  data)
{
  const char * const gamma[] = { "small/gamma", NULL };
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GError) error = NULL;
  RhMockInterviewOptions options;

  /* Gamma holds c02, c05, ... c23: all but c02 and c05 suspended. */
  for (guint i = 8; i < 24; i += 3)
    {
      g_autofree char *id = g_strdup_printf ("small/c%02u", i);

      g_assert_true (rh_collection_set_suspended (f->collection, id, TRUE, &error));
    }
  rh_mock_interview_options_init (&options);
  options.topics = gamma;
  cards = rh_mock_interview_choose (f->collection, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cards->len, ==, 2);
  for (guint i = 0; i < cards->len; i++)
    g_assert_true (g_str_equal (rh_card_get_id (g_ptr_array_index (cards, i)), "small/c02") ||
                   g_str_equal (rh_card_get_id (g_ptr_array_index (cards, i)), "small/c05"));
}

/* Nothing left to ask: refused with a message that says what to do. */
static void
test_nothing_to_ask (Fixture       *f,
                     gconstpointer  data)
{
  RhCollection *collection = f->collection;
  const char * const unknown[] = { "no-such-topic", NULL };
  g_autoptr(RhMockInterview) interview = NULL;
  g_autoptr(GError) error = NULL;
  RhMockInterviewOptions options;

  rh_mock_interview_options_init (&options);
  options.topics = unknown;
  interview = rh_mock_interview_new (collection, &options, &error);
  g_assert_null (interview);
  g_assert_error (error, RH_MOCK_INTERVIEW_ERROR, RH_MOCK_INTERVIEW_ERROR_NO_QUESTIONS);
  g_assert_nonnull (strstr (error->message, "Choose more topics"));
}

/* --- The report ----------------------------------------------------------------- */

static void
add_answer (RhInterviewRecord *record,
            const char        *card_id,
            const char        *topic_id,
            const char        *title,
            const gboolean    *covered,
            guint              n_areas)
{
  RhInterviewAnswer *answer = rh_interview_record_add_answer (record);

  answer->card_id = g_strdup (card_id);
  answer->topic_id = g_strdup (topic_id);
  answer->title = g_strdup (title);
  answer->question = g_strdup ("Why?");
  answer->time_used_ms = 150000;
  answer->rating = RH_RATING_HARD;
  for (guint i = 0; i < n_areas; i++)
    {
      g_autofree char *text = g_strdup_printf ("%s area %u", title, i);

      rh_interview_answer_add_area (answer, text, covered[i]);
    }
}

/* Score, topics weakest first, the key areas missed most (counted over
 * every interview kept), the topics to study, and the Markdown. */
static void
test_report (Fixture       *f,
             gconstpointer  data)
{
  RhClock *clock = f->clock;
  RhCollection *collection = f->collection;
  const gboolean weak[] = { TRUE, FALSE, FALSE, FALSE, FALSE };
  const gboolean strong[] = { TRUE, TRUE, TRUE, TRUE, FALSE };
  RhInterviewRecord earlier, record;
  RhInterviewReport report;
  g_autoptr(GArray) blocks = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *dir = rh_test_make_dir ("report");
  g_autofree char *path = g_build_filename (dir, "nowhere", "report.md", NULL);
  g_autoptr(GError) error = NULL;

  rh_interview_record_init (&earlier);
  earlier.seconds_per_question = 240;
  add_answer (&earlier, "python-interview/gil", "python-interview/concurrency", "The GIL", weak, 5);
  g_assert_true (rh_collection_save_interview (collection, &earlier, &error));

  rh_interview_record_init (&record);
  record.started_at = NOW;
  record.seconds_per_question = 240;
  add_answer (&record, "python-interview/gil", "python-interview/concurrency", "The GIL", weak, 5);
  add_answer (&record, "python-interview/slots", "python-interview/oop", "__slots__", strong, 5);
  /* A deck removed since: its topic is named as it was when asked. */
  add_answer (&record, "gone/card", "gone/topic", "Gone", strong, 5);
  rh_interview_record_get_answer (&record, 2)->topic_title = g_strdup ("A topic of a deck removed since");
  g_assert_true (rh_collection_save_interview (collection, &record, &error));
  rh_interview_report_init (&report, collection, &record);

  g_assert_cmpuint (report.covered, ==, 9);
  g_assert_cmpuint (report.total, ==, 15);
  g_assert_cmpint (report.time_used_ms, ==, 450000);
  g_assert_cmpint (report.time_budget_ms, ==, 720000);
  g_assert_cmpuint (report.topics->len, ==, 3);
  g_assert_cmpstr (rh_interview_report_topic_title (&report, "gone/topic"), ==, "A topic of a deck removed since");
  g_assert_cmpstr (rh_interview_report_topic_title (&report, "python-interview/oop"), ==,
                   "Object-oriented programming and Python's object model");
  g_assert_cmpstr (g_array_index (report.topics, RhReportTopic, 0).topic_id, ==, "python-interview/concurrency");
  g_assert_cmpuint (g_array_index (report.topics, RhReportTopic, 0).covered, ==, 1);
  g_assert_true (g_strv_equal ((const char * const *)report.weakest, (const char * const[]) { "python-interview/concurrency", NULL }));
  /* Missed this time: four of the GIL's areas, one of __slots__' and one of
   * the removed deck's card; the GIL's were missed last time too, and lead
   * the list. */
  g_assert_cmpuint (report.missed->len, ==, RH_INTERVIEW_REPORT_MAX_MISSED);
  g_assert_cmpuint (g_array_index (report.missed, RhReportMiss, 0).missed, ==, 2);
  g_assert_cmpuint (g_array_index (report.missed, RhReportMiss, 0).asked, ==, 2);
  g_assert_cmpstr (g_array_index (report.missed, RhReportMiss, 0).card_title, ==, "The GIL");
  g_assert_cmpstr (g_array_index (report.missed, RhReportMiss, 4).card_title, ==, "__slots__");
  g_assert_cmpuint (g_array_index (report.missed, RhReportMiss, 4).missed, ==, 1);
  g_assert_nonnull (strstr (report.recommendation, "Concurrency"));

  blocks = rh_interview_report_to_blocks (&report, &record, clock);
  markdown = rh_interview_report_to_markdown (blocks);
  g_assert_nonnull (strstr (markdown, "# Mock Interview, Monday 2 March 2026, 12:00\n"));
  g_assert_nonnull (strstr (markdown, "Score 60%: 9 of 15 key areas covered in 3 questions, 7:30 of 12:00 used."));
  g_assert_nonnull (strstr (markdown, "### 2. \\_\\_slots\\_\\_\n"));
  g_assert_nonnull (strstr (markdown, "- Time: 2:30 of 4:00\n"));

  /* A folder that is not there: the message names the file. */
  g_assert_false (rh_interview_report_save_markdown (blocks, path, &error));
  g_assert_error (error, RH_INTERVIEW_REPORT_ERROR, RH_INTERVIEW_REPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, path));

  rh_interview_report_clear (&report);
  rh_interview_record_clear (&record);
  rh_interview_record_clear (&earlier);
}

int
main (int   argc,
      char *argv[])
{
  rh_test_init_env ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mock-interview/select/generated-history", test_select_generated);
  g_test_add_func ("/mock-interview/select/weak-cards-first", test_select_weak_cards_first);
  g_test_add_func ("/mock-interview/select/fewer-left", test_select_fewer_left);
  g_test_add_func ("/mock-interview/select/topic-size", test_select_topic_size);
  g_test_add ("/mock-interview/choose-on-studied-history", Fixture, "small-deck.xml", fixture_set_up, test_choose_on_studied_history, fixture_tear_down);
  g_test_add ("/mock-interview/flow", Fixture, NULL, fixture_set_up, test_flow, fixture_tear_down);
  g_test_add ("/mock-interview/not-the-previous-questions", Fixture, "small-deck.xml", fixture_set_up, test_not_the_previous_questions, fixture_tear_down);
  g_test_add ("/mock-interview/grade-question", Fixture, "small-deck.xml", fixture_set_up, test_grade_question, fixture_tear_down);
  g_test_add_func ("/mock-interview/plain-deck", test_plain_deck);
  g_test_add ("/mock-interview/plain-deck-file", Fixture, "plain-card-deck.xml", fixture_set_up, test_plain_deck_file,
              fixture_tear_down);
  g_test_add ("/mock-interview/suspended-left-out", Fixture, "small-deck.xml", fixture_set_up, test_suspended_left_out,
              fixture_tear_down);
  g_test_add ("/mock-interview/nothing-to-ask", Fixture, "small-deck.xml", fixture_set_up, test_nothing_to_ask, fixture_tear_down);
  g_test_add ("/mock-interview/report", Fixture, NULL, fixture_set_up, test_report, fixture_tear_down);

  return g_test_run ();
}
