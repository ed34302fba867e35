/* rh-scheduling-options.c: what the learner chose: retention, limits, steps, rollover
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain properties, so the application can bind its GSettings to them and
 * the core never sees GSettings.  Every change is one "notify"; the
 * collection listens and applies it at once.  Steps that do not parse (the
 * preferences refuse them, dconf does not) keep the last good ones.
 */
#define G_LOG_DOMAIN "rehearse-options"

#include "config.h"

#include <string.h>

#include "rh-property-private.h"
#include "rh-scheduling-options.h"

struct _RhSchedulingOptions {
  GObject parent_instance;

  double desired_retention;
  int new_per_day;
  int reviews_per_day;
  int rollover_hour;
  gboolean fuzz;
  char *learning_text;
  char *relearning_text;
  guint learning[RH_SCHEDULER_MAX_STEPS];
  guint n_learning;
  guint relearning[RH_SCHEDULER_MAX_STEPS];
  guint n_relearning;
};

G_DEFINE_FINAL_TYPE (RhSchedulingOptions, rh_scheduling_options, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DESIRED_RETENTION,
  PROP_NEW_PER_DAY,
  PROP_REVIEWS_PER_DAY,
  PROP_ROLLOVER_HOUR,
  PROP_FUZZ,
  PROP_LEARNING_STEPS,
  PROP_RELEARNING_STEPS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rh_scheduling_options_finalize (GObject *object)
{
  RhSchedulingOptions *self = (RhSchedulingOptions *)object;

  g_free (self->learning_text);
  g_free (self->relearning_text);

  G_OBJECT_CLASS (rh_scheduling_options_parent_class)->finalize (object);
}

static void
rh_scheduling_options_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RhSchedulingOptions *self = RH_SCHEDULING_OPTIONS (object);

  switch (prop_id)
    {
    case PROP_DESIRED_RETENTION: g_value_set_double (value, self->desired_retention); break;
    case PROP_NEW_PER_DAY: g_value_set_int (value, self->new_per_day); break;
    case PROP_REVIEWS_PER_DAY: g_value_set_int (value, self->reviews_per_day); break;
    case PROP_ROLLOVER_HOUR: g_value_set_int (value, self->rollover_hour); break;
    case PROP_FUZZ: g_value_set_boolean (value, self->fuzz); break;
    case PROP_LEARNING_STEPS: g_value_set_string (value, self->learning_text); break;
    case PROP_RELEARNING_STEPS: g_value_set_string (value, self->relearning_text); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Parses @text into @steps; on failure keeps @steps and @stored as they were. */
static gboolean
set_steps (GParamSpec *pspec,
           const char *text,
           char      **stored,
           guint       steps[RH_SCHEDULER_MAX_STEPS],
           guint      *n_steps)
{
  g_autoptr(GError) error = NULL;
  guint parsed[RH_SCHEDULER_MAX_STEPS];
  guint n_parsed;

  if (g_strcmp0 (text, *stored) == 0)
    return FALSE;
  if (!rh_scheduler_parse_steps (text != NULL ? text : "", parsed, &n_parsed, &error))
    {
      g_warning ("Ignoring the %s setting: %s", g_param_spec_get_name (pspec), error->message);
      return FALSE;
    }
  g_free (*stored);
  *stored = g_strdup (text);
  memcpy (steps, parsed, sizeof parsed);
  *n_steps = n_parsed;
  return TRUE;
}

static void
rh_scheduling_options_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  RhSchedulingOptions *self = RH_SCHEDULING_OPTIONS (object);
  gboolean changed = FALSE;

  switch (prop_id)
    {
    case PROP_DESIRED_RETENTION:
      changed = self->desired_retention != g_value_get_double (value);
      self->desired_retention = g_value_get_double (value);
      break;
    case PROP_NEW_PER_DAY: changed = rh_property_set_int (&self->new_per_day, value); break;
    case PROP_REVIEWS_PER_DAY: changed = rh_property_set_int (&self->reviews_per_day, value); break;
    case PROP_ROLLOVER_HOUR: changed = rh_property_set_int (&self->rollover_hour, value); break;
    case PROP_FUZZ:
      changed = rh_property_set_boolean (&self->fuzz, value);
      break;
    case PROP_LEARNING_STEPS:
      changed = set_steps (pspec, g_value_get_string (value), &self->learning_text,
                           self->learning, &self->n_learning);
      break;
    case PROP_RELEARNING_STEPS:
      changed = set_steps (pspec, g_value_get_string (value), &self->relearning_text,
                           self->relearning, &self->n_relearning);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
rh_scheduling_options_class_init (RhSchedulingOptionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rh_scheduling_options_finalize;
  object_class->get_property = rh_scheduling_options_get_property;
  object_class->set_property = rh_scheduling_options_set_property;

  properties[PROP_DESIRED_RETENTION] =
    g_param_spec_double ("desired-retention", NULL, NULL,
                         RH_SCHEDULER_MIN_RETENTION, RH_SCHEDULER_MAX_RETENTION, 0.90, flags);
  properties[PROP_NEW_PER_DAY] = g_param_spec_int ("new-per-day", NULL, NULL, 0, 9999, 10, flags);
  properties[PROP_REVIEWS_PER_DAY] = g_param_spec_int ("reviews-per-day", NULL, NULL, 0, 99999, 200, flags);
  properties[PROP_ROLLOVER_HOUR] = g_param_spec_int ("rollover-hour", NULL, NULL, 0, 23, 4, flags);
  /* Off only where intervals must be the reference ones: the tests. */
  properties[PROP_FUZZ] = g_param_spec_boolean ("fuzz", NULL, NULL, TRUE, flags);
  properties[PROP_LEARNING_STEPS] = g_param_spec_string ("learning-steps", NULL, NULL, "1m 10m", flags);
  properties[PROP_RELEARNING_STEPS] = g_param_spec_string ("relearning-steps", NULL, NULL, "10m", flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rh_scheduling_options_init (RhSchedulingOptions *self)
{
  RhSchedulerConfig defaults;

  rh_scheduler_config_init_default (&defaults);
  self->desired_retention = defaults.desired_retention;
  self->new_per_day = 10;
  self->reviews_per_day = 200;
  self->rollover_hour = 4;
  self->fuzz = TRUE;
  memcpy (self->learning, defaults.learning_steps, sizeof self->learning);
  self->n_learning = defaults.n_learning_steps;
  memcpy (self->relearning, defaults.relearning_steps, sizeof self->relearning);
  self->n_relearning = defaults.n_relearning_steps;
  self->learning_text = rh_scheduler_format_steps (self->learning, self->n_learning);
  self->relearning_text = rh_scheduler_format_steps (self->relearning, self->n_relearning);
}

RhSchedulingOptions *
rh_scheduling_options_new (void)
{
  return g_object_new (RH_TYPE_SCHEDULING_OPTIONS, NULL);
}

double
rh_scheduling_options_get_desired_retention (RhSchedulingOptions *self)
{
  g_return_val_if_fail (RH_IS_SCHEDULING_OPTIONS (self), 0.9);
  return self->desired_retention;
}

guint
rh_scheduling_options_get_new_per_day (RhSchedulingOptions *self)
{
  g_return_val_if_fail (RH_IS_SCHEDULING_OPTIONS (self), 0);
  return (guint)self->new_per_day;
}

guint
rh_scheduling_options_get_reviews_per_day (RhSchedulingOptions *self)
{
  g_return_val_if_fail (RH_IS_SCHEDULING_OPTIONS (self), 0);
  return (guint)self->reviews_per_day;
}

int
rh_scheduling_options_get_rollover_hour (RhSchedulingOptions *self)
{
  g_return_val_if_fail (RH_IS_SCHEDULING_OPTIONS (self), 4);
  return self->rollover_hour;
}

/* The scheduler these options describe, counting days in @timezone. */
RhScheduler *
rh_scheduling_options_make_scheduler (RhSchedulingOptions *self,
                                      GTimeZone           *timezone)
{
  RhSchedulerConfig config;

  g_return_val_if_fail (RH_IS_SCHEDULING_OPTIONS (self), NULL);

  rh_scheduler_config_init_default (&config);
  config.desired_retention = self->desired_retention;
  config.rollover_hour = self->rollover_hour;
  config.timezone = timezone;
  config.fuzz = self->fuzz;
  memcpy (config.learning_steps, self->learning, sizeof config.learning_steps);
  config.n_learning_steps = self->n_learning;
  memcpy (config.relearning_steps, self->relearning, sizeof config.relearning_steps);
  config.n_relearning_steps = self->n_relearning;
  return rh_scheduler_new (&config);
}
