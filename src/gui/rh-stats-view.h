/* rh-stats-view.h
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rh-chart-card.h"
#include "rh-stats.h"

G_BEGIN_DECLS

#define RH_TYPE_STATS_VIEW (rh_stats_view_get_type ())

G_DECLARE_FINAL_TYPE (RhStatsView, rh_stats_view, RH, STATS_VIEW, GtkWidget)

void         rh_stats_view_set_collection (RhStatsView      *self,
                                           RhCollection     *collection);
void         rh_stats_view_set_scope    (RhStatsView        *self,
                                         const char * const *topic_ids);

G_END_DECLS
