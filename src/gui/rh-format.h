/* rh-format.h: times and numbers as people read them
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rh-clock.h"
#include "rh-deck.h"
#include "rh-types.h"

G_BEGIN_DECLS

char *rh_format_interval  (gint64 seconds);
char *rh_format_when      (RhClock *clock,
                           gint64   when);
char *rh_format_date_time (gint64 when);
char *rh_format_duration  (gint64 ms);
char *rh_format_percent   (double fraction);
const char *rh_format_state  (RhCardStateKind state,
                              gboolean        suspended);
const char *rh_format_rating (int             rating);
char *rh_format_backup_time (RhClock *clock,
                             gint64   when);
char *rh_format_reviews     (gint64   n);
char *rh_format_deck_size   (RhDeck  *deck);

G_END_DECLS
