/* test-deck-library.c: decks from folders, beside the built-in one
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real files in real folders: the order decks come in, a deck that does
 * not load taking no other down, two decks with one id, a deck changed,
 * broken, deleted or removed, progress kept by card id through all of it,
 * and the folder watch seeing a deck written while the app runs.
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "rh-collection.h"
#include "rh-deck-library.h"
#include "rh-deck-import.h"
#include "rh-deck-parser.h"
#include "rh-test-core.h"
#include "rh-test-utils.h"

typedef struct {
  char *dir;
  char *user;
  char *system;
  RhClock *clock;
  RhCollection *collection;
  RhDeckLibrary *library;
  guint n_decks_changed;
  GPtrArray *messages;
} Fixture;

/* A deck @id with @n_cards cards (ids c00, c01, ...) in two topics. */
static char *
deck_xml (const char *id,
          const char *title,
          guint       first_card,
          guint       n_cards)
{
  GString *xml = g_string_new (NULL);

  g_string_append_printf (xml,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<deck xmlns=\"https://rehearse.github.io/ns/deck/1\" id=\"%s\" version=\"1\" xml:lang=\"en\">\n"
                          "  <title>%s</title>\n  <description>A deck of %s.</description>\n"
                          "  <topic id=\"one\"><title>One</title><summary>The first.</summary></topic>\n"
                          "  <topic id=\"two\"><title>Two</title><summary>The second.</summary></topic>\n",
                          id, title, title);
  for (guint i = first_card; i < first_card + n_cards; i++)
    g_string_append_printf (xml,
                            "  <card id=\"%s/c%02u\" topic=\"%s\"><title>Card %u</title><question>Q %u?</question>"
                            "<key-areas><area>a</area><area>b</area><area>c</area></key-areas>"
                            "<answer><p>A %u.</p></answer></card>\n",
                            id, i, i % 2 ? "two" : "one", i, i, i);
  g_string_append (xml, "</deck>\n");
  return g_string_free (xml, FALSE);
}

static char *
write_deck (const char *folder,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
write_generated (const char *folder,
                 const char *name,
                 const char *id,
                 const char *title,
                 guint       first_card,
                 guint       n_cards)
{
  g_autofree char *xml = deck_xml (id, title, first_card, n_cards);
  g_autofree char *path = write_deck (folder, name, xml);
}

static void
decks_changed_cb (Fixture *f)
{
  f->n_decks_changed++;
}

static void
deck_updated_cb (Fixture      *f,
                 RhDeckSource *source,
                 const char   *message)
{
  g_ptr_array_add (f->messages, g_strdup (message));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  f->dir = rh_test_make_dir ("deck-library");
  f->user = g_build_filename (f->dir, "user", "decks", NULL);
  f->system = g_build_filename (f->dir, "system", "decks", NULL);
  f->clock = rh_clock_new_fake (1767225600, utc);  /* 2026-01-01 00:00 UTC */
  f->collection = rh_collection_new (f->clock, NULL);
  f->library = rh_collection_get_library (f->collection);
  f->messages = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect_swapped (f->collection, "decks-changed", G_CALLBACK (decks_changed_cb), f);
  g_signal_connect_swapped (f->library, "deck-updated", G_CALLBACK (deck_updated_cb), f);
  rh_collection_load_deck_resource (f->collection, RESOURCE_PATH "/decks/python-interview.xml", &error);
  g_assert_no_error (error);
  db = g_build_filename (f->dir, "rehearse.db", NULL);
  rh_collection_open_store (f->collection, db, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  rh_collection_close_store (f->collection);
  g_clear_object (&f->collection);
  g_clear_object (&f->clock);
  g_clear_pointer (&f->messages, g_ptr_array_unref);
  rh_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->user);
  g_free (f->system);
}

static RhDeckSource *
source_at (Fixture *f,
           guint    position)
{
  g_autoptr(RhDeckSource) source = g_list_model_get_item (rh_deck_library_get_sources (f->library), position);

  g_assert_nonnull (source);
  return source;
}

static const char *
deck_id_at (Fixture *f,
            guint    position)
{
  RhDeck *deck = rh_deck_source_get_deck (source_at (f, position));

  return deck != NULL ? rh_deck_get_id (deck) : NULL;
}

static void
test_folders_in_order (Fixture       *f,
                       gconstpointer  data)
{
  RhDeck *all;

  write_generated (f->user, "b-team.xml", "team", "Team", 0, 3);
  write_generated (f->user, "a-ops.xml", "ops", "Ops", 0, 2);
  write_generated (f->system, "shared.xml", "shared", "Shared", 0, 4);
  g_free (write_deck (f->user, ".hidden.xml", "not a deck"));
  g_free (write_deck (f->user, "notes.txt", "not a deck either"));
  rh_deck_library_add_folder (f->library, f->user, RH_DECK_SOURCE_USER);
  rh_deck_library_add_folder (f->library, f->system, RH_DECK_SOURCE_SYSTEM);

  /* The built-in deck, then the learner's by file name, then everyone's. */
  g_assert_cmpuint (g_list_model_get_n_items (rh_deck_library_get_sources (f->library)), ==, 4);
  g_assert_cmpstr (deck_id_at (f, 0), ==, "python-interview");
  g_assert_cmpstr (deck_id_at (f, 1), ==, "ops");
  g_assert_cmpstr (deck_id_at (f, 2), ==, "team");
  g_assert_cmpstr (deck_id_at (f, 3), ==, "shared");
  g_assert_cmpint (rh_deck_source_get_kind (source_at (f, 3)), ==, RH_DECK_SOURCE_SYSTEM);

  /* The collection's deck is all of them, topics and cards in that order. */
  all = rh_collection_get_deck (f->collection);
  g_assert_cmpuint (rh_deck_get_n_parts (all), ==, 4);
  g_assert_cmpuint (rh_deck_get_n_cards (all), ==, 95 + 2 + 3 + 4);
  g_assert_cmpuint (g_list_model_get_n_items (rh_deck_get_topics (all)), ==, 15 + 2 + 2 + 2);
  g_assert_nonnull (rh_collection_lookup_card (f->collection, "team/c02"));
  g_assert_nonnull (rh_deck_lookup_topic (all, "shared/two"));
  g_assert_cmpuint (rh_deck_peek_topic_parts (all)[15 + 2], ==, 2);
  g_assert_cmpuint (f->n_decks_changed, >, 0);
}

static void
test_bad_deck_takes_none_down (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *broken = write_deck (f->user, "broken.xml",
                                        "<?xml version=\"1.0\"?>\n<deck xmlns=\"https://rehearse.github.io/ns/deck/1\"\n");
  g_autofree char *fifo = g_build_filename (f->user, "pipe.xml", NULL);
  const GError *error;

  write_generated (f->user, "good.xml", "good", "Good", 0, 2);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  rh_deck_library_add_folder (f->library, f->user, RH_DECK_SOURCE_USER);

  g_assert_cmpuint (g_list_model_get_n_items (rh_deck_library_get_sources (f->library)), ==, 4);
  error = rh_deck_source_get_error (source_at (f, 1));
  g_assert_nonnull (error);
  g_assert_null (rh_deck_source_get_deck (source_at (f, 1)));
  /* Named by its file and its line. */
  g_assert_true (g_str_has_prefix (error->message, broken));
  g_assert_nonnull (strstr (error->message, ":3:"));
  g_assert_cmpstr (deck_id_at (f, 2), ==, "good");
  /* A pipe is refused, not read (nothing would ever come). */
  g_assert_nonnull (strstr (rh_deck_source_get_error (source_at (f, 3))->message, "not a regular file"));
  g_assert_cmpuint (rh_deck_get_n_parts (rh_collection_get_deck (f->collection)), ==, 2);
}

static void
test_same_id_twice (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *first = g_build_filename (f->user, "first.xml", NULL);
  g_autofree char *second = g_build_filename (f->system, "second.xml", NULL);
  const GError *error;

  write_generated (f->user, "first.xml", "team", "Team", 0, 2);
  write_generated (f->system, "second.xml", "team", "Team Too", 0, 5);
  write_generated (f->user, "python.xml", "python-interview", "Not the built-in one", 0, 1);
  rh_deck_library_add_folder (f->library, f->user, RH_DECK_SOURCE_USER);
  rh_deck_library_add_folder (f->library, f->system, RH_DECK_SOURCE_SYSTEM);

  /* The built-in deck keeps its id; the first file keeps "team". */
  g_assert_true (rh_deck_source_is_usable (source_at (f, 1)));
  error = rh_deck_source_get_error (source_at (f, 2));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "python.xml"));
  g_assert_nonnull (strstr (error->message, "the built-in deck"));
  error = rh_deck_source_get_error (source_at (f, 3));
  g_assert_nonnull (error);
  g_assert_error (error, RH_DECK_ERROR, RH_DECK_ERROR_DUPLICATE_ID);
  /* Both files named. */
  g_assert_nonnull (strstr (error->message, first));
  g_assert_nonnull (strstr (error->message, second));
  g_assert_cmpuint (rh_deck_get_n_cards (rh_collection_get_deck (f->collection)), ==, 95 + 2);

  /* The first one gone, the other one is studied. */
  g_assert_cmpint (g_unlink (first), ==, 0);
  rh_deck_library_reload_file (f->library, first);
  g_assert_true (rh_deck_source_is_usable (rh_deck_library_lookup (f->library, "team")));
  g_assert_cmpuint (rh_deck_get_n_cards (rh_collection_get_deck (f->collection)), ==, 95 + 5);
}

static void
grade (Fixture    *f,
       const char *card_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rh_collection_grade (f->collection, rh_collection_lookup_card (f->collection, card_id),
                                      RH_RATING_GOOD, 4000, FALSE, NULL, &error));
  g_assert_no_error (error);
}

static void
test_changed_deck_keeps_progress (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *broken = NULL;
  RhDeckSource *source;

  write_generated (f->user, "team.xml", "team", "Team", 0, 4);
  rh_deck_library_add_folder (f->library, f->user, RH_DECK_SOURCE_USER);
  grade (f, "team/c01");
  grade (f, "team/c03");

  /* c00 gone, c04 and c05 new; nothing else touched. */
  path = g_build_filename (f->user, "team.xml", NULL);
  write_generated (f->user, "team.xml", "team", "Team", 1, 5);
  g_ptr_array_set_size (f->messages, 0);
  source = rh_deck_library_reload_file (f->library, path);
  g_assert_true (rh_deck_source_is_usable (source));
  g_assert_cmpuint (f->messages->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->messages, 0), ==, "Team updated: 2 new cards, 1 removed");
  g_assert_null (rh_collection_lookup_card (f->collection, "team/c00"));
  g_assert_nonnull (rh_collection_lookup_card (f->collection, "team/c05"));
  g_assert_cmpint (rh_collection_classify (f->collection, "team/c01"), !=, RH_DUE_NEW);
  g_assert_cmpint (rh_collection_classify (f->collection, "team/c03"), !=, RH_DUE_NEW);
  g_assert_cmpint (rh_collection_classify (f->collection, "team/c04"), ==, RH_DUE_NEW);

  /* Loaded again unchanged (a watch can report one write twice): quiet. */
  rh_deck_library_reload_file (f->library, path);
  g_assert_cmpuint (f->messages->len, ==, 1);

  /* Only added, or only removed: said without the other. */
  write_generated (f->user, "team.xml", "team", "Team", 1, 6);
  rh_deck_library_reload_file (f->library, path);
  g_assert_cmpstr (g_ptr_array_index (f->messages, 1), ==, "Team updated: 1 new card");
  write_generated (f->user, "team.xml", "team", "Team", 1, 5);
  rh_deck_library_reload_file (f->library, path);
  g_assert_cmpstr (g_ptr_array_index (f->messages, 2), ==, "Team updated: 1 card removed");
  g_ptr_array_set_size (f->messages, 1);

  /* Saved with a mistake: the version before stays in use, and says so. */
  broken = g_strdup ("<?xml version=\"1.0\"?>\n<deck xmlns=\"https://rehearse.github.io/ns/deck/1\" id=\"team\">");
  g_free (write_deck (f->user, "team.xml", broken));
  source = rh_deck_library_reload_file (f->library, path);
  g_assert_true (rh_deck_source_is_usable (source));
  g_assert_nonnull (rh_deck_source_get_error (source));
  g_assert_nonnull (strstr (g_ptr_array_index (f->messages, 1), "the version before stays in use"));
  g_assert_nonnull (rh_collection_lookup_card (f->collection, "team/c05"));

  /* Deleted: gone from the collection, its progress still in the store. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_null (rh_deck_library_reload_file (f->library, path));
  g_assert_null (rh_collection_lookup_card (f->collection, "team/c01"));
  g_assert_nonnull (rh_collection_lookup_state (f->collection, "team/c01"));
  g_assert_nonnull (strstr (g_ptr_array_index (f->messages, 2), "Its progress is kept"));
}

static void
test_removed_deck_comes_back (Fixture       *f,
                              gconstpointer  data)
{
  write_generated (f->user, "team.xml", "team", "Team", 0, 3);
  rh_deck_library_add_folder (f->library, f->user, RH_DECK_SOURCE_USER);
  grade (f, "team/c02");

  rh_deck_library_set_deck_hidden (f->library, "team", TRUE);
  g_assert_true (g_strv_contains (rh_deck_library_get_hidden_decks (f->library), "team"));
  g_assert_true (rh_deck_source_get_hidden (rh_deck_library_lookup (f->library, "team")));
  g_assert_null (rh_collection_lookup_card (f->collection, "team/c02"));
  /* Its file stays. */
  g_assert_true (g_file_test (rh_deck_source_get_location (rh_deck_library_lookup (f->library, "team")),
                              G_FILE_TEST_IS_REGULAR));

  rh_deck_library_set_deck_hidden (f->library, "team", FALSE);
  g_assert_nonnull (rh_collection_lookup_card (f->collection, "team/c02"));
  g_assert_cmpint (rh_collection_classify (f->collection, "team/c02"), !=, RH_DUE_NEW);

  /* Every deck removed (a setting written by hand): the first one stays. */
  rh_deck_library_set_hidden_decks (f->library, (const char *[]) { "team", "python-interview", NULL });
  g_assert_nonnull (rh_collection_get_deck (f->collection));
  g_assert_nonnull (rh_collection_lookup_card (f->collection, "python-interview/gil"));
  g_assert_null (rh_collection_lookup_card (f->collection, "team/c02"));
  /* ... and leaves the list, so that switching another one on keeps it. */
  g_assert_false (g_strv_contains (rh_deck_library_get_hidden_decks (f->library), "python-interview"));
  rh_deck_library_set_deck_hidden (f->library, "team", FALSE);
  g_assert_nonnull (rh_collection_lookup_card (f->collection, "python-interview/gil"));
  g_assert_nonnull (rh_collection_lookup_card (f->collection, "team/c02"));
}

static gboolean
loaded (gpointer data)
{
  Fixture *f = data;

  return !rh_deck_library_get_loading (f->library);
}

/* At start-up: the built-in deck at once, the others once read. */
static void
test_standard_folders_in_background (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *user = g_build_filename (g_get_user_data_dir (), "rehearse", "decks", NULL);
  g_autofree char *path = g_build_filename (user, "team.xml", NULL);

  write_generated (user, "team.xml", "team", "Team", 0, 3);
  rh_deck_library_add_standard_folders_in_background (f->library);
  g_assert_true (rh_deck_library_get_loading (f->library));
  g_assert_null (rh_collection_lookup_card (f->collection, "team/c00"));
  g_assert_nonnull (rh_collection_lookup_card (f->collection, "python-interview/gil"));

  g_assert_true (rh_test_wait_until (loaded, f, 20000));
  g_assert_nonnull (rh_collection_lookup_card (f->collection, "team/c02"));
  g_assert_cmpstr (rh_deck_library_get_user_folder (f->library), ==, user);
  g_assert_cmpint (rh_deck_source_get_kind (rh_deck_library_lookup (f->library, "team")), ==, RH_DECK_SOURCE_USER);
  g_assert_cmpint (g_unlink (path), ==, 0);
}

static guint
count_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
test_add_file (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *csv = write_deck (f->dir, "onboarding.csv",
                                     "question,answer,topic\n"
                                     "How do we deploy?,Merge to main.,services\n"
                                     "Who is on call?,The rota says.,people\n");
  g_autofree char *bad = write_deck (f->dir, "bad.csv", "question,answer\nOne?,Yes.\nTwo?,Yes.,extra,more\n");
  g_autoptr(GError) error = NULL;
  gboolean back = TRUE;
  RhDeckSource *source;
  RhDeck *deck;

  rh_deck_library_add_folder (f->library, f->user, RH_DECK_SOURCE_USER);

  /* A list of cards becomes a deck in the learner's folder, loaded. */
  source = rh_deck_library_add_file (f->library, csv, "Platform Onboarding", NULL, &back, &error);
  g_assert_no_error (error);
  g_assert_false (back);
  deck = rh_deck_source_get_deck (source);
  g_assert_cmpstr (rh_deck_get_title (deck), ==, "Platform Onboarding");
  g_assert_cmpuint (rh_deck_get_n_cards (deck), ==, 2);
  g_assert_cmpint (rh_deck_source_get_kind (source), ==, RH_DECK_SOURCE_USER);
  g_assert_true (g_str_has_prefix (rh_deck_source_get_location (source), f->user));
  g_assert_cmpuint (count_files (f->user), ==, 1);
  g_assert_nonnull (rh_deck_lookup_topic (rh_collection_get_deck (f->collection), "platform-onboarding/people"));

  /* Twice: refused, naming the deck already there; nothing written. */
  g_assert_null (rh_deck_library_add_file (f->library, csv, "Platform Onboarding", NULL, &back, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, rh_deck_source_get_location (source)));
  g_clear_error (&error);
  g_assert_cmpuint (count_files (f->user), ==, 1);

  /* Removed, then another version added: refused, both named, still removed. */
  rh_deck_library_set_deck_hidden (f->library, "platform-onboarding", TRUE);
  g_free (write_deck (f->dir, "onboarding-2.csv", "question,answer\nWhat is new?,This.\n"));
  {
    g_autofree char *other = g_build_filename (f->dir, "onboarding-2.csv", NULL);

    g_assert_null (rh_deck_library_add_file (f->library, other, "Platform Onboarding", NULL, &back, &error));
    g_assert_error (error, RH_DECK_IMPORT_ERROR, RH_DECK_IMPORT_ERROR_EXISTS);
    g_assert_nonnull (strstr (error->message, rh_deck_source_get_location (source)));
    g_clear_error (&error);
    g_assert_true (rh_deck_source_get_hidden (source));
  }

  /* Removed, then added again: the same deck comes back. */
  g_assert_true (rh_deck_library_add_file (f->library, csv, "Platform Onboarding", NULL, &back, &error) == source);
  g_assert_no_error (error);
  g_assert_true (back);
  g_assert_true (rh_deck_source_is_usable (source));
  g_assert_cmpuint (count_files (f->user), ==, 1);

  /* Removed, its file deleted since, added again: in use, not hidden. */
  rh_deck_library_set_deck_hidden (f->library, "platform-onboarding", TRUE);
  g_assert_cmpint (g_unlink (rh_deck_source_get_location (source)), ==, 0);
  rh_deck_library_reload_file (f->library, rh_deck_source_get_location (source));
  g_assert_null (rh_deck_library_lookup (f->library, "platform-onboarding"));
  source = rh_deck_library_add_file (f->library, csv, "Platform Onboarding", NULL, &back, &error);
  g_assert_no_error (error);
  g_assert_false (back);
  g_assert_true (rh_deck_source_is_usable (source));
  g_assert_false (g_strv_contains (rh_deck_library_get_hidden_decks (f->library), "platform-onboarding"));

  /* A bad list: its file and line, and nothing written. */
  g_assert_null (rh_deck_library_add_file (f->library, bad, "Bad", NULL, &back, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "bad.csv:3"));
  g_assert_cmpuint (count_files (f->user), ==, 1);
}

static gboolean
has_deck (gpointer data)
{
  Fixture *f = data;

  return rh_deck_library_lookup (f->library, "late") != NULL;
}

static gboolean
has_no_deck (gpointer data)
{
  return !has_deck (data);
}

static void
test_watch_sees_new_deck (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->user, "late.xml", NULL);
  g_autofree char *moved = NULL;

  rh_deck_library_add_folder (f->library, f->user, RH_DECK_SOURCE_USER);
  rh_deck_library_watch (f->library);
  /* The learner's folder is made, so that it can be watched. */
  g_assert_true (g_file_test (f->user, G_FILE_TEST_IS_DIR));

  write_generated (f->user, "late.xml", "late", "Late", 0, 2);
  g_assert_true (rh_test_wait_until (has_deck, f, 20000));
  g_assert_cmpstr (g_ptr_array_index (f->messages, f->messages->len - 1), ==, "Late added: 2 cards");
  g_assert_nonnull (rh_collection_lookup_card (f->collection, "late/c01"));

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_true (rh_test_wait_until (has_no_deck, f, 20000));
  g_assert_null (rh_collection_lookup_card (f->collection, "late/c01"));

  /* The whole folder moved away: its decks go with it. */
  write_generated (f->user, "late.xml", "late", "Late", 0, 2);
  g_assert_true (rh_test_wait_until (has_deck, f, 20000));
  moved = g_strconcat (f->user, ".moved", NULL);
  g_assert_cmpint (g_rename (f->user, moved), ==, 0);
  g_assert_true (rh_test_wait_until (has_no_deck, f, 20000));
  rh_test_remove_tree (moved);
}

int
main (int   argc,
      char *argv[])
{
  rh_test_init_env ();
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add ("/deck-library/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("folders-in-order", test_folders_in_order);
  ADD ("bad-deck-takes-none-down", test_bad_deck_takes_none_down);
  ADD ("same-id-twice", test_same_id_twice);
  ADD ("changed-deck-keeps-progress", test_changed_deck_keeps_progress);
  ADD ("removed-deck-comes-back", test_removed_deck_comes_back);
  ADD ("watch-sees-new-deck", test_watch_sees_new_deck);
  ADD ("add-file", test_add_file);
  ADD ("standard-folders-in-background", test_standard_folders_in_background);
#undef ADD

  return g_test_run ();
}
