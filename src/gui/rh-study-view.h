/* rh-study-view.h
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rh-card-view.h"
#include "rh-study-session.h"

G_BEGIN_DECLS

#define RH_TYPE_STUDY_VIEW (rh_study_view_get_type ())

G_DECLARE_FINAL_TYPE (RhStudyView, rh_study_view, RH, STUDY_VIEW, GtkWidget)

void        rh_study_view_set_session   (RhStudyView    *self,
                                         RhStudySession *session,
                                         GSettings      *settings);
RhCardView *rh_study_view_get_card_view (RhStudyView    *self);
void        rh_study_view_retry_grade   (RhStudyView    *self);
void        rh_study_view_focus         (RhStudyView    *self);
void        rh_study_view_set_error     (RhStudyView    *self,
                                         const char     *title,
                                         const char     *message);

G_END_DECLS
