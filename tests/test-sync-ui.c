/* test-sync-ui.c: the sync folder in the real application
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The setting chooses the folder; at start-up the application merges what
 * another computer left there; an answer given in the window reaches this
 * computer's file in the folder; Preferences shows the folder and turns
 * the sync off.
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "rh-application.h"
#include "rh-preferences-window.h"
#include "rh-sync-group.h"
#include "rh-study-view-private.h"
#include "rh-card-view-private.h"
#include "rh-test-gtk.h"
#include "rh-test-utils.h"
#include "rh-window.h"

#define NOW 1772452800   /* 2026-03-02 12:00 UTC */
#define OTHER_CARD "python-interview/dynamic-typing"

static char *folder;
static char *answered;   /* the card answered in the window, "id," */

static gboolean
own_file_has (gpointer data)
{
  RhSync *sync = data;
  g_autofree char *path = rh_sync_get_own_path (sync);
  g_autofree char *text = NULL;

  return path != NULL && g_file_get_contents (path, &text, NULL, NULL) && strstr (text, answered) != NULL;
}

static void
press (RhCardView *view,
       const char *key)
{
  GtkWidget *widget = GTK_WIDGET (view);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          g_auto(GStrv) keys = g_strsplit (trigger, "|", -1);

          if (g_strv_contains ((const char * const *)keys, key))
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                           gtk_shortcut_get_arguments (shortcut)));
              return;
            }
        }
    }
  g_error ("no shortcut for the key “%s”", key);
}

static void
test_sync_in_app (void)
{
  g_autoptr(RhClock) clock = rh_clock_new_fake (NOW, NULL);
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autofree char *other = NULL;
  const char other_text[] = "# rehearse-progress 1\n"
                            OTHER_CARD ",2026-03-01T10:00:00Z,3,00000000000000aa-000000000001,4000,learn,\n";
  RhApplication *app;
  RhWindow *window;
  RhStudyView *study_view;
  RhSync *sync;
  GtkWindow *preferences;
  RhSyncGroup *group;

  folder = rh_test_make_dir ("sync-folder");
  other = g_build_filename (folder, "rehearse-00000000000000aa.log", NULL);
  g_assert_true (g_file_set_contents (other, other_text, -1, NULL));
  g_settings_set_string (settings, "sync-folder", folder);

  app = rh_test_app_new (clock);
  window = RH_WINDOW (rh_test_app_open (app));
  sync = rh_application_get_sync (app);
  g_assert_nonnull (sync);
  g_assert_cmpstr (rh_sync_get_folder (sync), ==, folder);

  /* What the other computer did is here. */
  g_assert_nonnull (rh_collection_lookup_state (rh_window_get_collection (window), OTHER_CARD));

  /* An answer here reaches this computer's file. */
  study_view = RH_STUDY_VIEW (rh_test_find_widget (GTK_WIDGET (window), RH_TYPE_STUDY_VIEW));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (study_view), "study.start", NULL));
  rh_test_spin (50);
  answered = g_strconcat (rh_card_get_id (rh_card_view_get_card (rh_study_view_get_card_view (study_view))),
                          ",", NULL);
  press (rh_study_view_get_card_view (study_view), "space");
  press (rh_study_view_get_card_view (study_view), "3");
  g_assert_true (rh_test_wait_until (own_file_has, sync, 20000));

  /* Preferences shows the folder, and stops syncing. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = rh_test_find_toplevel (RH_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  group = RH_SYNC_GROUP (rh_test_find_widget (GTK_WIDGET (preferences), RH_TYPE_SYNC_GROUP));
  g_assert_nonnull (group);
  g_assert_cmpstr (rh_sync_group_get_folder_text (group), ==, folder);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (group), "sync.stop", NULL));
  g_assert_cmpstr (g_settings_get_string (settings, "sync-folder"), ==, "");
  g_assert_null (rh_sync_get_folder (sync));
  g_assert_cmpstr (rh_sync_group_get_folder_text (group), ==, "Off: your progress stays on this computer");

  gtk_window_destroy (preferences);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_object_unref (app);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  rh_test_init_env ();
  g_test_add_func ("/sync-ui/in-app", test_sync_in_app);
  return g_test_run ();
}
