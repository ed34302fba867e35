/* rh-stats-view.c: "how much would I get right today?" and "is it working?"
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every number comes from rh-stats; this file only lays them out, as key
 * figures and six charts, each with a sentence on how to read it, exact
 * values on hover and a description in words for screen readers.
 */
#define G_LOG_DOMAIN "rehearse-stats-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "rh-chart-card.h"
#include "rh-format.h"
#include "rh-stats-view-private.h"

typedef struct {
  GtkLabel *value;
  GtkLabel *caption;
} Tile;

enum {
  TILE_READINESS,
  TILE_TODAY,
  TILE_RETENTION,
  TILE_STREAK,
  TILE_DUE,
  N_TILES
};

enum {
  CHART_RETENTION,
  CHART_FORECAST,
  CHART_FUTURE,
  CHART_CALENDAR,
  CHART_TOPICS,
  CHART_STATES,
  CHART_INTERVIEWS,
  N_CHARTS
};

struct _RhStatsView {
  GtkWidget parent_instance;

  GtkStack *stack;
  GtkFlowBox *tiles_box;
  GtkFlowBox *charts_box;

  Tile tiles[N_TILES];
  RhChartCard *charts[N_CHARTS];

  RhCollection *collection;
  RhStats *stats;
  GStrv scope;
  gboolean dirty;
  gboolean built;
};

G_DEFINE_FINAL_TYPE (RhStatsView, rh_stats_view, GTK_TYPE_WIDGET)

static void build (RhStatsView *self);

/* --- Dates ----------------------------------------------------------------- */

/* A study day (days since 1970-01-01 of the local calendar) as a date. */
static GDateTime *
day_to_date (gint64 day)
{
  return g_date_time_new_from_unix_utc (day * 86400);
}

static char *
format_day (gint64      day,
            const char *format)
{
  g_autoptr(GDateTime) date = day_to_date (day);

  return g_strstrip (g_date_time_format (date, format));
}

static char *
retention_text (const RhRetention *r)
{
  if (r->total == 0)
    return g_strdup ("—");
  return rh_format_percent ((double)r->passed / r->total);
}

/* --- Layout ---------------------------------------------------------------- */

static void
make_tile (RhStatsView *self,
           guint        index,
           const char  *title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *heading = gtk_label_new (title);

  self->tiles[index].value = GTK_LABEL (gtk_label_new (NULL));
  self->tiles[index].caption = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "stat-tile");
  gtk_widget_add_css_class (heading, "caption-heading");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->tiles[index].value), "title-1");
  gtk_widget_add_css_class (GTK_WIDGET (self->tiles[index].value), "numeric");
  gtk_widget_add_css_class (GTK_WIDGET (self->tiles[index].caption), "caption");
  gtk_label_set_wrap (self->tiles[index].caption, TRUE);
  gtk_label_set_max_width_chars (self->tiles[index].caption, 24);
  gtk_label_set_justify (self->tiles[index].caption, GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->tiles[index].value));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->tiles[index].caption));
  gtk_flow_box_append (self->tiles_box, box);
  /* Figures to read, not to click: no focus stop on each. */
  gtk_widget_set_focusable (gtk_widget_get_parent (box), FALSE);
}

static void
set_tile (RhStatsView *self,
          guint        index,
          const char  *value,
          const char  *caption)
{
  GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (self->tiles[index].value));
  g_autofree char *both = g_strdup_printf ("%s, %s", value, caption);

  gtk_label_set_label (self->tiles[index].value, value);
  gtk_label_set_label (self->tiles[index].caption, caption);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, both, -1);
}

static void
make_chart (RhStatsView *self,
            guint        index,
            const char  *name,
            const char  *title,
            const char  *how_to_read,
            RhChartKind  kind)
{
  self->charts[index] = RH_CHART_CARD (rh_chart_card_new (name, title, how_to_read, kind));
  gtk_flow_box_append (self->charts_box, GTK_WIDGET (self->charts[index]));
  gtk_widget_set_focusable (gtk_widget_get_parent (GTK_WIDGET (self->charts[index])), FALSE);
}

static RhChart *
chart (RhStatsView *self,
       guint        index)
{
  return rh_chart_card_get_chart (self->charts[index]);
}

/* Ends the axis-label and tooltip builders of a chart into the chart. */
static void
apply_texts (RhChart      *target,
             GStrvBuilder *axis,
             GStrvBuilder *tips)
{
  g_auto(GStrv) axis_labels = axis != NULL ? g_strv_builder_end (axis) : NULL;
  g_auto(GStrv) tooltips = g_strv_builder_end (tips);

  if (axis_labels != NULL)
    rh_chart_set_axis_labels (target, (const char * const *)axis_labels);
  rh_chart_set_tooltips (target, (const char * const *)tooltips);
}

/* --- Filling in ------------------------------------------------------------ */

static void
fill_tiles (RhStatsView         *self,
            const RhStatsReport *r)
{
  g_autofree char *readiness = rh_format_percent (r->readiness);
  g_autofree char *reviews = g_strdup_printf ("%u", r->reviews_today);
  g_autofree char *time = rh_format_duration (r->time_today_ms);
  g_autofree char *time_caption = r->reviews_today > 0 ? g_strdup_printf (_("%s spent today"), time)
                                                       : g_strdup (_("none yet today"));
  g_autofree char *month = retention_text (&r->retention_month);
  g_autofree char *today = retention_text (&r->retention_today);
  g_autofree char *week = retention_text (&r->retention_week);
  g_autofree char *all = retention_text (&r->retention_all);
  g_autofree char *goal = rh_format_percent (r->desired_retention);
  g_autofree char *retention_caption = NULL;
  g_autofree char *streak = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", r->streak), r->streak);
  g_autofree char *due = g_strdup_printf (_("%u today"), r->due_today);
  g_autofree char *due_caption = g_strdup_printf (_("%u tomorrow"), r->due_tomorrow);

  /* Translators: true retention in several windows, then the goal. */
  retention_caption = g_strdup_printf (_("last 30 days · today %s · 7 days %s · all time %s · goal %s"),
                                       today, week, all, goal);
  set_tile (self, TILE_READINESS, readiness, _("the chance you would recall a card now"));
  set_tile (self, TILE_TODAY, reviews, time_caption);
  set_tile (self, TILE_RETENTION, month, retention_caption);
  set_tile (self, TILE_STREAK, streak, r->streak > 0 ? _("in a row with reviews") : _("review today to start one"));
  set_tile (self, TILE_DUE, due, due_caption);
}

static void
fill_retention (RhStatsView         *self,
                const RhStatsReport *r)
{
  double values[RH_STATS_WEEKS];
  g_autoptr(GStrvBuilder) axis = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) tips = g_strv_builder_new ();
  g_autofree char *goal = rh_format_percent (r->desired_retention);
  g_autofree char *goal_label = g_strdup_printf (_("Goal %s"), goal);
  g_autofree char *summary = NULL;
  guint weeks = 0, passed = 0, total = 0;

  for (guint w = 0; w < RH_STATS_WEEKS; w++)
    {
      const RhRetention *week = &r->weekly[w];
      g_autofree char *start = format_day (r->weekly_first_day + 7 * w, _("%-d %b"));

      values[w] = week->total > 0 ? (double)week->passed / week->total : NAN;
      g_strv_builder_add (axis, w % 5 == 0 || w == RH_STATS_WEEKS - 1 ? start : "");
      if (week->total > 0)
        {
          g_autofree char *percent = rh_format_percent (values[w]);
          /* Translators: "Week of 3 Nov: 86%, 25 of 29 reviews passed". */
          g_autofree char *tip = g_strdup_printf (_("Week of %s: %s, %u of %u reviews passed"),
                                                  start, percent, week->passed, week->total);

          g_strv_builder_add (tips, tip);
          weeks++;
          passed += week->passed;
          total += week->total;
        }
      else
        {
          g_autofree char *tip = g_strdup_printf (_("Week of %s: no reviews a day or more after the last"), start);

          g_strv_builder_add (tips, tip);
        }
    }
  rh_chart_set_series (chart (self, CHART_RETENTION), 0, _("True retention"), values, RH_STATS_WEEKS, RH_CHART_BLUE);
  rh_chart_set_format (chart (self, CHART_RETENTION), RH_CHART_PERCENT);
  rh_chart_set_reference (chart (self, CHART_RETENTION), r->desired_retention, goal_label);
  apply_texts (chart (self, CHART_RETENTION), axis, tips);

  if (total > 0)
    {
      g_autofree char *mean = rh_format_percent ((double)passed / total);

      summary = g_strdup_printf (_("True retention in %u of the last %u weeks, %s overall, against a goal of %s."),
                                 weeks, RH_STATS_WEEKS, mean, goal);
    }
  else
    summary = g_strdup (_("No reviews a day or more apart yet, so no retention to show."));
  rh_chart_card_set_summary (self->charts[CHART_RETENTION], summary);
}

static void
fill_forecast (RhStatsView         *self,
               const RhStatsReport *r)
{
  g_autoptr(GStrvBuilder) axis = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) tips = g_strv_builder_new ();
  g_autofree char *now = rh_format_percent (r->forecast_idle[0]);
  g_autofree char *later_idle = rh_format_percent (r->forecast_idle[RH_STATS_FORECAST_DAYS - 1]);
  g_autofree char *later_done = rh_format_percent (r->forecast_done[RH_STATS_FORECAST_DAYS - 1]);
  g_autofree char *summary = NULL;

  for (guint d = 0; d < RH_STATS_FORECAST_DAYS; d++)
    {
      g_autofree char *date = format_day (r->today + d, _("%a %-d %b"));
      g_autofree char *idle = rh_format_percent (r->forecast_idle[d]);
      g_autofree char *done = rh_format_percent (r->forecast_done[d]);
      g_autofree char *tip = NULL;
      g_autofree char *label = d == 0 ? g_strdup (_("Today")) : g_strdup_printf ("+%u", d);

      g_strv_builder_add (axis, d % 10 == 0 ? label : "");
      /* Translators: "Sat 28 Nov: 63% if you stop now, 71% after today's due reviews". */
      tip = g_strdup_printf (_("%s: %s if you stop now, %s after today’s due reviews"), date, idle, done);
      g_strv_builder_add (tips, tip);
    }
  rh_chart_set_series (chart (self, CHART_FORECAST), 0, _("After today’s due reviews"),
                       r->forecast_done, RH_STATS_FORECAST_DAYS, RH_CHART_BLUE);
  rh_chart_set_series (chart (self, CHART_FORECAST), 1, _("If you stop now"),
                       r->forecast_idle, RH_STATS_FORECAST_DAYS, RH_CHART_ORANGE);
  rh_chart_set_format (chart (self, CHART_FORECAST), RH_CHART_PERCENT);
  apply_texts (chart (self, CHART_FORECAST), axis, tips);

  summary = g_strdup_printf (_("Readiness is %s now; in 30 days it would be %s without reviews, "
                               "or %s after today’s due reviews."), now, later_idle, later_done);
  rh_chart_card_set_summary (self->charts[CHART_FORECAST], summary);
}

static void
fill_future (RhStatsView         *self,
             const RhStatsReport *r)
{
  double values[RH_STATS_FUTURE_DAYS];
  g_autoptr(GStrvBuilder) axis = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) tips = g_strv_builder_new ();
  g_autofree char *summary = NULL;
  guint total = 0, busiest = 0;

  for (guint d = 0; d < RH_STATS_FUTURE_DAYS; d++)
    {
      g_autofree char *date = format_day (r->today + d, _("%a %-d %b"));
      g_autofree char *label = d == 0 ? g_strdup (_("Today")) : g_strdup_printf ("+%u", d);
      g_autofree char *tip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u card due", "%s: %u cards due",
                                                           r->future_due[d]), date, r->future_due[d]);

      values[d] = r->future_due[d];
      total += r->future_due[d];
      if (r->future_due[d] > r->future_due[busiest])
        busiest = d;
      g_strv_builder_add (axis, d % 7 == 0 ? label : "");
      g_strv_builder_add (tips, tip);
    }
  rh_chart_set_series (chart (self, CHART_FUTURE), 0, _("Cards due"), values, RH_STATS_FUTURE_DAYS, RH_CHART_GREEN);
  apply_texts (chart (self, CHART_FUTURE), axis, tips);
  {
    g_autofree char *busiest_date = format_day (r->today + busiest, _("%a %-d %b"));

    summary = g_strdup_printf (_("%u cards come due in the next 30 days, %u of them today; the busiest day is %s "
                                 "with %u."), total, r->future_due[0], busiest_date, r->future_due[busiest]);
  }
  rh_chart_card_set_summary (self->charts[CHART_FUTURE], summary);
}

static void
fill_calendar (RhStatsView         *self,
               const RhStatsReport *r)
{
  double values[RH_STATS_CALENDAR_DAYS];
  g_autoptr(GStrvBuilder) months = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) tips = g_strv_builder_new ();
  g_autoptr(GDateTime) first = day_to_date (r->calendar_first_day);
  int first_weekday = g_date_time_get_day_of_week (first) - 1;
  guint columns = (first_weekday + RH_STATS_CALENDAR_DAYS + 6) / 7;
  int last_month = -1;
  guint last_labelled = 0;
  guint active = 0, total = 0;
  g_autofree char *summary = NULL;

  for (guint i = 0; i < RH_STATS_CALENDAR_DAYS; i++)
    {
      g_autofree char *date = format_day (r->calendar_first_day + i, _("%a %-d %b %Y"));
      g_autofree char *tip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u review", "%s: %u reviews",
                                                           r->calendar[i]), date, r->calendar[i]);

      values[i] = r->calendar[i];
      active += r->calendar[i] > 0;
      total += r->calendar[i];
      g_strv_builder_add (tips, tip);
    }
  /* A month's name over the column where its first week begins. */
  for (guint c = 0; c < columns; c++)
    {
      gint64 day = r->calendar_first_day + (gint64)c * 7 - first_weekday + 6;
      g_autoptr(GDateTime) date = day_to_date (MAX (day, r->calendar_first_day));
      int month = g_date_time_get_month (date);

      /* Not when the previous name would run into it. */
      if (month != last_month && c + 2 < columns && (last_month == -1 || c - last_labelled >= 3))
        {
          g_autofree char *name = g_date_time_format (date, "%b");

          g_strv_builder_add (months, name);
          last_month = month;
          last_labelled = c;
        }
      else
        {
          g_strv_builder_add (months, "");
          last_month = month;
        }
    }
  rh_chart_set_heatmap (chart (self, CHART_CALENDAR), values, RH_STATS_CALENDAR_DAYS, first_weekday);
  apply_texts (chart (self, CHART_CALENDAR), months, tips);
  {
    g_autofree char *streak = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", r->streak),
                                               r->streak);

    /* Translators: "812 reviews on 97 of the last 371 days; the current streak is 5 days." */
    summary = g_strdup_printf (_("%u reviews on %u of the last %u days; the current streak is %s."),
                               total, active, RH_STATS_CALENDAR_DAYS, streak);
  }
  rh_chart_card_set_summary (self->charts[CHART_CALENDAR], summary);
}

static void
fill_topics (RhStatsView         *self,
             const RhStatsReport *r)
{
  GListModel *topics = rh_deck_get_topics (rh_collection_get_deck (self->collection));
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) tips = g_strv_builder_new ();
  g_auto(GStrv) labels = NULL;
  g_auto(GStrv) tooltips = NULL;
  g_autofree char *summary = NULL;
  guint weakest = 0;

  for (guint i = 0; i < r->n_topics; i++)
    {
      g_autoptr(RhTopic) topic = g_list_model_get_item (topics, r->topic_index[i]);
      g_autofree char *percent = rh_format_percent (r->topic_readiness[i]);
      g_autofree char *tip = g_strdup_printf ("%s: %s", rh_topic_get_title (topic), percent);

      g_strv_builder_add (names, rh_topic_get_title (topic));
      g_strv_builder_add (tips, tip);
      if (r->topic_readiness[i] < r->topic_readiness[weakest])
        weakest = i;
    }
  labels = g_strv_builder_end (names);
  tooltips = g_strv_builder_end (tips);
  rh_chart_set_series (chart (self, CHART_TOPICS), 0, _("Readiness"), r->topic_readiness, r->n_topics, RH_CHART_BLUE);
  rh_chart_set_format (chart (self, CHART_TOPICS), RH_CHART_PERCENT);
  rh_chart_set_labels (chart (self, CHART_TOPICS), (const char * const *)labels);
  rh_chart_set_tooltips (chart (self, CHART_TOPICS), (const char * const *)tooltips);
  if (r->n_topics > 0)
    {
      g_autofree char *percent = rh_format_percent (r->topic_readiness[weakest]);

      summary = g_strdup_printf (_("Readiness of %u topics; the weakest is “%s” at %s."),
                                 r->n_topics, labels[weakest], percent);
    }
  rh_chart_card_set_summary (self->charts[CHART_TOPICS], summary);
}

static void
fill_states (RhStatsView         *self,
             const RhStatsReport *r)
{
  const char *names[RH_STATS_N_STATES + 1] = {
    rh_format_state (RH_CARD_NEW, FALSE), rh_format_state (RH_CARD_LEARNING, FALSE),
    rh_format_state (RH_CARD_REVIEW, FALSE), rh_format_state (RH_CARD_RELEARNING, FALSE),
    rh_format_state (RH_CARD_NEW, TRUE), NULL
  };
  const RhChartColor colors[RH_STATS_N_STATES] = {
    RH_CHART_BLUE, RH_CHART_ORANGE, RH_CHART_GREEN, RH_CHART_RED, RH_CHART_GRAY
  };
  double values[RH_STATS_N_STATES];
  g_autoptr(GStrvBuilder) tips = g_strv_builder_new ();
  g_auto(GStrv) tooltips = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);

  for (guint s = 0; s < RH_STATS_N_STATES; s++)
    {
      g_autofree char *tip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u card", "%s: %u cards",
                                                           r->states[s]), names[s], r->states[s]);

      values[s] = r->states[s];
      g_strv_builder_add (tips, tip);
      g_string_append_printf (summary, "%s%s", s > 0 ? "; " : "", tip);
    }
  tooltips = g_strv_builder_end (tips);
  rh_chart_set_series (chart (self, CHART_STATES), 0, _("Cards"), values, RH_STATS_N_STATES, RH_CHART_BLUE);
  rh_chart_set_point_colors (chart (self, CHART_STATES), colors, RH_STATS_N_STATES);
  rh_chart_set_labels (chart (self, CHART_STATES), names);
  rh_chart_set_tooltips (chart (self, CHART_STATES), (const char * const *)tooltips);
  rh_chart_set_y_max (chart (self, CHART_STATES), MAX (r->n_cards, 1));
  rh_chart_card_set_summary (self->charts[CHART_STATES], summary->str);
}

/* Mock interviews, oldest first; the chart is left out until there is one. */
static void
fill_interviews (RhStatsView         *self,
                 const RhStatsReport *r)
{
  g_autofree double *values = g_new0 (double, MAX (r->n_interviews, 1));
  g_autoptr(GStrvBuilder) axis = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) tips = g_strv_builder_new ();
  g_autofree char *summary = NULL;
  guint every = MAX ((r->n_interviews + 5) / 6, 1);
  guint best = 0;

  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->charts[CHART_INTERVIEWS])), r->n_interviews > 0);
  for (guint i = 0; i < r->n_interviews; i++)
    {
      g_autofree char *date = format_day (rh_clock_study_day (rh_collection_get_clock (self->collection),
                                                              r->interview_started[i]), _("%a %-d %b"));
      g_autofree char *percent = NULL;
      g_autofree char *tip = NULL;

      values[i] = r->interview_total[i] > 0 ? (double)r->interview_covered[i] / r->interview_total[i] : NAN;
      percent = rh_format_percent (isnan (values[i]) ? 0 : values[i]);
      /* Translators: "Mon 2 Mar: 62%, 13 of 21 key areas covered" */
      tip = g_strdup_printf (_("%s: %s, %u of %u key areas covered"), date, percent, r->interview_covered[i],
                             r->interview_total[i]);
      g_strv_builder_add (axis, (r->n_interviews - 1 - i) % every == 0 ? date : "");
      g_strv_builder_add (tips, tip);
      if (values[i] > values[best])
        best = i;
    }
  rh_chart_set_series (chart (self, CHART_INTERVIEWS), 0, _("Score"), values, r->n_interviews, RH_CHART_PURPLE);
  rh_chart_set_format (chart (self, CHART_INTERVIEWS), RH_CHART_PERCENT);
  apply_texts (chart (self, CHART_INTERVIEWS), axis, tips);
  if (r->n_interviews > 0)
    {
      g_autofree char *last = rh_format_percent (isnan (values[r->n_interviews - 1]) ? 0 : values[r->n_interviews - 1]);
      g_autofree char *top = rh_format_percent (values[best]);

      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u mock interview; the latest covered %s of its "
                                              "key areas, the best %s.", "%u mock interviews; the latest covered %s "
                                              "of its key areas, the best %s.", r->n_interviews),
                                 r->n_interviews, last, top);
    }
  rh_chart_card_set_summary (self->charts[CHART_INTERVIEWS], summary);
}

/* Syncs with the store and fills every figure and chart for the scope. */
static void
fill (RhStatsView *self)
{
  g_autoptr(GError) error = NULL;
  RhStatsReport report;

  self->dirty = FALSE;
  build (self);
  if (!rh_stats_sync (self->stats, &error))
    {
      g_warning ("Statistics not updated: %s", error->message);
      return;
    }
  rh_stats_compute (self->stats, (const char * const *)self->scope, &report);
  gtk_stack_set_visible_child_name (self->stack, report.n_reviews > 0 ? "stats" : "empty");
  if (report.n_reviews > 0)
    {
      fill_tiles (self, &report);
      fill_retention (self, &report);
      fill_forecast (self, &report);
      fill_future (self, &report);
      fill_calendar (self, &report);
      fill_topics (self, &report);
      fill_states (self, &report);
      fill_interviews (self, &report);
    }
  rh_stats_report_clear (&report);
}

/* Recomputes every figure for the scope if the view is on screen; when it
 * is next shown otherwise, so grading never waits for the charts. */
static void
update (RhStatsView *self)
{
  if (self->stats == NULL)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  fill (self);
}

/* --- Object ---------------------------------------------------------------- */

static void
rh_stats_view_map (GtkWidget *widget)
{
  RhStatsView *self = RH_STATS_VIEW (widget);

  GTK_WIDGET_CLASS (rh_stats_view_parent_class)->map (widget);
  if (self->dirty)
    update (self);
}

static void
rh_stats_view_dispose (GObject *object)
{
  RhStatsView *self = RH_STATS_VIEW (object);

  if (self->collection != NULL)
    g_signal_handlers_disconnect_by_data (self->collection, self);
  g_clear_object (&self->collection);
  g_clear_object (&self->stats);
  g_clear_pointer (&self->scope, g_strfreev);
  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_STATS_VIEW);

  G_OBJECT_CLASS (rh_stats_view_parent_class)->dispose (object);
}

static void
rh_stats_view_class_init (RhStatsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_stats_view_dispose;
  widget_class->map = rh_stats_view_map;

  g_type_ensure (RH_TYPE_CHART_CARD);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/rh-stats-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RhStatsView, stack);
  gtk_widget_class_bind_template_child (widget_class, RhStatsView, tiles_box);
  gtk_widget_class_bind_template_child (widget_class, RhStatsView, charts_box);
}

/* The tiles and the six charts: built when the view is first shown (or
 * asked for), not at start-up, when the study view is what is on screen. */
static void
build (RhStatsView *self)
{
  if (self->built)
    return;
  self->built = TRUE;
  make_tile (self, TILE_READINESS, _("Interview Readiness"));
  make_tile (self, TILE_TODAY, _("Reviews Today"));
  make_tile (self, TILE_RETENTION, _("True Retention"));
  make_tile (self, TILE_STREAK, _("Study Streak"));
  make_tile (self, TILE_DUE, _("Due"));

  make_chart (self, CHART_RETENTION, "retention", _("Retention over Time"),
              _("Each point is a week’s share of reviews you passed, counting only cards seen a day or more "
                "before; the dashed line is your goal."), RH_CHART_LINES);
  make_chart (self, CHART_FORECAST, "readiness-forecast", _("Readiness Forecast"),
              _("How much you would recall on each of the next 30 days: orange if you stopped studying now, "
                "blue if you review today’s due cards."), RH_CHART_LINES);
  make_chart (self, CHART_FUTURE, "future-due", _("Coming Due"),
              _("How many cards come due on each of the next 30 days; overdue cards count today."), RH_CHART_BARS);
  make_chart (self, CHART_CALENDAR, "calendar", _("Review Calendar"),
              _("One square a day for the past year, darker for more reviews."), RH_CHART_HEATMAP);
  make_chart (self, CHART_TOPICS, "topics", _("Readiness by Topic"),
              _("The chance you would recall a card of each topic now, unseen cards counting as forgotten."),
              RH_CHART_HBARS);
  make_chart (self, CHART_STATES, "card-states", _("Card States"),
              _("Where your cards stand: new, being learned, in review, relearned after a lapse, or suspended."),
              RH_CHART_HBARS);
  make_chart (self, CHART_INTERVIEWS, "mock-interviews", _("Mock Interview Scores"),
              _("Each point is a mock interview: the share of the key areas you covered, counting its questions "
                "of these topics."), RH_CHART_LINES);
}

static void
rh_stats_view_init (RhStatsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Figures from @collection; NULL for none.  They are recomputed when a
 * card, the day or the options change, and only while on screen. */
void
rh_stats_view_set_collection (RhStatsView  *self,
                              RhCollection *collection)
{
  const char *update_on[] = { "card-changed", "day-changed", "options-changed", "decks-changed",
                              "interviews-changed" };

  g_return_if_fail (RH_IS_STATS_VIEW (self));
  g_return_if_fail (collection == NULL || RH_IS_COLLECTION (collection));

  if (self->collection == collection)
    return;
  if (self->collection != NULL)
    g_signal_handlers_disconnect_by_data (self->collection, self);
  g_set_object (&self->collection, collection);
  g_clear_object (&self->stats);
  if (collection != NULL)
    {
      self->stats = rh_stats_new (collection);
      for (guint i = 0; i < G_N_ELEMENTS (update_on); i++)
        g_signal_connect_object (collection, update_on[i], G_CALLBACK (update), self, G_CONNECT_SWAPPED);
    }
  self->dirty = TRUE;
  update (self);
}

void
rh_stats_view_set_scope (RhStatsView        *self,
                         const char * const *topic_ids)
{
  g_return_if_fail (RH_IS_STATS_VIEW (self));

  g_strfreev (self->scope);
  self->scope = g_strdupv ((char **)topic_ids);
  update (self);
}

/* The cards in chart order, for the tests. */
guint
rh_stats_view_get_n_charts (RhStatsView *self)
{
  g_return_val_if_fail (RH_IS_STATS_VIEW (self), 0);
  build (self);
  return N_CHARTS;
}

RhChartCard *
rh_stats_view_get_chart (RhStatsView *self,
                         guint        index)
{
  g_return_val_if_fail (RH_IS_STATS_VIEW (self), NULL);
  g_return_val_if_fail (index < N_CHARTS, NULL);
  build (self);
  return self->charts[index];
}

const char *
rh_stats_view_get_page (RhStatsView *self)
{
  g_return_val_if_fail (RH_IS_STATS_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/* Recomputes now, on screen or not: for the tests. */
void
rh_stats_view_refresh (RhStatsView *self)
{
  g_return_if_fail (RH_IS_STATS_VIEW (self));

  if (self->stats != NULL)
    fill (self);
}
