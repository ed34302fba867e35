/* test-study-ui.c: the review flow in the real window, on a fake clock
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case builds its own window over its own collection (a fresh store,
 * fresh settings, a fake clock at NOW) and goes through what the user has:
 * the window's actions and the card view's key shortcuts (the very
 * GtkShortcut that the 3 key triggers), and checks what the user relies on:
 * the row in the database, the counts in the sidebar, the page shown.
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <sqlite3.h>

#include "rh-application.h"
#include "rh-autocleanups.h"
#include "rh-stats.h"
#include "rh-browse-item.h"
#include "rh-browse-view-private.h"
#include "rh-card-info-window.h"
#include "rh-card-view-private.h"
#include "rh-study-view-private.h"
#include "rh-test-core.h"
#include "rh-test-gtk.h"
#include "rh-test-utils.h"
#include "rh-topic-row-private.h"
#include "rh-topic-sidebar-private.h"
#include "rh-window.h"

#define NOW 1772452800   /* 2026-03-02 12:00 UTC */

static RhApplication *app;
static RhWindow *window;      /* the current case's */
static RhClock *clock_;       /* the current case's */
static GSettings *settings;   /* the current case's window's */

#define FIND(type, TYPE) type (rh_test_find_widget (GTK_WIDGET (window), TYPE))

static RhStudyView *study_view (void) { return FIND (RH_STUDY_VIEW, RH_TYPE_STUDY_VIEW); }
static RhCardView *card_view (void) { return rh_study_view_get_card_view (study_view ()); }
static RhTopicSidebar *sidebar (void) { return FIND (RH_TOPIC_SIDEBAR, RH_TYPE_TOPIC_SIDEBAR); }
static RhBrowseView *browse_view (void) { return FIND (RH_BROWSE_VIEW, RH_TYPE_BROWSE_VIEW); }

/* Presses a key the way the app hears it: the card view's own shortcut.
 * FALSE when the key does nothing now (its action is disabled). */
static gboolean
try_press (const char *key)
{
  GtkWidget *widget = GTK_WIDGET (card_view ());
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          g_auto(GStrv) keys = g_strsplit (trigger, "|", -1);

          if (g_strv_contains ((const char * const *)keys, key))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  g_error ("no shortcut for the key “%s”", key);
}

static void
press (const char *key)
{
  g_assert_true (try_press (key));
}

static gint64
db_int (const char *sql)
{
  return rh_test_db_int (rh_collection_get_store_path (rh_window_get_collection (window)), sql);
}

static const char *
current_id (void)
{
  RhCard *card = rh_card_view_get_card (card_view ());

  return card != NULL ? rh_card_get_id (card) : NULL;
}

static const char *
counts_of (const char *topic_id)
{
  return rh_topic_row_get_counts_text (rh_topic_sidebar_get_row (sidebar (), topic_id));
}

static void
spin (void)
{
  rh_test_spin (50);
}

/* Start, reveal, grade with 3, check the row and the counters, undo. */
static void
test_review_flow (void)
{
  GtkWidget *focus;
  GtkWidget *bar;
  GtkWidget *info;

  g_assert_cmpstr (rh_study_view_get_page (study_view ()), ==, "welcome");
  g_assert_cmpstr (rh_study_view_get_status_icon (study_view ()), ==, "io.github.rehearse.Rehearse");
  /* The card view is made when the first card shows, not with the window,
   * nor for a Retry that has no grade to save. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.retry-grade", NULL));
  g_assert_null (rh_test_find_widget (GTK_WIDGET (window), RH_TYPE_CARD_VIEW));
  /* Each row's readiness bar shows, and says what readiness is. */
  bar = rh_test_find_widget (GTK_WIDGET (rh_topic_sidebar_get_row (sidebar (), "python-interview/fundamentals")),
                             GTK_TYPE_LEVEL_BAR);
  g_assert_true (gtk_widget_get_visible (bar));
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (bar), "Readiness: "));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (study_view ()), "study.start", NULL));
  g_assert_false (g_settings_get_boolean (settings, "show-welcome"));
  g_assert_cmpstr (rh_study_view_get_page (study_view ()), ==, "card");
  g_assert_cmpstr (current_id (), ==, "python-interview/execution-model");
  g_assert_cmpstr (counts_of (NULL), ==, "0 due · 10 new");
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (card_view ()), GTK_WIDGET (study_view ())));

  /* I: the card's details, in a window of their own. */
  press ("i");
  spin ();
  info = NULL;
  for (guint i = 0; i < g_list_model_get_n_items (gtk_window_get_toplevels ()); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (gtk_window_get_toplevels (), i);

      if (RH_IS_CARD_INFO_WINDOW (toplevel))
        info = GTK_WIDGET (toplevel);
    }
  g_assert_nonnull (info);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (info)) == GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (info));
  spin ();

  /* Grades do nothing before the answer shows, and the hidden answer
   * takes no room below the question. */
  g_assert_false (try_press ("3"));
  spin ();
  g_assert_cmpint (gtk_widget_get_height (rh_test_find_widget (GTK_WIDGET (card_view ()), GTK_TYPE_REVEALER)), ==, 0);
  g_assert_cmpint (db_int ("SELECT count(*) FROM review_log;"), ==, 0);

  press ("space");
  spin ();
  g_assert_true (rh_card_view_get_revealed (card_view ()));
  /* Focus is on Good, where the eyes go. */
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_has_css_class (focus, "grade-good") ||
                 gtk_widget_has_css_class (gtk_widget_get_parent (focus), "grade-good"));

  /* Ticking most key areas suggests Good; ticking none suggests nothing. */
  g_assert_cmpint (rh_card_view_get_suggested_grade (card_view ()), ==, 0);
  rh_card_view_tick_key_areas (card_view (), 1);
  g_assert_cmpint (rh_card_view_get_suggested_grade (card_view ()), ==, RH_RATING_AGAIN);
  rh_card_view_tick_key_areas (card_view (), 7);
  g_assert_cmpint (rh_card_view_get_suggested_grade (card_view ()), ==, RH_RATING_GOOD);

  rh_clock_advance (clock_, 42);
  press ("3");
  spin ();

  /* The grade landed in the database, in one piece. */
  g_assert_cmpint (db_int ("SELECT count(*) FROM review_log;"), ==, 1);
  g_assert_cmpint (db_int ("SELECT rating FROM review_log WHERE card_id = 'python-interview/execution-model';"), ==, 3);
  g_assert_cmpint (db_int ("SELECT duration_ms > 0 FROM review_log;"), ==, 1);
  g_assert_cmpint (db_int ("SELECT state FROM card_state WHERE card_id = 'python-interview/execution-model';"),
                   ==, RH_CARD_LEARNING);
  g_assert_cmpint (db_int ("SELECT due FROM card_state;"), ==, NOW + 42 + 600);

  /* The next card, and the counters: a learning card due today, 9 new. */
  g_assert_cmpstr (current_id (), ==, "python-interview/dynamic-typing");
  g_assert_false (rh_card_view_get_revealed (card_view ()));
  g_assert_cmpstr (counts_of (NULL), ==, "1 due · 9 new");
  g_assert_cmpstr (counts_of ("python-interview/fundamentals"), ==, "1 due · 2 new");

  /* Ctrl+Z: the grade is gone and the card is back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  spin ();
  g_assert_cmpint (db_int ("SELECT count(*) FROM review_log;"), ==, 0);
  g_assert_cmpint (db_int ("SELECT count(*) FROM card_state;"), ==, 0);
  g_assert_cmpstr (current_id (), ==, "python-interview/execution-model");
  g_assert_cmpstr (counts_of (NULL), ==, "0 due · 10 new");

  /* Redo puts it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  spin ();
  g_assert_cmpint (db_int ("SELECT count(*) FROM review_log;"), ==, 1);
  g_assert_cmpstr (counts_of (NULL), ==, "1 due · 9 new");
}

/* Starts studying from the welcome page, and grades the first card Good:
 * it is learning, due in ten minutes. */
static void
start_and_grade_first (void)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (study_view ()), "study.start", NULL));
  g_assert_cmpstr (current_id (), ==, "python-interview/execution-model");
  press ("space");
  press ("3");
  g_assert_cmpstr (current_id (), ==, "python-interview/dynamic-typing");
}

/* Two new cards a day: Easy on the last ends the session, with a summary. */
static void
test_session_end (void)
{
  g_settings_set_int (settings, "new-cards-per-day", 2);
  start_and_grade_first ();
  /* The learning card is due in 10 minutes: after that it comes first. */
  rh_clock_advance (clock_, 11 * 60);
  rh_study_session_refresh (rh_window_get_session (window));
  g_assert_cmpstr (current_id (), ==, "python-interview/execution-model");
  press ("space");
  press ("4");
  g_assert_cmpstr (current_id (), ==, "python-interview/dynamic-typing");
  press ("Return");
  press ("4");
  spin ();
  g_assert_null (current_id ());
  g_assert_cmpstr (rh_study_view_get_page (study_view ()), ==, "done");
  /* The card view let go of the focus before the page changed: it is not
   * moved into the summary's first row. */
  g_assert_null (gtk_root_get_focus (GTK_ROOT (window)));
  /* Its icon is set as it is shown (not made with the window). */
  g_assert_cmpstr (rh_study_view_get_status_icon (study_view ()), ==, "emblem-ok-symbolic");
  g_assert_cmpint (db_int ("SELECT count(*) FROM review_log;"), ==, 3);
  g_assert_cmpstr (counts_of (NULL), ==, "Nothing due");

  /* The first session's end offers reminders, once; Turn On turns them on. */
  g_assert_true (rh_study_view_get_offering_reminders (study_view ()));
  g_assert_true (g_settings_get_boolean (settings, "reminders-offered"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (study_view ()), "study.turn-on-reminders", NULL));
  g_assert_true (g_settings_get_boolean (settings, "reminders"));
  g_assert_false (rh_study_view_get_offering_reminders (study_view ()));
  /* Turned off again, the offer does not come back. */
  g_settings_set_boolean (settings, "reminders", FALSE);
  rh_study_session_refresh (rh_window_get_session (window));
  spin ();
  g_assert_cmpstr (rh_study_view_get_page (study_view ()), ==, "done");
  g_assert_false (rh_study_view_get_offering_reminders (study_view ()));
}

/* Selecting a topic scopes the study queue and the browse list. */
static void
test_sidebar_scoping (void)
{
  GListModel *model;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (study_view ()), "study.start", NULL));
  rh_topic_sidebar_select_topics (sidebar (), (const char *[]) { "python-interview/concurrency", NULL });
  /* Choosing a topic while studying puts the focus back on the card, so
   * Space shows the answer instead of toggling the row. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "study");
  g_signal_emit_by_name (sidebar (), "topic-activated");
  spin ();
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (card_view ())));
  g_assert_cmpstr (rh_card_get_topic_id (rh_card_view_get_card (card_view ())), ==, "python-interview/concurrency");
  /* The browse view is made when it is first shown, not on the way to
   * the first window; then in the sidebar's scope. */
  g_assert_null (rh_test_find_widget (GTK_WIDGET (window), RH_TYPE_BROWSE_VIEW));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "browse");
  spin ();
  model = rh_browse_view_get_model (browse_view ());
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 9);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RhBrowseItem) item = g_list_model_get_item (model, i);

      g_assert_cmpstr (rh_card_get_topic_id (rh_browse_item_get_card (item)), ==, "python-interview/concurrency");
    }
  rh_topic_sidebar_select_topics (sidebar (), NULL);
  spin ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 95);
}

/* Ctrl+F: the sidebar counts matches, the browse view shows them. */
static void
test_search (void)
{
  AdwViewStack *stack = FIND (ADW_VIEW_STACK, ADW_TYPE_VIEW_STACK);
  GListModel *model;
  guint matches;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  g_assert_true (rh_topic_sidebar_get_search_mode (sidebar ()));
  rh_topic_sidebar_set_search_text (sidebar (), "Global Interpreter");
  spin ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "browse");
  /* Made as the search brought it up, with the search already in it. */
  model = rh_browse_view_get_model (browse_view ());
  matches = g_list_model_get_n_items (model);
  g_assert_cmpuint (matches, >, 0);
  g_assert_cmpuint (matches, <, 95);
  for (guint i = 0; i < matches; i++)
    {
      g_autoptr(RhBrowseItem) item = g_list_model_get_item (model, i);

      g_assert_nonnull (strstr (rh_card_get_search_text (rh_browse_item_get_card (item)), "global interpreter"));
    }
  /* The GIL card is one of them, and its topic shows a count. */
  g_assert_cmpstr (counts_of ("python-interview/concurrency"), !=, "0 matches");
  g_assert_true (g_str_has_suffix (counts_of ("python-interview/concurrency"), "match") ||
                 g_str_has_suffix (counts_of ("python-interview/concurrency"), "matches"));

  /* Nothing matches: a status page, not an empty table. */
  rh_topic_sidebar_set_search_text (sidebar (), "zzzz no such words zzzz");
  spin ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  spin ();
  g_assert_false (rh_topic_sidebar_get_search_mode (sidebar ()));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 95);
}

static void
test_browse_sort (void)
{
  GListModel *model;
  g_autoptr(RhBrowseItem) first = NULL;
  const char *previous = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "browse");
  spin ();
  model = rh_browse_view_get_model (browse_view ());
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 95);
  rh_browse_view_sort_by (browse_view (), "title", GTK_SORT_ASCENDING);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RhBrowseItem) item = g_list_model_get_item (model, i);
      const char *title = rh_card_get_title (rh_browse_item_get_card (item));

      if (previous != NULL)
        g_assert_cmpint (g_utf8_collate (previous, title), <=, 0);
      previous = title;
    }

  /* Most reviewed first: the card graded twice. */
  start_and_grade_first ();
  rh_clock_advance (clock_, 11 * 60);
  rh_study_session_refresh (rh_window_get_session (window));
  press ("space");
  press ("3");
  rh_browse_view_sort_by (browse_view (), "reviews", GTK_SORT_DESCENDING);
  first = g_list_model_get_item (model, 0);
  g_assert_cmpstr (rh_card_get_id (rh_browse_item_get_card (first)), ==, "python-interview/execution-model");
  g_assert_cmpint (rh_browse_item_get_state (first)->reps, ==, 2);
}

/* Settings apply at once: the scheduler and the previews follow them. */
static void
test_preferences_apply (void)
{
  RhStudySession *session = rh_window_get_session (window);
  RhCardState after[4];

  g_settings_set_double (settings, "desired-retention", 0.8);
  g_settings_set_string (settings, "learning-steps", "2m 15m");
  spin ();
  g_assert_cmpfloat_with_epsilon (rh_scheduler_get_config (rh_collection_get_scheduler (rh_window_get_collection (window)))->desired_retention,
                                  0.8, 1e-9);
  g_assert_nonnull (rh_study_session_get_current (session));
  rh_study_session_preview (session, after);
  g_assert_cmpint (after[RH_RATING_AGAIN - 1].due - rh_clock_now (clock_), ==, 120);
  g_assert_cmpint (after[RH_RATING_GOOD - 1].due - rh_clock_now (clock_), ==, 15 * 60);

  g_settings_reset (settings, "desired-retention");
  g_settings_reset (settings, "learning-steps");
  spin ();
  rh_study_session_preview (session, after);
  g_assert_cmpint (after[RH_RATING_AGAIN - 1].due - rh_clock_now (clock_), ==, 60);
}

static gboolean
folded (gpointer data)
{
  return adw_leaflet_get_folded (ADW_LEAFLET (data));
}

/* A narrow window: the card and its grades still fit. */
static void
test_narrow (void)
{
  AdwLeaflet *leaflet = FIND (ADW_LEAFLET, ADW_TYPE_LEAFLET);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "study");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (study_view ()), "study.start", NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 420, 700);
  g_assert_true (rh_test_wait_until (folded, leaflet, 5000));
  rh_test_spin (200);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (card_view ())));
  press ("space");
  rh_test_spin (200);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (card_view ())), <=, 420);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (card_view ())), >, 360);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
}

static char *
expected_counts_text (const RhCounts *counts)
{
  guint due = counts->n_learning + counts->n_review;

  if (due == 0 && counts->n_new == 0)
    return g_strdup ("Nothing due");
  return g_strdup_printf ("%u due · %u new", due, counts->n_new);
}

/* Forty days of study of the first sixty cards, graded at random through
 * the collection as the window would, a few suspended: every state there is. */
static void
generate_history (RhCollection *collection)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261129);
  RhDeck *deck = rh_collection_get_deck (collection);
  guint n_cards;
  RhCard * const *cards = rh_deck_peek_cards (deck, &n_cards);

  for (int day = 0; day < 40; day++)
    {
      rh_clock_set_now (clock_, NOW - (40 - day) * 86400 - 3600 * (gint64)g_rand_int_range (rand, 0, 5));
      for (guint i = 0; i < 60; i++)
        {
          RhDueClass due = rh_collection_classify (collection, rh_card_get_id (cards[i]));
          gboolean take = due == RH_DUE_LEARNING || due == RH_DUE_REVIEW || (due == RH_DUE_NEW && i / 2 == (guint)day);

          if (take && rh_collection_lookup_state (collection, rh_card_get_id (cards[i])) != NULL &&
              rh_collection_lookup_state (collection, rh_card_get_id (cards[i]))->state.due > rh_clock_now (clock_))
            take = FALSE;
          if (take)
            g_assert_true (rh_collection_grade (collection, cards[i], (RhRating)g_rand_int_range (rand, 1, 5),
                                                5000, FALSE, NULL, NULL));
        }
    }
  for (guint i = 0; i < 95; i += 13)
    g_assert_true (rh_collection_set_suspended (collection, rh_card_get_id (cards[i]), TRUE, NULL));
  /* Today: what came due since yesterday's study is due. */
  rh_clock_set_now (clock_, NOW);
}

/* On a generated history, the browse rows, the sidebar's counts and the
 * statistics agree with the collection's one classifier, card by card. */
static void
test_views_agree (void)
{
  RhCollection *collection = rh_window_get_collection (window);
  RhDeck *deck = rh_collection_get_deck (collection);
  GListModel *model;
  g_autofree RhCounts *per_topic = g_new0 (RhCounts, 15);
  g_autoptr(RhStats) stats = rh_stats_new (collection);
  guint by_class[RH_DUE_SUSPENDED + 1] = { 0 };
  guint n_state[RH_STATS_N_STATES] = { 0 };
  RhStatsReport report;
  RhCounts all;
  gint64 day_end;

  {
    gint64 t0 = g_get_monotonic_time ();
    generate_history (collection);
    g_test_message ("history: %.2f s", (g_get_monotonic_time () - t0) / 1e6);
  }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "browse");
  spin ();
  model = rh_browse_view_get_model (browse_view ());
  day_end = rh_collection_day_end (collection);

  /* Browse: every card, with the state the collection has. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 95);
  for (guint i = 0; i < 95; i++)
    {
      g_autoptr(RhBrowseItem) item = g_list_model_get_item (model, i);
      const char *id = rh_card_get_id (rh_browse_item_get_card (item));
      const RhStoredCard *stored = rh_collection_lookup_state (collection, id);
      RhStoredCard shown = { *rh_browse_item_get_state (item), rh_browse_item_get_suspended (item) };
      RhDueClass due = rh_collection_classify (collection, id);

      g_assert_cmpint (rh_card_classify (stored == NULL && !shown.suspended ? NULL : &shown, day_end), ==, due);
      if (stored != NULL)
        {
          g_assert_cmpint (shown.state.state, ==, stored->state.state);
          g_assert_cmpint (shown.state.due, ==, stored->state.due);
          g_assert_cmpint (shown.suspended, ==, stored->suspended);
        }
      by_class[due]++;
      if (due == RH_DUE_SUSPENDED)
        n_state[RH_STATS_STATE_SUSPENDED]++;
      else if (stored == NULL || stored->state.state == RH_CARD_NEW)
        n_state[RH_STATS_STATE_NEW]++;
      else
        n_state[stored->state.state == RH_CARD_LEARNING ? RH_STATS_STATE_LEARNING
                : stored->state.state == RH_CARD_RELEARNING ? RH_STATS_STATE_RELEARNING
                : RH_STATS_STATE_REVIEW]++;
    }
  /* The history has every kind of card in it. */
  g_test_message ("new %u, learning %u, review %u, later %u, suspended %u", by_class[0], by_class[1],
                  by_class[2], by_class[3], by_class[4]);
  for (guint c = 0; c <= RH_DUE_SUSPENDED; c++)
    g_assert_cmpuint (by_class[c], >, 0);

  /* Sidebar: each topic's row shows the collection's counts. */
  rh_collection_count_topics (collection, deck, per_topic, NULL, &all);
  g_assert_cmpuint (all.n_learning, ==, by_class[RH_DUE_LEARNING]);
  g_assert_cmpuint (all.n_suspended, ==, by_class[RH_DUE_SUSPENDED]);
  g_assert_cmpuint (all.n_unseen, ==, by_class[RH_DUE_NEW]);
  g_assert_cmpuint (all.n_review, ==, MIN (by_class[RH_DUE_REVIEW], 200));
  {
    g_autofree char *text = expected_counts_text (&all);

    g_assert_cmpstr (counts_of (NULL), ==, text);
  }
  for (guint t = 0; t < 15; t++)
    {
      g_autoptr(RhTopic) topic = g_list_model_get_item (rh_deck_get_topics (deck), t);
      g_autofree char *text = expected_counts_text (&per_topic[t]);

      g_assert_cmpstr (counts_of (rh_topic_get_id (topic)), ==, text);
    }

  /* Statistics: the same states and the same due count as the sidebar. */
  g_assert_true (rh_stats_sync (stats, NULL));
  rh_stats_compute (stats, NULL, &report);
  g_assert_cmpuint (report.due_today, ==, all.n_learning + all.n_review);
  for (guint st = 0; st < RH_STATS_N_STATES; st++)
    g_assert_cmpuint (report.states[st], ==, n_state[st]);
  g_assert_cmpuint (report.n_cards, ==, 95);
  rh_stats_report_clear (&report);
}

/* Titles with "&" reach toasts as text, not as broken markup. */
static void
test_undo_toast_markup (void)
{
  RhCollection *collection = rh_window_get_collection (window);
  RhCard *card = NULL;
  GListModel *cards = rh_deck_get_cards (rh_collection_get_deck (collection));

  for (guint i = 0; i < g_list_model_get_n_items (cards) && card == NULL; i++)
    {
      g_autoptr(RhCard) c = g_list_model_get_item (cards, i);

      if (strchr (rh_card_get_title (c), '&') != NULL)
        card = c;
    }
  g_assert_nonnull (card);
  g_settings_set_boolean (settings, "show-welcome", FALSE);
  rh_study_session_study_now (rh_window_get_session (window), card);
  press ("space");
  press ("3");
  /* Under G_DEBUG=fatal-warnings a markup error in the toast would abort. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  spin ();
  g_assert_cmpint (db_int ("SELECT count(*) FROM review_log;"), ==, 0);
}

static void
collect_labels (GtkWidget *widget,
                GString   *texts)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (texts, "%s\n", gtk_label_get_label (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

static gboolean
browse_shows (const char *text)
{
  g_autoptr(GString) texts = g_string_new ("\n");

  collect_labels (GTK_WIDGET (browse_view ()), texts);
  return strstr (texts->str, text) != NULL;
}

/* The browse view follows the clock: "in 1 minute" is not still said three
 * hours later, on screen or when shown again. */
static void
test_browse_follows_time (void)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (study_view ()), "study.start", NULL));
  press ("space");
  press ("1");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "browse");
  rh_browse_view_sort_by (browse_view (), "due", GTK_SORT_ASCENDING);
  spin ();
  g_assert_true (browse_shows ("\nin 1 minute\n"));

  rh_clock_advance (clock_, 3 * 3600);
  spin ();
  g_assert_false (browse_shows ("\nin 1 minute\n"));
  g_assert_true (browse_shows ("\ntoday at 12:01\n"));

  /* Hidden, it catches up when shown again. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "study");
  spin ();
  rh_clock_advance (clock_, 60);
  rh_study_session_refresh (rh_window_get_session (window));
  press ("space");
  press ("1");
  rh_clock_advance (clock_, 3 * 3600);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "browse");
  spin ();
  g_assert_false (browse_shows ("\nin 1 minute\n"));
}

/* Another program holds the file (a backup tool, the sqlite3 shell): the
 * grade is not saved, the card stays with its answer, and Retry saves it
 * once the file is free. */
static void
test_locked_by_another_program (void)
{
  const char *path = rh_collection_get_store_path (rh_window_get_collection (window));
  sqlite3 *other = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (study_view ()), "study.start", NULL));
  g_assert_cmpint (sqlite3_open_v2 (path, &other, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN EXCLUSIVE;", NULL, NULL, NULL), ==, SQLITE_OK);

  press ("space");
  press ("3");
  spin ();
  g_assert_cmpstr (current_id (), ==, "python-interview/execution-model");
  g_assert_true (rh_card_view_get_revealed (card_view ()));

  g_assert_cmpint (sqlite3_exec (other, "COMMIT;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  g_assert_cmpint (db_int ("SELECT count(*) FROM review_log;"), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.retry-grade", NULL));
  spin ();
  g_assert_cmpint (db_int ("SELECT count(*) FROM review_log;"), ==, 1);
  g_assert_cmpint (db_int ("SELECT rating FROM review_log;"), ==, 3);
  g_assert_cmpstr (current_id (), ==, "python-interview/dynamic-typing");
}

/* A learner who studied before (on this computer or with new settings)
 * and has nothing due is not greeted as a first-timer: the study view
 * says where they stand. */
static void
test_returning_learner (void)
{
  RhCollection *collection = rh_window_get_collection (window);

  g_settings_set_int (settings, "new-cards-per-day", 1);
  g_assert_true (rh_collection_grade (collection, rh_collection_lookup_card (collection,
                                      "python-interview/execution-model"), RH_RATING_EASY, 1000, FALSE, NULL, NULL));
  spin ();
  g_assert_true (g_settings_get_boolean (settings, "show-welcome"));
  g_assert_cmpstr (rh_study_view_get_page (study_view ()), ==, "done");
  g_assert_cmpstr (rh_study_view_get_status_title (study_view ()), ==, "Nothing Due Right Now");
}

/* The card's remaining counts are coloured for the style: the light shades
 * are unreadable on dark. */
static void
test_counts_follow_style (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (study_view ()), "study.start", NULL));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  spin ();
  g_assert_nonnull (strstr (rh_card_view_get_counts_markup (card_view ()), "#78aeed"));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  spin ();
  g_assert_nonnull (strstr (rh_card_view_get_counts_markup (card_view ()), "#1c71d8"));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

/* How many labels on screen show @text. */
static guint
count_shown (GtkWidget  *root,
             const char *text)
{
  guint n = GTK_IS_LABEL (root) && gtk_widget_is_drawable (root)
            && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_shown (child, text);
  return n;
}

static gboolean
answer_shown (gpointer view)
{
  return count_shown (view, "Model Answer") == 1;
}

/* A plain question and answer (deck format 2, no title, no key areas):
 * the question once, as the headline, and no empty "Key Areas". */
static void
test_plain_card (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(RhClock) clock = rh_clock_new_fake (NOW, utc);
  g_autoptr(RhCollection) collection = rh_test_collection_new ("study-ui-plain", "plain-card-deck.xml", clock, 4);
  g_autoptr(RhStudySession) session = rh_study_session_new (collection);
  GtkWidget *plain_window = gtk_window_new ();
  GtkWidget *view = rh_card_view_new ();

  gtk_window_set_child (GTK_WINDOW (plain_window), view);
  rh_card_view_set_session (RH_CARD_VIEW (view), session);
  gtk_window_present (GTK_WINDOW (plain_window));
  g_assert_true (rh_test_wait_until ((gboolean (*) (gpointer))gtk_widget_is_drawable, view, 5000));
  rh_test_spin (50);
  g_assert_cmpstr (rh_card_get_id (rh_card_view_get_card (RH_CARD_VIEW (view))), ==, "plain/one");
  g_assert_cmpuint (count_shown (view, "What is a plain card?"), ==, 1);
  g_assert_true (gtk_widget_activate_action (view, "card.show-answer", NULL));
  g_assert_true (rh_card_view_get_revealed (RH_CARD_VIEW (view)));
  /* The answer slides in. */
  g_assert_true (rh_test_wait_until (answer_shown, view, 5000));
  g_assert_cmpuint (count_shown (view, "Key Areas"), ==, 0);
  g_assert_cmpuint (count_shown (view, "What is a plain card?"), ==, 1);
  gtk_window_destroy (GTK_WINDOW (plain_window));
  rh_test_spin (50);
}

/* A team deck file, as a lead would write it. */
static char *
write_team_deck (const char *dir)
{
  static const char xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<deck xmlns=\"https://rehearse.github.io/ns/deck/1\" id=\"team\" version=\"1\" xml:lang=\"en\">\n"
    "  <title>Platform Onboarding</title><description>For new engineers.</description>\n"
    "  <topic id=\"services\"><title>Services</title><summary>Running them.</summary></topic>\n"
    "  <card id=\"team/deploy\" topic=\"services\"><title>Deploying</title><question>How do we deploy?</question>"
    "<key-areas><area>pipeline</area><area>canary</area><area>rollback</area></key-areas>"
    "<answer><p>Merge to main; the pipeline deploys behind a canary.</p></answer></card>\n"
    "  <card id=\"team/oncall\" topic=\"services\"><title>On call</title><question>Who is on call?</question>"
    "<key-areas><area>rota</area><area>pager</area><area>hand-over</area></key-areas>"
    "<answer><p>The rota in the team calendar.</p></answer></card>\n"
    "</deck>\n";
  char *path = g_build_filename (dir, "platform-onboarding.xml", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, xml, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
remove_deck_confirmed (const char *deck_id)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-deck", "s", deck_id));
  dialog = rh_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "remove");
  spin ();
}

/* Add a deck, study one of its cards, remove it, add it back: the
 * progress is there. */
static void
test_deck_add_remove_add (void)
{
  RhCollection *collection = rh_window_get_collection (window);
  RhDeckLibrary *library = rh_collection_get_library (collection);
  g_autofree char *dir = rh_test_make_dir ("study-ui-decks");
  g_autofree char *folder = g_build_filename (dir, "decks", NULL);
  g_autofree char *source = write_team_deck (dir);
  g_autofree char *added = g_build_filename (folder, "team.xml", NULL);

  rh_deck_library_add_folder (library, folder, RH_DECK_SOURCE_USER);
  g_assert_cmpstr (rh_study_view_get_status_title (study_view ()), ==, "Rehearse for Your Python Interview");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-deck-file", "(ss)", source, ""));
  /* The welcome is no longer the built-in deck's alone. */
  g_assert_cmpstr (rh_study_view_get_status_title (study_view ()), ==, "Welcome to Rehearse");
  /* Copied into the learner's folder, listed, counted. */
  g_assert_true (g_file_test (added, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (rh_topic_sidebar_get_row (sidebar (), "team"));
  g_assert_cmpstr (counts_of ("team"), ==, "0 due · 2 new");

  rh_topic_sidebar_select_deck (sidebar (), "team");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (study_view ()), "study.start", NULL));
  g_assert_cmpstr (current_id (), ==, "team/deploy");
  press ("space");
  press ("3");
  g_assert_cmpint (db_int ("SELECT count(*) FROM review_log WHERE card_id = 'team/deploy'"), ==, 1);
  g_assert_cmpstr (current_id (), ==, "team/oncall");

  /* Its file saved again while the answer is read: the answer stays. */
  press ("space");
  g_assert_true (rh_card_view_get_revealed (card_view ()));
  {
    g_autofree char *xml = NULL;
    g_autofree char *more = NULL;
    g_autoptr(GError) error = NULL;

    g_file_get_contents (added, &xml, NULL, &error);
    g_assert_no_error (error);
    more = g_strconcat (xml, "<!-- saved again -->\n", NULL);
    g_file_set_contents (added, more, -1, &error);
    g_assert_no_error (error);
    rh_deck_library_reload_file (library, added);
    g_assert_cmpstr (current_id (), ==, "team/oncall");
    g_assert_true (rh_card_view_get_revealed (card_view ()));
    /* As added, for adding it back below. */
    g_file_set_contents (added, xml, -1, &error);
    g_assert_no_error (error);
    rh_deck_library_reload_file (library, added);
  }

  remove_deck_confirmed ("team");
  g_assert_null (rh_topic_sidebar_get_row (sidebar (), "team"));
  g_assert_null (rh_collection_lookup_card (collection, "team/deploy"));
  g_assert_cmpstr (current_id (), !=, "team/deploy");
  /* Nothing the learner owns went: the file and the review. */
  g_assert_true (g_file_test (added, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (db_int ("SELECT count(*) FROM review_log WHERE card_id = 'team/deploy'"), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-deck-file", "(ss)", source, ""));
  g_assert_nonnull (rh_topic_sidebar_get_row (sidebar (), "team"));
  g_assert_cmpint (rh_collection_classify (collection, "team/deploy"), ==, RH_DUE_LEARNING);
  g_assert_cmpstr (counts_of ("team"), ==, "1 due · 1 new");
}

/* Each case on a window, collection and clock of its own. */
static void
run_case (gconstpointer data)
{
  void (*test) (void) = (void (*) (void))data;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  static guint n;
  g_autofree char *name = g_strdup_printf ("study-ui-%u", n++);

  clock_ = rh_clock_new_fake (NOW, utc);
  window = rh_test_window_open (app, clock_, name);
  settings = rh_test_window_settings (window);
  test ();
  gtk_window_destroy (GTK_WINDOW (window));
  rh_test_spin (50);
  window = NULL;
  settings = NULL;
  g_clear_object (&clock_);
}

int
main (int   argc,
      char *argv[])
{
  const struct {
    const char *path;
    void (*func) (void);
  } cases[] = {
    { "/study-ui/review-flow", test_review_flow },
    { "/study-ui/session-end", test_session_end },
    { "/study-ui/sidebar-scoping", test_sidebar_scoping },
    { "/study-ui/search", test_search },
    { "/study-ui/browse-sort", test_browse_sort },
    { "/study-ui/preferences-apply", test_preferences_apply },
    { "/study-ui/narrow", test_narrow },
    { "/study-ui/views-agree", test_views_agree },
    { "/study-ui/undo-toast-markup", test_undo_toast_markup },
    { "/study-ui/browse-follows-time", test_browse_follows_time },
    { "/study-ui/locked-by-another-program", test_locked_by_another_program },
    { "/study-ui/returning-learner", test_returning_learner },
    { "/study-ui/counts-follow-style", test_counts_follow_style },
    { "/study-ui/deck-add-remove-add", test_deck_add_remove_add },
  };
  int status;

  rh_test_init_env ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = rh_test_app_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add_data_func (cases[i].path, (gconstpointer)cases[i].func, run_case);
  g_test_add_func ("/study-ui/plain-card", test_plain_card);
  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
