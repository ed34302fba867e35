/* rh-deck-library.h: every deck the learner has, from wherever it comes
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rh-deck-source.h"

G_BEGIN_DECLS

#define RH_TYPE_DECK_LIBRARY (rh_deck_library_get_type ())

G_DECLARE_FINAL_TYPE (RhDeckLibrary, rh_deck_library, RH, DECK_LIBRARY, GObject)

RhDeckLibrary *rh_deck_library_new               (void);
GListModel    *rh_deck_library_get_sources       (RhDeckLibrary     *self);
RhDeckSource  *rh_deck_library_lookup            (RhDeckLibrary     *self,
                                                  const char        *deck_id);
GPtrArray     *rh_deck_library_dup_usable_decks  (RhDeckLibrary     *self);
gboolean       rh_deck_library_load_resource     (RhDeckLibrary     *self,
                                                  const char        *resource_path,
                                                  GError           **error);
gboolean       rh_deck_library_add_resource      (RhDeckLibrary     *self,
                                                  const char        *resource_path,
                                                  RhDeck            *deck,
                                                  const GError      *load_error,
                                                  GError           **error);
void           rh_deck_library_add_deck          (RhDeckLibrary     *self,
                                                  RhDeck            *deck);
void           rh_deck_library_add_folder        (RhDeckLibrary     *self,
                                                  const char        *path,
                                                  RhDeckSourceKind   kind);
void           rh_deck_library_add_standard_folders (RhDeckLibrary *self);
void           rh_deck_library_add_standard_folders_in_background (RhDeckLibrary *self);
gboolean       rh_deck_library_get_loading       (RhDeckLibrary     *self);
const char    *rh_deck_library_get_user_folder   (RhDeckLibrary     *self);
void           rh_deck_library_watch             (RhDeckLibrary     *self);
RhDeckSource  *rh_deck_library_reload_file       (RhDeckLibrary     *self,
                                                  const char        *path);
RhDeckSource  *rh_deck_library_add_file          (RhDeckLibrary     *self,
                                                  const char        *path,
                                                  const char        *title,
                                                  char             **notice,
                                                  gboolean          *brought_back,
                                                  GError           **error);
const char * const *rh_deck_library_get_hidden_decks (RhDeckLibrary *self);
void           rh_deck_library_set_hidden_decks  (RhDeckLibrary      *self,
                                                  const char * const *deck_ids);
void           rh_deck_library_set_deck_hidden   (RhDeckLibrary     *self,
                                                  const char        *deck_id,
                                                  gboolean           hidden);

G_END_DECLS
