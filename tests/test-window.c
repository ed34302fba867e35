/* test-window.c: the real window, driven through its actions under Xvfb
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sys/wait.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "rh-application.h"
#include "rh-autostart.h"
#include "rh-card-view-private.h"
#include "rh-preferences-window.h"
#include "rh-study-view.h"
#include "rh-test-gtk.h"
#include "rh-test-utils.h"
#include "rh-topic-row-private.h"
#include "rh-topic-sidebar-private.h"
#include "rh-window.h"
#include "rh-window-private.h"

static RhApplication *app;

static RhWindow *
open_window (void)
{
  return RH_WINDOW (rh_test_app_open (app));
}

static gboolean
no_windows (gpointer data)
{
  return gtk_application_get_windows (GTK_APPLICATION (app)) == NULL;
}

static void
close_all_windows (void)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_true (rh_test_wait_until (no_windows, NULL, 5000));
}

static gboolean
toplevel_shown (gpointer data)
{
  GtkWindow *window = rh_test_find_toplevel ((GType)GPOINTER_TO_SIZE (data));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static void
test_window_views (void)
{
  RhWindow *window = open_window ();
  AdwViewStack *stack = ADW_VIEW_STACK (rh_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  const char *views[] = { "study", "browse", "statistics" };

  g_assert_nonnull (rh_test_find_widget (GTK_WIDGET (window), RH_TYPE_TOPIC_SIDEBAR));
  g_assert_nonnull (stack);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    g_assert_nonnull (adw_view_stack_get_child_by_name (stack, views[i]));

  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "study");
  for (guint i = G_N_ELEMENTS (views); i > 0; i--)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", views[i - 1]));
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, views[i - 1]);
    }

  /* The keyboard shortcuts of the views are set on the application. */
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                  "win.view::statistics");
    g_assert_cmpstr (accels[0], ==, "<Alt>3");
  }

  close_all_windows ();
}

static void
test_window_sidebar (void)
{
  RhWindow *window = open_window ();
  RhTopicSidebar *sidebar = RH_TOPIC_SIDEBAR (rh_test_find_widget (GTK_WIDGET (window), RH_TYPE_TOPIC_SIDEBAR));
  GtkListBox *list = GTK_LIST_BOX (rh_test_find_widget (GTK_WIDGET (sidebar), GTK_TYPE_LIST_BOX));
  AdwViewSwitcherTitle *title = ADW_VIEW_SWITCHER_TITLE (rh_test_find_widget (GTK_WIDGET (window),
                                                                      ADW_TYPE_VIEW_SWITCHER_TITLE));
  g_auto(GStrv) selected = NULL;
  guint rows = 0;
  const char *two[] = { "python-interview/concurrency", "python-interview/databases", NULL };

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    rows++;
  /* "All decks", the built-in deck and its fifteen topics. */
  g_assert_cmpuint (rows, ==, 17);

  selected = rh_topic_sidebar_dup_selected_topics (sidebar);
  g_assert_cmpuint (g_strv_length (selected), ==, 0);
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (title), ==, "All decks");

  /* The deck stands for all its topics; folded, they are hidden. */
  rh_topic_sidebar_select_deck (sidebar, "python-interview");
  g_clear_pointer (&selected, g_strfreev);
  selected = rh_topic_sidebar_dup_selected_topics (sidebar);
  g_assert_cmpuint (g_strv_length (selected), ==, 15);
  g_assert_cmpstr (selected[0], ==, "python-interview/fundamentals");
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (title), ==, "Python Interview Questions: Mid to System Design");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 2))));
  rh_topic_row_set_expanded (RH_TOPIC_ROW (gtk_list_box_get_row_at_index (list, 1)), FALSE);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 2))));
  rh_topic_row_set_expanded (RH_TOPIC_ROW (gtk_list_box_get_row_at_index (list, 1)), TRUE);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 2))));

  rh_topic_sidebar_select_topics (sidebar, two);
  g_clear_pointer (&selected, g_strfreev);
  selected = rh_topic_sidebar_dup_selected_topics (sidebar);
  g_assert_cmpuint (g_strv_length (selected), ==, 2);
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (title), ==, "2 topics");

  /* Ctrl+click on "All decks" while topics are selected: all decks win. */
  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 0));
  g_clear_pointer (&selected, g_strfreev);
  selected = rh_topic_sidebar_dup_selected_topics (sidebar);
  g_assert_cmpuint (g_strv_length (selected), ==, 0);
  g_assert_false (gtk_list_box_row_is_selected (gtk_list_box_get_row_at_index (list, 2)));

  /* Ctrl+click on a topic while "All decks" is selected: the topic wins. */
  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 8));
  g_clear_pointer (&selected, g_strfreev);
  selected = rh_topic_sidebar_dup_selected_topics (sidebar);
  g_assert_cmpuint (g_strv_length (selected), ==, 1);
  g_assert_cmpstr (selected[0], ==, "python-interview/concurrency");
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (title), ==,
                   "Concurrency, threading, multiprocessing, asyncio, and the GIL");

  /* Unselecting the last topic falls back to all of them. */
  gtk_list_box_unselect_all (list);
  g_clear_pointer (&selected, g_strfreev);
  selected = rh_topic_sidebar_dup_selected_topics (sidebar);
  g_assert_cmpuint (g_strv_length (selected), ==, 0);
  g_assert_true (gtk_list_box_row_is_selected (gtk_list_box_get_row_at_index (list, 0)));

  close_all_windows ();
}

static gboolean
leaflet_folded (gpointer data)
{
  return adw_leaflet_get_folded (ADW_LEAFLET (data));
}

static gboolean
leaflet_unfolded (gpointer data)
{
  return !adw_leaflet_get_folded (ADW_LEAFLET (data));
}

static void
test_window_folds (void)
{
  RhWindow *window = open_window ();
  AdwLeaflet *leaflet = ADW_LEAFLET (rh_test_find_widget (GTK_WIDGET (window), ADW_TYPE_LEAFLET));
  GtkWidget *back = NULL;
  GtkWidget *content;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  g_assert_true (rh_test_wait_until (leaflet_unfolded, leaflet, 5000));

  gtk_window_set_default_size (GTK_WINDOW (window), 560, 700);
  g_assert_true (rh_test_wait_until (leaflet_folded, leaflet, 5000));

  /* Folded, the views come first and a back button leads to the topics. */
  content = adw_leaflet_get_visible_child (leaflet);
  g_assert_true (gtk_widget_is_ancestor (rh_test_find_widget (content, ADW_TYPE_VIEW_STACK), content));
  for (GtkWidget *w = gtk_widget_get_first_child (content); w != NULL; w = gtk_widget_get_next_sibling (w))
    if (ADW_IS_HEADER_BAR (w))
      back = rh_test_find_widget (w, GTK_TYPE_BUTTON);
  g_assert_nonnull (back);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (back)), ==, "win.show-topics");
  g_assert_true (gtk_widget_get_visible (back));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-topics", NULL));
  g_assert_nonnull (rh_test_find_widget (adw_leaflet_get_visible_child (leaflet), RH_TYPE_TOPIC_SIDEBAR));

  /* Choosing a view brings the content back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "browse"));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == content);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  g_assert_true (rh_test_wait_until (leaflet_unfolded, leaflet, 5000));
  g_assert_false (gtk_widget_get_visible (back));

  close_all_windows ();
}

static void
test_window_state_saved (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  RhWindow *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 650);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  window = open_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 650);

  gtk_window_set_default_size (GTK_WINDOW (window), 820, 610);
  rh_test_spin (100);
  close_all_windows ();

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 820);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 610);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

static void
test_app_dialogs (void)
{
  RhWindow *window = open_window ();
  GtkWindow *dialog;
  GtkSpinButton *spin;
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);

  /* Ctrl+? shows the shortcuts, made only then (not with the window). */
  g_assert_null (rh_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");

    g_assert_cmpstr (accels[0], ==, "<Control>question");
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (rh_test_wait_until (toplevel_shown, GSIZE_TO_POINTER (GTK_TYPE_SHORTCUTS_WINDOW), 5000));
  dialog = rh_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  /* Its rows for actions show the application's keys, as GTK's own did. */
  {
    GtkWidget *row = rh_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_SHORTCUTS_SHORTCUT);
    g_autofree char *action = NULL;

    g_object_get (row, "action-name", &action, NULL);
    g_assert_cmpstr (action, ==, "win.mock-interview");
    g_assert_cmpstr (gtk_shortcut_label_get_accelerator (GTK_SHORTCUT_LABEL (rh_test_find_widget (
                       row, GTK_TYPE_SHORTCUT_LABEL))), ==, "<Control>m");
  }
  gtk_window_close (dialog);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  g_assert_true (rh_test_wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_ABOUT_WINDOW), 5000));
  dialog = rh_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (dialog)), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (dialog)), ==, GTK_LICENSE_GPL_3_0);
  gtk_window_destroy (dialog);

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_assert_true (rh_test_wait_until (toplevel_shown, GSIZE_TO_POINTER (RH_TYPE_PREFERENCES_WINDOW), 5000));
  dialog = rh_test_find_toplevel (RH_TYPE_PREFERENCES_WINDOW);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));

  /* Each setting is bound: changing the control changes the key at once. */
  spin = GTK_SPIN_BUTTON (rh_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON));
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (spin), 0.90, 1e-9);
  gtk_spin_button_set_value (spin, 0.85);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "desired-retention"), 0.85, 1e-9);
  g_settings_reset (settings, "desired-retention");

  /* Steps that do not parse are marked and never saved; good ones are
   * saved in the canonical form. */
  {
    GtkWidget *row = rh_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW);
    g_autofree char *kept = NULL;
    g_autofree char *saved = NULL;

    gtk_editable_set_text (GTK_EDITABLE (row), "1m 10 minutes");
    g_signal_emit_by_name (row, "apply");
    g_assert_true (gtk_widget_has_css_class (row, "error"));
    kept = g_settings_get_string (settings, "learning-steps");
    g_assert_cmpstr (kept, ==, "1m 10m");
    gtk_editable_set_text (GTK_EDITABLE (row), "2m,  20m");
    g_signal_emit_by_name (row, "apply");
    g_assert_false (gtk_widget_has_css_class (row, "error"));
    saved = g_settings_get_string (settings, "learning-steps");
    g_assert_cmpstr (saved, ==, "2m 20m");
    g_settings_reset (settings, "learning-steps");
  }
  gtk_window_destroy (dialog);

  close_all_windows ();
}

static gboolean
window_shown (gpointer data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

/* A reminder's buttons: the window comes, on the study view; "Show Answer"
 * opens that card with its answer shown, whatever the sidebar had. */
static void
test_reminder_actions (void)
{
  RhWindow *window;
  RhCardView *card_view;
  GtkWidget *stack;

  g_action_group_activate_action (G_ACTION_GROUP (app), "study-card", g_variant_new_string ("python-interview/gil"));
  g_assert_true (rh_test_wait_until (window_shown, NULL, 10000));
  window = RH_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  stack = rh_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack)), ==, "study");
  card_view = RH_CARD_VIEW (rh_test_find_widget (GTK_WIDGET (window), RH_TYPE_CARD_VIEW));
  g_assert_cmpstr (rh_card_get_id (rh_card_view_get_card (card_view)), ==, "python-interview/gil");
  g_assert_true (rh_card_view_get_revealed (card_view));

  /* Study Now from the browse view of one topic: back to the study view,
   * every topic. */
  rh_topic_sidebar_select_topics (RH_TOPIC_SIDEBAR (rh_test_find_widget (GTK_WIDGET (window), RH_TYPE_TOPIC_SIDEBAR)),
                                  (const char *[]) { "python-interview/fundamentals", NULL });
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "browse");
  g_action_group_activate_action (G_ACTION_GROUP (app), "study-due", NULL);
  rh_test_spin (50);
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (app)) == GTK_WINDOW (window));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack)), ==, "study");
  {
    g_auto(GStrv) topics = rh_topic_sidebar_dup_selected_topics (RH_TOPIC_SIDEBAR (
                             rh_test_find_widget (GTK_WIDGET (window), RH_TYPE_TOPIC_SIDEBAR)));

    g_assert_true (topics == NULL || topics[0] == NULL);
  }
  /* A card no deck has: the study view, not a crash. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "study-card", g_variant_new_string ("no/such-card"));
  rh_test_spin (50);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack)), ==, "study");
  close_all_windows ();
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
file_gone (gpointer path)
{
  return !g_file_test (path, G_FILE_TEST_EXISTS);
}

/* The switch in Preferences writes the autostart entry and removes it; an
 * entry the user made under that name is never removed. */
static void
test_reminders_switch (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autofree char *path = rh_autostart_get_path ();
  g_autofree char *contents = NULL;
  GtkWindow *dialog;
  GtkSwitch *reminders_switch = NULL;

  open_window ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_assert_true (rh_test_wait_until (toplevel_shown, GSIZE_TO_POINTER (RH_TYPE_PREFERENCES_WINDOW), 5000));
  dialog = rh_test_find_toplevel (RH_TYPE_PREFERENCES_WINDOW);
  /* The switch of the Reminders page. */
  for (GtkWidget *page = rh_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_PREFERENCES_PAGE); page != NULL;
       page = gtk_widget_get_next_sibling (page))
    if (ADW_IS_PREFERENCES_PAGE (page) && g_strcmp0 (adw_preferences_page_get_title (ADW_PREFERENCES_PAGE (page)),
                                                     "Reminders") == 0)
      reminders_switch = GTK_SWITCH (rh_test_find_widget (page, GTK_TYPE_SWITCH));
  g_assert_nonnull (reminders_switch);
  g_assert_false (gtk_switch_get_active (reminders_switch));

  gtk_switch_set_active (reminders_switch, TRUE);
  g_assert_true (g_settings_get_boolean (settings, "reminders"));
  g_assert_true (rh_test_wait_until (file_exists, path, 5000));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\nExec="));
  g_assert_nonnull (strstr (contents, " --background\n"));
  gtk_switch_set_active (reminders_switch, FALSE);
  g_assert_true (rh_test_wait_until (file_gone, path, 5000));

  /* The user's own entry stays, whatever the switch does. */
  g_assert_true (g_file_set_contents (path, "[Desktop Entry]\nType=Application\nExec=rehearse\n", -1, NULL));
  gtk_switch_set_active (reminders_switch, TRUE);
  rh_test_spin (100);
  gtk_switch_set_active (reminders_switch, FALSE);
  rh_test_spin (100);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "[Desktop Entry]\nType=Application\nExec=rehearse\n");
  g_assert_cmpint (g_unlink (path), ==, 0);
  gtk_window_destroy (dialog);
  close_all_windows ();
}

/* The real program, as a user runs it, in a data folder of its own: it
 * ends on @signal_number as Quit ends it, its store closed cleanly (SQLite
 * folds the write-ahead log into the file and removes it on a clean close;
 * a process killed outright leaves it behind). */
static void
ends_cleanly_on (int signal_number)
{
  g_autofree char *home = rh_test_make_dir (signal_number == SIGTERM ? "sigterm" : "sigint");

  rh_test_run_until_signal (home, signal_number);
}

static void
test_sigterm (void)
{
  ends_cleanly_on (SIGTERM);
}

static void
test_sigint (void)
{
  ends_cleanly_on (SIGINT);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  rh_test_init_env ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = rh_test_app_new (NULL);

  g_test_add_func ("/window/views", test_window_views);
  g_test_add_func ("/window/sidebar", test_window_sidebar);
  g_test_add_func ("/window/folds", test_window_folds);
  g_test_add_func ("/window/state-saved", test_window_state_saved);
  g_test_add_func ("/window/dialogs", test_app_dialogs);
  g_test_add_func ("/window/reminder-actions", test_reminder_actions);
  g_test_add_func ("/window/reminders-switch", test_reminders_switch);
  g_test_add_func ("/window/sigterm", test_sigterm);
  g_test_add_func ("/window/sigint", test_sigint);
  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
