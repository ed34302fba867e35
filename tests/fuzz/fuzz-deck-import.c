/* fuzz-deck-import.c: libFuzzer target for the CSV, TSV and Anki text converters
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Build with -Dfuzzing=true (clang), then:
 *   build-fuzz/tests/fuzz/fuzz-deck-import -max_total_time=600 \
 *       -dict=tests/fuzz/import.dict corpus-dir tests/fuzz/corpus-import
 * The first byte picks the file's name (.csv, .tsv or .txt), which picks
 * the separators tried first.  Any crash, leak, sanitizer report or
 * g_critical is a finding, and so is a conversion the deck parser
 * refuses: what the converter writes must always load.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include "rh-deck-import.h"
#include "rh-deck-parser.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_deck (GBytes     *xml,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDeck) deck = rh_deck_parser_load_bytes (xml, name, &error);

  if (deck == NULL)
    {
      fprintf (stderr, "The converted deck does not load: %s\n%.*s\n", error->message,
               (int)g_bytes_get_size (xml), (const char *)g_bytes_get_data (xml, NULL));
      abort ();
    }
  g_assert (rh_deck_get_n_cards (deck) > 0);
  for (guint i = 0; i < rh_deck_get_n_cards (deck); i++)
    {
      g_autoptr(RhCard) card = g_list_model_get_item (rh_deck_get_cards (deck), i);

      g_assert (rh_card_get_search_text (card) != NULL);
      g_assert (rh_card_get_title (card)[0] != '\0');
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char *names[] = { "fuzz.csv", "fuzz.tsv", "fuzz.txt" };
  static gboolean initialized = FALSE;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;
  RhDeckFormat kind;
  const char *name;

  if (!initialized)
    {
      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      initialized = TRUE;
    }
  if (size == 0)
    return 0;
  name = names[data[0] % G_N_ELEMENTS (names)];
  bytes = g_bytes_new_static (data + 1, size - 1);
  xml = rh_deck_import_convert (bytes, name, NULL, &kind, &notice, &error);

  /* Either a deck or an error in our domain with a message naming the file. */
  g_assert ((xml == NULL) != (error == NULL));
  if (error != NULL)
    {
      g_assert (error->domain == RH_DECK_IMPORT_ERROR);
      g_assert (g_str_has_prefix (error->message, name));
      g_assert (g_utf8_validate (error->message, -1, NULL));
    }
  else if (kind != RH_DECK_FORMAT_XML)
    check_deck (xml, name);
  g_assert (notice == NULL || g_utf8_validate (notice, -1, NULL));
  return 0;
}
