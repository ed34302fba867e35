/* rh-progress-dialogs.c: Export Progress… and Import Progress…
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A file chooser, then the collection does the work: an export writes
 * every event of the history to a progress file (docs/progress-format.md);
 * an import merges one.  A refusal is shown in a dialog, whole: it names
 * the file and the line.
 */
#define G_LOG_DOMAIN "rehearse-progress-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-progress-dialogs.h"

typedef struct {
  GtkWindow *parent;
  RhCollection *collection;
  RhProgressDone done;
  gpointer user_data;
  gboolean import;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->parent);
  g_clear_object (&job->collection);
  g_free (job);
}

static void
show_error (GtkWindow  *parent,
            const char *heading,
            GError     *error)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, error->message));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "Imported 1,204 reviews; 37 were already here." */
char *
rh_progress_dialogs_imported (const RhMergeCounts *counts)
{
  g_autofree char *n_new = g_strdup_printf ("%'u", counts->n_new);
  g_autofree char *n_known = g_strdup_printf ("%'u", counts->n_known);
  g_autofree char *first = NULL;

  if (counts->n_new == 0)
    return g_strdup_printf (ngettext ("Nothing new: the %s entry was already here",
                                      "Nothing new: all %s entries were already here", counts->n_known),
                            n_known);
  first = g_strdup_printf (ngettext ("Imported %s entry", "Imported %s entries", counts->n_new), n_new);
  if (counts->n_known == 0)
    return g_steal_pointer (&first);
  /* Translators: the first part is "Imported N entries". */
  return g_strdup_printf (ngettext ("%s; %s was already here", "%s; %s were already here", counts->n_known),
                          first, n_known);
}

static void
response_cb (GtkFileChooserNative *chooser,
             int                   response,
             Job                  *job)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && path != NULL)
    {
      if (job->import)
        {
          RhMergeCounts counts = { 0 };

          if (rh_collection_import_progress (job->collection, path, &counts, &error))
            {
              g_autofree char *message = rh_progress_dialogs_imported (&counts);

              job->done (message, job->user_data);
            }
          else
            show_error (job->parent, _("The Progress File Was Not Imported"), error);
        }
      else
        {
          guint n = 0;

          if (rh_collection_export_progress (job->collection, path, &n, &error))
            {
              g_autofree char *count = g_strdup_printf ("%'u", n);
              g_autofree char *message = g_strdup_printf (ngettext ("Exported %s entry", "Exported %s entries", n),
                                                          count);

              job->done (message, job->user_data);
            }
          else
            show_error (job->parent, _("The Progress Was Not Exported"), error);
        }
    }
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
  job_free (job);
}

/* A file chooser for an export (@import FALSE) or an import; then the
 * collection does it, and @done says how it went. */
void
rh_progress_dialogs_show (GtkWindow      *parent,
                          RhCollection   *collection,
                          gboolean        import,
                          RhProgressDone  done,
                          gpointer        user_data)
{
  Job *job;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  g_return_if_fail (GTK_IS_WINDOW (parent) && RH_IS_COLLECTION (collection) && done != NULL);

  job = g_new0 (Job, 1);

  job->parent = g_object_ref (parent);
  job->collection = g_object_ref (collection);
  job->done = done;
  job->user_data = user_data;
  job->import = import;
  chooser = gtk_file_chooser_native_new (import ? _("Import Progress") : _("Export Progress"), parent,
                                         import ? GTK_FILE_CHOOSER_ACTION_OPEN : GTK_FILE_CHOOSER_ACTION_SAVE,
                                         import ? _("_Import") : _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Rehearse progress files"));
  gtk_file_filter_add_pattern (filter, "*.log");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  if (!import)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d");
      g_autofree char *name = g_strdup_printf ("rehearse-progress-%s.log", stamp);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
