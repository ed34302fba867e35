/* test-stats-ui.c: the statistics pane draws every chart, light and dark
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A history of 60 days is written into the store before the app starts.
 * Each chart is rendered twice, as the widget draws it (GtkSnapshot through
 * the window's renderer) and as Save writes it (PNG and SVG), in the light
 * and the dark style; an image is "blank" when nearly all its pixels are
 * the background.  Set RH_TEST_SHOTS to a folder to keep the PNGs.
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "rh-application.h"
#include "rh-scheduler.h"
#include "rh-store.h"
#include "rh-chart-card-private.h"
#include "rh-stats-view-private.h"
#include "rh-test-gtk.h"
#include "rh-test-utils.h"
#include "rh-topic-row-private.h"
#include "rh-topic-sidebar-private.h"
#include "rh-window.h"

#define NOW 1772452800   /* 2026-03-02 12:00 UTC */
#define DAY 86400

static RhApplication *app;
static RhWindow *window;
static guint n_written;

/* Five mock interviews over the last weeks, each of two questions (one of
 * functions, one of concurrency), covering more each time. */
static void
write_interviews (RhStore *store)
{
  for (guint n = 0; n < 5; n++)
    {
      g_autoptr(GError) error = NULL;
      RhInterviewRecord record;

      rh_interview_record_init (&record);
      record.started_at = NOW - (gint64)(5 - n) * 7 * DAY;
      record.seconds_per_question = 240;
      for (guint q = 0; q < 2; q++)
        {
          RhInterviewAnswer *answer = rh_interview_record_add_answer (&record);

          answer->card_id = g_strdup (q == 0 ? "python-interview/decorators" : "python-interview/gil");
          answer->topic_id = g_strdup (q == 0 ? "python-interview/functions" : "python-interview/concurrency");
          answer->title = g_strdup ("A question");
          answer->question = g_strdup ("Why?");
          answer->rating = RH_RATING_GOOD;
          for (guint a = 0; a < 5; a++)
            rh_interview_answer_add_area (answer, "An area", a < n + q);
        }
      g_assert_true (rh_store_add_interview (store, &record, &error));
      g_assert_no_error (error);
      rh_interview_record_clear (&record);
    }
}

/* Sixty evenings of study for the first 40 cards, graded with the real
 * scheduler, written as the app would have written them. */
static void
write_history (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStore) store = rh_store_open (path, &error);
  g_autoptr(RhScheduler) scheduler = NULL;
  g_autoptr(GArray) reviews = g_array_new (FALSE, TRUE, sizeof (RhReview));
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  RhSchedulerConfig config;
  RhCardState states[40];
  const char *ids[] = {
    "execution-model", "dynamic-typing", "mutable-immutable", "scopes-legb", "namespaces",
    "first-class-functions", "decorators", "generators", "iterator-protocol", "comprehensions",
    "lambda", "argument-passing", "mro", "object-model", "dunder-methods", "method-kinds",
    "composition-vs-inheritance", "abc-vs-duck-typing", "descriptors", "metaclasses",
    "dataclasses", "sets", "dicts", "polymorphism", "tuples", "lists", "garbage-collection",
    "reference-counting", "memory-profiling", "memory-leaks", "multiprocessing", "slots",
    "threading", "gil", "coroutines", "asyncio-internals", "synchronization", "cpu-bound",
    "exception-handling", "mixing-concurrency-models",
  };

  g_assert_no_error (error);
  g_array_set_clear_func (reviews, (GDestroyNotify)rh_review_clear);
  rh_scheduler_config_init_default (&config);
  config.rollover_hour = 0;
  scheduler = rh_scheduler_new (&config);
  for (guint c = 0; c < G_N_ELEMENTS (ids); c++)
    rh_card_state_init_new (&states[c], 0);

  for (int day = 60; day >= 0; day--)
    for (guint c = 0; c < G_N_ELEMENTS (ids); c++)
      {
        gint64 t = NOW - (gint64)day * DAY - 3 * 3600 + c * 60;
        RhReview review = { 0 };

        if (states[c].reps == 0 ? c / 4 != (guint)(60 - day) : states[c].due > t)
          continue;
        review.card_id = g_strdup_printf ("python-interview/%s", ids[c]);
        review.reviewed_at = t;
        review.rating = g_rand_int_range (rand, 0, 10) == 0 ? RH_RATING_AGAIN : RH_RATING_GOOD;
        review.duration_ms = 30000;
        review.before = states[c];
        if (review.before.reps == 0)
          review.before.due = t;
        review.kind = rh_review_kind_for (&review.before);
        rh_scheduler_next (scheduler, &review.before, t, review.rating, 0, &review.after);
        states[c] = review.after;
        g_array_append_val (reviews, review);
      }
  g_assert_cmpuint (reviews->len, >, 100);
  g_assert_true (rh_store_import (store, (const RhReview *)reviews->data, reviews->len, &error));
  g_assert_no_error (error);
  write_interviews (store);
}

/* Not blank: at least 1% of the pixels differ clearly from the corner. */
static void
assert_not_blank (GdkTexture *texture,
                  const char *what)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *pixels = g_malloc ((gsize)width * height * 4);
  guint differing = 0;

  gdk_texture_download (texture, pixels, (gsize)width * 4);
  for (gsize i = 0; i < (gsize)width * height; i++)
    {
      int diff = 0;

      for (int k = 0; k < 3; k++)
        diff += ABS ((int)pixels[i * 4 + k] - (int)pixels[k]);
      differing += diff > 60;
    }
  if (differing < (guint)(width * height / 100))
    g_error ("%s is blank: %u of %d pixels differ from the background", what, differing, width * height);
}

static void
keep_png (GdkTexture *texture,
          const char *name)
{
  const char *dir = g_getenv ("RH_TEST_SHOTS");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

/* The chart as the widget draws it on screen. */
static GdkTexture *
render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  /* A background, as the card gives it. */
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0.5, 0.5, 0.5, 1 }, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static void
check_charts (RhStatsView *view,
              const char  *style)
{
  g_autofree char *dir = rh_test_make_dir ("charts");

  for (guint i = 0; i < rh_stats_view_get_n_charts (view); i++)
    {
      RhChartCard *card = rh_stats_view_get_chart (view, i);
      RhChart *chart = rh_chart_card_get_chart (card);
      g_autofree char *png = g_strdup_printf ("%s/%s-%s.png", dir, rh_chart_card_get_name (card), style);
      g_autofree char *svg = g_strdup_printf ("%s/%s-%s.svg", dir, rh_chart_card_get_name (card), style);
      g_autofree char *shown_name = g_strdup_printf ("%s-%s-widget.png", rh_chart_card_get_name (card), style);
      g_autofree char *saved_name = g_strdup_printf ("%s-%s-saved.png", rh_chart_card_get_name (card), style);
      g_autofree char *svg_text = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GdkTexture) shown = NULL;
      g_autoptr(GdkTexture) saved = NULL;

      g_assert_cmpuint (rh_chart_get_n_points (chart), >, 0);
      /* Every chart has its words for screen readers. */
      g_assert_nonnull (rh_chart_card_get_summary (card));
      g_assert_cmpuint (strlen (rh_chart_card_get_summary (card)), >, 20);

      shown = render_widget (GTK_WIDGET (chart));
      assert_not_blank (shown, shown_name);
      keep_png (shown, shown_name);

      g_assert_true (rh_chart_save (chart, png, RH_CHART_PNG, 900, 360, g_str_equal (style, "dark"), &error));
      g_assert_no_error (error);
      saved = gdk_texture_new_from_filename (png, &error);
      g_assert_no_error (error);
      g_assert_cmpint (gdk_texture_get_width (saved), ==, 900);
      assert_not_blank (saved, saved_name);
      keep_png (saved, saved_name);

      g_assert_true (rh_chart_save (chart, svg, RH_CHART_SVG, 900, 360, FALSE, &error));
      g_assert_true (g_file_get_contents (svg, &svg_text, NULL, NULL));
      g_assert_nonnull (strstr (svg_text, "<svg"));
      n_written += 3;
    }
}

static void
test_charts_light_and_dark (void)
{
  RhStatsView *view = RH_STATS_VIEW (rh_test_find_widget (GTK_WIDGET (window), RH_TYPE_STATS_VIEW));
  AdwStyleManager *style = adw_style_manager_get_default ();

  g_assert_cmpstr (rh_stats_view_get_page (view), ==, "stats");

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  rh_test_spin (200);
  check_charts (view, "light");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  rh_test_spin (200);
  g_assert_true (adw_style_manager_get_dark (style));
  check_charts (view, "dark");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  g_test_message ("%u chart images written and checked", n_written);
}

/* A topic nobody studied yet: an explanation, not empty axes. */
static void
test_empty_scope (void)
{
  RhStatsView *view = RH_STATS_VIEW (rh_test_find_widget (GTK_WIDGET (window), RH_TYPE_STATS_VIEW));
  RhTopicSidebar *sidebar = RH_TOPIC_SIDEBAR (rh_test_find_widget (GTK_WIDGET (window), RH_TYPE_TOPIC_SIDEBAR));

  rh_topic_sidebar_select_topics (sidebar, (const char *[]) { "python-interview/system-design", NULL });
  rh_test_spin (100);
  g_assert_cmpstr (rh_stats_view_get_page (view), ==, "empty");
  rh_topic_sidebar_select_topics (sidebar, NULL);
  rh_test_spin (100);
  g_assert_cmpstr (rh_stats_view_get_page (view), ==, "stats");
}

/* Each case on a window of its own, over a store with the history, at
 * NOW with the day starting at midnight, tall enough for every chart, on
 * the statistics view. */
static void
run_case (gconstpointer data)
{
  void (*test) (void) = (void (*) (void))data;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(RhClock) clock = rh_clock_new_fake (NOW, utc);
  static guint n;
  g_autofree char *name = g_strdup_printf ("stats-ui-%u", n++);
  g_autofree char *dir = rh_test_make_dir (name);
  g_autofree char *db = g_build_filename (dir, "rehearse.db", NULL);

  write_history (db);
  window = rh_test_window_open_store (app, clock, db);
  g_settings_set_int (rh_test_window_settings (window), "rollover-hour", 0);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 1400);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "statistics"));
  rh_test_spin (300);
  test ();
  gtk_window_destroy (GTK_WINDOW (window));
  rh_test_spin (50);
  window = NULL;
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
  g_test_add_data_func ("/stats-ui/charts-light-and-dark", (gconstpointer)test_charts_light_and_dark, run_case);
  g_test_add_data_func ("/stats-ui/empty-scope", (gconstpointer)test_empty_scope, run_case);
  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
