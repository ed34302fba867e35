/* rh-sync.c: review history shared through a folder another program syncs
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rehearse has no server.  Each computer appends the events it records to
 * its own file in a folder that Syncthing, Nextcloud, Dropbox or a USB
 * stick carries, "rehearse-<device id>.log" in the progress format
 * (rh-progress-file.c), and reads every other file there: one writer per
 * file, so a sync engine never has two versions of a file to reconcile,
 * and merging is a union of events (rh_store_merge()), whatever order they
 * arrive in, as often as they arrive.
 *
 * What a sync folder can do, and what happens then:
 *  - a file still arriving: its last line has no newline yet; it is left
 *    until it is whole (the mark remembers how far the file was read);
 *  - conflict copies a sync engine makes ("… (conflicted copy …).log",
 *    ".sync-conflict-…"): other files like the rest, merged;
 *  - a file of a newer format version, or one that is damaged: refused
 *    with its name and line ("file-refused"), the others still merged;
 *  - the folder gone (a drive not mounted): "unavailable", studying goes
 *    on, and what was recorded meanwhile waits in the store (past the
 *    written mark, and in its outbox) until the folder is back.
 */
#define G_LOG_DOMAIN "rehearse-sync"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rh-collection-private.h"
#include "rh-progress-file.h"
#include "rh-sync.h"

/* Changes in the folder come in bursts (a sync engine writes a file in
 * pieces): one look once they settle. */
#define SETTLE_MS 1000
/* Own answers go out soon, but not one write per keypress. */
#define WRITE_DELAY_MS 2000
/* While the folder is missing, how often to look for it again. */
#define RETRY_SECONDS 60

struct _RhSync {
  GObject parent_instance;

  RhCollection *collection;
  char *folder;
  GFileMonitor *monitor;
  guint settle_source;
  guint write_source;
  guint retry_source;
  gboolean available;         /* the last run reached the folder */
  GHashTable *refused;        /* file name -> "size:mtime" reported, not again */
};

G_DEFINE_FINAL_TYPE (RhSync, rh_sync, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FOLDER,
  PROP_AVAILABLE,
  N_PROPS
};

enum {
  FILE_REFUSED,
  UNAVAILABLE,
  MERGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void     schedule_run (RhSync *self, guint delay_ms);
static gboolean remember_own (RhSync *self, const char *path, const char *name,
                              const RhSyncMark *stored, GError **error);
static gboolean retry_cb     (gpointer data);

/* --- This computer's file ---------------------------------------------------- */

static char *
own_name (RhSync *self)
{
  RhStore *store = _rh_collection_get_store (self->collection);

  return g_strdup_printf ("rehearse-%016" G_GINT64_MODIFIER "x.log", rh_store_get_device (store));
}

char *
rh_sync_get_own_path (RhSync *self)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (RH_IS_SYNC (self), NULL);
  if (self->folder == NULL || _rh_collection_get_store (self->collection) == NULL)
    return NULL;
  name = own_name (self);
  return g_build_filename (self->folder, name, NULL);
}

static gboolean
collect_event (const RhReview *event,
               gpointer        user_data)
{
  rh_progress_append (user_data, event);
  return TRUE;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length,
           const char  *path,
           GError     **error)
{
  while (length > 0)
    {
      gssize done = write (fd, data, length);

      if (done < 0 && errno == EINTR)
        continue;
      if (done < 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Cannot write “%s”: %s"), path, g_strerror (saved));
          return FALSE;
        }
      data += done;
      length -= (gsize)done;
    }
  if (fsync (fd) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Our file ends with a whole line: a write cut short (a crash, a full
 * disk) is cut off; we are its only writer.  FALSE (no error) when the
 * file does not start as a progress file and must be written anew. */
static gboolean
trim_partial_line (int          fd,
                   const char  *path,
                   gboolean    *usable,
                   GError     **error)
{
  struct stat st;
  char header[sizeof RH_PROGRESS_HEADER];
  char tail[4096];
  gint64 end;

  *usable = FALSE;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) ||
      (gsize)st.st_size < sizeof header ||
      pread (fd, header, sizeof header, 0) != (gssize)sizeof header ||
      memcmp (header, RH_PROGRESS_HEADER "\n", sizeof header) != 0)
    return TRUE;
  end = st.st_size;
  while (end > 0)
    {
      gint64 start = MAX (end - (gint64)sizeof tail, 0);
      gssize got = pread (fd, tail, (gsize)(end - start), start);

      if (got != end - start)
        break;
      for (gssize i = got - 1; i >= 0; i--)
        if (tail[i] == '\n')
          {
            gint64 whole = start + i + 1;

            if (whole < st.st_size && ftruncate (fd, whole) != 0)
              {
                int saved = errno;

                g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                             _("Cannot write “%s”: %s"), path, g_strerror (saved));
                return FALSE;
              }
            *usable = TRUE;
            return TRUE;
          }
      end = start;
    }
  return TRUE;
}

/* A new file: everything this computer recorded, and what waits in the
 * outbox; written beside and renamed into place, never seen half-made. */
static gboolean
write_whole_file (RhSync      *self,
                  const char  *path,
                  GError     **error)
{
  RhStore *store = _rh_collection_get_store (self->collection);
  g_autoptr(GString) text = g_string_new (RH_PROGRESS_HEADER "\n" RH_PROGRESS_COLUMNS "\n");
  RhOutboxMark mark;

  if (!rh_store_read_events (store, RH_STORE_EVENTS_OWN, collect_event, text, &mark, error) ||
      !g_file_set_contents_full (path, text->str, (gssize)text->len, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0644, error))
    return FALSE;
  return rh_store_clear_outbox (store, &mark, error);
}

/* Appends to our file what waits for it: our events not yet written, and
 * what was imported. */
static gboolean
write_own (RhSync  *self,
           GError **error)
{
  RhStore *store = _rh_collection_get_store (self->collection);
  g_autofree char *path = rh_sync_get_own_path (self);
  g_autofree char *name = own_name (self);
  g_autoptr(GString) text = g_string_new (NULL);
  RhOutboxMark written;
  RhSyncMark mark;
  gboolean usable = FALSE;
  gboolean ok;
  int fd;

  if (!rh_store_get_sync_mark (store, name, &mark, error))
    return FALSE;
  fd = g_open (path, O_RDWR | O_APPEND | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0);
  if (fd < 0 && errno != ENOENT)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  if (fd >= 0 && !trim_partial_line (fd, path, &usable, error))
    {
      close (fd);
      return FALSE;
    }
  /* Shorter than we left it, or another file: replaced by an older copy
   * (a sync engine going back, a restore): written whole again. */
  if (usable)
    {
      struct stat st;

      usable = fstat (fd, &st) == 0 &&
               (mark.inode == 0 || (mark.inode == (guint64)st.st_ino && st.st_size >= mark.size));
    }
  if (!usable)
    {
      if (fd >= 0)
        close (fd);
      ok = write_whole_file (self, path, error);
    }
  else
    {
      ok = rh_store_read_events (store, RH_STORE_EVENTS_OUTBOX, collect_event, text, &written, error) &&
           (text->len == 0 || write_all (fd, text->str, text->len, path, error));
      close (fd);
      /* Nothing written, nothing to mark: a look at the folder writes nothing. */
      ok = ok && (text->len == 0 || rh_store_clear_outbox (store, &written, error));
    }
  return ok && remember_own (self, path, name, &mark, error);
}

/* How our file was left: what tells a replaced one. */
static gboolean
remember_own (RhSync            *self,
              const char        *path,
              const char        *name,
              const RhSyncMark  *stored,
              GError           **error)
{
  RhStore *store = _rh_collection_get_store (self->collection);
  RhSyncMark mark = { 0 };
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return TRUE;
  mark.inode = (guint64)st.st_ino;
  mark.size = st.st_size;
  mark.mtime = (gint64)st.st_mtime * G_USEC_PER_SEC;
  mark.offset = st.st_size;
  /* Written only when it changed: a look at the folder writes nothing. */
  if (stored->inode == mark.inode && stored->size == mark.size && stored->mtime == mark.mtime)
    return TRUE;
  return rh_store_set_sync_mark (store, name, &mark, error);
}

/* --- Other computers' files --------------------------------------------------- */

static gboolean
is_log_name (const char *name)
{
  return g_str_has_prefix (name, "rehearse-") && g_str_has_suffix (name, ".log");
}

static char *
file_state (struct stat *st)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%ld",
                          (guint64)st->st_ino, (gint64)st->st_size, (gint64)st->st_mtime,
                          (long)st->st_mtim.tv_nsec);
}

/* Refused as it is now: not read again until it changes. */
static gboolean
is_refused (RhSync      *self,
            const char  *name,
            struct stat *st)
{
  g_autofree char *state = file_state (st);

  return g_strcmp0 (g_hash_table_lookup (self->refused, name), state) == 0;
}

/* Says that the file was refused; it is not read again (is_refused())
 * until it changes, so this is said once for each state of it. */
static void
refuse (RhSync     *self,
        const char *name,
        struct stat *st,
        GError     *error)
{
  g_hash_table_replace (self->refused, g_strdup (name), file_state (st));
  g_message ("%s", error->message);
  g_signal_emit (self, signals[FILE_REFUSED], 0, name, error);
}

/* Reads @fd from mark->offset, and merges what it holds; the mark moves
 * past what was merged. */
static gboolean
merge_from (RhSync      *self,
            int          fd,
            const char  *path,
            RhSyncMark  *mark,
            guint       *n_merged,
            GError     **error)
{
  g_autofree char *data = NULL;
  RhProgressBatch batch;
  RhMergeCounts counts = { 0 };
  gsize length = 0;
  gboolean ok;

  if ((mark->offset == 0 && !rh_progress_check_start (fd, path, error)) ||
      !rh_progress_read_fd (fd, mark->offset, RH_PROGRESS_MAX_FILE_SIZE, path, &data, &length, error))
    return FALSE;
  rh_progress_batch_init (&batch);
  ok = rh_progress_parse (data, length, mark->offset == 0, TRUE, path, mark->lines + 1, &batch, error) &&
       rh_collection_merge_batch (self->collection, &batch, path, FALSE, &counts, error);
  if (ok)
    {
      mark->offset += (gint64)batch.consumed;
      mark->lines += batch.n_lines;
      *n_merged += counts.n_new;
    }
  rh_progress_batch_clear (&batch);
  return ok;
}

/* Reads what is new in another computer's file and merges it. */
static gboolean
read_other (RhSync      *self,
            const char  *name,
            guint       *n_merged,
            GError     **error)
{
  RhStore *store = _rh_collection_get_store (self->collection);
  g_autofree char *path = g_build_filename (self->folder, name, NULL);
  g_autoptr(GError) problem = NULL;
  RhSyncMark mark;
  struct stat st;
  gint64 mtime;
  gboolean ok;
  int fd;

  if (!rh_store_get_sync_mark (store, name, &mark, error))
    return FALSE;
  fd = rh_progress_open (path, &problem);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      if (fd >= 0)
        close (fd);
      return TRUE;   /* gone meanwhile, or not a file: nothing of ours */
    }
  mtime = (gint64)st.st_mtime * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
  if (((guint64)st.st_ino == mark.inode && st.st_size == mark.size && mtime == mark.mtime) ||
      is_refused (self, name, &st))
    {
      close (fd);
      return TRUE;   /* unchanged since it was read, or refused as it is */
    }
  /* The same file grown: from where it was left.  Anything else (a new
   * file, one replaced or cut short): from the start; the merge skips what
   * it already has. */
  if ((guint64)st.st_ino != mark.inode || st.st_size < mark.offset)
    mark.offset = mark.lines = 0;
  ok = merge_from (self, fd, path, &mark, n_merged, &problem);
  /* Rewritten in place (a plain copy over it) with other lines before the
   * mark: once more, from the start. */
  if (!ok && mark.offset > 0 && problem->domain == RH_PROGRESS_ERROR)
    {
      g_clear_error (&problem);
      mark.offset = mark.lines = 0;
      ok = merge_from (self, fd, path, &mark, n_merged, &problem);
    }
  close (fd);
  if (!ok)
    {
      /* The store failing is an error of the run; a bad file is refused. */
      if (problem->domain == RH_STORE_ERROR && problem->code != RH_STORE_ERROR_CONFLICT)
        {
          g_propagate_error (error, g_steal_pointer (&problem));
          return FALSE;
        }
      refuse (self, name, &st, problem);
      return TRUE;
    }
  g_hash_table_remove (self->refused, name);
  mark.inode = (guint64)st.st_ino;
  mark.size = st.st_size;
  mark.mtime = mtime;
  return rh_store_set_sync_mark (store, name, &mark, error);
}

static gboolean
read_others (RhSync  *self,
             guint   *n_merged,
             GError **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autofree char *own = own_name (self);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  dir = g_dir_open (self->folder, 0, error);
  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (is_log_name (name) && strcmp (name, own) != 0)
      g_ptr_array_add (names, g_strdup (name));
  /* The same order on every run: a refusal is reported the same way. */
  g_ptr_array_sort (names, (GCompareFunc)g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    if (!read_other (self, g_ptr_array_index (names, i), n_merged, error))
      return FALSE;
  return TRUE;
}

/* --- Running ------------------------------------------------------------------ */

static gboolean
folder_exists (RhSync *self)
{
  GStatBuf st;

  return g_stat (self->folder, &st) == 0 && S_ISDIR (st.st_mode);
}

static void
set_available (RhSync   *self,
               gboolean  available,
               GError   *error)
{
  if (self->available == available)
    return;
  self->available = available;
  if (!available)
    g_signal_emit (self, signals[UNAVAILABLE], 0, error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVAILABLE]);
}

/* Writes what this computer recorded and merges what the others did, now.
 * With no folder set (or no store), nothing, and TRUE. */
gboolean
rh_sync_run (RhSync  *self,
             guint   *n_merged,
             GError **error)
{
  g_autoptr(GError) local_error = NULL;
  guint merged = 0;
  gboolean ok;

  g_return_val_if_fail (RH_IS_SYNC (self), FALSE);

  if (n_merged != NULL)
    *n_merged = 0;
  if (self->folder == NULL || _rh_collection_get_store (self->collection) == NULL)
    return TRUE;
  if (!folder_exists (self))
    {
      g_set_error (&local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The sync folder “%s” cannot be found. Studying goes on here; what you "
                     "study is shared once the folder is back."), self->folder);
      ok = FALSE;
    }
  else
    {
      g_autoptr(GError) read_error = NULL;

      /* What the others recorded comes in even when ours cannot go out (a
       * read-only folder, a full disk): it waits in the outbox. */
      ok = write_own (self, &local_error);
      if (!read_others (self, &merged, &read_error) && ok)
        {
          ok = FALSE;
          local_error = g_steal_pointer (&read_error);
        }
    }
  set_available (self, ok, local_error);
  if (merged > 0)
    g_signal_emit (self, signals[MERGED], 0, merged);
  if (n_merged != NULL)
    *n_merged = merged;
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      if (self->retry_source == 0)
        self->retry_source = g_timeout_add_seconds (RETRY_SECONDS, retry_cb, self);
      return FALSE;
    }
  return TRUE;
}

static gboolean
run_cb (gpointer data)
{
  RhSync *self = data;

  self->settle_source = 0;
  rh_sync_run (self, NULL, NULL);
  return G_SOURCE_REMOVE;
}

static void
schedule_run (RhSync *self,
              guint   delay_ms)
{
  if (self->settle_source == 0)
    self->settle_source = g_timeout_add (delay_ms, run_cb, self);
}

static void
folder_changed_cb (RhSync            *self,
                   GFile             *file,
                   GFile             *other,
                   GFileMonitorEvent  event)
{
  g_autofree char *name = g_file_get_basename (file);

  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED || name == NULL || !is_log_name (name))
    return;
  schedule_run (self, SETTLE_MS);
}

static gboolean
retry_cb (gpointer data)
{
  RhSync *self = data;

  self->retry_source = 0;
  rh_sync_run (self, NULL, NULL);
  return G_SOURCE_REMOVE;
}

/* Only our own file: what was just answered goes out. */
static gboolean
write_cb (gpointer data)
{
  RhSync *self = data;
  g_autoptr(GError) error = NULL;

  self->write_source = 0;
  if (self->folder == NULL || _rh_collection_get_store (self->collection) == NULL)
    return G_SOURCE_REMOVE;
  if (folder_exists (self) && write_own (self, &error))
    return G_SOURCE_REMOVE;
  /* The folder is gone, or refuses: a whole run says so, and retries. */
  rh_sync_run (self, NULL, NULL);
  return G_SOURCE_REMOVE;
}

static void
card_changed_cb (RhSync *self)
{
  if (self->folder != NULL && self->write_source == 0)
    self->write_source = g_timeout_add (WRITE_DELAY_MS, write_cb, self);
}

static void
prepare_study_cb (RhSync *self)
{
  rh_sync_run (self, NULL, NULL);
}

/* --- Object -------------------------------------------------------------------- */

static void
stop_watching (RhSync *self)
{
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_clear_handle_id (&self->settle_source, g_source_remove);
  g_clear_handle_id (&self->retry_source, g_source_remove);
}

static void
rh_sync_dispose (GObject *object)
{
  RhSync *self = RH_SYNC (object);

  /* What was answered last still goes out. */
  if (self->write_source != 0)
    {
      g_clear_handle_id (&self->write_source, g_source_remove);
      if (self->folder != NULL && _rh_collection_get_store (self->collection) != NULL)
        write_cb (self);
    }
  stop_watching (self);
  if (self->collection != NULL)
    g_signal_handlers_disconnect_by_data (self->collection, self);
  g_clear_object (&self->collection);
  G_OBJECT_CLASS (rh_sync_parent_class)->dispose (object);
}

static void
rh_sync_finalize (GObject *object)
{
  RhSync *self = RH_SYNC (object);

  g_free (self->folder);
  g_hash_table_unref (self->refused);
  G_OBJECT_CLASS (rh_sync_parent_class)->finalize (object);
}

static void
rh_sync_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  RhSync *self = RH_SYNC (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_string (value, self->folder);
      break;
    case PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_sync_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_FOLDER:
      rh_sync_set_folder (RH_SYNC (object), g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_sync_class_init (RhSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rh_sync_dispose;
  object_class->finalize = rh_sync_finalize;
  object_class->get_property = rh_sync_get_property;
  object_class->set_property = rh_sync_set_property;

  /* The folder shared with the other computers: a path; NULL or "" for
   * none. */
  properties[PROP_FOLDER] =
    g_param_spec_string ("folder", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the last look reached the folder. */
  properties[PROP_AVAILABLE] =
    g_param_spec_boolean ("available", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A file in the folder was not merged: its name, and the error (which
   * names the file, and the line). */
  signals[FILE_REFUSED] =
    g_signal_new ("file-refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_ERROR);
  /* The folder cannot be reached (said once, until it is back). */
  signals[UNAVAILABLE] =
    g_signal_new ("unavailable", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  /* Events from other computers were merged: how many. */
  signals[MERGED] =
    g_signal_new ("merged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
rh_sync_init (RhSync *self)
{
  self->available = TRUE;
  self->refused = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

RhSync *
rh_sync_new (RhCollection *collection)
{
  RhSync *self;

  g_return_val_if_fail (RH_IS_COLLECTION (collection), NULL);

  self = g_object_new (RH_TYPE_SYNC, NULL);
  self->collection = g_object_ref (collection);
  g_signal_connect_object (collection, "card-changed", G_CALLBACK (card_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (collection, "prepare-study", G_CALLBACK (prepare_study_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (collection, "store-opened", G_CALLBACK (prepare_study_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

const char *
rh_sync_get_folder (RhSync *self)
{
  g_return_val_if_fail (RH_IS_SYNC (self), NULL);
  return self->folder;
}

gboolean
rh_sync_is_available (RhSync *self)
{
  g_return_val_if_fail (RH_IS_SYNC (self), FALSE);
  return self->available;
}

/* Shares through @folder from now on (NULL or "": no longer), and runs
 * once at once. */
void
rh_sync_set_folder (RhSync     *self,
                    const char *folder)
{
  g_autoptr(GFile) file = NULL;

  g_return_if_fail (RH_IS_SYNC (self));

  if (folder != NULL && folder[0] == '\0')
    folder = NULL;
  if (g_strcmp0 (folder, self->folder) == 0)
    return;
  stop_watching (self);
  g_free (self->folder);
  self->folder = g_strdup (folder);
  g_hash_table_remove_all (self->refused);
  self->available = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER]);
  if (self->folder == NULL)
    return;

  file = g_file_new_for_path (self->folder);
  self->monitor = g_file_monitor_directory (file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->monitor != NULL)
    g_signal_connect_object (self->monitor, "changed", G_CALLBACK (folder_changed_cb), self,
                             G_CONNECT_SWAPPED);
  rh_sync_run (self, NULL, NULL);
}
