/* rh-preferences-window.h
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rh-collection.h"
#include "rh-sync.h"

G_BEGIN_DECLS

#define RH_TYPE_PREFERENCES_WINDOW (rh_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (RhPreferencesWindow, rh_preferences_window, RH, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *rh_preferences_window_new                 (GtkWindow           *parent,
                                                      GSettings           *settings);
void       rh_preferences_window_set_background_note (RhPreferencesWindow *self,
                                                      const char          *note);
void       rh_preferences_window_set_collection      (RhPreferencesWindow *self,
                                                      RhCollection        *collection);
void       rh_preferences_window_set_sync            (RhPreferencesWindow *self,
                                                      RhSync              *sync);

G_END_DECLS
