/* fuzz-deck-parser.c: libFuzzer target for the deck parser
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Build with -Dfuzzing=true (clang), then:
 *   build-fuzz/tests/fuzz/fuzz-deck-parser -max_total_time=600 \
 *       -dict=tests/fuzz/deck.dict corpus-dir tests/fuzz/corpus
 * Any crash, leak, sanitizer report or g_critical is a finding.
 */
#include "config.h"

#include <stdint.h>

#include "rh-deck-parser.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static gboolean initialized = FALSE;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDeck) deck = NULL;

  if (!initialized)
    {
      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      initialized = TRUE;
    }

  bytes = g_bytes_new_static (data, size);
  deck = rh_deck_parser_load_bytes (bytes, "fuzz.xml", &error);

  /* Either a deck or an error in our domain with a message naming the file. */
  g_assert ((deck == NULL) != (error == NULL));
  if (error != NULL)
    {
      g_assert (error->domain == RH_DECK_ERROR);
      g_assert (g_str_has_prefix (error->message, "fuzz.xml"));
    }
  else
    {
      /* Walk the model the way the UI will. */
      for (guint i = 0; i < rh_deck_get_n_cards (deck); i++)
        {
          g_autoptr(RhCard) card = g_list_model_get_item (rh_deck_get_cards (deck), i);

          g_assert (rh_card_get_search_text (card) != NULL);
          g_assert (rh_deck_lookup_topic (deck, rh_card_get_topic_id (card)) != NULL);
        }
    }
  return 0;
}
