/* rh-deck-dialogs.h: Add Deck…, Remove Deck, a deck's information
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rh-collection.h"

G_BEGIN_DECLS

/* Said when it went well: a toast's text, and the id of a deck just
 * removed (for the toast's Undo), or NULL. */
typedef void (*RhDeckDone) (const char *message,
                            const char *removed_id,
                            gpointer    user_data);

void rh_deck_dialogs_add      (GtkWindow    *parent,
                               RhCollection *collection,
                               RhDeckDone    done,
                               gpointer      user_data);
void rh_deck_dialogs_add_file (GtkWindow    *parent,
                               RhCollection *collection,
                               const char   *path,
                               const char   *title,
                               RhDeckDone    done,
                               gpointer      user_data);
void rh_deck_dialogs_remove   (GtkWindow    *parent,
                               RhCollection *collection,
                               const char   *deck_id,
                               RhDeckDone    done,
                               gpointer      user_data);
void rh_deck_dialogs_info     (GtkWindow    *parent,
                               RhCollection *collection,
                               const char   *deck_id);

G_END_DECLS
