/* rh-deck-markup.h: other programs' text in the deck format's markup
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  RH_MARKUP_TEXT,  /* plain text: a line break is one, a blank line ends a paragraph */
  RH_MARKUP_HTML,  /* Anki's fields */
} RhMarkupSource;

/* Each appends XML for a deck of format 2 (docs/deck-format.md) to @out,
 * escaped, with only the characters XML allows, and returns FALSE when
 * nothing would be shown (empty text, or only images, scripts and
 * styles): then what it appended is nothing a deck would refuse. */

/* The blocks of an <answer>: <p>, <list>, <pre lang="text">. */
gboolean rh_deck_markup_append_answer   (GString        *out,
                                         const char     *text,
                                         RhMarkupSource  source);
/* The content of a <question>: text and <br/>.  @plain, if not NULL, is
 * given the text without markup, its line breaks as spaces. */
gboolean rh_deck_markup_append_question (GString        *out,
                                         GString        *plain,
                                         const char     *text,
                                         RhMarkupSource  source);
/* Plain text for a <title> or an <area>: escaped, line breaks as spaces. */
gboolean rh_deck_markup_append_plain    (GString        *out,
                                         const char     *text);

G_END_DECLS
