/* test-interview-ui.c: a three-question mock interview in the real window, on a fake clock
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's own actions and the interview's buttons' actions drive it:
 * Ctrl+M's win.mock-interview, Start, Done, pause, the rubric's ticks, the
 * model answer, the grades and the follow-ups.  Time moves only with the
 * fake clock.  Checked: the questions chosen, the countdown and the time
 * running out, the rubric, the report's numbers, the rows in the store,
 * the PDF's text (pdftotext, Debian's poppler-utils) and the Markdown.
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "rh-format.h"
#include "rh-interview-view-private.h"
#include "rh-test-gtk.h"
#include "rh-test-utils.h"
#include "rh-topic-sidebar.h"
#include "rh-window.h"

#define NOW 1772452800   /* 2026-03-02 12:00 UTC */

static RhApplication *app;
static RhWindow *window;
static RhClock *clock_;

#define FIND(type, TYPE) type (rh_test_find_widget (GTK_WIDGET (window), TYPE))

static RhInterviewView *view (void) { return FIND (RH_INTERVIEW_VIEW, RH_TYPE_INTERVIEW_VIEW); }
static RhTopicSidebar *sidebar (void) { return FIND (RH_TOPIC_SIDEBAR, RH_TYPE_TOPIC_SIDEBAR); }
static RhMockInterview *interview (void) { return rh_interview_view_get_interview (view ()); }

static const char * const chosen_topics[] = { "python-interview/concurrency", "python-interview/databases",
                                                       "python-interview/security", NULL };

static void
act (const char *action,
     GVariant   *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (view ()), action, parameter));
  rh_test_spin (20);
}

static gint64
db_int (const char *sql)
{
  return rh_test_db_int (rh_collection_get_store_path (rh_window_get_collection (window)), sql);
}

/* "study" or "interview": what the window's content shows. */
static const char *
main_page (void)
{
  GtkStack *main_stack = FIND (GTK_STACK, GTK_TYPE_STACK);

  g_assert_nonnull (gtk_stack_get_child_by_name (main_stack, "interview"));
  return gtk_stack_get_visible_child_name (main_stack);
}

/* Ticks the first @n lines of the rubric, as a click on each would. */
static void
tick (guint n)
{
  for (guint i = 0; i < n; i++)
    gtk_widget_activate (GTK_WIDGET (rh_interview_rubric_get_check (rh_interview_view_get_rubric (view ()), i)));
}

/* Text as lines wrapped in a PDF give it back, to compare: pdftotext joins
 * a line that ends in a hyphen to the next without it. */
static char *
flat (const char *text)
{
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *joined = g_regex_replace_literal (spaces, text, -1, 0, " ", 0, NULL);
  g_auto(GStrv) parts = g_strsplit (joined, "-", -1);

  return g_strjoinv ("", parts);
}

static char *
pdf_text (const char *path)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  int status;

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error))
    g_error ("pdftotext (Debian package poppler-utils) could not run: %s", error->message);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return flat (out);
}

/* Ctrl+M opens the choices over the sidebar's selection; the questions
 * are the ones the selection rule picks for the moment it starts, one a
 * topic, and the rest of the window waits. */
static GPtrArray *
open_and_start (void)
{
  RhMockInterviewOptions options;
  g_autoptr(GError) error = NULL;
  GPtrArray *expected;

  rh_topic_sidebar_select_topics (sidebar (), chosen_topics);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.mock-interview", NULL));
  rh_test_spin (50);
  g_assert_cmpstr (main_page (), ==, "interview");
  g_assert_cmpstr (rh_interview_view_get_page (view ()), ==, "setup");

  rh_mock_interview_options_init (&options);
  options.topics = chosen_topics;
  options.n_questions = 3;
  options.seed = NOW;
  expected = rh_mock_interview_choose (rh_window_get_collection (window), &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expected->len, ==, 3);

  act ("interview.start", NULL);
  g_assert_cmpstr (rh_interview_view_get_page (view ()), ==, "question");
  g_assert_cmpuint (rh_mock_interview_get_n_questions (interview ()), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      RhCard *card = rh_mock_interview_get_card (interview (), i);

      g_assert_true (card == g_ptr_array_index (expected, i));
      g_assert_true (g_strv_contains (chosen_topics, rh_card_get_topic_id (card)));
      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (rh_card_get_topic_id (card), !=,
                         rh_card_get_topic_id (rh_mock_interview_get_card (interview (), j)));
    }
  return expected;
}

/* Question 1: half a minute, a pause that does not count, Done; two key
 * areas ticked, Good, and the follow-up answered in part. */
static guint
first_question (void)
{
  RhInterviewQuestion *question = rh_interview_view_get_question (view ());
  gint64 answers = db_int ("SELECT count(*) FROM review_log;");

  g_assert_cmpstr (rh_interview_question_get_countdown (question), ==, "4:00");
  rh_clock_advance (clock_, 30);
  g_assert_cmpstr (rh_interview_question_get_countdown (question), ==, "3:30");
  act ("interview.pause", NULL);
  rh_clock_advance (clock_, 600);
  g_assert_cmpstr (rh_interview_question_get_countdown (question), ==, "3:30");
  g_assert_cmpstr (rh_interview_view_get_page (view ()), ==, "question");
  act ("interview.pause", NULL);
  act ("interview.done", NULL);
  g_assert_cmpstr (rh_interview_view_get_page (view ()), ==, "rubric");
  /* Grades wait for the model answer: the 3 key does nothing yet. */
  gtk_widget_activate_action (GTK_WIDGET (view ()), "interview.grade", "i", 3);
  g_assert_cmpint (db_int ("SELECT count(*) FROM review_log;"), ==, answers);
  g_assert_cmpstr (rh_interview_view_get_page (view ()), ==, "rubric");
  tick (2);
  act ("interview.show-answer", NULL);
  act ("interview.grade", g_variant_new_int32 (RH_RATING_GOOD));
  g_assert_cmpstr (rh_interview_view_get_page (view ()), ==, "follow-up");
  act ("interview.rate", g_variant_new_int32 (RH_FOLLOW_UP_PARTLY));
  return 2;
}

/* Question 2: nothing is pressed; the time runs out into the rubric. */
static void
second_question (void)
{
  g_assert_cmpstr (rh_interview_view_get_page (view ()), ==, "question");
  g_assert_cmpuint (rh_mock_interview_get_index (interview ()), ==, 1);
  rh_clock_advance (clock_, 239);
  g_assert_cmpstr (rh_interview_question_get_countdown (rh_interview_view_get_question (view ())), ==, "0:01");
  g_assert_cmpstr (rh_interview_view_get_page (view ()), ==, "question");
  rh_clock_advance (clock_, 1);
  rh_test_spin (20);
  g_assert_cmpstr (rh_interview_view_get_page (view ()), ==, "rubric");
  act ("interview.show-answer", NULL);
  g_assert_cmpint (rh_interview_rubric_get_suggested (rh_interview_view_get_rubric (view ())), ==, RH_RATING_AGAIN);
  act ("interview.grade", g_variant_new_int32 (RH_RATING_AGAIN));
  act ("interview.rate", g_variant_new_int32 (RH_FOLLOW_UP_MISSED));
}

/* Question 3: 100 seconds, every key area, Easy, the follow-up well. */
static guint
third_question (void)
{
  guint n_areas = rh_mock_interview_rubric_size (rh_mock_interview_get_current (interview ()));

  rh_clock_advance (clock_, 100);
  act ("interview.done", NULL);
  /* Keyboard first: the first key area's row has the focus, for Space
   * and the arrows. */
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) ==
                 gtk_widget_get_ancestor (GTK_WIDGET (rh_interview_rubric_get_check (rh_interview_view_get_rubric (view ()),
                                                                                      0)), GTK_TYPE_LIST_BOX_ROW));
  tick (n_areas);
  act ("interview.show-answer", NULL);
  act ("interview.grade", g_variant_new_int32 (RH_RATING_EASY));
  act ("interview.rate", g_variant_new_int32 (RH_FOLLOW_UP_ANSWERED));
  return n_areas;
}

static void
check_store (guint covered)
{
  g_assert_cmpint (db_int ("SELECT count(*) FROM interview;"), ==, 1);
  g_assert_cmpint (db_int ("SELECT count(*) FROM interview_answer;"), ==, 3);
  g_assert_cmpint (db_int ("SELECT time_used_ms FROM interview_answer WHERE position = 0;"), ==, 30000);
  g_assert_cmpint (db_int ("SELECT time_used_ms FROM interview_answer WHERE position = 1;"), ==, 240000);
  g_assert_cmpint (db_int ("SELECT timed_out FROM interview_answer WHERE position = 1;"), ==, 1);
  g_assert_cmpint (db_int ("SELECT time_used_ms FROM interview_answer WHERE position = 2;"), ==, 100000);
  g_assert_cmpint (db_int ("SELECT group_concat (rating, '') FROM (SELECT rating FROM interview_answer "
                           "ORDER BY position);"), ==, 314);
  g_assert_cmpint (db_int ("SELECT group_concat (follow_up_rating, '') FROM (SELECT follow_up_rating "
                           "FROM interview_answer ORDER BY position);"), ==, 213);
  g_assert_cmpint (db_int ("SELECT sum(covered) FROM interview_area;"), ==, covered);
  g_assert_cmpint (db_int ("SELECT seconds_per_question FROM interview;"), ==, 240);
  /* Answers are practice (the default): logged, the schedule untouched. */
  g_assert_cmpint (db_int ("SELECT count(*) FROM review_log WHERE kind = 'practice';"), ==, 3);
  g_assert_cmpint (db_int ("SELECT count(*) FROM review_log;"), ==, 3);
  g_assert_cmpint (db_int ("SELECT count(*) FROM card_state;"), ==, 0);
}

static void
check_exports (GPtrArray *cards)
{
  g_autofree char *dir = rh_test_make_dir ("exports");
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *md = g_build_filename (dir, "report.md", NULL);
  g_autofree char *text = NULL;
  g_autofree char *markdown = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rh_interview_view_save (view (), pdf, TRUE, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Mock Interview, Monday 2 March 2026"));
  for (guint i = 0; i < cards->len; i++)
    {
      g_autofree char *title = flat (rh_card_get_title (g_ptr_array_index (cards, i)));

      if (strstr (text, title) == NULL)
        g_error ("the PDF does not hold “%s”; its text: %s", title, text);
    }

  g_assert_true (rh_interview_view_save (view (), md, FALSE, &error));
  g_assert_true (g_file_get_contents (md, &markdown, NULL, NULL));
  g_assert_true (g_str_has_prefix (markdown, "# Mock Interview, Monday 2 March 2026, 12:00\n"));
  g_assert_nonnull (strstr (markdown, "- Time: 4:00 of 4:00, the time ran out\n"));

  /* A folder that is not there: refused with the file's name, nothing left. */
  g_clear_pointer (&pdf, g_free);
  pdf = g_build_filename (dir, "gone", "report.pdf", NULL);
  g_assert_false (rh_interview_view_save (view (), pdf, TRUE, &error));
  g_assert_nonnull (strstr (error->message, pdf));
}

/* The whole interview: the questions, the clock, the rubric, the report,
 * the store, the PDF; then the past list and the study button. */
static void
test_three_questions (void)
{
  g_autoptr(GPtrArray) cards = open_and_start ();
  guint n_areas = 0, covered;
  g_autofree char *score = NULL;
  const char * const *weakest;

  for (guint i = 0; i < 3; i++)
    n_areas += rh_mock_interview_rubric_size (g_ptr_array_index (cards, i));
  covered = first_question ();
  second_question ();
  covered += third_question ();

  g_assert_cmpstr (rh_interview_view_get_page (view ()), ==, "report");
  score = rh_format_percent ((double)covered / n_areas);
  g_assert_cmpstr (rh_interview_report_view_get_score (rh_interview_view_get_report_view (view ())), ==, score);
  check_store (covered);
  check_exports (cards);

  /* The past list has it, and opens its report again. */
  act ("interview.close", NULL);
  g_assert_cmpstr (main_page (), ==, "study");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.mock-interview", NULL));
  act ("interview.open-past", g_variant_new_int64 (db_int ("SELECT id FROM interview;")));
  g_assert_cmpstr (rh_interview_view_get_page (view ()), ==, "report");
  g_assert_cmpstr (rh_interview_report_view_get_score (rh_interview_view_get_report_view (view ())), ==, score);

  /* Study the weakest topics: the sidebar selects them, studying begins. */
  weakest = rh_interview_report_view_get_weakest (rh_interview_view_get_report_view (view ()));
  g_assert_nonnull (weakest);
  g_assert_true (g_strv_contains (weakest, rh_card_get_topic_id (g_ptr_array_index (cards, 1))));
  act ("interview.study-weakest", NULL);
  g_assert_cmpstr (main_page (), ==, "study");
  {
    g_auto(GStrv) selected = rh_topic_sidebar_dup_selected_topics (sidebar ());

    /* The same topics (the sidebar lists them in deck order). */
    g_assert_cmpuint (g_strv_length (selected), ==, g_strv_length ((char **)weakest));
    for (guint i = 0; weakest[i] != NULL; i++)
      g_assert_true (g_strv_contains ((const char * const *)selected, weakest[i]));
  }
  g_assert_nonnull (rh_study_session_get_current (rh_window_get_session (window)));
}

/* Ending early keeps what was graded; ending before any grade keeps
 * nothing and goes back to the choices. */
static void
test_end_early (void)
{
  g_autoptr(GPtrArray) cards = open_and_start ();

  act ("interview.end", NULL);
  g_assert_cmpstr (rh_interview_view_get_page (view ()), ==, "setup");
  g_assert_cmpint (db_int ("SELECT count(*) FROM interview;"), ==, 0);

  act ("interview.start", NULL);
  first_question ();
  act ("interview.end", NULL);
  g_assert_cmpstr (rh_interview_view_get_page (view ()), ==, "report");
  g_assert_cmpint (db_int ("SELECT count(*) FROM interview_answer;"), ==, 1);

  /* Closing the window in the middle of one keeps what was graded. */
  act ("interview.close", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.mock-interview", NULL));
  act ("interview.start", NULL);
  first_question ();
  {
    gboolean handled = FALSE;

    /* What closing the window runs first; the case's end destroys it. */
    g_signal_emit_by_name (window, "close-request", &handled);
  }
  g_assert_cmpint (db_int ("SELECT count(*) FROM interview;"), ==, 2);
}

static gboolean
narrow_enough (gpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET (view ())) <= 400;
}

/* A narrow window: every page of the interview fits in it. */
static void
test_narrow (void)
{
  g_autoptr(GPtrArray) cards = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 400, 700);
  cards = open_and_start ();
  g_assert_true (rh_test_wait_until (narrow_enough, NULL, 5000));
  act ("interview.done", NULL);
  g_assert_true (rh_test_wait_until (narrow_enough, NULL, 5000));
  act ("interview.show-answer", NULL);
  g_assert_true (rh_test_wait_until (narrow_enough, NULL, 5000));
  act ("interview.grade", g_variant_new_int32 (RH_RATING_GOOD));
  g_assert_cmpstr (rh_interview_view_get_page (view ()), ==, "follow-up");
  g_assert_true (rh_test_wait_until (narrow_enough, NULL, 5000));
  act ("interview.end", NULL);
  g_assert_cmpstr (rh_interview_view_get_page (view ()), ==, "report");
  g_assert_true (rh_test_wait_until (narrow_enough, NULL, 5000));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (view ())), >, 300);
}

static void
run_case (gconstpointer data)
{
  void (*test) (void) = (void (*) (void))data;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  static guint n;
  g_autofree char *name = g_strdup_printf ("interview-ui-%u", n++);
  GSettings *settings;

  clock_ = rh_clock_new_fake (NOW, utc);
  window = rh_test_window_open (app, clock_, name);
  settings = rh_test_window_settings (window);
  g_settings_set_int (settings, "interview-questions", 3);
  g_settings_set_boolean (settings, "show-welcome", FALSE);
  test ();
  gtk_window_destroy (GTK_WINDOW (window));
  rh_test_spin (50);
  window = NULL;
  g_clear_object (&clock_);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  rh_test_init_env ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = rh_test_app_new (NULL);
  g_test_add_data_func ("/interview-ui/three-questions", (gconstpointer)test_three_questions, run_case);
  g_test_add_data_func ("/interview-ui/end-early", (gconstpointer)test_end_early, run_case);
  g_test_add_data_func ("/interview-ui/narrow", (gconstpointer)test_narrow, run_case);
  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
