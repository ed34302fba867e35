/* rh-fsrs.c: FSRS-6 maths, plain C structs and pure functions
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reference is ts-fsrs 5.x (FSRSAlgorithm).  Its results are compared
 * to ours event by event, so this file copies more than the formulas: the
 * order of every floating-point operation, the rounding of intermediate
 * results to 8 decimals and the clamps, exactly where ts-fsrs puts them.
 * Reordering a product or dropping a rounding "because it makes no
 * difference" does make one, every few thousand reviews, in an interval.
 */
#define G_LOG_DOMAIN "rehearse-fsrs"

#include "config.h"

#include <math.h>

#include "rh-fsrs.h"

const double rh_fsrs_default_params[RH_FSRS_N_PARAMS] = {
  0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722,
  0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425,
  0.0912, 0.0658, 0.1542,
};

/* Bounds of each parameter while training is stable; w17 and w18 may be
 * lowered further below, depending on the number of relearning steps. */
static const double param_bounds[RH_FSRS_N_PARAMS][2] = {
  { RH_FSRS_S_MIN, 100 }, { RH_FSRS_S_MIN, 100 }, { RH_FSRS_S_MIN, 100 },
  { RH_FSRS_S_MIN, 100 }, { 1, 10 }, { 0.001, 4 }, { 0.001, 4 },
  { 0.001, 0.75 }, { 0, 4.5 }, { 0, 0.8 }, { 0.001, 3.5 }, { 0.001, 5 },
  { 0.001, 0.25 }, { 0.001, 0.9 }, { 0, 4 }, { 0, 1 }, { 1, 6 },
  { 0, 2 }, { 0, 2 }, { 0.01, 0.8 }, { 0.1, 0.8 },
};

#define W17_W18_CEILING 2.0

static inline double
clamp (double value,
       double min,
       double max)
{
  return fmin (fmax (value, min), max);
}

/* Math.round: halves go up, also for negative numbers. */
double
rh_fsrs_js_round (double value)
{
  double r = floor (value);

  return value - r >= 0.5 ? r + 1 : r;
}

double
rh_fsrs_round_to (double value,
                  int    decimals)
{
  double factor = pow (10, decimals);

  return rh_fsrs_js_round (value * factor) / factor;
}

/* rh_fsrs_round_to (value, 8) without a pow() call on every use. */
static inline double
round8 (double value)
{
  return rh_fsrs_js_round (value * 1e8) / 1e8;
}

/* NaN and missing values count as 0, as `parameters[i] || 0` does. */
static inline double
param_or_zero (double value)
{
  return isnan (value) ? 0 : value;
}

void
rh_fsrs_clip_params (const double w[RH_FSRS_N_PARAMS],
                     guint        n_relearning_steps,
                     double       clipped[RH_FSRS_N_PARAMS])
{
  double ceiling = W17_W18_CEILING;

  g_return_if_fail (w != NULL);
  g_return_if_fail (clipped != NULL);

  /* With several relearning steps, the short-term stability gained over
   * them must not outgrow what a lapse takes away. */
  if (n_relearning_steps > 1)
    {
      double w11 = clamp (param_or_zero (w[11]), param_bounds[11][0], param_bounds[11][1]);
      double w13 = clamp (param_or_zero (w[13]), param_bounds[13][0], param_bounds[13][1]);
      double w14 = clamp (param_or_zero (w[14]), param_bounds[14][0], param_bounds[14][1]);
      double value = -(log (w11) + log (pow (2, w13) - 1) + w14 * 0.3) / n_relearning_steps;

      ceiling = clamp (round8 (sqrt (fmax (value, 0))), 0.01, W17_W18_CEILING);
    }

  for (guint i = 0; i < RH_FSRS_N_PARAMS; i++)
    {
      double max = (i == 17 || i == 18) ? ceiling : param_bounds[i][1];

      clipped[i] = clamp (param_or_zero (w[i]), param_bounds[i][0], max);
    }
}

void
rh_fsrs_init (RhFsrs       *fsrs,
              const double  w[RH_FSRS_N_PARAMS],
              double        desired_retention,
              guint         n_relearning_steps)
{
  g_return_if_fail (fsrs != NULL);
  g_return_if_fail (w != NULL);
  g_return_if_fail (desired_retention > 0 && desired_retention <= 1);

  rh_fsrs_clip_params (w, n_relearning_steps, fsrs->w);
  fsrs->decay = -fsrs->w[20];
  fsrs->factor = round8 (exp (pow (fsrs->decay, -1) * log (0.9)) - 1);
  fsrs->interval_modifier =
    round8 ((pow (desired_retention, 1 / fsrs->decay) - 1) / fsrs->factor);
  fsrs->easy_difficulty = rh_fsrs_init_difficulty (fsrs, RH_RATING_EASY);
}

/* R(t, S): the probability of recall @elapsed_days after a review. */
double
rh_fsrs_forgetting_curve (const RhFsrs *fsrs,
                          double        elapsed_days,
                          double        stability)
{
  return round8 (pow (1 + fsrs->factor * elapsed_days / stability, fsrs->decay));
}

double
rh_fsrs_init_stability (const RhFsrs *fsrs,
                        RhRating      rating)
{
  return fmax (fsrs->w[(int)rating - 1], 0.1);
}

/* Not clamped: mean reversion needs D0(Easy) as it is, below 1 or not. */
double
rh_fsrs_init_difficulty (const RhFsrs *fsrs,
                         RhRating      rating)
{
  return round8 (fsrs->w[4] - exp (((int)rating - 1) * fsrs->w[5]) + 1);
}

double
rh_fsrs_next_difficulty (const RhFsrs *fsrs,
                         double        difficulty,
                         RhRating      rating)
{
  const double *w = fsrs->w;
  double delta = -w[6] * ((int)rating - 3);
  /* Linear damping: the closer to 10, the smaller the step. */
  double damped = round8 (delta * (10 - difficulty) / 9);
  double next = difficulty + damped;
  double reverted = round8 (w[7] * fsrs->easy_difficulty + (1 - w[7]) * next);

  return clamp (reverted, 1, 10);
}

double
rh_fsrs_next_recall_stability (const RhFsrs *fsrs,
                               double        difficulty,
                               double        stability,
                               double        retrievability,
                               RhRating      rating)
{
  const double *w = fsrs->w;
  double hard_penalty = rating == RH_RATING_HARD ? w[15] : 1;
  double easy_bonus = rating == RH_RATING_EASY ? w[16] : 1;
  double growth = exp (w[8]) * (11 - difficulty) * pow (stability, -w[9])
                  * (exp ((1 - retrievability) * w[10]) - 1) * hard_penalty * easy_bonus;

  return round8 (clamp (stability * (1 + growth), RH_FSRS_S_MIN, RH_FSRS_S_MAX));
}

double
rh_fsrs_next_forget_stability (const RhFsrs *fsrs,
                               double        difficulty,
                               double        stability,
                               double        retrievability)
{
  const double *w = fsrs->w;
  double s = w[11] * pow (difficulty, -w[12]) * (pow (stability + 1, w[13]) - 1)
             * exp ((1 - retrievability) * w[14]);

  return round8 (clamp (s, RH_FSRS_S_MIN, RH_FSRS_S_MAX));
}

double
rh_fsrs_next_short_term_stability (const RhFsrs *fsrs,
                                   double        stability,
                                   RhRating      rating)
{
  const double *w = fsrs->w;
  double sinc = pow (stability, -w[19]) * exp (w[17] * ((int)rating - 3 + w[18]));

  /* A success on the same day never lowers stability. */
  if (rating >= RH_RATING_HARD)
    sinc = fmax (sinc, 1);
  return round8 (clamp (stability * sinc, RH_FSRS_S_MIN, RH_FSRS_S_MAX));
}

/* The memory after a review @elapsed_days (study days) after the last one;
 * @memory all zero for a first review. */
void
rh_fsrs_next_memory (const RhFsrs       *fsrs,
                     const RhFsrsMemory *memory,
                     int                 elapsed_days,
                     RhRating            rating,
                     RhFsrsMemory       *next)
{
  double d, s;

  g_return_if_fail (fsrs != NULL && memory != NULL && next != NULL);
  g_return_if_fail (elapsed_days >= 0);
  g_return_if_fail (rating >= RH_RATING_AGAIN && rating <= RH_RATING_EASY);

  d = memory->difficulty;
  s = memory->stability;

  if (d == 0 && s == 0)
    {
      next->difficulty = clamp (rh_fsrs_init_difficulty (fsrs, rating), 1, 10);
      next->stability = rh_fsrs_init_stability (fsrs, rating);
      return;
    }

  if (elapsed_days == 0)
    {
      next->stability = rh_fsrs_next_short_term_stability (fsrs, s, rating);
    }
  else
    {
      double r = rh_fsrs_forgetting_curve (fsrs, elapsed_days, s);

      if (rating == RH_RATING_AGAIN)
        {
          /* Capped so that the short-term gains of the relearning steps
           * cannot lift stability back above where the lapse found it. */
          double floor_s = round8 (s / exp (fsrs->w[17] * fsrs->w[18]));

          next->stability = clamp (floor_s, RH_FSRS_S_MIN,
                                   rh_fsrs_next_forget_stability (fsrs, d, s, r));
        }
      else
        {
          next->stability = rh_fsrs_next_recall_stability (fsrs, d, s, r, rating);
        }
    }
  next->difficulty = rh_fsrs_next_difficulty (fsrs, d, rating);
}

/* Days until recall falls to the desired retention, before fuzz. */
int
rh_fsrs_next_interval (const RhFsrs *fsrs,
                       double        stability,
                       int           maximum_interval)
{
  double days = fmax (1, rh_fsrs_js_round (stability * fsrs->interval_modifier));

  return (int)fmin (days, maximum_interval);
}
