/* rh-clock-private.h: what the tests reach inside the clock
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rh-clock.h"

G_BEGIN_DECLS

void _rh_clock_set_localtime_path (RhClock    *self,
                                   const char *path);
void _rh_clock_look               (RhClock    *self);

G_END_DECLS
