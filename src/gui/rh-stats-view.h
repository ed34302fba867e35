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

void         rh_stats_view_set_session  (RhStatsView        *self,
                                         RhStudySession     *session);
void         rh_stats_view_set_scope    (RhStatsView        *self,
                                         const char * const *topic_ids);
guint        rh_stats_view_get_n_charts (RhStatsView        *self);
RhChartCard *rh_stats_view_get_chart    (RhStatsView        *self,
                                         guint               index);
const char  *rh_stats_view_get_page     (RhStatsView        *self);
void         rh_stats_view_refresh      (RhStatsView        *self);

G_END_DECLS
