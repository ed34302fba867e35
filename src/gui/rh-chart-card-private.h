/* rh-chart-card-private.h: what the tests reach inside the widget
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rh-chart-card.h"

G_BEGIN_DECLS

const char *rh_chart_card_get_name   (RhChartCard *self);
const char *rh_chart_card_get_summary (RhChartCard *self);

G_END_DECLS
