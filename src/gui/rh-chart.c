/* rh-chart.c: bars, lines and a calendar heatmap, drawn with cairo
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One widget draws every chart of the statistics pane; each chart is its
 * configuration (kind, values, labels, colours).  The same drawing code
 * paints the widget and writes PNG and SVG files, so a saved chart is what
 * was on screen.  Counts start at zero and percentages span 0-100%: the
 * axes never exaggerate a difference.
 */
#define G_LOG_DOMAIN "rehearse-chart"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>

#include "rh-chart.h"

#define MAX_SERIES 2
#define PAD 8.0
#define FONT_SIZE 9.0

typedef struct {
  char *name;
  GArray *values;        /* double; NAN where there is no value */
  RhChartColor color;
} Series;

struct _RhChart {
  GtkWidget parent_instance;

  RhChartKind kind;
  RhChartFormat format;
  GPtrArray *labels;       /* a name per point: bars, tooltips */
  GPtrArray *axis_labels;  /* sparse labels along the axis, "" for none */
  GPtrArray *tooltips;
  Series series[MAX_SERIES];
  guint n_series;
  GArray *point_colors;
  double reference;
  char *reference_label;
  double y_max;
  int first_weekday;       /* heatmap: 0 Monday .. 6 Sunday, of the first day */
  int hover;
};

G_DEFINE_FINAL_TYPE (RhChart, rh_chart, GTK_TYPE_WIDGET)

typedef struct {
  double x, y, width, height;   /* the plot area */
  double slot;                  /* width (or height) per point */
  double cell;                  /* heatmap cell */
  guint n;                      /* points */
  double y_max;
} Geometry;

/* --- Colours --------------------------------------------------------------- */

static const char * const palette[][2] = {
  /* light, dark: Adwaita's named colours */
  [RH_CHART_BLUE] = { "#3584e4", "#78aeed" },
  [RH_CHART_GREEN] = { "#26a269", "#57e389" },
  [RH_CHART_YELLOW] = { "#c88800", "#f8e45c" },
  [RH_CHART_ORANGE] = { "#e66100", "#ffa348" },
  [RH_CHART_RED] = { "#c01c28", "#f66151" },
  [RH_CHART_PURPLE] = { "#813d9c", "#c061cb" },
  [RH_CHART_GRAY] = { "#77767b", "#9a9996" },
};

static void
set_color (cairo_t      *cr,
           RhChartColor  color,
           gboolean      dark,
           double        alpha)
{
  GdkRGBA rgba;

  gdk_rgba_parse (&rgba, palette[color][dark ? 1 : 0]);
  cairo_set_source_rgba (cr, rgba.red, rgba.green, rgba.blue, alpha);
}

static void
set_fg (cairo_t  *cr,
        gboolean  dark,
        double    alpha)
{
  if (dark)
    cairo_set_source_rgba (cr, 1, 1, 1, alpha);
  else
    cairo_set_source_rgba (cr, 0, 0, 0, alpha * 0.85);
}

/* --- Text ------------------------------------------------------------------ */

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *text,
             gboolean    bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Cantarell, Sans");

  pango_font_description_set_absolute_size (font, FONT_SIZE * PANGO_SCALE * 1.25);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Draws @text with its anchor (xalign, yalign in 0..1) at x, y. */
static void
draw_text (cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      xalign,
           double      yalign,
           double      max_width)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, text, FALSE);
  int w, h;

  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int)(max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - xalign * w, y - yalign * h);
  pango_cairo_show_layout (cr, layout);
}

static double
text_width (cairo_t    *cr,
            const char *text)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, text, FALSE);
  int w;

  pango_layout_get_pixel_size (layout, &w, NULL);
  return w;
}

static char *
format_value (RhChart *self,
              double   value)
{
  if (self->format == RH_CHART_PERCENT)
    return g_strdup_printf (_("%.0f%%"), value * 100);
  return g_strdup_printf ("%.0f", value);
}

/* --- Geometry -------------------------------------------------------------- */

static guint
n_points (RhChart *self)
{
  if (self->kind == RH_CHART_HEATMAP)
    return self->series[0].values != NULL ? self->series[0].values->len : 0;
  return self->n_series > 0 ? self->series[0].values->len : 0;
}

static double
value_at (RhChart *self,
          guint    series,
          guint    index)
{
  GArray *values = self->series[series].values;

  return values != NULL && index < values->len ? g_array_index (values, double, index) : NAN;
}

/* A round top for a count axis: 1, 2 or 5 times a power of ten. */
static double
nice_max (double max)
{
  double magnitude, steps[] = { 1, 2, 5, 10 };

  if (max <= 4)
    return 4;
  magnitude = pow (10, floor (log10 (max)));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * magnitude >= max)
      return steps[i] * magnitude;
  return 10 * magnitude;
}

static double
data_max (RhChart *self)
{
  double max = 0;

  if (!isnan (self->y_max))
    return self->y_max;
  if (self->format == RH_CHART_PERCENT)
    return 1.0;
  for (guint s = 0; s < self->n_series; s++)
    for (guint i = 0; i < self->series[s].values->len; i++)
      if (!isnan (value_at (self, s, i)))
        max = MAX (max, value_at (self, s, i));
  return nice_max (max);
}

static gboolean
has_legend (RhChart *self)
{
  return self->kind == RH_CHART_LINES && (self->n_series > 1 || self->reference_label != NULL);
}

static void
compute_geometry (RhChart  *self,
                  cairo_t  *cr,
                  double    width,
                  double    height,
                  Geometry *g)
{
  double left = PAD, bottom = PAD, top = PAD, right = PAD;

  g->n = n_points (self);
  g->y_max = data_max (self);

  switch (self->kind)
    {
    case RH_CHART_HEATMAP:
      {
        guint columns = (self->first_weekday + g->n + 6) / 7;

        left = text_width (cr, _("Mon")) + PAD;
        top = FONT_SIZE * 1.6 + PAD;
        g->cell = MIN ((width - left - right) / MAX (columns, 1), (height - top - bottom) / 7.0);
        g->x = left;
        g->y = top;
        g->width = g->cell * columns;
        g->height = g->cell * 7;
        g->slot = g->cell;
        return;
      }

    case RH_CHART_HBARS:
      {
        double label_width = 0;

        for (guint i = 0; i < g->n && i < self->labels->len; i++)
          label_width = MAX (label_width, text_width (cr, g_ptr_array_index (self->labels, i)));
        left = MIN (label_width, width * 0.45) + 2 * PAD;
        right = text_width (cr, "100%") + 2 * PAD;
        g->x = left;
        g->y = top;
        g->width = MAX (width - left - right, 1);
        g->height = MAX (height - top - bottom, 1);
        g->slot = g->n > 0 ? g->height / g->n : g->height;
        return;
      }

    case RH_CHART_BARS:
    case RH_CHART_LINES:
    default:
      {
        g_autofree char *top_label = format_value (self, g->y_max);

        left = text_width (cr, top_label) + 2 * PAD;
        bottom = FONT_SIZE * 1.6 + 2 * PAD;
        if (has_legend (self))
          top = FONT_SIZE * 1.6 + 2 * PAD;
        g->x = left;
        g->y = top;
        g->width = MAX (width - left - right, 1);
        g->height = MAX (height - top - bottom, 1);
        g->slot = g->n > 0 ? g->width / g->n : g->width;
        return;
      }
    }
}

static double
y_of (const Geometry *g,
      double          value)
{
  return g->y + g->height - (value / (g->y_max > 0 ? g->y_max : 1)) * g->height;
}

/* The point under x, y, or -1. */
static int
hit (RhChart        *self,
     const Geometry *g,
     double          x,
     double          y)
{
  int index = -1;

  if (g->n == 0 || x < g->x || x >= g->x + g->width || y < g->y || y >= g->y + g->height)
    return -1;
  switch (self->kind)
    {
    case RH_CHART_HEATMAP:
      {
        int column = (int)((x - g->x) / g->cell);
        int row = (int)((y - g->y) / g->cell);

        index = column * 7 + row - self->first_weekday;
        break;
      }
    case RH_CHART_HBARS:
      index = (int)((y - g->y) / g->slot);
      break;
    case RH_CHART_BARS:
    case RH_CHART_LINES:
    default:
      index = (int)((x - g->x) / g->slot);
      break;
    }
  return index >= 0 && (guint)index < g->n ? index : -1;
}

/* --- Drawing --------------------------------------------------------------- */

static void
draw_y_grid (RhChart        *self,
             cairo_t        *cr,
             const Geometry *g,
             gboolean        dark)
{
  for (int i = 0; i <= 4; i++)
    {
      double value = g->y_max * i / 4.0;
      double y = round (y_of (g, value)) + 0.5;
      g_autofree char *label = format_value (self, value);

      set_fg (cr, dark, i == 0 ? 0.3 : 0.1);
      cairo_move_to (cr, g->x, y);
      cairo_line_to (cr, g->x + g->width, y);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
      set_fg (cr, dark, 0.6);
      draw_text (cr, label, g->x - PAD, y, 1.0, 0.5, 0);
    }
}

static void
draw_x_labels (RhChart        *self,
               cairo_t        *cr,
               const Geometry *g,
               gboolean        dark)
{
  set_fg (cr, dark, 0.6);
  for (guint i = 0; i < g->n && i < self->axis_labels->len; i++)
    {
      const char *label = g_ptr_array_index (self->axis_labels, i);

      if (label != NULL && label[0] != '\0')
        draw_text (cr, label, g->x + (i + 0.5) * g->slot, g->y + g->height + PAD, 0.5, 0.0, 0);
    }
}

static void
draw_reference (RhChart        *self,
                cairo_t        *cr,
                const Geometry *g,
                gboolean        dark)
{
  double dash[] = { 5, 4 };
  double y;

  if (isnan (self->reference))
    return;
  y = round (y_of (g, self->reference)) + 0.5;
  set_color (cr, RH_CHART_RED, dark, 0.8);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, g->x, y);
  cairo_line_to (cr, g->x + g->width, y);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

static void
draw_legend (RhChart        *self,
             cairo_t        *cr,
             const Geometry *g,
             gboolean        dark)
{
  double x = g->x;
  double y = PAD + FONT_SIZE * 0.8;

  if (!has_legend (self))
    return;
  for (guint s = 0; s <= self->n_series; s++)
    {
      const char *name = s < self->n_series ? self->series[s].name : self->reference_label;

      if (name == NULL)
        continue;
      if (s < self->n_series)
        set_color (cr, self->series[s].color, dark, 1);
      else
        set_color (cr, RH_CHART_RED, dark, 0.8);
      cairo_set_line_width (cr, 2.5);
      if (s == 1 || s == self->n_series)
        cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + 14, y);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      set_fg (cr, dark, 0.75);
      draw_text (cr, name, x + 18, y, 0, 0.5, 0);
      x += 18 + text_width (cr, name) + 2 * PAD;
    }
}

static RhChartColor
point_color (RhChart *self,
             guint    index)
{
  if (self->point_colors != NULL && index < self->point_colors->len)
    return g_array_index (self->point_colors, RhChartColor, index);
  return self->series[0].color;
}

static void
draw_bars (RhChart        *self,
           cairo_t        *cr,
           const Geometry *g,
           gboolean        dark)
{
  draw_y_grid (self, cr, g, dark);
  for (guint i = 0; i < g->n; i++)
    {
      double value = value_at (self, 0, i);
      double gap = MIN (g->slot * 0.2, 6);
      double top;

      if (isnan (value) || value <= 0)
        continue;
      top = y_of (g, MIN (value, g->y_max));
      set_color (cr, point_color (self, i), dark, (int)i == self->hover ? 0.65 : 1.0);
      cairo_rectangle (cr, g->x + i * g->slot + gap / 2, top, MAX (g->slot - gap, 1), g->y + g->height - top);
      cairo_fill (cr);
    }
  draw_reference (self, cr, g, dark);
  draw_x_labels (self, cr, g, dark);
}

static void
draw_hbars (RhChart        *self,
            cairo_t        *cr,
            const Geometry *g,
            gboolean        dark)
{
  for (guint i = 0; i < g->n; i++)
    {
      double value = value_at (self, 0, i);
      double bar = MIN (g->slot * 0.6, 18);
      double cy = g->y + (i + 0.5) * g->slot;
      double length = isnan (value) ? 0 : g->width * MIN (value, g->y_max) / (g->y_max > 0 ? g->y_max : 1);
      g_autofree char *text = isnan (value) ? g_strdup ("—") : format_value (self, value);

      set_fg (cr, dark, 0.08);
      cairo_rectangle (cr, g->x, cy - bar / 2, g->width, bar);
      cairo_fill (cr);
      set_color (cr, point_color (self, i), dark, (int)i == self->hover ? 0.65 : 1.0);
      cairo_rectangle (cr, g->x, cy - bar / 2, length, bar);
      cairo_fill (cr);
      set_fg (cr, dark, 0.75);
      if (i < self->labels->len)
        draw_text (cr, g_ptr_array_index (self->labels, i), g->x - PAD, cy, 1.0, 0.5, g->x - 2 * PAD);
      draw_text (cr, text, g->x + g->width + PAD, cy, 0.0, 0.5, 0);
    }
  draw_reference (self, cr, g, dark);
}

static void
draw_lines (RhChart        *self,
            cairo_t        *cr,
            const Geometry *g,
            gboolean        dark)
{
  draw_y_grid (self, cr, g, dark);
  draw_reference (self, cr, g, dark);
  /* The second series is dashed and drawn over the first, so that where
   * the two agree both stay visible. */
  for (guint s = 0; s < self->n_series; s++)
    {
      gboolean drawing = FALSE;
      double dash[] = { 6, 4 };

      set_color (cr, self->series[s].color, dark, 1);
      cairo_set_line_width (cr, 2.5);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_dash (cr, dash, s == 1 ? G_N_ELEMENTS (dash) : 0, 0);
      for (guint i = 0; i < g->n; i++)
        {
          double value = value_at (self, s, i);
          double x = g->x + (i + 0.5) * g->slot;

          /* No value, no line: a gap is drawn as a gap. */
          if (isnan (value))
            {
              drawing = FALSE;
              continue;
            }
          if (drawing)
            cairo_line_to (cr, x, y_of (g, value));
          else
            cairo_move_to (cr, x, y_of (g, value));
          drawing = TRUE;
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      for (guint i = 0; i < g->n && s == 0; i++)
        {
          double value = value_at (self, s, i);

          if (isnan (value))
            continue;
          cairo_arc (cr, g->x + (i + 0.5) * g->slot, y_of (g, value), (int)i == self->hover ? 4.5 : 3, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }
  draw_legend (self, cr, g, dark);
  draw_x_labels (self, cr, g, dark);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static void
draw_heatmap (RhChart        *self,
              cairo_t        *cr,
              const Geometry *g,
              gboolean        dark)
{
  g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (double));
  double q[3] = { 1, 1, 1 };
  const char *days[] = { N_("Mon"), N_("Wed"), N_("Fri") };

  /* Shades by quartile of the busy days, so one marathon does not pale
   * every other day. */
  for (guint i = 0; i < g->n; i++)
    if (value_at (self, 0, i) > 0)
      g_array_append_val (sorted, g_array_index (self->series[0].values, double, i));
  if (sorted->len > 0)
    {
      g_array_sort (sorted, compare_doubles);
      for (guint k = 0; k < 3; k++)
        q[k] = g_array_index (sorted, double, (sorted->len - 1) * (k + 1) / 4);
    }

  for (guint i = 0; i < g->n; i++)
    {
      guint slot = i + self->first_weekday;
      double x = g->x + (slot / 7) * g->cell;
      double y = g->y + (slot % 7) * g->cell;
      double value = value_at (self, 0, i);
      double gap = MAX (g->cell * 0.15, 1);

      if (value <= 0 || isnan (value))
        set_fg (cr, dark, 0.08);
      else
        set_color (cr, RH_CHART_GREEN, dark,
                   value <= q[0] ? 0.35 : value <= q[1] ? 0.55 : value <= q[2] ? 0.78 : 1.0);
      cairo_rectangle (cr, x + gap / 2, y + gap / 2, g->cell - gap, g->cell - gap);
      cairo_fill (cr);
      if ((int)i == self->hover)
        {
          set_fg (cr, dark, 0.9);
          cairo_set_line_width (cr, 1.5);
          cairo_rectangle (cr, x + gap / 2, y + gap / 2, g->cell - gap, g->cell - gap);
          cairo_stroke (cr);
        }
    }

  set_fg (cr, dark, 0.6);
  for (guint r = 0; r < G_N_ELEMENTS (days); r++)
    draw_text (cr, _(days[r]), g->x - PAD / 2, g->y + (2 * r + 0.5) * g->cell, 1.0, 0.5, 0);
  /* Month names over the first week of each month. */
  for (guint c = 0; c < self->axis_labels->len; c++)
    {
      const char *label = g_ptr_array_index (self->axis_labels, c);

      if (label != NULL && label[0] != '\0')
        draw_text (cr, label, g->x + c * g->cell, g->y - PAD / 2, 0.0, 1.0, 0);
    }
}

/* Draws the chart on @cr: the one drawing used on screen and in files. */
void
rh_chart_draw (RhChart  *self,
               cairo_t  *cr,
               double    width,
               double    height,
               gboolean  dark)
{
  Geometry g;

  compute_geometry (self, cr, width, height, &g);
  if (g.n == 0)
    return;
  switch (self->kind)
    {
    case RH_CHART_HEATMAP:
      draw_heatmap (self, cr, &g, dark);
      break;
    case RH_CHART_HBARS:
      draw_hbars (self, cr, &g, dark);
      break;
    case RH_CHART_LINES:
      draw_lines (self, cr, &g, dark);
      break;
    case RH_CHART_BARS:
    default:
      draw_bars (self, cr, &g, dark);
      break;
    }
}

/* --- Widget ---------------------------------------------------------------- */

static void
rh_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  RhChart *self = RH_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  rh_chart_draw (self, cr, width, height, adw_style_manager_get_dark (adw_style_manager_get_default ()));
  cairo_destroy (cr);
}

static void
rh_chart_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  RhChart *self = RH_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 480;
    }
  else if (self->kind == RH_CHART_HBARS)
    *minimum = *natural = MAX (60, (int)n_points (self) * 24 + 16);
  else if (self->kind == RH_CHART_HEATMAP)
    {
      /* Square days across the whole width: seven rows of width / weeks. */
      guint weeks = (self->first_weekday + n_points (self) + 6) / 7;

      *minimum = for_size > 0 && weeks > 0 ? CLAMP ((int)((for_size - 40) * 7.0 / weeks) + 34, 100, 220) : 140;
      *natural = *minimum;
    }
  else
    {
      *minimum = 160;
      *natural = 200;
    }
}

static GtkSizeRequestMode
rh_chart_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static int
hit_widget (RhChart *self,
            double   x,
            double   y)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  Geometry g;
  int index;

  compute_geometry (self, cr, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)), &g);
  index = hit (self, &g, x, y);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return index;
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           RhChart                  *self)
{
  int index = hit_widget (self, x, y);

  if (index != self->hover)
    {
      self->hover = index;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
leave_cb (GtkEventControllerMotion *motion,
          RhChart                  *self)
{
  self->hover = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
query_tooltip_cb (RhChart    *self,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip)
{
  int index = hit_widget (self, x, y);

  if (index < 0 || (guint)index >= self->tooltips->len)
    return FALSE;
  gtk_tooltip_set_text (tooltip, g_ptr_array_index (self->tooltips, index));
  return TRUE;
}

static void
clear_series (Series *series)
{
  g_clear_pointer (&series->name, g_free);
  g_clear_pointer (&series->values, g_array_unref);
}

static void
rh_chart_finalize (GObject *object)
{
  RhChart *self = RH_CHART (object);

  for (guint s = 0; s < MAX_SERIES; s++)
    clear_series (&self->series[s]);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->axis_labels, g_ptr_array_unref);
  g_clear_pointer (&self->tooltips, g_ptr_array_unref);
  g_clear_pointer (&self->point_colors, g_array_unref);
  g_free (self->reference_label);

  G_OBJECT_CLASS (rh_chart_parent_class)->finalize (object);
}

static void
rh_chart_class_init (RhChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rh_chart_finalize;
  widget_class->snapshot = rh_chart_snapshot;
  widget_class->measure = rh_chart_measure;
  widget_class->get_request_mode = rh_chart_get_request_mode;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/rh-chart.ui");
  gtk_widget_class_bind_template_callback (widget_class, query_tooltip_cb);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rh_chart_init (RhChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->labels = g_ptr_array_new_with_free_func (g_free);
  self->axis_labels = g_ptr_array_new_with_free_func (g_free);
  self->tooltips = g_ptr_array_new_with_free_func (g_free);
  self->reference = NAN;
  self->y_max = NAN;
  self->hover = -1;

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

GtkWidget *
rh_chart_new (RhChartKind kind)
{
  RhChart *self = g_object_new (RH_TYPE_CHART, NULL);

  self->kind = kind;
  return GTK_WIDGET (self);
}

void
rh_chart_set_kind (RhChart     *self,
                   RhChartKind  kind)
{
  g_return_if_fail (RH_IS_CHART (self));
  self->kind = kind;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
rh_chart_set_format (RhChart       *self,
                     RhChartFormat  format)
{
  g_return_if_fail (RH_IS_CHART (self));
  self->format = format;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
replace_strings (GPtrArray          *array,
                 const char * const *strings)
{
  g_ptr_array_set_size (array, 0);
  for (guint i = 0; strings != NULL && strings[i] != NULL; i++)
    g_ptr_array_add (array, g_strdup (strings[i]));
}

/* A name per point, for horizontal bars. */
void
rh_chart_set_labels (RhChart            *self,
                     const char * const *labels)
{
  g_return_if_fail (RH_IS_CHART (self));
  replace_strings (self->labels, labels);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* Labels along the axis, one per point ("" where none is shown); for the
 * heatmap, one per week column. */
void
rh_chart_set_axis_labels (RhChart            *self,
                          const char * const *labels)
{
  g_return_if_fail (RH_IS_CHART (self));
  replace_strings (self->axis_labels, labels);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The exact values, a sentence per point, shown on hover. */
void
rh_chart_set_tooltips (RhChart            *self,
                       const char * const *tooltips)
{
  g_return_if_fail (RH_IS_CHART (self));
  replace_strings (self->tooltips, tooltips);
}

void
rh_chart_set_series (RhChart      *self,
                     guint         index,
                     const char   *name,
                     const double *values,
                     guint         n_values,
                     RhChartColor  color)
{
  g_return_if_fail (RH_IS_CHART (self));
  g_return_if_fail (index < MAX_SERIES);
  g_return_if_fail (values != NULL || n_values == 0);

  clear_series (&self->series[index]);
  self->series[index].name = g_strdup (name);
  self->series[index].values = g_array_sized_new (FALSE, FALSE, sizeof (double), n_values);
  g_array_append_vals (self->series[index].values, values, n_values);
  self->series[index].color = color;
  self->n_series = MAX (self->n_series, index + 1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* Bars of one series in colours of their own, such as card states. */
void
rh_chart_set_point_colors (RhChart            *self,
                           const RhChartColor *colors,
                           guint               n_colors)
{
  g_return_if_fail (RH_IS_CHART (self));

  g_clear_pointer (&self->point_colors, g_array_unref);
  self->point_colors = g_array_sized_new (FALSE, FALSE, sizeof (RhChartColor), n_colors);
  g_array_append_vals (self->point_colors, colors, n_colors);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* A dashed line across, such as the desired retention; NAN for none. */
void
rh_chart_set_reference (RhChart    *self,
                        double      value,
                        const char *label)
{
  g_return_if_fail (RH_IS_CHART (self));

  self->reference = value;
  g_free (self->reference_label);
  self->reference_label = g_strdup (label);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
rh_chart_set_y_max (RhChart *self,
                    double   y_max)
{
  g_return_if_fail (RH_IS_CHART (self));
  self->y_max = y_max;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* A value per day, oldest first; @first_weekday is the first day's weekday,
 * 0 for Monday. */
void
rh_chart_set_heatmap (RhChart      *self,
                      const double *values,
                      guint         n_days,
                      int           first_weekday)
{
  g_return_if_fail (RH_IS_CHART (self));
  g_return_if_fail (first_weekday >= 0 && first_weekday < 7);

  self->kind = RH_CHART_HEATMAP;
  self->first_weekday = first_weekday;
  rh_chart_set_series (self, 0, NULL, values, n_days, RH_CHART_GREEN);
}

guint
rh_chart_get_n_points (RhChart *self)
{
  g_return_val_if_fail (RH_IS_CHART (self), 0);
  return n_points (self);
}

/* Writes the chart as a PNG or SVG file of the given size, on the window
 * background of the light or dark style. */
gboolean
rh_chart_save (RhChart          *self,
               const char       *path,
               RhChartFileType   type,
               int               width,
               int               height,
               gboolean          dark,
               GError          **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (RH_IS_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);

  surface = type == RH_CHART_SVG ? cairo_svg_surface_create (path, width, height)
                                 : cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  if (dark)
    cairo_set_source_rgb (cr, 0x24 / 255.0, 0x24 / 255.0, 0x24 / 255.0);
  else
    cairo_set_source_rgb (cr, 0xfa / 255.0, 0xfa / 255.0, 0xfa / 255.0);
  cairo_paint (cr);
  rh_chart_draw (self, cr, width, height, dark);
  cairo_destroy (cr);

  if (type == RH_CHART_PNG)
    status = cairo_surface_write_to_png (surface, path);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not save the chart to “%s”: %s"),
                   path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
