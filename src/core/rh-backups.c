/* rh-backups.c: copies of the study data, kept, thinned, checked, restored
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A backup is made with SQLite's backup API from a read-only connection of
 * its own: the store keeps its connection, and WAL gives the reader one
 * consistent snapshot while the app goes on committing.  The work is done
 * in a worker thread; the main thread only starts it and hears the result.
 *
 * Rules this file keeps:
 *  - A backup is written under a temporary name, checked with
 *    integrity_check, and only then renamed to its own name, never over
 *    another file.  A copy that fails is removed, and the error names it.
 *  - The time of a backup is in its name (local time, to the second), so
 *    "the last backup" survives restarts and follows an injected clock.
 *  - Thinning deletes only regular files named as our backups whose header
 *    says they are Rehearse databases: a link, a pipe, a folder or a
 *    stranger's file with our name pattern is left alone, and shown with
 *    what is wrong with it.
 *  - Nothing opens a file before it is known to be a regular file (a pipe
 *    would block the open for ever).
 */
#define G_LOG_DOMAIN "rehearse-backups"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rh-autocleanups.h"
#include "rh-backups-private.h"
#include "rh-files.h"
#include "rh-store.h"

/* PRAGMA application_id of every Rehearse database ("RHRS"): rh-store.c
 * writes it into each file it creates. */
#define APPLICATION_ID 0x52485253

#define HEADER_SIZE 100
#define BUSY_TIMEOUT_MS 1000
#define BUSY_TRIES 100
#define PARTIAL_PREFIX ".rehearse-backup-"
#define PARTIAL_SUFFIX ".partial"
/* A partial copy this old was left by a process that ended mid-backup. */
#define STALE_PARTIAL_SECONDS (60 * 60)
#define NAME_STAMP "0000-00-00-0000-00"

struct _RhBackups {
  GObject parent_instance;

  char *store_path;
  char *folder;
  RhClock *clock;
  GMainContext *context;    /* where "changed" is emitted */

  GMutex lock;              /* guards the fields below, from any thread */
  GCond idle;
  guint n_running;          /* jobs started and not finished */
  guint64 generation;       /* bumped by each change of the study data... */
  guint64 backed_up;        /* ...and the one the last backup made here holds */
  GHashTable *counts;       /* file name -> Count: reviews, counted once */

  GMutex job_lock;          /* one job writing or deleting files at a time */

  RhBackupsCopyHook copy_hook;
  gpointer copy_hook_data;
};

G_DEFINE_FINAL_TYPE (RhBackups, rh_backups, G_TYPE_OBJECT)
G_DEFINE_QUARK (rh-backups-error-quark, rh_backups_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  gint64 size;
  gint64 mtime;
  gint64 n_reviews;
} Count;

/* What a worker thread is given: everything it needs from the main
 * thread, read there (the clock is not for other threads). */
typedef struct {
  RhBackupsFlags flags;
  gint64 now;
  GTimeZone *timezone;
  guint64 generation;
  char *path;               /* a file to check or restore */
  gboolean back_up_first;
  char *pre_restore;        /* the backup made before a restore */
} Job;

void
rh_backup_info_free (RhBackupInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->path);
  g_clear_error (&info->error);
  g_free (info);
}

static RhBackupInfo *
info_new (const char *path,
          gint64      time)
{
  RhBackupInfo *info = g_new0 (RhBackupInfo, 1);

  GStatBuf st;

  info->path = g_strdup (path);
  info->time = time;
  info->n_reviews = -1;
  if (g_lstat (path, &st) == 0)
    info->written = (gint64)st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
  return info;
}

/* --- Errors ---------------------------------------------------------------- */

static gboolean
disk_is_full (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  struct statvfs st;

  return statvfs (dir, &st) == 0 && (st.f_bavail == 0 || (st.f_favail == 0 && st.f_files > 0));
}

static gboolean
errno_error (GError     **error,
             const char  *path,
             int          saved)
{
  if (saved == ENOSPC)
    g_set_error (error, RH_BACKUPS_ERROR, RH_BACKUPS_ERROR_FULL,
                 _("The disk holding “%s” is full. Free some space and try again."), path);
  else
    g_set_error (error, RH_BACKUPS_ERROR, RH_BACKUPS_ERROR_IO,
                 _("Rehearse cannot use “%s”: %s."), path, g_strerror (saved));
  return FALSE;
}

static gboolean
not_a_file (GError            **error,
            const char         *path,
            const struct stat  *st)
{
  if (S_ISLNK (st->st_mode))
    g_set_error (error, RH_BACKUPS_ERROR, RH_BACKUPS_ERROR_NOT_A_FILE,
                 _("“%s” is a symbolic link, not a Rehearse database."), path);
  else if (S_ISDIR (st->st_mode))
    g_set_error (error, RH_BACKUPS_ERROR, RH_BACKUPS_ERROR_NOT_A_FILE,
                 _("“%s” is a folder, not a Rehearse database."), path);
  else
    g_set_error (error, RH_BACKUPS_ERROR, RH_BACKUPS_ERROR_NOT_A_FILE,
                 _("“%s” is not a regular file (a pipe, a socket or a device), not a Rehearse database."), path);
  return FALSE;
}

static gboolean
not_ours (GError     **error,
          const char  *path)
{
  g_set_error (error, RH_BACKUPS_ERROR, RH_BACKUPS_ERROR_NOT_A_DATABASE,
               _("“%s” is a database of another program, not of Rehearse."), path);
  return FALSE;
}

static gboolean
not_a_database (GError     **error,
                const char  *path)
{
  g_set_error (error, RH_BACKUPS_ERROR, RH_BACKUPS_ERROR_NOT_A_DATABASE,
               _("“%s” is not a Rehearse database."), path);
  return FALSE;
}

static gboolean
damaged (GError     **error,
         const char  *path,
         const char  *detail)
{
  g_debug ("%s: %s", path, detail);
  g_set_error (error, RH_BACKUPS_ERROR, RH_BACKUPS_ERROR_DAMAGED,
               _("“%s” is damaged: its integrity check failed."), path);
  return FALSE;
}

/* What SQLite said about reading @path, for a user. */
static gboolean
read_error (GError     **error,
            const char  *path,
            int          rc,
            const char  *detail)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      return not_a_database (error, path);
    case SQLITE_CORRUPT:
      return damaged (error, path, detail);
    default:
      g_set_error (error, RH_BACKUPS_ERROR, RH_BACKUPS_ERROR_IO,
                   _("Rehearse cannot read “%s” (%s)."), path, detail);
      return FALSE;
    }
}

static gboolean
check_version (const char  *path,
               int          version,
               GError     **error)
{
  if (version > RH_STORE_SCHEMA_VERSION)
    g_set_error (error, RH_BACKUPS_ERROR, RH_BACKUPS_ERROR_TOO_NEW,
                 _("“%s” was saved by a newer version of Rehearse (data format %d; this version reads "
                   "up to %d). Update Rehearse to restore it."), path, version, RH_STORE_SCHEMA_VERSION);
  else if (version < 0)
    g_set_error (error, RH_BACKUPS_ERROR, RH_BACKUPS_ERROR_TOO_NEW,
                 _("“%s” has a data format (%d) that this version of Rehearse does not know."), path, version);
  else if (version == 0)
    g_set_error (error, RH_BACKUPS_ERROR, RH_BACKUPS_ERROR_NOT_A_DATABASE,
                 _("“%s” holds no Rehearse study data."), path);
  return version > 0 && version <= RH_STORE_SCHEMA_VERSION;
}

/* --- Names ----------------------------------------------------------------- */

static int
digits (const char *s,
        guint       n)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    value = value * 10 + g_ascii_digit_value (s[i]);
  return value;
}

/* "-N.db" or ".db" after the stamp: the serial N (0 for none). */
static gboolean
parse_serial (const char *rest,
              guint      *serial)
{
  guint n = 0;

  *serial = 0;
  if (g_str_equal (rest, ".db"))
    return TRUE;
  if (rest[0] != '-' || !g_ascii_isdigit (rest[1]) || rest[1] == '0')
    return FALSE;
  for (rest++; g_ascii_isdigit (*rest) && n < 6; rest++, n++)
    *serial = *serial * 10 + g_ascii_digit_value (*rest);
  return g_str_equal (rest, ".db");
}

/* Whether @name is a backup's, "rehearse-2026-11-29-1430-05.db" (a second
 * one in the same second: "rehearse-2026-11-29-1430-05-1.db"), and the time
 * it names, in @timezone. */
gboolean
rh_backups_parse_name (const char *name,
                       GTimeZone  *timezone,
                       gint64     *time,
                       guint      *serial)
{
  g_autoptr(GDateTime) when = NULL;
  const char *stamp;
  guint n = 0;

  g_return_val_if_fail (name != NULL && timezone != NULL, FALSE);

  if (!g_str_has_prefix (name, "rehearse-"))
    return FALSE;
  stamp = name + strlen ("rehearse-");
  for (guint i = 0; i < strlen (NAME_STAMP); i++)
    if (NAME_STAMP[i] == '0' ? !g_ascii_isdigit (stamp[i]) : stamp[i] != NAME_STAMP[i])
      return FALSE;
  if (!parse_serial (stamp + strlen (NAME_STAMP), &n))
    return FALSE;
  when = g_date_time_new (timezone, digits (stamp, 4), digits (stamp + 5, 2), digits (stamp + 8, 2),
                          digits (stamp + 11, 2), digits (stamp + 13, 2), digits (stamp + 16, 2));
  if (when == NULL)
    return FALSE;
  if (time != NULL)
    *time = g_date_time_to_unix (when);
  if (serial != NULL)
    *serial = n;
  return TRUE;
}

/* Newest first; in the same second, the higher serial (a longer name). */
static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const RhBackupInfo *x = *(RhBackupInfo * const *)a;
  const RhBackupInfo *y = *(RhBackupInfo * const *)b;
  gsize lx = strlen (x->path), ly = strlen (y->path);

  /* Newest by when the file was written (the system clock, UTC): names
   * are local times, and a time zone or a clock changed between two
   * backups would put an older one first. */
  if (x->written != y->written && x->written != 0 && y->written != 0)
    return x->written < y->written ? 1 : -1;
  if (x->time != y->time)
    return x->time < y->time ? 1 : -1;
  if (lx != ly)
    return lx < ly ? 1 : -1;
  return -strcmp (x->path, y->path);
}

/* --- Which to keep ---------------------------------------------------------- */

typedef struct {
  gint64 time;
  guint  index;
} Stamp;

static int
compare_stamps (gconstpointer a,
                gconstpointer b)
{
  const Stamp *x = a, *y = b;

  if (x->time != y->time)
    return x->time < y->time ? 1 : -1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* The local calendar day of @t as a serial number, 1 for 1 January of the
 * year 1 (a Monday), and its year and month. */
static gint64
serial_day (gint64     t,
            GTimeZone *timezone,
            int       *year,
            int       *month)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_timezone (utc, timezone) : NULL;
  GDate date;
  int y = 1, m = 1, d = 1;

  if (local != NULL)
    g_date_time_get_ymd (local, &y, &m, &d);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  *year = y;
  *month = m;
  return g_date_get_julian (&date);
}

/* Which of the backups made at @times to keep at @now, as Anki thins its
 * own: every one from today and yesterday; then, going back, the newest of
 * each day for @limits->daily days, the newest of each week (Monday to
 * Sunday) for @limits->weekly weeks, and of each month for
 * @limits->monthly months.  Sets @keep[i] for each time; no files. */
void
rh_backups_select_kept (const gint64         *times,
                        guint                 n_times,
                        gint64                now,
                        GTimeZone            *timezone,
                        const RhBackupLimits *limits,
                        gboolean             *keep)
{
  g_autofree Stamp *order = g_new (Stamp, MAX (n_times, 1));
  RhBackupLimits left = *limits;
  gint64 last_day = G_MAXINT64, last_week = G_MAXINT64, last_month = G_MAXINT64;
  gint64 yesterday;
  int year, month;

  g_return_if_fail (times != NULL || n_times == 0);
  g_return_if_fail (timezone != NULL && limits != NULL);

  yesterday = serial_day (now, timezone, &year, &month) - 1;
  for (guint i = 0; i < n_times; i++)
    {
      order[i] = (Stamp) { times[i], i };
      keep[i] = FALSE;
    }
  qsort (order, n_times, sizeof *order, compare_stamps);
  for (guint i = 0; i < n_times; i++)
    {
      gint64 day = serial_day (order[i].time, timezone, &year, &month);
      gint64 week = (day - 1) / 7, months = (gint64)year * 12 + month;
      guint *stage = NULL;
      gboolean fresh = FALSE;

      if (day >= yesterday)
        fresh = TRUE;
      else if (left.daily > 0)
        stage = &left.daily, fresh = day < last_day;
      else if (left.weekly > 0)
        stage = &left.weekly, fresh = week < last_week;
      else if (left.monthly > 0)
        stage = &left.monthly, fresh = months < last_month;
      if (!fresh)
        continue;
      keep[order[i].index] = TRUE;
      last_day = day;
      last_week = week;
      last_month = months;
      if (stage != NULL)
        (*stage)--;
    }
}

/* --- Looking at files ------------------------------------------------------ */

/* A regular file, or an error naming what it is instead; opened (not
 * blocking, in case it turned into a pipe meanwhile) to be sure, and the
 * descriptor returned when @fd is not NULL. */
static gboolean
check_kind (const char  *path,
            gboolean     follow_links,
            int         *fd,
            GError     **error)
{
  struct stat st;
  int opened;

  if ((follow_links ? stat (path, &st) : lstat (path, &st)) != 0)
    return errno_error (error, path, errno);
  if (!S_ISREG (st.st_mode))
    return not_a_file (error, path, &st);
  opened = open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | (follow_links ? 0 : O_NOFOLLOW));
  if (opened < 0)
    return errno_error (error, path, errno);
  if (fstat (opened, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (opened);
      return not_a_file (error, path, &st);
    }
  if (fd != NULL)
    *fd = opened;
  else
    close (opened);
  return TRUE;
}

static guint32
read_be32 (const guint8 *p)
{
  return (guint32)p[0] << 24 | (guint32)p[1] << 16 | (guint32)p[2] << 8 | p[3];
}

/* What a file in the backups folder says in its first 100 bytes: a
 * Rehearse database of a version this build reads.  Our backups are
 * rollback-journal files, so the header is the whole truth about them. */
static gboolean
check_header (const char  *path,
              GError     **error)
{
  guint8 header[HEADER_SIZE];
  ssize_t got;
  int fd = -1;
  int saved;

  if (!check_kind (path, FALSE, &fd, error))
    return FALSE;
  got = pread (fd, header, sizeof header, 0);
  saved = errno;
  close (fd);
  if (got < 0)
    return errno_error (error, path, saved);
  if (got < (ssize_t)sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    return not_a_database (error, path);
  if (read_be32 (header + 68) != APPLICATION_ID)
    return not_ours (error, path);
  /* A backup is written with a rollback journal (bytes 18 and 19 say 1):
   * a copy of the study file in WAL mode, given a backup's name by hand,
   * is the user's, never thinned away. */
  if (header[18] != 1 || header[19] != 1)
    {
      g_set_error (error, RH_BACKUPS_ERROR, RH_BACKUPS_ERROR_NOT_A_FILE,
                   _("“%s” has a backup’s name but was not made as a backup; it is left as it is."), path);
      return FALSE;
    }
  return check_version (path, (int)read_be32 (header + 60), error);
}

static int
query_int64 (sqlite3    *db,
             const char *sql,
             gint64     *value)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *value = sqlite3_column_int64 (stmt, 0);
      return SQLITE_OK;
    }
  return rc == SQLITE_DONE ? SQLITE_ERROR : rc;
}

/* A connection that cannot write.  A file that may change (the store, a
 * file the user chose) is opened as it is, through its WAL; our own closed
 * backups as immutable: no locks, no -shm beside them. */
static sqlite3 *
open_read_only (const char  *path,
                gboolean     immutable,
                GError     **error)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *file_uri = g_filename_to_uri (absolute, NULL, NULL);
  g_autofree char *uri = NULL;
  sqlite3 *db = NULL;
  int rc;

  if (file_uri == NULL)
    {
      g_set_error (error, RH_BACKUPS_ERROR, RH_BACKUPS_ERROR_IO, _("Rehearse cannot read “%s”."), path);
      return NULL;
    }
  uri = g_strconcat (file_uri, immutable ? "?immutable=1" : "?mode=ro", NULL);
  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      read_error (error, path, rc, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  return db;
}

/* Ours, of a version this build reads, sound (with @full, integrity_check
 * on every page and index) and its reviews counted. */
static gboolean
check_open_database (sqlite3     *db,
                     const char  *path,
                     gboolean     full,
                     gint64      *n_reviews,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) check = NULL;
  gint64 app_id = 0, version = 0;
  int rc;

  rc = query_int64 (db, "PRAGMA application_id;", &app_id);
  if (rc == SQLITE_OK)
    rc = query_int64 (db, "PRAGMA user_version;", &version);
  if (rc != SQLITE_OK)
    return read_error (error, path, rc, sqlite3_errmsg (db));
  if (app_id != APPLICATION_ID)
    return not_ours (error, path);
  if (!check_version (path, (int)version, error))
    return FALSE;
  if (full)
    {
      g_autofree char *problem = NULL;

      /* Sound pages, but a table of ours dropped: it would not open. */
      if (!rh_store_check_tables (db, (int)version, &problem))
        return damaged (error, path, problem);
      rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check(1);", -1, &check, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_step (check);
      if (rc != SQLITE_ROW)
        return read_error (error, path, rc, sqlite3_errmsg (db));
      if (g_strcmp0 ((const char *)sqlite3_column_text (check, 0), "ok") != 0)
        return damaged (error, path, (const char *)sqlite3_column_text (check, 0));
    }
  rc = query_int64 (db, "SELECT count(*) FROM review_log;", n_reviews);
  if (rc != SQLITE_OK)
    return (rc & 0xff) == SQLITE_ERROR ? damaged (error, path, sqlite3_errmsg (db))
                                       : read_error (error, path, rc, sqlite3_errmsg (db));
  return TRUE;
}

/* A regular file (for one of @ours, by its header too), a Rehearse
 * database of a version this build reads, with @full integrity_check on
 * all of it; and its reviews counted. */
static gboolean
check_database (const char  *path,
                gboolean     ours,
                gboolean     full,
                gint64      *n_reviews,
                GError     **error)
{
  sqlite3 *db;
  gboolean ok;

  if (ours ? !check_header (path, error) : !check_kind (path, TRUE, NULL, error))
    return FALSE;
  db = open_read_only (path, ours, error);
  if (db == NULL)
    return FALSE;
  ok = check_open_database (db, path, full, n_reviews, error);
  sqlite3_close (db);
  return ok;
}

/* The number of reviews in one of our backups: counted once per file
 * (name, size and time), then remembered. */
static void
count_reviews (RhBackups    *self,
               RhBackupInfo *info)
{
  g_autofree char *name = g_path_get_basename (info->path);
  Count *count;
  struct stat st;

  if (lstat (info->path, &st) != 0)
    {
      errno_error (&info->error, info->path, errno);
      return;
    }
  g_mutex_lock (&self->lock);
  count = g_hash_table_lookup (self->counts, name);
  if (count != NULL && count->size == st.st_size && count->mtime == st.st_mtim.tv_sec)
    info->n_reviews = count->n_reviews;
  g_mutex_unlock (&self->lock);
  if (info->n_reviews >= 0)
    return;
  if (!check_database (info->path, TRUE, FALSE, &info->n_reviews, &info->error))
    return;
  count = g_new (Count, 1);
  *count = (Count) { st.st_size, st.st_mtim.tv_sec, info->n_reviews };
  g_mutex_lock (&self->lock);
  g_hash_table_replace (self->counts, g_strdup (name), count);
  g_mutex_unlock (&self->lock);
}

/* --- The folder ------------------------------------------------------------ */

static gboolean
folder_error (GError     **error,
              const char  *folder,
              int          saved)
{
  if (saved == ENOTDIR || saved == EEXIST)
    g_set_error (error, RH_BACKUPS_ERROR, RH_BACKUPS_ERROR_IO,
                 _("Rehearse keeps its backups in “%s”, but that is a file, not a folder. Move it away."), folder);
  else if (saved == ENOSPC)
    return errno_error (error, folder, saved);
  else
    g_set_error (error, RH_BACKUPS_ERROR, RH_BACKUPS_ERROR_IO,
                 _("Rehearse cannot use the backups folder “%s”: %s."), folder, g_strerror (saved));
  return FALSE;
}

static gboolean
ensure_folder (const char  *folder,
               GError     **error)
{
  if (g_mkdir_with_parents (folder, 0700) != 0)
    return folder_error (error, folder, errno);
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    return folder_error (error, folder, ENOTDIR);
  return TRUE;
}

/* Every file in @folder named as a backup, newest first, each with what
 * its header says is wrong with it: quick, without SQLite, enough to know
 * when the last backup was made and which to thin.  No folder: none. */
static GPtrArray *
scan_folder (const char  *folder,
             GTimeZone   *timezone,
             GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify)rh_backup_info_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  dir = g_dir_open (folder, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&found);
      folder_error (error, folder, g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR) ? ENOTDIR
                                   : g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_ACCES) ? EACCES : EIO);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      RhBackupInfo *info;
      gint64 time;

      if (!rh_backups_parse_name (name, timezone, &time, NULL))
        continue;
      path = g_build_filename (folder, name, NULL);
      info = info_new (path, time);
      check_header (path, &info->error);
      g_ptr_array_add (found, info);
    }
  g_ptr_array_sort (found, compare_newest_first);
  return g_steal_pointer (&found);
}

/* None made in the last RH_BACKUPS_MIN_INTERVAL (one "made" later than now
 * says the clock was set back: it does not count). */
static gboolean
is_due (GPtrArray *found,
        gint64     now)
{
  for (guint i = 0; i < found->len; i++)
    {
      RhBackupInfo *info = g_ptr_array_index (found, i);

      if (info->error == NULL && info->time <= now && now - info->time < RH_BACKUPS_MIN_INTERVAL)
        return FALSE;
    }
  return TRUE;
}

/* Deletes the backups the policy no longer keeps; only files that are
 * ours by name and header. */
static void
thin_folder (RhBackups *self,
             gint64     now,
             GTimeZone *timezone)
{
  RhBackupLimits limits = RH_BACKUP_LIMITS_INIT;
  g_autoptr(GPtrArray) found = scan_folder (self->folder, timezone, NULL);
  g_autoptr(GPtrArray) ours = g_ptr_array_new ();
  g_autofree gint64 *times = NULL;
  g_autofree gboolean *keep = NULL;

  if (found == NULL)
    return;
  for (guint i = 0; i < found->len; i++)
    if (((RhBackupInfo *)g_ptr_array_index (found, i))->error == NULL)
      g_ptr_array_add (ours, g_ptr_array_index (found, i));
  times = g_new (gint64, MAX (ours->len, 1));
  keep = g_new (gboolean, MAX (ours->len, 1));
  for (guint i = 0; i < ours->len; i++)
    times[i] = ((RhBackupInfo *)g_ptr_array_index (ours, i))->time;
  rh_backups_select_kept (times, ours->len, now, timezone, &limits, keep);
  for (guint i = 0; i < ours->len; i++)
    {
      const char *path = ((RhBackupInfo *)g_ptr_array_index (ours, i))->path;
      g_autofree char *name = g_path_get_basename (path);

      if (keep[i])
        continue;
      if (g_unlink (path) != 0)
        g_message ("Could not remove the old backup “%s”: %s", path, g_strerror (errno));
      g_mutex_lock (&self->lock);
      g_hash_table_remove (self->counts, name);
      g_mutex_unlock (&self->lock);
    }
}

/* A copy and the logs SQLite may have left beside it (a write that failed
 * half-way: a full disk). */
static void
unlink_with_logs (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

/* Temporary copies ("@prefix" + six characters + "@suffix") a process
 * left behind when it ended mid-backup or mid-restore: ours, and no use. */
static void
remove_stale (const char *folder,
              const char *prefix,
              const char *suffix)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      struct stat st;

      if (!g_str_has_prefix (name, prefix) || !g_str_has_suffix (name, suffix) ||
          strlen (name) != strlen (prefix) + 6 + strlen (suffix))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (lstat (path, &st) == 0 && S_ISREG (st.st_mode) && now - st.st_mtim.tv_sec > STALE_PARTIAL_SECONDS)
        g_unlink (path);
    }
}

/* --- Copying --------------------------------------------------------------- */

static gboolean
sync_path (const char  *path,
           gboolean     folder,
           GError     **error)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC | (folder ? O_DIRECTORY : O_NOFOLLOW));
  int saved;

  if (fd < 0)
    return errno_error (error, path, errno);
  if (fsync (fd) == 0 || folder)
    {
      close (fd);
      return TRUE;
    }
  saved = errno;
  close (fd);
  return errno_error (error, path, saved);
}

/* A new empty file in @folder named after @template ("…XXXXXX…"). */
static char *
make_temporary (const char  *folder,
                const char  *template,
                GError     **error)
{
  char *path = g_build_filename (folder, template, NULL);
  int fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      folder_error (error, folder, errno);
      g_free (path);
      return NULL;
    }
  close (fd);
  return path;
}

static gboolean
copy_error (GError     **error,
            const char  *from,
            const char  *to,
            int          rc,
            const char  *detail)
{
  int primary = rc & 0xff;
  g_autofree char *folder = g_path_get_dirname (to);

  if (primary == SQLITE_FULL || ((primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN) && disk_is_full (to)))
    g_set_error (error, RH_BACKUPS_ERROR, RH_BACKUPS_ERROR_FULL,
                 _("The disk holding “%s” is full: no copy of “%s” was made. Free some space and try again."),
                 folder, from);
  else if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
    return read_error (error, from, rc, detail);
  else
    g_set_error (error, RH_BACKUPS_ERROR, RH_BACKUPS_ERROR_IO,
                 _("Rehearse could not copy “%s” to “%s”: %s."), from, to, detail);
  return FALSE;
}

/* All of it in one step: one read transaction, one snapshot.  A lock
 * held for a moment (a checkpoint, a recovery) is waited out. */
static int
step_all (sqlite3_backup *backup)
{
  int rc;

  for (guint tries = 0;; tries++)
    {
      rc = sqlite3_backup_step (backup, -1);
      if (((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED) || tries >= BUSY_TRIES)
        break;
      sqlite3_sleep (BUSY_TIMEOUT_MS / 20);
    }
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Copies the database at @from into the empty file @to with SQLite's
 * backup API.  The copy is made a rollback-journal database: the header
 * copied from a WAL database says WAL, and such a file could not be read
 * without a -wal and -shm beside it. */
static gboolean
copy_database (const char  *from,
               gboolean     from_ours,
               const char  *to,
               GError     **error)
{
  sqlite3 *src = open_read_only (from, from_ours, error);
  sqlite3 *dst = NULL;
  sqlite3_backup *backup;
  int rc;

  if (src == NULL)
    return FALSE;
  rc = sqlite3_open_v2 (to, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (dst, 1);
      /* Written once, then synced as a whole before it is checked. */
      rc = sqlite3_exec (dst, "PRAGMA synchronous = OFF;", NULL, NULL, NULL);
    }
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dst, "main", src, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dst);
      else if ((rc = step_all (backup)) == SQLITE_OK)
        rc = sqlite3_backup_finish (backup);
      else
        sqlite3_backup_finish (backup);
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dst, "PRAGMA journal_mode = DELETE;", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    copy_error (error, from, to, rc, dst != NULL && sqlite3_errcode (dst) != SQLITE_OK ? sqlite3_errmsg (dst)
                                                                                         : sqlite3_errstr (rc));
  sqlite3_close (dst);
  sqlite3_close (src);
  return rc == SQLITE_OK;
}

/* The copy just written, read back from the disk and checked whole. */
static gboolean
verify_copy (RhBackups   *self,
             const char  *copy,
             const char  *from,
             gint64      *n_reviews,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!sync_path (copy, FALSE, error))
    return FALSE;
  if (self->copy_hook != NULL)
    self->copy_hook (copy, self->copy_hook_data);
  if (check_database (copy, TRUE, TRUE, n_reviews, &local_error))
    return TRUE;
  g_set_error (error, RH_BACKUPS_ERROR, local_error->code,
               _("The copy of “%s” written to “%s” failed its check, and was removed: %s"),
               from, copy, local_error->message);
  return FALSE;
}

/* Renames the checked copy to the backup's own name: the time, and a
 * serial when that second already has one.  Never over another file. */
static char *
place (const char  *partial,
       const char  *folder,
       gint64       now,
       GTimeZone   *timezone,
       GError     **error)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, timezone);
  g_autofree char *stem = g_date_time_format (local, "rehearse-%Y-%m-%d-%H%M-%S");

  for (guint n = 0; n < 1000; n++)
    {
      g_autofree char *name = n == 0 ? g_strconcat (stem, ".db", NULL) : g_strdup_printf ("%s-%u.db", stem, n);
      g_autofree char *target = g_build_filename (folder, name, NULL);

      if (rh_rename_no_replace (partial, target) == 0)
        {
          sync_path (folder, TRUE, NULL);
          return g_steal_pointer (&target);
        }
      if (errno != EEXIST)
        {
          errno_error (error, target, errno);
          return NULL;
        }
    }
  g_set_error (error, RH_BACKUPS_ERROR, RH_BACKUPS_ERROR_IO,
               _("Rehearse cannot name a new backup in “%s”: every name for this second is taken."), folder);
  return NULL;
}

static void
remember_count (RhBackups  *self,
                const char *path,
                gint64      n_reviews)
{
  Count *count = g_new (Count, 1);
  struct stat st;

  if (lstat (path, &st) != 0)
    {
      g_free (count);
      return;
    }
  *count = (Count) { st.st_size, st.st_mtim.tv_sec, n_reviews };
  g_mutex_lock (&self->lock);
  g_hash_table_replace (self->counts, g_path_get_basename (path), count);
  g_mutex_unlock (&self->lock);
}

/* --- Jobs, in whichever thread --------------------------------------------- */

/* With the job lock held: one backup of the store, checked and named, and
 * the folder thinned.  NULL without an error when none was due. */
static char *
create_locked (RhBackups  *self,
               Job        *job,
               GError    **error)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *partial = NULL;
  char *made;
  gint64 n_reviews = -1;
  gboolean changed;

  if (!ensure_folder (self->folder, error) || (found = scan_folder (self->folder, job->timezone, error)) == NULL)
    return NULL;
  g_mutex_lock (&self->lock);
  changed = self->backed_up != job->generation;
  g_mutex_unlock (&self->lock);
  if ((job->flags & RH_BACKUPS_IF_DUE) && (!changed || !is_due (found, job->now)))
    return NULL;
  remove_stale (self->folder, PARTIAL_PREFIX, PARTIAL_SUFFIX);
  partial = make_temporary (self->folder, PARTIAL_PREFIX "XXXXXX" PARTIAL_SUFFIX, error);
  if (partial == NULL)
    return NULL;
  if (!copy_database (self->store_path, FALSE, partial, error) ||
      !verify_copy (self, partial, self->store_path, &n_reviews, error) ||
      (made = place (partial, self->folder, job->now, job->timezone, error)) == NULL)
    {
      unlink_with_logs (partial);
      return NULL;
    }
  g_mutex_lock (&self->lock);
  self->backed_up = MAX (self->backed_up, job->generation);
  g_mutex_unlock (&self->lock);
  remember_count (self, made, n_reviews);
  thin_folder (self, job->now, job->timezone);
  return made;
}

static gboolean
same_file (const char *a,
           const char *b)
{
  struct stat sa, sb;

  return stat (a, &sa) == 0 && stat (b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* A file in our backups folder, named as ours: read as immutable. */
static gboolean
is_our_backup (RhBackups  *self,
               const char *path)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *dir = g_path_get_dirname (absolute);
  g_autofree char *folder = g_canonicalize_filename (self->folder, NULL);
  g_autofree char *name = g_path_get_basename (absolute);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  return g_str_equal (dir, folder) && rh_backups_parse_name (name, utc, NULL, NULL);
}

/* What may replace the study data: not the study file itself, a Rehearse
 * database this build reads, and (with @full) sound. */
static gboolean
check_source (RhBackups   *self,
              const char  *path,
              gboolean     full,
              gint64      *n_reviews,
              GError     **error)
{
  if (same_file (path, self->store_path))
    {
      g_set_error (error, RH_BACKUPS_ERROR, RH_BACKUPS_ERROR_IN_USE,
                   _("“%s” is the study file Rehearse has open: there is nothing to restore from it."), path);
      return FALSE;
    }
  return check_database (path, is_our_backup (self, path), full, n_reviews, error);
}

/* With the job lock held: @job->path checked, copied beside the store and
 * the copy checked; then, with @job->back_up_first, the store backed up.
 * Returns the copy, ready to be renamed over the store. */
static char *
prepare_restore_locked (RhBackups  *self,
                        Job        *job,
                        GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (self->store_path);
  g_autofree char *name = g_path_get_basename (self->store_path);
  g_autofree char *prefix = g_strdup_printf (".%s.restoring-", name);
  g_autofree char *template = g_strconcat (prefix, "XXXXXX", NULL);
  g_autofree char *copy = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 n_reviews;

  remove_stale (dir, prefix, "");
  /* The copy is checked whole: damage in the file shows there (the backup
   * API copies pages as they are), and the file is read once less. */
  if (!check_source (self, job->path, FALSE, &n_reviews, error) ||
      (copy = make_temporary (dir, template, error)) == NULL)
    return NULL;
  if (!copy_database (job->path, is_our_backup (self, job->path), copy, error) ||
      !verify_copy (self, copy, job->path, &n_reviews, error))
    {
      g_unlink (copy);
      return NULL;
    }
  if (job->back_up_first)
    {
      job->flags = RH_BACKUPS_NOW;
      job->pre_restore = create_locked (self, job, &local_error);
      if (job->pre_restore == NULL)
        {
          g_unlink (copy);
          g_set_error (error, RH_BACKUPS_ERROR, local_error->code,
                       _("Your study data could not be backed up first, so nothing was restored: %s"),
                       local_error->message);
          return NULL;
        }
    }
  return g_steal_pointer (&copy);
}

/* The newest backup that passes the whole check, or NULL. */
static RhBackupInfo *
find_restorable (RhBackups *self,
                 Job       *job)
{
  g_autoptr(GPtrArray) found = scan_folder (self->folder, job->timezone, NULL);

  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      RhBackupInfo *info = g_ptr_array_index (found, i);
      g_autoptr(GError) error = NULL;

      if (info->error != NULL)
        continue;
      if (check_database (info->path, TRUE, TRUE, &info->n_reviews, &error))
        return g_ptr_array_steal_index (found, i);
      g_message ("Not offering the backup “%s”: %s", info->path, error->message);
    }
  return NULL;
}

/* --- Object ---------------------------------------------------------------- */

static void
rh_backups_finalize (GObject *object)
{
  RhBackups *self = (RhBackups *)object;

  g_free (self->store_path);
  g_free (self->folder);
  g_clear_object (&self->clock);
  g_main_context_unref (self->context);
  g_hash_table_unref (self->counts);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->job_lock);
  g_cond_clear (&self->idle);

  G_OBJECT_CLASS (rh_backups_parent_class)->finalize (object);
}

static void
rh_backups_class_init (RhBackupsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rh_backups_finalize;

  /* A backup was written, or old ones removed: a list shown is out of date. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rh_backups_init (RhBackups *self)
{
  g_mutex_init (&self->lock);
  g_mutex_init (&self->job_lock);
  g_cond_init (&self->idle);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* Nothing is known of the last session's changes: the first backup due
   * is made. */
  self->generation = 1;
  self->context = g_main_context_ref_thread_default ();
}

/* Backups of the database at @store_path, kept in @folder (NULL: a
 * "backups" folder beside the database), named and thinned by @clock. */
RhBackups *
rh_backups_new (const char *store_path,
                const char *folder,
                RhClock    *clock)
{
  RhBackups *self;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (store_path != NULL, NULL);
  g_return_val_if_fail (RH_IS_CLOCK (clock), NULL);

  self = g_object_new (RH_TYPE_BACKUPS, NULL);
  dir = g_path_get_dirname (store_path);
  self->store_path = g_strdup (store_path);
  self->folder = folder != NULL ? g_strdup (folder) : g_build_filename (dir, "backups", NULL);
  self->clock = g_object_ref (clock);
  return self;
}

const char *
rh_backups_get_folder (RhBackups *self)
{
  g_return_val_if_fail (RH_IS_BACKUPS (self), NULL);
  return self->folder;
}

const char *
rh_backups_get_store_path (RhBackups *self)
{
  g_return_val_if_fail (RH_IS_BACKUPS (self), NULL);
  return self->store_path;
}

/* The study data changed: the next automatic backup has something new. */
void
rh_backups_mark_changed (RhBackups *self)
{
  g_return_if_fail (RH_IS_BACKUPS (self));

  g_mutex_lock (&self->lock);
  self->generation++;
  g_mutex_unlock (&self->lock);
}

void
_rh_backups_set_copy_hook (RhBackups         *self,
                           RhBackupsCopyHook  hook,
                           gpointer           data)
{
  g_return_if_fail (RH_IS_BACKUPS (self));
  self->copy_hook = hook;
  self->copy_hook_data = data;
}

/* --- Running jobs ------------------------------------------------------------ */

static void
job_free (Job *job)
{
  g_time_zone_unref (job->timezone);
  g_free (job->path);
  g_free (job->pre_restore);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

/* In the main thread: what the job needs of the clock, and one more job
 * for rh_backups_wait() to wait for. */
static Job *
job_new (RhBackups      *self,
         RhBackupsFlags  flags,
         const char     *path)
{
  Job *job = g_new0 (Job, 1);

  job->flags = flags;
  job->now = rh_clock_now (self->clock);
  job->timezone = g_time_zone_ref (rh_clock_get_timezone (self->clock));
  job->path = g_strdup (path);
  g_mutex_lock (&self->lock);
  job->generation = self->generation;
  self->n_running++;
  g_mutex_unlock (&self->lock);
  return job;
}

static gboolean
emit_changed_cb (gpointer data)
{
  g_signal_emit (data, signals[CHANGED], 0);
  return G_SOURCE_REMOVE;
}

/* The job is over (its files written or removed); "changed" follows in
 * the thread that made the object. */
static void
job_done (RhBackups *self,
          gboolean   changed_files)
{
  if (changed_files)
    g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, emit_changed_cb,
                                g_object_ref (self), g_object_unref);
  g_mutex_lock (&self->lock);
  self->n_running--;
  g_cond_broadcast (&self->idle);
  g_mutex_unlock (&self->lock);
}

/* Blocks until every backup started has finished: at quit, so that no
 * copy is left half written. */
void
rh_backups_wait (RhBackups *self)
{
  g_return_if_fail (RH_IS_BACKUPS (self));

  g_mutex_lock (&self->lock);
  while (self->n_running > 0)
    g_cond_wait (&self->idle, &self->lock);
  g_mutex_unlock (&self->lock);
}

static char *
run_create (RhBackups  *self,
            Job        *job,
            GError    **error)
{
  char *made;

  g_mutex_lock (&self->job_lock);
  made = create_locked (self, job, error);
  g_mutex_unlock (&self->job_lock);
  job_done (self, made != NULL);
  return made;
}

/* Runs @func on @job in a worker thread, for an _async function. */
static void
start_in_thread (RhBackups           *self,
                 gpointer             source_tag,
                 Job                 *job,
                 GTaskThreadFunc      func,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify)job_free);
  g_task_run_in_thread (task, func);
}

static void
create_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  char *made = run_create (source, data, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, made, g_free);
}

/* Backs the store up in a worker thread: now, or with RH_BACKUPS_IF_DUE
 * only when it changed and the newest backup is RH_BACKUPS_MIN_INTERVAL
 * old.  Then thins the folder. */
void
rh_backups_create_async (RhBackups           *self,
                         RhBackupsFlags       flags,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (RH_IS_BACKUPS (self));

  start_in_thread (self, rh_backups_create_async, job_new (self, flags, NULL), create_thread,
                   cancellable, callback, user_data);
}

/* The new backup's path; NULL without an error when none was due. */
char *
rh_backups_create_finish (RhBackups     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The same, blocking: for the end of the application and the tests. */
char *
rh_backups_create (RhBackups       *self,
                   RhBackupsFlags   flags,
                   GError         **error)
{
  g_autoptr(Job) job = NULL;

  g_return_val_if_fail (RH_IS_BACKUPS (self), NULL);

  job = job_new (self, flags, NULL);
  return run_create (self, job, error);
}

static GPtrArray *
run_list (RhBackups  *self,
          Job        *job,
          GError    **error)
{
  GPtrArray *found = scan_folder (self->folder, job->timezone, error);

  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      RhBackupInfo *info = g_ptr_array_index (found, i);

      if (info->error == NULL)
        count_reviews (self, info);
    }
  job_done (self, FALSE);
  return found;
}

static void
list_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *found = run_list (source, data, &error);

  if (found == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, found, (GDestroyNotify)g_ptr_array_unref);
}

/* Every file named as a backup, newest first, with its number of reviews
 * (or why it cannot be used), read in a worker thread.  Each file is
 * counted once; after that only its name, size and time are looked at. */
void
rh_backups_list_async (RhBackups           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (RH_IS_BACKUPS (self));

  start_in_thread (self, rh_backups_list_async, job_new (self, RH_BACKUPS_NOW, NULL), list_thread,
                   cancellable, callback, user_data);
}

/* A GPtrArray of RhBackupInfo; an error only when the folder cannot be
 * read (none there yet is an empty list). */
GPtrArray *
rh_backups_list_finish (RhBackups     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
rh_backups_list (RhBackups  *self,
                 GError    **error)
{
  g_autoptr(Job) job = NULL;

  g_return_val_if_fail (RH_IS_BACKUPS (self), NULL);

  job = job_new (self, RH_BACKUPS_NOW, NULL);
  return run_list (self, job, error);
}

static void
find_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  RhBackupInfo *found = find_restorable (source, data);

  job_done (source, FALSE);
  g_task_return_pointer (task, found, (GDestroyNotify)rh_backup_info_free);
}

/* Looks, in a worker thread, for the newest backup that passes the whole
 * check: what a damaged store can be restored from. */
void
rh_backups_find_restorable_async (RhBackups           *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (RH_IS_BACKUPS (self));

  start_in_thread (self, rh_backups_find_restorable_async, job_new (self, RH_BACKUPS_NOW, NULL), find_thread,
                   cancellable, callback, user_data);
}

/* The newest sound backup, or NULL (none). */
RhBackupInfo *
rh_backups_find_restorable_finish (RhBackups     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static RhBackupInfo *
run_check (RhBackups  *self,
           Job        *job,
           GError    **error)
{
  g_autoptr(RhBackupInfo) info = info_new (job->path, 0);
  g_autofree char *name = g_path_get_basename (job->path);
  gboolean ok;

  rh_backups_parse_name (name, job->timezone, &info->time, NULL);
  ok = check_source (self, job->path, TRUE, &info->n_reviews, error);
  job_done (self, FALSE);
  return ok ? g_steal_pointer (&info) : NULL;
}

static void
check_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  RhBackupInfo *info = run_check (source, data, &error);

  if (info == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, info, (GDestroyNotify)rh_backup_info_free);
}

/* Checks, in a worker thread, whether @path could replace the study data:
 * a regular file, a Rehearse database of a version this build reads, that
 * passes integrity_check, and not the study file itself. */
void
rh_backups_check_async (RhBackups           *self,
                        const char          *path,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (RH_IS_BACKUPS (self));
  g_return_if_fail (path != NULL);

  start_in_thread (self, rh_backups_check_async, job_new (self, RH_BACKUPS_NOW, path), check_thread,
                   cancellable, callback, user_data);
}

/* What the file holds (its reviews; its time if named as a backup), or
 * NULL with an error naming the file and what is wrong. */
RhBackupInfo *
rh_backups_check_finish (RhBackups     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

RhBackupInfo *
rh_backups_check (RhBackups   *self,
                  const char  *path,
                  GError     **error)
{
  g_autoptr(Job) job = NULL;

  g_return_val_if_fail (RH_IS_BACKUPS (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  job = job_new (self, RH_BACKUPS_NOW, path);
  return run_check (self, job, error);
}

static char *
run_prepare (RhBackups  *self,
             Job        *job,
             GError    **error)
{
  char *copy;

  g_mutex_lock (&self->job_lock);
  copy = prepare_restore_locked (self, job, error);
  g_mutex_unlock (&self->job_lock);
  job_done (self, job->pre_restore != NULL);
  return copy;
}

static void
prepare_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  char *copy = run_prepare (source, data, &error);

  if (copy == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, copy, g_free);
}

/* The slow half of a restore, in a worker thread, while the store stays
 * open: @path is checked whole, copied beside the store under a temporary
 * name and the copy checked; with @back_up_first the store is then backed
 * up, so that the restore can be undone.  Nothing the user has is changed. */
void
rh_backups_prepare_restore_async (RhBackups           *self,
                                  const char          *path,
                                  gboolean             back_up_first,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RH_IS_BACKUPS (self));
  g_return_if_fail (path != NULL);

  job = job_new (self, RH_BACKUPS_NOW, path);
  job->back_up_first = back_up_first;
  start_in_thread (self, rh_backups_prepare_restore_async, job, prepare_thread,
                   cancellable, callback, user_data);
}

/* The checked copy, to be renamed over the store (or removed); the backup
 * made first in @pre_restore (NULL when none was asked for). */
char *
rh_backups_prepare_restore_finish (RhBackups     *self,
                                   GAsyncResult  *result,
                                   char         **pre_restore,
                                   GError       **error)
{
  Job *job;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  job = g_task_get_task_data (G_TASK (result));
  if (pre_restore != NULL)
    *pre_restore = g_strdup (job->pre_restore);
  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
rh_backups_prepare_restore (RhBackups   *self,
                            const char  *path,
                            gboolean     back_up_first,
                            char       **pre_restore,
                            GError     **error)
{
  g_autoptr(Job) job = NULL;
  char *copy;

  g_return_val_if_fail (RH_IS_BACKUPS (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  job = job_new (self, RH_BACKUPS_NOW, path);
  job->back_up_first = back_up_first;
  copy = run_prepare (self, job, error);
  if (pre_restore != NULL)
    *pre_restore = g_steal_pointer (&job->pre_restore);
  return copy;
}
