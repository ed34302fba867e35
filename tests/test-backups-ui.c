/* test-backups-ui.c: backups and restores as a user meets them
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real application, window and Preferences, driven through their
 * actions and dialogs: Back Up Now, Restore… with its confirmation, a file
 * refused with its name, the backup offered when the study file is
 * damaged, and the backup made when the program quits.  Each case runs in
 * a process of its own, with a data folder of its own.
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rh-backups-group.h"
#include "rh-preferences-window.h"
#include "rh-store.h"
#include "rh-study-view.h"
#include "rh-test-gtk.h"
#include "rh-test-utils.h"

#define NOW 1772452800   /* 2026-03-02 12:00 UTC */
#define WAIT_MS 30000

static gint64
count_reviews (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT count(*) FROM review_log;", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
grade (RhCollection *collection,
       guint         first,
       guint         n)
{
  guint n_cards;
  RhCard * const *cards = rh_deck_peek_cards (rh_collection_get_deck (collection), &n_cards);

  for (guint i = first; i < first + n; i++)
    {
      g_autoptr(GError) error = NULL;

      rh_collection_grade (collection, cards[i], RH_RATING_GOOD, 1000, FALSE, NULL, &error);
      g_assert_no_error (error);
    }
}

/* A label somewhere in @root whose text starts with @prefix. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *prefix)
{
  if (GTK_IS_LABEL (root) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (root)), prefix))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The Restore… buttons in @root, in order: one per backup shown. */
static void
collect_restore_buttons (GtkWidget *root,
                         GPtrArray *found)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)),
                                         "backups.restore") == 0)
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_restore_buttons (child, found);
}

typedef struct {
  GtkWidget *root;
  guint      n;
} Rows;

static gboolean
shows_rows (gpointer data)
{
  Rows *rows = data;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_restore_buttons (rows->root, buttons);
  return buttons->len == rows->n;
}

static gboolean
message_dialog_shown (gpointer data)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (rh_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  return dialog != NULL && g_strcmp0 (adw_message_dialog_get_heading (dialog), data) == 0;
}

static gboolean
no_preferences (gpointer data)
{
  return rh_test_find_toplevel (RH_TYPE_PREFERENCES_WINDOW) == NULL;
}

typedef struct {
  const char *path;
  gint64      n;
} Count;

static gboolean
holds (gpointer data)
{
  Count *count = data;

  return count_reviews (count->path) == count->n;
}

typedef struct {
  GtkWidget  *root;
  const char *prefix;
} Label;

static gboolean
has_label (gpointer data)
{
  Label *label = data;

  return find_label (label->root, label->prefix) != NULL;
}

static RhBackupsGroup *
open_backups (RhApplication *app)
{
  GtkWindow *preferences;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = rh_test_find_toplevel (RH_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  return RH_BACKUPS_GROUP (rh_test_find_widget (GTK_WIDGET (preferences), RH_TYPE_BACKUPS_GROUP));
}

/* Asks to restore @path from the list, checks what the confirmation says,
 * confirms, and waits until the store holds @expected reviews again. */
static void
restore_through_preferences (RhWindow       *window,
                             RhBackupsGroup *group,
                             const char     *path,
                             const char     *says,
                             gint64          expected)
{
  g_autofree char *store = rh_store_default_path ();
  AdwMessageDialog *dialog;
  Count count = { store, expected };
  Label toast = { GTK_WIDGET (window), "Restored the backup of" };

  gtk_widget_activate_action (GTK_WIDGET (group), "backups.restore", "s", path);
  g_assert_true (rh_test_wait_until (message_dialog_shown, (gpointer)"Restore This Backup?", WAIT_MS));
  dialog = ADW_MESSAGE_DIALOG (rh_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), says));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "backed up first"));
  adw_message_dialog_response (dialog, "restore");
  g_assert_true (rh_test_wait_until (holds, &count, WAIT_MS));
  g_assert_true (rh_test_wait_until (no_preferences, NULL, WAIT_MS));
  g_assert_true (rh_test_wait_until (has_label, &toast, WAIT_MS));
}

/* Back Up Now, study more, restore the backup through Preferences: the
 * newer grades are gone, the state before is itself listed, and restoring
 * it brings them back. */
static void
preferences_restore (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(RhClock) clock = rh_clock_new_fake (NOW, utc);
  g_autoptr(RhApplication) app = rh_test_app_new (clock);
  RhWindow *window = RH_WINDOW (rh_test_app_open (app));
  RhCollection *collection = rh_window_get_collection (window);
  RhBackups *backups = rh_collection_get_backups (collection);
  g_autofree char *store = rh_store_default_path ();
  g_autofree char *first = g_build_filename (rh_backups_get_folder (backups), "rehearse-2026-03-02-1200-00.db", NULL);
  g_autoptr(GPtrArray) list = NULL;
  guint n_cards;
  RhCard * const *cards = rh_deck_peek_cards (rh_collection_get_deck (collection), &n_cards);
  RhBackupsGroup *group;
  Rows rows;

  grade (collection, 0, 3);
  group = open_backups (app);
  rows = (Rows) { GTK_WIDGET (group), 0 };
  g_assert_true (rh_test_wait_until (shows_rows, &rows, WAIT_MS));
  gtk_widget_activate_action (GTK_WIDGET (group), "backups.back-up-now", NULL);
  rows.n = 1;
  g_assert_true (rh_test_wait_until (shows_rows, &rows, WAIT_MS));
  g_assert_nonnull (find_label (GTK_WIDGET (group), "3 reviews"));
  g_assert_cmpint (count_reviews (first), ==, 3);

  rh_clock_advance (clock, 3600);
  grade (collection, 3, 4);
  g_assert_cmpint (count_reviews (store), ==, 7);
  restore_through_preferences (window, group, first, "3 reviews", 3);
  g_assert_null (rh_collection_lookup_state (collection, rh_card_get_id (cards[5])));
  g_assert_nonnull (rh_collection_lookup_state (collection, rh_card_get_id (cards[2])));

  /* What was there before is the newest backup, with its 7 reviews. */
  list = rh_backups_list (backups, NULL);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (((RhBackupInfo *)list->pdata[0])->n_reviews, ==, 7);
  group = open_backups (app);
  rows = (Rows) { GTK_WIDGET (group), 2 };
  g_assert_true (rh_test_wait_until (shows_rows, &rows, WAIT_MS));
  g_assert_nonnull (find_label (GTK_WIDGET (group), "7 reviews"));
  restore_through_preferences (window, group, ((RhBackupInfo *)list->pdata[0])->path, "7 reviews", 7);
  g_assert_nonnull (rh_collection_lookup_state (collection, rh_card_get_id (cards[5])));
  g_assert_nonnull (rh_window_get_session (window));

  gtk_window_destroy (GTK_WINDOW (window));
  g_application_release (G_APPLICATION (app));
}

/* Restore from File… with a file that is not a Rehearse database: said,
 * with its name, and nothing changes. */
static void
file_refused (void)
{
  g_autoptr(RhApplication) app = rh_test_app_new (NULL);
  RhWindow *window = RH_WINDOW (rh_test_app_open (app));
  RhCollection *collection = rh_window_get_collection (window);
  g_autofree char *dir = rh_test_make_dir ("chosen");
  g_autofree char *notes = g_build_filename (dir, "notes.db", NULL);
  g_autofree char *store = rh_store_default_path ();
  RhBackupsGroup *group;
  AdwMessageDialog *dialog;

  grade (collection, 0, 2);
  g_assert_true (g_file_set_contents (notes, "my notes, not a database", -1, NULL));
  group = open_backups (app);
  gtk_widget_activate_action (GTK_WIDGET (group), "backups.restore-file", "s", notes);
  g_assert_true (rh_test_wait_until (message_dialog_shown, (gpointer)"This File Cannot Be Restored", WAIT_MS));
  dialog = ADW_MESSAGE_DIALOG (rh_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), notes));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "not a Rehearse database"));
  g_assert_cmpint (count_reviews (store), ==, 2);
  g_assert_true (rh_collection_is_open (collection));
  g_assert_nonnull (rh_test_find_toplevel (RH_TYPE_PREFERENCES_WINDOW));

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  g_application_release (G_APPLICATION (app));
}

/* The study file with @n reviews, two backups of it (@n and @n + 5
 * reviews, the newer one damaged), closed; then a page of garbage in it. */
static char *
damaged_store_with_backups (RhClock *clock,
                            guint    n)
{
  g_autofree char *store = rh_store_default_path ();
  g_autoptr(RhCollection) collection = rh_collection_new (clock, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *older = NULL, *newer = NULL;

  rh_collection_load_deck_resource (collection, RESOURCE_PATH "/decks/python-interview.xml", &error);
  g_assert_no_error (error);
  rh_collection_open_store (collection, store, &error);
  g_assert_no_error (error);
  grade (collection, 0, n);
  older = rh_backups_create (rh_collection_get_backups (collection), RH_BACKUPS_NOW, &error);
  g_assert_no_error (error);
  rh_clock_advance (clock, 3600);
  grade (collection, n, 5);
  newer = rh_backups_create (rh_collection_get_backups (collection), RH_BACKUPS_NOW, &error);
  g_assert_no_error (error);
  g_clear_object (&collection);
  for (guint i = 0; i < 2; i++)
    {
      FILE *f = g_fopen (i == 0 ? store : newer, "r+b");
      char garbage[4096];

      memset (garbage, 0xA5, sizeof garbage);
      g_assert_nonnull (f);
      g_assert_cmpint (fseek (f, 3 * 4096, SEEK_SET), ==, 0);
      g_assert_cmpuint (fwrite (garbage, 1, sizeof garbage, f), ==, sizeof garbage);
      fclose (f);
    }
  return g_steal_pointer (&older);
}

static gboolean
offers_backup (gpointer data)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (rh_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  return dialog != NULL && adw_message_dialog_has_response (dialog, "restore");
}

static gboolean
has_session (gpointer data)
{
  return rh_window_get_session (data) != NULL;
}

/* A damaged study file at start: the dialog offers the newest backup that
 * passes its check (the newest one is damaged too), beside moving the file
 * aside; restoring it keeps the damaged file, renamed. */
static void
error_page_restore (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(RhClock) clock = rh_clock_new_fake (NOW, utc);
  g_autofree char *store = rh_store_default_path ();
  g_autofree char *backup = damaged_store_with_backups (clock, 40);
  g_autofree char *aside = NULL;
  g_autofree char *damaged = NULL, *kept = NULL;
  gsize damaged_length, kept_length;
  g_autoptr(RhApplication) app = NULL;
  AdwMessageDialog *dialog;
  RhWindow *window;
  Label toast = { NULL, "Restored the backup of" };

  g_assert_true (g_file_get_contents (store, &damaged, &damaged_length, NULL));
  app = rh_test_app_new (clock);
  g_application_activate (G_APPLICATION (app));
  g_assert_true (rh_test_wait_until (offers_backup, NULL, WAIT_MS));
  dialog = ADW_MESSAGE_DIALOG (rh_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  window = RH_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  g_assert_true (adw_message_dialog_has_response (dialog, "move"));
  g_assert_nonnull (strstr (adw_message_dialog_get_response_label (dialog, "restore"), "40 reviews"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "40 reviews"));
  aside = g_strdup (rh_collection_get_aside_path (rh_window_get_collection (window)));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), aside));
  g_assert_null (rh_window_get_session (window));

  adw_message_dialog_response (dialog, "restore");
  g_assert_true (rh_test_wait_until (has_session, window, WAIT_MS));
  g_assert_cmpint (count_reviews (store), ==, 40);
  g_assert_true (g_file_get_contents (aside, &kept, &kept_length, NULL));
  g_assert_cmpmem (kept, kept_length, damaged, damaged_length);
  toast.root = GTK_WIDGET (window);
  g_assert_true (rh_test_wait_until (has_label, &toast, WAIT_MS));

  gtk_window_destroy (GTK_WINDOW (window));
  g_application_release (G_APPLICATION (app));
}

/* A store with @n reviews and a backup of it, closed; then a process that
 * grades five more and ends without closing, and one damaged byte in the
 * log it leaves. */
static void
damaged_log_with_backup (RhClock *clock,
                         guint    n)
{
  g_autofree char *store = rh_store_default_path ();
  g_autofree char *wal = g_strconcat (store, "-wal", NULL);
  g_autoptr(RhCollection) collection = rh_collection_new (clock, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  int status = 0;
  pid_t pid;

  rh_collection_load_deck_resource (collection, RESOURCE_PATH "/decks/python-interview.xml", &error);
  rh_collection_open_store (collection, store, &error);
  g_assert_no_error (error);
  grade (collection, 0, n);
  backup = rh_backups_create (rh_collection_get_backups (collection), RH_BACKUPS_NOW, &error);
  g_assert_no_error (error);
  g_clear_object (&collection);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      collection = rh_collection_new (clock, NULL);
      rh_collection_load_deck_resource (collection, RESOURCE_PATH "/decks/python-interview.xml", NULL);
      if (!rh_collection_open_store (collection, store, NULL))
        _exit (2);
      grade (collection, n, 5);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  rh_test_damage_wal_frame (wal, 4);
}

/* A damaged log of recent changes: the backup is offered beside opening
 * the file without them; restoring it keeps the file and its log aside. */
static void
lost_changes_restore (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(RhClock) clock = rh_clock_new_fake (NOW, utc);
  g_autofree char *store = rh_store_default_path ();
  g_autofree char *aside = NULL, *aside_wal = NULL;
  g_autoptr(RhApplication) app = NULL;
  AdwMessageDialog *dialog;
  RhWindow *window;

  damaged_log_with_backup (clock, 12);
  app = rh_test_app_new (clock);
  g_application_activate (G_APPLICATION (app));
  g_assert_true (rh_test_wait_until (offers_backup, NULL, WAIT_MS));
  dialog = ADW_MESSAGE_DIALOG (rh_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  window = RH_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  g_assert_true (adw_message_dialog_has_response (dialog, "accept"));
  g_assert_false (adw_message_dialog_has_response (dialog, "move"));
  g_assert_nonnull (strstr (adw_message_dialog_get_response_label (dialog, "restore"), "12 reviews"));
  aside = g_strdup (rh_collection_get_aside_path (rh_window_get_collection (window)));

  adw_message_dialog_response (dialog, "restore");
  g_assert_true (rh_test_wait_until (has_session, window, WAIT_MS));
  g_assert_cmpint (count_reviews (store), ==, 12);
  aside_wal = g_strconcat (aside, "-wal", NULL);
  g_assert_true (g_file_test (aside, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (aside_wal, G_FILE_TEST_IS_REGULAR));

  gtk_window_destroy (GTK_WINDOW (window));
  g_application_release (G_APPLICATION (app));
}

static gboolean
has_files (gpointer data)
{
  g_autoptr(GDir) dir = g_dir_open (data, 0, NULL);

  return dir != NULL && g_dir_read_name (dir) != NULL;
}

/* A session studied to its end (two new cards a day, both graded Easy):
 * a backup is made then, in a worker thread, of what was studied. */
static void
session_end_backs_up (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(RhClock) clock = rh_clock_new_fake (NOW, utc);
  g_autoptr(RhApplication) app = rh_test_app_new (clock);
  RhWindow *window = rh_test_window_open (app, clock, "session-end");
  RhCollection *collection = rh_window_get_collection (window);
  RhStudyView *study = RH_STUDY_VIEW (rh_test_find_widget (GTK_WIDGET (window), RH_TYPE_STUDY_VIEW));
  GtkWidget *card_view = GTK_WIDGET (rh_study_view_get_card_view (study));
  g_autofree char *folder = g_strdup (rh_backups_get_folder (rh_collection_get_backups (collection)));
  g_autofree char *made = g_build_filename (folder, "rehearse-2026-03-02-1200-00.db", NULL);

  g_settings_set_int (rh_test_window_settings (window), "new-cards-per-day", 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (study), "study.start", NULL));
  for (guint i = 0; i < 2; i++)
    {
      /* Mid-session: nothing yet. */
      g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
      g_assert_true (gtk_widget_activate_action (card_view, "card.show-answer", NULL));
      g_assert_true (gtk_widget_activate_action (card_view, "card.grade", "i", 4));
    }
  g_assert_null (rh_window_get_session (window) != NULL
                 ? rh_study_session_get_current (rh_window_get_session (window)) : NULL);
  g_assert_true (rh_test_wait_until (has_files, folder, WAIT_MS));
  rh_backups_wait (rh_collection_get_backups (collection));
  g_assert_cmpint (count_reviews (made), ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
  g_application_release (G_APPLICATION (app));
}

/* The real program ends on SIGTERM: a backup is made and finished before
 * it exits, the store is closed cleanly, no partial copy
 * is left. */
static void
quit_backs_up (void)
{
  g_autofree char *home = rh_test_make_dir ("quit");
  g_autofree char *folder = g_build_filename (home, "rehearse", "backups", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_backups = 0;

  rh_test_run_until_signal (home, SIGTERM);
  dir = g_dir_open (folder, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();

      g_assert_true (rh_backups_parse_name (name, local, NULL, NULL));
      n_backups++;
    }
  g_assert_cmpuint (n_backups, ==, 1);
}

#define IN_SUBPROCESS(name, body)                                     \
  static void                                                          \
  name (void)                                                          \
  {                                                                    \
    if (g_test_subprocess ())                                          \
      {                                                                \
        body ();                                                       \
        return;                                                        \
      }                                                                \
    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR); \
    g_test_trap_assert_passed ();                                      \
  }

IN_SUBPROCESS (test_preferences_restore, preferences_restore)
IN_SUBPROCESS (test_file_refused, file_refused)
IN_SUBPROCESS (test_error_page_restore, error_page_restore)
IN_SUBPROCESS (test_lost_changes_restore, lost_changes_restore)
IN_SUBPROCESS (test_session_end_backs_up, session_end_backs_up)

int
main (int   argc,
      char *argv[])
{
  rh_test_init_env ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/backups-ui/preferences-restore", test_preferences_restore);
  g_test_add_func ("/backups-ui/file-refused", test_file_refused);
  g_test_add_func ("/backups-ui/error-page-restore", test_error_page_restore);
  g_test_add_func ("/backups-ui/lost-changes-restore", test_lost_changes_restore);
  g_test_add_func ("/backups-ui/session-end-backs-up", test_session_end_backs_up);
  g_test_add_func ("/backups-ui/quit-backs-up", quit_backs_up);
  return g_test_run ();
}
