/* bench-utils.h: timing and medians for the benchmarks
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Benchmarks print figures; they assert nothing about speed, and are not
 * part of the test run.  Each figure is the median of several runs, and
 * where a baseline makes sense it is measured in the same run.
 */
#pragma once

#include <glib.h>

#include "rh-collection-private.h"
#include "rh-deck-parser.h"

static inline double
bench_now (void)
{
  return g_get_monotonic_time () / (double)G_USEC_PER_SEC;
}

static inline int
bench_compare_doubles (gconstpointer a,
                       gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* The median of @samples (sorted in place). */
static inline double
bench_median (GArray *samples)
{
  guint n = samples->len;

  g_assert (n > 0);
  g_array_sort (samples, bench_compare_doubles);
  if (n % 2 == 1)
    return g_array_index (samples, double, n / 2);
  return (g_array_index (samples, double, n / 2 - 1) + g_array_index (samples, double, n / 2)) / 2;
}

/* The value at quantile @q (0..1) of @samples (sorted in place). */
static inline double
bench_quantile (GArray *samples,
                double  q)
{
  guint index;

  g_assert (samples->len > 0);
  g_array_sort (samples, bench_compare_doubles);
  index = (guint)(q * (samples->len - 1) + 0.5);
  return g_array_index (samples, double, MIN (index, samples->len - 1));
}

#define BENCH_RUN(samples, runs, body)            \
  G_STMT_START {                                  \
    for (int bench_i_ = 0; bench_i_ < (runs); bench_i_++) \
      {                                           \
        double bench_t0_ = bench_now ();          \
        body;                                     \
        double bench_dt_ = bench_now () - bench_t0_; \
        g_array_append_val ((samples), bench_dt_); \
      }                                           \
  } G_STMT_END

/* A median against its target. */
static inline void
bench_report (const char *what,
              GArray     *samples,
              double      target_ms)
{
  double median = bench_median (samples) * 1e3;

  g_print ("%-34s median %8.3f ms  (%u runs, target < %.0f ms: %s)\n",
           what, median, samples->len, target_ms, median < target_ms ? "met" : "MISSED");
}

/* A copy of the store gen-history wrote into @dir, in a folder of its own:
 * a benchmark that writes leaves the collection as generated. */
static inline char *
bench_copy_store (const char *dir)
{
  g_autofree char *from = g_build_filename (dir, "rehearse.db", NULL);
  g_autofree char *tmp = g_dir_make_tmp ("rehearse-bench-XXXXXX", NULL);
  char *to = g_build_filename (tmp, "rehearse.db", NULL);
  g_autoptr(GFile) src = g_file_new_for_path (from);
  g_autoptr(GFile) dst = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  if (!g_file_copy (src, dst, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  return to;
}

/* The deck of a collection written by gen-history into @dir; a benchmark
 * without its input has nothing to measure, so failure ends the program. */
static inline RhDeck *
bench_load_collection_deck (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "deck.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  RhDeck *deck = rh_deck_parser_load_file (file, &error);

  if (deck == NULL)
    g_error ("%s", error->message);
  return deck;
}

/* A collection over @deck and the store at @db_path, on the system clock
 * ("now" is the present the history was generated for) with the default
 * options: what the app opens at start. */
static inline RhCollection *
bench_collection_new (RhDeck     *deck,
                      const char *db_path)
{
  g_autoptr(GError) error = NULL;
  RhCollection *collection = rh_collection_new (NULL, NULL);

  rh_collection_add_deck (collection, deck);
  if (!rh_collection_open_store (collection, db_path, &error))
    g_error ("%s", error->message);
  return collection;
}

/* A deck @id of @n_cards cards in @n_topics topics, each card with all a
 * card may have (an answer of a paragraph, a list, code and its output;
 * pitfalls; a follow-up): about 600 bytes of XML a card. */
static inline GBytes *
bench_generate_deck (const char *id,
                     guint       n_cards,
                     guint       n_topics)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<deck xmlns=\"https://rehearse.github.io/ns/deck/1\" ");

  g_string_append_printf (xml, "id=\"%s\" version=\"1\" xml:lang=\"en\">\n"
                          "  <title>Generated %s</title>\n  <description>A generated deck.</description>\n", id, id);

  for (guint t = 0; t < n_topics; t++)
    g_string_append_printf (xml, "  <topic id=\"t%u\"><title>Topic %u</title><summary>Cards of topic %u.</summary></topic>\n",
                            t, t, t);
  for (guint c = 0; c < n_cards; c++)
    g_string_append_printf (xml,
                            "  <card id=\"%s/c%u\" topic=\"t%u\">\n"
                            "    <title>Card %u</title>\n"
                            "    <question>What does card %u ask about thing_%u?</question>\n"
                            "    <key-areas><area>First point</area><area>Second <em>point</em></area>"
                            "<area>Third point</area></key-areas>\n"
                            "    <answer>\n"
                            "      <p>The answer to card %u explains <code>thing_%u</code> in a sentence or two.</p>\n"
                            "      <list><item>One</item><item>Two</item></list>\n"
                            "      <pre lang=\"python\">print(%u)</pre>\n"
                            "      <output>%u</output>\n"
                            "    </answer>\n"
                            "    <pitfalls><item>A pitfall.</item><item>Another.</item></pitfalls>\n"
                            "    <follow-ups><item>And then?</item></follow-ups>\n"
                            "  </card>\n",
                            id, c, c % n_topics, c, c, c, c, c, c, c);
  g_string_append (xml, "</deck>\n");
  return g_string_free_to_bytes (xml);
}
