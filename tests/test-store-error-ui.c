/* test-store-error-ui.c: a damaged database at start-up, as the user meets it
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dialog names the file and offers to quit or to move it aside under
 * the name it shows; moving it keeps every byte, and studying then works.
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rh-application.h"
#include "rh-scheduler.h"
#include "rh-store.h"
#include "rh-study-view-private.h"
#include "rh-test-gtk.h"
#include "rh-test-utils.h"
#include "rh-window.h"

static RhApplication *app;

static void
close_app (RhWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  rh_test_spin (100);
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
}

static gboolean
dialog_shown (gpointer data)
{
  return rh_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static void
test_damaged_database (void)
{
  g_autofree char *path = rh_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  const char junk[] = "my notes, which are not a database at all, and must survive";
  AdwMessageDialog *dialog;
  RhWindow *window;
  RhStudyView *study;
  g_autofree char *aside = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *promised = NULL;
  g_autoptr(GDir) folder = NULL;
  const char *name;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, junk, -1, NULL));

  app = rh_test_app_new (NULL);

  g_application_activate (G_APPLICATION (app));
  g_assert_true (rh_test_wait_until (dialog_shown, NULL, 10000));
  dialog = ADW_MESSAGE_DIALOG (rh_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  window = RH_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  if (!RH_IS_WINDOW (window))
    window = RH_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  study = RH_STUDY_VIEW (rh_test_find_widget (GTK_WIDGET (window), RH_TYPE_STUDY_VIEW));
  g_assert_cmpstr (rh_study_view_get_page (study), ==, "error");
  g_assert_cmpstr (rh_study_view_get_status_icon (study), ==, "dialog-error-symbolic");
  g_assert_nonnull (rh_collection_get_store_error (rh_window_get_collection (window)));
  g_assert_null (rh_window_get_session (window));
  promised = g_strdup (rh_collection_get_aside_path (rh_window_get_collection (window)));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), promised));

  /* The dialog names the file and the name it will be moved to. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), path));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), ".damaged-"));
  g_assert_true (adw_message_dialog_has_response (dialog, "quit"));
  g_assert_true (adw_message_dialog_has_response (dialog, "move"));

  /* The dialog stays open a while: the name used is still the one shown. */
  rh_test_spin (1100);
  adw_message_dialog_response (dialog, "move");
  rh_test_spin (200);
  g_assert_true (g_file_test (promised, G_FILE_TEST_IS_REGULAR));

  /* The old file is beside the new one, byte for byte. */
  folder = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (folder)) != NULL)
    if (strstr (name, ".damaged-") != NULL && !g_str_has_suffix (name, "-wal") && !g_str_has_suffix (name, "-shm"))
      aside = g_build_filename (dir, name, NULL);
  g_assert_nonnull (aside);
  g_assert_true (g_file_get_contents (aside, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, junk);

  /* And studying works on the fresh file. */
  g_assert_nonnull (rh_window_get_session (window));
  g_assert_cmpstr (rh_study_view_get_page (study), !=, "error");

  close_app (window);
}

/* The file is in use by another Rehearse: nothing to move aside, only to
 * try again; once the other one is closed, Try Again opens it. */
static void
busy_database (void)
{
  g_autofree char *path = rh_store_default_path ();
  g_autoptr(GError) error = NULL;
  RhStore *other = rh_store_open (path, &error);
  AdwMessageDialog *dialog;
  RhWindow *window;
  RhStudyView *study;

  g_assert_no_error (error);
  app = rh_test_app_new (NULL);
  g_application_activate (G_APPLICATION (app));
  g_assert_true (rh_test_wait_until (dialog_shown, NULL, 10000));
  dialog = ADW_MESSAGE_DIALOG (rh_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  window = RH_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  study = RH_STUDY_VIEW (rh_test_find_widget (GTK_WIDGET (window), RH_TYPE_STUDY_VIEW));
  g_assert_cmpstr (rh_study_view_get_page (study), ==, "error");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "in use by another Rehearse"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), path));
  g_assert_false (adw_message_dialog_has_response (dialog, "move"));
  g_assert_true (adw_message_dialog_has_response (dialog, "retry"));

  /* Still in use: the same again. */
  adw_message_dialog_response (dialog, "retry");
  rh_test_spin (200);
  g_assert_null (rh_window_get_session (window));
  dialog = ADW_MESSAGE_DIALOG (rh_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);

  /* The other one closes: Try Again opens the file as it is. */
  g_object_unref (other);
  adw_message_dialog_response (dialog, "retry");
  rh_test_spin (200);
  g_assert_nonnull (rh_window_get_session (window));
  g_assert_cmpstr (rh_study_view_get_page (study), !=, "error");

  close_app (window);
}

/* Ten grades left in the write-ahead log by a process that ended without
 * closing the store, then one damaged byte in the log. */
static void
crash_with_damaged_wal (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  pid_t pid = fork ();
  int status = 0;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      RhSchedulerConfig config;
      RhScheduler *scheduler;
      RhStore *store = rh_store_open (path, NULL);

      rh_scheduler_config_init_default (&config);
      scheduler = rh_scheduler_new (&config);
      for (guint i = 0; store != NULL && i < 10; i++)
        {
          RhReview review = { 0 };

          review.card_id = g_strdup_printf ("python-interview/card-%u", i);
          review.reviewed_at = 1767225600 + i * 60;
          review.rating = RH_RATING_GOOD;
          rh_card_state_init_new (&review.before, review.reviewed_at);
          rh_scheduler_next (scheduler, &review.before, review.reviewed_at, RH_RATING_GOOD, 0, &review.after);
          if (!rh_store_record (store, &review, NULL))
            _exit (3);
          rh_review_clear (&review);
        }
      _exit (store != NULL ? 0 : 2);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  rh_test_damage_wal_frame (wal, 12);
}

/* Changes that would be lost without a word are named first; opening
 * without them is the learner's choice. */
static void
lost_changes (void)
{
  g_autofree char *path = rh_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  AdwMessageDialog *dialog;
  RhWindow *window;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  crash_with_damaged_wal (path);
  app = rh_test_app_new (NULL);
  g_application_activate (G_APPLICATION (app));
  g_assert_true (rh_test_wait_until (dialog_shown, NULL, 10000));
  dialog = ADW_MESSAGE_DIALOG (rh_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  window = RH_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "may be missing"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), ".damaged-"));
  g_assert_false (adw_message_dialog_has_response (dialog, "move"));
  g_assert_true (adw_message_dialog_has_response (dialog, "accept"));
  g_assert_null (rh_window_get_session (window));

  adw_message_dialog_response (dialog, "accept");
  rh_test_spin (200);
  g_assert_nonnull (rh_window_get_session (window));

  close_app (window);
}

/* Each in a process of its own, so its data folder is its own too. */
static void
test_busy_database (void)
{
  if (g_test_subprocess ())
    {
      busy_database ();
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_lost_changes (void)
{
  if (g_test_subprocess ())
    {
      lost_changes ();
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  rh_test_init_env ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/store-error-ui/damaged-database", test_damaged_database);
  g_test_add_func ("/store-error-ui/busy-database", test_busy_database);
  g_test_add_func ("/store-error-ui/lost-changes", test_lost_changes);
  return g_test_run ();
}
