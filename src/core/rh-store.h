/* rh-store.h: card states and the review log, in one SQLite file
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rh-interview-record.h"
#include "rh-scheduler.h"

/* A connection, for rh_store_check_tables(): sqlite3.h need not be seen. */
typedef struct sqlite3 sqlite3;
#include "rh-types.h"

G_BEGIN_DECLS

#define RH_STORE_ERROR (rh_store_error_quark ())

typedef enum {
  RH_STORE_ERROR_NOT_A_DATABASE, /* not SQLite, or another program's database */
  RH_STORE_ERROR_CORRUPT,        /* damaged or truncated */
  RH_STORE_ERROR_TOO_NEW,        /* written by a newer Rehearse */
  RH_STORE_ERROR_READ_ONLY,      /* the file or its folder cannot be written */
  RH_STORE_ERROR_FULL,           /* no space left: the change was not saved */
  RH_STORE_ERROR_BUSY,           /* another program holds the database */
  RH_STORE_ERROR_IO,             /* the file cannot be opened or read */
  RH_STORE_ERROR_FAILED,         /* anything else SQLite reports */
  RH_STORE_ERROR_LOST_CHANGES,   /* its write-ahead log is damaged: changes may be missing */
  RH_STORE_ERROR_CONFLICT,       /* a merge brought a review id already used for another event */
} RhStoreError;

/* The schema version this build writes; older files are migrated. */
#define RH_STORE_SCHEMA_VERSION 4

/* How far ahead of now a card's latest answer may be and a new one still
 * go after it (seconds): the same second, a clock set back a little. */
#define RH_STORE_CLOCK_SLACK 120

/* How many grades in a row can be undone (Anki keeps 30). */
#define RH_STORE_UNDO_DEPTH 50

/* What the statistics read of each log entry: a narrow, fast row. */
typedef struct {
  gint64        id;
  const char   *card_id;       /* valid during the callback only */
  gint64        reviewed_at;
  int           rating;
  int           duration_ms;
  RhReviewKind  kind;
  RhCardStateKind state_before;
  gint64        last_review_before;
} RhLogEntry;

/* What a merge did. */
typedef struct {
  guint n_new;     /* events added */
  guint n_known;   /* events the log already had */
  guint n_cards;   /* cards replayed */
} RhMergeCounts;

typedef enum {
  RH_STORE_EVENTS_ALL,     /* every event, in time order */
  RH_STORE_EVENTS_OWN,     /* this computer's, then the outbox (what it imported) */
  RH_STORE_EVENTS_OUTBOX,  /* what waits to be written to the sync folder */
} RhStoreEvents;

/* Called for each event; its fields are valid during the call only.
 * FALSE stops. */
typedef gboolean (*RhEventFunc) (const RhReview *event,
                                 gpointer        user_data);

/* How far what waits for the sync folder was read: this computer's
 * events up to a sequence number, the outbox up to an entry. */
typedef struct {
  gint64 n;
  gint64 seq;
} RhOutboxMark;

/* How far a file in the sync folder was read, and what it was then. */
typedef struct {
  guint64 inode;
  gint64  size;
  gint64  mtime;    /* microseconds */
  gint64  offset;   /* bytes read and merged: whole lines... */
  guint   lines;    /* ...this many */
} RhSyncMark;

const char *rh_review_kind_to_string   (RhReviewKind  kind);
gboolean    rh_review_kind_from_string (const char   *name,
                                        gsize         len,
                                        RhReviewKind *kind);

#define RH_TYPE_STORE (rh_store_get_type ())

G_DECLARE_FINAL_TYPE (RhStore, rh_store, RH, STORE, GObject)

GQuark      rh_store_error_quark      (void);
char       *rh_store_default_path     (void);
typedef enum {
  RH_STORE_OPEN_DEFAULT = 0,
  RH_STORE_OPEN_ACCEPT_LOST_CHANGES = 1 << 0,  /* open although a damaged WAL loses changes */
  RH_STORE_OPEN_NEW_DEVICE = 1 << 1,           /* a restored copy: a new device id */
} RhStoreOpenFlags;

RhStore    *rh_store_open             (const char    *path,
                                       GError       **error);
RhStore    *rh_store_open_full        (const char    *path,
                                       RhStoreOpenFlags flags,
                                       GError       **error);
const char *rh_store_get_path         (RhStore       *self);
GHashTable *rh_store_get_cards        (RhStore       *self);
const RhStoredCard *rh_store_lookup   (RhStore       *self,
                                       const char    *card_id);
gboolean    rh_store_record           (RhStore       *self,
                                       RhReview      *review,
                                       GError       **error);
gboolean    rh_store_undo             (RhStore       *self,
                                       const RhScheduler *scheduler,
                                       gint64         now,
                                       RhReview      *undone,
                                       GError       **error);
gboolean    rh_store_redo             (RhStore       *self,
                                       const RhScheduler *scheduler,
                                       gint64         now,
                                       RhReview      *redone,
                                       GError       **error);
gint64      rh_store_answer_time      (RhStore       *self,
                                       const char    *card_id,
                                       gint64         now,
                                       gboolean      *before_latest);
gboolean    rh_store_add_answer       (RhStore       *self,
                                       const RhScheduler *scheduler,
                                       RhReview      *review,
                                       GError       **error);
gboolean    rh_store_import           (RhStore       *self,
                                       const RhReview *reviews,
                                       guint          n_reviews,
                                       GError       **error);
gboolean    rh_store_can_undo         (RhStore       *self);
gboolean    rh_store_can_redo         (RhStore       *self);
gboolean    rh_store_set_suspended    (RhStore       *self,
                                       const char    *card_id,
                                       gboolean       suspended,
                                       gint64         now,
                                       GError       **error);
gboolean    rh_store_reset_card       (RhStore       *self,
                                       const RhScheduler *scheduler,
                                       const char    *card_id,
                                       gint64         now,
                                       RhReview      *reset,
                                       GError       **error);
GArray     *rh_store_get_history      (RhStore       *self,
                                       const char    *card_id,
                                       GError       **error);
gboolean    rh_store_count_between    (RhStore       *self,
                                       gint64         since,
                                       gint64         until,
                                       guint         *new_cards,
                                       guint         *reviews,
                                       guint         *answers,
                                       GError       **error);
gboolean    rh_store_has_history      (RhStore       *self);
gboolean    rh_store_read_log         (RhStore       *self,
                                       gint64         after_id,
                                       void         (*func) (const RhLogEntry *entry,
                                                             gpointer          user_data),
                                       gpointer       user_data,
                                       GError       **error);
gboolean    rh_store_get_log_entry    (RhStore       *self,
                                       gint64         id,
                                       RhLogEntry    *entry,
                                       GError       **error);
gboolean    rh_store_merge            (RhStore       *self,
                                       const RhScheduler *scheduler,
                                       const RhReview *events,
                                       guint          n_events,
                                       gboolean       local,
                                       RhMergeCounts *counts,
                                       guint         *failed_index,
                                       GError       **error);
guint64     rh_store_get_generation   (RhStore       *self);
gboolean    rh_store_rebuild_pending  (RhStore       *self,
                                       const RhScheduler *scheduler,
                                       GError       **error);
guint64     rh_store_get_device       (RhStore       *self);
gboolean    rh_store_renew_device     (RhStore       *self,
                                       GError       **error);
gboolean    rh_store_read_events      (RhStore       *self,
                                       RhStoreEvents  which,
                                       RhEventFunc    func,
                                       gpointer       user_data,
                                       RhOutboxMark  *mark,
                                       GError       **error);
gboolean    rh_store_clear_outbox     (RhStore       *self,
                                       const RhOutboxMark *mark,
                                       GError       **error);
gboolean    rh_store_get_sync_mark    (RhStore       *self,
                                       const char    *name,
                                       RhSyncMark    *mark,
                                       GError       **error);
gboolean    rh_store_set_sync_mark    (RhStore       *self,
                                       const char    *name,
                                       const RhSyncMark *mark,
                                       GError       **error);
gboolean    rh_store_add_interview    (RhStore       *self,
                                       RhInterviewRecord *record,
                                       GError       **error);
GArray     *rh_store_list_interviews  (RhStore       *self,
                                       GError       **error);
gboolean    rh_store_get_interview    (RhStore       *self,
                                       gint64         id,
                                       RhInterviewRecord *record,
                                       GError       **error);
gboolean    rh_store_count_area_misses (RhStore      *self,
                                        const char   *card_id,
                                        const char   *text,
                                        guint        *missed,
                                        guint        *asked,
                                        GError      **error);
gboolean    rh_store_read_interview_parts (RhStore             *self,
                                           RhInterviewPartFunc  func,
                                           gpointer             user_data,
                                           GError             **error);
gboolean    rh_store_check_tables     (sqlite3       *db,
                                       int            version,
                                       char         **problem);
char       *rh_store_aside_path       (const char    *path);
gboolean    rh_store_move_aside       (const char    *path,
                                       const char    *target,
                                       GError       **error);
gboolean    rh_store_mark_checked     (const char    *path,
                                       GError       **error);

G_END_DECLS
