/* rh-fsrs.h: FSRS-6 maths, plain C structs and pure functions
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  RH_RATING_AGAIN = 1,
  RH_RATING_HARD  = 2,
  RH_RATING_GOOD  = 3,
  RH_RATING_EASY  = 4,
} RhRating;

#define RH_FSRS_N_PARAMS  21
#define RH_FSRS_S_MIN     0.001
#define RH_FSRS_S_MAX     36500.0

/* The FSRS-6 default parameters w0 .. w20 (w20 is the decay). */
extern const double rh_fsrs_default_params[RH_FSRS_N_PARAMS];

/* Stability in days (interval at 90% recall), difficulty in 1 .. 10.
 * Both 0 for a card never reviewed. */
typedef struct {
  double stability;
  double difficulty;
} RhFsrsMemory;

/* Clipped parameters and the constants derived from them; fill it with
 * rh_fsrs_init(), then treat it as read-only. */
typedef struct {
  double w[RH_FSRS_N_PARAMS];
  double decay;               /* -w20 */
  double factor;              /* 0.9^(1/decay) - 1 */
  double interval_modifier;   /* days of interval per day of stability */
  double easy_difficulty;     /* D0(Easy), the target of mean reversion */
} RhFsrs;

void     rh_fsrs_clip_params               (const double  w[RH_FSRS_N_PARAMS],
                                            guint         n_relearning_steps,
                                            double        clipped[RH_FSRS_N_PARAMS]);
void     rh_fsrs_init                      (RhFsrs       *fsrs,
                                            const double  w[RH_FSRS_N_PARAMS],
                                            double        desired_retention,
                                            guint         n_relearning_steps);

double   rh_fsrs_round_to                  (double        value,
                                            int           decimals);
double   rh_fsrs_js_round                  (double        value);

double   rh_fsrs_forgetting_curve          (const RhFsrs *fsrs,
                                            double        elapsed_days,
                                            double        stability);
double   rh_fsrs_init_stability            (const RhFsrs *fsrs,
                                            RhRating      rating);
double   rh_fsrs_init_difficulty           (const RhFsrs *fsrs,
                                            RhRating      rating);
double   rh_fsrs_next_difficulty           (const RhFsrs *fsrs,
                                            double        difficulty,
                                            RhRating      rating);
double   rh_fsrs_next_recall_stability     (const RhFsrs *fsrs,
                                            double        difficulty,
                                            double        stability,
                                            double        retrievability,
                                            RhRating      rating);
double   rh_fsrs_next_forget_stability     (const RhFsrs *fsrs,
                                            double        difficulty,
                                            double        stability,
                                            double        retrievability);
double   rh_fsrs_next_short_term_stability (const RhFsrs *fsrs,
                                            double        stability,
                                            RhRating      rating);
void     rh_fsrs_next_memory               (const RhFsrs       *fsrs,
                                            const RhFsrsMemory *memory,
                                            int                 elapsed_days,
                                            RhRating            rating,
                                            RhFsrsMemory       *next);
int      rh_fsrs_next_interval             (const RhFsrs *fsrs,
                                            double        stability,
                                            int           maximum_interval);

G_END_DECLS
