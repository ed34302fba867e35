/* bench-stats.c: every statistics figure, and drawing every chart, at scale
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-stats DIR      (DIR from gen-history: deck.xml, rehearse.db)
 *
 * Targets on 100,000 cards and 1,000,000 reviews: every figure for "All
 * topics" in under 150 ms, and a redraw of the charts in under 16 ms.  The
 * first read of the log into memory happens once per run of the app and
 * is reported apart.  Drawing needs a display (./run bench starts Xvfb).
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "bench-utils.h"
#include "rehearse-ui-resources.h"
#include "rh-deck-parser.h"
#include "rh-stats-view-private.h"

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDeck) deck = NULL;
  g_autoptr(RhCollection) collection = NULL;
  g_autoptr(RhStats) stats = NULL;
  g_autoptr(GArray) t_load = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_all = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_topic = g_array_new (FALSE, FALSE, sizeof (double));
  RhStatsReport report;

  if (argc != 2)
    {
      g_printerr ("usage: bench-stats DIR   (made by gen-history)\n");
      return 2;
    }
  deck = bench_load_collection_deck (argv[1]);
  db_path = g_build_filename (argv[1], "rehearse.db", NULL);
  collection = bench_collection_new (deck, db_path);

  for (int i = 0; i < 3; i++)
    {
      double t0 = bench_now (), dt;

      g_clear_object (&stats);
      stats = rh_stats_new (collection);
      if (!rh_stats_sync (stats, &error))
        g_error ("%s", error->message);
      dt = bench_now () - t0;
      g_array_append_val (t_load, dt);
    }
  g_print ("%-40s median %8.1f ms  (3 runs; once per start of the app, not a target)\n",
           "read the review log into memory", bench_median (t_load) * 1e3);

  BENCH_RUN (t_all, 11, {
    rh_stats_sync (stats, NULL);
    rh_stats_compute (stats, NULL, &report);
    rh_stats_report_clear (&report);
  });
  rh_stats_compute (stats, NULL, &report);
  g_print ("%-40s median %8.1f ms  (11 runs, target < 150 ms: %s)\n", "every figure, All topics",
           bench_median (t_all) * 1e3, bench_median (t_all) < 0.150 ? "met" : "MISSED");
  g_print ("  (%u cards, %u reviews, readiness %.1f%%, retention 30 days %u/%u)\n",
           report.n_cards, report.n_reviews, report.readiness * 100,
           report.retention_month.passed, report.retention_month.total);
  rh_stats_report_clear (&report);

  BENCH_RUN (t_topic, 11, {
    rh_stats_compute (stats, (const char *[]) { "t3", NULL }, &report);
    rh_stats_report_clear (&report);
  });
  g_print ("%-40s median %8.1f ms  (11 runs)\n", "every figure, one topic", bench_median (t_topic) * 1e3);

  if (!gtk_init_check ())
    {
      g_print ("no display: the redraw is not measured (./run bench starts Xvfb)\n");
      return 0;
    }
  adw_init ();
  /* The app registers the widgets' templates; here nothing else would. */
  (void)rh_ui_resources_get_resource ();
  {
    RhStatsView *view = g_object_ref_sink (g_object_new (RH_TYPE_STATS_VIEW, NULL));
    g_autoptr(GArray) t_draw = g_array_new (FALSE, FALSE, sizeof (double));
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 560, 260);

    rh_stats_view_set_collection (view, collection);
    rh_stats_view_refresh (view);
    BENCH_RUN (t_draw, 21, {
      for (guint i = 0; i < rh_stats_view_get_n_charts (view); i++)
        {
          cairo_t *cr = cairo_create (surface);

          rh_chart_draw (rh_chart_card_get_chart (rh_stats_view_get_chart (view, i)), cr, 560, 260, FALSE);
          cairo_destroy (cr);
        }
    });
    g_print ("redraw all %u charts (560x260 each)      median %8.2f ms  (21 runs, target < 16 ms: %s)\n",
             rh_stats_view_get_n_charts (view), bench_median (t_draw) * 1e3,
             bench_median (t_draw) < 0.016 ? "met" : "MISSED");
    cairo_surface_destroy (surface);
    g_object_unref (view);
  }
  return 0;
}
