/* rh-settings.h: the learner's GSettings, bound to the core's options
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rh-reminders.h"
#include "rh-scheduling-options.h"

G_BEGIN_DECLS

void rh_settings_bind_options   (GSettings           *settings,
                                 RhSchedulingOptions *options);
void rh_settings_bind_reminders (GSettings           *settings,
                                 RhReminders         *reminders);

G_END_DECLS
