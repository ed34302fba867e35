/* rh-scheduler.c: FSRS + learning steps + fuzz -> the four next states
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The behaviour is ts-fsrs 5.x's BasicScheduler with short-term scheduling
 * on (the default): new cards go through the learning steps, a lapse goes
 * through the relearning steps, and a card reviewed again on the same study
 * day gets the short-term stability formula instead of the long-term one.
 * With fuzz off, tz NULL and rollover hour 0, every field of every state
 * must match ts-fsrs (tests/fsrs/vectors), so its quirks are kept too; they
 * are pointed out where they happen.
 */
#define G_LOG_DOMAIN "rehearse-scheduler"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rh-clock.h"
#include "rh-scheduler.h"

#define MAX_STEP_SECONDS (365 * RH_SECONDS_PER_DAY)

struct _RhScheduler {
  gatomicrefcount ref_count;
  RhSchedulerConfig config;
  RhFsrs fsrs;
};

G_DEFINE_BOXED_TYPE (RhScheduler, rh_scheduler, rh_scheduler_ref, rh_scheduler_unref)

G_DEFINE_QUARK (rh-scheduler-error-quark, rh_scheduler_error)

void
rh_scheduler_config_init_default (RhSchedulerConfig *config)
{
  g_return_if_fail (config != NULL);

  memset (config, 0, sizeof *config);
  memcpy (config->w, rh_fsrs_default_params, sizeof config->w);
  config->desired_retention = 0.90;
  config->maximum_interval = 36500;
  config->learning_steps[0] = 60;
  config->learning_steps[1] = 10 * 60;
  config->n_learning_steps = 2;
  config->relearning_steps[0] = 10 * 60;
  config->n_relearning_steps = 1;
  config->rollover_hour = 4;
  config->timezone = NULL;
  config->fuzz = TRUE;
}

/* One step, "10m": its length in seconds, or an error naming the token. */
static gboolean
parse_step (const char  *token,
            guint       *seconds,
            GError     **error)
{
  guint64 value = 0;
  guint64 unit;
  const char *q;

  for (q = token; g_ascii_isdigit (*q); q++)
    {
      /* Stop counting long before overflow; the range check below
       * rejects the value anyway. */
      if (value < G_MAXUINT32)
        value = value * 10 + (guint64)(*q - '0');
    }
  if (q == token || q[0] == '\0' || q[1] != '\0')
    {
      g_set_error (error, RH_SCHEDULER_ERROR, RH_SCHEDULER_ERROR_INVALID_STEPS,
                   _("“%s” is not a step: write a whole number followed by m, h or d, such as 10m"),
                   token);
      return FALSE;
    }
  switch (*q)
    {
    case 'm':
      unit = 60;
      break;
    case 'h':
      unit = 3600;
      break;
    case 'd':
      unit = RH_SECONDS_PER_DAY;
      break;
    default:
      g_set_error (error, RH_SCHEDULER_ERROR, RH_SCHEDULER_ERROR_INVALID_STEPS,
                   _("“%s” has an unknown unit “%c”: use m (minutes), h (hours) or d (days)"),
                   token, *q);
      return FALSE;
    }
  if (value == 0)
    {
      g_set_error (error, RH_SCHEDULER_ERROR, RH_SCHEDULER_ERROR_INVALID_STEPS,
                   _("“%s” is too short: a step must be at least 1 minute"), token);
      return FALSE;
    }
  if (value * unit > MAX_STEP_SECONDS)
    {
      g_set_error (error, RH_SCHEDULER_ERROR, RH_SCHEDULER_ERROR_INVALID_STEPS,
                   _("“%s” is too long: a step can be at most 365 days"), token);
      return FALSE;
    }
  *seconds = (guint)(value * unit);
  return TRUE;
}

/* Learning steps as the user types them: whole minutes, hours or days,
 * separated by spaces or commas ("1m 10m", "1m,10m", "1h", "1d", ""). */
gboolean
rh_scheduler_parse_steps (const char  *text,
                          guint        steps[RH_SCHEDULER_MAX_STEPS],
                          guint       *n_steps,
                          GError     **error)
{
  guint parsed[RH_SCHEDULER_MAX_STEPS];
  guint n = 0;
  const char *p = text;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (steps != NULL, FALSE);
  g_return_val_if_fail (n_steps != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (;;)
    {
      const char *start;
      g_autofree char *token = NULL;
      guint seconds;

      while (*p == ' ' || *p == '\t' || *p == ',')
        p++;
      if (*p == '\0')
        break;
      start = p;
      while (*p != '\0' && *p != ' ' && *p != '\t' && *p != ',')
        p++;
      token = g_strndup (start, p - start);
      if (!parse_step (token, &seconds, error))
        return FALSE;
      if (n == RH_SCHEDULER_MAX_STEPS)
        {
          g_set_error (error, RH_SCHEDULER_ERROR, RH_SCHEDULER_ERROR_INVALID_STEPS,
                       _("Too many steps: at most %d are allowed"), RH_SCHEDULER_MAX_STEPS);
          return FALSE;
        }
      parsed[n++] = seconds;
    }

  memcpy (steps, parsed, n * sizeof parsed[0]);
  *n_steps = n;
  return TRUE;
}

/* The inverse of rh_scheduler_parse_steps(), in the largest unit that
 * divides each step.  Steps are whole minutes in ts-fsrs; a step set to
 * seconds by other means is shown to the nearest minute. */
char *
rh_scheduler_format_steps (const guint *steps,
                           guint        n_steps)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (steps != NULL || n_steps == 0, NULL);

  for (guint i = 0; i < n_steps; i++)
    {
      guint minutes = MAX (1, (steps[i] + 30) / 60);

      if (i > 0)
        g_string_append_c (text, ' ');
      if (minutes % 1440 == 0)
        g_string_append_printf (text, "%ud", minutes / 1440);
      else if (minutes % 60 == 0)
        g_string_append_printf (text, "%uh", minutes / 60);
      else
        g_string_append_printf (text, "%um", minutes);
    }
  return g_string_free (text, FALSE);
}

RhScheduler *
rh_scheduler_new (const RhSchedulerConfig *config)
{
  RhScheduler *self;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (config->desired_retention >= RH_SCHEDULER_MIN_RETENTION - 1e-9 &&
                        config->desired_retention <= RH_SCHEDULER_MAX_RETENTION + 1e-9, NULL);
  g_return_val_if_fail (config->maximum_interval >= 1 && config->maximum_interval <= 36500, NULL);
  g_return_val_if_fail (config->n_learning_steps <= RH_SCHEDULER_MAX_STEPS, NULL);
  g_return_val_if_fail (config->n_relearning_steps <= RH_SCHEDULER_MAX_STEPS, NULL);
  g_return_val_if_fail (config->rollover_hour >= 0 && config->rollover_hour <= 23, NULL);

  self = g_new0 (RhScheduler, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->config = *config;
  if (config->timezone != NULL)
    self->config.timezone = g_time_zone_ref (config->timezone);
  rh_fsrs_init (&self->fsrs, config->w, config->desired_retention, config->n_relearning_steps);
  return self;
}

RhScheduler *
rh_scheduler_ref (RhScheduler *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
rh_scheduler_unref (RhScheduler *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_clear_pointer (&self->config.timezone, g_time_zone_unref);
      g_free (self);
    }
}

/* The configuration as given; the parameters actually used are clipped
 * (see rh_scheduler_get_fsrs()). */
const RhSchedulerConfig *
rh_scheduler_get_config (const RhScheduler *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->config;
}

const RhFsrs *
rh_scheduler_get_fsrs (const RhScheduler *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->fsrs;
}

static int
elapsed_study_days (const RhScheduler *self,
                    const RhCardState *before,
                    gint64             now)
{
  const RhSchedulerConfig *config = &self->config;
  gint64 days;

  if (before->state == RH_CARD_NEW || before->last_review == 0)
    return 0;
  days = rh_study_day (now, config->timezone, config->rollover_hour)
         - rh_study_day (before->last_review, config->timezone, config->rollover_hour);
  /* A clock set back makes no review in the future; ts-fsrs would refuse. */
  return (int)CLAMP (days, 0, G_MAXINT / 2);
}

/* One uniform number in [0, 1) per seed (splitmix64): a fuzzed interval
 * must come out the same for the preview and for the grade itself. */
static double
fuzz_factor (guint32 seed)
{
  guint64 z = (guint64)seed + G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  z ^= z >> 31;
  return (double)(z >> 11) * 0x1.0p-53;
}

/* Anki's fuzz ranges, as ts-fsrs get_fuzz_range().  FALSE (and the
 * interval itself as both bounds) below 2.5 days, where there is no fuzz. */
gboolean
rh_scheduler_fuzz_range (const RhScheduler *self,
                         int                interval,
                         int                elapsed_days,
                         int               *min_interval,
                         int               *max_interval)
{
  static const struct { double start, end, factor; } ranges[] = {
    { 2.5, 7, 0.15 },
    { 7, 20, 0.1 },
    { 20, INFINITY, 0.05 },
  };
  int maximum;
  double delta = 1;
  int min_ivl, max_ivl;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (min_interval != NULL && max_interval != NULL, FALSE);

  if (interval < 2.5)
    {
      *min_interval = *max_interval = interval;
      return FALSE;
    }

  maximum = self->config.maximum_interval;
  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    delta += ranges[i].factor * fmax (fmin (interval, ranges[i].end) - ranges[i].start, 0);
  interval = MIN (interval, maximum);
  min_ivl = MAX (2, (int)rh_fsrs_js_round (interval - delta));
  max_ivl = MIN ((int)rh_fsrs_js_round (interval + delta), maximum);
  /* A card reviewed late must not come back sooner than it was seen. */
  if (interval > elapsed_days)
    min_ivl = MAX (min_ivl, elapsed_days + 1);
  min_ivl = MIN (min_ivl, max_ivl);

  *min_interval = min_ivl;
  *max_interval = max_ivl;
  return TRUE;
}

static int
next_interval (const RhScheduler *self,
               double             stability,
               int                elapsed_days,
               guint32            fuzz_seed)
{
  int interval = rh_fsrs_next_interval (&self->fsrs, stability, self->config.maximum_interval);
  int min_ivl, max_ivl;

  if (!self->config.fuzz ||
      !rh_scheduler_fuzz_range (self, interval, elapsed_days, &min_ivl, &max_ivl))
    return interval;
  return (int)floor (fuzz_factor (fuzz_seed) * (max_ivl - min_ivl + 1) + min_ivl);
}

/* ts-fsrs BasicLearningStepsStrategy: how long until the next showing in
 * the (re)learning steps, or 0 to leave them.  Steps are whole minutes
 * there; the arithmetic is kept in minutes so the rounding matches. */
static gint64
step_seconds (const RhScheduler *self,
              const RhCardState *before,
              RhRating           rating,
              int               *next_step)
{
  const RhSchedulerConfig *config = &self->config;
  gboolean relearning = before->state == RH_CARD_RELEARNING || before->state == RH_CARD_REVIEW;
  const guint *steps = relearning ? config->relearning_steps : config->learning_steps;
  guint n = relearning ? config->n_relearning_steps : config->n_learning_steps;
  guint cur = (guint)MAX (0, before->step);

  *next_step = 0;
  if (n == 0 || cur >= n)
    return 0;

  if (before->state == RH_CARD_REVIEW)
    return rating == RH_RATING_AGAIN ? steps[cur] : 0;

  switch (rating)
    {
    case RH_RATING_AGAIN:
      return steps[0];
    case RH_RATING_HARD:
      *next_step = (int)cur;
      /* Always from the first two steps, whatever step the card is on. */
      if (n == 1)
        return (3 * (gint64)steps[0] + 60) / 120 * 60;
      return ((gint64)steps[0] + steps[1] + 60) / 120 * 60;
    case RH_RATING_GOOD:
      if (cur + 1 < n && steps[cur + 1] > 0)
        {
          *next_step = (int)cur + 1;
          return steps[cur + 1];
        }
      return 0;
    case RH_RATING_EASY:
    default:
      return 0;
    }
}

/* ts-fsrs applyLearningSteps(): a step shorter than a day keeps the card
 * in @to_state; anything else makes it a review card. */
static void
apply_steps (const RhScheduler *self,
             const RhCardState *before,
             gint64             now,
             RhRating           rating,
             RhCardStateKind    to_state,
             int                elapsed_days,
             guint32            fuzz_seed,
             RhCardState       *after)
{
  int next_step;
  gint64 seconds = step_seconds (self, before, rating, &next_step);

  if (seconds > 0 && seconds < RH_SECONDS_PER_DAY)
    {
      after->state = to_state;
      after->step = next_step;
      after->scheduled_days = 0;
      after->due = now + seconds;
    }
  else if (seconds >= RH_SECONDS_PER_DAY)
    {
      /* A step of a day or more: a review card, yet due by the step and
       * still remembering it (ts-fsrs keeps the step index here). */
      after->state = RH_CARD_REVIEW;
      after->step = next_step;
      after->scheduled_days = (int)(seconds / RH_SECONDS_PER_DAY);
      after->due = now + seconds;
    }
  else
    {
      int interval = next_interval (self, after->stability, elapsed_days, fuzz_seed);

      after->state = RH_CARD_REVIEW;
      after->step = 0;
      after->scheduled_days = interval;
      after->due = now + (gint64)interval * RH_SECONDS_PER_DAY;
    }
}

static void
set_memory (RhCardState        *state,
            const RhFsrsMemory *memory)
{
  state->stability = memory->stability;
  state->difficulty = memory->difficulty;
}

/* A review card recalled (Hard, Good or Easy): Hard < Good < Easy in days,
 * so each grade needs the intervals of the grades below it. */
static void
review_passed (const RhScheduler  *self,
               const RhFsrsMemory *memory,
               int                 elapsed,
               gint64              now,
               RhRating            rating,
               guint32             fuzz_seed,
               RhCardState        *after)
{
  RhFsrsMemory hard, good, next;
  int hard_ivl, good_ivl, interval;

  rh_fsrs_next_memory (&self->fsrs, memory, elapsed, RH_RATING_HARD, &hard);
  rh_fsrs_next_memory (&self->fsrs, memory, elapsed, RH_RATING_GOOD, &good);
  hard_ivl = next_interval (self, hard.stability, elapsed, fuzz_seed);
  good_ivl = next_interval (self, good.stability, elapsed, fuzz_seed);
  hard_ivl = MIN (hard_ivl, good_ivl);
  good_ivl = MAX (good_ivl, hard_ivl + 1);

  if (rating == RH_RATING_HARD)
    {
      next = hard;
      interval = hard_ivl;
    }
  else if (rating == RH_RATING_GOOD)
    {
      next = good;
      interval = good_ivl;
    }
  else
    {
      rh_fsrs_next_memory (&self->fsrs, memory, elapsed, RH_RATING_EASY, &next);
      interval = MAX (next_interval (self, next.stability, elapsed, fuzz_seed), good_ivl + 1);
    }
  set_memory (after, &next);
  after->state = RH_CARD_REVIEW;
  after->step = 0;
  after->scheduled_days = interval;
  after->due = now + (gint64)interval * RH_SECONDS_PER_DAY;
}

void
rh_scheduler_next (const RhScheduler *self,
                   const RhCardState *before,
                   gint64             now,
                   RhRating           rating,
                   guint32            fuzz_seed,
                   RhCardState       *after)
{
  RhFsrsMemory memory = { 0, 0 };
  RhFsrsMemory next;
  int elapsed;

  g_return_if_fail (self != NULL);
  g_return_if_fail (before != NULL);
  g_return_if_fail (after != NULL);
  g_return_if_fail (rating >= RH_RATING_AGAIN && rating <= RH_RATING_EASY);

  elapsed = elapsed_study_days (self, before, now);
  if (before->state != RH_CARD_NEW)
    {
      memory.stability = before->stability;
      memory.difficulty = before->difficulty;
    }

  *after = *before;
  after->last_review = now;
  after->reps = before->reps + 1;

  switch (before->state)
    {
    case RH_CARD_NEW:
    case RH_CARD_LEARNING:
    case RH_CARD_RELEARNING:
    default:
      rh_fsrs_next_memory (&self->fsrs, &memory, elapsed, rating, &next);
      set_memory (after, &next);
      apply_steps (self, before, now, rating,
                   before->state == RH_CARD_RELEARNING ? RH_CARD_RELEARNING : RH_CARD_LEARNING,
                   elapsed, fuzz_seed, after);
      break;

    case RH_CARD_REVIEW:
      if (rating == RH_RATING_AGAIN)
        {
          rh_fsrs_next_memory (&self->fsrs, &memory, elapsed, rating, &next);
          set_memory (after, &next);
          apply_steps (self, before, now, rating, RH_CARD_RELEARNING, elapsed, fuzz_seed, after);
          after->lapses = before->lapses + 1;
        }
      else
        review_passed (self, &memory, elapsed, now, rating, fuzz_seed, after);
      break;
    }
}

void
rh_scheduler_preview (const RhScheduler *self,
                      const RhCardState *before,
                      gint64             now,
                      guint32            fuzz_seed,
                      RhCardState        after[4])
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (before != NULL);
  g_return_if_fail (after != NULL);

  for (int rating = RH_RATING_AGAIN; rating <= RH_RATING_EASY; rating++)
    rh_scheduler_next (self, before, now, (RhRating)rating, fuzz_seed, &after[rating - 1]);
}

/* As ts-fsrs get_retrievability(): whole 24-hour periods since the last
 * review, not study days, so the figure moves at the time of day the card
 * was seen rather than all at once at the rollover hour. */
double
rh_scheduler_retrievability (const RhScheduler *self,
                             const RhCardState *state,
                             gint64             now)
{
  gint64 elapsed = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (state != NULL, 0);

  if (state->state == RH_CARD_NEW || state->stability <= 0)
    return 0;
  if (state->last_review != 0 && now > state->last_review)
    elapsed = (now - state->last_review) / RH_SECONDS_PER_DAY;
  return rh_fsrs_forgetting_curve (&self->fsrs, (double)elapsed,
                                   rh_fsrs_round_to (state->stability, 8));
}

/* FNV-1a over the id, then the review count mixed in, so that one card's
 * fuzz changes from review to review and cards reviewed together differ. */
guint32
rh_scheduler_fuzz_seed (const char *card_id,
                        int         reps)
{
  guint32 hash = 2166136261u;
  guint64 z;

  g_return_val_if_fail (card_id != NULL, 0);

  for (const guchar *p = (const guchar *)card_id; *p != '\0'; p++)
    hash = (hash ^ *p) * 16777619u;
  z = ((guint64)hash << 32) ^ (guint32)reps;
  z = (z ^ (z >> 33)) * G_GUINT64_CONSTANT (0xFF51AFD7ED558CCD);
  z = (z ^ (z >> 33)) * G_GUINT64_CONSTANT (0xC4CEB9FE1A85EC53);
  z ^= z >> 33;
  return (guint32)z;
}
