/* rh-test-core.c: a collection for the core tests, on a fake clock
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rh-deck-parser.h"
#include "rh-test-core.h"
#include "rh-test-utils.h"

RhCollection *
rh_test_collection_new (const char *name,
                        const char *deck_fixture,
                        RhClock    *clock,
                        int         rollover_hour)
{
  g_autoptr(RhSchedulingOptions) options = rh_scheduling_options_new ();
  g_autofree char *dir = rh_test_make_dir (name);
  g_autofree char *db = g_build_filename (dir, "rehearse.db", NULL);
  g_autoptr(GError) error = NULL;
  RhCollection *collection;

  g_object_set (options, "fuzz", FALSE, "rollover-hour", rollover_hour, NULL);
  collection = rh_collection_new (clock, options);
  if (deck_fixture != NULL)
    {
      g_autofree char *path = rh_test_fixture_path (deck_fixture);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(RhDeck) deck = rh_deck_parser_load_file (file, &error);

      g_assert_no_error (error);
      rh_collection_add_deck (collection, deck);
    }
  else
    {
      rh_collection_load_deck_resource (collection, RESOURCE_PATH "/decks/python-interview.xml", &error);
      g_assert_no_error (error);
    }
  rh_collection_open_store (collection, db, &error);
  g_assert_no_error (error);
  return collection;
}

RhCard *
rh_test_card (RhCollection *collection,
              const char   *id)
{
  RhCard *found = rh_collection_lookup_card (collection, id);

  g_assert_nonnull (found);
  return found;
}
