/* rh-window-private.h: what the tests reach inside the window
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rh-study-session.h"
#include "rh-window.h"

G_BEGIN_DECLS

RhCollection   *rh_window_get_collection (RhWindow *self);
RhStudySession *rh_window_get_session    (RhWindow *self);

G_END_DECLS
