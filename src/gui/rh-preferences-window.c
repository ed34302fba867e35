/* rh-preferences-window.c: every setting is a GSettings key, applied at once
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rehearse-preferences"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rh-preferences-window.h"

struct _RhPreferencesWindow {
  AdwPreferencesWindow parent_instance;

  GtkSpinButton *retention_spin;
  GtkSpinButton *new_spin;
  GtkSpinButton *reviews_spin;
  GtkSpinButton *rollover_spin;
  GtkSwitch *previews_switch;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (RhPreferencesWindow, rh_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Shows the hour as a time of day, "04:00", in the user's locale. */
static gboolean
rollover_output_cb (GtkSpinButton *spin,
                    gpointer       user_data)
{
  int hour = gtk_spin_button_get_value_as_int (spin);
  g_autoptr(GDateTime) time = g_date_time_new_local (2000, 1, 1, hour, 0, 0);
  g_autofree char *text = g_date_time_format (time, "%X");

  /* %X carries seconds in most locales; an hour needs none of them. */
  if (text != NULL && g_str_has_suffix (text, ":00:00"))
    text[strlen (text) - 3] = '\0';
  gtk_editable_set_text (GTK_EDITABLE (spin), text != NULL ? text : "");
  return TRUE;
}

static void
rh_preferences_window_dispose (GObject *object)
{
  RhPreferencesWindow *self = RH_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rh_preferences_window_parent_class)->dispose (object);
}

static void
rh_preferences_window_class_init (RhPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/rh-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RhPreferencesWindow, retention_spin);
  gtk_widget_class_bind_template_child (widget_class, RhPreferencesWindow, new_spin);
  gtk_widget_class_bind_template_child (widget_class, RhPreferencesWindow, reviews_spin);
  gtk_widget_class_bind_template_child (widget_class, RhPreferencesWindow, rollover_spin);
  gtk_widget_class_bind_template_child (widget_class, RhPreferencesWindow, previews_switch);
  gtk_widget_class_bind_template_callback (widget_class, rollover_output_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rh_preferences_window_init (RhPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rh_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  RhPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (RH_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "desired-retention", self->retention_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "new-cards-per-day", self->new_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "reviews-per-day", self->reviews_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "rollover-hour", self->rollover_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "show-interval-previews", self->previews_switch, "active", G_SETTINGS_BIND_DEFAULT);
  return GTK_WIDGET (self);
}
