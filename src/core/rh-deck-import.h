/* rh-deck-import.h: decks from other people's cards (CSV, TSV, Anki's plain text)
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rh-deck.h"

G_BEGIN_DECLS

#define RH_DECK_IMPORT_ERROR (rh_deck_import_error_quark ())

/* Errors about the deck a file holds are RH_DECK_ERRORs (from the deck
 * parser, for XML files); these are about converting and adding one. */
typedef enum {
  RH_DECK_IMPORT_ERROR_EMPTY,      /* an empty file, or one without a card */
  RH_DECK_IMPORT_ERROR_ENCODING,   /* not text in an encoding Rehearse reads */
  RH_DECK_IMPORT_ERROR_SYNTAX,     /* a record that does not fit the file's columns or quotes */
  RH_DECK_IMPORT_ERROR_DUPLICATE,  /* two cards that would have one id */
  RH_DECK_IMPORT_ERROR_TOO_LARGE,  /* the deck it makes would be over RH_DECK_MAX_BYTES */
  RH_DECK_IMPORT_ERROR_EXISTS,     /* a deck with its id, or a file with its name, is there */
  RH_DECK_IMPORT_ERROR_WRITE,      /* the deck folder cannot be written */
} RhDeckImportError;

typedef enum {
  RH_DECK_FORMAT_XML,    /* a deck already */
  RH_DECK_FORMAT_CSV,    /* comma- or semicolon-separated */
  RH_DECK_FORMAT_TSV,    /* tab-separated */
  RH_DECK_FORMAT_ANKI,   /* Anki's "Notes in Plain Text", with its #header lines */
} RhDeckFormat;

GQuark   rh_deck_import_error_quark (void);

/* "platform_onboarding.csv" -> "platform onboarding": the title a deck
 * converted from @path gets when the user names none. */
char    *rh_deck_import_title_for_path (const char *path);

/* The deck XML (format 2) that @source, a CSV, TSV or Anki text file,
 * converts to, titled @title (NULL: from @display_name); an XML deck is
 * given back as it is.  @notice, if not NULL, is set to what the user
 * should know about a conversion that went through (one line each), or
 * NULL.  Errors name @display_name and the line. */
GBytes  *rh_deck_import_convert     (GBytes        *source,
                                     const char    *display_name,
                                     const char    *title,
                                     RhDeckFormat  *kind,
                                     char         **notice,
                                     GError       **error);

/* The deck in the file at @path, converted if need be and loaded with the
 * deck parser: what --check-deck reports and rh_deck_import_add() adds.
 * @xml, if not NULL, is set to the deck's bytes. */
RhDeck  *rh_deck_import_load        (const char    *path,
                                     const char    *title,
                                     GBytes       **xml,
                                     char         **notice,
                                     GError       **error);

/* $XDG_DATA_HOME/rehearse/decks: where added decks go. */
char    *rh_deck_import_user_dir    (void);

/* Adds the deck in @source_path (XML, checked and copied as it is; CSV,
 * TSV or Anki text, converted) to @decks_dir as "<deck id>.xml", whole or
 * not at all (a temporary file renamed into place).  Refused, naming both
 * files, when a deck there or in a system deck folder has the same id
 * (the built-in deck's included) or a file has that name.  @out_path is
 * set to the file written. */
gboolean rh_deck_import_add         (const char    *source_path,
                                     const char    *title,
                                     const char    *decks_dir,
                                     char         **out_path,
                                     char         **notice,
                                     GError       **error);

G_END_DECLS
