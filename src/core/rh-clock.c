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
 *
 * The clock also says when time moved: "tick" at least once a minute on the
 * system clock (the wall clock is read afresh each time, so a suspend or a
 * time-zone change is noticed within a minute, never slept through on one
 * long timeout), and whenever a fake clock is set; "day-changed" when the
 * study day is another than at the last tick.
 */
#define G_LOG_DOMAIN "rehearse-clock"

#include "config.h"

#include <string.h>

#include "rh-clock-private.h"

struct _RhClock {
  GObject parent_instance;

  gboolean fake;
  gint64 fake_now;
  GTimeZone *tz;
  int rollover_hour;
  gint64 last_day;          /* the study day at the last check */
  guint minute_id;          /* system clock: the once-a-minute look */
  guint wake_id;            /* system clock: an earlier look asked for */
  gint64 wake_at;
  char *localtime_path;     /* system clock: the file naming the local zone... */
  char *zone_link;          /* ...and the zone it named when tz was made */
};

G_DEFINE_FINAL_TYPE (RhClock, rh_clock, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ROLLOVER_HOUR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  TICK,
  DAY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
check_day (RhClock *self)
{
  gint64 today = rh_clock_today (self);

  if (today == self->last_day)
    return;
  self->last_day = today;
  g_signal_emit (self, signals[DAY_CHANGED], 0);
}

static void
tick (RhClock *self)
{
  g_object_ref (self);
  g_signal_emit (self, signals[TICK], 0);
  check_day (self);
  g_object_unref (self);
}

/* The zone the system names now: set by the user, or by the desktop on
 * arrival in another country.  Read on every look at the time, so that a
 * process that runs for days (reminders) keeps local hours right.  With
 * TZ set, the environment decides, as it did at the start. */
static void
refresh_timezone (RhClock *self)
{
  g_autofree char *link = NULL;
  const char *name;
  GTimeZone *tz;

  if (self->localtime_path == NULL || g_getenv ("TZ") != NULL)
    return;
  link = g_file_read_link (self->localtime_path, NULL);
  if (link == NULL || g_strcmp0 (link, self->zone_link) == 0)
    return;
  name = strstr (link, "zoneinfo/");
  tz = name != NULL ? g_time_zone_new_identifier (name + strlen ("zoneinfo/")) : NULL;
  if (tz == NULL)
    return;
  g_debug ("the local time zone is now %s", g_time_zone_get_identifier (tz));
  g_time_zone_unref (self->tz);
  self->tz = tz;
  g_free (self->zone_link);
  self->zone_link = g_steal_pointer (&link);
}

static gboolean
minute_cb (gpointer user_data)
{
  refresh_timezone (user_data);
  tick (user_data);
  return G_SOURCE_CONTINUE;
}

/* For the tests: where the system names its zone (/etc/localtime). */
void
_rh_clock_set_localtime_path (RhClock    *self,
                              const char *path)
{
  g_return_if_fail (RH_IS_CLOCK (self));

  g_free (self->localtime_path);
  self->localtime_path = g_strdup (path);
  g_clear_pointer (&self->zone_link, g_free);
  refresh_timezone (self);
}

/* For the tests: the once-a-minute look, now. */
void
_rh_clock_look (RhClock *self)
{
  g_return_if_fail (RH_IS_CLOCK (self));
  minute_cb (self);
}

static gboolean
wake_cb (gpointer user_data)
{
  RhClock *self = user_data;

  self->wake_id = 0;
  self->wake_at = 0;
  tick (self);
  return G_SOURCE_REMOVE;
}

static void
rh_clock_dispose (GObject *object)
{
  RhClock *self = (RhClock *)object;

  g_clear_handle_id (&self->minute_id, g_source_remove);
  g_clear_handle_id (&self->wake_id, g_source_remove);

  G_OBJECT_CLASS (rh_clock_parent_class)->dispose (object);
}

static void
rh_clock_finalize (GObject *object)
{
  RhClock *self = (RhClock *)object;

  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_free (self->localtime_path);
  g_free (self->zone_link);

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

  object_class->dispose = rh_clock_dispose;
  object_class->finalize = rh_clock_finalize;
  object_class->get_property = rh_clock_get_property;
  object_class->set_property = rh_clock_set_property;

  properties[PROP_ROLLOVER_HOUR] =
    g_param_spec_int ("rollover-hour", NULL, NULL, 0, 23, 4,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Time moved on: a minute passed, a wake-up came, or a fake clock was set. */
  signals[TICK] =
    g_signal_new ("tick", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A new study day began (or the rollover hour moved the day boundary). */
  signals[DAY_CHANGED] =
    g_signal_new ("day-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
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
  self->localtime_path = g_strdup ("/etc/localtime");
  self->zone_link = g_file_read_link (self->localtime_path, NULL);
  self->last_day = rh_clock_today (self);
  self->minute_id = g_timeout_add_seconds (60, minute_cb, self);
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
  self->last_day = rh_clock_today (self);
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
  tick (self);
}

void
rh_clock_advance (RhClock *self,
                  gint64   seconds)
{
  g_return_if_fail (RH_IS_CLOCK (self));
  g_return_if_fail (self->fake);

  self->fake_now += seconds;
  tick (self);
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
  check_day (self);
}

/* Asks for a "tick" at @when (or soon after), for whoever waits for a
 * learning step to end; the minute's tick comes anyway.  A fake clock ticks
 * only when it is set. */
void
rh_clock_wake_at (RhClock *self,
                  gint64   when)
{
  gint64 now;

  g_return_if_fail (RH_IS_CLOCK (self));

  if (self->fake || (self->wake_id != 0 && self->wake_at <= when))
    return;
  g_clear_handle_id (&self->wake_id, g_source_remove);
  now = rh_clock_now (self);
  self->wake_at = when;
  self->wake_id = g_timeout_add_seconds ((guint)CLAMP (when - now + 1, 1, 3600), wake_cb, self);
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
