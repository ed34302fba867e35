/* bench-decks.c: many decks at once, as a team's collection has them
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-decks DATA_DIR
 *
 * 20 deck files of 5,000 cards each in a deck folder, beside the built-in
 * deck, with an empty study file; twice: cards with all a card may have
 * (bench_generate_deck(), about 600 bytes of XML a card), and plain
 * questions and answers as a CSV or an Anki export becomes (about 200
 * bytes a card):
 * 1. loading every deck, as at start-up (the folder read, each file parsed
 *    and checked against the schema, the collection's deck of all of them
 *    made and joined with the store).  Target < 1 s.  Baseline in the same
 *    run: libxml2 reading the same files into trees, one after the other,
 *    no checks and no model.
 * 2. the sidebar's counts: every deck and topic of the 100,095 cards, one
 *    pass.  Target < 20 ms.
 */
#include "config.h"

#include <stdio.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>

#include "bench-utils.h"
#include "rh-collection.h"

#define N_DECKS 20
#define N_CARDS 5000
#define N_TOPICS 12

/* A deck of plain cards, as a converted CSV or Anki export is. */
static GBytes *
generate_plain_deck (const char *id)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

  g_string_append_printf (xml, "<deck xmlns=\"https://rehearse.github.io/ns/deck/1\" id=\"%s\" version=\"1\" "
                          "format=\"2\">\n  <title>Plain %s</title>\n", id, id);
  for (guint t = 0; t < N_TOPICS; t++)
    g_string_append_printf (xml, "  <topic id=\"t%u\"><title>Topic %u</title></topic>\n", t, t);
  for (guint c = 0; c < N_CARDS; c++)
    g_string_append_printf (xml,
                            "  <card id=\"%s/c%u\" topic=\"t%u\"><question>What does service %u do when "
                            "its queue is full?</question><answer><p>It sheds load: requests past the limit get a "
                            "503 and a Retry-After of %u seconds.</p></answer></card>\n",
                            id, c, c % N_TOPICS, c, c % 60);
  g_string_append (xml, "</deck>\n");
  return g_string_free_to_bytes (xml);
}

static void
write_decks (const char *folder,
             gboolean    plain)
{
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  for (guint d = 0; d < N_DECKS; d++)
    {
      g_autofree char *id = g_strdup_printf ("team-%02u", d);
      g_autofree char *name = g_strdup_printf ("%s.xml", id);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr(GBytes) xml = NULL;
      g_autoptr(GError) error = NULL;

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      xml = plain ? generate_plain_deck (id) : bench_generate_deck (id, N_CARDS, N_TOPICS);
      g_file_set_contents (path, g_bytes_get_data (xml, NULL), (gssize)g_bytes_get_size (xml), &error);
      g_assert_no_error (error);
    }
}

static RhCollection *
load_all (const char *folder,
          const char *db)
{
  g_autoptr(GError) error = NULL;
  RhCollection *collection = rh_collection_new (NULL, NULL);
  RhDeckLibrary *library = rh_collection_get_library (collection);

  rh_collection_load_deck_resource (collection, RESOURCE_PATH "/decks/python-interview.xml", &error);
  g_assert_no_error (error);
  rh_deck_library_add_folder (library, folder, RH_DECK_SOURCE_USER);
  rh_collection_open_store (collection, db, &error);
  g_assert_no_error (error);
  return collection;
}

static void
parse_only (const char *folder)
{
  for (guint d = 0; d < N_DECKS; d++)
    {
      g_autofree char *name = g_strdup_printf ("team-%02u.xml", d);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      xmlDocPtr doc = xmlReadFile (path, NULL, XML_PARSE_NONET | XML_PARSE_BIG_LINES);

      g_assert (doc != NULL);
      xmlFreeDoc (doc);
    }
}

/* Loading every deck of @folder and the counts, against libxml2 alone. */
static void
measure (const char *label,
         const char *folder,
         const char *db)
{
  g_autoptr(GArray) load = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) base = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(RhCollection) collection = NULL;
  g_autofree RhCounts *per_topic = NULL;
  g_autofree RhCounts *per_deck = NULL;
  RhCounts all;
  RhDeck *deck;
  double median_load, median_base, median_counts;

  /* The first load compiles the schema, once per process. */
  collection = load_all (folder, db);
  for (int run = 0; run < 5; run++)
    {
      BENCH_RUN (base, 1, parse_only (folder));
      rh_collection_close_store (collection);
      g_clear_object (&collection);
      BENCH_RUN (load, 1, collection = load_all (folder, db));
    }
  deck = rh_collection_get_deck (collection);
  g_assert_cmpuint (rh_deck_get_n_parts (deck), ==, N_DECKS + 1);
  per_topic = g_new0 (RhCounts, g_list_model_get_n_items (rh_deck_get_topics (deck)));
  per_deck = g_new0 (RhCounts, rh_deck_get_n_parts (deck));
  BENCH_RUN (counts, 21, rh_collection_count_topics (collection, deck, per_topic, per_deck, &all));
  g_assert_cmpuint (all.n_cards, ==, N_DECKS * N_CARDS + 95);

  median_load = bench_median (load);
  median_base = bench_median (base);
  median_counts = bench_median (counts);
  g_print ("%s: %u decks of %u cards and the built-in deck, %u processors: load every deck median %.3f s over 5 "
           "runs (target < 1 s: %s); libxml2 parse alone, one file after the other, %.3f s, ratio %.2f\n",
           label, N_DECKS, N_CARDS, g_get_num_processors (), median_load, median_load < 1.0 ? "met" : "MISSED",
           median_base, median_load / median_base);
  g_print ("%s: sidebar counts of every deck and topic (%u cards): median %.2f ms over 21 runs "
           "(target < 20 ms: %s)\n",
           label, all.n_cards, median_counts * 1e3, median_counts < 0.020 ? "met" : "MISSED");
  rh_collection_close_store (collection);
}

int
main (int   argc,
      char *argv[])
{
  const char *kinds[] = { "rich cards", "plain cards" };

  if (argc != 2)
    {
      fprintf (stderr, "usage: bench-decks DATA_DIR\n");
      return 2;
    }
  xmlInitParser ();
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *dir = g_build_filename (argv[1], "bench-decks", k == 0 ? "rich" : "plain", NULL);
      g_autofree char *folder = g_build_filename (dir, "decks", NULL);
      g_autofree char *db = g_build_filename (dir, "rehearse.db", NULL);

      write_decks (folder, k == 1);
      measure (kinds[k], folder, db);
    }
  return 0;
}
