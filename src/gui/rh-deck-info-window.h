/* rh-deck-info-window.h
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rh-deck-source.h"

G_BEGIN_DECLS

#define RH_TYPE_DECK_INFO_WINDOW (rh_deck_info_window_get_type ())

G_DECLARE_FINAL_TYPE (RhDeckInfoWindow, rh_deck_info_window, RH, DECK_INFO_WINDOW, AdwWindow)

GtkWidget *rh_deck_info_window_new (GtkWindow    *parent,
                                    RhDeckSource *source);

G_END_DECLS
