/* rh-clock.h: an injectable "now" and study-day arithmetic
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RH_TYPE_CLOCK (rh_clock_get_type ())

G_DECLARE_FINAL_TYPE (RhClock, rh_clock, RH, CLOCK, GObject)

#define RH_SECONDS_PER_DAY 86400

RhClock    *rh_clock_new_system       (void);
RhClock    *rh_clock_new_fake         (gint64      now,
                                       GTimeZone  *timezone);
gboolean    rh_clock_is_fake          (RhClock    *self);
gint64      rh_clock_now              (RhClock    *self);
void        rh_clock_set_now          (RhClock    *self,
                                       gint64      now);
void        rh_clock_advance          (RhClock    *self,
                                       gint64      seconds);
GTimeZone  *rh_clock_get_timezone     (RhClock    *self);
int         rh_clock_get_rollover_hour (RhClock   *self);
void        rh_clock_set_rollover_hour (RhClock   *self,
                                        int        hour);
void        rh_clock_wake_at          (RhClock    *self,
                                       gint64      when);
gint64      rh_clock_study_day        (RhClock    *self,
                                       gint64      unix_time);
gint64      rh_clock_today            (RhClock    *self);
gint64      rh_clock_day_start        (RhClock    *self,
                                       gint64      study_day);

gint64      rh_study_day              (gint64      unix_time,
                                       GTimeZone  *timezone,
                                       int         rollover_hour);
gint64      rh_study_day_start        (gint64      study_day,
                                       GTimeZone  *timezone,
                                       int         rollover_hour);

G_END_DECLS
