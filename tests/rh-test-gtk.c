/* rh-test-gtk.c: what the widget tests share
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "rh-settings.h"
#include "rh-store.h"
#include "rh-test-gtk.h"
#include "rh-test-utils.h"

GtkWidget *
rh_test_find_widget (GtkWidget *root,
                     GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = rh_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWindow *
rh_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (window), type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

RhApplication *
rh_test_app_new (RhClock *clock)
{
  g_autoptr(GError) error = NULL;
  RhApplication *app = rh_application_new ();

  if (clock != NULL)
    rh_application_set_clock (app, clock);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  return app;
}

static gboolean
window_mapped (gpointer data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (data));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

GtkWindow *
rh_test_app_open (RhApplication *app)
{
  g_application_activate (G_APPLICATION (app));
  g_assert_true (rh_test_wait_until (window_mapped, app, 10000));
  return gtk_application_get_active_window (GTK_APPLICATION (app));
}

RhWindow *
rh_test_window_open (RhApplication *app,
                     RhClock       *clock,
                     const char    *name)
{
  g_autofree char *dir = rh_test_make_dir (name);
  g_autofree char *db = g_build_filename (dir, "rehearse.db", NULL);

  return rh_test_window_open_store (app, clock, db);
}

RhWindow *
rh_test_window_open_store (RhApplication *app,
                           RhClock       *clock,
                           const char    *db)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings = g_settings_new_with_backend (BASE_ID, backend);
  g_autoptr(RhSchedulingOptions) options = rh_scheduling_options_new ();
  g_autoptr(RhCollection) collection = NULL;
  g_autoptr(GError) error = NULL;
  RhWindow *window;

  rh_settings_bind_options (settings, options);
  collection = rh_collection_new (clock, options);
  rh_collection_load_deck_resource (collection, RESOURCE_PATH "/decks/python-interview.xml", &error);
  g_assert_no_error (error);
  rh_collection_open_store (collection, db, &error);
  g_assert_no_error (error);
  window = rh_window_new (GTK_APPLICATION (app), collection, settings);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rh_test_wait_until ((gboolean (*) (gpointer))gtk_widget_get_mapped, window, 10000));
  return window;
}

GSettings *
rh_test_window_settings (RhWindow *window)
{
  g_autoptr(GSettings) settings = NULL;

  g_object_get (window, "settings", &settings, NULL);
  /* The window holds them. */
  return settings;
}
