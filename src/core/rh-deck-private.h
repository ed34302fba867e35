/* rh-deck-private.h: how the parser builds a deck model
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Decks, topics and cards are immutable for everyone else; only
 * rh-deck-parser.c uses these (and rh-deck-import.c the problem list).
 */
#pragma once

#include "rh-deck.h"

G_BEGIN_DECLS

RhDeck  *_rh_deck_new       (const char *id,
                             guint       version,
                             const char *language,
                             const char *title,
                             const char *description);
gboolean _rh_deck_add_topic (RhDeck     *self,
                             RhTopic    *topic);
gboolean _rh_deck_add_card  (RhDeck     *self,
                             RhCard     *card);
void     _rh_topic_add_card (RhTopic    *self,
                             RhCard     *card);
RhCard  *_rh_card_new_take  (const RhCardContent *content);

/* How many problems of a file one error lists, a line each, before it
 * says more follow: past that, the list would scroll its first lines out
 * of sight. */
#define RH_DECK_MAX_PROBLEMS 20

void     _rh_deck_add_problem (GError    **error,
                               GQuark      domain,
                               int         code,
                               guint      *n_problems,
                               const char *name,
                               const char *located);

G_END_DECLS
