/* rh-study-view-private.h: what the tests reach inside the widget
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rh-study-view.h"

G_BEGIN_DECLS

const char *rh_study_view_get_page      (RhStudyView    *self);

const char *rh_study_view_get_status_title (RhStudyView *self);
const char *rh_study_view_get_status_icon  (RhStudyView *self);

gboolean    rh_study_view_get_offering_reminders (RhStudyView *self);

G_END_DECLS
