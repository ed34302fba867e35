/* rh-clock.c: an injectable "now" and study-day arithmetic
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times are UTC Unix seconds everywhere.  A study day is a calendar day
 * of the local wall clock shifted by the rollover hour: with the default
 * of 4, a review at 01:30 on Tuesday belongs to Monday, as in Anki.  Days
 * are numbered from 1970-01-01, so day arithmetic is integer arithmetic
 * and a daylight-saving change (a 23- or 25-hour day) is still one day.
 */
#define G_LOG_DOMAIN "rehearse-clock"

#include "config.h"

#include "rh-clock.h"

struct _RhClock {
  GObject parent_instance;

  gboolean fake;
  gint64 fake_now;
  GTimeZone *tz;
  int rollover_hour;
};

G_DEFINE_FINAL_TYPE (RhClock, rh_clock, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ROLLOVER_HOUR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static inline gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

/* The study day @unix_time falls in. */
gint64
rh_study_day (gint64     unix_time,
              GTimeZone *tz,
              int        rollover_hour)
{
  gint64 offset = 0;

  if (tz != NULL)
    {
      int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, unix_time);

      offset = g_time_zone_get_offset (tz, interval);
    }
  return floor_div (unix_time + offset - (gint64)rollover_hour * 3600, RH_SECONDS_PER_DAY);
}

/* The moment @study_day begins: the rollover hour of its date, local time.
 * Where that hour does not exist (the clocks jumped over it), the moment
 * the clocks jumped to. */
gint64
rh_study_day_start (gint64     study_day,
                    GTimeZone *tz,
                    int        rollover_hour)
{
  gint64 wall = study_day * RH_SECONDS_PER_DAY + (gint64)rollover_hour * 3600;
  gint64 adjusted = wall;
  int interval;

  if (tz == NULL)
    return wall;
  interval = g_time_zone_adjust_time (tz, G_TIME_TYPE_STANDARD, &adjusted);
  return adjusted - g_time_zone_get_offset (tz, interval);
}

static void
rh_clock_finalize (GObject *object)
{
  RhClock *self = (RhClock *)object;

  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (rh_clock_parent_class)->finalize (object);
}

static void
rh_clock_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  RhClock *self = RH_CLOCK (object);

  switch (prop_id)
    {
    case PROP_ROLLOVER_HOUR:
      g_value_set_int (value, self->rollover_hour);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_clock_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  RhClock *self = RH_CLOCK (object);

  switch (prop_id)
    {
    case PROP_ROLLOVER_HOUR:
      rh_clock_set_rollover_hour (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_clock_class_init (RhClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rh_clock_finalize;
  object_class->get_property = rh_clock_get_property;
  object_class->set_property = rh_clock_set_property;

  properties[PROP_ROLLOVER_HOUR] =
    g_param_spec_int ("rollover-hour", NULL, NULL, 0, 23, 4,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rh_clock_init (RhClock *self)
{
  self->rollover_hour = 4;
}

RhClock *
rh_clock_new_system (void)
{
  RhClock *self = g_object_new (RH_TYPE_CLOCK, NULL);

  self->tz = g_time_zone_new_local ();
  return self;
}

/* A clock that stands still at @now until told otherwise; @tz NULL
 * for the local one. */
RhClock *
rh_clock_new_fake (gint64     now,
                   GTimeZone *tz)
{
  RhClock *self = g_object_new (RH_TYPE_CLOCK, NULL);

  self->fake = TRUE;
  self->fake_now = now;
  self->tz = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  return self;
}

gboolean
rh_clock_is_fake (RhClock *self)
{
  g_return_val_if_fail (RH_IS_CLOCK (self), FALSE);
  return self->fake;
}

gint64
rh_clock_now (RhClock *self)
{
  g_return_val_if_fail (RH_IS_CLOCK (self), 0);

  if (self->fake)
    return self->fake_now;
  return g_get_real_time () / G_USEC_PER_SEC;
}

void
rh_clock_set_now (RhClock *self,
                  gint64   now)
{
  g_return_if_fail (RH_IS_CLOCK (self));
  g_return_if_fail (self->fake);

  self->fake_now = now;
}

void
rh_clock_advance (RhClock *self,
                  gint64   seconds)
{
  g_return_if_fail (RH_IS_CLOCK (self));
  g_return_if_fail (self->fake);

  self->fake_now += seconds;
}

GTimeZone *
rh_clock_get_timezone (RhClock *self)
{
  g_return_val_if_fail (RH_IS_CLOCK (self), NULL);
  return self->tz;
}

int
rh_clock_get_rollover_hour (RhClock *self)
{
  g_return_val_if_fail (RH_IS_CLOCK (self), 0);
  return self->rollover_hour;
}

void
rh_clock_set_rollover_hour (RhClock *self,
                            int      hour)
{
  g_return_if_fail (RH_IS_CLOCK (self));
  g_return_if_fail (hour >= 0 && hour <= 23);

  if (self->rollover_hour == hour)
    return;
  self->rollover_hour = hour;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLLOVER_HOUR]);
}

gint64
rh_clock_study_day (RhClock *self,
                    gint64   unix_time)
{
  g_return_val_if_fail (RH_IS_CLOCK (self), 0);
  return rh_study_day (unix_time, self->tz, self->rollover_hour);
}

gint64
rh_clock_today (RhClock *self)
{
  g_return_val_if_fail (RH_IS_CLOCK (self), 0);
  return rh_clock_study_day (self, rh_clock_now (self));
}

gint64
rh_clock_day_start (RhClock *self,
                    gint64   study_day)
{
  g_return_val_if_fail (RH_IS_CLOCK (self), 0);
  return rh_study_day_start (study_day, self->tz, self->rollover_hour);
}
