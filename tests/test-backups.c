/* test-backups.c: backups made, thinned, refused and restored, on real files
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every backup here is a real SQLite copy of a real store; time moves with
 * the fake clock, and faults are real files: pages of garbage, a pipe, a
 * link, another program's database, a full tmpfs.  Nothing waits on a
 * sleep: asynchronous results are waited for, with generous limits.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rh-backups-private.h"
#include "rh-deck-parser.h"
#include "rh-store.h"
#include "rh-test-core.h"
#include "rh-test-utils.h"

#define NOW 1772452800   /* 2026-03-02 12:00 UTC, a Monday */
#define MINUTE 60
#define HOUR 3600
#define DAY 86400
#define WAIT_MS 60000

/* --- Helpers ----------------------------------------------------------------- */

static gint64
utc (int year,
     int month,
     int day,
     int hour,
     int minute)
{
  g_autoptr(GDateTime) t = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (t);
}

static RhCollection *
new_collection (const char *name,
                RhClock    *clock)
{
  return rh_test_collection_new (name, "small-deck.xml", clock, 4);
}

static void
grade_n (RhCollection *collection,
         guint         n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("small/c%02u", i % 6);
      g_autoptr(GError) error = NULL;

      rh_collection_grade (collection, rh_test_card (collection, id), RH_RATING_GOOD, 1000, i >= 6, NULL, &error);
      g_assert_no_error (error);
    }
}

/* What is really in a database file: its reviews, through a connection of
 * the test's own. */
static gint64
count_reviews (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM review_log;", -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* Names in @dir, sorted, as one string: "a b c". */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **)names->pdata);
}

static char *
checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
}

static void
write_garbage (const char *path,
               long        offset)
{
  FILE *f = g_fopen (path, "r+b");
  char garbage[4096];

  memset (garbage, 0xA5, sizeof garbage);
  g_assert_nonnull (f);
  g_assert_cmpint (fseek (f, offset, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (garbage, 1, sizeof garbage, f), ==, sizeof garbage);
  fclose (f);
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *)data != NULL;
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  *(GAsyncResult **)data = g_object_ref (result);
}

/* Waits for an asynchronous call's result. */
static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  g_assert_true (rh_test_wait_until (is_set, slot, WAIT_MS));
  return *slot;
}

static char *
back_up (RhBackups      *backups,
         RhBackupsFlags  flags,
         GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rh_backups_create_async (backups, flags, NULL, store_result, &result);
  return rh_backups_create_finish (backups, wait_result (&result), error);
}

static char *
backup_name (const char *path)
{
  return path != NULL ? g_path_get_basename (path) : NULL;
}

/* --- Names and the policy ------------------------------------------------- */

static void
test_names (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  const char *refused[] = {
    "rehearse-2026-11-29-1430-05", "rehearse-2026-11-29-1430-05.db-wal", "rehearse-2026-11-29-14:30-05.db",
    "rehearse-2026-13-29-1430-05.db", "rehearse-2026-02-30-1430-05.db", "rehearse-2026-11-29-2530-05.db",
    "rehearse-2026-11-29-1430-05-0.db", "rehearse-2026-11-29-1430-05-.db", "rehearse-2026-11-29-1430-05-x.db",
    "Rehearse-2026-11-29-1430-05.db", "rehearse- 2026-11-29-1430-05.db", ".rehearse-backup-abcdef.partial",
    "rehearse.db", "notes.txt", "rehearse-2026-11-29-1430-05-1234567.db",
  };
  gint64 time;
  guint serial;

  g_assert_true (rh_backups_parse_name ("rehearse-2026-11-29-1430-05.db", tz, &time, &serial));
  g_assert_cmpint (time, ==, utc (2026, 11, 29, 14, 30) + 5);
  g_assert_cmpuint (serial, ==, 0);
  g_assert_true (rh_backups_parse_name ("rehearse-2026-11-29-1430-05-12.db", tz, &time, &serial));
  g_assert_cmpuint (serial, ==, 12);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    g_assert_false (rh_backups_parse_name (refused[i], tz, &time, &serial));
}

/* Which of @times are kept at @now: their "YYYY-MM-DD HH:MM" in UTC, newest
 * first, as one string. */
static char *
survivors (const gint64         *times,
           guint                 n,
           gint64                now,
           GTimeZone            *tz,
           const RhBackupLimits *limits)
{
  g_autofree gboolean *keep = g_new (gboolean, MAX (n, 1));
  g_autoptr(GString) kept = g_string_new (NULL);

  rh_backups_select_kept (times, n, now, tz, limits, keep);
  for (guint i = n; i-- > 0;)
    if (keep[i])
      {
        g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc (times[i]);
        g_autofree char *text = g_date_time_format (t, "%Y-%m-%d %H:%M");

        g_string_append_printf (kept, "%s%s", kept->len > 0 ? ", " : "", text);
      }
  return g_string_free (g_steal_pointer (&kept), FALSE);
}

/* Four backups a day for fourteen months, thinned on a Sunday: the two
 * days, then 12 days, 10 weeks (their Sundays) and 9 months (their last
 * days), each the newest of its span; nothing else. */
static void
test_policy_months (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  RhBackupLimits limits = RH_BACKUP_LIMITS_INIT;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 now = utc (2026, 3, 15, 12, 0);
  g_autofree char *kept = NULL;

  for (gint64 t = utc (2025, 1, 1, 0, 0); t <= now; t += 6 * HOUR)
    g_array_append_val (times, t);
  kept = survivors ((gint64 *)times->data, times->len, now, tz, &limits);
  g_assert_cmpstr (kept, ==,
                   /* today and yesterday: all */
                   "2026-03-15 12:00, 2026-03-15 06:00, 2026-03-15 00:00, "
                   "2026-03-14 18:00, 2026-03-14 12:00, 2026-03-14 06:00, 2026-03-14 00:00, "
                   /* 12 days */
                   "2026-03-13 18:00, 2026-03-12 18:00, 2026-03-11 18:00, 2026-03-10 18:00, "
                   "2026-03-09 18:00, 2026-03-08 18:00, 2026-03-07 18:00, 2026-03-06 18:00, "
                   "2026-03-05 18:00, 2026-03-04 18:00, 2026-03-03 18:00, 2026-03-02 18:00, "
                   /* 10 weeks, Monday to Sunday */
                   "2026-03-01 18:00, 2026-02-22 18:00, 2026-02-15 18:00, 2026-02-08 18:00, "
                   "2026-02-01 18:00, 2026-01-25 18:00, 2026-01-18 18:00, 2026-01-11 18:00, "
                   "2026-01-04 18:00, 2025-12-28 18:00, "
                   /* 9 months */
                   "2025-11-30 18:00, 2025-10-31 18:00, 2025-09-30 18:00, 2025-08-31 18:00, "
                   "2025-07-31 18:00, 2025-06-30 18:00, 2025-05-31 18:00, 2025-04-30 18:00, "
                   "2025-03-31 18:00");

  /* The same times in any order: the same survivors. */
  for (guint i = 0; i + 1 < times->len; i += 2)
    {
      gint64 swap = g_array_index (times, gint64, i);

      g_array_index (times, gint64, i) = g_array_index (times, gint64, i + 1);
      g_array_index (times, gint64, i + 1) = swap;
    }
  {
    g_autofree char *shuffled = survivors ((gint64 *)times->data, times->len, now, tz, &limits);
    g_auto(GStrv) a = g_strsplit (kept, ", ", -1);
    g_auto(GStrv) b = g_strsplit (shuffled, ", ", -1);

    g_assert_cmpuint (g_strv_length (a), ==, 38);
    g_assert_cmpuint (g_strv_length (b), ==, 38);
    for (guint i = 0; a[i] != NULL; i++)
      g_assert_true (g_strv_contains ((const char * const *)b, a[i]));
  }
}

/* A sparse history and small limits: a day, week or month already kept
 * keeps no second one, and what is past the limits goes. */
static void
test_policy_sparse (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  RhBackupLimits limits = { 3, 2, 1 };
  gint64 times[] = {
    utc (2022, 2, 22, 0, 0), utc (2022, 2, 22, 0, 0), utc (2022, 2, 21, 0, 0),      /* recent */
    utc (2022, 2, 20, 6, 0), utc (2022, 2, 20, 18, 0), utc (2022, 2, 10, 0, 0),     /* daily */
    utc (2022, 2, 9, 0, 0),
    utc (2022, 2, 7, 0, 0), utc (2022, 2, 6, 1, 0), utc (2022, 2, 6, 2, 0),         /* weekly */
    utc (2022, 1, 6, 0, 0),
    utc (2022, 1, 5, 0, 0), utc (2021, 12, 24, 0, 0), utc (2021, 12, 1, 0, 0),      /* monthly */
    utc (2021, 11, 1, 0, 0),
  };
  gboolean keep[G_N_ELEMENTS (times)];
  const gboolean expected[] = { TRUE, TRUE, TRUE, FALSE, TRUE, TRUE, TRUE, FALSE, FALSE, TRUE, TRUE,
                                FALSE, TRUE, FALSE, FALSE };

  rh_backups_select_kept (times, G_N_ELEMENTS (times), utc (2022, 2, 22, 0, 0), tz, &limits, keep);
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    g_assert_cmpint (keep[i], ==, expected[i]);

  /* None at all, and only one: nothing to do, and it stays. */
  rh_backups_select_kept (NULL, 0, NOW, tz, &limits, keep);
  rh_backups_select_kept (times, 1, utc (2030, 1, 1, 0, 0), tz, &limits, keep);
  g_assert_true (keep[0]);
}

/* Days are the user's local days: 22:30 and 23:30 UTC on a winter day are
 * one day in UTC, two in Berlin. */
static void
test_policy_time_zone (void)
{
  g_autoptr(GTimeZone) utc_zone = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  RhBackupLimits limits = RH_BACKUP_LIMITS_INIT;
  gint64 times[] = { utc (2026, 1, 10, 22, 30), utc (2026, 1, 10, 23, 30) };
  gboolean keep[2];

  g_assert_nonnull (berlin);
  rh_backups_select_kept (times, 2, utc (2026, 1, 20, 12, 0), utc_zone, &limits, keep);
  g_assert_false (keep[0]);
  g_assert_true (keep[1]);
  rh_backups_select_kept (times, 2, utc (2026, 1, 20, 12, 0), berlin, &limits, keep);
  g_assert_true (keep[0]);
  g_assert_true (keep[1]);
}

/* --- Writing ------------------------------------------------------------------- */

/* A backup is a whole, checked, self-contained copy under its time's name,
 * written while the store stays open; a second in the same second gets a
 * serial; no temporary file is left. */
static void
test_write (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(RhClock) clock = rh_clock_new_fake (NOW, tz);
  g_autoptr(RhCollection) collection = new_collection ("write", clock);
  RhBackups *backups = rh_collection_get_backups (collection);
  g_autofree char *dir = g_path_get_dirname (rh_collection_get_store_path (collection));
  g_autofree char *expected_folder = g_build_filename (dir, "backups", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL, *second = NULL, *name = NULL, *mode = NULL, *check = NULL, *files = NULL;
  g_autoptr(GPtrArray) list = NULL;

  g_assert_cmpstr (rh_backups_get_folder (backups), ==, expected_folder);
  grade_n (collection, 9);
  first = back_up (backups, RH_BACKUPS_NOW, &error);
  g_assert_no_error (error);
  name = backup_name (first);
  g_assert_cmpstr (name, ==, "rehearse-2026-03-02-1200-00.db");
  g_assert_cmpint (count_reviews (first), ==, 9);
  check = query_text (first, "PRAGMA integrity_check;");
  g_assert_cmpstr (check, ==, "ok");
  mode = query_text (first, "PRAGMA journal_mode;");
  g_assert_cmpstr (mode, ==, "delete");

  /* The store went on working meanwhile, and goes on. */
  grade_n (collection, 2);
  second = back_up (backups, RH_BACKUPS_NOW, &error);
  g_assert_no_error (error);
  g_clear_pointer (&name, g_free);
  name = backup_name (second);
  g_assert_cmpstr (name, ==, "rehearse-2026-03-02-1200-00-1.db");
  g_assert_cmpint (count_reviews (second), ==, 11);
  files = list_dir (expected_folder);
  g_assert_cmpstr (files, ==, "rehearse-2026-03-02-1200-00-1.db rehearse-2026-03-02-1200-00.db");

  list = rh_backups_list (backups, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((RhBackupInfo *)list->pdata[0])->path, ==, second);
  g_assert_cmpint (((RhBackupInfo *)list->pdata[0])->n_reviews, ==, 11);
  g_assert_cmpint (((RhBackupInfo *)list->pdata[0])->time, ==, NOW);
  g_assert_cmpint (((RhBackupInfo *)list->pdata[1])->n_reviews, ==, 9);
  g_assert_null (((RhBackupInfo *)list->pdata[1])->error);
}

static void
changed_cb (RhBackups *backups,
            guint     *n)
{
  (*n)++;
}

static gboolean
at_least_one (gpointer data)
{
  return *(guint *)data > 0;
}

/* Automatic backups: only after a change, at most every 30 minutes, the
 * last one's time read from the folder (so it survives a restart). */
static void
test_due (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(RhClock) clock = rh_clock_new_fake (NOW, tz);
  g_autoptr(RhCollection) collection = new_collection ("due", clock);
  RhBackups *backups = rh_collection_get_backups (collection);
  g_autoptr(RhBackups) restarted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *made = NULL;
  guint n_changed = 0;

  g_signal_connect (backups, "changed", G_CALLBACK (changed_cb), &n_changed);
  made = back_up (backups, RH_BACKUPS_IF_DUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (made);
  g_assert_true (rh_test_wait_until (at_least_one, &n_changed, WAIT_MS));
  g_clear_pointer (&made, g_free);

  /* Nothing changed since: none, even much later. */
  rh_clock_advance (clock, 2 * HOUR);
  made = back_up (backups, RH_BACKUPS_IF_DUE, &error);
  g_assert_no_error (error);
  g_assert_null (made);

  /* A change, but the last backup is 10 minutes old... */
  grade_n (collection, 1);
  made = back_up (backups, RH_BACKUPS_NOW, &error);
  g_assert_nonnull (made);
  g_clear_pointer (&made, g_free);
  grade_n (collection, 1);
  rh_clock_advance (clock, 10 * MINUTE);
  made = back_up (backups, RH_BACKUPS_IF_DUE, &error);
  g_assert_no_error (error);
  g_assert_null (made);
  /* ...29 minutes: not yet; 30: yes. */
  rh_clock_advance (clock, 19 * MINUTE);
  g_assert_null (back_up (backups, RH_BACKUPS_IF_DUE, &error));
  rh_clock_advance (clock, MINUTE);
  made = back_up (backups, RH_BACKUPS_IF_DUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (made);
  g_clear_pointer (&made, g_free);

  /* A new start: the newest file says when the last one was made. */
  restarted = rh_backups_new (rh_collection_get_store_path (collection), NULL, clock);
  rh_clock_advance (clock, 20 * MINUTE);
  g_assert_null (back_up (restarted, RH_BACKUPS_IF_DUE, &error));
  g_assert_no_error (error);
  rh_clock_advance (clock, 10 * MINUTE);
  made = back_up (restarted, RH_BACKUPS_IF_DUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (made);
}

/* A backup in progress is waited for: the file is whole once wait returns. */
static void
test_wait (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(RhClock) clock = rh_clock_new_fake (NOW, tz);
  g_autoptr(RhCollection) collection = new_collection ("wait", clock);
  RhBackups *backups = rh_collection_get_backups (collection);
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *files = NULL;
  g_autofree char *made = g_build_filename (rh_backups_get_folder (backups), "rehearse-2026-03-02-1200-00.db", NULL);

  grade_n (collection, 20);
  rh_backups_create_async (backups, RH_BACKUPS_NOW, NULL, store_result, &result);
  rh_backups_wait (backups);
  files = list_dir (rh_backups_get_folder (backups));
  g_assert_cmpstr (files, ==, "rehearse-2026-03-02-1200-00.db");
  g_assert_cmpint (count_reviews (made), ==, 20);
  wait_result (&result);
}

static void
damage_copy (const char *copy,
             gpointer    data)
{
  write_garbage (copy, 4096);
}

/* A copy that fails its check is removed, and the error names it and the
 * store; nothing else is in the folder. */
static void
test_failed_check (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(RhClock) clock = rh_clock_new_fake (NOW, tz);
  g_autoptr(RhCollection) collection = new_collection ("failed-check", clock);
  RhBackups *backups = rh_collection_get_backups (collection);
  g_autoptr(GError) error = NULL;
  g_autofree char *made = NULL;
  g_autofree char *files = NULL;

  grade_n (collection, 300);
  _rh_backups_set_copy_hook (backups, damage_copy, NULL);
  made = back_up (backups, RH_BACKUPS_NOW, &error);
  g_assert_null (made);
  g_assert_error (error, RH_BACKUPS_ERROR, RH_BACKUPS_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, rh_collection_get_store_path (collection)));
  g_assert_nonnull (strstr (error->message, rh_backups_get_folder (backups)));
  g_assert_nonnull (strstr (error->message, ".partial"));
  files = list_dir (rh_backups_get_folder (backups));
  g_assert_cmpstr (files, ==, "");

  /* The store was not touched: the next one is fine. */
  _rh_backups_set_copy_hook (backups, NULL, NULL);
  g_clear_error (&error);
  made = back_up (backups, RH_BACKUPS_NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_reviews (made), ==, 300);
}

/* The backups folder is a full tmpfs: FULL, naming it, and nothing left. */
static void
full_disk_child (gpointer data)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(RhClock) clock = rh_clock_new_fake (NOW, tz);
  g_autoptr(RhCollection) collection = new_collection ("full-disk", clock);
  RhBackups *backups = rh_collection_get_backups (collection);
  g_autoptr(GError) error = NULL;
  g_autofree char *made = NULL;
  g_autofree char *files = NULL;

  grade_n (collection, 600);
  g_assert_cmpint (g_mkdir (rh_backups_get_folder (backups), 0700), ==, 0);
  if (unshare (CLONE_NEWNS) != 0 || mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
      mount ("tmpfs", rh_backups_get_folder (backups), "tmpfs", 0, "size=32k") != 0)
    _exit (77);
  made = rh_backups_create (backups, RH_BACKUPS_NOW, &error);
  g_assert_null (made);
  g_assert_error (error, RH_BACKUPS_ERROR, RH_BACKUPS_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, rh_backups_get_folder (backups)));
  files = list_dir (rh_backups_get_folder (backups));
  g_assert_cmpstr (files, ==, "");
  g_assert_true (rh_collection_is_open (collection));
  _exit (0);
}

static void
test_full_disk (void)
{
  int status = 0;
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    full_disk_child (NULL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
    {
      g_test_skip ("no mount namespace here (it needs root or CAP_SYS_ADMIN)");
      return;
    }
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

/* Where the folder should be there is a file of the user's: an error
 * naming it, and the file as it was. */
static void
test_folder_is_a_file (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(RhClock) clock = rh_clock_new_fake (NOW, tz);
  g_autoptr(RhCollection) collection = new_collection ("folder-file", clock);
  RhBackups *backups = rh_collection_get_backups (collection);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) list = NULL;

  g_assert_true (g_file_set_contents (rh_backups_get_folder (backups), "my notes", -1, NULL));
  g_assert_null (back_up (backups, RH_BACKUPS_NOW, &error));
  g_assert_error (error, RH_BACKUPS_ERROR, RH_BACKUPS_ERROR_IO);
  g_assert_nonnull (strstr (error->message, rh_backups_get_folder (backups)));
  g_clear_error (&error);
  list = rh_backups_list (backups, &error);
  g_assert_null (list);
  g_assert_error (error, RH_BACKUPS_ERROR, RH_BACKUPS_ERROR_IO);
  g_assert_true (g_file_get_contents (rh_backups_get_folder (backups), &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "my notes");
  g_assert_true (rh_collection_is_open (collection));
}

static gboolean
info_error_is (GPtrArray  *list,
               const char *name,
               int         code)
{
  for (guint i = 0; i < list->len; i++)
    {
      RhBackupInfo *info = g_ptr_array_index (list, i);
      g_autofree char *base = g_path_get_basename (info->path);

      if (g_str_equal (base, name))
        return g_error_matches (info->error, RH_BACKUPS_ERROR, code) && strstr (info->error->message, info->path);
    }
  return FALSE;
}

/* Files with our names that are not our backups: a pipe (which would block
 * an open), a link, a folder, text, another program's database.  Listed
 * with what is wrong, never deleted by thinning, never offered. */
static void
test_hostile_folder (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(RhClock) clock = rh_clock_new_fake (NOW, tz);
  g_autoptr(RhCollection) collection = new_collection ("hostile", clock);
  RhBackups *backups = rh_collection_get_backups (collection);
  const char *folder = rh_backups_get_folder (backups);
  g_autofree char *fifo = g_build_filename (folder, "rehearse-2025-01-01-1200-00.db", NULL);
  g_autofree char *link = g_build_filename (folder, "rehearse-2025-02-01-1200-00.db", NULL);
  g_autofree char *subdir = g_build_filename (folder, "rehearse-2025-03-01-1200-00.db", NULL);
  g_autofree char *text = g_build_filename (folder, "rehearse-2025-04-01-1200-00.db", NULL);
  g_autofree char *foreign = g_build_filename (folder, "rehearse-2025-05-01-1200-00.db", NULL);
  g_autofree char *by_hand = g_build_filename (folder, "rehearse-2025-06-01-1200-00.db", NULL);
  g_autofree char *notes = g_build_filename (folder, "notes.txt", NULL);
  g_autofree char *target = g_build_filename (folder, "..", "rehearse.db", NULL);
  g_autofree char *before = NULL, *after = NULL, *made = NULL, *expected = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(RhBackupInfo) good = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (subdir, 0700), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (symlink (target, link), ==, 0);
  g_assert_true (g_file_set_contents (text, "not a database, my notes", -1, NULL));
  g_assert_true (g_file_set_contents (notes, "notes", -1, NULL));
  exec_sql (foreign, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada');");
  grade_n (collection, 5);
  /* A copy of the study file (in WAL mode) given a backup's name by hand. */
  {
    g_autoptr(GFile) store = g_file_new_for_path (rh_collection_get_store_path (collection));
    g_autoptr(GFile) copy = g_file_new_for_path (by_hand);

    g_assert_true (g_file_copy (store, copy, G_FILE_COPY_NONE, NULL, NULL, NULL, NULL));
    /* Its header names Rehearse, as a copy made after a clean close does. */
    exec_sql (by_hand, "PRAGMA application_id = 1380471379;");
  }
  before = list_dir (folder);

  list = rh_backups_list (backups, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 6);
  g_assert_true (info_error_is (list, "rehearse-2025-06-01-1200-00.db", RH_BACKUPS_ERROR_NOT_A_FILE));
  g_assert_true (info_error_is (list, "rehearse-2025-01-01-1200-00.db", RH_BACKUPS_ERROR_NOT_A_FILE));
  g_assert_true (info_error_is (list, "rehearse-2025-02-01-1200-00.db", RH_BACKUPS_ERROR_NOT_A_FILE));
  g_assert_true (info_error_is (list, "rehearse-2025-03-01-1200-00.db", RH_BACKUPS_ERROR_NOT_A_FILE));
  g_assert_true (info_error_is (list, "rehearse-2025-04-01-1200-00.db", RH_BACKUPS_ERROR_NOT_A_DATABASE));
  g_assert_true (info_error_is (list, "rehearse-2025-05-01-1200-00.db", RH_BACKUPS_ERROR_NOT_A_DATABASE));

  /* Nothing to offer a damaged store... */
  rh_backups_find_restorable_async (backups, NULL, store_result, &result);
  g_assert_null (rh_backups_find_restorable_finish (backups, wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* ...and a backup, thinned (all of them are a year old), leaves them. */
  made = back_up (backups, RH_BACKUPS_NOW, &error);
  g_assert_no_error (error);
  after = list_dir (folder);
  expected = g_strconcat (before, " rehearse-2026-03-02-1200-00.db", NULL);
  g_assert_cmpstr (after, ==, expected);
  rh_backups_find_restorable_async (backups, NULL, store_result, &result);
  good = rh_backups_find_restorable_finish (backups, wait_result (&result), &error);
  g_assert_nonnull (good);
  g_assert_cmpstr (good->path, ==, made);
  g_assert_cmpint (good->n_reviews, ==, 5);
}

/* Backups made every three days for half a year, each thinning the folder
 * as it is made: the folder holds exactly what the policy left, each time
 * it ran, and files that are not backups stay. */
static void
test_thinning_files (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(RhClock) clock = rh_clock_new_fake (NOW, tz);
  g_autoptr(RhCollection) collection = new_collection ("thinning", clock);
  RhBackups *backups = rh_collection_get_backups (collection);
  g_autoptr(GArray) alive = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) reviews = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *notes = g_build_filename (rh_backups_get_folder (backups), "notes.txt", NULL);
  RhBackupLimits limits = RH_BACKUP_LIMITS_INIT;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (rh_backups_get_folder (backups), 0700), ==, 0);
  g_assert_true (g_file_set_contents (notes, "mine", -1, NULL));
  for (gint64 i = 1; i <= 62; i++)
    {
      g_autofree char *made = NULL;
      g_autofree gboolean *keep = g_new (gboolean, alive->len + 1);
      gint64 now = rh_clock_now (clock);

      grade_n (collection, 1);
      made = rh_backups_create (backups, RH_BACKUPS_IF_DUE, &error);
      g_assert_no_error (error);
      g_assert_nonnull (made);
      g_array_append_val (alive, now);
      g_array_append_val (reviews, i);
      rh_backups_select_kept ((gint64 *)alive->data, alive->len, now, tz, &limits, keep);
      for (guint j = alive->len; j-- > 0;)
        if (!keep[j])
          {
            g_array_remove_index (alive, j);
            g_array_remove_index (reviews, j);
          }
      rh_clock_advance (clock, 3 * DAY - 7 * HOUR);
    }
  list = rh_backups_list (backups, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, alive->len);
  g_assert_cmpuint (alive->len, <, 40);
  for (guint i = 0; i < list->len; i++)
    {
      RhBackupInfo *info = g_ptr_array_index (list, i);
      guint j = alive->len - 1 - i;

      g_assert_cmpint (info->time, ==, g_array_index (alive, gint64, j));
      g_assert_cmpint (info->n_reviews, ==, g_array_index (reviews, gint64, j));
    }
  g_assert_true (g_file_test (notes, G_FILE_TEST_IS_REGULAR));
}

/* --- Restoring ---------------------------------------------------------------- */

typedef struct {
  guint n_opened;
  guint n_all_changed;
  guint n_restored;
  char *restored;
  char *kept;
} Signals;

static void
opened_cb (RhCollection *collection,
           Signals      *s)
{
  s->n_opened++;
}

static void
card_changed_cb (RhCollection *collection,
                 const char   *card_id,
                 Signals      *s)
{
  if (card_id == NULL)
    s->n_all_changed++;
}

static void
restored_cb (RhCollection *collection,
             const char   *restored,
             const char   *kept,
             Signals      *s)
{
  s->n_restored++;
  g_free (s->restored);
  g_free (s->kept);
  s->restored = g_strdup (restored);
  s->kept = g_strdup (kept);
}

static void
watch (RhCollection *collection,
       Signals      *s)
{
  g_signal_connect (collection, "store-opened", G_CALLBACK (opened_cb), s);
  g_signal_connect (collection, "card-changed", G_CALLBACK (card_changed_cb), s);
  g_signal_connect (collection, "backup-restored", G_CALLBACK (restored_cb), s);
}

static void
signals_clear (Signals *s)
{
  g_free (s->restored);
  g_free (s->kept);
  memset (s, 0, sizeof *s);
}

/* Grades after a backup disappear when it is restored; what was there is
 * backed up first, listed, and restoring that brings them back. */
static void
test_restore (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(RhClock) clock = rh_clock_new_fake (NOW, tz);
  g_autoptr(RhCollection) collection = new_collection ("restore", clock);
  RhBackups *backups = rh_collection_get_backups (collection);
  const char *store = rh_collection_get_store_path (collection);
  g_autofree char *dir = g_path_get_dirname (store);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL, *kept = NULL, *kept_again = NULL, *files = NULL;
  g_autoptr(GPtrArray) list = NULL;
  Signals s = { 0 };
  guint64 device;

  grade_n (collection, 4);
  backup = rh_backups_create (backups, RH_BACKUPS_NOW, &error);
  g_assert_no_error (error);
  rh_clock_advance (clock, HOUR);
  grade_n (collection, 7);
  g_assert_cmpint (count_reviews (store), ==, 11);
  watch (collection, &s);
  device = rh_store_get_device (_rh_collection_get_store (collection));

  g_assert_true (rh_collection_restore_backup (collection, backup, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_reviews (store), ==, 4);
  /* The copy goes on under a device id of its own: the ids given after the
   * backup are not given again. */
  g_assert_cmpuint (rh_store_get_device (_rh_collection_get_store (collection)), !=, device);
  g_assert_true (rh_collection_is_open (collection));
  g_assert_cmpuint (s.n_opened, ==, 1);
  g_assert_cmpuint (s.n_all_changed, ==, 1);
  g_assert_cmpuint (s.n_restored, ==, 1);
  g_assert_cmpstr (s.restored, ==, backup);
  g_assert_cmpstr (s.kept, ==, kept);
  /* c04 and c05 were first graded after the backup: new again. */
  g_assert_null (rh_collection_lookup_state (collection, "small/c05"));
  g_assert_nonnull (rh_collection_lookup_state (collection, "small/c01"));

  /* The state before the restore is a backup of its own, in the list. */
  list = rh_backups_list (backups, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((RhBackupInfo *)list->pdata[0])->path, ==, kept);
  g_assert_cmpint (((RhBackupInfo *)list->pdata[0])->n_reviews, ==, 11);

  /* Restoring it undoes the restore; grading goes on. */
  g_assert_true (rh_collection_restore_backup (collection, kept, &kept_again, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_reviews (store), ==, 11);
  g_assert_nonnull (rh_collection_lookup_state (collection, "small/c05"));
  grade_n (collection, 1);
  g_assert_cmpint (count_reviews (store), ==, 12);
  /* The old file closed cleanly: no log of it was left to move aside, and
   * no copy is left over. */
  files = list_dir (dir);
  g_assert_cmpstr (files, ==, "backups rehearse.db rehearse.db-shm rehearse.db-wal rehearse.db.lock");
  signals_clear (&s);
}

static char *
restore_async (RhCollection  *collection,
               const char    *path,
               gboolean       grade_meanwhile,
               GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  char *kept = NULL;

  rh_collection_restore_backup_async (collection, path, NULL, store_result, &result);
  /* Before the main loop runs again: while the copy is prepared. */
  if (grade_meanwhile)
    grade_n (collection, 1);
  if (!rh_collection_restore_backup_finish (collection, wait_result (&result), &kept, error))
    return NULL;
  return kept;
}

/* The same from the main loop; a grade made while the copy was prepared
 * refuses the restore, changing nothing (but the backup made first). */
static void
test_restore_async (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(RhClock) clock = rh_clock_new_fake (NOW, tz);
  g_autoptr(RhCollection) collection = new_collection ("restore-async", clock);
  RhBackups *backups = rh_collection_get_backups (collection);
  const char *store = rh_collection_get_store_path (collection);
  g_autofree char *dir = g_path_get_dirname (store);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL, *kept = NULL, *files = NULL;

  grade_n (collection, 3);
  backup = rh_backups_create (backups, RH_BACKUPS_NOW, &error);
  rh_clock_advance (clock, HOUR);
  grade_n (collection, 3);

  kept = restore_async (collection, backup, TRUE, &error);
  g_assert_null (kept);
  g_assert_error (error, RH_BACKUPS_ERROR, RH_BACKUPS_ERROR_CHANGED);
  g_assert_nonnull (strstr (error->message, backup));
  g_assert_cmpint (count_reviews (store), ==, 7);
  g_assert_true (rh_collection_is_open (collection));
  files = list_dir (dir);
  g_assert_null (strstr (files, ".restoring-"));
  g_clear_error (&error);

  kept = restore_async (collection, backup, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kept);
  g_assert_cmpint (count_reviews (store), ==, 3);
  g_assert_cmpint (count_reviews (kept), ==, 7);
}

/* A restore asked for while the file is another program's, read-only or
 * newer: refused; there is nothing wrong with it. */
static void
test_restore_unavailable (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(RhClock) clock = rh_clock_new_fake (NOW, tz);
  g_autoptr(RhCollection) collection = new_collection ("unavailable", clock);
  g_autofree char *store = g_strdup (rh_collection_get_store_path (collection));
  g_autoptr(RhCollection) second = rh_collection_new (clock, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;

  grade_n (collection, 2);
  backup = rh_backups_create (rh_collection_get_backups (collection), RH_BACKUPS_NOW, &error);
  g_assert_no_error (error);
  g_assert_false (rh_collection_open_store (second, store, &error));
  g_assert_error (error, RH_STORE_ERROR, RH_STORE_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_false (rh_collection_can_restore (second));
  g_assert_false (rh_collection_restore_backup (second, backup, NULL, &error));
  g_assert_error (error, RH_BACKUPS_ERROR, RH_BACKUPS_ERROR_UNAVAILABLE);
  g_assert_cmpint (count_reviews (store), ==, 2);
}

static void
copy_to (GFile      *from,
         const char *to)
{
  g_autoptr(GFile) target = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  g_file_copy (from, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static char *
make_fifo (const char *dir)
{
  char *path = g_build_filename (dir, "a-pipe.db", NULL);

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  return path;
}

/* Files a user might pick, and why each is refused: the error names the
 * file, and nothing is written (no backup first, no copy, the store as it
 * was). */
static void
test_refusals (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(RhClock) clock = rh_clock_new_fake (NOW, tz);
  g_autoptr(RhCollection) collection = new_collection ("refusals", clock);
  RhBackups *backups = rh_collection_get_backups (collection);
  g_autofree char *store = g_strdup (rh_collection_get_store_path (collection));
  g_autofree char *dir = rh_test_make_dir ("refusals-files");
  g_autofree char *store_dir = g_path_get_dirname (store);
  g_autoptr(GFile) backup_file = NULL;
  g_autofree char *notes = g_build_filename (dir, "notes.db", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.db", NULL);
  g_autofree char *foreign = g_build_filename (dir, "contacts.db", NULL);
  g_autofree char *newer = g_build_filename (dir, "newer.db", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.db", NULL);
  g_autofree char *no_table = g_build_filename (dir, "no-table.db", NULL);
  g_autofree char *fifo = make_fifo (dir);
  g_autofree char *missing = g_build_filename (dir, "missing.db", NULL);
  g_autofree char *backup = NULL, *before = NULL, *folder_before = NULL;
  g_autoptr(GError) error = NULL;
  struct { const char *path; int code; } cases[] = {
    { notes, RH_BACKUPS_ERROR_NOT_A_DATABASE }, { empty, RH_BACKUPS_ERROR_NOT_A_DATABASE },
    { foreign, RH_BACKUPS_ERROR_NOT_A_DATABASE }, { newer, RH_BACKUPS_ERROR_TOO_NEW },
    { broken, RH_BACKUPS_ERROR_DAMAGED }, { no_table, RH_BACKUPS_ERROR_DAMAGED },
    { fifo, RH_BACKUPS_ERROR_NOT_A_FILE },
    { dir, RH_BACKUPS_ERROR_NOT_A_FILE }, { missing, RH_BACKUPS_ERROR_IO }, { store, RH_BACKUPS_ERROR_IN_USE },
  };

  grade_n (collection, 300);
  backup = rh_backups_create (backups, RH_BACKUPS_NOW, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (notes, "these are my notes, not a database", -1, NULL));
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  exec_sql (foreign, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada');");
  backup_file = g_file_new_for_path (backup);
  copy_to (backup_file, newer);
  exec_sql (newer, "PRAGMA user_version = 99;");
  copy_to (backup_file, broken);
  write_garbage (broken, 3 * 4096);
  /* Sound pages, a table gone: it would not open. */
  copy_to (backup_file, no_table);
  exec_sql (no_table, "DROP TABLE card_state;");
  rh_clock_advance (clock, HOUR);
  before = checksum (store);
  folder_before = list_dir (rh_backups_get_folder (backups));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *files = NULL, *now = NULL, *folder_now = NULL;

      g_assert_false (rh_collection_restore_backup (collection, cases[i].path, NULL, &error));
      g_assert_error (error, RH_BACKUPS_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].path));
      g_clear_error (&error);
      now = checksum (store);
      g_assert_cmpstr (now, ==, before);
      folder_now = list_dir (rh_backups_get_folder (backups));
      g_assert_cmpstr (folder_now, ==, folder_before);
      files = list_dir (store_dir);
      g_assert_null (strstr (files, ".restoring-"));
      g_assert_true (rh_collection_is_open (collection));
    }
}

/* --- Recovering a damaged store ------------------------------------------------- */

/* A store with grades and a backup, closed; then a page of garbage in it,
 * as a bad sector leaves.  The newest sound backup is offered, restored,
 * and the damaged file kept aside byte for byte. */
static void
test_recover_damaged (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(RhClock) clock = rh_clock_new_fake (NOW, tz);
  g_autoptr(RhCollection) collection = new_collection ("recover-damaged", clock);
  g_autofree char *store = g_strdup (rh_collection_get_store_path (collection));
  g_autoptr(RhCollection) reopened = rh_collection_new (clock, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *older = NULL, *newer = NULL, *damaged_sum = NULL, *kept = NULL, *kept_sum = NULL;
  g_autoptr(RhBackupInfo) offered = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  Signals s = { 0 };

  grade_n (collection, 100);
  older = rh_backups_create (rh_collection_get_backups (collection), RH_BACKUPS_NOW, &error);
  rh_clock_advance (clock, HOUR);
  grade_n (collection, 200);
  newer = rh_backups_create (rh_collection_get_backups (collection), RH_BACKUPS_NOW, &error);
  g_assert_no_error (error);
  grade_n (collection, 50);
  g_clear_object (&collection);
  /* The newest backup is damaged too: the one before it is offered. */
  write_garbage (newer, 3 * 4096);
  write_garbage (store, 3 * 4096);
  damaged_sum = checksum (store);

  g_assert_false (rh_collection_open_store (reopened, store, &error));
  g_assert_error (error, RH_STORE_ERROR, RH_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_true (rh_collection_can_restore (reopened));
  rh_backups_find_restorable_async (rh_collection_get_backups (reopened), NULL, store_result, &result);
  offered = rh_backups_find_restorable_finish (rh_collection_get_backups (reopened), wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (offered);
  g_assert_cmpstr (offered->path, ==, older);
  g_assert_cmpint (offered->n_reviews, ==, 100);

  watch (reopened, &s);
  kept = restore_async (reopened, offered->path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (rh_collection_is_open (reopened));
  g_assert_cmpuint (s.n_opened, ==, 1);
  g_assert_cmpstr (s.kept, ==, kept);
  g_assert_cmpint (count_reviews (store), ==, 100);
  g_assert_nonnull (strstr (kept, ".damaged-"));
  kept_sum = checksum (kept);
  g_assert_cmpstr (kept_sum, ==, damaged_sum);
  signals_clear (&s);
}

/* Ten grades left in the log by a process that ended without closing the
 * store; then one damaged byte in the log. */
static void
crash_with_damaged_wal (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  pid_t pid = fork ();
  int status = 0;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
      g_autoptr(RhClock) clock = rh_clock_new_fake (NOW + DAY, tz);
      RhCollection *collection = rh_collection_new (clock, NULL);
      g_autofree char *deck = rh_test_fixture_path ("small-deck.xml");

      rh_collection_add_deck (collection, rh_deck_parser_load_file (g_file_new_for_path (deck), NULL));
      if (!rh_collection_open_store (collection, path, NULL))
        _exit (2);
      grade_n (collection, 10);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  rh_test_damage_wal_frame (wal, 6);
}

/* A damaged log of recent changes: the backup can be restored instead of
 * opening without them; the file and its log are kept aside. */
static void
test_recover_lost_changes (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(RhClock) clock = rh_clock_new_fake (NOW, tz);
  g_autoptr(RhCollection) collection = new_collection ("recover-wal", clock);
  g_autofree char *store = g_strdup (rh_collection_get_store_path (collection));
  g_autoptr(RhCollection) reopened = rh_collection_new (clock, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL, *kept = NULL, *kept_wal = NULL, *wal = NULL;
  g_autofree char *wal_path = NULL, *kept_wal_path = NULL;

  grade_n (collection, 20);
  backup = rh_backups_create (rh_collection_get_backups (collection), RH_BACKUPS_NOW, &error);
  g_assert_no_error (error);
  g_clear_object (&collection);
  crash_with_damaged_wal (store);

  g_assert_false (rh_collection_open_store (reopened, store, &error));
  g_assert_error (error, RH_STORE_ERROR, RH_STORE_ERROR_LOST_CHANGES);
  g_clear_error (&error);
  g_assert_true (rh_collection_has_lost_changes (reopened));
  g_assert_true (rh_collection_can_restore (reopened));
  wal_path = g_strconcat (store, "-wal", NULL);
  wal = checksum (wal_path);

  g_assert_true (rh_collection_restore_backup (reopened, backup, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_reviews (store), ==, 20);
  kept_wal_path = g_strconcat (kept, "-wal", NULL);
  kept_wal = checksum (kept_wal_path);
  g_assert_cmpstr (kept_wal, ==, wal);
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));
}

/* A restored file is recorded as a clean close records it (its next open
 * then quick-checks it in a thread), but not while a store has it open. */
static void
test_mark_checked (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(RhClock) clock = rh_clock_new_fake (NOW, tz);
  g_autoptr(RhCollection) collection = new_collection ("mark-checked", clock);
  g_autofree char *store = g_strdup (rh_collection_get_store_path (collection));
  g_autofree char *lock = g_strconcat (store, ".lock", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  grade_n (collection, 3);
  g_assert_false (rh_store_mark_checked (store, &error));
  g_assert_error (error, RH_STORE_ERROR, RH_STORE_ERROR_BUSY);
  g_clear_object (&collection);
  g_assert_true (g_file_set_contents (lock, "", 0, NULL));
  g_assert_true (rh_store_mark_checked (store, NULL));
  g_assert_true (g_file_get_contents (lock, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "closed "));
}

/* Newest is by when a backup was written, not by its name: a name is a
 * local time, and one made under a clock or time zone that was ahead
 * (here: named a year ahead, written first) is not the newest. */
static void
test_newest_by_writing (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(RhClock) clock = rh_clock_new_fake (NOW, tz);
  g_autoptr(RhCollection) collection = new_collection ("newest", clock);
  RhBackups *backups = rh_collection_get_backups (collection);
  g_autofree char *first = NULL, *second = NULL, *ahead = NULL, *dir = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(RhBackupInfo) offered = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  struct timespec times[2] = { { 0, UTIME_OMIT }, { NOW - 3600, 0 } };

  grade_n (collection, 2);
  first = back_up (backups, RH_BACKUPS_NOW, &error);
  g_assert_no_error (error);
  dir = g_path_get_dirname (first);
  ahead = g_build_filename (dir, "rehearse-2027-03-02-1200-00.db", NULL);
  g_assert_cmpint (g_rename (first, ahead), ==, 0);
  /* Written an hour before the next one. */
  g_assert_cmpint (utimensat (AT_FDCWD, ahead, times, 0), ==, 0);
  rh_clock_advance (clock, HOUR);
  grade_n (collection, 3);
  second = back_up (backups, RH_BACKUPS_NOW, &error);
  g_assert_no_error (error);

  list = rh_backups_list (backups, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((RhBackupInfo *)list->pdata[0])->path, ==, second);
  rh_backups_find_restorable_async (backups, NULL, store_result, &result);
  offered = rh_backups_find_restorable_finish (backups, wait_result (&result), &error);
  g_assert_nonnull (offered);
  g_assert_cmpstr (offered->path, ==, second);
  g_assert_cmpint (offered->n_reviews, ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  rh_test_init_env ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/backups/names", test_names);
  g_test_add_func ("/backups/policy/months", test_policy_months);
  g_test_add_func ("/backups/policy/sparse", test_policy_sparse);
  g_test_add_func ("/backups/policy/time-zone", test_policy_time_zone);
  g_test_add_func ("/backups/write", test_write);
  g_test_add_func ("/backups/newest-by-writing", test_newest_by_writing);
  g_test_add_func ("/backups/due", test_due);
  g_test_add_func ("/backups/wait", test_wait);
  g_test_add_func ("/backups/failed-check", test_failed_check);
  g_test_add_func ("/backups/full-disk", test_full_disk);
  g_test_add_func ("/backups/folder-is-a-file", test_folder_is_a_file);
  g_test_add_func ("/backups/hostile-folder", test_hostile_folder);
  g_test_add_func ("/backups/thinning-files", test_thinning_files);
  g_test_add_func ("/backups/restore", test_restore);
  g_test_add_func ("/backups/restore-async", test_restore_async);
  g_test_add_func ("/backups/restore-unavailable", test_restore_unavailable);
  g_test_add_func ("/backups/refusals", test_refusals);
  g_test_add_func ("/backups/recover-damaged", test_recover_damaged);
  g_test_add_func ("/backups/recover-lost-changes", test_recover_lost_changes);
  g_test_add_func ("/backups/mark-checked", test_mark_checked);
  return g_test_run ();
}
