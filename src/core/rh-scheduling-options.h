/* rh-scheduling-options.h: what the learner chose: retention, limits, steps, rollover
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rh-scheduler.h"

G_BEGIN_DECLS

#define RH_TYPE_SCHEDULING_OPTIONS (rh_scheduling_options_get_type ())

G_DECLARE_FINAL_TYPE (RhSchedulingOptions, rh_scheduling_options, RH, SCHEDULING_OPTIONS, GObject)

RhSchedulingOptions *rh_scheduling_options_new             (void);
double               rh_scheduling_options_get_desired_retention (RhSchedulingOptions *self);
guint                rh_scheduling_options_get_new_per_day       (RhSchedulingOptions *self);
guint                rh_scheduling_options_get_reviews_per_day   (RhSchedulingOptions *self);
int                  rh_scheduling_options_get_rollover_hour     (RhSchedulingOptions *self);
RhScheduler         *rh_scheduling_options_make_scheduler        (RhSchedulingOptions *self,
                                                                  GTimeZone           *timezone);

G_END_DECLS
