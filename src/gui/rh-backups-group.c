/* rh-backups-group.c: the backups in Preferences, each one to restore
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lists the collection's backups (read in a worker thread: counting the
 * reviews of thirty large files takes a while, and Preferences must not
 * freeze), restores one after asking, or any Rehearse file the user picks,
 * and backs up on demand.  The widget only asks the collection and its
 * RhBackups; every check and every file operation is theirs.  After a
 * restore the window closes: the main window shows the restored data and
 * says so in a toast.
 */
#define G_LOG_DOMAIN "rehearse-backups-group"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rh-backups-group.h"
#include "rh-format.h"

struct _RhBackupsGroup {
  AdwPreferencesGroup parent_instance;

  GtkListBox *list;
  GtkSpinner *back_up_spinner;

  RhCollection *collection;
  RhBackups *backups;
  GCancellable *cancellable;  /* the listing under way */
  GCancellable *alive;        /* everything else: cancelled when the widget goes */
  GtkNativeDialog *chooser;
  gboolean busy;              /* a backup or a restore is under way */
};

G_DEFINE_FINAL_TYPE (RhBackupsGroup, rh_backups_group, ADW_TYPE_PREFERENCES_GROUP)

/* Actions follow what can be done now: nothing twice at once, no backup of
 * a store that is not open, no restore while its file is someone else's. */
static void
update_actions (RhBackupsGroup *self)
{
  gboolean restorable = self->collection != NULL && !self->busy && rh_collection_can_restore (self->collection);
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "backups.back-up-now",
                                 self->collection != NULL && !self->busy && rh_collection_is_open (self->collection));
  gtk_widget_action_set_enabled (widget, "backups.restore", restorable);
  gtk_widget_action_set_enabled (widget, "backups.restore-file", restorable);
  gtk_widget_action_set_enabled (widget, "backups.restore-from-file", restorable);
}

static void
set_busy (RhBackupsGroup *self,
          gboolean        busy)
{
  self->busy = busy;
  update_actions (self);
}

static GtkWindow *
parent_window (RhBackupsGroup *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_error (RhBackupsGroup *self,
            const char     *heading,
            const GError   *error)
{
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
toast (RhBackupsGroup *self,
       const char     *text)
{
  GtkWindow *window = parent_window (self);
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (ADW_IS_PREFERENCES_WINDOW (window))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), adw_toast_new (escaped));
}

/* Asynchronous results hold no reference to the widget (it would keep the
 * collection, and so the store, open past the end of the application): a
 * widget that is gone has cancelled them, and is not touched. */
static gboolean
gone (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* --- The list ---------------------------------------------------------------- */

static void
clear_list (RhBackupsGroup *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
}

/* A row that says something about the list itself: none yet, still
 * reading, or why the folder cannot be read. */
static void
add_note_row (RhBackupsGroup *self,
              const char     *title,
              gboolean        spinning)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  gtk_widget_add_css_class (row, "dim-label");
  if (spinning)
    {
      GtkWidget *spinner = gtk_spinner_new ();

      gtk_spinner_start (GTK_SPINNER (spinner));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spinner);
    }
  gtk_list_box_append (self->list, row);
}

static GtkWidget *
backup_row (RhBackupsGroup     *self,
            const RhBackupInfo *info)
{
  g_autofree char *when = rh_format_backup_time (rh_collection_get_clock (self->collection), info->time);
  g_autofree char *reviews = info->error == NULL ? rh_format_reviews (info->n_reviews) : NULL;
  g_autofree char *subtitle = g_markup_escape_text (info->error == NULL ? reviews : info->error->message, -1);
  /* Translators: the tooltip of a backup's Restore button; %s is when it was made */
  g_autofree char *tooltip = g_strdup_printf (_("Restore the backup of %s"), when);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (info->error != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      return row;
    }
  button = gtk_button_new_with_mnemonic (_("_Restore…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "backups.restore");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", info->path);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RhBackupsGroup *self = user_data;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  found = rh_backups_list_finish (RH_BACKUPS (source), result, &error);
  if (gone (error))
    return;
  clear_list (self);
  if (found == NULL)
    add_note_row (self, error->message, FALSE);
  else if (found->len == 0)
    add_note_row (self, _("No backups yet"), FALSE);
  for (guint i = 0; found != NULL && i < found->len; i++)
    gtk_list_box_append (self->list, backup_row (self, g_ptr_array_index (found, i)));
}

/* Reads the list again, in a worker thread; what was shown stays until
 * the new list is there. */
static void
reload (RhBackupsGroup *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->backups == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  if (gtk_widget_get_first_child (GTK_WIDGET (self->list)) == NULL)
    add_note_row (self, _("Looking for backups…"), TRUE);
  rh_backups_list_async (self->backups, self->cancellable, listed_cb, self);
}

/* --- Backing up ---------------------------------------------------------------- */

static void
backed_up_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  RhBackupsGroup *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *made = rh_backups_create_finish (RH_BACKUPS (source), result, &error);

  if (gone (error))
    return;
  set_busy (self, FALSE);
  gtk_spinner_stop (self->back_up_spinner);
  if (made == NULL)
    show_error (self, _("Could Not Back Up"), error);
  else
    toast (self, _("Backed up"));
}

static void
back_up_now_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RhBackupsGroup *self = RH_BACKUPS_GROUP (widget);

  set_busy (self, TRUE);
  gtk_spinner_start (self->back_up_spinner);
  rh_backups_create_async (self->backups, RH_BACKUPS_NOW, self->alive, backed_up_cb, self);
}

/* --- Restoring ------------------------------------------------------------------ */

static void
restored_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RhBackupsGroup *self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  if (!rh_collection_restore_backup_finish (RH_COLLECTION (source), result, NULL, &error) && gone (error))
    return;
  set_busy (self, FALSE);
  if (error != NULL)
    {
      show_error (self, _("Could Not Restore"), error);
      return;
    }
  /* The main window shows what was restored, and says so. */
  window = parent_window (self);
  if (window != NULL)
    gtk_window_close (window);
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     RhBackupsGroup   *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");

  if (!g_str_equal (response, "restore") || self->collection == NULL)
    return;
  set_busy (self, TRUE);
  /* Finished even if this window closes: the user asked for it. */
  rh_collection_restore_backup_async (self->collection, path, self->alive, restored_cb, self);
}

/* Asks first, saying what replaces what, and that nothing is lost. */
static void
confirm_restore (RhBackupsGroup     *self,
                 const RhBackupInfo *info)
{
  g_autofree char *name = g_path_get_basename (info->path);
  g_autofree char *when = info->time != 0 ? rh_format_backup_time (rh_collection_get_clock (self->collection),
                                                                    info->time) : NULL;
  g_autofree char *what = when != NULL ? g_strdup_printf (_("the backup of %s"), when)
                                       : g_strdup_printf (_("“%s”"), name);
  g_autofree char *reviews = rh_format_reviews (info->n_reviews);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (rh_collection_is_open (self->collection))
    body = g_strdup_printf (_("Your study data will be replaced by %s, with %s. Your current progress is backed "
                              "up first, so you can come back to it from this list."), what, reviews);
  else
    body = g_strdup_printf (_("Your study data will be replaced by %s, with %s. The file that cannot be opened "
                              "is renamed and kept."), what, reviews);
  dialog = adw_message_dialog_new (parent_window (self), _("Restore This Backup?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (info->path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
checked_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  RhBackupsGroup *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RhBackupInfo) info = rh_backups_check_finish (RH_BACKUPS (source), result, &error);

  if (gone (error))
    return;
  set_busy (self, FALSE);
  if (info == NULL)
    show_error (self, _("This File Cannot Be Restored"), error);
  else
    confirm_restore (self, info);
}

/* backups.restore(path) and backups.restore-file(path): the file is
 * checked whole (in a worker thread) before anything is asked. */
static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RhBackupsGroup *self = RH_BACKUPS_GROUP (widget);

  set_busy (self, TRUE);
  rh_backups_check_async (self->backups, g_variant_get_string (parameter, NULL), self->alive, checked_cb, self);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     RhBackupsGroup  *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (response == GTK_RESPONSE_ACCEPT && path != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "backups.restore-file", "s", path);
  g_clear_object (&self->chooser);
}

static void
restore_from_file_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  RhBackupsGroup *self = RH_BACKUPS_GROUP (widget);
  g_autoptr(GFile) folder = g_file_new_for_path (rh_backups_get_folder (self->backups));
  g_autoptr(GtkFileFilter) databases = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Restore from File"), parent_window (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Restore"), _("_Cancel"));
  gtk_file_filter_set_name (databases, _("Rehearse study files"));
  gtk_file_filter_add_pattern (databases, "*.db");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), databases);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  if (g_file_query_exists (folder, NULL))
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

/* --- Object ---------------------------------------------------------------------- */

static void
rh_backups_group_dispose (GObject *object)
{
  RhBackupsGroup *self = RH_BACKUPS_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->alive);
  g_clear_object (&self->alive);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  rh_backups_group_set_collection (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_BACKUPS_GROUP);

  G_OBJECT_CLASS (rh_backups_group_parent_class)->dispose (object);
}

static void
rh_backups_group_class_init (RhBackupsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_backups_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/rh-backups-group.ui");
  gtk_widget_class_bind_template_child (widget_class, RhBackupsGroup, list);
  gtk_widget_class_bind_template_child (widget_class, RhBackupsGroup, back_up_spinner);

  gtk_widget_class_install_action (widget_class, "backups.back-up-now", NULL, back_up_now_action);
  gtk_widget_class_install_action (widget_class, "backups.restore", "s", restore_action);
  gtk_widget_class_install_action (widget_class, "backups.restore-file", "s", restore_action);
  gtk_widget_class_install_action (widget_class, "backups.restore-from-file", NULL, restore_from_file_action);
}

static void
rh_backups_group_init (RhBackupsGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->alive = g_cancellable_new ();
  update_actions (self);
}

/* "~/.local/share/rehearse/backups": the folder as people read it. */
static char *
display_folder (const char *folder)
{
  const char *home = g_get_home_dir ();

  if (g_str_has_prefix (folder, home) && folder[strlen (home)] == G_DIR_SEPARATOR)
    return g_strconcat ("~", folder + strlen (home), NULL);
  return g_strdup (folder);
}

static void
describe (RhBackupsGroup *self)
{
  g_autofree char *folder = display_folder (rh_backups_get_folder (self->backups));
  g_autofree char *text = g_strdup_printf (_("Copies of your study data, made after you study and when Rehearse "
                                             "quits, at most every 30 minutes, in “%s”. All from the last two days "
                                             "are kept, then one a day for 12 days, one a week for 10 weeks and one "
                                             "a month for 9 months."), folder);
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), escaped);
}

static void
store_changed_cb (RhBackupsGroup *self)
{
  update_actions (self);
  reload (self);
}

/* The backups of @collection's study data (NULL: none). */
void
rh_backups_group_set_collection (RhBackupsGroup *self,
                                 RhCollection   *collection)
{
  RhBackups *backups;

  g_return_if_fail (RH_IS_BACKUPS_GROUP (self));
  g_return_if_fail (collection == NULL || RH_IS_COLLECTION (collection));

  if (self->collection != NULL)
    g_signal_handlers_disconnect_by_data (self->collection, self);
  if (self->backups != NULL)
    g_signal_handlers_disconnect_by_data (self->backups, self);
  g_set_object (&self->collection, collection);
  backups = collection != NULL ? rh_collection_get_backups (collection) : NULL;
  g_set_object (&self->backups, backups);
  if (self->backups != NULL)
    {
      g_signal_connect_object (self->backups, "changed", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (collection, "store-opened", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (collection, "store-failed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
      describe (self);
    }
  update_actions (self);
  reload (self);
}
