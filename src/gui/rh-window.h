/* rh-window.h
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rh-collection.h"
#include "rh-sync.h"

G_BEGIN_DECLS

#define RH_TYPE_WINDOW (rh_window_get_type ())

G_DECLARE_FINAL_TYPE (RhWindow, rh_window, RH, WINDOW, AdwApplicationWindow)

RhWindow *rh_window_new (GtkApplication *application,
                         RhCollection   *collection,
                         GSettings      *settings);
void      rh_window_set_sync (RhWindow       *self,
                              RhSync         *sync);

G_END_DECLS
