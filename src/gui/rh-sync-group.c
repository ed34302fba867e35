/* rh-sync-group.c: the Sync group of Preferences: the folder shared with other computers
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The folder is a setting ("sync-folder"); the application gives it to
 * RhSync.  This group chooses it, clears it, and says when the folder
 * cannot be reached or a file in it was refused.
 */
#define G_LOG_DOMAIN "rehearse-sync-group"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-sync-group.h"

struct _RhSyncGroup {
  AdwPreferencesGroup parent_instance;

  AdwActionRow *folder_row;
  AdwActionRow *status_row;

  RhSync *sync;
  GSettings *settings;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (RhSyncGroup, rh_sync_group, ADW_TYPE_PREFERENCES_GROUP)

static void
show_status (RhSyncGroup  *self,
             const char   *title,
             const char   *detail)
{
  g_autofree char *escaped_title = title != NULL ? g_markup_escape_text (title, -1) : NULL;
  g_autofree char *escaped_detail = detail != NULL ? g_markup_escape_text (detail, -1) : NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->status_row), title != NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), escaped_title != NULL ? escaped_title : "");
  adw_action_row_set_subtitle (self->status_row, escaped_detail != NULL ? escaped_detail : "");
}

static void
update (RhSyncGroup *self)
{
  g_autofree char *folder = self->settings != NULL ? g_settings_get_string (self->settings, "sync-folder") : NULL;
  gboolean on = folder != NULL && folder[0] != '\0';
  g_autofree char *escaped = on ? g_markup_escape_text (folder, -1) : NULL;

  adw_action_row_set_subtitle (self->folder_row, on ? escaped : _("Off: your progress stays on this computer"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync.stop", on);
  if (on && self->sync != NULL && !rh_sync_is_available (self->sync))
    show_status (self, _("The folder cannot be reached"),
                 _("Studying goes on here; what you study is shared once the folder is back."));
  else
    show_status (self, NULL, NULL);
}

static void
file_refused_cb (RhSyncGroup *self,
                 const char  *name,
                 GError      *error)
{
  show_status (self, _("A file in the sync folder was not merged"), error->message);
}

static void
chooser_response_cb (RhSyncGroup          *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        g_settings_set_string (self->settings, "sync-folder", path);
    }
  g_clear_object (&self->chooser);
}

static void
choose_folder_activated (GtkWidget  *widget,
                         const char *action,
                         GVariant   *parameter)
{
  RhSyncGroup *self = RH_SYNC_GROUP (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->settings == NULL || self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Choose a Sync Folder"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Sync Here"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
stop_activated (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  RhSyncGroup *self = RH_SYNC_GROUP (widget);

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "sync-folder", "");
}

static void
rh_sync_group_dispose (GObject *object)
{
  RhSyncGroup *self = RH_SYNC_GROUP (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->sync);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (rh_sync_group_parent_class)->dispose (object);
}

static void
rh_sync_group_class_init (RhSyncGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_sync_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/rh-sync-group.ui");
  gtk_widget_class_bind_template_child (widget_class, RhSyncGroup, folder_row);
  gtk_widget_class_bind_template_child (widget_class, RhSyncGroup, status_row);
  gtk_widget_class_install_action (widget_class, "sync.choose-folder", NULL, choose_folder_activated);
  gtk_widget_class_install_action (widget_class, "sync.stop", NULL, stop_activated);
}

static void
rh_sync_group_init (RhSyncGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

/* What the group shows and changes: the setting, and the sync it drives. */
void
rh_sync_group_set_sync (RhSyncGroup *self,
                        RhSync      *sync,
                        GSettings   *settings)
{
  g_return_if_fail (RH_IS_SYNC_GROUP (self));
  g_return_if_fail (RH_IS_SYNC (sync));
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_set_object (&self->sync, sync);
  g_set_object (&self->settings, settings);
  g_signal_connect_object (settings, "changed::sync-folder", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sync, "notify::available", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sync, "file-refused", G_CALLBACK (file_refused_cb), self, G_CONNECT_SWAPPED);
  update (self);
}

/* What the folder row says: the folder, or that there is none. */
const char *
rh_sync_group_get_folder_text (RhSyncGroup *self)
{
  g_return_val_if_fail (RH_IS_SYNC_GROUP (self), NULL);
  return adw_action_row_get_subtitle (self->folder_row);
}
