/* rh-deck-parser.h: load a deck from XML, safely, with errors a user can act on
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rh-deck.h"

G_BEGIN_DECLS

#define RH_DECK_ERROR (rh_deck_error_quark ())

typedef enum {
  RH_DECK_ERROR_MALFORMED,     /* not well-formed XML: truncated, bad UTF-8, ... */
  RH_DECK_ERROR_INVALID,       /* well-formed, but not a valid deck */
  RH_DECK_ERROR_DUPLICATE_ID,  /* two topics or two cards share an id */
  RH_DECK_ERROR_UNKNOWN_TOPIC, /* a card names a topic the deck lacks */
  RH_DECK_ERROR_TOO_LARGE,     /* over RH_DECK_MAX_BYTES */
  RH_DECK_ERROR_UNSAFE,        /* a DOCTYPE: entities, external references */
  RH_DECK_ERROR_READ,          /* the file cannot be read */
  RH_DECK_ERROR_VERSION,       /* a deck format version this Rehearse does not read */
  RH_DECK_ERROR_NO_CARDS,      /* a deck without a single card */
} RhDeckError;

/* Far above any real deck (the built-in one is well under 1 MB), low
 * enough that a hostile file cannot make the app allocate gigabytes. */
#define RH_DECK_MAX_BYTES (32 * 1024 * 1024)

#define RH_DECK_NAMESPACE "https://rehearse.github.io/ns/deck/1"

GQuark  rh_deck_error_quark          (void);
RhDeck *rh_deck_parser_load_bytes    (GBytes      *bytes,
                                      const char  *display_name,
                                      GError     **error);
RhDeck *rh_deck_parser_load_file     (GFile       *file,
                                      GError     **error);
GBytes *rh_deck_parser_read_file     (GFile       *file,
                                      const char  *display_name,
                                      GError     **error);
char   *rh_deck_parser_peek_id       (GBytes      *bytes);
RhDeck *rh_deck_parser_load_resource (const char  *resource_path,
                                      GError     **error);

G_END_DECLS
