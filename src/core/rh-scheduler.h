/* rh-scheduler.h: FSRS + learning steps + fuzz -> the four next states
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rh-fsrs.h"
#include "rh-types.h"

G_BEGIN_DECLS


#define RH_SCHEDULER_MAX_STEPS 16
#define RH_SCHEDULER_MIN_RETENTION 0.70
#define RH_SCHEDULER_MAX_RETENTION 0.99

typedef struct {
  double     w[RH_FSRS_N_PARAMS];
  double     desired_retention;   /* 0.70 .. 0.99 accepted */
  int        maximum_interval;    /* days */
  guint      learning_steps[RH_SCHEDULER_MAX_STEPS];  /* seconds */
  guint      n_learning_steps;
  guint      relearning_steps[RH_SCHEDULER_MAX_STEPS]; /* seconds */
  guint      n_relearning_steps;
  int        rollover_hour;       /* 0..23: study days for elapsed-day counting */
  GTimeZone *timezone;            /* NULL = UTC */
  gboolean   fuzz;
} RhSchedulerConfig;

void      rh_scheduler_config_init_default (RhSchedulerConfig  *config);

#define RH_SCHEDULER_ERROR (rh_scheduler_error_quark ())

typedef enum {
  RH_SCHEDULER_ERROR_INVALID_STEPS,
} RhSchedulerError;

GQuark    rh_scheduler_error_quark         (void);

gboolean  rh_scheduler_parse_steps         (const char         *text,
                                            guint               steps[RH_SCHEDULER_MAX_STEPS],
                                            guint              *n_steps,
                                            GError            **error);
char     *rh_scheduler_format_steps        (const guint        *steps,
                                            guint               n_steps);

typedef struct _RhScheduler RhScheduler;

#define RH_TYPE_SCHEDULER (rh_scheduler_get_type ())

GType                    rh_scheduler_get_type       (void) G_GNUC_CONST;
RhScheduler             *rh_scheduler_new            (const RhSchedulerConfig *config);
RhScheduler             *rh_scheduler_ref            (RhScheduler             *self);
void                     rh_scheduler_unref          (RhScheduler             *self);
const RhSchedulerConfig *rh_scheduler_get_config     (const RhScheduler       *self);
const RhFsrs            *rh_scheduler_get_fsrs       (const RhScheduler       *self);
void                     rh_scheduler_next           (const RhScheduler       *self,
                                                      const RhCardState       *before,
                                                      gint64                   now,
                                                      RhRating                 rating,
                                                      guint32                  fuzz_seed,
                                                      RhCardState             *after);
void                     rh_scheduler_preview        (const RhScheduler       *self,
                                                      const RhCardState       *before,
                                                      gint64                   now,
                                                      guint32                  fuzz_seed,
                                                      RhCardState              after[4]);
double                   rh_scheduler_retrievability (const RhScheduler       *self,
                                                      const RhCardState       *state,
                                                      gint64                   now);
gboolean                 rh_scheduler_fuzz_range     (const RhScheduler       *self,
                                                      int                      interval,
                                                      int                      elapsed_days,
                                                      int                     *min_interval,
                                                      int                     *max_interval);
guint32                  rh_scheduler_fuzz_seed      (const char              *card_id,
                                                      int                      reps);


G_DEFINE_AUTOPTR_CLEANUP_FUNC (RhScheduler, rh_scheduler_unref)

G_END_DECLS
