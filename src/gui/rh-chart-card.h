/* rh-chart-card.h
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rh-chart.h"

G_BEGIN_DECLS

#define RH_TYPE_CHART_CARD (rh_chart_card_get_type ())

G_DECLARE_FINAL_TYPE (RhChartCard, rh_chart_card, RH, CHART_CARD, GtkWidget)

GtkWidget *rh_chart_card_new         (const char  *name,
                                      const char  *title,
                                      const char  *how_to_read,
                                      RhChartKind  kind);
RhChart   *rh_chart_card_get_chart   (RhChartCard *self);
void       rh_chart_card_set_summary (RhChartCard *self,
                                      const char  *summary);

G_END_DECLS
