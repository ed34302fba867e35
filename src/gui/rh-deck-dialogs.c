/* rh-deck-dialogs.c: Add Deck…, Remove Deck, a deck's information
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adding: a file chooser (a deck, a CSV or TSV list of questions and
 * answers, or Anki's "Notes in Plain Text"); a list of cards is named by the
 * learner before it becomes a deck in their deck folder.  Removing: asked
 * first; only hidden, so that the file and the progress stay, and adding
 * the deck again (or the toast's Undo) brings it back.  Refusals are shown
 * whole: they name the file and the line.
 */
#define G_LOG_DOMAIN "rehearse-deck-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-deck-dialogs.h"
#include "rh-deck-import.h"
#include "rh-deck-info-window.h"
#include "rh-format.h"

typedef struct {
  GtkWindow *parent;
  RhCollection *collection;
  RhDeckDone done;
  gpointer user_data;
  char *path;
  char *deck_id;
  GtkEntry *title_entry;
} Job;

static Job *
job_new (GtkWindow    *parent,
         RhCollection *collection,
         RhDeckDone    done,
         gpointer      user_data)
{
  Job *job = g_new0 (Job, 1);

  job->parent = g_object_ref (parent);
  job->collection = g_object_ref (collection);
  job->done = done;
  job->user_data = user_data;
  return job;
}

static void
job_free (Job *job)
{
  g_clear_object (&job->parent);
  g_clear_object (&job->collection);
  g_free (job->path);
  g_free (job->deck_id);
  g_free (job);
}

static void
show_message (GtkWindow  *parent,
              const char *heading,
              const char *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- Adding ------------------------------------------------------------------ */

static char *
describe_added (RhDeck   *deck,
                gboolean  brought_back)
{
  g_autofree char *size = NULL;

  if (brought_back)
    return g_strdup_printf (_("%s is back, with your progress"), rh_deck_get_title (deck));
  size = rh_format_deck_size (deck);
  /* Translators: "Added Platform Onboarding: 120 cards in 6 topics" */
  return g_strdup_printf (_("Added %s: %s"), rh_deck_get_title (deck), size);
}

/* Adds the deck (or list of cards) at @path, titled @title (NULL: its own,
 * or the file's name). */
void
rh_deck_dialogs_add_file (GtkWindow    *parent,
                          RhCollection *collection,
                          const char   *path,
                          const char   *title,
                          RhDeckDone    done,
                          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *message = NULL;
  gboolean brought_back = FALSE;
  RhDeckSource *source;

  g_return_if_fail (RH_IS_COLLECTION (collection));
  g_return_if_fail (path != NULL);

  source = rh_deck_library_add_file (rh_collection_get_library (collection), path, title, &notice, &brought_back,
                                     &error);
  if (source == NULL)
    {
      show_message (parent, _("The Deck Could Not Be Added"), error->message);
      return;
    }
  message = describe_added (rh_deck_source_get_deck (source), brought_back);
  if (notice != NULL)
    show_message (parent, message, notice);
  if (done != NULL)
    done (message, NULL, user_data);
}

static void
title_changed_cb (GtkEditable      *entry,
                  AdwMessageDialog *dialog)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "add", title[0] != '\0');
}

static void
title_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   Job              *job)
{
  if (g_str_equal (response, "add"))
    {
      g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (job->title_entry))));

      rh_deck_dialogs_add_file (job->parent, job->collection, job->path, title, job->done, job->user_data);
    }
  job_free (job);
}

/* A list of cards becomes a deck with a name the learner gives. */
static void
ask_title (Job *job)
{
  g_autofree char *name = g_filename_display_basename (job->path);
  g_autofree char *title = rh_deck_import_title_for_path (job->path);
  g_autofree char *body = g_strdup_printf (_("The cards of “%s” become a deck of their own. What should it be called?"),
                                           name);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (job->parent, _("Name the Deck"), body));
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), title);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Deck name"), -1);
  job->title_entry = GTK_ENTRY (entry);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "add", _("_Add Deck"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "add");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (title_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (title_response_cb), job);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
chooser_response_cb (GtkFileChooserNative *chooser,
                     int                   response,
                     Job                  *job)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  job->path = file != NULL ? g_file_get_path (file) : NULL;
  g_object_unref (chooser);
  if (response != GTK_RESPONSE_ACCEPT || job->path == NULL)
    job_free (job);
  else if (g_str_has_suffix (job->path, ".xml"))
    {
      rh_deck_dialogs_add_file (job->parent, job->collection, job->path, NULL, job->done, job->user_data);
      job_free (job);
    }
  else
    ask_title (job);
}

static void
add_filter (GtkFileChooser     *chooser,
            const char         *name,
            const char * const *patterns)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

/* Add Deck…: a deck, or cards to make one of. */
void
rh_deck_dialogs_add (GtkWindow    *parent,
                     RhCollection *collection,
                     RhDeckDone    done,
                     gpointer      user_data)
{
  GtkFileChooserNative *chooser;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (RH_IS_COLLECTION (collection));

  chooser = gtk_file_chooser_native_new (_("Add Deck"), parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filter (GTK_FILE_CHOOSER (chooser), _("Decks and card lists"),
              (const char * const[]) { "*.xml", "*.csv", "*.tsv", "*.txt", NULL });
  add_filter (GTK_FILE_CHOOSER (chooser), _("Rehearse decks (XML)"), (const char * const[]) { "*.xml", NULL });
  add_filter (GTK_FILE_CHOOSER (chooser), _("Questions and answers (CSV, TSV)"),
              (const char * const[]) { "*.csv", "*.tsv", NULL });
  add_filter (GTK_FILE_CHOOSER (chooser), _("Anki notes in plain text"), (const char * const[]) { "*.txt", NULL });
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb),
                    job_new (parent, collection, done, user_data));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* --- Removing and information ----------------------------------------------- */

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Job              *job)
{
  if (g_str_equal (response, "remove"))
    {
      RhDeckLibrary *library = rh_collection_get_library (job->collection);
      RhDeckSource *source = rh_deck_library_lookup (library, job->deck_id);
      g_autofree char *name = source != NULL ? rh_deck_source_dup_display_name (source) : g_strdup (job->deck_id);
      g_autofree char *message = g_strdup_printf (_("Removed %s"), name);

      rh_deck_library_set_deck_hidden (library, job->deck_id, TRUE);
      if (job->done != NULL)
        job->done (message, job->deck_id, job->user_data);
    }
  job_free (job);
}

/* Remove Deck: asked first; the file and the progress stay. */
void
rh_deck_dialogs_remove (GtkWindow    *parent,
                        RhCollection *collection,
                        const char   *deck_id,
                        RhDeckDone    done,
                        gpointer      user_data)
{
  RhDeckLibrary *library;
  RhDeckSource *source;
  g_autoptr(GPtrArray) in_use = NULL;
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  Job *job;

  g_return_if_fail (RH_IS_COLLECTION (collection));
  g_return_if_fail (deck_id != NULL);

  library = rh_collection_get_library (collection);
  source = rh_deck_library_lookup (library, deck_id);
  in_use = rh_deck_library_dup_usable_decks (library);
  if (source == NULL || !rh_deck_source_is_usable (source))
    return;
  if (in_use->len <= 1)
    {
      show_message (parent, _("The Only Deck Stays"),
                    _("Rehearse studies at least one deck. Add another deck before you remove this one."));
      return;
    }
  name = rh_deck_source_dup_display_name (source);
  heading = g_strdup_printf (_("Remove %s?"), name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    parent, heading,
    _("Its cards leave the sidebar, the study queue and the statistics of the decks. Your progress on them is "
      "kept, and the reviews you did count in your streak: add the deck again to bring it back.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  job = job_new (parent, collection, done, user_data);
  job->deck_id = g_strdup (deck_id);
  g_signal_connect (dialog, "response", G_CALLBACK (remove_response_cb), job);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The source of a deck file (or resource), or else of a deck id. */
static RhDeckSource *
find_source (RhDeckLibrary *library,
             const char    *path_or_id)
{
  GListModel *sources = rh_deck_library_get_sources (library);

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(RhDeckSource) source = g_list_model_get_item (sources, i);

      /* The list holds it. */
      if (g_strcmp0 (rh_deck_source_get_location (source), path_or_id) == 0)
        return source;
    }
  return rh_deck_library_lookup (library, path_or_id);
}

void
rh_deck_dialogs_info (GtkWindow    *parent,
                      RhCollection *collection,
                      const char   *deck_id)
{
  RhDeckSource *source;

  g_return_if_fail (RH_IS_COLLECTION (collection));
  g_return_if_fail (deck_id != NULL);

  source = find_source (rh_collection_get_library (collection), deck_id);
  if (source != NULL)
    gtk_window_present (GTK_WINDOW (rh_deck_info_window_new (parent, source)));
}
