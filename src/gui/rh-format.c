/* rh-format.c: times and numbers as people read them
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rehearse-format"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-clock.h"
#include "rh-format.h"

/* "now", "in 8 minutes", "today at 18:40", "tonight at 01:30", "tomorrow
 * at 04:00", "on Tue 24 Nov"; and the same in the past for
 * overdue.  Today and tomorrow are study days, as the counts use them: with
 * the day starting at 04:00, 01:30 after midnight is still today ("tonight"). */
char *
rh_format_when (RhClock *clock,
                gint64   when)
{
  gint64 now = rh_clock_now (clock);
  g_autoptr(GDateTime) then_utc = g_date_time_new_from_unix_utc (when);
  g_autoptr(GDateTime) now_utc = g_date_time_new_from_unix_utc (now);
  /* In the clock's time zone, as its study days are. */
  g_autoptr(GDateTime) then = g_date_time_to_timezone (then_utc, rh_clock_get_timezone (clock));
  g_autoptr(GDateTime) current = g_date_time_to_timezone (now_utc, rh_clock_get_timezone (clock));
  g_autofree char *time = g_date_time_format (then, "%H:%M");
  gint64 delta = when - now;
  gint64 day_then, day_now;

  if (delta > -60 && delta < 60)
    return g_strdup (_("now"));
  if (delta > 0 && delta < 3600)
    {
      int minutes = (int)((delta + 59) / 60);

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d minute", "in %d minutes", minutes), minutes);
    }

  day_then = rh_clock_study_day (clock, when);
  day_now = rh_clock_today (clock);
  if (day_then == day_now)
    return g_strdup_printf (g_date_time_get_day_of_year (then) != g_date_time_get_day_of_year (current) &&
                            delta > 0 ? _("tonight at %s") : _("today at %s"), time);
  if (day_then == day_now + 1)
    return g_strdup_printf (_("tomorrow at %s"), time);
  if (day_then == day_now - 1)
    return g_strdup_printf (_("yesterday at %s"), time);
  {
    /* Translators: a date, short, as in "on Tue 24 Nov" (this year) and "on
     * 24 Nov 2027"; see strftime(3). */
    g_autofree char *date = g_date_time_format (then, g_date_time_get_year (then) == g_date_time_get_year (current)
                                                      ? _("%a %-d %b") : _("%-d %b %Y"));

    return g_strdup_printf (_("on %s"), g_strstrip (date));
  }
}

char *
rh_format_date_time (gint64 when)
{
  g_autoptr(GDateTime) then = g_date_time_new_from_unix_local (when);

  /* Translators: a review's date and time; see strftime(3). */
  return g_date_time_format (then, _("%-d %b %Y, %H:%M"));
}

/* "45 s", "12 min", "1 h 5 min". */
char *
rh_format_duration (gint64 ms)
{
  gint64 s = (ms + 500) / 1000;

  if (s < 60)
    return g_strdup_printf (_("%d s"), (int)s);
  if (s < 3600)
    return g_strdup_printf (_("%d min"), (int)((s + 30) / 60));
  return g_strdup_printf (_("%d h %d min"), (int)(s / 3600), (int)((s % 3600) / 60));
}

char *
rh_format_percent (double fraction)
{
  /* Translators: a percentage; %.0f is the number. */
  return g_strdup_printf (_("%.0f%%"), fraction * 100.0);
}

/* A card's state as the browse view, card info and statistics name it. */
const char *
rh_format_state (RhCardStateKind state,
                 gboolean        suspended)
{
  if (suspended)
    return C_("card state", "Suspended");
  switch (state)
    {
    case RH_CARD_LEARNING:
      return C_("card state", "Learning");
    case RH_CARD_REVIEW:
      return C_("card state", "Review");
    case RH_CARD_RELEARNING:
      return C_("card state", "Relearning");
    case RH_CARD_NEW:
    default:
      return C_("card state", "New");
    }
}

/* A grade's name, without the mnemonic of its button; 0 is a reset. */
const char *
rh_format_rating (int rating)
{
  return rh_rating_name (rating);
}

/* A short interval for a grade button: "<1m", "10m", "3h", "12d", "3.2mo",
 * "1.4y".  Months are 30 days and years 365, as in Anki. */
char *
rh_format_interval (gint64 seconds)
{
  gint64 minutes, hours, days, tenths;

  if (seconds < 60)
    /* Translators: an interval on a grade button: less than a minute */
    return g_strdup (C_("interval", "<1m"));

  minutes = (seconds + 30) / 60;
  if (minutes < 60)
    /* Translators: an interval on a grade button, in minutes; keep it short */
    return g_strdup_printf (C_("interval", "%dm"), (int)minutes);

  hours = (seconds + 1800) / 3600;
  if (hours < 24)
    /* Translators: an interval on a grade button, in hours; keep it short */
    return g_strdup_printf (C_("interval", "%dh"), (int)hours);

  days = (seconds + RH_SECONDS_PER_DAY / 2) / RH_SECONDS_PER_DAY;
  if (days < 30)
    /* Translators: an interval on a grade button, in days; keep it short */
    return g_strdup_printf (C_("interval", "%dd"), (int)days);

  tenths = (days * 10 + 15) / 30;
  if (tenths < 120)
    {
      if (tenths % 10 == 0)
        /* Translators: an interval on a grade button, in whole months; keep it short */
        return g_strdup_printf (C_("interval", "%dmo"), (int)(tenths / 10));
      /* Translators: an interval on a grade button, in months with one decimal; keep it short */
      return g_strdup_printf (C_("interval", "%.1fmo"), tenths / 10.0);
    }

  tenths = (days * 10 + 182) / 365;
  if (tenths % 10 == 0)
    /* Translators: an interval on a grade button, in whole years; keep it short */
    return g_strdup_printf (C_("interval", "%dy"), (int)(tenths / 10));
  /* Translators: an interval on a grade button, in years with one decimal; keep it short */
  return g_strdup_printf (C_("interval", "%.1fy"), tenths / 10.0);
}

/* When a backup was made, as its row and its button say it, in the
 * clock's time zone: "Tuesday 10:30" within the past week (today's
 * included), "24 November 10:30" this year, "24 November 2025 10:30"
 * before. */
char *
rh_format_backup_time (RhClock *clock,
                       gint64   when)
{
  g_autoptr(GDateTime) then_utc = g_date_time_new_from_unix_utc (when);
  g_autoptr(GDateTime) now_utc = g_date_time_new_from_unix_utc (rh_clock_now (clock));
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) then_day = NULL;
  g_autoptr(GDateTime) today = NULL;
  GTimeSpan apart;

  if (then_utc == NULL || now_utc == NULL)
    return g_strdup ("?");
  then = g_date_time_to_timezone (then_utc, rh_clock_get_timezone (clock));
  now = g_date_time_to_timezone (now_utc, rh_clock_get_timezone (clock));
  then_day = g_date_time_new (rh_clock_get_timezone (clock), g_date_time_get_year (then),
                              g_date_time_get_month (then), g_date_time_get_day_of_month (then), 0, 0, 0);
  today = g_date_time_new (rh_clock_get_timezone (clock), g_date_time_get_year (now),
                           g_date_time_get_month (now), g_date_time_get_day_of_month (now), 0, 0, 0);
  apart = g_date_time_difference (today, then_day);
  if (apart >= 0 && apart < 6 * G_TIME_SPAN_DAY + G_TIME_SPAN_HOUR * 12)
    /* Translators: when a backup was made, in the past week: "Tuesday 10:30"; see strftime(3) */
    return g_date_time_format (then, _("%A %H:%M"));
  if (g_date_time_get_year (then) == g_date_time_get_year (now))
    /* Translators: when a backup was made, this year: "24 November 10:30"; see strftime(3) */
    return g_date_time_format (then, _("%-d %B %H:%M"));
  /* Translators: when a backup was made, another year: "24 November 2025 10:30"; see strftime(3) */
  return g_date_time_format (then, _("%-d %B %Y %H:%M"));
}

/* "1 review", "1,204 reviews": with the locale's thousands separators. */
char *
rh_format_reviews (gint64 n)
{
  g_autofree char *number = g_strdup_printf ("%'" G_GINT64_FORMAT, n);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s review", "%s reviews", (gulong)MAX (n, 0)), number);
}

/* "95 cards in 15 topics". */
char *
rh_format_deck_size (RhDeck *deck)
{
  guint n_cards = rh_deck_get_n_cards (deck);
  guint n_topics = g_list_model_get_n_items (rh_deck_get_topics (deck));
  g_autofree char *cards = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards", n_cards), n_cards);
  g_autofree char *topics = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u topic", "%u topics", n_topics),
                                             n_topics);

  /* Translators: "95 cards in 15 topics" */
  return g_strdup_printf (_("%s in %s"), cards, topics);
}
