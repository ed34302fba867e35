/* rh-deck.h: a deck of cards grouped in topics
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rh-card.h"
#include "rh-topic.h"

G_BEGIN_DECLS

#define RH_TYPE_DECK (rh_deck_get_type ())

G_DECLARE_FINAL_TYPE (RhDeck, rh_deck, RH, DECK, GObject)

const char *rh_deck_get_id          (RhDeck     *self);
guint       rh_deck_get_version     (RhDeck     *self);
const char *rh_deck_get_language    (RhDeck     *self);
const char *rh_deck_get_title       (RhDeck     *self);
const char *rh_deck_get_description (RhDeck     *self);
GListModel *rh_deck_get_topics      (RhDeck     *self);
GListModel *rh_deck_get_cards       (RhDeck     *self);
guint       rh_deck_get_n_cards     (RhDeck     *self);
RhTopic    *rh_deck_lookup_topic    (RhDeck     *self,
                                     const char *topic_id);
RhCard     *rh_deck_lookup_card     (RhDeck     *self,
                                     const char *card_id);
gboolean    rh_deck_get_topic_index (RhDeck     *self,
                                     const char *topic_id,
                                     guint      *index);
gboolean    rh_deck_get_card_index  (RhDeck     *self,
                                     const char *card_id,
                                     guint      *index);

RhDeck      *rh_deck_new_union        (const char     *id,
                                       const char     *title,
                                       RhDeck * const *decks,
                                       guint           n_decks);
guint        rh_deck_get_n_parts      (RhDeck         *self);
RhDeck      *rh_deck_get_part         (RhDeck         *self,
                                       guint           index);
const guint *rh_deck_peek_topic_parts (RhDeck         *self);

RhCard * const *rh_deck_peek_cards       (RhDeck             *self,
                                          guint              *n_cards);
const guint    *rh_deck_peek_card_topics (RhDeck             *self);
gboolean       *rh_deck_topic_mask       (RhDeck             *self,
                                          const char * const *topic_ids);

G_END_DECLS
