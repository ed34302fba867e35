/* rh-card-view-private.h: what the tests reach inside the widget
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rh-card-view.h"

G_BEGIN_DECLS

RhCard    *rh_card_view_get_card            (RhCardView     *self);
gboolean   rh_card_view_get_revealed        (RhCardView     *self);
void       rh_card_view_tick_key_areas      (RhCardView     *self,
                                             guint           n);
int        rh_card_view_get_suggested_grade (RhCardView     *self);
const char *rh_card_view_get_counts_markup  (RhCardView     *self);

G_END_DECLS
