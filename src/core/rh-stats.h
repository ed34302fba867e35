/* rh-stats.h: every number behind the statistics pane
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rh-collection.h"

G_BEGIN_DECLS

#define RH_STATS_WEEKS          26   /* retention over time */
#define RH_STATS_FORECAST_DAYS  31   /* today and the next 30 days */
#define RH_STATS_FUTURE_DAYS    30   /* cards due per day, from today */
#define RH_STATS_CALENDAR_DAYS  371  /* 53 weeks, whole weeks, ending today */

/* Reviews passed (Hard, Good or Easy) of all counted. */
typedef struct {
  guint passed;
  guint total;
} RhRetention;

typedef enum {
  RH_STATS_STATE_NEW,
  RH_STATS_STATE_LEARNING,
  RH_STATS_STATE_REVIEW,
  RH_STATS_STATE_RELEARNING,
  RH_STATS_STATE_SUSPENDED,
  RH_STATS_N_STATES
} RhStatsState;

typedef struct {
  /* The numbers at the top. */
  guint       reviews_today;
  gint64      time_today_ms;
  RhRetention retention_today;
  RhRetention retention_week;      /* the last 7 study days, today included */
  RhRetention retention_month;     /* the last 30 */
  RhRetention retention_all;
  double      desired_retention;
  guint       streak;              /* study days in a row with a review, up to today */
  guint       due_today;           /* learning and review, within today's limits (as the sidebar) */
  guint       due_tomorrow;
  double      readiness;           /* mean recall now, new cards 0 */
  guint       n_cards;
  guint       n_reviews;           /* every logged answer in scope */

  /* 1. True retention per week, oldest first; week RH_STATS_WEEKS - 1 ends today. */
  RhRetention weekly[RH_STATS_WEEKS];
  gint64      weekly_first_day;    /* the study day the first week starts */

  /* 2. Readiness on each of the next days if nothing is reviewed, and if
   * today's due cards are reviewed (as Good) today. */
  double      forecast_idle[RH_STATS_FORECAST_DAYS];
  double      forecast_done[RH_STATS_FORECAST_DAYS];

  /* 3. Cards due on each day from today (overdue ones count today), as
   * scheduled, whatever the daily limits. */
  guint       future_due[RH_STATS_FUTURE_DAYS];

  /* 4. Reviews per study day, oldest first, the last one today. */
  guint       calendar[RH_STATS_CALENDAR_DAYS];
  gint64      calendar_first_day;
  gint64      today;

  /* 5. Readiness of each topic in scope, in deck order: indexes into the
   * deck's topics, and their readiness. */
  guint       n_topics;
  guint      *topic_index;
  double     *topic_readiness;

  /* 6. Cards per state. */
  guint       states[RH_STATS_N_STATES];

  /* 7. Mock interviews with a question in scope, oldest first: when each
   * began, and of the key areas of those questions, how many were covered. */
  guint       n_interviews;
  gint64     *interview_started;
  guint      *interview_covered;
  guint      *interview_total;
} RhStatsReport;

void rh_stats_report_clear (RhStatsReport *report);

#define RH_TYPE_STATS (rh_stats_get_type ())

G_DECLARE_FINAL_TYPE (RhStats, rh_stats, RH, STATS, GObject)

RhStats  *rh_stats_new      (RhCollection       *collection);
gboolean  rh_stats_sync     (RhStats            *self,
                             GError            **error);
void      rh_stats_compute  (RhStats            *self,
                             const char * const *topic_ids,
                             RhStatsReport      *report);

G_END_DECLS
