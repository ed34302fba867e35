/* rh-store.c: card states and the review log, in one SQLite file
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rules this file keeps:
 *  - Every change is one transaction: a grade writes its log row and the
 *    card's new state together or not at all.
 *  - The in-memory copy of the card states changes only after COMMIT.
 *  - A file that is not ours, damaged, or newer than this build is never
 *    written to: it is checked before the first statement that writes
 *    (even switching to WAL writes the header), and the connection is
 *    closed without a checkpoint.
 *  - review_log keeps each grade's state before and after, so an undo
 *    restores the exact previous state and the history can be replayed.
 *  - One process at a time: an exclusive lock on "<file>.lock" is taken
 *    before the file is opened and held while the store lives.  Two
 *    processes grading from their own copies of the card states would
 *    each compute from a stale copy and undo each other's grades.
 */
#define G_LOG_DOMAIN "rehearse-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rh-autocleanups.h"
#include "rh-store-private.h"
#include "rh-replay.h"
#include "rh-wal-check.h"

/* "RHRS": tells our files from other programs' SQLite databases. */
/* How long to wait for a lock another program holds: at start-up, a
 * second; once studying, less than a frame, so that the window never
 * freezes on a grade (the grade is reported, and can be retried). */
#define BUSY_TIMEOUT_MS 1000
#define BUSY_TIMEOUT_STUDYING_MS 15

/* When the deferred check starts: after the first window is on screen. */
#define CHECK_DELAY_MS 500

#define APPLICATION_ID 0x52485253

/* Merges of more events than this get a larger page cache while they run. */
#define LARGE_MERGE 10000

#define STATE_COLUMNS(suffix) \
  "state" suffix ", step" suffix ", stability" suffix ", difficulty" suffix ", due" suffix \
  ", last_review" suffix ", scheduled_days" suffix ", reps" suffix ", lapses" suffix
#define LOG_COLUMNS \
  "id, card_id, reviewed_at, rating, duration_ms, kind, " \
  STATE_COLUMNS ("_before") ", " STATE_COLUMNS ("_after") ", origin, seq"
/* What the statistics read of an entry: read_log_entry() takes them in
 * this order. */
#define LOG_ENTRY_COLUMNS \
  "id, card_id, reviewed_at, rating, duration_ms, kind, state_before, last_review_before"
#define LOG_PLACEHOLDERS "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, " \
                         "?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26"
/* An event of the log that is not an answer that counts (see
 * rh-replay.c): what the event table holds. */
#define EVENT_COLUMNS "origin, seq, card_id, reviewed_at, rating, duration_ms, kind, " \
                      "target_origin, target_seq"
/* A mock interview and one of its answers, in the order read_interview()
 * and read_answer() take them. */
#define INTERVIEW_COLUMNS "id, started_at, finished_at, seed, seconds_per_question, follow_ups, " \
                          "counts_as_reviews, topics"
#define ANSWER_COLUMNS "position, card_id, topic_id, topic_title, title, question, time_used_ms, timed_out, " \
                       "rating, counted, follow_up, follow_up_rating, notes"

struct _RhStore {
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  int lock_fd;             /* flock()ed "<path>.lock"; -1 when none */
  gboolean was_closed;     /* the lock file says the last session closed the file... */
  gint64 closed_size;      /* ...leaving it this size... */
  gint64 closed_mtime;     /* ...modified at this time (ns)... */
  gint64 closed_ctime;     /* ...its inode changed at this time (ns; touch cannot set it)... */
  guint64 closed_inode;    /* ...and this inode... */
  guint64 closed_device;   /* ...its device id... */
  guint64 closed_next_seq; /* ...and the next sequence number it would give */
  gboolean opened;         /* fully opened: a clean close may say so */
  gboolean new_device;     /* asked for at opening (a restored copy) */

  /* The quick check of a file unchanged since a clean close runs in a
   * thread of its own, started CHECK_DELAY_MS after opening: off the way
   * to the first window and out of its first frame.  The first write
   * starts it at once if need be, and waits for it. */
  gboolean check_deferred;
  guint check_source;      /* the check is still to start */
  GThread *check_thread;
  struct _CheckJob *check_job;   /* shared with the thread until it is joined */
  GError *check_error;     /* the damage it found, once joined */
  gboolean check_incomplete;     /* it could not run (busy, I/O): no clean marker */
  gboolean damage_reported;
  GHashTable *cards;       /* card id -> RhStoredCard */
  guint n_undone;          /* rows in undone_review: the redo stack */
  gboolean has_log;        /* review_log has a row of ours to undo */
  guint64 device;          /* this computer's part of every review id it gives */
  guint64 next_seq;        /* the other part, for the next event */
  guint64 generation;      /* changes when the log changed other than at its end */
  gint64 min_deleted_id;   /* in the transaction: the lowest log row deleted */

  sqlite3_stmt *upsert_state;
  sqlite3_stmt *delete_state;
  sqlite3_stmt *insert_log;
  sqlite3_stmt *insert_undone;
  sqlite3_stmt *last_log;
  sqlite3_stmt *first_undone;
  sqlite3_stmt *delete_log;
  sqlite3_stmt *delete_undone;
  sqlite3_stmt *clear_undone;
  sqlite3_stmt *insert_event;
  sqlite3_stmt *insert_outbox;
  sqlite3_stmt *log_has_uid;
  sqlite3_stmt *event_has_uid;
  sqlite3_stmt *card_log;
  sqlite3_stmt *card_events;
  sqlite3_stmt *delete_card_answers;
  sqlite3_stmt *latest_answer;
};

G_DEFINE_FINAL_TYPE (RhStore, rh_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (rh-store-error-quark, rh_store_error)

enum {
  CHANGED,
  DAMAGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* As the log file and the kind column write them: RhReviewKind order. */
static const char * const kind_names[] = {
  "learn", "review", "relearn", "practice", "reset", "undo", "redo", "suspend", "unsuspend",
};

static void join_check          (RhStore *self);
static void start_check         (RhStore *self);
static void report_damage_later (RhStore *self);

/* --- Errors ---------------------------------------------------------------- */

/* SQLite says "disk I/O error" when a full disk stops it creating its WAL
 * files: the folder's free space tells the two apart. */
static gboolean
disk_is_full (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  struct statvfs st;

  return statvfs (dir, &st) == 0 && (st.f_bavail == 0 || (st.f_favail == 0 && st.f_files > 0));
}

static void
set_error (GError     **error,
           const char  *path,
           int          rc,
           const char  *detail)
{
  int primary = rc & 0xff;

  if ((primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN) && disk_is_full (path))
    primary = SQLITE_FULL;
  switch (primary)
    {
    case SQLITE_NOTADB:
      g_set_error (error, RH_STORE_ERROR, RH_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Rehearse database. Nothing was changed; move the file "
                   "elsewhere and Rehearse will start a new one."), path);
      break;
    case SQLITE_CORRUPT:
      g_set_error (error, RH_STORE_ERROR, RH_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged (%s). Nothing was changed; restore it from a backup, "
                   "or move it aside and Rehearse will start a new one."), path, detail);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, RH_STORE_ERROR, RH_STORE_ERROR_READ_ONLY,
                   _("Rehearse cannot save to “%s”: the file or its folder is read-only. "
                   "Make both writable, or move the file."), path);
      break;
    case SQLITE_FULL:
      g_set_error (error, RH_STORE_ERROR, RH_STORE_ERROR_FULL,
                   _("The disk holding “%s” is full. Nothing was changed; free some space "
                   "and try again."), path);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, RH_STORE_ERROR, RH_STORE_ERROR_BUSY,
                   _("“%s” is in use by another program. Close it and try again."), path);
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
      g_set_error (error, RH_STORE_ERROR, RH_STORE_ERROR_IO,
                   _("Rehearse cannot read or write “%s” (%s)."), path, detail);
      break;
    default:
      g_set_error (error, RH_STORE_ERROR, RH_STORE_ERROR_FAILED,
                   _("The database “%s” reported an error: %s."), path, detail);
      break;
    }
}

static gboolean
fail (RhStore  *self,
      int       rc,
      GError  **error)
{
  set_error (error, self->path, rc, sqlite3_errmsg (self->db));
  return FALSE;
}

/* --- Statements ------------------------------------------------------------ */

static gboolean
exec (RhStore     *self,
      const char  *sql,
      GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  return rc == SQLITE_OK ? TRUE : fail (self, rc, error);
}

static gboolean
prepare (RhStore       *self,
         sqlite3_stmt **stmt,
         const char    *sql,
         GError       **error)
{
  int rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL);

  return rc == SQLITE_OK ? TRUE : fail (self, rc, error);
}

/* Runs a prepared statement that returns no rows, and resets it. */
static gboolean
step_done (RhStore       *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return rc == SQLITE_DONE ? TRUE : fail (self, rc, error);
}

/* Transactions: on failure, rollback() returns FALSE for the caller to
 * pass on, and a failed COMMIT rolls back itself. */
/* Every write starts here: not before the check of the file is done, and
 * not at all if it found damage. */
static gboolean
begin (RhStore  *self,
       GError  **error)
{
  if (self->check_source != 0)
    start_check (self);
  join_check (self);
  if (self->check_error != NULL)
    {
      report_damage_later (self);
      g_propagate_error (error, g_error_copy (self->check_error));
      return FALSE;
    }
  return exec (self, "BEGIN IMMEDIATE;", error);
}

static gboolean
rollback (RhStore *self)
{
  sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
  return FALSE;
}

static gboolean
commit (RhStore  *self,
        GError  **error)
{
  int rc = sqlite3_exec (self->db, "COMMIT;", NULL, NULL, NULL);

  if (rc == SQLITE_OK)
    return TRUE;
  fail (self, rc, error);
  return rollback (self);
}

static void
bind_state (sqlite3_stmt      *stmt,
            int                first,
            const RhCardState *state)
{
  sqlite3_bind_int (stmt, first + 0, state->state);
  sqlite3_bind_int (stmt, first + 1, state->step);
  sqlite3_bind_double (stmt, first + 2, state->stability);
  sqlite3_bind_double (stmt, first + 3, state->difficulty);
  sqlite3_bind_int64 (stmt, first + 4, state->due);
  sqlite3_bind_int64 (stmt, first + 5, state->last_review);
  sqlite3_bind_int (stmt, first + 6, state->scheduled_days);
  sqlite3_bind_int (stmt, first + 7, state->reps);
  sqlite3_bind_int (stmt, first + 8, state->lapses);
}

static void
read_state (sqlite3_stmt *stmt,
            int           first,
            RhCardState  *state)
{
  state->state = CLAMP (sqlite3_column_int (stmt, first + 0), RH_CARD_NEW, RH_CARD_RELEARNING);
  state->step = sqlite3_column_int (stmt, first + 1);
  state->stability = sqlite3_column_double (stmt, first + 2);
  state->difficulty = sqlite3_column_double (stmt, first + 3);
  state->due = sqlite3_column_int64 (stmt, first + 4);
  state->last_review = sqlite3_column_int64 (stmt, first + 5);
  state->scheduled_days = sqlite3_column_int (stmt, first + 6);
  state->reps = sqlite3_column_int (stmt, first + 7);
  state->lapses = sqlite3_column_int (stmt, first + 8);
}

static RhReviewKind
kind_from_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (name, kind_names[i]) == 0)
      return (RhReviewKind)i;
  return RH_REVIEW_REVIEW;
}

const char *
rh_review_kind_to_string (RhReviewKind kind)
{
  g_return_val_if_fail ((guint)kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

gboolean
rh_review_kind_from_string (const char   *name,
                            gsize         len,
                            RhReviewKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (strlen (kind_names[i]) == len && memcmp (name, kind_names[i], len) == 0)
      {
        *kind = (RhReviewKind)i;
        return TRUE;
      }
  return FALSE;
}

static void
bind_review (sqlite3_stmt   *stmt,
             const RhReview *review)
{
  if (review->id > 0)
    sqlite3_bind_int64 (stmt, 1, review->id);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_text (stmt, 2, review->card_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, review->reviewed_at);
  sqlite3_bind_int (stmt, 4, review->rating);
  sqlite3_bind_int (stmt, 5, review->duration_ms);
  sqlite3_bind_text (stmt, 6, kind_names[review->kind], -1, SQLITE_STATIC);
  bind_state (stmt, 7, &review->before);
  bind_state (stmt, 16, &review->after);
  sqlite3_bind_int64 (stmt, 25, (gint64)review->uid.device);
  sqlite3_bind_int64 (stmt, 26, (gint64)review->uid.seq);
}

static void
read_review (sqlite3_stmt *stmt,
             RhReview     *review)
{
  review->id = sqlite3_column_int64 (stmt, 0);
  g_free (review->card_id);
  review->card_id = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  review->reviewed_at = sqlite3_column_int64 (stmt, 2);
  review->rating = sqlite3_column_int (stmt, 3);
  review->duration_ms = sqlite3_column_int (stmt, 4);
  review->kind = kind_from_name ((const char *)sqlite3_column_text (stmt, 5));
  read_state (stmt, 6, &review->before);
  read_state (stmt, 15, &review->after);
  review->uid.device = (guint64)sqlite3_column_int64 (stmt, 24);
  review->uid.seq = (guint64)sqlite3_column_int64 (stmt, 25);
}

/* The entry's card_id points into @stmt's row: valid until it steps on. */
static void
read_log_entry (sqlite3_stmt *stmt,
                RhLogEntry   *entry)
{
  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->card_id = (const char *)sqlite3_column_text (stmt, 1);
  entry->reviewed_at = sqlite3_column_int64 (stmt, 2);
  entry->rating = sqlite3_column_int (stmt, 3);
  entry->duration_ms = sqlite3_column_int (stmt, 4);
  entry->kind = kind_from_name ((const char *)sqlite3_column_text (stmt, 5));
  entry->state_before = CLAMP (sqlite3_column_int (stmt, 6), RH_CARD_NEW, RH_CARD_RELEARNING);
  entry->last_review_before = sqlite3_column_int64 (stmt, 7);
}

/* --- Schema ---------------------------------------------------------------- */

/* Version 1: the card states and the review log. */
static const char migrate_to_1[] =
  "CREATE TABLE card_state ("
  "  card_id TEXT PRIMARY KEY NOT NULL,"
  "  state INTEGER NOT NULL CHECK (state BETWEEN 0 AND 3),"
  "  step INTEGER NOT NULL,"
  "  stability REAL NOT NULL,"
  "  difficulty REAL NOT NULL,"
  "  due INTEGER NOT NULL,"
  "  last_review INTEGER NOT NULL,"
  "  scheduled_days INTEGER NOT NULL,"
  "  reps INTEGER NOT NULL,"
  "  lapses INTEGER NOT NULL,"
  "  suspended INTEGER NOT NULL DEFAULT 0 CHECK (suspended IN (0, 1))"
  ") WITHOUT ROWID;"
  "CREATE TABLE review_log ("
  "  id INTEGER PRIMARY KEY,"
  "  card_id TEXT NOT NULL,"
  "  reviewed_at INTEGER NOT NULL,"
  "  rating INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 4),"
  "  duration_ms INTEGER NOT NULL DEFAULT 0,"
  "  kind TEXT NOT NULL CHECK (kind IN ('learn', 'review', 'relearn', 'practice', 'reset')),"
  "  state_before INTEGER NOT NULL, step_before INTEGER NOT NULL,"
  "  stability_before REAL NOT NULL, difficulty_before REAL NOT NULL,"
  "  due_before INTEGER NOT NULL, last_review_before INTEGER NOT NULL,"
  "  scheduled_days_before INTEGER NOT NULL, reps_before INTEGER NOT NULL,"
  "  lapses_before INTEGER NOT NULL,"
  "  state_after INTEGER NOT NULL, step_after INTEGER NOT NULL,"
  "  stability_after REAL NOT NULL, difficulty_after REAL NOT NULL,"
  "  due_after INTEGER NOT NULL, last_review_after INTEGER NOT NULL,"
  "  scheduled_days_after INTEGER NOT NULL, reps_after INTEGER NOT NULL,"
  "  lapses_after INTEGER NOT NULL"
  ");"
  "CREATE INDEX review_log_by_card ON review_log (card_id, id);";

/* Version 2: redo, which needs the undone grades kept; and an index by
 * time for the daily limits and the statistics. */
static const char migrate_to_2[] =
  "CREATE TABLE undone_review AS SELECT * FROM review_log WHERE 0;"
  "CREATE INDEX review_log_by_time ON review_log (reviewed_at);";

/* Version 3: the log that travels (docs/progress-format.md).  Every event
 * gets a review id, the same on every computer: this computer's random
 * device id and a sequence number; the grades already there get theirs
 * once, here.  review_log keeps the answers that count, with their states;
 * `event` every other event (undo, redo, suspend, and answers taken back).
 * The outbox lists what this computer imported (other ids) and has not yet
 * written to its file in a sync folder (its own events are found by their
 * sequence numbers, past meta.synced_seq); sync_file, how far each other
 * computer's file was read.  The redo stack is not carried over. */
static const char migrate_to_3[] =
  "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value) WITHOUT ROWID;"
  "INSERT INTO meta (key, value) VALUES ('device', random());"
  "ALTER TABLE review_log ADD COLUMN origin INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE review_log ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE undone_review ADD COLUMN origin INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE undone_review ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;"
  "DELETE FROM undone_review;"
  "UPDATE review_log SET origin = (SELECT value FROM meta WHERE key = 'device'), seq = id;"
  "CREATE UNIQUE INDEX review_log_by_uid ON review_log (origin, seq);"
  "CREATE TABLE event ("
  "  origin INTEGER NOT NULL, seq INTEGER NOT NULL,"
  "  card_id TEXT NOT NULL,"
  "  reviewed_at INTEGER NOT NULL,"
  "  rating INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 4),"
  "  duration_ms INTEGER NOT NULL DEFAULT 0,"
  "  kind TEXT NOT NULL CHECK (kind IN ('learn', 'review', 'relearn', 'practice', 'reset',"
  "                                     'undo', 'redo', 'suspend', 'unsuspend')),"
  "  target_origin INTEGER NOT NULL DEFAULT 0, target_seq INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (origin, seq)"
  ") WITHOUT ROWID;"
  "CREATE INDEX event_by_card ON event (card_id);"
  "CREATE TABLE outbox (n INTEGER PRIMARY KEY, origin INTEGER NOT NULL, seq INTEGER NOT NULL);"
  /* A card suspended before: a suspend event, so that it travels. */
  "INSERT INTO event (origin, seq, card_id, reviewed_at, rating, duration_ms, kind)"
  "  SELECT (SELECT value FROM meta WHERE key = 'device'),"
  "         (SELECT ifnull (max (id), 0) FROM review_log) + row_number () OVER (ORDER BY card_id),"
  "         card_id, max (last_review, 0), 0, 0, 'suspend'"
  "  FROM card_state WHERE suspended = 1;"
  /* Cards whose answers are not in the order of their times (a clock set
   * back, which older versions allowed): replayed once, when the
   * collection opens the store (rh_store_rebuild_pending()). */
  "CREATE TABLE pending_rebuild (card_id TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;"
  /* Sorted when each answer is no earlier than the one before it. */
  "INSERT INTO pending_rebuild SELECT DISTINCT card_id FROM ("
  "  SELECT card_id, reviewed_at, lag (reviewed_at) OVER (PARTITION BY card_id ORDER BY id) AS previous"
  "  FROM review_log) WHERE reviewed_at < previous;"
  "CREATE TABLE sync_file ("
  "  name TEXT PRIMARY KEY NOT NULL,"
  "  inode INTEGER NOT NULL, size INTEGER NOT NULL, mtime INTEGER NOT NULL,"
  "  offset INTEGER NOT NULL, lines INTEGER NOT NULL"
  ") WITHOUT ROWID;";

/* Version 4: mock interviews (rh-mock-interview.c).  An interview, its
 * answers (one per question, in the order asked) and each answer's rubric:
 * the card's key areas as worded when asked, and whether each was covered.
 * The grades themselves are in the log like any other; these tables say
 * how the interview went, and stay on this computer. */
static const char migrate_to_4[] =
  "CREATE TABLE interview ("
  "  id INTEGER PRIMARY KEY,"
  "  started_at INTEGER NOT NULL,"
  "  finished_at INTEGER NOT NULL,"
  "  seed INTEGER NOT NULL,"
  "  seconds_per_question INTEGER NOT NULL CHECK (seconds_per_question > 0),"
  "  follow_ups INTEGER NOT NULL CHECK (follow_ups IN (0, 1)),"
  "  counts_as_reviews INTEGER NOT NULL CHECK (counts_as_reviews IN (0, 1)),"
  "  topics TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX interview_by_time ON interview (started_at);"
  "CREATE TABLE interview_answer ("
  "  interview_id INTEGER NOT NULL REFERENCES interview (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL CHECK (position >= 0),"
  "  card_id TEXT NOT NULL,"
  "  topic_id TEXT NOT NULL,"
  "  topic_title TEXT NOT NULL,"
  "  title TEXT NOT NULL,"
  "  question TEXT NOT NULL,"
  "  time_used_ms INTEGER NOT NULL CHECK (time_used_ms >= 0),"
  "  timed_out INTEGER NOT NULL CHECK (timed_out IN (0, 1)),"
  "  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),"
  "  counted INTEGER NOT NULL CHECK (counted IN (0, 1)),"
  "  follow_up TEXT,"
  "  follow_up_rating INTEGER NOT NULL DEFAULT 0 CHECK (follow_up_rating BETWEEN 0 AND 3),"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (interview_id, position)"
  ") WITHOUT ROWID;"
  "CREATE INDEX interview_answer_by_card ON interview_answer (card_id);"
  "CREATE TABLE interview_area ("
  "  interview_id INTEGER NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  area INTEGER NOT NULL CHECK (area >= 0),"
  "  text TEXT NOT NULL,"
  "  covered INTEGER NOT NULL CHECK (covered IN (0, 1)),"
  "  PRIMARY KEY (interview_id, position, area),"
  "  FOREIGN KEY (interview_id, position) REFERENCES interview_answer (interview_id, position)"
  "    ON DELETE CASCADE"
  ") WITHOUT ROWID;";

static const char * const migrations[RH_STORE_SCHEMA_VERSION] = {
  migrate_to_1,
  migrate_to_2,
  migrate_to_3,
  migrate_to_4,
};

static int
query_int (sqlite3    *db,
           const char *sql,
           int        *value)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *value = sqlite3_column_int (stmt, 0);
      return SQLITE_OK;
    }
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Each migration runs in its own transaction with its version number, so
 * an interrupted upgrade leaves the file at the last version it finished. */
static gboolean
migrate (RhStore  *self,
         int       from,
         int       to,
         GError  **error)
{
  for (int version = from + 1; version <= to; version++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d;", version);

      if (!begin (self, error))
        return FALSE;
      if (!exec (self, migrations[version - 1], error) || !exec (self, set_version, error))
        return rollback (self);
      if (!commit (self, error))
        return FALSE;
    }
  return TRUE;
}

/* --- Object ---------------------------------------------------------------- */

static void write_close_marker (RhStore *self);
static void interrupt_check    (RhStore *self);

static void
finalize_statements (RhStore *self)
{
  g_clear_pointer (&self->upsert_state, sqlite3_finalize);
  g_clear_pointer (&self->delete_state, sqlite3_finalize);
  g_clear_pointer (&self->insert_log, sqlite3_finalize);
  g_clear_pointer (&self->insert_undone, sqlite3_finalize);
  g_clear_pointer (&self->last_log, sqlite3_finalize);
  g_clear_pointer (&self->first_undone, sqlite3_finalize);
  g_clear_pointer (&self->delete_log, sqlite3_finalize);
  g_clear_pointer (&self->delete_undone, sqlite3_finalize);
  g_clear_pointer (&self->clear_undone, sqlite3_finalize);
  g_clear_pointer (&self->insert_event, sqlite3_finalize);
  g_clear_pointer (&self->insert_outbox, sqlite3_finalize);
  g_clear_pointer (&self->log_has_uid, sqlite3_finalize);
  g_clear_pointer (&self->event_has_uid, sqlite3_finalize);
  g_clear_pointer (&self->card_log, sqlite3_finalize);
  g_clear_pointer (&self->card_events, sqlite3_finalize);
  g_clear_pointer (&self->delete_card_answers, sqlite3_finalize);
  g_clear_pointer (&self->latest_answer, sqlite3_finalize);
}

static void
rh_store_finalize (GObject *object)
{
  RhStore *self = (RhStore *)object;

  /* A check that never started leaves the file as the last clean close
   * left it: nothing was written (writes start the check first). */
  g_clear_handle_id (&self->check_source, g_source_remove);
  interrupt_check (self);
  join_check (self);
  finalize_statements (self);
  /* A file found damaged, or not checked to the end, gets no clean-close
   * marker: the next start checks it fully. */
  if (self->db != NULL && sqlite3_close (self->db) == SQLITE_OK && self->check_error == NULL &&
      !self->check_incomplete)
    write_close_marker (self);
  g_clear_error (&self->check_error);
  /* Closing the descriptor releases the lock; the file stays, for the next. */
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  g_clear_pointer (&self->cards, g_hash_table_unref);
  g_free (self->path);

  G_OBJECT_CLASS (rh_store_parent_class)->finalize (object);
}

static void
rh_store_class_init (RhStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rh_store_finalize;

  /* A card's state or the review log changed; the id, or NULL for many. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The check that ran after opening found the file damaged; nothing more
   * is written to it.  The error says what and names the file. */
  signals[DAMAGED] =
    g_signal_new ("damaged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

/* A card the store knows and its id, in one block: a store holds one for
 * every card ever studied (tens of thousands in a large collection), and
 * its set of ids is the index. */
typedef struct {
  RhStoredCard card;
  char id[];
} StoredEntry;

#define ENTRY_OF_ID(id) ((StoredEntry *)(gpointer)((char *)(id) - G_STRUCT_OFFSET (StoredEntry, id)))

static void
free_entry (gpointer id)
{
  g_free (ENTRY_OF_ID (id));
}

/* What the store holds for @card_id, or NULL. */
static RhStoredCard *
find_card (RhStore    *self,
           const char *card_id)
{
  const char *id = g_hash_table_lookup (self->cards, card_id);

  return id != NULL ? &ENTRY_OF_ID (id)->card : NULL;
}

/* A new entry for @card_id, in place of any there was. */
static RhStoredCard *
add_card (RhStore    *self,
          const char *card_id)
{
  gsize len = strlen (card_id);
  StoredEntry *entry = g_malloc0 (sizeof (StoredEntry) + len + 1);

  memcpy (entry->id, card_id, len + 1);
  g_hash_table_add (self->cards, entry->id);
  return &entry->card;
}

static void
rh_store_init (RhStore *self)
{
  self->lock_fd = -1;
  /* A set of ids, each inside its StoredEntry (no separate values). */
  self->cards = g_hash_table_new_full (g_str_hash, g_str_equal, free_entry, NULL);
}

/* $XDG_DATA_HOME/rehearse/rehearse.db */
char *
rh_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "rehearse", "rehearse.db", NULL);
}

/* Refuses, before SQLite writes anything, a file that is not ours, is
 * damaged, or is newer than this build. */
/* A read-only look that SQLite cannot finish without writing: another
 * program left a journal of an unfinished change beside the file, which
 * only that program should roll back. */
static gboolean
check_failed (RhStore  *self,
              sqlite3  *db,
              int       rc,
              GError  **error)
{
  if (rc == SQLITE_READONLY_ROLLBACK || rc == SQLITE_READONLY_RECOVERY)
    {
      g_set_error (error, RH_STORE_ERROR, RH_STORE_ERROR_BUSY,
                   _("“%s” has an unfinished change from another program (a journal beside it). "
                   "Nothing was changed; close that program and try again."), self->path);
      return FALSE;
    }
  set_error (error, self->path, rc, sqlite3_errmsg (db));
  return FALSE;
}

typedef enum {
  CHECK_HEADER,   /* ours, and a version this build knows */
  CHECK_QUICK,    /* and every page readable (quick_check) */
  CHECK_FULL,     /* and every index matching its table (integrity_check) */
} CheckLevel;

static gboolean
check_file (RhStore    *self,
            sqlite3    *db,
            CheckLevel  level,
            int        *version,
            GError    **error)
{
  int app_id = 0;
  int n_tables = 0;
  int rc;
  g_autoptr(sqlite3_stmt) check = NULL;

  /* The first read of the header: "file is not a database" shows here. */
  rc = query_int (db, "PRAGMA user_version;", version);
  if (rc == SQLITE_OK)
    rc = query_int (db, "PRAGMA application_id;", &app_id);
  if (rc == SQLITE_OK)
    rc = query_int (db, "SELECT count(*) FROM sqlite_schema;", &n_tables);
  if (rc != SQLITE_OK)
    return check_failed (self, db, rc, error);

  if (app_id != APPLICATION_ID && (app_id != 0 || n_tables > 0))
    {
      g_set_error (error, RH_STORE_ERROR, RH_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is a database of another program, not of Rehearse. Nothing was "
                   "changed; move the file elsewhere and Rehearse will start a new one."), self->path);
      return FALSE;
    }
  /* A number no Rehearse ever wrote (negative: a tool or damage) is refused
   * like a newer one: migrations exist only from 0 up to this build's. */
  if (*version < 0)
    {
      g_set_error (error, RH_STORE_ERROR, RH_STORE_ERROR_TOO_NEW,
                   _("“%s” has a data format (%d) that this version of Rehearse does not know. "
                   "Nothing was changed."), self->path, *version);
      return FALSE;
    }
  if (*version > RH_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, RH_STORE_ERROR, RH_STORE_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer version of Rehearse (data format %d; this "
                   "version reads up to %d). Nothing was changed; update Rehearse to open it."),
                   self->path, *version, RH_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  if (level == CHECK_HEADER)
    return TRUE;
  /* quick_check reads every page: damage anywhere is found now, not in the
   * middle of a session.  integrity_check also matches every index with its
   * table: after an unclean exit, or when something else changed the file. */
  rc = sqlite3_prepare_v2 (db, level == CHECK_FULL ? "PRAGMA integrity_check(1);" : "PRAGMA quick_check(1);",
                           -1, &check, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (check);
  if (rc != SQLITE_ROW)
    return check_failed (self, db, rc, error);
  if (g_strcmp0 ((const char *)sqlite3_column_text (check, 0), "ok") != 0)
    {
      g_debug ("%s: %s: %s", self->path, level == CHECK_FULL ? "integrity_check" : "quick_check",
               (const char *)sqlite3_column_text (check, 0));
      set_error (error, self->path, SQLITE_CORRUPT, _("its integrity check failed"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
refresh_has_log (RhStore  *self,
                 GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!prepare (self, &stmt, "SELECT EXISTS (SELECT 1 FROM review_log WHERE origin = ?1);", error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, (gint64)self->device);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return fail (self, rc, error);
  self->has_log = sqlite3_column_int (stmt, 0);
  return TRUE;
}

/* What tells this copy of the file from any other: the computer, and the
 * file's inode.  A copy (a backup restored, the file carried to another
 * computer) must not go on giving the review ids its original gives. */
static char *
fingerprint (RhStore *self)
{
  g_autofree char *machine = NULL;
  GStatBuf st;

  if (!g_file_get_contents ("/etc/machine-id", &machine, NULL, NULL))
    machine = g_strdup (g_get_host_name ());
  g_strstrip (machine);
  if (g_stat (self->path, &st) != 0)
    st.st_ino = 0;
  return g_strdup_printf ("%s:%" G_GUINT64_FORMAT, machine, (guint64)st.st_ino);
}

static gboolean
read_meta (RhStore     *self,
           const char  *key,
           char       **value,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!prepare (self, &stmt, "SELECT value FROM meta WHERE key = ?1;", error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  else if (rc == SQLITE_DONE)
    *value = NULL;
  else
    return fail (self, rc, error);
  return TRUE;
}

/* The highest sequence number the file has of @device: events above it
 * are new without a lookup (a computer's file grows in its own order). */
static gboolean
device_high_water (RhStore  *self,
                   guint64   device,
                   guint64  *seq,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!prepare (self, &stmt,
                "SELECT max ((SELECT ifnull (max (seq), 0) FROM review_log WHERE origin = ?1),"
                "            (SELECT ifnull (max (seq), 0) FROM event WHERE origin = ?1));", error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, (gint64)device);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return fail (self, rc, error);
  *seq = (guint64)sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
read_device (RhStore  *self,
             GError  **error)
{
  g_autofree char *device = NULL;

  if (!read_meta (self, "device", &device, error))
    return FALSE;
  self->device = device != NULL ? (guint64)g_ascii_strtoll (device, NULL, 10) : 0;
  return TRUE;
}

/* Inside a transaction: a new device id.  What the old one recorded and
 * never wrote to a sync folder goes to the outbox first, so that it still
 * reaches the other computers (from now on it is written like an import). */
static gboolean
change_device (RhStore  *self,
               GError  **error)
{
  return exec (self,
               "INSERT INTO outbox (origin, seq) SELECT origin, seq FROM ("
               "  SELECT origin, seq FROM review_log UNION ALL SELECT origin, seq FROM event)"
               "  WHERE origin = (SELECT value FROM meta WHERE key = 'device')"
               "  AND seq > ifnull ((SELECT value FROM meta WHERE key = 'synced_seq'), 0)"
               "  ORDER BY seq;", error) &&
         exec (self, "UPDATE meta SET value = random() WHERE key = 'device';", error) &&
         exec (self, "DELETE FROM meta WHERE key = 'synced_seq';", error) &&
         exec (self, "DELETE FROM undone_review;", error);
}

/* The device id, new for a copy of the file; and the next sequence number. */
static gboolean
load_device (RhStore  *self,
             GError  **error)
{
  g_autofree char *stored_print = NULL;
  g_autofree char *print = fingerprint (self);

  if (!read_meta (self, "fingerprint", &stored_print, error))
    return FALSE;
  /* Opening, before the deferred check starts: a write here does not
   * wait for it (a restored copy was checked whole already). */
  if (g_strcmp0 (stored_print, print) != 0 || self->new_device)
    {
      g_autoptr(sqlite3_stmt) set = NULL;
      gboolean ok;

      if (!begin (self, error))
        return FALSE;
      ok = prepare (self, &set,
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('fingerprint', ?1);", error);
      if (ok)
        sqlite3_bind_text (set, 1, print, -1, SQLITE_STATIC);
      ok = ok && step_done (self, set, error);
      /* The first open of a migrated file keeps the id it was given. */
      ok = ok && ((stored_print == NULL && !self->new_device) || change_device (self, error));
      self->new_device = FALSE;
      if (!ok)
        return rollback (self);
      if (!commit (self, error))
        return FALSE;
      self->n_undone = 0;
    }
  /* Undone answers are in the event table too: these two hold every id. */
  if (!read_device (self, error) || !device_high_water (self, self->device, &self->next_seq, error))
    return FALSE;
  self->next_seq++;
  /* The same device had given more ids when the file was last closed: this
   * is an older copy put back in place.  Its next ids are taken already. */
  if (self->closed_device == self->device && self->closed_next_seq > self->next_seq)
    return rh_store_renew_device (self, error);
  return TRUE;
}

/* A new device id for this file from now on: after a restore, the events
 * it records next must not take ids the copy it came from gave since. */
gboolean
rh_store_renew_device (RhStore  *self,
                       GError  **error)
{
  guint64 previous = self->device;

  g_return_val_if_fail (RH_IS_STORE (self), FALSE);

  if (!begin (self, error))
    return FALSE;
  if (!change_device (self, error))
    return rollback (self);
  if (!commit (self, error) || !read_device (self, error))
    return FALSE;
  self->next_seq = 1;
  g_debug ("%s: device id %016" G_GINT64_MODIFIER "x, was %016" G_GINT64_MODIFIER "x",
           self->path, self->device, previous);
  self->has_log = FALSE;
  self->n_undone = 0;
  return TRUE;
}

static gboolean
load_cards (RhStore  *self,
            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!prepare (self, &stmt, "SELECT card_id, " STATE_COLUMNS ("") ", suspended FROM card_state;", error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RhStoredCard *card = add_card (self, (const char *)sqlite3_column_text (stmt, 0));

      read_state (stmt, 1, &card->state);
      card->suspended = sqlite3_column_int (stmt, 10) != 0;
    }
  if (rc != SQLITE_DONE)
    return fail (self, rc, error);

  if ((rc = query_int (self->db, "SELECT count(*) FROM undone_review;", (int *)&self->n_undone)) != SQLITE_OK)
    return fail (self, rc, error);
  return load_device (self, error) && refresh_has_log (self, error);
}

static gboolean
prepare_statements (RhStore  *self,
                    GError  **error)
{
  return prepare (self, &self->upsert_state,
                  "INSERT INTO card_state (card_id, " STATE_COLUMNS ("") ", suspended) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
                  "ON CONFLICT (card_id) DO UPDATE SET state = ?2, step = ?3, stability = ?4, "
                  "difficulty = ?5, due = ?6, last_review = ?7, scheduled_days = ?8, reps = ?9, "
                  "lapses = ?10, suspended = ?11;", error)
      && prepare (self, &self->delete_state, "DELETE FROM card_state WHERE card_id = ?1;", error)
      && prepare (self, &self->insert_log,
                  "INSERT INTO review_log (" LOG_COLUMNS ") VALUES (" LOG_PLACEHOLDERS ");", error)
      && prepare (self, &self->insert_undone,
                  "INSERT INTO undone_review (" LOG_COLUMNS ") VALUES (" LOG_PLACEHOLDERS ");", error)
      && prepare (self, &self->last_log,
                  "SELECT " LOG_COLUMNS " FROM review_log WHERE origin = ?1 ORDER BY seq DESC LIMIT 1;", error)
      && prepare (self, &self->first_undone,
                  "SELECT " LOG_COLUMNS " FROM undone_review ORDER BY seq ASC LIMIT 1;", error)
      && prepare (self, &self->delete_log, "DELETE FROM review_log WHERE id = ?1;", error)
      && prepare (self, &self->delete_undone, "DELETE FROM undone_review WHERE id = ?1;", error)
      && prepare (self, &self->clear_undone, "DELETE FROM undone_review;", error)
      && prepare (self, &self->insert_event,
                  "INSERT INTO event (" EVENT_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9);", error)
      && prepare (self, &self->insert_outbox, "INSERT INTO outbox (origin, seq) VALUES (?1, ?2);", error)
      && prepare (self, &self->log_has_uid,
                  "SELECT card_id, reviewed_at, rating, kind, duration_ms, 0, 0 FROM review_log "
                  "WHERE origin = ?1 AND seq = ?2;", error)
      && prepare (self, &self->event_has_uid,
                  "SELECT card_id, reviewed_at, rating, kind, duration_ms, target_origin, target_seq FROM event "
                  "WHERE origin = ?1 AND seq = ?2;", error)
      && prepare (self, &self->card_log,
                  "SELECT " LOG_COLUMNS " FROM review_log WHERE card_id = ?1 ORDER BY id;", error)
      && prepare (self, &self->card_events,
                  "SELECT " EVENT_COLUMNS " FROM event WHERE card_id = ?1;", error)
      && prepare (self, &self->delete_card_answers,
                  "DELETE FROM event WHERE card_id = ?1 AND kind IN "
                  "('learn', 'review', 'relearn', 'practice', 'reset');", error)
      && prepare (self, &self->latest_answer,
                  "SELECT max (reviewed_at) FROM review_log WHERE card_id = ?1;", error);
}

static gboolean
check_writable (const char  *path,
                gboolean     exists,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  const char *suffixes[] = { "-wal", "-shm" };

  /* WAL keeps two files beside the database: the folder must be writable
   * too, not only the file. */
  if ((exists && g_access (path, W_OK) != 0) || g_access (dir, W_OK) != 0)
    {
      set_error (error, path, SQLITE_READONLY, NULL);
      return FALSE;
    }
  /* And those two files, if they are there: otherwise the first grade, not
   * the start, would find out, and name the wrong file. */
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *beside = g_strconcat (path, suffixes[i], NULL);

      if (g_file_test (beside, G_FILE_TEST_EXISTS) && g_access (beside, W_OK) != 0)
        {
          g_set_error (error, RH_STORE_ERROR, RH_STORE_ERROR_READ_ONLY,
                       _("Rehearse cannot save to “%s”: the file is read-only. Make it writable, "
                       "or move it away if Rehearse is not running."), beside);
          return FALSE;
        }
    }
  return TRUE;
}

/* The process that holds "<path>.lock", as it wrote itself there. */
static char *
lock_holder (const char *content)
{
  g_autofree char *text = g_strstrip (g_strdup (content));
  guint64 pid;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT32, &pid, NULL))
    return g_strdup (_("another process"));
  return g_strdup_printf (_("process %d"), (int)pid);
}

/* What the previous session wrote into the lock file when it closed the
 * store cleanly: "closed SIZE MTIME CTIME INODE". */
static void
read_close_marker (RhStore    *self,
                   const char *content)
{
  gint64 size, mtime, ctime;
  guint64 inode, device, next;
  int n;

  n = sscanf (content, "closed %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
              " %" G_GUINT64_FORMAT " %" G_GINT64_MODIFIER "x %" G_GUINT64_FORMAT,
              &size, &mtime, &ctime, &inode, &device, &next);
  self->was_closed = n >= 4;
  if (self->was_closed)
    {
      self->closed_size = size;
      self->closed_mtime = mtime;
      self->closed_ctime = ctime;
      self->closed_inode = inode;
    }
  if (n == 6)
    {
      self->closed_device = device;
      self->closed_next_seq = next;
    }
}

#define LOCK_FILE_MAX 192

/* Reads the lock file once: FALSE when it could be a user's file (a hard
 * link to one, or anything but what this app writes: nothing, a PID, or
 * the clean-close marker), since it is written on every start. */
static gboolean
read_lock_file (int   fd,
                char  content[LOCK_FILE_MAX + 1])
{
  struct stat st;
  ssize_t got;

  memset (content, 0, LOCK_FILE_MAX + 1);
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_nlink > 1 || st.st_size > LOCK_FILE_MAX)
    return FALSE;
  got = pread (fd, content, LOCK_FILE_MAX, 0);
  if (got < 0)
    return FALSE;
  for (ssize_t i = 0; i < got; i++)
    if (!g_ascii_isalnum (content[i]) && content[i] != ' ' && content[i] != '\n')
      return FALSE;
  return got == 0 || g_ascii_isdigit (content[0]) || g_str_has_prefix (content, "closed ");
}

/* One process at a time: refuses, naming the other one, while another
 * Rehearse has the file open. */
static gboolean
take_lock (RhStore  *self,
           GError  **error)
{
  g_autofree char *lock_path = g_strconcat (self->path, ".lock", NULL);
  g_autofree char *pid = NULL;
  char content[LOCK_FILE_MAX + 1];
  int fd = open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, RH_STORE_ERROR, saved == EACCES || saved == EROFS ? RH_STORE_ERROR_READ_ONLY
                   : RH_STORE_ERROR_IO, _("Rehearse cannot create “%s”: %s."), lock_path, g_strerror (saved));
      return FALSE;
    }
  if (!read_lock_file (fd, content))
    {
      close (fd);
      g_set_error (error, RH_STORE_ERROR, RH_STORE_ERROR_IO,
                   _("“%s” is not Rehearse's lock file (it has other names, or other contents). "
                   "Nothing was changed; move it away."), lock_path);
      return FALSE;
    }
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      g_autofree char *holder = lock_holder (content);

      close (fd);
      g_set_error (error, RH_STORE_ERROR, RH_STORE_ERROR_BUSY,
                   _("“%s” is in use by another Rehearse (%s). Nothing was changed; close that "
                   "one and try again."), self->path, holder);
      return FALSE;
    }
  /* Read before the lock was ours: at worst an older content, and then the
   * full check runs. */
  read_close_marker (self, content);
  pid = g_strdup_printf ("%d\n", (int)getpid ());
  if (ftruncate (fd, 0) != 0 || pwrite (fd, pid, strlen (pid), 0) < 0)
    g_debug ("%s: could not write the PID: %s", lock_path, g_strerror (errno));
  self->lock_fd = fd;
  return TRUE;
}

static gint64
ns_of (const struct timespec *t)
{
  return (gint64)t->tv_sec * G_GINT64_CONSTANT (1000000000) + t->tv_nsec;
}

/* Whether the file is exactly as this app left it at a clean close (the
 * same inode, size and times, and no log of changes made since): then the
 * quick check suffices; otherwise (a crash, another program wrote it) the
 * full one runs. */
static gboolean
unchanged_since_close (RhStore *self)
{
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  GStatBuf st, wal_st;

  if (!self->was_closed || g_stat (self->path, &st) != 0)
    return FALSE;
  if (g_stat (wal, &wal_st) == 0 && wal_st.st_size > 0)
    return FALSE;
  return st.st_size == self->closed_size && ns_of (&st.st_mtim) == self->closed_mtime &&
         ns_of (&st.st_ctim) == self->closed_ctime && (guint64)st.st_ino == self->closed_inode;
}

/* After a clean close, which folds the log into the file and removes it:
 * what the next start compares. */
static void
write_close_marker (RhStore *self)
{
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  g_autofree char *marker = NULL;
  GStatBuf st;

  if (self->lock_fd < 0 || !self->opened || g_stat (self->path, &st) != 0 ||
      g_file_test (wal, G_FILE_TEST_EXISTS))
    return;
  /* And how far this file had given review ids: a copy of an older state
   * put in its place (a backup copied back) is then known by giving less. */
  marker = g_strdup_printf ("closed %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                            " %" G_GUINT64_FORMAT " %016" G_GINT64_MODIFIER "x %" G_GUINT64_FORMAT "\n",
                            (gint64)st.st_size, ns_of (&st.st_mtim), ns_of (&st.st_ctim), (guint64)st.st_ino,
                            self->device, self->next_seq);
  if (ftruncate (self->lock_fd, 0) != 0 || pwrite (self->lock_fd, marker, strlen (marker), 0) < 0)
    g_debug ("%s.lock: could not mark the clean close: %s", self->path, g_strerror (errno));
}

/* Committed changes that SQLite would skip without a word (a damaged
 * write-ahead log): keeps a copy of the log and refuses, saying how many. */
static gboolean
check_wal (RhStore  *self,
           GError  **error)
{
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  g_autofree char *aside = NULL;
  g_autoptr(GFile) from = NULL;
  g_autoptr(GFile) to = NULL;
  g_autoptr(GError) local_error = NULL;
  RhWalReport report;

  if (!rh_wal_check (wal, &report, &local_error))
    {
      g_set_error (error, RH_STORE_ERROR, RH_STORE_ERROR_IO, "%s", local_error->message);
      return FALSE;
    }
  if (report.n_lost_commits == 0)
    return TRUE;
  aside = rh_store_aside_path (wal);
  from = g_file_new_for_path (wal);
  to = g_file_new_for_path (aside);
  if (!g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &local_error))
    {
      g_set_error (error, RH_STORE_ERROR, RH_STORE_ERROR_IO,
                   _("The log of recent changes “%s” is damaged, and Rehearse cannot keep a copy of it: %s. "
                   "Nothing was changed."), wal, local_error->message);
      return FALSE;
    }
  g_set_error (error, RH_STORE_ERROR, RH_STORE_ERROR_LOST_CHANGES,
               g_dngettext (GETTEXT_PACKAGE,
                            "The log of recent changes “%s” is damaged: the last %u saved change cannot be "
                            "read and may be missing. A copy of the log is kept as “%s”.",
                            "The log of recent changes “%s” is damaged: the last %u saved changes cannot be "
                            "read and may be missing. A copy of the log is kept as “%s”.",
                            report.n_lost_commits),
               wal, report.n_lost_commits, aside);
  return FALSE;
}

/* Everything about the file before a connection that can write is opened:
 * the checks, with a connection that cannot write, so that nothing (not
 * even rolling back another program's journal) changes a file that turns
 * out not to be ours. */
static gboolean
check_read_only (RhStore  *self,
                 int      *version,
                 guint64  *inode,
                 GError  **error)
{
  sqlite3 *db = NULL;
  gboolean ok;
  GStatBuf st;
  int rc;

  *inode = g_stat (self->path, &st) == 0 ? (guint64)st.st_ino : 0;
  rc = sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc != SQLITE_OK)
    {
      set_error (error, self->path, rc, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return FALSE;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  /* Unchanged since a clean close: the quick check can wait for a thread
   * of its own (started once the store is open).  Otherwise all of it now. */
  self->check_deferred = unchanged_since_close (self);
  ok = check_file (self, db, self->check_deferred ? CHECK_HEADER : CHECK_FULL, version, error);
  /* A migration writes before any thread could check: not without the
   * full check first. */
  if (ok && self->check_deferred && *version < RH_STORE_SCHEMA_VERSION)
    {
      self->check_deferred = FALSE;
      ok = check_file (self, db, CHECK_FULL, version, error);
    }
  sqlite3_close (db);
  return ok;
}

/* Between the read-only checks and the connection that writes, the file
 * could have been replaced: the same inode, saying the same, or nothing is
 * written. */
static gboolean
still_the_same (RhStore  *self,
                guint64   inode,
                int       checked_version,
                GError  **error)
{
  GStatBuf st;
  int version = 0;

  if (!check_file (self, self->db, CHECK_HEADER, &version, error))
    return FALSE;
  if (g_stat (self->path, &st) != 0 || (guint64)st.st_ino != inode || version != checked_version)
    {
      g_set_error (error, RH_STORE_ERROR, RH_STORE_ERROR_BUSY,
                   _("“%s” was replaced while Rehearse opened it. Nothing was changed; try again."), self->path);
      return FALSE;
    }
  return TRUE;
}

/* A log of changes (-wal, -journal) beside a database that is missing or
 * empty: SQLite would delete it on opening, and with it the changes it
 * holds, which belong to the file that was there (moved, or emptied). */
static gboolean
check_orphan_logs (RhStore   *self,
                   gboolean   exists,
                   GError   **error)
{
  const char *suffixes[] = { "-wal", "-journal" };
  GStatBuf st;

  if (exists && g_stat (self->path, &st) == 0 && st.st_size > 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *log = g_strconcat (self->path, suffixes[i], NULL);

      if (g_lstat (log, &st) == 0 && (st.st_size > 0 || !S_ISREG (st.st_mode)))
        {
          g_set_error (error, RH_STORE_ERROR, exists ? RH_STORE_ERROR_CORRUPT : RH_STORE_ERROR_IO,
                       _("“%s” holds changes to “%s”, which is %s. Nothing was changed; put the database "
                       "back, or move both files away."), log, self->path, exists ? _("empty") : _("missing"));
          return FALSE;
        }
    }
  return TRUE;
}

/* The regular file at @path (or its folder, created), writable, locked. */
static gboolean
prepare_path (RhStore   *self,
              gboolean  *exists,
              GError   **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);

  GStatBuf st;

  /* A link: SQLite would keep its log beside the target, and the checks
   * and the lock would look beside the link. */
  if (g_lstat (self->path, &st) == 0 && S_ISLNK (st.st_mode))
    {
      g_set_error (error, RH_STORE_ERROR, RH_STORE_ERROR_IO,
                   _("“%s” is a symbolic link; Rehearse keeps its data in a plain file. Nothing was "
                   "changed; put the file itself there."), self->path);
      return FALSE;
    }
  *exists = g_file_test (self->path, G_FILE_TEST_EXISTS);
  if (*exists && !g_file_test (self->path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, RH_STORE_ERROR, RH_STORE_ERROR_IO,
                   _("“%s” is not a regular file. Nothing was changed; move it elsewhere."), self->path);
      return FALSE;
    }
  if (!check_orphan_logs (self, *exists, error))
    return FALSE;
  if (!*exists && g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, RH_STORE_ERROR,
                   saved == EACCES || saved == EROFS ? RH_STORE_ERROR_READ_ONLY : RH_STORE_ERROR_IO,
                   _("Rehearse cannot create the folder “%s”: %s."), dir, g_strerror (saved));
      return FALSE;
    }
  return check_writable (self->path, *exists, error) && take_lock (self, error);
}

/* --- The check in a thread ---------------------------------------------------- */

typedef struct _CheckJob {
  char    *path;
  GWeakRef store;
  GMutex   lock;
  sqlite3 *db;              /* while the check runs: to interrupt it */
  guint64  inode;           /* the file the store has open */
  gboolean damaged;         /* what it found is damage, not a check that could not run */
} CheckJob;

static gboolean check_done_cb (gpointer data);

/* In the thread: quick_check on a read-only connection of its own.
 * Returns what it found, as a GError, or NULL. */
static gpointer
run_check (gpointer data)
{
  CheckJob *job = data;
  GError *found = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GStatBuf st;
  int rc = sqlite3_open_v2 (job->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);

  /* Another file by now under that name: not the one to judge. */
  if (rc == SQLITE_OK && (g_stat (job->path, &st) != 0 || (guint64)st.st_ino != job->inode))
    rc = SQLITE_CANTOPEN;
  g_mutex_lock (&job->lock);
  job->db = rc == SQLITE_OK ? db : NULL;
  g_mutex_unlock (&job->lock);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
      /* Each page is read once: a small cache reads as fast, and the
       * memory it took stays with the process after the check. */
      sqlite3_exec (db, "PRAGMA cache_size = -256;", NULL, NULL, NULL);
      rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check(1);", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt);
    }
  job->damaged = (rc == SQLITE_ROW && g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), "ok") != 0) ||
                 (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB;
  if (job->damaged)
    set_error (&found, job->path, SQLITE_CORRUPT, _("its integrity check failed"));
  else if (rc != SQLITE_ROW)
    set_error (&found, job->path, rc, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  sqlite3_finalize (stmt);
  g_mutex_lock (&job->lock);
  job->db = NULL;
  g_mutex_unlock (&job->lock);
  sqlite3_close (db);
  g_idle_add (check_done_cb, job);
  return found;
}

/* Damage found is kept (every write is refused); a check that could not
 * run (the file busy, an I/O error, interrupted at close) only means the
 * next start checks fully. */
static void
join_check (RhStore *self)
{
  GError *found;

  if (self->check_thread == NULL)
    return;
  found = g_thread_join (g_steal_pointer (&self->check_thread));
  if (found == NULL)
    return;
  if (self->check_job->damaged)
    {
      g_clear_error (&self->check_error);
      self->check_error = found;
      return;
    }
  g_debug ("%s: the check could not finish: %s", self->path, found->message);
  self->check_incomplete = TRUE;
  g_error_free (found);
}

/* Closing: the check is cut short rather than waited for. */
static void
interrupt_check (RhStore *self)
{
  if (self->check_thread == NULL)
    return;
  g_mutex_lock (&self->check_job->lock);
  if (self->check_job->db != NULL)
    sqlite3_interrupt (self->check_job->db);
  g_mutex_unlock (&self->check_job->lock);
}

static gboolean
report_damage_cb (gpointer data)
{
  g_autoptr(RhStore) self = g_weak_ref_get (data);

  if (self != NULL && self->check_error != NULL)
    g_signal_emit (self, signals[DAMAGED], 0, self->check_error);
  g_weak_ref_clear (data);
  g_free (data);
  return G_SOURCE_REMOVE;
}

/* Says "damaged" once, from the main loop, whoever found it first: the
 * thread's idle, or a write that waited for the check. */
static void
report_damage_later (RhStore *self)
{
  GWeakRef *ref;

  if (self->damage_reported)
    return;
  self->damage_reported = TRUE;
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  g_idle_add (report_damage_cb, ref);
}

/* Back in the main loop: the thread is done; what it found is said. */
static gboolean
check_done_cb (gpointer data)
{
  CheckJob *job = data;
  g_autoptr(RhStore) self = g_weak_ref_get (&job->store);

  if (self != NULL)
    {
      join_check (self);
      if (self->check_error != NULL)
        report_damage_later (self);
      if (self->check_job == job)
        self->check_job = NULL;
    }
  g_weak_ref_clear (&job->store);
  g_mutex_clear (&job->lock);
  g_free (job->path);
  g_free (job);
  return G_SOURCE_REMOVE;
}

static void
start_check (RhStore *self)
{
  CheckJob *job = g_new0 (CheckJob, 1);
  GStatBuf st;

  g_clear_handle_id (&self->check_source, g_source_remove);
  job->path = g_strdup (self->path);
  job->inode = g_stat (self->path, &st) == 0 ? (guint64)st.st_ino : 0;
  g_weak_ref_init (&job->store, self);
  g_mutex_init (&job->lock);
  self->check_job = job;
  self->check_thread = g_thread_new ("rehearse-check", run_check, job);
}

/* The source is removed when the store is finalized: @data is alive. */
static gboolean
start_check_cb (gpointer data)
{
  RhStore *self = data;

  self->check_source = 0;
  start_check (self);
  return G_SOURCE_REMOVE;
}

/* Opens the database at @path, creating it (and its folder) if there is
 * none, and migrating an older one.  Refuses, unchanged, a file it cannot
 * trust, one that another Rehearse has open, and one whose log of recent
 * changes is damaged (unless @flags accepts that loss). */
RhStore *
rh_store_open_full (const char        *path,
                    RhStoreOpenFlags   flags,
                    GError           **error)
{
  g_autoptr(RhStore) self = NULL;
  gboolean exists;
  int version = 0;
  guint64 inode = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (RH_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->new_device = (flags & RH_STORE_OPEN_NEW_DEVICE) != 0;
  if (!prepare_path (self, &exists, error))
    return NULL;
  if (exists &&
      ((!(flags & RH_STORE_OPEN_ACCEPT_LOST_CHANGES) && !check_wal (self, error)) ||
       !check_read_only (self, &version, &inode, error)))
    return NULL;

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_error (error, path, rc, self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  /* If this file turns out to be refused, closing must not fold a WAL
   * into it. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  /* A file created now is checked here (empty, nothing to read); one that
   * was checked read-only must still be that file, saying the same. */
  if (!exists && !check_file (self, self->db, CHECK_QUICK, &version, error))
    return NULL;
  if (exists && !still_the_same (self, inode, version, error))
    return NULL;

  if (!exec (self, "PRAGMA journal_mode = WAL;", error) ||
      !exec (self, "PRAGMA synchronous = FULL;", error) ||
      !exec (self, "PRAGMA foreign_keys = ON;", error))
    return NULL;
  if (version == 0)
    {
      g_autofree char *set_id = g_strdup_printf ("PRAGMA application_id = %d;", APPLICATION_ID);

      if (!exec (self, set_id, error))
        return NULL;
    }
  if (!migrate (self, version, RH_STORE_SCHEMA_VERSION, error) ||
      !prepare_statements (self, error) ||
      !load_cards (self, error))
    return NULL;

  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_STUDYING_MS);
  self->opened = TRUE;
  if (self->check_deferred)
    self->check_source = g_timeout_add_full (G_PRIORITY_LOW, CHECK_DELAY_MS, start_check_cb, self, NULL);
  return g_steal_pointer (&self);
}

RhStore *
rh_store_open (const char  *path,
               GError     **error)
{
  return rh_store_open_full (path, RH_STORE_OPEN_DEFAULT, error);
}

const char *
rh_store_get_path (RhStore *self)
{
  g_return_val_if_fail (RH_IS_STORE (self), NULL);
  return self->path;
}

/* The ids of every card the learner has seen or suspended, as a set (keys
 * only; rh_store_lookup() gives each one's state).  A card that is not
 * here is new.  Owned by the store; read it, never change it. */
GHashTable *
rh_store_get_cards (RhStore *self)
{
  g_return_val_if_fail (RH_IS_STORE (self), NULL);
  return self->cards;
}

const RhStoredCard *
rh_store_lookup (RhStore    *self,
                 const char *card_id)
{
  g_return_val_if_fail (RH_IS_STORE (self), NULL);
  g_return_val_if_fail (card_id != NULL, NULL);
  return find_card (self, card_id);
}

/* --- Changes --------------------------------------------------------------- */

static gboolean
is_pristine (const RhCardState *state)
{
  return state->state == RH_CARD_NEW && state->reps == 0 && state->last_review == 0;
}

/* Writes @state as the card's state in the database; a new card that is not
 * suspended has no row, as before it was ever seen. */
static gboolean
write_state (RhStore           *self,
             const char        *card_id,
             const RhCardState *state,
             gboolean           suspended,
             GError           **error)
{
  if (is_pristine (state) && !suspended)
    {
      sqlite3_bind_text (self->delete_state, 1, card_id, -1, SQLITE_STATIC);
      return step_done (self, self->delete_state, error);
    }
  sqlite3_bind_text (self->upsert_state, 1, card_id, -1, SQLITE_STATIC);
  bind_state (self->upsert_state, 2, state);
  sqlite3_bind_int (self->upsert_state, 11, suspended);
  return step_done (self, self->upsert_state, error);
}

/* The in-memory copy, after a commit. */
static void
cache_state (RhStore           *self,
             const char        *card_id,
             const RhCardState *state,
             gboolean           suspended)
{
  RhStoredCard *card;

  if (is_pristine (state) && !suspended)
    {
      g_hash_table_remove (self->cards, card_id);
      return;
    }
  card = find_card (self, card_id);
  if (card == NULL)
    card = add_card (self, card_id);
  card->state = *state;
  card->suspended = suspended;
}

static gboolean
is_suspended (RhStore    *self,
              const char *card_id)
{
  const RhStoredCard *card = find_card (self, card_id);

  return card != NULL && card->suspended;
}

/* The next review id of this computer.  Taken back (next_seq--) when the
 * transaction that used it fails: ids are never given twice, but a gap
 * would do no harm either. */
static void
give_id (RhStore    *self,
         RhReviewId *uid)
{
  g_assert (self->next_seq < G_GUINT64_CONSTANT (1) << 48);
  uid->device = self->device;
  uid->seq = self->next_seq++;
}

static gboolean
add_to_outbox (RhStore          *self,
               const RhReviewId *uid,
               GError          **error)
{
  sqlite3_bind_int64 (self->insert_outbox, 1, (gint64)uid->device);
  sqlite3_bind_int64 (self->insert_outbox, 2, (gint64)uid->seq);
  return step_done (self, self->insert_outbox, error);
}

/* A new grade ends what could be redone: inside the grade's transaction. */
static gboolean
clear_redo (RhStore  *self,
            GError  **error)
{
  return self->n_undone == 0 || step_done (self, self->clear_undone, error);
}

/* When the card's latest answer that counts was given; 0 when none. */
static gint64
latest_answer (RhStore    *self,
               const char *card_id)
{
  gint64 latest = 0;

  sqlite3_bind_text (self->latest_answer, 1, card_id, -1, SQLITE_STATIC);
  if (sqlite3_step (self->latest_answer) == SQLITE_ROW)
    latest = sqlite3_column_int64 (self->latest_answer, 0);
  sqlite3_reset (self->latest_answer);
  return latest;
}

/* When a new answer of the card is dated: now, or just after the card's
 * latest answer when that is a few seconds ahead (the same second, a
 * clock set back a little), since answers replay in the order of their
 * times and the state a grade is computed from must be the state a replay
 * reaches.  Far ahead (a clock that was wrong, here or on another
 * computer), now, and *before_latest says so: such an answer is recorded
 * with rh_store_add_answer(), which replays the card with it in its place. */
gint64
rh_store_answer_time (RhStore    *self,
                      const char *card_id,
                      gint64      now,
                      gboolean   *before_latest)
{
  gint64 latest;

  g_return_val_if_fail (RH_IS_STORE (self), now);
  g_return_val_if_fail (card_id != NULL, now);

  latest = latest_answer (self, card_id);
  if (latest >= now && latest - now < RH_STORE_CLOCK_SLACK)
    now = latest + 1;
  if (before_latest != NULL)
    *before_latest = now < latest;
  return now;
}

/* Records a grade (or a practice answer) in one transaction: the log row
 * and, unless it is practice, the card's new state.  Fills review->id.
 * A new grade ends what could be redone. */
gboolean
rh_store_record (RhStore   *self,
                 RhReview  *review,
                 GError   **error)
{
  gboolean schedule_changes;

  g_return_val_if_fail (RH_IS_STORE (self), FALSE);
  g_return_val_if_fail (review != NULL && review->card_id != NULL, FALSE);
  g_return_val_if_fail (review->kind == RH_REVIEW_RESET || (review->rating >= 1 && review->rating <= 4), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  schedule_changes = review->kind != RH_REVIEW_PRACTICE;
  review->id = 0;

  if (!begin (self, error))
    return FALSE;
  give_id (self, &review->uid);
  bind_review (self->insert_log, review);
  if (!step_done (self, self->insert_log, error))
    return rollback (self);
  review->id = sqlite3_last_insert_rowid (self->db);
  if (schedule_changes &&
      !write_state (self, review->card_id, &review->after, is_suspended (self, review->card_id), error))
    return rollback (self);
  if (!clear_redo (self, error))
    return rollback (self);
  if (!commit (self, error))
    {
      self->next_seq--;
      return FALSE;
    }

  if (schedule_changes)
    cache_state (self, review->card_id, &review->after, is_suspended (self, review->card_id));
  self->n_undone = 0;
  self->has_log = TRUE;
  g_signal_emit (self, signals[CHANGED], 0, review->card_id);
  return TRUE;
}

/* Records many reviews, in time order, in one transaction: each card ends in
 * the state after its last review.  For imports and generated collections;
 * nothing of it can be undone one by one. */
gboolean
rh_store_import (RhStore         *self,
                 const RhReview  *reviews,
                 guint            n_reviews,
                 GError         **error)
{
  g_autoptr(GHashTable) last = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (RH_IS_STORE (self), FALSE);
  g_return_val_if_fail (reviews != NULL || n_reviews == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!begin (self, error))
    return FALSE;
  for (guint i = 0; i < n_reviews; i++)
    {
      RhReview copy = reviews[i];

      copy.id = 0;
      give_id (self, &copy.uid);
      bind_review (self->insert_log, &copy);
      if (!step_done (self, self->insert_log, error))
        return rollback (self);
      if (reviews[i].kind != RH_REVIEW_PRACTICE)
        g_hash_table_insert (last, reviews[i].card_id, (gpointer)&reviews[i]);
    }
  g_hash_table_iter_init (&iter, last);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!write_state (self, key, &((const RhReview *)value)->after, is_suspended (self, key), error))
      return rollback (self);
  if (!clear_redo (self, error))
    return rollback (self);
  if (!commit (self, error))
    return FALSE;

  g_hash_table_iter_init (&iter, last);
  while (g_hash_table_iter_next (&iter, &key, &value))
    cache_state (self, key, &((const RhReview *)value)->after, is_suspended (self, key));
  self->n_undone = 0;
  self->has_log = self->has_log || n_reviews > 0;
  g_signal_emit (self, signals[CHANGED], 0, NULL);
  return TRUE;
}

/* --- The log of events ------------------------------------------------------
 *
 * review_log holds the answers that count, each with the card's state
 * before and after; the event table every other event of the log.  An
 * event is in exactly one of the two.  Undo, redo, a merge: new events,
 * then the cards they touch are rebuilt by replaying their events
 * (rh-replay.c), so that a card's state is always the replay of its log. */

/* A card rebuilt in a transaction: its state, for the cache after COMMIT. */
typedef struct {
  char         *card_id;
  RhStoredCard  card;
} Rebuilt;

static void
clear_rebuilt (Rebuilt *rebuilt)
{
  g_clear_pointer (&rebuilt->card_id, g_free);
}

static GArray *
rebuilt_new (void)
{
  GArray *rebuilt = g_array_new (FALSE, TRUE, sizeof (Rebuilt));

  g_array_set_clear_func (rebuilt, (GDestroyNotify)clear_rebuilt);
  return rebuilt;
}

static void
bind_event (sqlite3_stmt   *stmt,
            const RhReview *event)
{
  sqlite3_bind_int64 (stmt, 1, (gint64)event->uid.device);
  sqlite3_bind_int64 (stmt, 2, (gint64)event->uid.seq);
  sqlite3_bind_text (stmt, 3, event->card_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, event->reviewed_at);
  sqlite3_bind_int (stmt, 5, event->rating);
  sqlite3_bind_int (stmt, 6, event->duration_ms);
  sqlite3_bind_text (stmt, 7, kind_names[event->kind], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, (gint64)event->target.device);
  sqlite3_bind_int64 (stmt, 9, (gint64)event->target.seq);
}

static void
read_event (sqlite3_stmt *stmt,
            RhReview     *event)
{
  memset (event, 0, sizeof *event);
  event->uid.device = (guint64)sqlite3_column_int64 (stmt, 0);
  event->uid.seq = (guint64)sqlite3_column_int64 (stmt, 1);
  event->card_id = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  event->reviewed_at = sqlite3_column_int64 (stmt, 3);
  event->rating = sqlite3_column_int (stmt, 4);
  event->duration_ms = sqlite3_column_int (stmt, 5);
  event->kind = kind_from_name ((const char *)sqlite3_column_text (stmt, 6));
  event->target.device = (guint64)sqlite3_column_int64 (stmt, 7);
  event->target.seq = (guint64)sqlite3_column_int64 (stmt, 8);
}

static gboolean
same_state (const RhCardState *a,
            const RhCardState *b)
{
  return a->state == b->state && a->step == b->step && a->stability == b->stability &&
         a->difficulty == b->difficulty && a->due == b->due && a->last_review == b->last_review &&
         a->scheduled_days == b->scheduled_days && a->reps == b->reps && a->lapses == b->lapses;
}

/* The card's rows in review_log (id order) into @rows, and every event of
 * the card, those rows included, into @events. */
static gboolean
read_card (RhStore     *self,
           const char  *card_id,
           GArray      *rows,
           GArray      *events,
           GError     **error)
{
  int rc;

  sqlite3_bind_text (self->card_log, 1, card_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (self->card_log)) == SQLITE_ROW)
    {
      RhReview row = { 0 };
      RhReview event;

      read_review (self->card_log, &row);
      g_array_append_val (rows, row);
      event = row;
      event.card_id = g_strdup (row.card_id);
      g_array_append_val (events, event);
    }
  sqlite3_reset (self->card_log);
  if (rc != SQLITE_DONE)
    return fail (self, rc, error);

  sqlite3_bind_text (self->card_events, 1, card_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (self->card_events)) == SQLITE_ROW)
    {
      RhReview event;

      read_event (self->card_events, &event);
      g_array_append_val (events, event);
    }
  sqlite3_reset (self->card_events);
  return rc == SQLITE_DONE ? TRUE : fail (self, rc, error);
}

/* Replays @events into @replay.  The answers that stay where they are
 * keep the states they were given (with the options of their day); the
 * replay goes on from the state the log recorded before the first one that
 * changes.  Returns how many rows stay. */
static guint
replay_card (RhStore            *self,
             const RhScheduler  *scheduler,
             const char         *card_id,
             GArray             *rows,
             GArray             *events,
             const RhReview     *recorded,
             RhReplay           *replay)
{
  const RhStoredCard *stored = find_card (self, card_id);
  RhCardState start;
  guint keep = 0;
  guint from;

  rh_replay_order ((const RhReview *)events->data, events->len, replay);
  while (keep < rows->len && keep < replay->answers->len &&
         rh_review_id_compare (&g_array_index (rows, RhReview, keep).uid,
                               &g_array_index (replay->answers, RhReview, keep).uid) == 0)
    keep++;
  if (keep < rows->len)
    start = g_array_index (rows, RhReview, keep).before;
  else if (keep > 0)
    start = g_array_index (rows, RhReview, keep - 1).after;
  else if (stored != NULL)
    start = stored->state;
  else
    rh_card_state_init_new (&start, 0);
  from = keep;
  /* A redone answer that comes back where it was gets back its states. */
  if (recorded != NULL && from < replay->answers->len &&
      rh_review_id_compare (&g_array_index (replay->answers, RhReview, from).uid, &recorded->uid) == 0 &&
      (same_state (&start, &recorded->before) ||
       (start.state == RH_CARD_NEW && recorded->before.state == RH_CARD_NEW)))
    {
      RhReview *answer = &g_array_index (replay->answers, RhReview, from);

      answer->kind = recorded->kind;
      answer->before = recorded->before;
      answer->after = recorded->after;
      if (recorded->kind != RH_REVIEW_PRACTICE)
        start = recorded->after;
      from++;
    }
  rh_replay_run (scheduler, replay, from, &start);
  return keep;
}

/* Writes what replay_card() found: the rows after the first @keep replaced,
 * the answers taken back (and the new events that are not answers: the
 * last @n_extra of @events) in the event table. */
static gboolean
write_card (RhStore        *self,
            const char     *card_id,
            GArray         *rows,
            guint           keep,
            GArray         *events,
            guint           n_extra,
            const RhReplay *replay,
            GError        **error)
{
  gboolean ok = TRUE;

  for (guint i = keep; ok && i < rows->len; i++)
    {
      const RhReview *row = &g_array_index (rows, RhReview, i);

      sqlite3_bind_int64 (self->delete_log, 1, row->id);
      ok = step_done (self, self->delete_log, error);
      self->min_deleted_id = self->min_deleted_id == 0 ? row->id : MIN (self->min_deleted_id, row->id);
    }
  for (guint i = keep; ok && i < replay->answers->len; i++)
    {
      bind_review (self->insert_log, &g_array_index (replay->answers, RhReview, i));
      ok = step_done (self, self->insert_log, error);
    }
  if (ok)
    {
      sqlite3_bind_text (self->delete_card_answers, 1, card_id, -1, SQLITE_TRANSIENT);
      ok = step_done (self, self->delete_card_answers, error);
    }
  for (guint i = 0; ok && i < events->len; i++)
    {
      const RhReview *event = &g_array_index (events, RhReview, i);
      gboolean answer = RH_REVIEW_KIND_IS_ANSWER (event->kind);

      if ((answer && !replay->counts[i]) || (!answer && i >= events->len - n_extra))
        {
          bind_event (self->insert_event, event);
          ok = step_done (self, self->insert_event, error);
        }
    }
  return ok;
}

/* Rebuilds @card_id from its events in the file and @extra (events not yet
 * written, of this card): the answers that count in review_log, in replay
 * order, the others in the event table, the card's state the replay's.
 * The rows before the first change stay as they are, so that an undo at
 * the end of the log is a deletion at its end, and restores exactly the
 * state recorded before the answer; @recorded (a redone answer, or NULL)
 * keeps the states it was recorded with when it returns to where it was.
 * Inside a transaction; the cache is updated after the commit
 * (finish_rebuild()). */
static gboolean
rebuild_card (RhStore            *self,
              const RhScheduler  *scheduler,
              const char         *card_id,
              const RhReview     *extra,
              guint               n_extra,
              const RhReview     *recorded,
              GArray             *rebuilt,
              GError            **error)
{
  g_autoptr(GArray) events = g_array_new (FALSE, TRUE, sizeof (RhReview));
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (RhReview));
  RhReplay replay;
  Rebuilt item = { 0 };
  guint keep;
  gboolean ok;

  g_array_set_clear_func (events, (GDestroyNotify)rh_review_clear);
  g_array_set_clear_func (rows, (GDestroyNotify)rh_review_clear);
  if (!read_card (self, card_id, rows, events, error))
    return FALSE;
  for (guint i = 0; i < n_extra; i++)
    {
      RhReview event = extra[i];

      event.card_id = g_strdup (extra[i].card_id);
      g_array_append_val (events, event);
    }

  rh_replay_init (&replay);
  keep = replay_card (self, scheduler, card_id, rows, events, recorded, &replay);
  item.card.state = replay.state;
  /* Never answered (or all of it undone): one new state, whatever the way
   * there, so that two computers agree to the last field. */
  if (is_pristine (&item.card.state))
    rh_card_state_init_new (&item.card.state, 0);
  item.card.suspended = replay.has_suspend ? replay.suspended : is_suspended (self, card_id);
  ok = write_card (self, card_id, rows, keep, events, n_extra, &replay, error) &&
       write_state (self, card_id, &item.card.state, item.card.suspended, error);
  rh_replay_clear (&replay);
  if (ok && rebuilt != NULL)
    {
      item.card_id = g_strdup (card_id);
      g_array_append_val (rebuilt, item);
    }
  return ok;
}

/* Starts a transaction that rebuilds cards. */
static gboolean
begin_rebuild (RhStore  *self,
               GError  **error)
{
  self->min_deleted_id = 0;
  return begin (self, error);
}

/* After the COMMIT of rebuilt cards: the cache, and whether the log
 * changed other than at its end (rh_store_get_generation()). */
static void
finish_rebuild (RhStore *self,
                GArray  *rebuilt)
{
  for (guint i = 0; i < rebuilt->len; i++)
    {
      const Rebuilt *item = &g_array_index (rebuilt, Rebuilt, i);

      cache_state (self, item->card_id, &item->card.state, item->card.suspended);
    }
  if (self->min_deleted_id > 0)
    {
      int max_id = 0;

      if (query_int (self->db, "SELECT ifnull (max (id), 0) FROM review_log;", &max_id) != SQLITE_OK ||
          self->min_deleted_id < max_id)
        self->generation++;
    }
}

/* Appends this computer's event @event (uid given here) for its card,
 * and rebuilds the card. */
static gboolean
add_own_event (RhStore            *self,
               const RhScheduler  *scheduler,
               RhReview           *event,
               const RhReview     *recorded,
               GArray             *rebuilt,
               GError            **error)
{
  give_id (self, &event->uid);
  return rebuild_card (self, scheduler, event->card_id, event, 1, recorded, rebuilt, error);
}

/* Records an answer (a grade, practice answer or reset) of this computer
 * that goes before the card's latest one (which another computer dated in
 * the future): the card is replayed with it in its place.  @review's
 * after-state becomes the card's state.  A new answer ends what could be
 * redone. */
gboolean
rh_store_add_answer (RhStore            *self,
                     const RhScheduler  *scheduler,
                     RhReview           *review,
                     GError            **error)
{
  g_autoptr(GArray) rebuilt = rebuilt_new ();

  g_return_val_if_fail (RH_IS_STORE (self), FALSE);
  g_return_val_if_fail (scheduler != NULL && review != NULL && review->card_id != NULL, FALSE);
  g_return_val_if_fail (RH_REVIEW_KIND_IS_ANSWER (review->kind), FALSE);

  if (!begin_rebuild (self, error))
    return FALSE;
  if (!add_own_event (self, scheduler, review, NULL, rebuilt, error) || !clear_redo (self, error))
    {
      self->next_seq--;
      return rollback (self);
    }
  if (!commit (self, error))
    {
      self->next_seq--;
      return FALSE;
    }
  finish_rebuild (self, rebuilt);
  for (guint i = 0; i < rebuilt->len; i++)
    review->after = g_array_index (rebuilt, Rebuilt, i).card.state;
  self->n_undone = 0;
  self->has_log = TRUE;
  g_signal_emit (self, signals[CHANGED], 0, review->card_id);
  return TRUE;
}

gboolean
rh_store_can_undo (RhStore *self)
{
  g_return_val_if_fail (RH_IS_STORE (self), FALSE);
  return self->has_log && self->n_undone < RH_STORE_UNDO_DEPTH;
}

gboolean
rh_store_can_redo (RhStore *self)
{
  g_return_val_if_fail (RH_IS_STORE (self), FALSE);
  return self->n_undone > 0;
}

/* Undo and redo: @select finds the answer (this computer's latest that
 * counts, or the last undone); an undo or redo event aims at it, and the
 * card is replayed.  An undone answer waits on the redo stack; a redone
 * one comes back with the states it was recorded with, where nothing else
 * changed.  FALSE with no error when there is nothing to move. */
static gboolean
move_in_log (RhStore            *self,
             const RhScheduler  *scheduler,
             gboolean            undo,
             gint64              now,
             RhReview           *moved,
             GError            **error)
{
  sqlite3_stmt *select = undo ? self->last_log : self->first_undone;
  g_autoptr(GArray) rebuilt = rebuilt_new ();
  RhReview answer = { 0 };
  RhReview event = { 0 };
  gboolean ok;
  int rc;

  if (!begin_rebuild (self, error))
    return FALSE;
  if (undo)
    sqlite3_bind_int64 (select, 1, (gint64)self->device);
  rc = sqlite3_step (select);
  if (rc == SQLITE_ROW)
    read_review (select, &answer);
  sqlite3_reset (select);
  if (rc != SQLITE_ROW)
    {
      rollback (self);
      return rc == SQLITE_DONE ? FALSE : fail (self, rc, error);
    }

  event.card_id = answer.card_id;
  event.reviewed_at = now;
  event.kind = undo ? RH_REVIEW_UNDO : RH_REVIEW_REDO;
  event.target = answer.uid;
  if (undo)
    {
      bind_review (self->insert_undone, &answer);
      ok = step_done (self, self->insert_undone, error);
    }
  else
    {
      sqlite3_bind_int64 (self->delete_undone, 1, answer.id);
      ok = step_done (self, self->delete_undone, error);
    }
  ok = ok && add_own_event (self, scheduler, &event, undo ? NULL : &answer, rebuilt, error);
  if (!ok || !commit (self, error))
    {
      self->next_seq--;
      rh_review_clear (&answer);
      return ok ? FALSE : rollback (self);
    }
  finish_rebuild (self, rebuilt);
  self->n_undone += undo ? 1 : -1;
  /* A redone answer: what the card has now (a merge since may have
   * changed what followed it). */
  if (!undo)
    for (guint i = 0; i < rebuilt->len; i++)
      answer.after = g_array_index (rebuilt, Rebuilt, i).card.state;
  g_signal_emit (self, signals[CHANGED], 0, answer.card_id);
  if (moved != NULL)
    *moved = answer;
  else
    rh_review_clear (&answer);
  return undo ? refresh_has_log (self, error) : (self->has_log = TRUE);
}

/* Undoes this computer's latest answer that counts (a grade, practice
 * answer or reset; never another computer's): the card gets back the state
 * recorded before it.  Fills @undone with it.  FALSE with no error when
 * there is nothing (more) to undo. */
gboolean
rh_store_undo (RhStore            *self,
               const RhScheduler  *scheduler,
               gint64              now,
               RhReview           *undone,
               GError            **error)
{
  g_return_val_if_fail (RH_IS_STORE (self), FALSE);
  g_return_val_if_fail (scheduler != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!rh_store_can_undo (self))
    return FALSE;
  if (move_in_log (self, scheduler, TRUE, now, undone, error))
    return TRUE;
  /* Nothing of ours left to undo. */
  if (error == NULL || *error == NULL)
    self->has_log = FALSE;
  return FALSE;
}

/* Applies again the answer undone last.  FALSE with no error when there
 * is nothing to redo. */
gboolean
rh_store_redo (RhStore            *self,
               const RhScheduler  *scheduler,
               gint64              now,
               RhReview           *redone,
               GError            **error)
{
  g_return_val_if_fail (RH_IS_STORE (self), FALSE);
  g_return_val_if_fail (scheduler != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->n_undone == 0)
    return FALSE;
  if (move_in_log (self, scheduler, FALSE, now, redone, error))
    return TRUE;
  if (error == NULL || *error == NULL)
    self->n_undone = 0;
  return FALSE;
}

static gboolean
latest_switch (RhStore     *self,
               const char  *card_id,
               gint64      *time,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!prepare (self, &stmt, "SELECT ifnull (max (reviewed_at), 0) FROM event "
                "WHERE card_id = ?1 AND kind IN ('suspend', 'unsuspend');", error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, card_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return fail (self, rc, error);
  *time = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Suspends the card or brings it back: an event of the log, so that other
 * computers follow. */
gboolean
rh_store_set_suspended (RhStore     *self,
                        const char  *card_id,
                        gboolean     suspended,
                        gint64       now,
                        GError     **error)
{
  const RhStoredCard *card;
  RhCardState state;
  RhReview event = { 0 };
  gint64 latest = 0;

  g_return_val_if_fail (RH_IS_STORE (self), FALSE);
  g_return_val_if_fail (card_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  card = find_card (self, card_id);
  if (card != NULL)
    state = card->state;
  else
    rh_card_state_init_new (&state, 0);
  if ((card != NULL && card->suspended) == !!suspended)
    return TRUE;

  event.card_id = (char *)card_id;
  event.kind = suspended ? RH_REVIEW_SUSPEND : RH_REVIEW_UNSUSPEND;
  if (!begin (self, error))
    return FALSE;
  /* The latest suspend or unsuspend decides (rh-replay.c): this one is
   * dated after any other the card has, even one another computer dated
   * far ahead (a wrong clock), so that what the learner chose now holds.
   * Its time changes no schedule. */
  if (!latest_switch (self, card_id, &latest, error))
    return rollback (self);
  event.reviewed_at = MAX (now, latest + 1);
  give_id (self, &event.uid);
  bind_event (self->insert_event, &event);
  if (!step_done (self, self->insert_event, error) ||
      !write_state (self, card_id, &state, suspended, error))
    {
      self->next_seq--;
      return rollback (self);
    }
  if (!commit (self, error))
    {
      self->next_seq--;
      return FALSE;
    }
  cache_state (self, card_id, &state, suspended);
  g_signal_emit (self, signals[CHANGED], 0, card_id);
  return TRUE;
}


/* --- Merging, and reading the log out -------------------------------------- */

typedef struct {
  guint64 known_max;   /* the highest sequence number of the device in the file */
} DeviceMark;

static gboolean
same_kind_class (RhReviewKind a,
                 RhReviewKind b)
{
  /* A grade's kind is what the card was when graded; a replay after a
   * merge can name it otherwise. */
  gboolean grade_a = a == RH_REVIEW_LEARN || a == RH_REVIEW_REVIEW || a == RH_REVIEW_RELEARN;
  gboolean grade_b = b == RH_REVIEW_LEARN || b == RH_REVIEW_REVIEW || b == RH_REVIEW_RELEARN;

  return a == b || (grade_a && grade_b);
}

/* Two events with one review id: the same event? */
static gboolean
same_event (const RhReview *a,
            const RhReview *b)
{
  gboolean targeted = a->kind == RH_REVIEW_UNDO || a->kind == RH_REVIEW_REDO;

  return g_strcmp0 (a->card_id, b->card_id) == 0 && a->reviewed_at == b->reviewed_at &&
         a->rating == b->rating && a->duration_ms == b->duration_ms && same_kind_class (a->kind, b->kind) &&
         (!targeted || rh_review_id_compare (&a->target, &b->target) == 0);
}

static gboolean
conflict (const RhReview  *event,
          GError         **error)
{
  char text[RH_REVIEW_ID_LENGTH + 1];

  rh_review_id_format (&event->uid, text);
  g_set_error (error, RH_STORE_ERROR, RH_STORE_ERROR_CONFLICT,
               _("review id %s was already recorded for a different event"), text);
  return FALSE;
}

/* Whether the file has @event's review id: *known, and FALSE with an error
 * when it has it for another event. */
static gboolean
lookup_event (RhStore         *self,
              const RhReview  *event,
              gboolean        *known,
              GError         **error)
{
  sqlite3_stmt *probes[] = { self->log_has_uid, self->event_has_uid };

  *known = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (probes) && !*known; i++)
    {
      sqlite3_stmt *probe = probes[i];
      gboolean same = TRUE;
      int rc;

      sqlite3_bind_int64 (probe, 1, (gint64)event->uid.device);
      sqlite3_bind_int64 (probe, 2, (gint64)event->uid.seq);
      rc = sqlite3_step (probe);
      if (rc == SQLITE_ROW)
        {
          RhReview stored = { 0 };

          *known = TRUE;
          stored.card_id = (char *)sqlite3_column_text (probe, 0);
          stored.reviewed_at = sqlite3_column_int64 (probe, 1);
          stored.rating = sqlite3_column_int (probe, 2);
          stored.kind = kind_from_name ((const char *)sqlite3_column_text (probe, 3));
          stored.duration_ms = sqlite3_column_int (probe, 4);
          stored.target.device = (guint64)sqlite3_column_int64 (probe, 5);
          stored.target.seq = (guint64)sqlite3_column_int64 (probe, 6);
          same = same_event (&stored, event);
        }
      sqlite3_reset (probe);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return fail (self, rc, error);
      if (!same)
        return conflict (event, error);
    }
  return TRUE;
}

/* The events of a merge, sorted out: which are new, by card. */
typedef struct {
  GHashTable *marks;     /* device -> DeviceMark */
  GHashTable *seen;      /* RhReviewId -> its RhReview: the new ones so far */
  GHashTable *by_card;   /* card id -> GArray of RhReview (shallow copies) */
  GPtrArray  *cards;     /* the card ids, in order of first appearance */
  RhMergeCounts counts;
} Sorting;

static void
sorting_init (Sorting *sorting)
{
  memset (sorting, 0, sizeof *sorting);
  sorting->marks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sorting->seen = g_hash_table_new (rh_review_id_hash, rh_review_id_equal);
  sorting->by_card = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)g_array_unref);
  sorting->cards = g_ptr_array_new ();
}

static void
sorting_clear (Sorting *sorting)
{
  g_clear_pointer (&sorting->marks, g_hash_table_unref);
  g_clear_pointer (&sorting->seen, g_hash_table_unref);
  g_clear_pointer (&sorting->by_card, g_hash_table_unref);
  g_clear_pointer (&sorting->cards, g_ptr_array_unref);
}

/* Whether @event is new to the file (and to the events before it). */
static gboolean
sort_event (RhStore         *self,
            Sorting         *sorting,
            const RhReview  *event,
            gboolean        *is_new,
            GError         **error)
{
  DeviceMark *mark = g_hash_table_lookup (sorting->marks, &event->uid.device);
  const RhReview *first;
  gboolean known = FALSE;
  GArray *extra;

  if (mark == NULL)
    {
      gint64 *key = g_new (gint64, 1);

      mark = g_new0 (DeviceMark, 1);
      *key = (gint64)event->uid.device;
      g_hash_table_insert (sorting->marks, key, mark);
      if (!device_high_water (self, event->uid.device, &mark->known_max, error))
        return FALSE;
    }
  /* Twice in one merge: the log is a set, if it is the same event. */
  first = g_hash_table_lookup (sorting->seen, &event->uid);
  if (first != NULL && !same_event (first, event))
    return conflict (event, error);
  if (first != NULL)
    known = TRUE;
  else if (event->uid.seq <= mark->known_max && !lookup_event (self, event, &known, error))
    return FALSE;
  /* This computer's own events come from this file and nowhere else: one
   * it does not have is not its own (a hostile or mistaken file), and
   * would take review ids it is still to give. */
  if (!known && event->uid.device == self->device)
    {
      char text[RH_REVIEW_ID_LENGTH + 1];

      rh_review_id_format (&event->uid, text);
      g_set_error (error, RH_STORE_ERROR, RH_STORE_ERROR_CONFLICT,
                   _("review id %s claims to be of this computer, which never recorded it"), text);
      return FALSE;
    }
  *is_new = !known;
  if (known)
    {
      sorting->counts.n_known++;
      return TRUE;
    }
  g_hash_table_insert (sorting->seen, (gpointer)&event->uid, (gpointer)event);
  extra = g_hash_table_lookup (sorting->by_card, event->card_id);
  if (extra == NULL)
    {
      extra = g_array_new (FALSE, FALSE, sizeof (RhReview));
      g_hash_table_insert (sorting->by_card, event->card_id, extra);
      g_ptr_array_add (sorting->cards, event->card_id);
    }
  g_array_append_val (extra, *event);
  sorting->counts.n_new++;
  return TRUE;
}

/* Merges @events (each valid, any order, some maybe known) into the log in
 * one transaction: the new ones are added, the cards they touch replayed.
 * @local: they go to this computer's file in a sync folder too (an import;
 * not what was read from another computer's file).  On a review id the
 * file already has for another event, nothing is written and the error
 * says which: *failed_index is that event. */
static gboolean
merge_events (RhStore            *self,
              const RhScheduler  *scheduler,
              const RhReview     *events,
              guint               n_events,
              gboolean            local,
              RhMergeCounts      *counts,
              guint              *failed_index,
              GError            **error)
{
  g_autoptr(GArray) rebuilt = rebuilt_new ();
  Sorting sorting;
  RhMergeCounts result;
  gboolean ok = TRUE;

  if (!begin_rebuild (self, error))
    return FALSE;
  sorting_init (&sorting);
  for (guint i = 0; ok && i < n_events; i++)
    {
      gboolean is_new = FALSE;

      ok = sort_event (self, &sorting, &events[i], &is_new, error);
      if (!ok && failed_index != NULL)
        *failed_index = i;
      if (ok && is_new && local)
        ok = add_to_outbox (self, &events[i].uid, error);
    }
  for (guint i = 0; ok && i < sorting.cards->len; i++)
    {
      GArray *extra = g_hash_table_lookup (sorting.by_card, g_ptr_array_index (sorting.cards, i));

      ok = rebuild_card (self, scheduler, g_ptr_array_index (sorting.cards, i),
                         (const RhReview *)extra->data, extra->len, NULL, rebuilt, error);
    }
  sorting.counts.n_cards = sorting.cards->len;
  result = sorting.counts;
  sorting_clear (&sorting);
  ok = ok && (result.n_new == 0 || clear_redo (self, error));
  if (!ok)
    return rollback (self);
  if (!commit (self, error))
    return FALSE;

  finish_rebuild (self, rebuilt);
  if (counts != NULL)
    *counts = result;
  if (rebuilt->len > 0)
    {
      /* Merged answers land in the log out of time order. */
      self->generation++;
      self->n_undone = 0;
      if (!refresh_has_log (self, error))
        return FALSE;
      g_signal_emit (self, signals[CHANGED], 0, NULL);
    }
  return TRUE;
}

gboolean
rh_store_merge (RhStore            *self,
                const RhScheduler  *scheduler,
                const RhReview     *events,
                guint               n_events,
                gboolean            local,
                RhMergeCounts      *counts,
                guint              *failed_index,
                GError            **error)
{
  gboolean large = n_events > LARGE_MERGE;
  gboolean ok;

  g_return_val_if_fail (RH_IS_STORE (self), FALSE);
  g_return_val_if_fail (scheduler != NULL, FALSE);
  g_return_val_if_fail (events != NULL || n_events == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A big merge writes pages of every index all over the file: a page
   * cache that holds them saves reading them again and again.  Given back
   * after, whatever the outcome. */
  if (large)
    exec (self, "PRAGMA cache_size = -262144;", NULL);
  ok = merge_events (self, scheduler, events, n_events, local, counts, failed_index, error);
  if (large)
    {
      exec (self, "PRAGMA cache_size = -2000;", NULL);
      sqlite3_db_release_memory (self->db);
    }
  return ok;
}

/* Replays the cards a migration found out of order (see migrate_to_3), so
 * that every card's state is the replay of its log.  Once. */
gboolean
rh_store_rebuild_pending (RhStore            *self,
                          const RhScheduler  *scheduler,
                          GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) rebuilt = rebuilt_new ();
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func (g_free);
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (RH_IS_STORE (self), FALSE);
  g_return_val_if_fail (scheduler != NULL, FALSE);

  if (!prepare (self, &stmt, "SELECT card_id FROM pending_rebuild;", error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (cards, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    return fail (self, rc, error);
  if (cards->len == 0)
    return TRUE;

  if (!begin_rebuild (self, error))
    return FALSE;
  for (guint i = 0; ok && i < cards->len; i++)
    ok = rebuild_card (self, scheduler, g_ptr_array_index (cards, i), NULL, 0, NULL, rebuilt, error);
  if (!ok || !exec (self, "DELETE FROM pending_rebuild;", error))
    return rollback (self);
  if (!commit (self, error))
    return FALSE;
  finish_rebuild (self, rebuilt);
  self->generation++;
  g_signal_emit (self, signals[CHANGED], 0, NULL);
  return TRUE;
}

/* Changes whenever the log changed other than by answers added at its end,
 * or removed from it: a copy of the log (the statistics') reads it again. */
guint64
rh_store_get_generation (RhStore *self)
{
  g_return_val_if_fail (RH_IS_STORE (self), 0);
  return self->generation;
}

guint64
rh_store_get_device (RhStore *self)
{
  g_return_val_if_fail (RH_IS_STORE (self), 0);
  return self->device;
}

/* Calls @func for each row of an "events" query (EVENT_COLUMNS order),
 * until it returns FALSE. */
static gboolean
read_events (RhStore       *self,
             sqlite3_stmt  *stmt,
             RhEventFunc    func,
             gpointer       user_data,
             GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RhReview event;
      gboolean go_on;

      read_event (stmt, &event);
      go_on = func (&event, user_data);
      rh_review_clear (&event);
      if (!go_on)
        return TRUE;
    }
  return rc == SQLITE_DONE ? TRUE : fail (self, rc, error);
}

#define LOG_AS_EVENTS "SELECT origin, seq, card_id, reviewed_at, rating, duration_ms, kind, 0, 0 FROM review_log"

static gboolean
read_own_after (RhStore      *self,
                guint64       after,
                guint64       last,
                RhEventFunc   func,
                gpointer      user_data,
                GError      **error)
{
  g_autoptr(sqlite3_stmt) own = NULL;

  if (!prepare (self, &own, LOG_AS_EVENTS " WHERE origin = ?1 AND seq > ?2 AND seq <= ?3 UNION ALL "
                "SELECT " EVENT_COLUMNS " FROM event WHERE origin = ?1 AND seq > ?2 AND seq <= ?3 "
                "ORDER BY 2;", error))
    return FALSE;
  sqlite3_bind_int64 (own, 1, (gint64)self->device);
  sqlite3_bind_int64 (own, 2, (gint64)after);
  sqlite3_bind_int64 (own, 3, (gint64)last);
  return read_events (self, own, func, user_data, error);
}

static gboolean
read_outbox (RhStore      *self,
             gint64        last,
             RhEventFunc   func,
             gpointer      user_data,
             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* Each half looks its events up by review id. */
  if (!prepare (self, &stmt,
                "SELECT origin, seq, card_id, reviewed_at, rating, duration_ms, kind, t_origin, t_seq FROM ("
                "  SELECT o.n AS n, r.origin AS origin, r.seq AS seq, r.card_id AS card_id,"
                "         r.reviewed_at AS reviewed_at, r.rating AS rating, r.duration_ms AS duration_ms,"
                "         r.kind AS kind, 0 AS t_origin, 0 AS t_seq"
                "  FROM outbox AS o JOIN review_log AS r ON r.origin = o.origin AND r.seq = o.seq"
                "  WHERE o.n <= ?1"
                "  UNION ALL"
                "  SELECT o.n, e.origin, e.seq, e.card_id, e.reviewed_at, e.rating, e.duration_ms,"
                "         e.kind, e.target_origin, e.target_seq"
                "  FROM outbox AS o JOIN event AS e ON e.origin = o.origin AND e.seq = o.seq"
                "  WHERE o.n <= ?1"
                ") ORDER BY n;", error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, last);
  return read_events (self, stmt, func, user_data, error);
}

/* How far this computer's events were written to its file in the sync
 * folder: they are not listed in the outbox, which holds only what was
 * imported (events of other computers' ids). */
static gboolean
read_synced_seq (RhStore   *self,
                 guint64   *seq,
                 GError   **error)
{
  g_autofree char *value = NULL;

  if (!read_meta (self, "synced_seq", &value, error))
    return FALSE;
  *seq = value != NULL ? g_ascii_strtoull (value, NULL, 10) : 0;
  return TRUE;
}

/* Calls @func for events of the log (until it returns FALSE):
 *  ALL     every event, in the order of their times, then review ids;
 *  OWN     every event this computer recorded, then every one waiting in
 *          the outbox (a new file in a sync folder);
 *  OUTBOX  what is still to be written: this computer's events not yet
 *          written, then the outbox.
 * @mark, when not NULL, says how far that went: what
 * rh_store_clear_outbox() marks as written. */
gboolean
rh_store_read_events (RhStore          *self,
                      RhStoreEvents     which,
                      RhEventFunc       func,
                      gpointer          user_data,
                      RhOutboxMark     *mark,
                      GError          **error)
{
  g_autoptr(sqlite3_stmt) end = NULL;
  RhOutboxMark upto = { G_MAXINT64, G_MAXINT64 };
  guint64 synced = 0;
  int rc;

  g_return_val_if_fail (RH_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  /* One read transaction: the mark and the events agree. */
  if (!exec (self, "BEGIN;", error))
    return FALSE;
  if (which != RH_STORE_EVENTS_ALL)
    {
      if (!prepare (self, &end, "SELECT ifnull (max (n), 0) FROM outbox;", error))
        goto failed;
      rc = sqlite3_step (end);
      if (rc != SQLITE_ROW)
        {
          fail (self, rc, error);
          goto failed;
        }
      upto.n = sqlite3_column_int64 (end, 0);
      upto.seq = (gint64)self->next_seq - 1;
      if (mark != NULL)
        *mark = upto;
      if (which == RH_STORE_EVENTS_OUTBOX && !read_synced_seq (self, &synced, error))
        goto failed;
    }

  if (which == RH_STORE_EVENTS_ALL)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      if (!prepare (self, &stmt, LOG_AS_EVENTS " UNION ALL SELECT " EVENT_COLUMNS " FROM event "
                    "ORDER BY 4, 1, 2;", error) ||
          !read_events (self, stmt, func, user_data, error))
        goto failed;
    }
  else if (!read_own_after (self, synced, (guint64)upto.seq, func, user_data, error) ||
           !read_outbox (self, upto.n, func, user_data, error))
    goto failed;
  return exec (self, "COMMIT;", error);

failed:
  sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
  return FALSE;
}

/* What rh_store_read_events() went through, up to @mark, was written to
 * the sync folder. */
gboolean
rh_store_clear_outbox (RhStore             *self,
                       const RhOutboxMark  *mark,
                       GError             **error)
{
  g_autoptr(sqlite3_stmt) clear = NULL;
  g_autoptr(sqlite3_stmt) synced = NULL;

  g_return_val_if_fail (RH_IS_STORE (self), FALSE);
  g_return_val_if_fail (mark != NULL, FALSE);

  if (!begin (self, error))
    return FALSE;
  if (!prepare (self, &clear, "DELETE FROM outbox WHERE n <= ?1;", error) ||
      !prepare (self, &synced, "INSERT OR REPLACE INTO meta (key, value) VALUES ('synced_seq', ?1);", error))
    return rollback (self);
  sqlite3_bind_int64 (clear, 1, mark->n);
  sqlite3_bind_int64 (synced, 1, mark->seq);
  if (!step_done (self, clear, error) || !step_done (self, synced, error))
    return rollback (self);
  return commit (self, error);
}

/* How far another computer's file in the sync folder was read. */
gboolean
rh_store_get_sync_mark (RhStore     *self,
                        const char  *name,
                        RhSyncMark  *mark,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RH_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL && mark != NULL, FALSE);

  memset (mark, 0, sizeof *mark);
  if (!prepare (self, &stmt, "SELECT inode, size, mtime, offset, lines FROM sync_file WHERE name = ?1;", error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      mark->inode = (guint64)sqlite3_column_int64 (stmt, 0);
      mark->size = sqlite3_column_int64 (stmt, 1);
      mark->mtime = sqlite3_column_int64 (stmt, 2);
      mark->offset = sqlite3_column_int64 (stmt, 3);
      mark->lines = (guint)sqlite3_column_int64 (stmt, 4);
      return TRUE;
    }
  return rc == SQLITE_DONE ? TRUE : fail (self, rc, error);
}

gboolean
rh_store_set_sync_mark (RhStore           *self,
                        const char        *name,
                        const RhSyncMark  *mark,
                        GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (RH_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL && mark != NULL, FALSE);

  if (!begin (self, error))
    return FALSE;
  if (!prepare (self, &stmt, "INSERT OR REPLACE INTO sync_file (name, inode, size, mtime, offset, lines) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6);", error))
    return rollback (self);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, (gint64)mark->inode);
  sqlite3_bind_int64 (stmt, 3, mark->size);
  sqlite3_bind_int64 (stmt, 4, mark->mtime);
  sqlite3_bind_int64 (stmt, 5, mark->offset);
  sqlite3_bind_int64 (stmt, 6, mark->lines);
  if (!step_done (self, stmt, error))
    return rollback (self);
  return commit (self, error);
}

/* Makes the card new again, keeping its history; the reset is logged (and
 * can be undone) like a grade.  Fills @reset when not NULL. */
gboolean
rh_store_reset_card (RhStore     *self,
                     const RhScheduler *scheduler,
                     const char  *card_id,
                     gint64       now,
                     RhReview    *reset,
                     GError     **error)
{
  const RhStoredCard *card;
  RhReview review = { 0 };
  gboolean before_latest = FALSE;
  gboolean ok;

  g_return_val_if_fail (RH_IS_STORE (self), FALSE);
  g_return_val_if_fail (card_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  card = find_card (self, card_id);
  if (card == NULL || is_pristine (&card->state))
    return TRUE;   /* already new */

  review.card_id = g_strdup (card_id);
  review.reviewed_at = rh_store_answer_time (self, card_id, now, &before_latest);
  review.rating = 0;
  review.kind = RH_REVIEW_RESET;
  review.before = card->state;
  rh_card_state_init_new (&review.after, now);
  review.after.due = 0;
  /* Before an answer dated far ahead: in its place, by a replay. */
  if (before_latest)
    ok = rh_store_add_answer (self, scheduler, &review, error);
  else
    ok = rh_store_record (self, &review, error);
  if (ok && reset != NULL)
    *reset = review;
  else
    rh_review_clear (&review);
  return ok;
}

/* The card's log entries, oldest first: a GArray of RhReview (clear
 * function set). */
GArray *
rh_store_get_history (RhStore     *self,
                      const char  *card_id,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) history = NULL;
  int rc;

  g_return_val_if_fail (RH_IS_STORE (self), NULL);
  g_return_val_if_fail (card_id != NULL, NULL);

  if (!prepare (self, &stmt, "SELECT " LOG_COLUMNS " FROM review_log WHERE card_id = ?1 ORDER BY id;", error))
    return NULL;
  sqlite3_bind_text (stmt, 1, card_id, -1, SQLITE_STATIC);
  history = g_array_new (FALSE, TRUE, sizeof (RhReview));
  g_array_set_clear_func (history, (GDestroyNotify)rh_review_clear);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RhReview review = { 0 };

      read_review (stmt, &review);
      g_array_append_val (history, review);
    }
  if (rc != SQLITE_DONE)
    {
      fail (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&history);
}

/* What the daily limits count in [@since, @until) (a study day): cards seen
 * for the first time, and reviews of cards in review; and every answer,
 * practice included.  Bounded at both ends,
 * so reviews dated in the future (a clock that was wrong) do not use up
 * today's limits. */
gboolean
rh_store_count_between (RhStore  *self,
                        gint64    since,
                        gint64    until,
                        guint    *new_cards,
                        guint    *reviews,
                        guint    *answers,
                        GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RH_IS_STORE (self), FALSE);

  if (!prepare (self, &stmt,
                "SELECT count(DISTINCT CASE WHEN kind = 'learn' AND reps_before = 0 THEN card_id END),"
                "       count(CASE WHEN kind = 'review' THEN 1 END),"
                "       count(CASE WHEN kind != 'reset' THEN 1 END) "
                "FROM review_log WHERE reviewed_at >= ?1 AND reviewed_at < ?2;", error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, since);
  sqlite3_bind_int64 (stmt, 2, until);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return fail (self, rc, error);
  if (new_cards != NULL)
    *new_cards = (guint)sqlite3_column_int (stmt, 0);
  if (reviews != NULL)
    *reviews = (guint)sqlite3_column_int (stmt, 1);
  if (answers != NULL)
    *answers = (guint)sqlite3_column_int (stmt, 2);
  return TRUE;
}

/* Whether anything was ever graded (or reset) in this file. */
gboolean
rh_store_has_history (RhStore *self)
{
  g_return_val_if_fail (RH_IS_STORE (self), FALSE);
  return self->has_log || g_hash_table_size (self->cards) > 0;
}

/* Calls @func for every log entry with an id above @after_id, in id order
 * (the order they were recorded in): the statistics' one pass. */
gboolean
rh_store_read_log (RhStore   *self,
                   gint64     after_id,
                   void     (*func) (const RhLogEntry *entry,
                                     gpointer          user_data),
                   gpointer   user_data,
                   GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RH_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!prepare (self, &stmt,
                "SELECT " LOG_ENTRY_COLUMNS " FROM review_log WHERE id > ?1 ORDER BY id;", error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, after_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RhLogEntry entry;

      read_log_entry (stmt, &entry);
      func (&entry, user_data);
    }
  return rc == SQLITE_DONE ? TRUE : fail (self, rc, error);
}

/* The log entry @id (its card_id left NULL); FALSE without an error when
 * there is none.  How a cached copy of the log checks its newest entries. */
gboolean
rh_store_get_log_entry (RhStore     *self,
                        gint64       id,
                        RhLogEntry  *entry,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RH_IS_STORE (self), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  if (!prepare (self, &stmt,
                "SELECT " LOG_ENTRY_COLUMNS " FROM review_log WHERE id = ?1;", error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      read_log_entry (stmt, entry);
      entry->card_id = NULL;   /* the row goes with the statement */
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    fail (self, rc, error);
  return FALSE;
}

/* The free name beside @path that rh_store_move_aside() would use:
 * "rehearse.db.damaged-2026-11-23-213000". */
char *
rh_store_aside_path (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
  char *target = NULL;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);

  for (guint n = 0; target == NULL || g_lstat (target, &st) == 0; n++)
    {
      g_free (target);
      target = n == 0 ? g_strdup_printf ("%s.damaged-%s", path, stamp)
                      : g_strdup_printf ("%s.damaged-%s-%u", path, stamp, n);
    }
  return target;
}

/* Renames @from to @to unless @to exists, even as a dangling link. */
static gboolean
rename_no_replace (const char  *from,
                   const char  *to,
                   GError     **error)
{
  if (renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
    return TRUE;
  {
    int saved = errno;

    g_set_error (error, RH_STORE_ERROR, RH_STORE_ERROR_IO,
                 _("Rehearse cannot rename “%s” to “%s”: %s. Nothing was changed."), from, to,
                 saved == EEXIST ? _("a file of that name exists") : g_strerror (saved));
    return FALSE;
  }
}

/* Renames a database the app cannot use, and the files SQLite keeps beside
 * it, to @target (from rh_store_aside_path(), the name the user was shown),
 * so a fresh one can be started and nothing is lost.  Never replaces a file:
 * refuses, changing nothing, if any of the new names is taken. */
gboolean
rh_store_move_aside (const char  *path,
                     const char  *target,
                     GError     **error)
{
  const char *suffixes[] = { "-wal", "-shm", "-journal" };
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  for (guint i = 0; i <= G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *to = g_strconcat (target, i > 0 ? suffixes[i - 1] : "", NULL);

      if (g_lstat (to, &st) == 0)
        {
          g_set_error (error, RH_STORE_ERROR, RH_STORE_ERROR_IO,
                       _("Rehearse cannot rename “%s” to “%s”: a file of that name exists. Nothing was changed."),
                       path, to);
          return FALSE;
        }
    }
  if (!rename_no_replace (path, target, error))
    return FALSE;
  /* The log belongs to the old file: left behind, SQLite could apply it to
   * the fresh one, or delete it. */
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);
      g_autoptr(GError) local_error = NULL;

      if (g_lstat (from, &st) == 0 && !rename_no_replace (from, to, &local_error))
        g_warning ("%s", local_error->message);
    }
  return TRUE;
}

/* --- A file put in place whole ---------------------------------------------- */

/* For a file just put in place whole, after the caller checked all of it
 * (a restored backup: integrity_check on the copy, then renamed over
 * @path): records it as this app records a clean close, so that opening it
 * runs the quick check in a thread instead of the whole check at once, on
 * the main thread, again.  Takes the lock for the moment: refuses while a
 * store has the file open. */
gboolean
rh_store_mark_checked (const char  *path,
                       GError     **error)
{
  g_autoptr(RhStore) self = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  self = g_object_new (RH_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  if (!take_lock (self, error))
    return FALSE;
  self->opened = TRUE;
  write_close_marker (self);
  return TRUE;
}

/* Whether the file open in @db has every table and column a store of
 * @version reads (a file can pass integrity_check with a table dropped):
 * FALSE with the statement's message in @problem. */
gboolean
rh_store_check_tables (sqlite3  *db,
                       int       version,
                       char    **problem)
{
  static const struct { int since; const char *sql; } probes[] = {
    { 1, "SELECT card_id, " STATE_COLUMNS ("") ", suspended FROM card_state LIMIT 0;" },
    { 1, "SELECT " LOG_ENTRY_COLUMNS ", " STATE_COLUMNS ("_after") " FROM review_log LIMIT 0;" },
    { 2, "SELECT " LOG_ENTRY_COLUMNS " FROM undone_review LIMIT 0;" },
    { 3, "SELECT origin, seq FROM review_log LIMIT 0;" },
    { 3, "SELECT origin, seq FROM undone_review LIMIT 0;" },
    { 3, "SELECT key, value FROM meta LIMIT 0;" },
    { 3, "SELECT " EVENT_COLUMNS " FROM event LIMIT 0;" },
    { 3, "SELECT n, origin, seq FROM outbox LIMIT 0;" },
    { 3, "SELECT name, inode, size, mtime, offset, lines FROM sync_file LIMIT 0;" },
    { 3, "SELECT card_id FROM pending_rebuild LIMIT 0;" },
    { 4, "SELECT " INTERVIEW_COLUMNS " FROM interview LIMIT 0;" },
    { 4, "SELECT interview_id, " ANSWER_COLUMNS " FROM interview_answer LIMIT 0;" },
    { 4, "SELECT interview_id, position, area, text, covered FROM interview_area LIMIT 0;" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      if (probes[i].since > version)
        continue;
      if (sqlite3_prepare_v2 (db, probes[i].sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          *problem = g_strdup (sqlite3_errmsg (db));
          return FALSE;
        }
    }
  return TRUE;
}

/* --- Mock interviews ------------------------------------------------------- */

static gboolean
insert_areas (RhStore                 *self,
              gint64                   id,
              guint                    position,
              const RhInterviewAnswer *answer,
              GError                 **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!prepare (self, &stmt, "INSERT INTO interview_area (interview_id, position, area, text, covered) "
                "VALUES (?1, ?2, ?3, ?4, ?5);", error))
    return FALSE;
  for (guint i = 0; i < answer->areas->len; i++)
    {
      const RhInterviewArea *area = &g_array_index (answer->areas, RhInterviewArea, i);

      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, (int)position);
      sqlite3_bind_int (stmt, 3, (int)i);
      sqlite3_bind_text (stmt, 4, area->text, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 5, area->covered ? 1 : 0);
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_answers (RhStore                  *self,
                gint64                    id,
                const RhInterviewRecord  *record,
                GError                  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!prepare (self, &stmt, "INSERT INTO interview_answer (interview_id, " ANSWER_COLUMNS ") "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14);", error))
    return FALSE;
  for (guint i = 0; i < rh_interview_record_get_n_answers (record); i++)
    {
      const RhInterviewAnswer *answer = rh_interview_record_get_answer (record, i);

      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, (int)i);
      sqlite3_bind_text (stmt, 3, answer->card_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, answer->topic_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, answer->topic_title != NULL ? answer->topic_title : answer->topic_id, -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, answer->title, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, answer->question, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 8, MAX (answer->time_used_ms, 0));
      sqlite3_bind_int (stmt, 9, answer->timed_out ? 1 : 0);
      sqlite3_bind_int (stmt, 10, answer->rating);
      sqlite3_bind_int (stmt, 11, answer->counted ? 1 : 0);
      sqlite3_bind_text (stmt, 12, answer->follow_up, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 13, answer->follow_up_rating);
      sqlite3_bind_text (stmt, 14, answer->notes != NULL ? answer->notes : "", -1, SQLITE_STATIC);
      if (!step_done (self, stmt, error) || !insert_areas (self, id, i, answer, error))
        return FALSE;
    }
  return TRUE;
}

/* Keeps a finished interview, its answers and their rubrics, in one
 * transaction; @record gets its id. */
gboolean
rh_store_add_interview (RhStore            *self,
                        RhInterviewRecord  *record,
                        GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *topics = NULL;
  gint64 id;

  g_return_val_if_fail (RH_IS_STORE (self), FALSE);
  g_return_val_if_fail (record != NULL && record->id == 0, FALSE);

  topics = g_strjoinv ("\n", record->topics);
  if (!begin (self, error))
    return FALSE;
  if (!prepare (self, &stmt, "INSERT INTO interview (started_at, finished_at, seed, seconds_per_question, "
                "follow_ups, counts_as_reviews, topics) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7);", error))
    return rollback (self);
  sqlite3_bind_int64 (stmt, 1, record->started_at);
  sqlite3_bind_int64 (stmt, 2, record->finished_at);
  sqlite3_bind_int64 (stmt, 3, record->seed);
  sqlite3_bind_int (stmt, 4, record->seconds_per_question);
  sqlite3_bind_int (stmt, 5, record->follow_ups ? 1 : 0);
  sqlite3_bind_int (stmt, 6, record->counts_as_reviews ? 1 : 0);
  sqlite3_bind_text (stmt, 7, topics, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
    return rollback (self);
  id = sqlite3_last_insert_rowid (self->db);
  if (!insert_answers (self, id, record, error))
    return rollback (self);
  if (!commit (self, error))
    return FALSE;
  record->id = id;
  return TRUE;
}

/* Every interview kept, oldest first: a GArray of RhInterviewSummary. */
GArray *
rh_store_list_interviews (RhStore  *self,
                          GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) list = g_array_new (FALSE, TRUE, sizeof (RhInterviewSummary));
  int rc;

  g_return_val_if_fail (RH_IS_STORE (self), NULL);

  if (!prepare (self, &stmt,
                "SELECT i.id, i.started_at,"
                "  (SELECT count(*) FROM interview_answer a WHERE a.interview_id = i.id),"
                "  (SELECT ifnull (sum (covered), 0) FROM interview_area r WHERE r.interview_id = i.id),"
                "  (SELECT count(*) FROM interview_area r WHERE r.interview_id = i.id) "
                "FROM interview i ORDER BY i.started_at, i.id;", error))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RhInterviewSummary summary = {
        .id = sqlite3_column_int64 (stmt, 0),
        .started_at = sqlite3_column_int64 (stmt, 1),
        .n_questions = (guint)sqlite3_column_int (stmt, 2),
        .areas_covered = (guint)sqlite3_column_int (stmt, 3),
        .areas_total = (guint)sqlite3_column_int (stmt, 4),
      };

      g_array_append_val (list, summary);
    }
  if (rc != SQLITE_DONE)
    {
      fail (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

static int
read_interview (RhStore           *self,
                gint64             id,
                RhInterviewRecord *record)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "SELECT " INTERVIEW_COLUMNS " FROM interview WHERE id = ?1;",
                               -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return rc;
  record->id = sqlite3_column_int64 (stmt, 0);
  record->started_at = sqlite3_column_int64 (stmt, 1);
  record->finished_at = sqlite3_column_int64 (stmt, 2);
  record->seed = (guint32)sqlite3_column_int64 (stmt, 3);
  record->seconds_per_question = sqlite3_column_int (stmt, 4);
  record->follow_ups = sqlite3_column_int (stmt, 5) != 0;
  record->counts_as_reviews = sqlite3_column_int (stmt, 6) != 0;
  g_strfreev (record->topics);
  record->topics = g_strsplit ((const char *)sqlite3_column_text (stmt, 7), "\n", -1);
  return SQLITE_ROW;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

static int
read_answers (RhStore           *self,
              RhInterviewRecord *record)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "SELECT " ANSWER_COLUMNS " FROM interview_answer "
                               "WHERE interview_id = ?1 ORDER BY position;", -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, record->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RhInterviewAnswer *answer = rh_interview_record_add_answer (record);

      answer->card_id = column_dup (stmt, 1);
      answer->topic_id = column_dup (stmt, 2);
      answer->topic_title = column_dup (stmt, 3);
      answer->title = column_dup (stmt, 4);
      answer->question = column_dup (stmt, 5);
      answer->time_used_ms = sqlite3_column_int64 (stmt, 6);
      answer->timed_out = sqlite3_column_int (stmt, 7) != 0;
      answer->rating = sqlite3_column_int (stmt, 8);
      answer->counted = sqlite3_column_int (stmt, 9) != 0;
      answer->follow_up = column_dup (stmt, 10);
      answer->follow_up_rating = (RhFollowUpRating)CLAMP (sqlite3_column_int (stmt, 11), 0, 3);
      g_free (answer->notes);
      answer->notes = column_dup (stmt, 12);
    }
  return rc;
}

/* The rubrics go to the answers by their place in the list: positions are
 * 0.. without a gap, as rh_store_add_interview() wrote them. */
static int
read_areas (RhStore           *self,
            RhInterviewRecord *record)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "SELECT position, text, covered FROM interview_area "
                               "WHERE interview_id = ?1 ORDER BY position, area;", -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, record->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint position = (guint)sqlite3_column_int (stmt, 0);

      if (position < rh_interview_record_get_n_answers (record))
        rh_interview_answer_add_area (rh_interview_record_get_answer (record, position),
                                      (const char *)sqlite3_column_text (stmt, 1),
                                      sqlite3_column_int (stmt, 2) != 0);
    }
  return rc;
}

/* Reads the interview @id into @record (made with
 * rh_interview_record_init()); FALSE without an error when there is none. */
gboolean
rh_store_get_interview (RhStore            *self,
                        gint64              id,
                        RhInterviewRecord  *record,
                        GError            **error)
{
  int rc;

  g_return_val_if_fail (RH_IS_STORE (self), FALSE);
  g_return_val_if_fail (record != NULL && record->answers != NULL && record->answers->len == 0, FALSE);

  rc = read_interview (self, id, record);
  if (rc == SQLITE_DONE)
    return FALSE;
  if (rc == SQLITE_ROW)
    rc = read_answers (self, record);
  if (rc == SQLITE_DONE)
    rc = read_areas (self, record);
  return rc == SQLITE_DONE ? TRUE : fail (self, rc, error);
}

/* How often the key area @text of @card_id was missed in the interviews
 * kept, and how often it was asked. */
gboolean
rh_store_count_area_misses (RhStore     *self,
                            const char  *card_id,
                            const char  *text,
                            guint       *missed,
                            guint       *asked,
                            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RH_IS_STORE (self), FALSE);
  g_return_val_if_fail (card_id != NULL && text != NULL && missed != NULL && asked != NULL, FALSE);

  if (!prepare (self, &stmt,
                "SELECT count(*), ifnull (sum (1 - r.covered), 0) FROM interview_area r "
                "JOIN interview_answer a ON a.interview_id = r.interview_id AND a.position = r.position "
                "WHERE a.card_id = ?1 AND r.text = ?2;", error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, card_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return fail (self, rc, error);
  *asked = (guint)sqlite3_column_int (stmt, 0);
  *missed = (guint)sqlite3_column_int (stmt, 1);
  return TRUE;
}

/* Calls @func for each topic of each interview kept (the key areas of its
 * questions of that topic), oldest interview first: for the statistics. */
gboolean
rh_store_read_interview_parts (RhStore              *self,
                               RhInterviewPartFunc   func,
                               gpointer              user_data,
                               GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RH_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!prepare (self, &stmt,
                "SELECT i.id, i.started_at, a.topic_id, sum (r.covered), count(*) FROM interview i "
                "JOIN interview_answer a ON a.interview_id = i.id "
                "JOIN interview_area r ON r.interview_id = a.interview_id AND r.position = a.position "
                "GROUP BY i.id, a.topic_id ORDER BY i.started_at, i.id, a.topic_id;", error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RhInterviewPart part = {
        .interview_id = sqlite3_column_int64 (stmt, 0),
        .started_at = sqlite3_column_int64 (stmt, 1),
        .topic_id = (const char *)sqlite3_column_text (stmt, 2),
        .covered = (guint)sqlite3_column_int (stmt, 3),
        .total = (guint)sqlite3_column_int (stmt, 4),
      };

      func (&part, user_data);
    }
  return rc == SQLITE_DONE ? TRUE : fail (self, rc, error);
}

/* --- For the tests --------------------------------------------------------- */

gboolean
_rh_store_create_at_version (const char  *path,
                             int          version,
                             GError     **error)
{
  g_autoptr(RhStore) self = g_object_new (RH_TYPE_STORE, NULL);
  g_autofree char *set_id = g_strdup_printf ("PRAGMA application_id = %d;", APPLICATION_ID);
  int rc;

  g_return_val_if_fail (version >= 0 && version <= RH_STORE_SCHEMA_VERSION, FALSE);

  self->path = g_strdup (path);
  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    return fail (self, rc, error);
  if (version == 0)
    return TRUE;
  return exec (self, set_id, error) && migrate (self, 0, version, error);
}

void
_rh_store_set_max_page_count (RhStore *self,
                              int      pages)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %d;", pages);

  g_return_if_fail (RH_IS_STORE (self));
  sqlite3_exec (self->db, sql, NULL, NULL, NULL);
}
