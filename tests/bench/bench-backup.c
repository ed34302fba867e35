/* bench-backup.c: backing up, listing and restoring the 150 MB store
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-backup DIR      (DIR from gen-history: deck.xml, rehearse.db)
 *
 * A backup runs in a worker thread while the main loop goes on: each run
 * measures the backup's time and the longest gap between two ticks of a
 * 1 ms timeout on the main loop meanwhile (the same loop idle, without a
 * backup, is the baseline).  Then the first listing (every backup's reviews
 * counted), the whole check a restore candidate gets, and a restore, with
 * the main loop's longest gap while it runs.  The copies are written to
 * DIR/bench-backups and removed at the end.
 */
#include "config.h"

#include <fcntl.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bench-utils.h"
#include "rh-backups.h"

#define RUNS 3

typedef struct {
  gint64 last;              /* µs, the previous tick */
  gint64 longest;           /* µs, the longest gap so far */
  gboolean done;
} Loop;

static gboolean
tick_cb (gpointer data)
{
  Loop *loop = data;
  gint64 now = g_get_monotonic_time ();

  loop->longest = MAX (loop->longest, now - loop->last);
  loop->last = now;
  return G_SOURCE_CONTINUE;
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Loop *loop = data;
  g_autoptr(GError) error = NULL;

  if (RH_IS_BACKUPS (source))
    {
      g_autofree char *made = rh_backups_create_finish (RH_BACKUPS (source), result, &error);

      if (made == NULL)
        g_error ("no backup: %s", error != NULL ? error->message : "not due");
    }
  else if (!rh_collection_restore_backup_finish (RH_COLLECTION (source), result, NULL, &error))
    g_error ("no restore: %s", error->message);
  loop->done = TRUE;
}

/* Runs the main loop until @loop is done (or for @idle_ms when it is
 * already), ticking every millisecond; the longest gap, in ms. */
static double
run_loop (Loop  *loop,
          guint  idle_ms)
{
  guint id = g_timeout_add (1, tick_cb, loop);
  gint64 until = g_get_monotonic_time () + (gint64)idle_ms * 1000;

  loop->last = g_get_monotonic_time ();
  loop->longest = 0;
  while (!loop->done || g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  /* The result may come in the same dispatch as the last, longest piece
   * of work on this thread (GTask calls back at once then): counted too. */
  tick_cb (loop);
  return loop->longest / 1000.0;
}

static double
file_mib (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size / 1048576.0 : 0;
}

static void
remove_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      g_unlink (path);
    }
  g_rmdir (folder);
}

static void
bench_backups (RhBackups *backups,
               double     idle_stall)
{
  g_autoptr(GArray) t_backup = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stalls = g_array_new (FALSE, FALSE, sizeof (double));

  for (int i = 0; i < RUNS; i++)
    {
      Loop loop = { 0 };
      double t0 = bench_now (), stall, dt;

      rh_backups_create_async (backups, RH_BACKUPS_NOW, NULL, done_cb, &loop);
      stall = run_loop (&loop, 0);
      dt = bench_now () - t0;
      g_array_append_val (t_backup, dt);
      g_array_append_val (stalls, stall);
    }
  g_print ("%-40s median %8.2f s    (%d runs: copy, fsync, integrity_check, rename)\n",
           "a backup, in a worker thread", bench_median (t_backup), RUNS);
  g_print ("%-40s max    %8.1f ms   (the main loop idle: %.1f ms)\n",
           "longest main-loop gap during a backup", bench_quantile (stalls, 1.0), idle_stall);
}

/* Drops the files in @folder from the page cache, as after a reboot: the
 * first listing reads them from the disk. */
static void
evict (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      int fd = open (path, O_RDONLY | O_CLOEXEC);

      if (fd < 0)
        continue;
      fdatasync (fd);
      posix_fadvise (fd, 0, 0, POSIX_FADV_DONTNEED);
      close (fd);
    }
}

static void
bench_listing (const char *db_path,
               const char *folder,
               RhClock    *clock)
{
  g_autoptr(RhBackups) fresh = rh_backups_new (db_path, folder, clock);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  double t0 = bench_now (), t_list, t_again, t_check;
  g_autoptr(RhBackupInfo) checked = NULL;

  evict (folder);
  t0 = bench_now ();
  list = rh_backups_list (fresh, &error);
  if (list == NULL)
    g_error ("%s", error->message);
  t_list = bench_now () - t0;
  g_clear_pointer (&list, g_ptr_array_unref);
  t0 = bench_now ();
  list = rh_backups_list (fresh, NULL);
  t_again = bench_now () - t0;
  g_print ("%-40s %8.0f ms   (%u backups of %.0f MiB, not in the page cache, each counted once: %.0f ms "
           "each; listed again: %.1f ms)\n", "first listing, reviews counted", t_list * 1e3, list->len,
           file_mib (((RhBackupInfo *)list->pdata[0])->path), t_list * 1e3 / MAX (list->len, 1), t_again * 1e3);
  t0 = bench_now ();
  checked = rh_backups_check (fresh, ((RhBackupInfo *)list->pdata[0])->path, &error);
  t_check = bench_now () - t0;
  if (checked == NULL)
    g_error ("%s", error->message);
  g_print ("%-40s %8.2f s    (%" G_GINT64_FORMAT " reviews; what a restore candidate gets)\n",
           "the whole check of one backup", t_check, checked->n_reviews);
}

static void
bench_restore (RhCollection *collection,
               const char   *backup,
               double        idle_stall)
{
  Loop loop = { 0 };
  double t0 = bench_now (), stall;

  rh_collection_restore_backup_async (collection, backup, NULL, done_cb, &loop);
  stall = run_loop (&loop, 0);
  g_print ("%-40s %8.2f s    (backed up first; longest main-loop gap %.0f ms, idle %.1f ms)\n",
           "a restore", bench_now () - t0, stall, idle_stall);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db_path = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *own_folder = NULL;
  gboolean had_own_folder;
  g_autoptr(RhDeck) deck = NULL;
  g_autoptr(RhCollection) collection = NULL;
  g_autoptr(RhBackups) backups = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *oldest = NULL;
  Loop idle = { .done = TRUE };
  double idle_stall;

  if (argc != 2)
    {
      g_printerr ("usage: bench-backup DIR   (made by gen-history)\n");
      return 2;
    }
  deck = bench_load_collection_deck (argv[1]);
  db_path = g_build_filename (argv[1], "rehearse.db", NULL);
  folder = g_build_filename (argv[1], "bench-backups", NULL);
  own_folder = g_build_filename (argv[1], "backups", NULL);
  had_own_folder = g_file_test (own_folder, G_FILE_TEST_EXISTS);
  remove_folder (folder);
  collection = bench_collection_new (deck, db_path);
  backups = rh_backups_new (db_path, folder, rh_collection_get_clock (collection));
  g_print ("the store: %.0f MiB\n", file_mib (db_path));

  idle_stall = run_loop (&idle, 1000);
  bench_backups (backups, idle_stall);
  bench_listing (db_path, folder, rh_collection_get_clock (collection));

  /* The restore works on the collection's own backups folder: pointed at
   * this one for the run. */
  list = rh_backups_list (backups, NULL);
  oldest = g_strdup (((RhBackupInfo *)list->pdata[list->len - 1])->path);
  bench_restore (collection, oldest, idle_stall);

  g_clear_object (&collection);
  remove_folder (folder);
  /* The backup made before the restore, beside the store: gone again,
   * unless the folder was there before (then it is left as it is). */
  if (!had_own_folder)
    remove_folder (own_folder);
  return 0;
}
