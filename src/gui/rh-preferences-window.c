/* rh-preferences-window.c: every setting is a GSettings key, applied at once
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rehearse-preferences"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rh-backups-group.h"
#include "rh-decks-group.h"
#include "rh-preferences-window.h"
#include "rh-sync-group.h"
#include "rh-scheduler.h"

struct _RhPreferencesWindow {
  AdwPreferencesWindow parent_instance;

  GtkSpinButton *retention_spin;
  GtkSpinButton *new_spin;
  GtkSpinButton *reviews_spin;
  GtkSpinButton *rollover_spin;
  GtkSwitch *previews_switch;
  AdwEntryRow *learning_row;
  AdwEntryRow *relearning_row;
  AdwPreferencesGroup *reminders_group;
  GtkSwitch *reminders_switch;
  GtkSpinButton *interval_spin;
  GtkSpinButton *quiet_start_spin;
  GtkSpinButton *quiet_end_spin;
  GtkWidget *interval_row;
  GtkWidget *quiet_start_row;
  GtkWidget *quiet_end_row;
  AdwComboRow *style_row;
  RhDecksGroup *decks_group;
  RhBackupsGroup *backups_group;
  RhSyncGroup *sync_group;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (RhPreferencesWindow, rh_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Shows the hour as a time of day, "04:00", in the user's locale. */
static gboolean
hour_output_cb (GtkSpinButton *spin,
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

static const char *
steps_key (RhPreferencesWindow *self,
           AdwEntryRow         *row)
{
  return row == self->learning_row ? "learning-steps" : "relearning-steps";
}

/* Marks the row while what it holds would not parse, and says why. */
static gboolean
validate_steps (AdwEntryRow *row,
                char       **normalized)
{
  guint steps[RH_SCHEDULER_MAX_STEPS];
  guint n = 0;
  g_autoptr(GError) error = NULL;

  if (!rh_scheduler_parse_steps (gtk_editable_get_text (GTK_EDITABLE (row)), steps, &n, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (row), error->message);
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), NULL);
  if (normalized != NULL)
    *normalized = rh_scheduler_format_steps (steps, n);
  return TRUE;
}

static void
steps_changed_cb (RhPreferencesWindow *self,
                  AdwEntryRow         *row)
{
  validate_steps (row, NULL);
}

static void
steps_apply_cb (RhPreferencesWindow *self,
                AdwEntryRow         *row)
{
  g_autofree char *normalized = NULL;

  if (!validate_steps (row, &normalized))
    {
      gtk_widget_error_bell (GTK_WIDGET (row));
      return;
    }
  g_settings_set_string (self->settings, steps_key (self, row), normalized);
  gtk_editable_set_text (GTK_EDITABLE (row), normalized);
}

static void
steps_setting_changed_cb (RhPreferencesWindow *self,
                          const char          *key,
                          GSettings           *settings)
{
  AdwEntryRow *row = g_str_equal (key, "learning-steps") ? self->learning_row : self->relearning_row;
  g_autofree char *value = g_settings_get_string (settings, key);

  gtk_editable_set_text (GTK_EDITABLE (row), value);
}

/* The style row lists the styles in this order. */
static const char * const reminder_styles[] = { "summary", "question" };

static gboolean
style_get_mapping (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  const char *style = g_variant_get_string (variant, NULL);

  g_value_set_uint (value, g_str_equal (style, reminder_styles[1]) ? 1 : 0);
  return TRUE;
}

static GVariant *
style_set_mapping (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  return g_variant_new_string (reminder_styles[selected < G_N_ELEMENTS (reminder_styles) ? selected : 0]);
}

static void
bind_reminders (RhPreferencesWindow *self,
                GSettings           *settings)
{
  GtkWidget *follow_switch[] = { self->interval_row, self->quiet_start_row, self->quiet_end_row,
                                 GTK_WIDGET (self->style_row) };

  g_settings_bind (settings, "reminders", self->reminders_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "reminder-interval-hours", self->interval_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "quiet-hours-start", self->quiet_start_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "quiet-hours-end", self->quiet_end_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "reminder-style", self->style_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                style_get_mapping, style_set_mapping, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (follow_switch); i++)
    g_settings_bind (settings, "reminders", follow_switch[i], "sensitive", G_SETTINGS_BIND_GET);
}

/* Why reminders cannot start at login (the portal refused, the autostart
 * folder cannot be written), or NULL when nothing is wrong. */
void
rh_preferences_window_set_background_note (RhPreferencesWindow *self,
                                           const char          *note)
{
  g_return_if_fail (RH_IS_PREFERENCES_WINDOW (self));
  adw_preferences_group_set_description (self->reminders_group, note);
}

/* The study data whose backups the Data page lists and restores. */
void
rh_preferences_window_set_collection (RhPreferencesWindow *self,
                                      RhCollection        *collection)
{
  g_return_if_fail (RH_IS_PREFERENCES_WINDOW (self));
  rh_decks_group_set_collection (self->decks_group, collection);
  rh_backups_group_set_collection (self->backups_group, collection);
}

/* The folder sync the Data page shows and chooses a folder for. */
void
rh_preferences_window_set_sync (RhPreferencesWindow *self,
                                RhSync              *sync)
{
  g_return_if_fail (RH_IS_PREFERENCES_WINDOW (self));
  rh_sync_group_set_sync (self->sync_group, sync, self->settings);
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
  gtk_widget_class_bind_template_child (widget_class, RhPreferencesWindow, learning_row);
  gtk_widget_class_bind_template_child (widget_class, RhPreferencesWindow, relearning_row);
  gtk_widget_class_bind_template_callback (widget_class, steps_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, steps_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, RhPreferencesWindow, reminders_group);
  gtk_widget_class_bind_template_child (widget_class, RhPreferencesWindow, reminders_switch);
  gtk_widget_class_bind_template_child (widget_class, RhPreferencesWindow, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, RhPreferencesWindow, quiet_start_spin);
  gtk_widget_class_bind_template_child (widget_class, RhPreferencesWindow, quiet_end_spin);
  gtk_widget_class_bind_template_child (widget_class, RhPreferencesWindow, interval_row);
  gtk_widget_class_bind_template_child (widget_class, RhPreferencesWindow, quiet_start_row);
  gtk_widget_class_bind_template_child (widget_class, RhPreferencesWindow, quiet_end_row);
  gtk_widget_class_bind_template_child (widget_class, RhPreferencesWindow, style_row);
  gtk_widget_class_bind_template_callback (widget_class, hour_output_cb);
  gtk_widget_class_bind_template_child (widget_class, RhPreferencesWindow, decks_group);
  gtk_widget_class_bind_template_child (widget_class, RhPreferencesWindow, backups_group);
  gtk_widget_class_bind_template_child (widget_class, RhPreferencesWindow, sync_group);
  g_type_ensure (RH_TYPE_DECKS_GROUP);
  g_type_ensure (RH_TYPE_BACKUPS_GROUP);
  g_type_ensure (RH_TYPE_SYNC_GROUP);

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
  bind_reminders (self, settings);
  steps_setting_changed_cb (self, "learning-steps", settings);
  steps_setting_changed_cb (self, "relearning-steps", settings);
  g_signal_connect_object (settings, "changed::learning-steps", G_CALLBACK (steps_setting_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::relearning-steps", G_CALLBACK (steps_setting_changed_cb),
                           self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}
