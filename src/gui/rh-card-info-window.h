/* rh-card-info-window.h
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rh-collection.h"

G_BEGIN_DECLS

#define RH_TYPE_CARD_INFO_WINDOW (rh_card_info_window_get_type ())

G_DECLARE_FINAL_TYPE (RhCardInfoWindow, rh_card_info_window, RH, CARD_INFO_WINDOW, AdwWindow)

GtkWidget *rh_card_info_window_new (GtkWindow    *parent,
                                    RhCollection *collection,
                                    RhCard       *card);

G_END_DECLS
