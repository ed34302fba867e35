/* test-store.c: grades land in the database, undo is exact, bad files are refused untouched
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rh-autocleanups.h"
#include "rh-scheduler.h"
#include "rh-store-private.h"
#include "rh-test-utils.h"

#define T0 1767225600   /* 2026-01-01 00:00:00 UTC */

static char *
db_path (const char *name)
{
  g_autofree char *dir = rh_test_make_dir (name);

  return g_build_filename (dir, "rehearse.db", NULL);
}

/* A direct connection, to check what is really in the file. */
static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  return db;
}

static gint64
raw_int (sqlite3    *db,
         const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
raw_text (sqlite3    *db,
          const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *)sqlite3_column_text (stmt, 0));
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, len);
}

static void
assert_states_equal (const RhCardState *a,
                     const RhCardState *b)
{
  g_assert_cmpint (a->state, ==, b->state);
  g_assert_cmpint (a->step, ==, b->step);
  g_assert_cmpfloat (a->stability, ==, b->stability);
  g_assert_cmpfloat (a->difficulty, ==, b->difficulty);
  g_assert_cmpint (a->due, ==, b->due);
  g_assert_cmpint (a->last_review, ==, b->last_review);
  g_assert_cmpint (a->scheduled_days, ==, b->scheduled_days);
  g_assert_cmpint (a->reps, ==, b->reps);
  g_assert_cmpint (a->lapses, ==, b->lapses);
}

/* The state a card has in the store, new if it has none. */
static RhCardState
state_of (RhStore    *store,
          const char *card_id)
{
  const RhStoredCard *card = rh_store_lookup (store, card_id);
  RhCardState state;

  if (card != NULL)
    return card->state;
  rh_card_state_init_new (&state, 0);
  return state;
}

/* Grades @card_id with the real scheduler and records it. */
static void
grade (RhStore          *store,
       const RhScheduler *scheduler,
       const char        *card_id,
       gint64             now,
       RhRating           rating)
{
  g_autoptr(GError) error = NULL;
  RhReview review = { 0 };

  review.card_id = g_strdup (card_id);
  review.reviewed_at = now;
  review.rating = rating;
  review.duration_ms = 4200;
  review.before = state_of (store, card_id);
  if (review.before.reps == 0)
    review.before.due = now;
  review.kind = rh_review_kind_for (&review.before);
  rh_scheduler_next (scheduler, &review.before, now, rating, 0, &review.after);
  g_assert_true (rh_store_record (store, &review, &error));
  g_assert_no_error (error);
  g_assert_cmpint (review.id, >, 0);
  rh_review_clear (&review);
}

static RhScheduler *
test_scheduler (void)
{
  RhSchedulerConfig config;

  rh_scheduler_config_init_default (&config);
  config.fuzz = FALSE;
  config.rollover_hour = 0;
  return rh_scheduler_new (&config);
}

/* The scheduler undo and redo replay cards with: test_scheduler()'s. */
static const RhScheduler *
shared_scheduler (void)
{
  static RhScheduler *scheduler;

  if (scheduler == NULL)
    scheduler = test_scheduler ();
  return scheduler;
}

static void
test_open_creates (void)
{
  g_autofree char *dir = rh_test_make_dir ("create");
  g_autofree char *path = g_build_filename (dir, "deeper", "folder", "rehearse.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStore) store = rh_store_open (path, &error);
  sqlite3 *db;
  g_autofree char *mode = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (g_hash_table_size (rh_store_get_cards (store)), ==, 0);
  g_assert_false (rh_store_can_undo (store));

  db = raw_open (path);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version;"), ==, RH_STORE_SCHEMA_VERSION);
  mode = raw_text (db, "PRAGMA journal_mode;");
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                                "('card_state', 'review_log', 'undone_review');"), ==, 3);
  sqlite3_close (db);

  /* The default place is under the user's data folder. */
  {
    g_autofree char *def = rh_store_default_path ();
    g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "rehearse", "rehearse.db", NULL);

    g_assert_cmpstr (def, ==, expected);
  }
}

/* The grade landed in the database: its log row and the card's new state. */
static void
test_record_lands (void)
{
  g_autofree char *path = db_path ("record");
  g_autoptr(RhScheduler) scheduler = test_scheduler ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStore) store = rh_store_open (path, &error);
  RhCardState expected;
  sqlite3 *db;
  guint new_cards = 99, reviews = 99, answers = 99;

  g_assert_no_error (error);
  grade (store, scheduler, "python-interview/gil", T0, RH_RATING_GOOD);
  grade (store, scheduler, "python-interview/gil", T0 + 600, RH_RATING_GOOD);
  expected = state_of (store, "python-interview/gil");
  g_assert_cmpint (expected.state, ==, RH_CARD_REVIEW);
  g_assert_cmpint (expected.reps, ==, 2);

  db = raw_open (path);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM review_log WHERE card_id = 'python-interview/gil';"), ==, 2);
  g_assert_cmpint (raw_int (db, "SELECT rating FROM review_log ORDER BY id DESC LIMIT 1;"), ==, 3);
  g_assert_cmpint (raw_int (db, "SELECT duration_ms FROM review_log ORDER BY id DESC LIMIT 1;"), ==, 4200);
  g_assert_cmpint (raw_int (db, "SELECT state FROM card_state WHERE card_id = 'python-interview/gil';"), ==, RH_CARD_REVIEW);
  g_assert_cmpint (raw_int (db, "SELECT due FROM card_state;"), ==, expected.due);
  g_assert_cmpint (raw_int (db, "SELECT state_before FROM review_log ORDER BY id LIMIT 1;"), ==, RH_CARD_NEW);
  sqlite3_close (db);

  g_assert_true (rh_store_count_between (store, T0, T0 + 86400, &new_cards, &reviews, &answers, &error));
  g_assert_cmpuint (new_cards, ==, 1);
  g_assert_cmpuint (reviews, ==, 0);
  g_assert_cmpuint (answers, ==, 2);
  /* A day that ended before the grades counts none of them. */
  g_assert_true (rh_store_count_between (store, T0 - 86400, T0, &new_cards, &reviews, &answers, &error));
  g_assert_cmpuint (new_cards, ==, 0);

  /* A reopened store has the same state. */
  g_clear_object (&store);
  store = rh_store_open (path, &error);
  g_assert_no_error (error);
  {
    RhCardState again = state_of (store, "python-interview/gil");

    assert_states_equal (&again, &expected);
  }
}

static void
test_undo_exact (void)
{
  g_autofree char *path = db_path ("undo");
  g_autoptr(RhScheduler) scheduler = test_scheduler ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStore) store = rh_store_open (path, &error);
  const char *cards[] = { "d/a", "d/b", "d/c", "d/d" };
  g_autoptr(GArray) befores = g_array_new (FALSE, FALSE, sizeof (RhCardState));
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  gint64 now = T0;
  const guint n = 40;

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      const char *card = cards[g_test_rand_int_range (0, G_N_ELEMENTS (cards))];
      RhCardState before = state_of (store, card);

      now += g_test_rand_int_range (60, 3 * 86400);
      g_array_append_val (befores, before);
      g_ptr_array_add (ids, (gpointer)card);
      grade (store, scheduler, card, now, (RhRating)g_test_rand_int_range (1, 5));
    }

  /* Undo every grade, closing and reopening the store halfway: each undo
   * gives back exactly the state before that grade. */
  for (guint i = n; i > 0; i--)
    {
      RhReview undone = { 0 };
      RhCardState now_state;

      if (i == n / 2)
        {
          g_clear_object (&store);
          store = rh_store_open (path, &error);
          g_assert_no_error (error);
        }
      g_assert_true (rh_store_can_undo (store));
      g_assert_true (rh_store_undo (store, shared_scheduler (), 0, &undone, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (undone.card_id, ==, g_ptr_array_index (ids, i - 1));
      now_state = state_of (store, undone.card_id);
      assert_states_equal (&now_state, &g_array_index (befores, RhCardState, i - 1));
      rh_review_clear (&undone);
    }
  g_assert_false (rh_store_can_undo (store));
  g_assert_false (rh_store_undo (store, shared_scheduler (), 0, NULL, &error));
  g_assert_no_error (error);
  /* Everything undone: every card is new again and has no row. */
  g_assert_cmpuint (g_hash_table_size (rh_store_get_cards (store)), ==, 0);

  /* Redo all of it, across a restart too, and end where we were. */
  for (guint i = 0; i < n; i++)
    {
      RhReview redone = { 0 };

      if (i == 7)
        {
          g_clear_object (&store);
          store = rh_store_open (path, &error);
          g_assert_no_error (error);
        }
      g_assert_true (rh_store_redo (store, shared_scheduler (), 0, &redone, &error));
      g_assert_cmpstr (redone.card_id, ==, g_ptr_array_index (ids, i));
      rh_review_clear (&redone);
    }
  g_assert_false (rh_store_can_redo (store));

  /* A new grade after an undo ends the redo stack. */
  g_assert_true (rh_store_undo (store, shared_scheduler (), 0, NULL, &error));
  g_assert_true (rh_store_can_redo (store));
  grade (store, scheduler, "d/z", now + 100, RH_RATING_EASY);
  g_assert_false (rh_store_can_redo (store));
}

static void
test_undo_depth (void)
{
  g_autofree char *path = db_path ("undo-depth");
  g_autoptr(RhScheduler) scheduler = test_scheduler ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStore) store = rh_store_open (path, &error);
  guint undone = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < RH_STORE_UNDO_DEPTH + 10; i++)
    {
      g_autofree char *card = g_strdup_printf ("d/%u", i);

      grade (store, scheduler, card, T0 + i, RH_RATING_GOOD);
    }
  while (rh_store_undo (store, shared_scheduler (), 0, NULL, &error))
    undone++;
  g_assert_no_error (error);
  /* At least Anki's 30 steps, and a bound. */
  g_assert_cmpuint (undone, ==, RH_STORE_UNDO_DEPTH);
  g_assert_cmpuint (undone, >=, 30);
}

static void
test_practice_keeps_schedule (void)
{
  g_autofree char *path = db_path ("practice");
  g_autoptr(RhScheduler) scheduler = test_scheduler ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStore) store = rh_store_open (path, &error);
  RhReview practice = { 0 };
  RhCardState before, after;
  sqlite3 *db;

  g_assert_no_error (error);
  grade (store, scheduler, "d/a", T0, RH_RATING_GOOD);
  before = state_of (store, "d/a");

  practice.card_id = g_strdup ("d/a");
  practice.reviewed_at = T0 + 60;
  practice.rating = RH_RATING_AGAIN;
  practice.kind = RH_REVIEW_PRACTICE;
  practice.before = before;
  practice.after = before;
  g_assert_true (rh_store_record (store, &practice, &error));
  rh_review_clear (&practice);

  after = state_of (store, "d/a");
  assert_states_equal (&after, &before);
  db = raw_open (path);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM review_log WHERE kind = 'practice';"), ==, 1);
  sqlite3_close (db);

  g_assert_true (rh_store_undo (store, shared_scheduler (), 0, NULL, &error));
  after = state_of (store, "d/a");
  assert_states_equal (&after, &before);
}

static void
test_suspend_and_reset (void)
{
  g_autofree char *path = db_path ("suspend");
  g_autoptr(RhScheduler) scheduler = test_scheduler ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStore) store = rh_store_open (path, &error);
  g_autoptr(GArray) history = NULL;
  RhCardState before;

  g_assert_no_error (error);

  /* A new card can be suspended: it gets a row, and loses it again. */
  g_assert_true (rh_store_set_suspended (store, "d/new", TRUE, 0, &error));
  g_assert_true (rh_store_lookup (store, "d/new")->suspended);
  g_clear_object (&store);
  store = rh_store_open (path, &error);
  g_assert_true (rh_store_lookup (store, "d/new")->suspended);
  g_assert_true (rh_store_set_suspended (store, "d/new", FALSE, 0, &error));
  g_assert_null (rh_store_lookup (store, "d/new"));

  /* Reset keeps the history, logs itself, and can be undone. */
  grade (store, scheduler, "d/a", T0, RH_RATING_GOOD);
  grade (store, scheduler, "d/a", T0 + 600, RH_RATING_GOOD);
  before = state_of (store, "d/a");
  g_assert_true (rh_store_set_suspended (store, "d/a", TRUE, 0, &error));
  g_assert_true (rh_store_reset_card (store, shared_scheduler (), "d/a", T0 + 1000, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state_of (store, "d/a").state, ==, RH_CARD_NEW);
  g_assert_cmpint (state_of (store, "d/a").reps, ==, 0);
  /* Suspension is not progress: a reset keeps it. */
  g_assert_true (rh_store_lookup (store, "d/a")->suspended);
  history = rh_store_get_history (store, "d/a", &error);
  g_assert_cmpuint (history->len, ==, 3);
  g_assert_cmpint (g_array_index (history, RhReview, 2).kind, ==, RH_REVIEW_RESET);

  g_assert_true (rh_store_undo (store, shared_scheduler (), 0, NULL, &error));
  {
    RhCardState restored = state_of (store, "d/a");

    assert_states_equal (&restored, &before);
  }
}

/* An interview of two questions, the first timed out with a follow-up,
 * the second a review; five key areas, three covered. */
static void
make_interview (RhInterviewRecord *record,
                gint64             started_at)
{
  RhInterviewAnswer *answer;

  rh_interview_record_init (record);
  record->started_at = started_at;
  record->finished_at = started_at + 600;
  record->seed = 42;
  record->seconds_per_question = 240;
  record->follow_ups = TRUE;
  g_strfreev (record->topics);
  record->topics = g_strsplit ("t1 t2", " ", -1);

  answer = rh_interview_record_add_answer (record);
  answer->card_id = g_strdup ("d/a");
  answer->topic_id = g_strdup ("t1");
  answer->topic_title = g_strdup ("Topic one");
  answer->title = g_strdup ("The __slots__ card");
  answer->question = g_strdup ("What does it save?");
  answer->time_used_ms = 240000;
  answer->timed_out = TRUE;
  answer->rating = 1;
  answer->follow_up = g_strdup ("And with inheritance?");
  answer->follow_up_rating = RH_FOLLOW_UP_PARTLY;
  g_free (answer->notes);
  answer->notes = g_strdup ("memory; no __dict__");
  rh_interview_answer_add_area (answer, "x", TRUE);
  rh_interview_answer_add_area (answer, "y", FALSE);
  rh_interview_answer_add_area (answer, "z", FALSE);

  answer = rh_interview_record_add_answer (record);
  answer->card_id = g_strdup ("d/b");
  answer->topic_id = g_strdup ("t2");
  answer->title = g_strdup ("B");
  answer->question = g_strdup ("Why?");
  answer->time_used_ms = 100000;
  answer->rating = 3;
  answer->counted = TRUE;
  rh_interview_answer_add_area (answer, "p", TRUE);
  rh_interview_answer_add_area (answer, "q", TRUE);
}

static void
assert_answers_equal (const RhInterviewAnswer *a,
                      const RhInterviewAnswer *b)
{
  g_assert_cmpstr (a->card_id, ==, b->card_id);
  g_assert_cmpstr (a->topic_id, ==, b->topic_id);
  g_assert_cmpstr (a->topic_title != NULL ? a->topic_title : a->topic_id, ==,
                   b->topic_title != NULL ? b->topic_title : b->topic_id);
  g_assert_cmpstr (a->title, ==, b->title);
  g_assert_cmpstr (a->question, ==, b->question);
  g_assert_cmpint (a->time_used_ms, ==, b->time_used_ms);
  g_assert_cmpint (a->timed_out, ==, b->timed_out);
  g_assert_cmpint (a->rating, ==, b->rating);
  g_assert_cmpint (a->counted, ==, b->counted);
  g_assert_cmpstr (a->follow_up, ==, b->follow_up);
  g_assert_cmpint (a->follow_up_rating, ==, b->follow_up_rating);
  g_assert_cmpstr (a->notes, ==, b->notes);
  g_assert_cmpuint (a->areas->len, ==, b->areas->len);
  for (guint i = 0; i < a->areas->len; i++)
    {
      g_assert_cmpstr (g_array_index (a->areas, RhInterviewArea, i).text, ==,
                       g_array_index (b->areas, RhInterviewArea, i).text);
      g_assert_cmpint (g_array_index (a->areas, RhInterviewArea, i).covered, ==,
                       g_array_index (b->areas, RhInterviewArea, i).covered);
    }
}

/* Keeps an interview in @store and reads it back whole. */
static gint64
keep_and_check_interview (RhStore *store,
                          gint64   started_at)
{
  g_autoptr(GError) error = NULL;
  RhInterviewRecord record, read;
  gint64 id;

  make_interview (&record, started_at);
  g_assert_true (rh_store_add_interview (store, &record, &error));
  g_assert_no_error (error);
  g_assert_cmpint (record.id, >, 0);
  rh_interview_record_init (&read);
  g_assert_true (rh_store_get_interview (store, record.id, &read, &error));
  g_assert_no_error (error);
  g_assert_cmpint (read.started_at, ==, started_at);
  g_assert_cmpint (read.finished_at, ==, started_at + 600);
  g_assert_cmpuint (read.seed, ==, 42);
  g_assert_cmpint (read.seconds_per_question, ==, 240);
  g_assert_true (read.follow_ups);
  g_assert_false (read.counts_as_reviews);
  g_assert_true (g_strv_equal ((const char * const *)read.topics, (const char * const *)record.topics));
  g_assert_cmpuint (rh_interview_record_get_n_answers (&read), ==, 2);
  for (guint i = 0; i < 2; i++)
    assert_answers_equal (rh_interview_record_get_answer (&read, i), rh_interview_record_get_answer (&record, i));
  id = record.id;
  rh_interview_record_clear (&record);
  rh_interview_record_clear (&read);
  return id;
}

/* Interviews are kept whole, listed with their scores, counted for the
 * key areas missed most, and one that breaks a rule leaves nothing. */
static void
test_interviews_kept (void)
{
  g_autofree char *path = db_path ("interviews");
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStore) store = rh_store_open (path, &error);
  g_autoptr(GArray) list = NULL;
  RhInterviewRecord bad;
  guint missed, asked;
  sqlite3 *db;

  g_assert_no_error (error);
  keep_and_check_interview (store, T0);
  keep_and_check_interview (store, T0 + 86400);

  db = raw_open (path);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM interview;"), ==, 2);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM interview_answer;"), ==, 4);
  g_assert_cmpint (raw_int (db, "SELECT sum(covered) FROM interview_area;"), ==, 6);
  sqlite3_close (db);

  list = rh_store_list_interviews (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (g_array_index (list, RhInterviewSummary, 0).started_at, ==, T0);
  g_assert_cmpuint (g_array_index (list, RhInterviewSummary, 1).n_questions, ==, 2);
  g_assert_cmpuint (g_array_index (list, RhInterviewSummary, 1).areas_covered, ==, 3);
  g_assert_cmpuint (g_array_index (list, RhInterviewSummary, 1).areas_total, ==, 5);

  g_assert_true (rh_store_count_area_misses (store, "d/a", "y", &missed, &asked, &error));
  g_assert_cmpuint (missed, ==, 2);
  g_assert_cmpuint (asked, ==, 2);
  g_assert_true (rh_store_count_area_misses (store, "d/a", "x", &missed, &asked, &error));
  g_assert_cmpuint (missed, ==, 0);

  /* A grade out of range is refused by the table: nothing of it stays. */
  make_interview (&bad, T0 + 2 * 86400);
  rh_interview_record_get_answer (&bad, 1)->rating = 7;
  g_assert_false (rh_store_add_interview (store, &bad, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (bad.id, ==, 0);
  rh_interview_record_clear (&bad);
  db = raw_open (path);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM interview;"), ==, 2);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM interview_answer;"), ==, 4);
  sqlite3_close (db);

  /* An interview that is not there: no error, nothing read. */
  rh_interview_record_init (&bad);
  g_clear_error (&error);
  g_assert_false (rh_store_get_interview (store, 999, &bad, &error));
  g_assert_no_error (error);
  rh_interview_record_clear (&bad);
}

/* A review log written by an older Rehearse opens and keeps every row. */
static void
test_migrations (void)
{
  for (int version = 0; version < RH_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *name = g_strdup_printf ("migrate-%d", version);
      g_autofree char *path = db_path (name);
      g_autoptr(GError) error = NULL;
      g_autoptr(RhStore) store = NULL;
      sqlite3 *db;

      g_assert_true (_rh_store_create_at_version (path, version, &error));
      g_assert_no_error (error);
      if (version >= 1)
        {
          db = raw_open (path);
          g_assert_cmpint (sqlite3_exec (db,
            "INSERT INTO card_state VALUES ('d/a', 2, 0, 12.5, 5.25, 1767830400, 1767225600, 7, 3, 1, 0);"
            "INSERT INTO review_log (card_id, reviewed_at, rating, duration_ms, kind,"
            "  state_before, step_before, stability_before, difficulty_before, due_before,"
            "  last_review_before, scheduled_days_before, reps_before, lapses_before,"
            "  state_after, step_after, stability_after, difficulty_after, due_after,"
            "  last_review_after, scheduled_days_after, reps_after, lapses_after)"
            " VALUES ('d/a', 1767225600, 3, 900, 'review', 2, 0, 8.0, 5.0, 1767225600, 1766620800, 7, 2, 1,"
            "  2, 0, 12.5, 5.25, 1767830400, 1767225600, 7, 3, 1);",
            NULL, NULL, NULL), ==, SQLITE_OK);
          /* From schema 3 on, a grade has its review id, as that version
           * would have given it. */
          if (version >= 3)
            g_assert_cmpint (sqlite3_exec (db, "UPDATE review_log SET seq = id, "
                                               "origin = (SELECT value FROM meta WHERE key = 'device');",
                                           NULL, NULL, NULL), ==, SQLITE_OK);
          sqlite3_close (db);
        }

      store = rh_store_open (path, &error);
      g_assert_no_error (error);
      db = raw_open (path);
      g_assert_cmpint (raw_int (db, "PRAGMA user_version;"), ==, RH_STORE_SCHEMA_VERSION);
      g_assert_cmpint (raw_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'review_log_by_time';"), ==, 1);
      g_assert_cmpint (raw_int (db, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                                    "('interview', 'interview_answer', 'interview_area');"), ==, 3);
      sqlite3_close (db);
      /* Schema 4: the upgraded file keeps mock interviews. */
      keep_and_check_interview (store, T0);
      if (version >= 1)
        {
          const RhStoredCard *card = rh_store_lookup (store, "d/a");

          g_assert_nonnull (card);
          g_assert_cmpfloat (card->state.stability, ==, 12.5);
          g_assert_cmpint (card->state.reps, ==, 3);
          /* The old grade can be undone in the new schema. */
          g_assert_true (rh_store_undo (store, shared_scheduler (), 0, NULL, &error));
          g_assert_cmpfloat (rh_store_lookup (store, "d/a")->state.stability, ==, 8.0);
          g_assert_true (rh_store_redo (store, shared_scheduler (), 0, NULL, &error));
          g_assert_cmpfloat (rh_store_lookup (store, "d/a")->state.stability, ==, 12.5);
        }
    }
}

static gboolean
collect_ids (const RhReview *event,
             gpointer        user_data)
{
  char text[RH_REVIEW_ID_LENGTH + 1];

  rh_review_id_format (&event->uid, text);
  g_string_append_printf (user_data, "%s %s\n", text, event->card_id);
  return TRUE;
}

static char *
event_ids (RhStore *store)
{
  g_autoptr(GError) error = NULL;
  GString *ids = g_string_new (NULL);

  g_assert_true (rh_store_read_events (store, RH_STORE_EVENTS_ALL, collect_ids, ids, NULL, &error));
  g_assert_no_error (error);
  return g_string_free (ids, FALSE);
}

/* Grades of a version 2 file get their review ids once, in the migration:
 * the same on every later open; a copy of the file (another inode, as a
 * backup restored or a file carried elsewhere) gives new events another
 * device id, so two copies never give the same id to different events. */
static void
test_review_ids_stable (void)
{
  g_autofree char *path = db_path ("ids");
  g_autofree char *copy = db_path ("ids-copy");
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStore) store = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *contents = NULL;
  guint64 device;
  gsize length;
  sqlite3 *db;

  g_assert_true (_rh_store_create_at_version (path, 2, &error));
  g_assert_no_error (error);
  db = raw_open (path);
  for (int i = 0; i < 5; i++)
    {
      g_autofree char *sql = g_strdup_printf (
        "INSERT INTO review_log (card_id, reviewed_at, rating, duration_ms, kind,"
        "  state_before, step_before, stability_before, difficulty_before, due_before,"
        "  last_review_before, scheduled_days_before, reps_before, lapses_before,"
        "  state_after, step_after, stability_after, difficulty_after, due_after,"
        "  last_review_after, scheduled_days_after, reps_after, lapses_after)"
        " VALUES ('d/c%d', %d, 3, 900, 'learn', 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2.3, 5.0, 0, 0, 0, 1, 0);",
        i, 1767225600 + i * 60);

      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  sqlite3_close (db);

  store = rh_store_open (path, &error);
  g_assert_no_error (error);
  first = event_ids (store);
  device = rh_store_get_device (store);
  g_assert_cmpuint (device, !=, 0);
  g_clear_object (&store);
  store = rh_store_open (path, &error);
  second = event_ids (store);
  g_assert_cmpstr (first, ==, second);
  g_assert_cmpuint (rh_store_get_device (store), ==, device);
  g_clear_object (&store);
  {
    g_auto(GStrv) lines = g_strsplit (first, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 6);   /* five ids and the empty end */
  }

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, (gssize)length, NULL));
  store = rh_store_open (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rh_store_get_device (store), !=, device);
  g_free (second);
  second = event_ids (store);
  g_assert_cmpstr (first, ==, second);   /* the old events keep theirs */
}

/* An older copy of the file put back in its place, by hand and into the
 * same inode (a copy over it): the lock file remembers how far this file
 * had given review ids, and the copy goes on under a new device id, never
 * giving an id twice. */
static void
test_copy_put_back (void)
{
  g_autofree char *path = db_path ("put-back");
  g_autoptr(RhScheduler) scheduler = test_scheduler ();
  g_autoptr(GError) error = NULL;
  g_autofree char *snapshot = NULL;
  gsize length;
  RhStore *store;
  guint64 device;
  FILE *f;

  store = rh_store_open (path, &error);
  g_assert_no_error (error);
  grade (store, scheduler, "d/a", T0, RH_RATING_GOOD);
  device = rh_store_get_device (store);
  g_object_unref (store);
  g_assert_true (g_file_get_contents (path, &snapshot, &length, NULL));

  store = rh_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rh_store_get_device (store), ==, device);
  grade (store, scheduler, "d/b", T0 + 60, RH_RATING_GOOD);
  grade (store, scheduler, "d/c", T0 + 120, RH_RATING_GOOD);
  g_object_unref (store);

  f = fopen (path, "r+b");   /* the same inode */
  g_assert_nonnull (f);
  g_assert_cmpuint (fwrite (snapshot, 1, length, f), ==, length);
  g_assert_cmpint (ftruncate (fileno (f), (off_t)length), ==, 0);
  g_assert_cmpint (fclose (f), ==, 0);

  store = rh_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (rh_store_lookup (store, "d/b"));
  g_assert_cmpuint (rh_store_get_device (store), !=, device);
  g_object_unref (store);
}

/* Opening @path fails with @code, names the file, and leaves it byte for
 * byte as it was. */
static void
assert_refused (const char  *path,
                RhStoreError code)
{
  g_autofree char *before = file_checksum (path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStore) store = rh_store_open (path, &error);

  g_assert_null (store);
  g_assert_error (error, RH_STORE_ERROR, (int)code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

static RhStore *
make_and_close (const char *path)
{
  g_autoptr(GError) error = NULL;
  RhStore *store = rh_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

/* Runs @body in a child process and returns the code it exits with (0
 * when @body returns): for what must end without closing, as at a crash,
 * or run as another user. */
static int
in_child (void     (*body) (gpointer),
          gpointer   data)
{
  int status = 0;
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      body (data);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* A closed store with many reviews, its WAL folded into the file. */
static char *
make_full_db (const char *name)
{
  g_autofree char *path = db_path (name);
  g_autoptr(RhScheduler) scheduler = test_scheduler ();
  g_autoptr(GError) error = NULL;
  RhStore *store = rh_store_open (path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < 1500; i++)
    {
      g_autofree char *card = g_strdup_printf ("python-interview/card-%u", i % 300);

      grade (store, scheduler, card, T0 + i * 3600, (RhRating)(1 + i % 4));
    }
  /* Closing the last connection folds the WAL into the file. */
  g_object_unref (store);
  return g_steal_pointer (&path);
}

static void
test_refuse_not_a_database (void)
{
  g_autofree char *path = db_path ("not-db");
  g_autoptr(GString) junk = g_string_new (NULL);
  sqlite3 *db;

  for (guint i = 0; i < 2000; i++)
    g_string_append (junk, "these are my notes, not a database. ");
  g_assert_true (g_file_set_contents (path, junk->str, junk->len, NULL));
  assert_refused (path, RH_STORE_ERROR_NOT_A_DATABASE);

  /* Another program's SQLite database is not ours to write into. */
  g_unlink (path);
  db = NULL;
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused (path, RH_STORE_ERROR_NOT_A_DATABASE);
}

static void
test_refuse_truncated (void)
{
  g_autofree char *path = make_full_db ("truncated");
  struct stat st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (truncate (path, st.st_size / 2), ==, 0);
  assert_refused (path, RH_STORE_ERROR_CORRUPT);
}

static void
test_refuse_corrupt_pages (void)
{
  g_autofree char *path = make_full_db ("corrupt");
  FILE *f = g_fopen (path, "r+b");
  char garbage[4096];

  memset (garbage, 0xA5, sizeof garbage);
  g_assert_nonnull (f);
  /* A whole page of garbage, as a bad sector or a torn write leaves. */
  g_assert_cmpint (fseek (f, 3 * 4096, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (garbage, 1, sizeof garbage, f), ==, sizeof garbage);
  fclose (f);
  assert_refused (path, RH_STORE_ERROR_CORRUPT);
}

static void
test_refuse_too_new (void)
{
  g_autofree char *path = make_full_db ("too-new");
  sqlite3 *db = raw_open (path);
  g_autofree char *mode = NULL;

  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused (path, RH_STORE_ERROR_TOO_NEW);

  /* Not even the journal mode was switched back to WAL. */
  db = raw_open (path);
  mode = raw_text (db, "PRAGMA journal_mode;");
  g_assert_cmpstr (mode, ==, "delete");
  sqlite3_close (db);
}

/* Any schema number the app does not know, negative ones included, is
 * refused before anything is written. */
static void
test_refuse_unknown_version (void)
{
  const int versions[] = { -1, -1000, G_MININT32, RH_STORE_SCHEMA_VERSION + 1, G_MAXINT32 };
  g_autofree char *path = make_full_db ("unknown-version");

  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d;", versions[i]);
      sqlite3 *db = raw_open (path);

      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);
      assert_refused (path, RH_STORE_ERROR_TOO_NEW);
    }
}

/* One process at a time: a second store on the same file, in this process
 * or another, is refused with the other one named, and nothing changes. */
static void
test_one_process (void)
{
  g_autofree char *path = make_full_db ("one-process");
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStore) first = rh_store_open (path, &error);
  g_autofree char *mine = g_strdup_printf ("process %d", (int)getpid ());
  int ready[2], go[2];
  char byte = 0;
  pid_t pid;
  int status = 0;

  g_assert_no_error (error);
  assert_refused (path, RH_STORE_ERROR_BUSY);
  {
    g_autoptr(RhStore) second = rh_store_open (path, &error);

    g_assert_null (second);
    g_assert_nonnull (strstr (error->message, mine));
    g_clear_error (&error);
  }

  /* Closed: the next one opens it. */
  g_clear_object (&first);
  first = rh_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&first);

  /* Another process holds it: refused, naming that process; once it is
   * gone (killed, as at a crash), the lock goes with it. */
  g_assert_cmpint (pipe (ready), ==, 0);
  g_assert_cmpint (pipe (go), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      RhStore *held = rh_store_open (path, NULL);

      byte = held != NULL ? 'y' : 'n';
      if (write (ready[1], &byte, 1) != 1 || read (go[0], &byte, 1) < 0)
        _exit (2);
      _exit (0);
    }
  g_assert_cmpint (read (ready[0], &byte, 1), ==, 1);
  g_assert_cmpint (byte, ==, 'y');
  {
    g_autofree char *theirs = g_strdup_printf ("process %d", (int)pid);
    g_autoptr(RhStore) second = rh_store_open (path, &error);

    g_assert_null (second);
    g_assert_error (error, RH_STORE_ERROR, RH_STORE_ERROR_BUSY);
    g_assert_nonnull (strstr (error->message, theirs));
    g_clear_error (&error);
  }
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  first = rh_store_open (path, &error);
  g_assert_no_error (error);
  close (ready[0]); close (ready[1]); close (go[0]); close (go[1]);
}

/* In a mount namespace of its own, a 4 MiB tmpfs: a healthy store on a
 * disk that filled up while Rehearse was closed.  Opening it says the disk
 * is full (not "disk I/O error") and changes nothing. */
static void
full_disk_child (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "rehearse.db", NULL);
  g_autofree char *filler = g_build_filename (dir, "filler", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(RhScheduler) scheduler = test_scheduler ();
  g_autoptr(GError) error = NULL;
  RhStore *store;
  FILE *f;
  char block[4096] = { 0 };

  if (mount ("tmpfs", dir, "tmpfs", 0, "size=4m") != 0)
    _exit (3);
  store = rh_store_open (path, &error);
  if (store == NULL)
    _exit (4);
  for (guint i = 0; i < 40; i++)
    grade (store, scheduler, "python-interview/gil", T0 + i * 86400, RH_RATING_GOOD);
  g_object_unref (store);
  f = fopen (filler, "wb");
  while (f != NULL && fwrite (block, 1, sizeof block, f) == sizeof block)
    ;
  if (f != NULL)
    fclose (f);
  before = file_checksum (path);
  store = rh_store_open (path, &error);
  after = file_checksum (path);
  if (store != NULL || !g_error_matches (error, RH_STORE_ERROR, RH_STORE_ERROR_FULL) ||
      strstr (error->message, path) == NULL || g_strcmp0 (before, after) != 0)
    {
      g_printerr ("expected a full-disk error for %s, got %s\n", path, error != NULL ? error->message : "a store");
      _exit (1);
    }
  _exit (0);
}

static void
in_own_mount_namespace (gpointer data)
{
  if (unshare (CLONE_NEWNS) != 0 || mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    _exit (77);
  full_disk_child (data);
}

static void
test_full_disk_at_start (void)
{
  g_autofree char *dir = rh_test_make_dir ("full-at-start");
  int code = in_child (in_own_mount_namespace, dir);

  if (code == 77)
    {
      g_test_skip ("no mount namespace here (it needs root or CAP_SYS_ADMIN)");
      return;
    }
  g_assert_cmpint (code, ==, 0);
}

/* A store left with its grades in the write-ahead log: a child grades
 * @n times and ends without closing, as at a crash or a power cut. */
typedef struct {
  const char *path;
  guint       n;
} CrashJob;

static void
grade_and_crash (gpointer data)
{
  CrashJob *job = data;
  g_autoptr(RhScheduler) scheduler = test_scheduler ();
  RhStore *store = rh_store_open (job->path, NULL);

  if (store == NULL)
    _exit (2);
  for (guint i = 0; i < job->n; i++)
    {
      g_autofree char *card = g_strdup_printf ("python-interview/card-%u", i);

      grade (store, scheduler, card, T0 + i * 60, RH_RATING_GOOD);
    }
  _exit (0);   /* no close: the grades stay in the log */
}

static char *
make_crashed_db (const char *name,
                 guint       n)
{
  g_autofree char *path = db_path (name);
  CrashJob job = { path, n };

  /* The schema in the file, closed cleanly: the log then holds the grades. */
  g_object_unref (make_and_close (path));
  g_assert_cmpint (in_child (grade_and_crash, &job), ==, 0);
  return g_steal_pointer (&path);
}

/* XORs the byte at @offset of the log with @mask. */
static void
flip_wal_byte (const char *wal,
               long        offset,
               int         mask)
{
  FILE *f = g_fopen (wal, "r+b");
  int c;

  g_assert_nonnull (f);
  g_assert_cmpint (fseek (f, offset, SEEK_SET), ==, 0);
  c = fgetc (f);
  g_assert_cmpint (fseek (f, offset, SEEK_SET), ==, 0);
  fputc (c ^ mask, f);
  fclose (f);
}

#define FRAME_OFFSET(frame) (32 + (long)(frame) * (24 + 4096))

static void
damage_wal_frame (const char *wal,
                  guint       frame)
{
  flip_wal_byte (wal, FRAME_OFFSET (frame) + 24 + 100, 0x5A);
}

/* The number of frames in a log of 4096-byte pages. */
static guint
wal_frames (const char *wal)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  return (guint)((st.st_size - 32) / (24 + 4096));
}

/* The count the refusal gives is what SQLite loses: the cards that open
 * without the damaged changes, plus the count, are all 20. */
static void
assert_loss_counted (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStore) store = rh_store_open (path, &error);
  const char *p;
  guint lost;

  g_assert_null (store);
  g_assert_error (error, RH_STORE_ERROR, RH_STORE_ERROR_LOST_CHANGES);
  g_test_message ("%s", error->message);
  p = strstr (error->message, "the last ");
  g_assert_nonnull (p);
  lost = (guint)g_ascii_strtoull (p + strlen ("the last "), NULL, 10);
  g_clear_error (&error);
  store = rh_store_open_full (path, RH_STORE_OPEN_ACCEPT_LOST_CHANGES, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (rh_store_get_cards (store)) + lost, ==, 20);
}

/* Damage where a checksum does not reach it the same way: a salt (SQLite
 * takes the frame for an older one and stops), the first frame's or the
 * last one's; the log's header (all of it is ignored). */
static void
test_wal_damaged_headers (void)
{
  struct {
    const char *name;
    long        offset;   /* in the frame; in the log's header for frame -1 */
    int         frame;    /* -2: the last frame */
  } cases[] = {
    { "salt-first", 8, 0 },
    { "salt-middle", 12, 30 },
    { "salt-last", 9, -2 },
    { "log-header", 26, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("wal-%s", cases[i].name);
      g_autofree char *path = make_crashed_db (name, 20);
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      long offset;

      if (cases[i].frame == -1)
        offset = cases[i].offset;
      else if (cases[i].frame == -2)
        offset = FRAME_OFFSET (wal_frames (wal) - 1) + cases[i].offset;
      else
        offset = FRAME_OFFSET (cases[i].frame) + cases[i].offset;
      flip_wal_byte (wal, offset, 0x01);
      assert_loss_counted (path);
    }
}

/* A crash in the middle of writing the last transaction leaves its last
 * frame with a header and an old page (or any damage there): that change
 * never returned, and the start goes on, every earlier grade there. */
static void
test_wal_torn_last_frame (void)
{
  g_autofree char *path = make_crashed_db ("wal-torn", 20);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStore) store = NULL;

  damage_wal_frame (wal, wal_frames (wal) - 1);
  store = rh_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (rh_store_get_cards (store)), ==, 19);
}

/* A log beside a database that was moved away or emptied: SQLite would
 * delete it, and the changes in it.  Refused; the log stays as it is. */
static void
test_orphan_log (void)
{
  g_autofree char *path = make_crashed_db ("orphan", 20);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *moved = g_strconcat (path, ".moved", NULL);
  g_autofree char *wal_sum = file_checksum (wal);
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStore) store = NULL;

  g_assert_cmpint (g_rename (path, moved), ==, 0);
  store = rh_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, RH_STORE_ERROR, RH_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, wal));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  store = rh_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, RH_STORE_ERROR, RH_STORE_ERROR_CORRUPT);
  {
    g_autofree char *after = file_checksum (wal);

    g_assert_cmpstr (after, ==, wal_sum);
  }
}

/* The database path a link, the lock file a hard link to a user's file, a
 * pipe where the log goes: each refused, each file as it was, and nothing
 * blocks. */
static void
test_odd_files_beside (void)
{
  g_autofree char *dir = rh_test_make_dir ("odd");
  g_autofree char *path = g_build_filename (dir, "rehearse.db", NULL);
  g_autofree char *target = g_build_filename (dir, "elsewhere.db", NULL);
  g_autofree char *lock = g_strconcat (path, ".lock", NULL);
  g_autofree char *notes = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  RhStore *store;

  g_assert_cmpint (symlink (target, path), ==, 0);
  store = rh_store_open (path, &error);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "symbolic link"));
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  g_assert_cmpint (g_unlink (path), ==, 0);

  g_assert_true (g_file_set_contents (notes, "my notes\n", -1, NULL));
  g_assert_cmpint (link (notes, lock), ==, 0);
  store = rh_store_open (path, &error);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, lock));
  g_assert_true (g_file_get_contents (notes, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "my notes\n");
  g_clear_error (&error);
  g_assert_cmpint (g_unlink (lock), ==, 0);

  g_object_unref (make_and_close (path));
  g_assert_cmpint (mkfifo (wal, 0600), ==, 0);
  store = rh_store_open (path, &error);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, wal));
}

static void
break_index_and_crash (gpointer data)
{
  sqlite3 *db = NULL;

  if (sqlite3_open (data, &db) != SQLITE_OK ||
      sqlite3_exec (db, "PRAGMA writable_schema = ON;"
                        "DELETE FROM sqlite_schema WHERE name = 'review_log_by_card';"
                        "DELETE FROM review_log WHERE id % 7 = 0;", NULL, NULL, NULL) != SQLITE_OK)
    _exit (3);
  _exit (0);   /* no close: the changes stay in the log */
}

/* Changes another program made and left in the log (its process ended
 * without closing): the file's size and time are as Rehearse left them,
 * but the log says it changed, so the full check runs and finds the
 * damaged index. */
static void
test_change_in_log_is_checked (void)
{
  g_autofree char *path = make_full_db ("change-in-log");

  g_assert_cmpint (in_child (break_index_and_crash, path), ==, 0);
  /* The index is gone from the schema but its pages are not: the full
   * check reports them as never used; the quick one sees nothing. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RhStore) store = rh_store_open (path, &error);

    g_assert_null (store);
    g_assert_error (error, RH_STORE_ERROR, RH_STORE_ERROR_CORRUPT);
  }
}

/* The marker a clean close leaves, forged for the file as it is now. */
static void
forge_clean_marker (const char *path)
{
  g_autofree char *lock = g_strconcat (path, ".lock", NULL);
  g_autofree char *marker = NULL;
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  marker = g_strdup_printf ("closed %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GUINT64_FORMAT "\n",
                            (gint64)st.st_size,
                            (gint64)st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec,
                            (gint64)st.st_ctim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_ctim.tv_nsec,
                            (guint64)st.st_ino);
  g_assert_true (g_file_set_contents (lock, marker, -1, NULL));
}

static void
damaged_cb (RhStore      *store,
            const GError *error,
            GError      **found)
{
  *found = g_error_copy (error);
}

static void
corrupt_page (const char *path)
{
  FILE *f = g_fopen (path, "r+b");
  char garbage[4096];

  memset (garbage, 0xA5, sizeof garbage);
  g_assert_nonnull (f);
  g_assert_cmpint (fseek (f, 3 * 4096, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (garbage, 1, sizeof garbage, f), ==, sizeof garbage);
  fclose (f);
}

/* A file unchanged since a clean close is checked in a thread, off the way
 * to the first window.  Damage it finds (here: a page gone bad without the
 * file's times changing, as a failing disk does) is said by "damaged", and
 * no write reaches the file, even one made before the check ended. */
static void
test_deferred_check (void)
{
  g_autofree char *path = make_full_db ("deferred");
  g_autofree char *sum = NULL;
  g_autoptr(RhScheduler) scheduler = test_scheduler ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) found = NULL;
  RhStore *store;
  RhReview review = { 0 };
  gint64 deadline;

  corrupt_page (path);
  forge_clean_marker (path);
  sum = file_checksum (path);

  /* A write at once waits for the check, and is refused; the damage is
   * still said, once, from the main loop. */
  store = rh_store_open (path, &error);
  g_assert_no_error (error);
  g_signal_connect (store, "damaged", G_CALLBACK (damaged_cb), &found);
  review.card_id = g_strdup ("python-interview/gil");
  review.reviewed_at = T0;
  review.rating = RH_RATING_GOOD;
  rh_card_state_init_new (&review.before, T0);
  review.kind = RH_REVIEW_LEARN;
  rh_scheduler_next (scheduler, &review.before, T0, RH_RATING_GOOD, 0, &review.after);
  g_assert_false (rh_store_record (store, &review, &error));
  g_assert_error (error, RH_STORE_ERROR, RH_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  rh_review_clear (&review);
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (found == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (found, RH_STORE_ERROR, RH_STORE_ERROR_CORRUPT);
  g_clear_error (&found);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (found);
  g_object_unref (store);

  /* In a main loop, the signal says it; no marker was left, so the next
   * start checks fully and refuses. */
  forge_clean_marker (path);
  store = rh_store_open (path, &error);
  g_assert_no_error (error);
  g_signal_connect (store, "damaged", G_CALLBACK (damaged_cb), &found);
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (found == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (found, RH_STORE_ERROR, RH_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (found->message, path));
  g_object_unref (store);
  {
    g_autofree char *after = file_checksum (path);

    g_assert_cmpstr (after, ==, sum);
  }
  assert_refused (path, RH_STORE_ERROR_CORRUPT);
}

/* An older file whose marker says it is unchanged, but with a page no
 * table uses: the migration would write before a thread could check, so
 * the full check runs first and the file is refused as it is. */
static void
test_no_migration_before_check (void)
{
  g_autofree char *path = db_path ("migrate-check");
  guchar page[4096] = { 0 };
  guchar header[4];
  guint32 pages;
  FILE *f;

  g_assert_true (_rh_store_create_at_version (path, 1, NULL));
  f = g_fopen (path, "r+b");
  g_assert_nonnull (f);
  /* One more page at the end, and the header's page count says so. */
  g_assert_cmpint (fseek (f, 28, SEEK_SET), ==, 0);
  g_assert_cmpuint (fread (header, 1, 4, f), ==, 4);
  pages = ((guint32)header[0] << 24 | (guint32)header[1] << 16 | (guint32)header[2] << 8 | header[3]) + 1;
  header[0] = pages >> 24; header[1] = pages >> 16; header[2] = pages >> 8; header[3] = pages;
  g_assert_cmpint (fseek (f, 28, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (header, 1, 4, f), ==, 4);
  g_assert_cmpint (fseek (f, 0, SEEK_END), ==, 0);
  g_assert_cmpuint (fwrite (page, 1, sizeof page, f), ==, sizeof page);
  fclose (f);
  forge_clean_marker (path);
  assert_refused (path, RH_STORE_ERROR_CORRUPT);
}

/* Moving aside never replaces a file: a taken name (even a dangling link)
 * for the database or for any file beside it, and nothing moves. */
static void
test_move_aside_never_replaces (void)
{
  g_autofree char *path = make_full_db ("aside-replace");
  g_autofree char *target = rh_store_aside_path (path);
  g_autofree char *target_wal = g_strconcat (target, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_cmpint (symlink ("/nonexistent/file", target), ==, 0);
  g_assert_false (rh_store_move_aside (path, target, &error));
  g_assert_error (error, RH_STORE_ERROR, RH_STORE_ERROR_IO);
  g_clear_error (&error);
  g_assert_cmpint (g_unlink (target), ==, 0);

  g_assert_true (g_file_set_contents (target_wal, "someone's", -1, NULL));
  g_assert_false (rh_store_move_aside (path, target, &error));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (target_wal, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "someone's");
}

/* A crash leaves the grades in the log: they are all there afterwards, and
 * nothing is reported lost (a log that SQLite reads whole is not damaged). */
static void
test_wal_after_crash (void)
{
  g_autofree char *path = make_crashed_db ("wal-crash", 20);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStore) store = NULL;

  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  store = rh_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (rh_store_get_cards (store)), ==, 20);
}

/* A damaged byte in the log: SQLite would skip every grade from there on
 * without a word.  The store refuses, says how many, keeps a copy of the
 * log and changes nothing; opened anyway, the grades before it are there. */
static void
test_wal_damaged (void)
{
  g_autofree char *path = make_crashed_db ("wal-damaged", 20);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *db_sum = NULL;
  g_autofree char *wal_sum = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStore) store = NULL;
  g_autoptr(GDir) folder = NULL;
  const char *name;
  const char *p;
  guint lost;

  /* Frame 30 of about 60 (three frames a grade): the later half is lost. */
  damage_wal_frame (wal, 30);
  db_sum = file_checksum (path);
  wal_sum = file_checksum (wal);
  store = rh_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, RH_STORE_ERROR, RH_STORE_ERROR_LOST_CHANGES);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, wal));
  {
    g_autofree char *db_after = file_checksum (path);
    g_autofree char *wal_after = file_checksum (wal);

    g_assert_cmpstr (db_after, ==, db_sum);
    g_assert_cmpstr (wal_after, ==, wal_sum);
  }
  /* The copy is named in the message and holds every byte of the log. */
  folder = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (folder)) != NULL)
    if (g_str_has_prefix (name, "rehearse.db-wal.damaged-"))
      copy = g_build_filename (dir, name, NULL);
  g_assert_nonnull (copy);
  g_assert_nonnull (strstr (error->message, copy));
  {
    g_autofree char *copy_sum = file_checksum (copy);

    g_assert_cmpstr (copy_sum, ==, wal_sum);
  }
  p = strstr (error->message, "the last ");
  g_assert_nonnull (p);
  lost = (guint)g_ascii_strtoull (p + strlen ("the last "), NULL, 10);
  g_clear_error (&error);

  /* Opened anyway: the grades before the damage are there, and the count
   * said is exactly the grades that are not (one card a grade). */
  store = rh_store_open_full (path, RH_STORE_OPEN_ACCEPT_LOST_CHANGES, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (rh_store_get_cards (store)), >, 0);
  g_assert_cmpuint (g_hash_table_size (rh_store_get_cards (store)) + lost, ==, 20);
  g_clear_object (&store);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
}

/* Another program's database, with a change it began and never finished. */
static void
change_unfinished (gpointer data)
{
  sqlite3 *db = NULL;

  /* A small cache makes SQLite write changed pages into the file before
   * the commit; ending here leaves the journal hot. */
  if (sqlite3_open (data, &db) != SQLITE_OK ||
      sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA cache_size = 2;"
                        "CREATE TABLE contacts (name TEXT);"
                        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
                        "INSERT INTO contacts SELECT 'Ada Lovelace ' || i FROM n;"
                        "BEGIN; UPDATE contacts SET name = name || ' (changed)';", NULL, NULL, NULL) != SQLITE_OK)
    _exit (2);
  _exit (0);
}

/* Another program's database with an unfinished change (a hot journal):
 * rolling it back is that program's business.  Nothing is written, the
 * journal included. */
static void
test_foreign_hot_journal (void)
{
  g_autofree char *path = db_path ("hot-journal");
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *db_sum = NULL;
  g_autofree char *journal_sum = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStore) store = NULL;

  g_assert_cmpint (in_child (change_unfinished, path), ==, 0);
  g_assert_true (g_file_test (journal, G_FILE_TEST_EXISTS));
  db_sum = file_checksum (path);
  journal_sum = file_checksum (journal);

  store = rh_store_open (path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  {
    g_autofree char *db_after = file_checksum (path);
    g_autofree char *journal_after = file_checksum (journal);

    g_assert_cmpstr (db_after, ==, db_sum);
    g_assert_cmpstr (journal_after, ==, journal_sum);
  }
}

/* An index that no longer matches its table passes SQLite's quick check
 * and fails its integrity check.  The file changed since this app closed
 * it, so the full check runs, and the file is refused untouched. */
static void
test_index_damage_found (void)
{
  g_autofree char *path = make_full_db ("index-damage");
  sqlite3 *db = raw_open (path);
  g_autofree char *sql = raw_text (db, "SELECT sql FROM sqlite_schema WHERE name = 'review_log_by_card';");
  int root = (int)raw_int (db, "SELECT rootpage FROM sqlite_schema WHERE name = 'review_log_by_card';");
  g_autofree char *insert = NULL;
  g_autofree char *quick = NULL;
  g_autofree char *full = NULL;

  g_assert_cmpint (sqlite3_exec (db, "PRAGMA writable_schema = ON;"
                                     "DELETE FROM sqlite_schema WHERE name = 'review_log_by_card';",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  db = raw_open (path);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM review_log WHERE id % 7 = 0;", NULL, NULL, NULL), ==, SQLITE_OK);
  insert = sqlite3_mprintf ("PRAGMA writable_schema = ON; INSERT INTO sqlite_schema VALUES "
                            "('index', 'review_log_by_card', 'review_log', %d, %Q);", root, sql);
  g_assert_cmpint (sqlite3_exec (db, insert, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_free (g_steal_pointer (&insert));
  sqlite3_close (db);

  /* The damage is of the kind only the full check sees. */
  db = raw_open (path);
  quick = raw_text (db, "PRAGMA quick_check;");
  full = raw_text (db, "PRAGMA integrity_check(1);");
  sqlite3_close (db);
  g_assert_cmpstr (quick, ==, "ok");
  g_assert_cmpstr (full, !=, "ok");

  assert_refused (path, RH_STORE_ERROR_CORRUPT);
}

/* Root may write anywhere: the read-only checks run as "nobody" then. */
typedef struct {
  void   (*func) (gpointer);
  gpointer data;
} Unprivileged;

static void
as_nobody (gpointer data)
{
  Unprivileged *job = data;

  if (setgid (65534) != 0 || setuid (65534) != 0)
    _exit (3);
  job->func (job->data);
}

static void
run_unprivileged (void (*func) (gpointer), gpointer data)
{
  Unprivileged job = { func, data };

  if (geteuid () != 0)
    func (data);
  else
    g_assert_cmpint (in_child (as_nobody, &job), ==, 0);
}

static void
open_read_only (gpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStore) store = rh_store_open (path, &error);

  if (store != NULL || !g_error_matches (error, RH_STORE_ERROR, RH_STORE_ERROR_READ_ONLY) ||
      strstr (error->message, path) == NULL)
    {
      g_printerr ("expected a read-only error for %s, got %s\n", path, error ? error->message : "a store");
      _exit (1);
    }
}

static void
test_refuse_read_only (void)
{
  g_autofree char *path = make_full_db ("read-only");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *sum = file_checksum (path);
  g_autofree char *after = NULL;
  g_autofree char *root = g_path_get_dirname (dir);

  /* Let "nobody" reach the folder, as a user reaches their own. */
  g_chmod (root, 0755);
  g_chmod (g_getenv ("XDG_DATA_HOME"), 0755);
  g_chmod (rh_test_init_env (), 0755);

  /* A read-only file in a writable folder. */
  g_chmod (dir, 0777);
  g_chmod (path, 0444);
  run_unprivileged (open_read_only, path);

  /* A writable file in a read-only folder: WAL could not make its files. */
  g_chmod (path, 0666);
  g_chmod (dir, 0555);
  run_unprivileged (open_read_only, path);

  g_chmod (dir, 0700);
  after = file_checksum (path);
  g_assert_cmpstr (sum, ==, after);
}

static void
test_full_disk (void)
{
  g_autofree char *path = db_path ("full");
  g_autoptr(RhScheduler) scheduler = test_scheduler ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStore) store = rh_store_open (path, &error);
  sqlite3 *db;
  gint64 logged;
  guint i;

  g_assert_no_error (error);
  _rh_store_set_max_page_count (store, 12);
  for (i = 0; i < 100000; i++)
    {
      g_autofree char *card = g_strdup_printf ("python-interview/a-rather-long-card-id-%u", i);
      RhReview review = { 0 };
      RhCardState kept;

      review.card_id = g_strdup (card);
      review.reviewed_at = T0 + i;
      review.rating = RH_RATING_GOOD;
      rh_card_state_init_new (&review.before, T0 + i);
      review.kind = RH_REVIEW_LEARN;
      rh_scheduler_next (scheduler, &review.before, T0 + i, RH_RATING_GOOD, 0, &review.after);
      if (!rh_store_record (store, &review, &error))
        {
          rh_review_clear (&review);
          /* Nothing half-written: the card stays new in memory. */
          kept = state_of (store, card);
          g_assert_cmpint (kept.reps, ==, 0);
          break;
        }
      rh_review_clear (&review);
    }
  g_assert_error (error, RH_STORE_ERROR, RH_STORE_ERROR_FULL);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpuint (i, >, 0);

  /* Every grade before the full disk is there; the failed one is not. */
  db = raw_open (path);
  logged = raw_int (db, "SELECT count(*) FROM review_log;");
  g_assert_cmpint (logged, ==, i);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM card_state;"), ==, i);
  {
    g_autofree char *check = raw_text (db, "PRAGMA integrity_check;");

    g_assert_cmpstr (check, ==, "ok");
  }
  sqlite3_close (db);
  g_assert_cmpuint (g_hash_table_size (rh_store_get_cards (store)), ==, i);
}

static void
test_move_aside (void)
{
  g_autofree char *path = make_full_db ("aside");
  g_autofree char *sum = file_checksum (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *moved_sum = NULL;
  g_autoptr(RhStore) fresh = NULL;

  moved = rh_store_aside_path (path);
  g_assert_true (g_str_has_prefix (moved, path));
  /* A name that is taken is refused, and nothing moves. */
  g_assert_true (g_file_set_contents (moved, "someone else's", -1, NULL));
  g_assert_false (rh_store_move_aside (path, moved, &error));
  g_assert_error (error, RH_STORE_ERROR, RH_STORE_ERROR_IO);
  g_clear_error (&error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_unlink (moved), ==, 0);

  g_assert_true (rh_store_move_aside (path, moved, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  moved_sum = file_checksum (moved);
  g_assert_cmpstr (moved_sum, ==, sum);

  fresh = rh_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (rh_store_get_cards (fresh)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  rh_test_init_env ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/open-creates", test_open_creates);
  g_test_add_func ("/store/record-lands", test_record_lands);
  g_test_add_func ("/store/undo-exact", test_undo_exact);
  g_test_add_func ("/store/undo-depth", test_undo_depth);
  g_test_add_func ("/store/practice-keeps-schedule", test_practice_keeps_schedule);
  g_test_add_func ("/store/suspend-and-reset", test_suspend_and_reset);
  g_test_add_func ("/store/migrations", test_migrations);
  g_test_add_func ("/store/interviews-kept", test_interviews_kept);
  g_test_add_func ("/store/refuse/not-a-database", test_refuse_not_a_database);
  g_test_add_func ("/store/refuse/truncated", test_refuse_truncated);
  g_test_add_func ("/store/refuse/corrupt-pages", test_refuse_corrupt_pages);
  g_test_add_func ("/store/refuse/too-new", test_refuse_too_new);
  g_test_add_func ("/store/refuse/read-only", test_refuse_read_only);
  g_test_add_func ("/store/full-disk", test_full_disk);
  g_test_add_func ("/store/move-aside", test_move_aside);
  g_test_add_func ("/store/refuse-unknown-version", test_refuse_unknown_version);
  g_test_add_func ("/store/review-ids-stable", test_review_ids_stable);
  g_test_add_func ("/store/copy-put-back", test_copy_put_back);
  g_test_add_func ("/store/one-process", test_one_process);
  g_test_add_func ("/store/full-disk-at-start", test_full_disk_at_start);
  g_test_add_func ("/store/wal-after-crash", test_wal_after_crash);
  g_test_add_func ("/store/wal-damaged", test_wal_damaged);
  g_test_add_func ("/store/foreign-hot-journal", test_foreign_hot_journal);
  g_test_add_func ("/store/index-damage-found", test_index_damage_found);
  g_test_add_func ("/store/wal-damaged-headers", test_wal_damaged_headers);
  g_test_add_func ("/store/wal-torn-last-frame", test_wal_torn_last_frame);
  g_test_add_func ("/store/orphan-log", test_orphan_log);
  g_test_add_func ("/store/odd-files-beside", test_odd_files_beside);
  g_test_add_func ("/store/change-in-log-is-checked", test_change_in_log_is_checked);
  g_test_add_func ("/store/move-aside-never-replaces", test_move_aside_never_replaces);
  g_test_add_func ("/store/deferred-check", test_deferred_check);
  g_test_add_func ("/store/no-migration-before-check", test_no_migration_before_check);

  return g_test_run ();
}
