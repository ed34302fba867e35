/* test-store-crash.c: no committed grade is lost when the app is killed
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A child process grades in a loop and reports each grade on stdout as
 * soon as rh_store_record() returns.  The parent kills it with SIGKILL at
 * a random moment, 200 times over; after each kill the database passes
 * PRAGMA integrity_check and holds every grade the child reported.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "rh-autocleanups.h"
#include "rh-scheduler.h"
#include "rh-store.h"
#include "rh-test-utils.h"

#define KILLS 200

static const char *self_path;

static int
child_main (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStore) store = rh_store_open (db_path, &error);
  RhSchedulerConfig config;
  g_autoptr(RhScheduler) scheduler = NULL;
  GRand *rand = g_rand_new ();
  gint64 now = 1767225600 + (g_get_real_time () / G_USEC_PER_SEC) % 100000;

  if (store == NULL)
    {
      g_printerr ("child: %s\n", error->message);
      return 2;
    }
  rh_scheduler_config_init_default (&config);
  scheduler = rh_scheduler_new (&config);

  for (;;)
    {
      g_autofree char *card = g_strdup_printf ("crash/card-%d", g_rand_int_range (rand, 0, 500));
      const RhStoredCard *stored = rh_store_lookup (store, card);
      RhReview review = { 0 };
      char line[64];
      int len;

      now += g_rand_int_range (rand, 1, 7200);
      review.card_id = g_strdup (card);
      review.reviewed_at = now;
      review.rating = g_rand_int_range (rand, 1, 5);
      if (stored != NULL)
        review.before = stored->state;
      else
        rh_card_state_init_new (&review.before, now);
      review.kind = rh_review_kind_for (&review.before);
      rh_scheduler_next (scheduler, &review.before, now, review.rating,
                         rh_scheduler_fuzz_seed (card, review.before.reps), &review.after);
      if (!rh_store_record (store, &review, &error))
        {
          g_printerr ("child: %s\n", error->message);
          return 3;
        }
      /* Committed: tell the parent.  One short write() is atomic on a pipe. */
      len = g_snprintf (line, sizeof line, "%" G_GINT64_FORMAT "\n", review.id);
      if (write (STDOUT_FILENO, line, len) != len)
        return 4;
      rh_review_clear (&review);
    }
}

/* Reads what is in the pipe now, without waiting; TRUE at end of file. */
static gboolean
drain (int      fd,
       GString *buffer)
{
  char chunk[4096];

  for (;;)
    {
      ssize_t n = read (fd, chunk, sizeof chunk);

      if (n > 0)
        g_string_append_len (buffer, chunk, n);
      else if (n == 0)
        return TRUE;
      else
        return errno != EAGAIN && errno != EINTR;
    }
}

static void
test_kill_loop (void)
{
  g_autofree char *dir = rh_test_make_dir ("crash");
  g_autofree char *db_path = g_build_filename (dir, "rehearse.db", NULL);
  g_autoptr(GHashTable) reported = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint total_reported = 0;
  guint early_kills = 0;

  for (guint kill_no = 0; kill_no < KILLS; kill_no++)
    {
      g_autoptr(GString) buffer = g_string_new (NULL);
      g_auto(GStrv) lines = NULL;
      int fds[2];
      pid_t pid;
      int status;
      gint64 deadline;
      sqlite3 *db = NULL;
      g_autoptr(sqlite3_stmt) stmt = NULL;

      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          dup2 (fds[1], STDOUT_FILENO);
          close (fds[0]);
          close (fds[1]);
          execl (self_path, self_path, "--child", db_path, (char *)NULL);
          _exit (127);
        }
      close (fds[1]);
      fcntl (fds[0], F_SETFL, O_NONBLOCK);

      /* Kill at a random moment: during start-up, between grades, or in
       * the middle of a commit.  Every other time, only once the child has
       * reported a grade: on a busy machine start-up can take longer than
       * any delay, and the test must still test grading. */
      if (kill_no % 2 == 1)
        {
          deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
          while (strchr (buffer->str, '\n') == NULL && g_get_monotonic_time () < deadline)
            {
              drain (fds[0], buffer);
              g_usleep (200);
            }
        }
      deadline = g_get_monotonic_time () + g_test_rand_int_range (2000, 60000);
      while (g_get_monotonic_time () < deadline)
        {
          drain (fds[0], buffer);
          g_usleep (200);
        }
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      if (!WIFSIGNALED (status))
        g_error ("the child exited by itself (status %d) after kill %u", WEXITSTATUS (status), kill_no);
      fcntl (fds[0], F_SETFL, 0);
      while (!drain (fds[0], buffer))
        ;
      close (fds[0]);

      lines = g_strsplit (buffer->str, "\n", -1);
      for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
        {
          gint64 id = g_ascii_strtoll (lines[i], NULL, 10);

          g_array_append_val (ids, id);
          total_reported++;
        }

      /* Killed before it created the file: a valid outcome, and then
       * nothing can have been reported either. */
      if (!g_file_test (db_path, G_FILE_TEST_EXISTS))
        {
          g_assert_cmpuint (ids->len, ==, 0);
          early_kills++;
          continue;
        }

      /* The file is sound, and every grade reported so far is in it. */
      g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check;", -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "ok");
      g_clear_pointer (&stmt, sqlite3_finalize);

      g_hash_table_remove_all (reported);
      /* Killed before the first start-up got as far as creating the log:
       * then nothing can have been reported either. */
      if (sqlite3_prepare_v2 (db, "SELECT id FROM review_log;", -1, &stmt, NULL) != SQLITE_OK)
        {
          g_assert_cmpuint (ids->len, ==, 0);
          sqlite3_close (db);
          early_kills++;
          continue;
        }
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 *id = g_new (gint64, 1);

          *id = sqlite3_column_int64 (stmt, 0);
          g_hash_table_add (reported, id);
        }
      for (guint i = 0; i < ids->len; i++)
        if (!g_hash_table_contains (reported, &g_array_index (ids, gint64, i)))
          g_error ("after kill %u, grade %" G_GINT64_FORMAT " was reported committed but is not in the database",
                   kill_no, g_array_index (ids, gint64, i));
      g_clear_pointer (&stmt, sqlite3_finalize);
      sqlite3_close (db);
    }

  g_test_message ("%u kills (%u before the schema existed), %u grades reported and all found in the database",
                  KILLS, early_kills, total_reported);
  /* Half the kills wait for a reported grade: the test tested grading. */
  g_assert_cmpuint (total_reported, >=, KILLS / 2);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--child"))
    return child_main (argv[2]);

  self_path = argv[0];
  rh_test_init_env ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/crash/kill-loop", test_kill_loop);
  return g_test_run ();
}
