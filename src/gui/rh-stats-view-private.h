/* rh-stats-view-private.h: what the tests reach inside the widget
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rh-stats-view.h"

G_BEGIN_DECLS

guint        rh_stats_view_get_n_charts (RhStatsView        *self);
RhChartCard *rh_stats_view_get_chart    (RhStatsView        *self,
                                         guint               index);
const char  *rh_stats_view_get_page     (RhStatsView        *self);
void         rh_stats_view_refresh      (RhStatsView        *self);

G_END_DECLS
