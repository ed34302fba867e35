/* rh-backups.h: copies of the study data, kept, thinned, checked, restored
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rh-clock.h"

G_BEGIN_DECLS

#define RH_BACKUPS_ERROR (rh_backups_error_quark ())

typedef enum {
  RH_BACKUPS_ERROR_NOT_A_FILE,      /* a folder, link, pipe or device where a database should be */
  RH_BACKUPS_ERROR_NOT_A_DATABASE,  /* not SQLite, or another program's database */
  RH_BACKUPS_ERROR_TOO_NEW,         /* written by a newer Rehearse */
  RH_BACKUPS_ERROR_DAMAGED,         /* its integrity check fails */
  RH_BACKUPS_ERROR_FULL,            /* no space left for the copy */
  RH_BACKUPS_ERROR_IO,              /* cannot be read or written; a folder that is a file */
  RH_BACKUPS_ERROR_IN_USE,          /* the study file itself */
  RH_BACKUPS_ERROR_CHANGED,         /* the study data changed while a restore was prepared */
  RH_BACKUPS_ERROR_UNAVAILABLE,     /* the study data cannot be replaced now */
} RhBackupsError;

/* At most one automatic backup in this many seconds. */
#define RH_BACKUPS_MIN_INTERVAL (30 * 60)

/* How many to keep beyond the last two days (which are all kept), newest
 * first: one a day, then one a week, then one a month (Anki's defaults). */
typedef struct {
  guint daily;
  guint weekly;
  guint monthly;
} RhBackupLimits;

#define RH_BACKUP_LIMITS_INIT { 12, 10, 9 }

/* One file in the backups folder, or one a user chose to restore. */
typedef struct {
  char   *path;
  gint64  time;        /* when it was made, from its name (Unix seconds); 0 if not ours */
  gint64  written;     /* when the file was last written (Unix µs): orders them; 0 if unknown */
  gint64  n_reviews;   /* rows in its review log; -1 when it could not be read */
  GError *error;       /* why it cannot be restored, or NULL */
} RhBackupInfo;

void rh_backup_info_free (RhBackupInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RhBackupInfo, rh_backup_info_free)

typedef enum {
  RH_BACKUPS_NOW = 0,
  RH_BACKUPS_IF_DUE = 1 << 0,   /* only after a change, and if none was made in RH_BACKUPS_MIN_INTERVAL */
} RhBackupsFlags;

#define RH_TYPE_BACKUPS (rh_backups_get_type ())

G_DECLARE_FINAL_TYPE (RhBackups, rh_backups, RH, BACKUPS, GObject)

GQuark        rh_backups_error_quark        (void);

RhBackups    *rh_backups_new                (const char          *store_path,
                                             const char          *folder,
                                             RhClock             *clock);
const char   *rh_backups_get_folder         (RhBackups           *self);
const char   *rh_backups_get_store_path     (RhBackups           *self);
void          rh_backups_mark_changed       (RhBackups           *self);

void          rh_backups_create_async       (RhBackups           *self,
                                             RhBackupsFlags       flags,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
char         *rh_backups_create_finish      (RhBackups           *self,
                                             GAsyncResult        *result,
                                             GError             **error);
char         *rh_backups_create             (RhBackups           *self,
                                             RhBackupsFlags       flags,
                                             GError             **error);
void          rh_backups_wait               (RhBackups           *self);

void          rh_backups_list_async         (RhBackups           *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GPtrArray    *rh_backups_list_finish        (RhBackups           *self,
                                             GAsyncResult        *result,
                                             GError             **error);
GPtrArray    *rh_backups_list               (RhBackups           *self,
                                             GError             **error);

void          rh_backups_find_restorable_async  (RhBackups           *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
RhBackupInfo *rh_backups_find_restorable_finish (RhBackups           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

void          rh_backups_check_async        (RhBackups           *self,
                                             const char          *path,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
RhBackupInfo *rh_backups_check_finish       (RhBackups           *self,
                                             GAsyncResult        *result,
                                             GError             **error);
RhBackupInfo *rh_backups_check              (RhBackups           *self,
                                             const char          *path,
                                             GError             **error);

void          rh_backups_prepare_restore_async  (RhBackups           *self,
                                                 const char          *path,
                                                 gboolean             back_up_first,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
char         *rh_backups_prepare_restore_finish (RhBackups           *self,
                                                 GAsyncResult        *result,
                                                 char               **pre_restore,
                                                 GError             **error);
char         *rh_backups_prepare_restore        (RhBackups           *self,
                                                 const char          *path,
                                                 gboolean             back_up_first,
                                                 char               **pre_restore,
                                                 GError             **error);

gboolean      rh_backups_parse_name         (const char          *name,
                                             GTimeZone           *timezone,
                                             gint64              *time,
                                             guint               *serial);
void          rh_backups_select_kept        (const gint64        *times,
                                             guint                n_times,
                                             gint64               now,
                                             GTimeZone           *timezone,
                                             const RhBackupLimits *limits,
                                             gboolean            *keep);

G_END_DECLS
