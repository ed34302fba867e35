/* rh-deck-source.h: one place a deck comes from, and what came of loading it
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rh-deck.h"

G_BEGIN_DECLS

typedef enum {
  RH_DECK_SOURCE_BUILT_IN,  /* the deck in the app's resources */
  RH_DECK_SOURCE_USER,      /* $XDG_DATA_HOME/rehearse/decks */
  RH_DECK_SOURCE_SYSTEM,    /* rehearse/decks under $XDG_DATA_DIRS */
  RH_DECK_SOURCE_MEMORY,    /* handed over loaded (tests, benchmarks) */
} RhDeckSourceKind;

#define RH_TYPE_DECK_SOURCE (rh_deck_source_get_type ())

G_DECLARE_FINAL_TYPE (RhDeckSource, rh_deck_source, RH, DECK_SOURCE, GObject)

RhDeckSource     *rh_deck_source_new          (RhDeckSourceKind  kind,
                                               const char       *location);
RhDeckSourceKind  rh_deck_source_get_kind     (RhDeckSource     *self);
const char       *rh_deck_source_get_location (RhDeckSource     *self);
char             *rh_deck_source_dup_display_name (RhDeckSource *self);
RhDeck           *rh_deck_source_get_deck     (RhDeckSource     *self);
const GError     *rh_deck_source_get_error    (RhDeckSource     *self);
gboolean          rh_deck_source_get_hidden   (RhDeckSource     *self);
gboolean          rh_deck_source_is_usable    (RhDeckSource     *self);

/* For RhDeckLibrary */
void              rh_deck_source_set_deck     (RhDeckSource     *self,
                                               RhDeck           *deck);
void              rh_deck_source_set_error    (RhDeckSource     *self,
                                               const GError     *error);
void              rh_deck_source_set_conflict (RhDeckSource     *self,
                                               const GError     *conflict);
void              rh_deck_source_set_hidden   (RhDeckSource     *self,
                                               gboolean          hidden);

G_END_DECLS
