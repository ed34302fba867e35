/* rh-window.c: the topic sidebar beside the study, browse and statistics views
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window is handed the collection and the settings when it is made.
 * It makes its study session from the collection, passes the sidebar's
 * selection on to the three views, keeps the sidebar's counts current when
 * the collection says they changed, and turns the collection's errors into
 * toasts or dialogs that name the file concerned.
 */
#define G_LOG_DOMAIN "rehearse-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-browse-view.h"
#include "rh-card-info-window.h"
#include "rh-format.h"
#include "rh-deck-dialogs.h"
#include "rh-interview-view.h"
#include "rh-progress-dialogs.h"
#include "rh-stats-view.h"
#include "rh-store.h"
#include "rh-study-view.h"
#include "rh-topic-sidebar.h"
#include "rh-window-private.h"

struct _RhWindow {
  AdwApplicationWindow parent_instance;

  GtkStack *main_stack;
  AdwBin *interview_bin;
  AdwLeaflet *leaflet;
  GtkWidget *sidebar_box;
  GtkWidget *content_box;
  RhTopicSidebar *sidebar;
  GtkToggleButton *search_button;
  AdwViewSwitcherTitle *switcher_title;
  GtkWidget *switcher_bar;
  AdwViewStack *stack;
  AdwToastOverlay *toast_overlay;
  RhStudyView *study_view;
  AdwBin *browse_bin;
  AdwBin *stats_bin;
  /* Made the first time they are shown (make_view()), else NULL; owned by
   * their bins. */
  RhBrowseView *browse_view;
  RhStatsView *stats_view;
  RhInterviewView *interview_view;

  RhCollection *collection;
  GSettings *settings;
  RhStudySession *session;
  AdwToast *retry_toast;    /* weak */
  gboolean had_card;        /* the session showed a card: its end is a time to back up */
  GCancellable *cancellable;  /* what the window waits for: cancelled when it goes */
};

G_DEFINE_FINAL_TYPE (RhWindow, rh_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_COLLECTION,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_view (RhWindow   *self,
           const char *name)
{
  adw_view_stack_set_visible_child_name (self->stack, name);
  /* On a narrow window the views are behind the sidebar: bring them up. */
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
}

static void
view_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RhWindow *self = RH_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->stack, name) == NULL)
    {
      g_warning ("There is no view called “%s”", name);
      return;
    }
  show_view (self, name);
}

static void browse_study_now_cb (RhWindow *self,
                                 RhCard   *card);
static void show_info_cb        (RhWindow *self,
                                 RhCard   *card);
static void interview_closed_cb (RhWindow *self);
static void interview_study_topics_cb (RhWindow           *self,
                                       const char * const *topics);

/* What Browse, the statistics and the interview show: the collection when
 * there is study data, else nothing. */
static RhCollection *
views_collection (RhWindow *self)
{
  return self->session != NULL ? self->collection : NULL;
}

/* A start shows the study view alone.  Browse (a row for every card), the
 * statistics (charts over the whole review log) and the interview are made
 * the first time they are shown, with the sidebar's selection and search
 * and, when there is study data, the collection; from then on they follow
 * them as they change. */
static void
make_view (RhWindow   *self,
           const char *name)
{
  g_auto(GStrv) topics = rh_topic_sidebar_dup_selected_topics (self->sidebar);
  RhCollection *collection = views_collection (self);

  if (g_strcmp0 (name, "browse") == 0 && self->browse_view == NULL)
    {
      self->browse_view = g_object_new (RH_TYPE_BROWSE_VIEW, NULL);
      g_signal_connect_object (self->browse_view, "study-now", G_CALLBACK (browse_study_now_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->browse_view, "show-info", G_CALLBACK (show_info_cb), self, G_CONNECT_SWAPPED);
      rh_browse_view_set_collection (self->browse_view, collection);
      rh_browse_view_set_scope (self->browse_view, (const char * const *)topics);
      rh_browse_view_set_search (self->browse_view, rh_topic_sidebar_get_search_text (self->sidebar));
      adw_bin_set_child (self->browse_bin, GTK_WIDGET (self->browse_view));
    }
  else if (g_strcmp0 (name, "statistics") == 0 && self->stats_view == NULL)
    {
      self->stats_view = g_object_new (RH_TYPE_STATS_VIEW, NULL);
      rh_stats_view_set_scope (self->stats_view, (const char * const *)topics);
      rh_stats_view_set_collection (self->stats_view, collection);
      adw_bin_set_child (self->stats_bin, GTK_WIDGET (self->stats_view));
    }
  else if (g_strcmp0 (name, "interview") == 0 && self->interview_view == NULL)
    {
      self->interview_view = g_object_new (RH_TYPE_INTERVIEW_VIEW, NULL);
      g_signal_connect_object (self->interview_view, "close", G_CALLBACK (interview_closed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->interview_view, "study-topics", G_CALLBACK (interview_study_topics_cb), self,
                               G_CONNECT_SWAPPED);
      if (collection != NULL)
        rh_interview_view_set_collection (self->interview_view, collection, self->settings);
      adw_bin_set_child (self->interview_bin, GTK_WIDGET (self->interview_view));
    }
}

/* On the study view the grade buttons sit at the bottom, where toasts
 * appear: there they are raised above the buttons (style.css). */
static void
visible_view_changed_cb (RhWindow *self)
{
  make_view (self, adw_view_stack_get_visible_child_name (self->stack));
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->stack), "study") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->toast_overlay), "above-grades");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->toast_overlay), "above-grades");
}

/* Ctrl+?: the keyboard shortcuts, as GTK's help overlay; made when first
 * asked for, not (as GTK would from gtk/help-overlay.ui) with every window
 * on the way to the first frame. */
static void
show_shortcuts_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GtkApplicationWindow *self = GTK_APPLICATION_WINDOW (widget);

  if (gtk_application_window_get_help_overlay (self) == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PATH "/help-overlay.ui");

      /* The window owns it from now on, and shows each action's keys. */
      gtk_application_window_set_help_overlay (self, GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder,
                                                                                                  "help_overlay")));
    }
  gtk_window_present (GTK_WINDOW (gtk_application_window_get_help_overlay (self)));
}

static void
show_topics_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RhWindow *self = RH_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar_box);
}

/* A toast; its button, if any, activates @action (with @target, or none). */
static AdwToast *
toast_with_target (RhWindow   *self,
                   const char *title,
                   const char *button,
                   const char *action,
                   GVariant   *target,
                   guint       timeout)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, timeout);
  if (button != NULL)
    {
      adw_toast_set_button_label (toast, button);
      adw_toast_set_action_name (toast, action);
      if (target != NULL)
        adw_toast_set_action_target_value (toast, target);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  return toast;
}

static AdwToast *
toast (RhWindow   *self,
       const char *title,
       const char *button,
       const char *action,
       guint       timeout)
{
  return toast_with_target (self, title, button, action, NULL, timeout);
}

static void
dismiss_retry (RhWindow *self)
{
  if (self->retry_toast != NULL)
    adw_toast_dismiss (self->retry_toast);
}

/* A change could not be saved (the collection says so, whichever view
 * made it): say so, with the file, until dismissed. */
static void
failed_cb (RhWindow     *self,
           const GError *error)
{
  g_autofree char *text = NULL;

  if (!g_error_matches (error, RH_STORE_ERROR, RH_STORE_ERROR_BUSY))
    {
      text = g_strdup_printf (_("Not saved: %s"), error->message);
      toast (self, text, NULL, NULL, 0);
      return;
    }
  /* Another program holds the file for a moment: the grade can be tried
   * again.  One such toast at a time, gone once a grade is saved. */
  dismiss_retry (self);
  self->retry_toast = toast (self, _("Not saved: another program is using your study file"),
                             _("_Retry"), "win.retry-grade", 0);
  g_object_add_weak_pointer (G_OBJECT (self->retry_toast), (gpointer *)&self->retry_toast);
}

static void
retry_grade_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RhWindow *self = RH_WINDOW (widget);

  rh_study_view_retry_grade (self->study_view);
}

/* win.undo and win.redo: the session moves the entry, a toast says which. */
static void
history_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RhWindow *self = RH_WINDOW (widget);
  gboolean undo = g_str_equal (action_name, "win.undo");
  g_autoptr(GError) error = NULL;
  RhReview moved = { 0 };
  g_autofree char *text = NULL;
  gboolean ok;

  if (self->session == NULL)
    return;
  ok = undo ? rh_study_session_undo (self->session, &moved, &error)
            : rh_study_session_redo (self->session, &moved, &error);
  if (!ok)
    {
      /* A failure was already reported by the collection's "error". */
      if (error == NULL)
        toast (self, undo ? _("Nothing to undo") : _("Nothing to redo"), NULL, NULL, 2);
      return;
    }

  if (undo)
    {
      RhCard *card = rh_collection_lookup_card (self->collection, moved.card_id);

      /* Translators: "Undid “Good” on “Python decorators”". */
      text = card != NULL ? g_strdup_printf (_("Undid “%s” on “%s”"), rh_format_rating (moved.rating),
                                             rh_card_get_title (card))
                          /* The last grade was on a deck removed since. */
                          : g_strdup_printf (_("Undid “%s” on a card of a removed deck"),
                                             rh_format_rating (moved.rating));
      toast (self, text, _("_Redo"), "win.redo", 5);
      /* The card taken back is shown again; a reset was undone where it was made. */
      if (moved.kind != RH_REVIEW_RESET)
        show_view (self, "study");
    }
  else
    {
      text = g_strdup_printf (_("Redid “%s”"), rh_format_rating (moved.rating));
      toast (self, text, NULL, NULL, 2);
    }
  rh_review_clear (&moved);
}

static void
search_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RhWindow *self = RH_WINDOW (widget);

  gtk_toggle_button_set_active (self->search_button, !gtk_toggle_button_get_active (self->search_button));
}

static void
search_toggled_cb (RhWindow *self)
{
  gboolean active = gtk_toggle_button_get_active (self->search_button);

  if (active)
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar_box);
  rh_topic_sidebar_set_search_mode (self->sidebar, active);
}

static void
sidebar_search_changed_cb (RhWindow *self)
{
  const char *text = rh_topic_sidebar_get_search_text (self->sidebar);

  gtk_toggle_button_set_active (self->search_button, rh_topic_sidebar_get_search_mode (self->sidebar));
  if (self->browse_view != NULL)
    rh_browse_view_set_search (self->browse_view, text);
  /* Results are cards: the browse view is where they are. */
  if (text != NULL)
    adw_view_stack_set_visible_child_name (self->stack, "browse");
}

/* A topic was chosen: the views come forward, and while studying, Space
 * shows the answer again rather than toggling the row. */
static void
sidebar_topic_activated_cb (RhWindow *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->stack), "study") == 0)
    rh_study_view_focus (self->study_view);
}

static void
sidebar_scope_changed_cb (RhWindow *self)
{
  adw_view_switcher_title_set_subtitle (self->switcher_title,
                                        rh_topic_sidebar_get_scope_title (self->sidebar));
}

static void
sidebar_selection_changed_cb (RhWindow *self)
{
  g_auto(GStrv) topics = rh_topic_sidebar_dup_selected_topics (self->sidebar);

  if (self->browse_view != NULL)
    rh_browse_view_set_scope (self->browse_view, (const char * const *)topics);
  if (self->stats_view != NULL)
    rh_stats_view_set_scope (self->stats_view, (const char * const *)topics);
  if (self->session != NULL)
    rh_study_session_set_topics (self->session, (const char * const *)topics);
}

/* The sidebar's due, new and readiness figures, one pass over the cards;
 * on "counts-changed", and only then. */
static void
update_counts (RhWindow *self)
{
  RhDeck *deck = rh_collection_get_deck (self->collection);
  g_autofree RhCounts *per_topic = NULL;
  g_autofree RhCounts *per_deck = NULL;
  RhCounts all;

  if (deck == NULL || !rh_collection_is_open (self->collection))
    return;
  per_topic = g_new0 (RhCounts, MAX (g_list_model_get_n_items (rh_deck_get_topics (deck)), 1));
  per_deck = g_new0 (RhCounts, MAX (rh_deck_get_n_parts (deck), 1));
  rh_collection_count_topics (self->collection, deck, per_topic, per_deck, &all);
  rh_topic_sidebar_set_counts (self->sidebar, per_topic, per_deck, &all);
}

/* --- Decks ------------------------------------------------------------------ */

/* Decks were added, loaded again or removed: the sidebar lists them anew
 * (its selection, where it still is, and the views' scopes with it). */
static void
decks_changed_cb (RhWindow *self)
{
  rh_topic_sidebar_set_decks (self->sidebar, rh_collection_get_deck (self->collection),
                              rh_deck_library_get_sources (rh_collection_get_library (self->collection)));
}

static void
deck_updated_cb (RhWindow     *self,
                 RhDeckSource *source,
                 const char   *message)
{
  toast (self, message, NULL, NULL, 5);
}

static void
deck_done_cb (const char *message,
              const char *removed_id,
              gpointer    user_data)
{
  RhWindow *self = RH_WINDOW (user_data);

  /* The target before the toast is shown: a button without one warns. */
  toast_with_target (self, message, removed_id != NULL ? _("_Undo") : NULL, "win.restore-deck",
                     removed_id != NULL ? g_variant_new_string (removed_id) : NULL, 5);
}

/* win.add-deck, win.add-deck-file ((ss): a path and a title, "" for the
 * deck's own), win.remove-deck (s), win.restore-deck (s), win.deck-info (s). */
static void
deck_action_cb (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  RhWindow *self = RH_WINDOW (widget);
  GtkWindow *window = GTK_WINDOW (self);

  if (g_str_equal (action, "win.add-deck"))
    rh_deck_dialogs_add (window, self->collection, deck_done_cb, self);
  else if (g_str_equal (action, "win.add-deck-file"))
    {
      const char *path, *title;

      g_variant_get (parameter, "(&s&s)", &path, &title);
      rh_deck_dialogs_add_file (window, self->collection, path, title[0] != '\0' ? title : NULL, deck_done_cb, self);
    }
  else if (g_str_equal (action, "win.remove-deck"))
    rh_deck_dialogs_remove (window, self->collection, g_variant_get_string (parameter, NULL), deck_done_cb, self);
  else if (g_str_equal (action, "win.restore-deck"))
    rh_deck_library_set_deck_hidden (rh_collection_get_library (self->collection),
                                     g_variant_get_string (parameter, NULL), FALSE);
  else
    rh_deck_dialogs_info (window, self->collection, g_variant_get_string (parameter, NULL));
}

static void
show_info_cb (RhWindow *self,
              RhCard   *card)
{
  if (rh_collection_is_open (self->collection))
    gtk_window_present (GTK_WINDOW (rh_card_info_window_new (GTK_WINDOW (self), self->collection, card)));
}

static void
browse_study_now_cb (RhWindow *self,
                     RhCard   *card)
{
  if (self->session == NULL)
    return;
  g_settings_set_boolean (self->settings, "show-welcome", FALSE);
  rh_study_session_study_now (self->session, card);
  show_view (self, "study");
}

/* From a reminder: every topic, the study view, studying. */
static void
study_due_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RhWindow *self = RH_WINDOW (widget);

  show_view (self, "study");
  if (self->session == NULL)
    return;   /* the error page says why */
  rh_topic_sidebar_select_topics (self->sidebar, NULL);
  g_settings_set_boolean (self->settings, "show-welcome", FALSE);
  rh_study_view_focus (self->study_view);
}

/* From a reminder that asked a question: that card, its answer shown. */
static void
study_card_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RhWindow *self = RH_WINDOW (widget);
  RhCard *card = rh_collection_lookup_card (self->collection, g_variant_get_string (parameter, NULL));

  if (self->session == NULL || card == NULL)
    {
      study_due_action_cb (widget, action_name, NULL);
      return;
    }
  browse_study_now_cb (self, card);
  gtk_widget_activate_action (GTK_WIDGET (rh_study_view_get_card_view (self->study_view)), "card.show-answer", NULL);
  rh_study_view_focus (self->study_view);
}

static void set_session (RhWindow       *self,
                         RhStudySession *session);

/* --- The mock interview ------------------------------------------------------ */

/* The interview takes the whole window; studying's actions (undo, search,
 * the views) wait until it gives it back. */
static void
set_interviewing (RhWindow *self,
                  gboolean  interviewing)
{
  const char *study_actions[] = { "win.undo", "win.redo", "win.search", "win.view" };

  gtk_stack_set_visible_child_name (self->main_stack, interviewing ? "interview" : "study");
  for (guint i = 0; i < G_N_ELEMENTS (study_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), study_actions[i], !interviewing && self->session != NULL);
  if (!interviewing)
    rh_study_view_focus (self->study_view);
}

/* win.mock-interview: the interview under way, or the choices for one
 * over the sidebar's selection. */
static void
mock_interview_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  RhWindow *self = RH_WINDOW (widget);
  g_auto(GStrv) topics = NULL;

  if (self->session == NULL)
    return;
  topics = rh_topic_sidebar_dup_selected_topics (self->sidebar);
  make_view (self, "interview");
  rh_interview_view_begin (self->interview_view, (const char * const *)topics);
  set_interviewing (self, TRUE);
}

static void
interview_closed_cb (RhWindow *self)
{
  set_interviewing (self, FALSE);
}

/* The report's button: the weakest topics, studied now; when none of
 * their cards is due, practised. */
static void
interview_study_topics_cb (RhWindow           *self,
                           const char * const *topics)
{
  set_interviewing (self, FALSE);
  rh_topic_sidebar_select_topics (self->sidebar, topics);
  show_view (self, "study");
  if (self->session == NULL)
    return;
  g_settings_set_boolean (self->settings, "show-welcome", FALSE);
  if (rh_study_session_get_current (self->session) == NULL)
    rh_study_session_start_practice (self->session, (guint32)rh_collection_now (self->collection));
  rh_study_view_focus (self->study_view);
}

static void show_store_error (RhWindow     *self,
                              const GError *error);

static void back_up_if_due          (RhWindow         *self);
static void session_changed_cb      (RhWindow         *self);
static void offer_backup            (RhWindow         *self,
                                     AdwMessageDialog *dialog);
static void restore_offered_backup  (RhWindow         *self,
                                     AdwMessageDialog *dialog);
static void backup_restored_cb      (RhWindow         *self,
                                     const char       *restored,
                                     const char       *kept);

/* Quit, move the file aside, or try again: whichever the dialog offered. */
static void
store_dialog_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          RhWindow         *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *moved = NULL;

  if (g_str_equal (response, "quit"))
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

      if (app != NULL)
        g_application_quit (G_APPLICATION (app));
      else
        gtk_window_close (GTK_WINDOW (self));
      return;
    }
  if (g_str_equal (response, "restore"))
    {
      restore_offered_backup (self, dialog);
      return;
    }
  if (g_str_equal (response, "move"))
    moved = rh_collection_recover_store (self->collection, &error);
  else if (g_str_equal (response, "accept") ? rh_collection_accept_lost_changes (self->collection, &error)
                                            : rh_collection_retry_store (self->collection, &error))
    return;
  if (error != NULL)
    {
      rh_study_view_set_error (self->study_view, _("Your Study Data Could Not Be Opened"), error->message);
      show_store_error (self, error);
      return;
    }
  {
    g_autofree char *name = g_path_get_basename (moved);
    /* Translators: the file name, without its folder: the folder is the one named before. */
    g_autofree char *text = g_strdup_printf (_("Your old study file is kept beside the new one as “%s”"), name);

    toast (self, text, NULL, NULL, 0);
  }
}

static void
show_store_error_on_map (RhWindow *self)
{
  const GError *error = rh_collection_get_store_error (self->collection);

  g_signal_handlers_disconnect_by_func (self, show_store_error_on_map, NULL);
  if (error != NULL)
    show_store_error (self, error);
}

/* The store turned out damaged after it opened: as if it had not opened. */
static void
store_failed_cb (RhWindow     *self,
                 const GError *error)
{
  set_session (self, NULL);
  rh_study_view_set_error (self->study_view, _("Your Study Data Could Not Be Opened"), error->message);
  show_store_error (self, error);
}

/* The collection opened its store after a recovery or a restore:
 * studying can begin, and every view starts afresh (a restored file can
 * hold another history altogether). */
static void
store_opened_cb (RhWindow *self)
{
  g_autoptr(RhStudySession) session = rh_study_session_new (self->collection);

  set_session (self, NULL);
  set_session (self, session);
}

/* The study data could not be opened: say which file and why, and offer
 * the ways on, none of which deletes anything.  A damaged file or one that
 * is not a database can be moved aside (under the name shown, which is the
 * name used); one that is in use, read-only, newer or on a full disk is
 * fine as it is, so the way on is to try again. */
static void
show_store_error (RhWindow     *self,
                  const GError *error)
{
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;
  gboolean movable = rh_collection_can_move_aside (self->collection);
  const char *way_on = movable ? "move" : rh_collection_has_lost_changes (self->collection) ? "accept" : "retry";

  if (g_str_equal (way_on, "accept"))
    body = g_strdup_printf (_("%s\n\nYou can quit and leave everything as it is, or open your study data "
                              "without those changes."), error->message);
  else if (movable)
    body = g_strdup_printf (_("%s\n\nYou can quit and deal with the file yourself, or Rehearse can rename it to "
                              "“%s”, keeping it exactly as it is, and start a new, empty study file."),
                            error->message, rh_collection_get_aside_path (self->collection));
  else
    body = g_strdup_printf (_("%s\n\nYour study data is safe as it is."), error->message);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Your Study Data Cannot Be Opened"), body));
  adw_message_dialog_add_response (dialog, "quit", _("_Quit"));
  adw_message_dialog_add_response (dialog, way_on,
                                   movable ? _("_Move Aside and Start Fresh")
                                   : g_str_equal (way_on, "accept") ? _("_Open Without Them") : _("_Try Again"));
  adw_message_dialog_set_response_appearance (dialog, way_on, g_str_equal (way_on, "accept") ? ADW_RESPONSE_DESTRUCTIVE
                                                                                            : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, g_str_equal (way_on, "retry") ? "retry" : "quit");
  adw_message_dialog_set_close_response (dialog, "quit");
  g_signal_connect_object (dialog, "response", G_CALLBACK (store_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  if (rh_collection_can_restore (self->collection))
    offer_backup (self, dialog);
}

static void
set_session (RhWindow       *self,
             RhStudySession *session)
{
  g_auto(GStrv) topics = rh_topic_sidebar_dup_selected_topics (self->sidebar);

  g_set_object (&self->session, session);
  self->had_card = FALSE;
  if (session != NULL)
    {
      rh_study_session_set_topics (session, (const char * const *)topics);
      g_signal_connect_object (session, "changed", G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
      session_changed_cb (self);
    }
  rh_study_view_set_session (self->study_view, session, self->settings);
  if (self->browse_view != NULL)
    rh_browse_view_set_collection (self->browse_view, views_collection (self));
  if (self->stats_view != NULL)
    {
      rh_stats_view_set_scope (self->stats_view, (const char * const *)topics);
      rh_stats_view_set_collection (self->stats_view, views_collection (self));
    }
  if (session != NULL && self->interview_view != NULL)
    rh_interview_view_set_collection (self->interview_view, self->collection, self->settings);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.mock-interview", session != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", session != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", session != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", session != NULL);
  /* Without study data there is nothing to browse, count or chart: the
   * study view's error page is all there is. */
  gtk_widget_set_sensitive (self->sidebar_box, session != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->switcher_title), session != NULL);
  gtk_widget_set_sensitive (self->switcher_bar, session != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.view", session != NULL);
  if (session == NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "study");
      show_view (self, "study");
    }
  update_counts (self);
}

static gboolean
rh_window_close_request (GtkWindow *window)
{
  RhWindow *self = RH_WINDOW (window);
  int width, height;

  /* The default size follows the window as the user resizes it, and is
   * the unmaximized size while maximized: what the next start wants. */
  gtk_window_get_default_size (window, &width, &height);
  /* Not g_settings_delay(): it would leave the settings, which the
   * application shares with every window and the preferences, holding
   * back every later change. */
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  /* An interview under way keeps what was graded, as End Interview would. */
  if (self->interview_view != NULL)
    rh_interview_view_end (self->interview_view);
  /* The end of studying for now; quitting waits for it. */
  back_up_if_due (self);

  return GTK_WINDOW_CLASS (rh_window_parent_class)->close_request (window);
}

static void
rh_window_dispose (GObject *object)
{
  RhWindow *self = RH_WINDOW (object);

  if (self->collection != NULL)
    g_signal_handlers_disconnect_by_data (self->collection, self);
  if (self->retry_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->retry_toast), (gpointer *)&self->retry_toast);
  self->retry_toast = NULL;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_WINDOW);
  g_clear_object (&self->collection);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rh_window_parent_class)->dispose (object);
}

static void
rh_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  RhWindow *self = RH_WINDOW (object);

  switch (prop_id)
    {
    case PROP_COLLECTION:
      g_value_set_object (value, self->collection);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  RhWindow *self = RH_WINDOW (object);

  switch (prop_id)
    {
    case PROP_COLLECTION:
      self->collection = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* --- Progress that travels ------------------------------------------------ */

static void
progress_done_cb (const char *message,
                  gpointer    user_data)
{
  toast (RH_WINDOW (user_data), message, NULL, NULL, 4);
}

/* win.export-progress and win.import-progress. */
static void
progress_action_cb (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  RhWindow *self = RH_WINDOW (widget);

  if (rh_collection_is_open (self->collection))
    rh_progress_dialogs_show (GTK_WINDOW (self), self->collection, g_str_equal (action, "win.import-progress"),
                              progress_done_cb, self);
}

static void
sync_unavailable_cb (RhWindow *self,
                     GError   *error)
{
  toast (self, _("The sync folder cannot be reached: studying goes on here"), NULL, NULL, 5);
}

static void
sync_refused_cb (RhWindow   *self,
                 const char *name,
                 GError     *error)
{
  g_autofree char *text = g_strdup_printf (_("“%s” in the sync folder was not merged: see Preferences"), name);

  toast (self, text, _("_Preferences"), "app.preferences", 6);
}

static void
sync_merged_cb (RhWindow *self,
                guint     n_merged)
{
  g_autofree char *count = g_strdup_printf ("%'u", n_merged);
  g_autofree char *text = g_strdup_printf (ngettext ("%s entry came in from your other computers",
                                                     "%s entries came in from your other computers", n_merged),
                                           count);

  toast (self, text, NULL, NULL, 3);
}

/* The sync the window reports on: a folder gone, a file refused, what
 * came in. */
void
rh_window_set_sync (RhWindow *self,
                    RhSync   *sync)
{
  g_return_if_fail (RH_IS_WINDOW (self));
  g_return_if_fail (RH_IS_SYNC (sync));

  g_signal_connect_object (sync, "unavailable", G_CALLBACK (sync_unavailable_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sync, "file-refused", G_CALLBACK (sync_refused_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sync, "merged", G_CALLBACK (sync_merged_cb), self, G_CONNECT_SWAPPED);
}

static void rh_window_constructed (GObject *object);

static void
rh_window_class_init (RhWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rh_window_dispose;
  object_class->constructed = rh_window_constructed;
  object_class->get_property = rh_window_get_property;
  object_class->set_property = rh_window_set_property;
  window_class->close_request = rh_window_close_request;

  properties[PROP_COLLECTION] =
    g_param_spec_object ("collection", NULL, NULL, RH_TYPE_COLLECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RH_TYPE_TOPIC_SIDEBAR);
  g_type_ensure (RH_TYPE_STUDY_VIEW);
  g_type_ensure (RH_TYPE_BROWSE_VIEW);
  g_type_ensure (RH_TYPE_STATS_VIEW);
  g_type_ensure (RH_TYPE_INTERVIEW_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/rh-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RhWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, interview_bin);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, study_view);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, browse_bin);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, stats_bin);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_topic_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_scope_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_info_cb);

  gtk_widget_class_install_action (widget_class, "win.view", "s", view_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-topics", NULL, show_topics_action_cb);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, history_action_cb);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, history_action_cb);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action_cb);
  gtk_widget_class_install_action (widget_class, "win.retry-grade", NULL, retry_grade_action_cb);
  gtk_widget_class_install_action (widget_class, "win.study-due", NULL, study_due_action_cb);
  gtk_widget_class_install_action (widget_class, "win.study-card", "s", study_card_action_cb);
  gtk_widget_class_install_action (widget_class, "win.add-deck", NULL, deck_action_cb);
  gtk_widget_class_install_action (widget_class, "win.add-deck-file", "(ss)", deck_action_cb);
  gtk_widget_class_install_action (widget_class, "win.remove-deck", "s", deck_action_cb);
  gtk_widget_class_install_action (widget_class, "win.restore-deck", "s", deck_action_cb);
  gtk_widget_class_install_action (widget_class, "win.deck-info", "s", deck_action_cb);
  gtk_widget_class_install_action (widget_class, "win.export-progress", NULL, progress_action_cb);
  gtk_widget_class_install_action (widget_class, "win.import-progress", NULL, progress_action_cb);
  gtk_widget_class_install_action (widget_class, "win.mock-interview", NULL, mock_interview_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_shortcuts_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
}

static void
rh_window_init (RhWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  if (g_strcmp0 (PROFILE, "Devel") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
  g_signal_connect_object (self->stack, "notify::visible-child-name", G_CALLBACK (visible_view_changed_cb),
                           self, G_CONNECT_SWAPPED);
  visible_view_changed_cb (self);
}

/* Both construct properties are set: restore the size, show the deck, and
 * start studying, or say what could not be opened. */
static void
rh_window_constructed (GObject *object)
{
  RhWindow *self = RH_WINDOW (object);
  const GError *store_error = rh_collection_get_store_error (self->collection);
  const GError *deck_error = rh_collection_get_deck_error (self->collection);

  G_OBJECT_CLASS (rh_window_parent_class)->constructed (object);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect_object (self->collection, "counts-changed", G_CALLBACK (update_counts), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->collection, "error", G_CALLBACK (failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->collection, "card-changed", G_CALLBACK (dismiss_retry), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->collection, "store-opened", G_CALLBACK (store_opened_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->collection, "store-failed", G_CALLBACK (store_failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->collection, "backup-restored", G_CALLBACK (backup_restored_cb), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (self->collection, "decks-changed", G_CALLBACK (decks_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (rh_collection_get_library (self->collection), "deck-updated", G_CALLBACK (deck_updated_cb),
                           self, G_CONNECT_SWAPPED);

  decks_changed_cb (self);
  sidebar_scope_changed_cb (self);

  if (deck_error != NULL)
    {
      set_session (self, NULL);
      rh_study_view_set_error (self->study_view, _("The Deck Could Not Be Loaded"), deck_error->message);
    }
  else if (store_error != NULL)
    {
      set_session (self, NULL);
      rh_study_view_set_error (self->study_view, _("Your Study Data Could Not Be Opened"), store_error->message);
      /* Once the window is on screen: a dialog shown before its parent can
       * end up behind it (without a window manager, the later one is on top). */
      g_signal_connect (self, "map", G_CALLBACK (show_store_error_on_map), NULL);
    }
  else
    {
      g_autoptr(RhStudySession) session = rh_study_session_new (self->collection);

      set_session (self, session);
    }
}

/* A window over @collection (which must have a deck), sized and scoped
 * by @settings; @application may be NULL. */
RhWindow *
rh_window_new (GtkApplication *application,
               RhCollection   *collection,
               GSettings      *settings)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (RH_IS_COLLECTION (collection), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (RH_TYPE_WINDOW,
                       "application", application,
                       "collection", collection,
                       "settings", settings,
                       NULL);
}

/* For the tests: what the window studies. */
RhCollection *
rh_window_get_collection (RhWindow *self)
{
  g_return_val_if_fail (RH_IS_WINDOW (self), NULL);
  return self->collection;
}

RhStudySession *
rh_window_get_session (RhWindow *self)
{
  g_return_val_if_fail (RH_IS_WINDOW (self), NULL);
  return self->session;
}

/* --- Backups ------------------------------------------------------------------ */

/* Asynchronous results hold no reference to the window (a window kept
 * alive would keep the store open past the end): a window that is gone
 * has cancelled them, and is not touched. */
static gboolean
window_gone (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
backed_up_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  RhWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *made = rh_backups_create_finish (RH_BACKUPS (source), result, &error);
  g_autofree char *text = NULL;

  if (error == NULL || window_gone (error))
    return;
  text = g_strdup_printf (_("Not backed up: %s"), error->message);
  toast (self, text, NULL, NULL, 0);
}

/* After studying, and when the window closes: a backup in a worker thread,
 * if the data changed and none was made in the last 30 minutes. */
static void
back_up_if_due (RhWindow *self)
{
  if (self->collection == NULL || !rh_collection_is_open (self->collection))
    return;
  rh_backups_create_async (rh_collection_get_backups (self->collection), RH_BACKUPS_IF_DUE, self->cancellable,
                           backed_up_cb, self);
}

/* The session ran out of cards to show: the end of a session. */
static void
session_changed_cb (RhWindow *self)
{
  gboolean has_card = self->session != NULL && rh_study_session_get_current (self->session) != NULL;

  if (self->had_card && !has_card)
    back_up_if_due (self);
  self->had_card = has_card;
}

/* "the backup of Tuesday 10:30" for one of ours, "“copy.db”" otherwise. */
static char *
describe_restored (RhWindow   *self,
                   const char *path)
{
  RhBackups *backups = rh_collection_get_backups (self->collection);
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *when = NULL;
  gint64 time;

  if (backups == NULL || g_strcmp0 (dir, rh_backups_get_folder (backups)) != 0 ||
      !rh_backups_parse_name (name, rh_clock_get_timezone (rh_collection_get_clock (self->collection)), &time, NULL))
    return g_strdup_printf (_("“%s”"), name);
  when = rh_format_backup_time (rh_collection_get_clock (self->collection), time);
  return g_strdup_printf (_("the backup of %s"), when);
}

/* Whichever way it was asked for (Preferences, the error dialog): said
 * here, where the restored data is shown. */
static void
backup_restored_cb (RhWindow   *self,
                    const char *restored,
                    const char *kept)
{
  RhBackups *backups = rh_collection_get_backups (self->collection);
  g_autofree char *what = describe_restored (self, restored);
  g_autofree char *kept_dir = kept != NULL ? g_path_get_dirname (kept) : NULL;
  g_autofree char *kept_name = kept != NULL ? g_path_get_basename (kept) : NULL;
  g_autofree char *text = NULL;

  show_view (self, "study");
  if (kept == NULL || g_strcmp0 (kept_dir, rh_backups_get_folder (backups)) == 0)
    {
      /* Translators: "Restored the backup of Tuesday 10:30" */
      text = g_strdup_printf (_("Restored %s"), what);
      toast (self, text, NULL, NULL, 5);
      return;
    }
  /* Translators: the second %s is a file name, in the folder of the study file */
  text = g_strdup_printf (_("Restored %s. The file that could not be opened is kept as “%s”"), what, kept_name);
  toast (self, text, NULL, NULL, 0);
}

typedef struct {
  GWeakRef window;
  GWeakRef dialog;
} Offer;

static void
offer_free (Offer *offer)
{
  g_weak_ref_clear (&offer->window);
  g_weak_ref_clear (&offer->dialog);
  g_free (offer);
}

/* What the dialog says once a backup can be offered: the ways on, the
 * backup among them. */
static char *
offer_body (RhWindow   *self,
            const char *when,
            const char *reviews)
{
  const GError *error = rh_collection_get_store_error (self->collection);
  const char *aside = rh_collection_get_aside_path (self->collection);

  if (rh_collection_has_lost_changes (self->collection))
    return g_strdup_printf (_("%s\n\nYou can quit and leave everything as it is, open your study data without "
                              "those changes, or restore your backup of %s (%s), which passes its check: the file "
                              "and its log are then renamed to “%s” and kept."), error->message, when, reviews, aside);
  return g_strdup_printf (_("%s\n\nRehearse can rename the file to “%s”, keeping it exactly as it is, and restore "
                            "your backup of %s (%s), which passes its check, or start a new, empty study file. Or "
                            "you can quit and deal with the file yourself."), error->message, aside, when, reviews);
}

/* The newest sound backup was found: offered beside moving the file aside
 * (or opening it without its lost changes), and made the suggested way. */
static void
found_backup_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Offer *offer = user_data;
  g_autoptr(RhWindow) self = g_weak_ref_get (&offer->window);
  g_autoptr(AdwMessageDialog) dialog = g_weak_ref_get (&offer->dialog);
  g_autoptr(RhBackupInfo) found = rh_backups_find_restorable_finish (RH_BACKUPS (source), result, NULL);
  g_autofree char *when = NULL, *reviews = NULL, *label = NULL, *body = NULL;

  offer_free (offer);
  if (self == NULL || dialog == NULL || found == NULL || self->collection == NULL ||
      !gtk_widget_get_visible (GTK_WIDGET (dialog)) || rh_collection_get_store_error (self->collection) == NULL)
    return;
  when = rh_format_backup_time (rh_collection_get_clock (self->collection), found->time);
  reviews = rh_format_reviews (found->n_reviews);
  /* Translators: a button: "Restore the backup of Tuesday 10:30, 1,204 reviews" */
  label = g_strdup_printf (_("_Restore the backup of %s, %s"), when, reviews);
  body = offer_body (self, when, reviews);
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_add_response (dialog, "restore", label);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
  if (adw_message_dialog_has_response (dialog, "move"))
    adw_message_dialog_set_response_appearance (dialog, "move", ADW_RESPONSE_DEFAULT);
  g_object_set_data_full (G_OBJECT (dialog), "backup", g_strdup (found->path), g_free);
}

/* Looks for a backup to restore in a worker thread (each candidate gets
 * the whole integrity check, which takes a while on a large file); the
 * dialog is shown meanwhile and gains the choice when one is found. */
static void
offer_backup (RhWindow         *self,
              AdwMessageDialog *dialog)
{
  Offer *offer = g_new0 (Offer, 1);

  g_weak_ref_init (&offer->window, self);
  g_weak_ref_init (&offer->dialog, dialog);
  rh_backups_find_restorable_async (rh_collection_get_backups (self->collection), NULL, found_backup_cb, offer);
}

static void
offered_restored_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  RhWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  const GError *store_error;

  if (rh_collection_restore_backup_finish (RH_COLLECTION (source), result, NULL, &error) || window_gone (error))
    return;
  store_error = rh_collection_get_store_error (self->collection);
  rh_study_view_set_error (self->study_view, _("Your Study Data Could Not Be Opened"), error->message);
  if (store_error != NULL)
    show_store_error (self, store_error);
}

static void
restore_offered_backup (RhWindow         *self,
                        AdwMessageDialog *dialog)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "backup");

  rh_study_view_set_error (self->study_view, _("Restoring Your Backup…"), path);
  rh_collection_restore_backup_async (self->collection, path, self->cancellable, offered_restored_cb, self);
}
