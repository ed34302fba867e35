/* rh-chart.h
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
  RH_CHART_BARS,        /* vertical bars, labels below */
  RH_CHART_HBARS,       /* horizontal bars, labels beside: long names */
  RH_CHART_LINES,       /* one or two lines over the same points */
  RH_CHART_HEATMAP,     /* days in weeks: seven rows, a column a week */
} RhChartKind;

typedef enum {
  RH_CHART_COUNT,
  RH_CHART_PERCENT,     /* values are fractions 0..1 */
} RhChartFormat;

/* Colours by role, from the Adwaita palette, each with a light and a dark
 * variant. */
typedef enum {
  RH_CHART_BLUE,
  RH_CHART_GREEN,
  RH_CHART_YELLOW,
  RH_CHART_ORANGE,
  RH_CHART_RED,
  RH_CHART_PURPLE,
  RH_CHART_GRAY,
} RhChartColor;

typedef enum {
  RH_CHART_PNG,
  RH_CHART_SVG,
} RhChartFileType;

#define RH_TYPE_CHART (rh_chart_get_type ())

G_DECLARE_FINAL_TYPE (RhChart, rh_chart, RH, CHART, GtkWidget)

GtkWidget *rh_chart_new            (RhChartKind         kind);
void       rh_chart_set_kind       (RhChart            *self,
                                    RhChartKind         kind);
void       rh_chart_set_format     (RhChart            *self,
                                    RhChartFormat       format);
void       rh_chart_set_labels     (RhChart            *self,
                                    const char * const *labels);
void       rh_chart_set_axis_labels (RhChart           *self,
                                    const char * const *labels);
void       rh_chart_set_series     (RhChart            *self,
                                    guint               index,
                                    const char         *name,
                                    const double       *values,
                                    guint               n_values,
                                    RhChartColor        color);
void       rh_chart_set_point_colors (RhChart          *self,
                                    const RhChartColor *colors,
                                    guint               n_colors);
void       rh_chart_set_tooltips   (RhChart            *self,
                                    const char * const *tooltips);
void       rh_chart_set_reference  (RhChart            *self,
                                    double              value,
                                    const char         *label);
void       rh_chart_set_y_max      (RhChart            *self,
                                    double              y_max);
void       rh_chart_set_heatmap    (RhChart            *self,
                                    const double       *values,
                                    guint               n_days,
                                    int                 first_weekday);
void       rh_chart_draw           (RhChart            *self,
                                    cairo_t            *cr,
                                    double              width,
                                    double              height,
                                    gboolean            dark);
guint      rh_chart_get_n_points   (RhChart            *self);
gboolean   rh_chart_save           (RhChart            *self,
                                    const char         *path,
                                    RhChartFileType     type,
                                    int                 width,
                                    int                 height,
                                    gboolean            dark,
                                    GError            **error);

G_END_DECLS
