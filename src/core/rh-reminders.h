/* rh-reminders.h: notifications that bring due cards back
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rh-collection.h"

G_BEGIN_DECLS

#define RH_TYPE_REMINDERS (rh_reminders_get_type ())

G_DECLARE_FINAL_TYPE (RhReminders, rh_reminders, RH, REMINDERS, GObject)

/* The ids its notifications are sent under. */
#define RH_REMINDERS_NOTIFICATION "reminder"
#define RH_REMINDERS_ERROR_NOTIFICATION "data-error"

RhReminders *rh_reminders_new              (GApplication *application,
                                            RhCollection *collection);
void         rh_reminders_check            (RhReminders  *self);
void         rh_reminders_snooze           (RhReminders  *self);
guint        rh_reminders_count_due        (RhReminders  *self);
gboolean     rh_reminders_is_quiet         (RhReminders  *self,
                                            gint64        unix_time);
gboolean     rh_reminders_is_shown         (RhReminders  *self);
const char  *rh_reminders_get_card_id      (RhReminders  *self);

G_END_DECLS
