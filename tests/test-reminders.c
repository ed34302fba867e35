/* test-reminders.c: reminders, as a notification daemon receives them
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A private session bus (GTestDBus) with python3-dbusmock's notification
 * daemon on it: GLib's freedesktop backend sends the reminders there as it
 * would to a desktop's, the daemon's calls are read back, and its
 * ActionInvoked signal clicks the buttons.  Time is a fake clock.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include "rh-clock-private.h"
#include "rh-reminders.h"
#include "rh-test-core.h"
#include "rh-test-utils.h"

#define NOW 1772449200   /* 2026-03-02 11:00 UTC, a Monday */
#define HOUR 3600
#define MOCK_PATH "/org/freedesktop/Notifications"

/* One bus and one application for the whole program (GApplication and
 * GDBus do not take a bus going down under them); a daemon of its own for
 * each test, so its notifications are numbered from 1. */
static GDBusConnection *bus_connection;
static GApplication *application;
static struct _Fixture *current;

typedef struct _Fixture {
  GSubprocess *daemon;
  GDBusConnection *connection;
  GApplication *app;
  RhClock *clock;
  RhCollection *collection;
  RhReminders *reminders;
  GPtrArray *activated;     /* "name" or "name:target" of each app action run */
} Fixture;

/* --- The daemon ---------------------------------------------------------------- */

static gboolean
name_has_owner (GDBusConnection *connection,
                const char      *name)
{
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                           "org.freedesktop.DBus", "NameHasOwner",
                                                           g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                                           G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  gboolean owned = FALSE;

  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

static void
start_daemon (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  /* Debian's python3: the module is installed for it, not for another
   * python3 that may come first on PATH. */
  f->daemon = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                                "/usr/bin/python3", "-m", "dbusmock", "--template", "notification_daemon", NULL);
  g_assert_no_error (error);
  while (!name_has_owner (f->connection, "org.freedesktop.Notifications"))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20000);
    }
}

/* The daemon's calls so far: each a (method, args) tuple. */
static GPtrArray *
daemon_calls (Fixture    *f,
              const char *method)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariantIter) iter = NULL;
  GPtrArray *calls = g_ptr_array_new_with_free_func ((GDestroyNotify)g_variant_unref);
  const char *name;
  GVariant *args;

  reply = g_dbus_connection_call_sync (f->connection, "org.freedesktop.Notifications", MOCK_PATH,
                                       "org.freedesktop.DBus.Mock", "GetCalls", NULL, G_VARIANT_TYPE ("(a(tsav))"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(a(tsav))", &iter);
  while (g_variant_iter_next (iter, "(t&s@av)", NULL, &name, &args))
    {
      if (g_str_equal (name, method))
        g_ptr_array_add (calls, args);
      else
        g_variant_unref (args);
    }
  return calls;
}

/* Runs the main loop until the daemon has had @n calls of @method (the
 * backend sends asynchronously), or fails after 30 s. */
static GPtrArray *
wait_calls (Fixture    *f,
            const char *method,
            guint       n)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr(GPtrArray) calls = NULL;

      while (g_main_context_iteration (NULL, FALSE))
        ;
      calls = daemon_calls (f, method);
      if (calls->len >= n)
        return g_steal_pointer (&calls);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (10000);
    }
}

/* Round trips to the daemon, running what arrives in between: a Notify
 * sent is received, and its reply (the notification's number) is known
 * to GLib's backend, which ignores clicks on numbers it does not know. */
static void
flush (Fixture *f)
{
  for (guint i = 0; i < 5; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_assert_true (name_has_owner (f->connection, "org.freedesktop.Notifications"));
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Nothing more arrives: the calls once everything pending has run. */
static GPtrArray *
settled_calls (Fixture    *f,
               const char *method)
{
  flush (f);
  return daemon_calls (f, method);
}

static const char *
arg_string (GVariant *args,
            guint     i)
{
  g_autoptr(GVariant) boxed = g_variant_get_child_value (args, i);
  g_autoptr(GVariant) value = g_variant_get_variant (boxed);

  return g_intern_string (g_variant_get_string (value, NULL));
}

/* Notify's actions: key, label, key, label... joined with "|". */
static char *
arg_actions (GVariant *args)
{
  g_autoptr(GVariant) boxed = g_variant_get_child_value (args, 5);
  g_autoptr(GVariant) value = g_variant_get_variant (boxed);
  g_autofree const char **strv = g_variant_get_strv (value, NULL);

  return g_strjoinv ("|", (char **)strv);
}

static guint32
arg_uint (GVariant *args,
          guint     i)
{
  g_autoptr(GVariant) boxed = g_variant_get_child_value (args, i);
  g_autoptr(GVariant) value = g_variant_get_variant (boxed);

  /* dbusmock passes D-Bus integers back as it received them, or widened. */
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    return (guint32)g_variant_get_int64 (value);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    return (guint32)g_variant_get_int32 (value);
  return g_variant_get_uint32 (value);
}

/* The daemon says "clicked": the mock numbers notifications from 1. */
static void
invoke (Fixture    *f,
        guint32     id,
        const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  GVariantBuilder args;

  flush (f);
  g_variant_builder_init (&args, G_VARIANT_TYPE ("av"));
  g_variant_builder_add (&args, "v", g_variant_new_uint32 (id));
  g_variant_builder_add (&args, "v", g_variant_new_string (key));
  reply = g_dbus_connection_call_sync (f->connection, "org.freedesktop.Notifications", MOCK_PATH,
                                       "org.freedesktop.DBus.Mock", "EmitSignal",
                                       g_variant_new ("(sssav)", "org.freedesktop.Notifications", "ActionInvoked", "us",
                                                      &args),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

/* --- The application ------------------------------------------------------------ */

static void
action_cb (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  Fixture *f = current;
  const char *name = g_action_get_name (G_ACTION (action));

  g_ptr_array_add (f->activated, parameter != NULL ? g_strdup_printf ("%s:%s", name, g_variant_get_string (parameter, NULL))
                                                   : g_strdup (name));
  if (g_str_equal (name, "snooze-reminders"))
    rh_reminders_snooze (f->reminders);
}

static void
wait_activated (Fixture *f,
                guint    n)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (f->activated->len < n)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  current = f;
  f->connection = bus_connection;
  f->app = application;
  start_daemon (f);
  f->activated = g_ptr_array_new_with_free_func (g_free);
  f->clock = rh_clock_new_fake (NOW, utc);
  f->collection = rh_test_collection_new ("reminders", NULL, f->clock, 4);
  f->reminders = rh_reminders_new (f->app, f->collection);
  g_object_set (f->reminders, "enabled", TRUE, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->reminders);
  g_clear_object (&f->collection);
  g_clear_object (&f->clock);
  /* The backend forgets them: the next daemon numbers from 1 again. */
  flush (f);
  g_application_withdraw_notification (f->app, RH_REMINDERS_NOTIFICATION);
  g_application_withdraw_notification (f->app, RH_REMINDERS_ERROR_NOTIFICATION);
  flush (f);
  g_subprocess_force_exit (f->daemon);
  g_subprocess_wait (f->daemon, NULL, NULL);
  g_clear_object (&f->daemon);
  g_clear_pointer (&f->activated, g_ptr_array_unref);
  current = NULL;
}

static RhCard *
card (Fixture    *f,
      const char *id)
{
  return rh_test_card (f->collection, id);
}

static void
grade (Fixture    *f,
       const char *id,
       RhRating    rating)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rh_collection_grade (f->collection, card (f, id), rating, 3000, FALSE, NULL, &error));
  g_assert_no_error (error);
}

/* Three cards studied once: learning, due again today (two of them in
 * Concurrency, one in the first topic). */
static void
make_three_due (Fixture *f)
{
  grade (f, "python-interview/gil", RH_RATING_GOOD);
  grade (f, "python-interview/asyncio-internals", RH_RATING_GOOD);
  grade (f, "python-interview/execution-model", RH_RATING_GOOD);
}

/* --- Tests ------------------------------------------------------------------------ */

/* The first reminder comes at once, says how many and where, and offers
 * Study Now and Later; nothing is sent again while nothing changes. */
static void
test_first_reminder (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) calls = NULL;
  g_autofree char *actions = NULL;

  make_three_due (f);
  rh_reminders_check (f->reminders);
  calls = wait_calls (f, "Notify", 1);
  g_assert_cmpuint (calls->len, ==, 1);
  g_assert_cmpstr (arg_string (calls->pdata[0], 3), ==, "3 cards are due");
  g_assert_cmpstr (arg_string (calls->pdata[0], 4), ==, "Concurrency 2, Python fundamentals and execution model 1");
  actions = arg_actions (calls->pdata[0]);
  g_assert_cmpstr (actions, ==, "default||app.study-due|Study Now|app.snooze-reminders|Later");
  g_assert_true (rh_reminders_is_shown (f->reminders));

  /* Ticks and checks with nothing new: nothing more. */
  for (guint i = 0; i < 10; i++)
    {
      rh_clock_advance (f->clock, 60);
      rh_reminders_check (f->reminders);
    }
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = settled_calls (f, "Notify");
  g_assert_cmpuint (calls->len, ==, 1);

  /* Study Now, as the daemon reports a click on the notification. */
  invoke (f, 1, "default");
  wait_activated (f, 1);
  g_assert_cmpstr (f->activated->pdata[0], ==, "study-due");
}

/* None when nothing is due, or when reminders are off. */
static void
test_nothing_to_say (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) calls = NULL;

  rh_reminders_check (f->reminders);
  g_assert_cmpuint (rh_reminders_count_due (f->reminders), ==, 0);
  g_object_set (f->reminders, "enabled", FALSE, NULL);
  make_three_due (f);
  rh_clock_advance (f->clock, 60);
  rh_reminders_check (f->reminders);
  calls = settled_calls (f, "Notify");
  g_assert_cmpuint (calls->len, ==, 0);
  g_assert_cmpuint (rh_reminders_count_due (f->reminders), ==, 3);

  /* Turned on: the reminder comes. */
  g_object_set (f->reminders, "enabled", TRUE, NULL);
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = wait_calls (f, "Notify", 1);
  g_assert_cmpuint (calls->len, ==, 1);
}

/* Quiet hours, local time, spanning midnight: nothing from 22:00 until
 * 08:00; at 08:00 the reminder comes. */
static void
test_quiet_hours (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) calls = NULL;
  gint64 night = NOW + 12 * HOUR;   /* 23:00 */

  g_assert_false (rh_reminders_is_quiet (f->reminders, NOW));
  g_assert_true (rh_reminders_is_quiet (f->reminders, night));
  g_assert_false (rh_reminders_is_quiet (f->reminders, NOW + 10 * HOUR + 59 * 60));  /* 21:59 */
  rh_clock_set_now (f->clock, night);
  make_three_due (f);
  for (guint i = 0; i < 8; i++)
    {
      rh_clock_advance (f->clock, HOUR);   /* until 07:00 */
      rh_reminders_check (f->reminders);
    }
  rh_clock_advance (f->clock, 59 * 60);    /* 07:59 */
  rh_reminders_check (f->reminders);
  calls = settled_calls (f, "Notify");
  g_assert_cmpuint (calls->len, ==, 0);
  rh_clock_advance (f->clock, 60);         /* 08:00 */
  rh_reminders_check (f->reminders);
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = wait_calls (f, "Notify", 1);
  g_assert_cmpuint (calls->len, ==, 1);

  /* Equal hours: no quiet hours at all. */
  g_object_set (f->reminders, "quiet-hours-start", 5, "quiet-hours-end", 5, NULL);
  g_assert_false (rh_reminders_is_quiet (f->reminders, night));
}

/* Quiet hours are the clock's local time: 21:30 UTC is 22:30 in Berlin. */
static void
test_quiet_hours_local (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(RhClock) clock = NULL;
  g_autoptr(RhCollection) collection = NULL;
  g_autoptr(RhReminders) reminders = NULL;
  gint64 evening = NOW + 10 * HOUR + 30 * 60;   /* 21:30 UTC */

  g_assert_nonnull (berlin);
  clock = rh_clock_new_fake (NOW, berlin);
  collection = rh_test_collection_new ("reminders-berlin", NULL, clock, 4);
  reminders = rh_reminders_new (f->app, collection);
  g_assert_true (rh_reminders_is_quiet (reminders, evening));
  g_assert_false (rh_reminders_is_quiet (f->reminders, evening));
  /* 06:30 UTC is 07:30 in Berlin (winter time): quiet there, not in UTC. */
  g_assert_true (rh_reminders_is_quiet (reminders, NOW - 4 * HOUR - 30 * 60));
  g_assert_true (rh_reminders_is_quiet (f->reminders, NOW - 4 * HOUR - 30 * 60));
  g_assert_false (rh_reminders_is_quiet (reminders, NOW - 3 * HOUR));          /* 09:00 Berlin */
}

static void
count_ticks (RhClock *clock,
             guint   *ticks)
{
  (*ticks)++;
}

/* The system's zone changes while Rehearse runs (the user travels): the next
 * look at the time sees it, and quiet hours follow the new local time. */
static void
test_timezone_change (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RhClock) clock = rh_clock_new_system ();
  g_autoptr(RhCollection) collection = NULL;
  g_autoptr(RhReminders) reminders = NULL;
  g_autofree char *dir = rh_test_make_dir ("reminders-zone");
  g_autofree char *link = g_build_filename (dir, "localtime", NULL);
  guint ticks = 0;

  if (g_getenv ("TZ") != NULL)
    {
      g_test_skip ("TZ is set: the environment decides the zone");
      return;
    }
  g_assert_cmpint (symlink ("/usr/share/zoneinfo/UTC", link), ==, 0);
  _rh_clock_set_localtime_path (clock, link);
  g_assert_cmpstr (g_time_zone_get_identifier (rh_clock_get_timezone (clock)), ==, "UTC");
  collection = rh_test_collection_new ("reminders-zone-store", NULL, clock, 4);
  reminders = rh_reminders_new (f->app, collection);
  g_signal_connect (clock, "tick", G_CALLBACK (count_ticks), &ticks);

  /* 13:00 UTC: not quiet; 22:00 in Tokyo: quiet. */
  g_assert_false (rh_reminders_is_quiet (reminders, NOW + 2 * HOUR));
  g_assert_cmpint (g_unlink (link), ==, 0);
  g_assert_cmpint (symlink ("/usr/share/zoneinfo/Asia/Tokyo", link), ==, 0);
  _rh_clock_look (clock);
  g_assert_cmpuint (ticks, ==, 1);
  g_assert_cmpstr (g_time_zone_get_identifier (rh_clock_get_timezone (clock)), ==, "Asia/Tokyo");
  g_assert_true (rh_reminders_is_quiet (reminders, NOW + 2 * HOUR));

  /* A link that names no zone leaves the last one. */
  g_assert_cmpint (g_unlink (link), ==, 0);
  g_assert_cmpint (symlink ("/nowhere/at/all", link), ==, 0);
  _rh_clock_look (clock);
  g_assert_cmpstr (g_time_zone_get_identifier (rh_clock_get_timezone (clock)), ==, "Asia/Tokyo");
}

/* More cards due: a new reminder only once the interval has passed; the
 * reminder is withdrawn when the last due card is studied. */
static void
test_interval_and_withdrawal (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) calls = NULL;
  const char *ids[] = { "python-interview/gil", "python-interview/asyncio-internals",
                        "python-interview/execution-model" };

  make_three_due (f);
  rh_reminders_check (f->reminders);
  calls = wait_calls (f, "Notify", 1);
  grade (f, "python-interview/mutable-immutable", RH_RATING_GOOD);
  rh_clock_advance (f->clock, 2 * HOUR);
  rh_reminders_check (f->reminders);
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = settled_calls (f, "Notify");
  g_assert_cmpuint (calls->len, ==, 1);
  rh_clock_advance (f->clock, HOUR);
  rh_reminders_check (f->reminders);
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = wait_calls (f, "Notify", 2);
  g_assert_cmpuint (calls->len, ==, 2);
  g_assert_cmpstr (arg_string (calls->pdata[1], 3), ==, "4 cards are due");
  /* The same notification, replaced. */
  g_assert_cmpuint (arg_uint (calls->pdata[1], 1), ==, 1);

  /* Studied: each again with Good goes to review, days away. */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    grade (f, ids[i], RH_RATING_GOOD);
  rh_reminders_check (f->reminders);
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = settled_calls (f, "CloseNotification");
  g_assert_cmpuint (calls->len, ==, 0);
  grade (f, "python-interview/mutable-immutable", RH_RATING_GOOD);
  g_assert_cmpuint (rh_reminders_count_due (f->reminders), ==, 0);
  rh_reminders_check (f->reminders);
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = wait_calls (f, "CloseNotification", 1);
  g_assert_cmpuint (arg_uint (calls->pdata[0], 0), ==, 1);
  g_assert_false (rh_reminders_is_shown (f->reminders));
}

/* Later: withdrawn now, back an interval later though nothing changed. */
static void
test_snooze (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) calls = NULL;

  make_three_due (f);
  rh_reminders_check (f->reminders);
  calls = wait_calls (f, "Notify", 1);
  invoke (f, 1, "app.snooze-reminders");
  wait_activated (f, 1);
  g_assert_cmpstr (f->activated->pdata[0], ==, "snooze-reminders");
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = wait_calls (f, "CloseNotification", 1);
  rh_clock_advance (f->clock, 3 * HOUR - 60);
  rh_reminders_check (f->reminders);
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = settled_calls (f, "Notify");
  g_assert_cmpuint (calls->len, ==, 1);
  rh_clock_advance (f->clock, 60);
  rh_reminders_check (f->reminders);
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = wait_calls (f, "Notify", 2);
  g_assert_cmpuint (calls->len, ==, 2);
}

/* The question style: one due card's question, and Show Answer opens it. */
static void
test_question_style (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) calls = NULL;
  g_autofree char *actions = NULL;
  RhCard *gil = card (f, "python-interview/gil");

  g_object_set (f->reminders, "style", "question", NULL);
  grade (f, "python-interview/gil", RH_RATING_GOOD);              /* due first */
  rh_clock_advance (f->clock, 60);
  grade (f, "python-interview/execution-model", RH_RATING_GOOD);
  rh_reminders_check (f->reminders);
  calls = wait_calls (f, "Notify", 1);
  g_assert_cmpstr (arg_string (calls->pdata[0], 3), ==, "2 cards are due");
  g_assert_cmpstr (arg_string (calls->pdata[0], 4), ==, rh_card_get_question (gil));
  g_assert_cmpstr (rh_reminders_get_card_id (f->reminders), ==, "python-interview/gil");
  actions = arg_actions (calls->pdata[0]);
  g_assert_cmpstr (actions, ==,
                   "default||app.study-card('python-interview/gil')|Show Answer|app.snooze-reminders|Later");
  invoke (f, 1, "app.study-card('python-interview/gil')");
  wait_activated (f, 1);
  g_assert_cmpstr (f->activated->pdata[0], ==, "study-card:python-interview/gil");
}

/* The clock jumps: days forward make one reminder, not a burst; set back,
 * the interval starts again from the new time. */
static void
test_clock_jumps (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) calls = NULL;

  make_three_due (f);
  rh_reminders_check (f->reminders);
  calls = wait_calls (f, "Notify", 1);

  /* Five days on, one more due: one reminder, however many checks. */
  rh_clock_advance (f->clock, 5 * 24 * HOUR);
  grade (f, "python-interview/mutable-immutable", RH_RATING_GOOD);
  for (guint i = 0; i < 5; i++)
    {
      rh_reminders_check (f->reminders);
      rh_clock_advance (f->clock, 60);
    }
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = settled_calls (f, "Notify");
  g_assert_cmpuint (calls->len, ==, 2);
  g_assert_cmpstr (arg_string (calls->pdata[1], 3), ==, "4 cards are due");

  /* Two days back: the last reminder is "in the future"; the interval
   * starts again now, neither silenced for two days nor skipped.  (The
   * card graded "in two days" is not due now: 3 due, then 5.) */
  rh_clock_advance (f->clock, -2 * 24 * HOUR);
  grade (f, "python-interview/dicts", RH_RATING_GOOD);
  grade (f, "python-interview/sets", RH_RATING_GOOD);
  rh_reminders_check (f->reminders);
  rh_clock_advance (f->clock, 3 * HOUR - 120);
  rh_reminders_check (f->reminders);
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = settled_calls (f, "Notify");
  g_assert_cmpuint (calls->len, ==, 2);
  rh_clock_advance (f->clock, 120);
  rh_reminders_check (f->reminders);
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = wait_calls (f, "Notify", 3);
  g_assert_cmpuint (calls->len, ==, 3);
  g_assert_cmpstr (arg_string (calls->pdata[2], 3), ==, "5 cards are due");
}

/* While a window has the focus: nothing; what it showed counts as seen. */
static void
test_suppressed (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) calls = NULL;

  g_object_set (f->reminders, "suppressed", TRUE, NULL);
  make_three_due (f);
  rh_reminders_check (f->reminders);
  g_object_set (f->reminders, "suppressed", FALSE, NULL);
  rh_clock_advance (f->clock, 60);
  rh_reminders_check (f->reminders);
  calls = settled_calls (f, "Notify");
  g_assert_cmpuint (calls->len, ==, 0);
  /* More due, an interval later: now a reminder. */
  grade (f, "python-interview/mutable-immutable", RH_RATING_GOOD);
  rh_clock_advance (f->clock, 3 * HOUR);
  rh_reminders_check (f->reminders);
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = wait_calls (f, "Notify", 1);
  g_assert_cmpuint (calls->len, ==, 1);
}

/* Data that cannot be read: one notification, whatever the ticks, and its
 * action opens the window. */
static void
test_store_error (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) calls = NULL;
  g_autofree char *dir = rh_test_make_dir ("reminders-broken");
  g_autofree char *path = g_build_filename (dir, "rehearse.db", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "this is not a database, and long enough to be read as one", -1, NULL));
  g_assert_false (rh_collection_open_store (f->collection, path, &error));
  g_assert_nonnull (error);
  for (guint i = 0; i < 5; i++)
    {
      rh_clock_advance (f->clock, 60);
      rh_reminders_check (f->reminders);
    }
  calls = wait_calls (f, "Notify", 1);
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = settled_calls (f, "Notify");
  g_assert_cmpuint (calls->len, ==, 1);
  g_assert_cmpstr (arg_string (calls->pdata[0], 3), ==, "Rehearse Cannot Read Your Study Data");
  g_assert_nonnull (strstr (arg_string (calls->pdata[0], 4), path));
  invoke (f, 1, "default");
  wait_activated (f, 1);
  g_assert_cmpstr (f->activated->pdata[0], ==, "show-window");
}

static void add_tests (void);

/* No notification daemon yet (at login it may come after Rehearse): the
 * reminder is not counted as sent, and comes once a daemon is there. */
static void
test_daemon_later (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) calls = NULL;

  g_subprocess_force_exit (f->daemon);
  g_subprocess_wait (f->daemon, NULL, NULL);
  g_clear_object (&f->daemon);
  make_three_due (f);
  rh_reminders_check (f->reminders);
  g_assert_false (rh_reminders_is_shown (f->reminders));
  start_daemon (f);
  rh_clock_advance (f->clock, 60);
  rh_reminders_check (f->reminders);
  calls = wait_calls (f, "Notify", 1);
  g_assert_cmpstr (arg_string (calls->pdata[0], 3), ==, "3 cards are due");
  g_assert_true (rh_reminders_is_shown (f->reminders));
}

/* A backlog above the daily review limit: the reminder says how many are
 * due (its title and its topics agree) and how many today's limit lets
 * through; more becoming due is still news. */
static void
test_daily_limit (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) calls = NULL;
  const char *ids[] = { "python-interview/gil", "python-interview/asyncio-internals",
                        "python-interview/execution-model", "python-interview/dicts" };
  guint sum = 0;
  g_auto(GStrv) parts = NULL;
  g_auto(GStrv) topics = NULL;

  g_object_set (rh_collection_get_options (f->collection), "reviews-per-day", 2, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    grade (f, ids[i], RH_RATING_EASY);
  rh_clock_advance (f->clock, 60 * 24 * HOUR);
  g_assert_cmpuint (rh_reminders_count_due (f->reminders), ==, 4);
  rh_reminders_check (f->reminders);
  calls = wait_calls (f, "Notify", 1);
  g_assert_cmpstr (arg_string (calls->pdata[0], 3), ==, "4 cards are due");
  parts = g_strsplit (arg_string (calls->pdata[0], 4), "\n", 2);
  g_assert_cmpstr (parts[1], ==, "Today's limit lets you study 2 of them.");
  topics = g_strsplit (parts[0], ", ", -1);
  for (char **t = topics; *t != NULL; t++)
    sum += (guint)g_ascii_strtoull (strrchr (*t, ' ') + 1, NULL, 10);
  g_assert_cmpuint (sum, ==, 4);

  /* A day later one more is due (a new card learned, then due): news. */
  grade (f, "python-interview/sets", RH_RATING_GOOD);
  rh_clock_advance (f->clock, 3 * HOUR);
  rh_reminders_check (f->reminders);
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = wait_calls (f, "Notify", 2);
  g_assert_cmpstr (arg_string (calls->pdata[1], 3), ==, "5 cards are due");
}

/* Due, but today's limit lets none through: Study Now would show nothing,
 * so no reminder; raised, the reminder comes. */
static void
test_limit_reached (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) calls = NULL;

  grade (f, "python-interview/gil", RH_RATING_EASY);
  grade (f, "python-interview/dicts", RH_RATING_EASY);
  rh_clock_advance (f->clock, 60 * 24 * HOUR);
  g_object_set (rh_collection_get_options (f->collection), "reviews-per-day", 0, NULL);
  g_assert_cmpuint (rh_reminders_count_due (f->reminders), ==, 2);
  rh_reminders_check (f->reminders);
  calls = settled_calls (f, "Notify");
  g_assert_cmpuint (calls->len, ==, 0);
  g_object_set (rh_collection_get_options (f->collection), "reviews-per-day", 10, NULL);
  rh_reminders_check (f->reminders);
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = wait_calls (f, "Notify", 1);
  g_assert_cmpstr (arg_string (calls->pdata[0], 3), ==, "2 cards are due");
}

/* Off and on again while cards are due: the reminder comes again; off
 * withdraws the data error too, and that one keeps quiet hours. */
static void
test_switched_off_and_on (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) calls = NULL;
  g_autofree char *dir = rh_test_make_dir ("reminders-off-on");
  g_autofree char *path = g_build_filename (dir, "rehearse.db", NULL);

  make_three_due (f);
  rh_reminders_check (f->reminders);
  calls = wait_calls (f, "Notify", 1);
  g_object_set (f->reminders, "enabled", FALSE, NULL);
  rh_reminders_check (f->reminders);
  g_object_set (f->reminders, "enabled", TRUE, NULL);
  rh_reminders_check (f->reminders);
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = wait_calls (f, "Notify", 2);

  /* Unreadable data at 23:00: nothing until the quiet hours end. */
  g_assert_true (g_file_set_contents (path, "this is not a database, and long enough to be read as one", -1, NULL));
  g_assert_false (rh_collection_open_store (f->collection, path, NULL));
  rh_clock_set_now (f->clock, NOW + 12 * HOUR);
  rh_reminders_check (f->reminders);
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = settled_calls (f, "Notify");
  g_assert_cmpuint (calls->len, ==, 2);
  rh_clock_set_now (f->clock, NOW + 21 * HOUR);   /* 08:00 */
  rh_reminders_check (f->reminders);
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = wait_calls (f, "Notify", 3);
  g_assert_cmpstr (arg_string (calls->pdata[2], 3), ==, "Rehearse Cannot Read Your Study Data");
  flush (f);
  g_object_set (f->reminders, "enabled", FALSE, NULL);
  rh_reminders_check (f->reminders);
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = wait_calls (f, "CloseNotification", 2);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);

  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("/usr/bin/python3 with python3-dbusmock is needed");
      return g_test_run ();
    }
  {
    g_autoptr(GTestDBus) bus = g_test_dbus_new (G_TEST_DBUS_NONE);
    g_autoptr(GError) error = NULL;
    const GActionEntry actions[] = {
      { "study-due", action_cb }, { "study-card", action_cb, "s" },
      { "snooze-reminders", action_cb }, { "show-window", action_cb },
    };
    int status;

    g_test_dbus_up (bus);
    bus_connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
    g_assert_no_error (error);
    application = g_application_new ("io.github.rehearse.ReminderTest", G_APPLICATION_NON_UNIQUE);
    g_action_map_add_action_entries (G_ACTION_MAP (application), actions, G_N_ELEMENTS (actions), NULL);
    g_assert_true (g_application_register (application, NULL, &error));
    g_assert_no_error (error);
    add_tests ();
    status = g_test_run ();
    g_clear_object (&application);
    g_clear_object (&bus_connection);
    g_test_dbus_down (bus);
    return status;
  }
}

static void
add_tests (void)
{
#define ADD(path, fn) g_test_add ("/reminders/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("first", test_first_reminder);
  ADD ("nothing-to-say", test_nothing_to_say);
  ADD ("quiet-hours", test_quiet_hours);
  ADD ("quiet-hours-local", test_quiet_hours_local);
  ADD ("timezone-change", test_timezone_change);
  ADD ("interval-and-withdrawal", test_interval_and_withdrawal);
  ADD ("snooze", test_snooze);
  ADD ("question-style", test_question_style);
  ADD ("clock-jumps", test_clock_jumps);
  ADD ("suppressed", test_suppressed);
  ADD ("store-error", test_store_error);
  ADD ("daemon-later", test_daemon_later);
  ADD ("daily-limit", test_daily_limit);
  ADD ("switched-off-and-on", test_switched_off_and_on);
  ADD ("limit-reached", test_limit_reached);
#undef ADD
}
