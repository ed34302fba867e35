/* rh-application.h
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rh-clock.h"
#include "rh-sync.h"

G_BEGIN_DECLS

#define RH_TYPE_APPLICATION (rh_application_get_type ())

G_DECLARE_FINAL_TYPE (RhApplication, rh_application, RH, APPLICATION, AdwApplication)

RhApplication *rh_application_new       (void);
void           rh_application_set_clock (RhApplication *self,
                                         RhClock       *clock);
RhSync        *rh_application_get_sync  (RhApplication *self);

G_END_DECLS
