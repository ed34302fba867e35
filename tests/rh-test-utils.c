/* rh-test-utils.c: what every test program shares
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rh-test-utils.h"

static char *test_root;

void
rh_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          rh_test_remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

static void
remove_test_root (void)
{
  if (test_root != NULL && g_getenv ("RH_TEST_KEEP") == NULL)
    rh_test_remove_tree (test_root);
  g_clear_pointer (&test_root, g_free);
}

const char *
rh_test_init_env (void)
{
  const char *dirs[][2] = {
    { "XDG_DATA_HOME", "data" },
    { "XDG_CONFIG_HOME", "config" },
    { "XDG_CACHE_HOME", "cache" },
  };
  g_autoptr(GError) error = NULL;

  if (test_root != NULL)
    return test_root;

  test_root = g_dir_make_tmp ("rehearse-test-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = g_build_filename (test_root, dirs[i][1], NULL);

      g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
      g_setenv (dirs[i][0], path, TRUE);
    }
  atexit (remove_test_root);
  return test_root;
}

char *
rh_test_make_dir (const char *name)
{
  char *path;

  rh_test_init_env ();
  path = g_build_filename (test_root, name, NULL);
  rh_test_remove_tree (path);
  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  return path;
}

gboolean
rh_test_wait_until (gboolean (*condition) (gpointer data),
                    gpointer   data,
                    guint      timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64)timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

void
rh_test_spin (guint ms)
{
  rh_test_wait_until (never, NULL, ms);
}

char *
rh_test_fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

void
rh_test_damage_wal_frame (const char *wal,
                          guint       frame)
{
  FILE *f = g_fopen (wal, "r+b");
  int c;

  g_assert_nonnull (f);
  g_assert_cmpint (fseek (f, 32 + (long)frame * (24 + 4096) + 24 + 100, SEEK_SET), ==, 0);
  c = fgetc (f);
  g_assert_cmpint (c, !=, EOF);
  g_assert_cmpint (fseek (f, -1, SEEK_CUR), ==, 0);
  fputc (c ^ 0x5A, f);
  g_assert_cmpint (fclose (f), ==, 0);
}

/* Starts the real program (REHEARSE_BIN) with its data in @home, waits
 * until its store is open (its WAL exists), sends @signal_number, and
 * checks that it ended with status 0 and closed the store cleanly (no WAL
 * left). */
void
rh_test_run_until_signal (const char *home,
                          int         signal_number)
{
  const char *binary = g_getenv ("REHEARSE_BIN");
  g_autofree char *wal = g_build_filename (home, "rehearse", "rehearse.db-wal", NULL);
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "XDG_DATA_HOME", home, TRUE);
  const char *argv[] = { binary, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid;
  int status = 0;
  gint64 deadline;

  g_assert_nonnull (binary);
  g_assert_true (g_spawn_async (NULL, (char **)argv, env, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  /* The store is open (so the handlers are in place) once its WAL exists. */
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!g_file_test (wal, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < deadline)
    g_usleep (20 * 1000);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  rh_test_spin (500);

  g_assert_cmpint (kill (pid, signal_number), ==, 0);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (waitpid (pid, &status, WNOHANG) == 0 && g_get_monotonic_time () < deadline)
    g_usleep (20 * 1000);
  g_spawn_close_pid (pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

/* One number from the database at @path, read on a connection of its own
 * (what is really in the file, not what a store has in memory). */
gint64
rh_test_db_int (const char *path,
                const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

typedef struct {
  void *pages;
  gsize size;
} Mapping;

static void
unmap (gpointer data)
{
  Mapping *mapping = data;

  munmap (mapping->pages, mapping->size);
  g_free (mapping);
}

/* A copy of @data whose last byte is the last before a page that cannot
 * be read: a parser that reads past the end crashes at once, with or
 * without a sanitizer. */
GBytes *
rh_test_bytes_before_guard (const void *data,
                            gsize       len)
{
  gsize page = (gsize)sysconf (_SC_PAGESIZE);
  gsize pages = (len + page - 1) / page + 1;
  Mapping *mapping = g_new0 (Mapping, 1);
  char *start;

  mapping->size = pages * page;
  mapping->pages = mmap (NULL, mapping->size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  g_assert_true (mapping->pages != MAP_FAILED);
  g_assert_cmpint (mprotect ((char *)mapping->pages + (pages - 1) * page, page, PROT_NONE), ==, 0);
  start = (char *)mapping->pages + (pages - 1) * page - len;
  memcpy (start, data, len);
  return g_bytes_new_with_free_func (start, len, unmap, mapping);
}
