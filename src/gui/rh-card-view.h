/* rh-card-view.h
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rh-study-session.h"

G_BEGIN_DECLS

#define RH_TYPE_CARD_VIEW (rh_card_view_get_type ())

G_DECLARE_FINAL_TYPE (RhCardView, rh_card_view, RH, CARD_VIEW, GtkWidget)

GtkWidget *rh_card_view_new                 (void);
void       rh_card_view_set_session         (RhCardView     *self,
                                             RhStudySession *session);
void       rh_card_view_focus               (RhCardView     *self);
gboolean   rh_card_view_retry               (RhCardView     *self);

G_END_DECLS
