/* rh-window.c: the topic sidebar beside the study, browse and statistics views
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sidebar's selection scopes the three views alike; the window passes
 * it on, keeps the sidebar's counts current after every change, and turns
 * errors into toasts or dialogs that name the file concerned.
 */
#define G_LOG_DOMAIN "rehearse-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-browse-view.h"
#include "rh-card-info-window.h"
#include "rh-format.h"
#include "rh-stats-view.h"
#include "rh-study-view.h"
#include "rh-topic-sidebar.h"
#include "rh-window.h"

struct _RhWindow {
  AdwApplicationWindow parent_instance;

  AdwLeaflet *leaflet;
  GtkWidget *sidebar_box;
  GtkWidget *content_box;
  RhTopicSidebar *sidebar;
  GtkToggleButton *search_button;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack *stack;
  AdwToastOverlay *toast_overlay;
  RhStudyView *study_view;
  RhBrowseView *browse_view;
  RhStatsView *stats_view;

  RhApplication *app;
  GSettings *settings;
  RhStudySession *session;
};

G_DEFINE_FINAL_TYPE (RhWindow, rh_window, ADW_TYPE_APPLICATION_WINDOW)

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

static void
show_topics_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RhWindow *self = RH_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar_box);
}

static void
toast (RhWindow   *self,
       const char *title,
       const char *button,
       const char *action,
       guint       timeout)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, timeout);
  if (button != NULL)
    {
      adw_toast_set_button_label (toast, button);
      adw_toast_set_action_name (toast, action);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* A change could not be saved: say so, with the file, until dismissed. */
static void
failed_cb (RhWindow     *self,
           const GError *error)
{
  g_autofree char *text = g_strdup_printf (_("Not saved: %s"), error->message);

  toast (self, text, NULL, NULL, 0);
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
      if (error != NULL)
        failed_cb (self, error);
      else
        toast (self, undo ? _("Nothing to undo") : _("Nothing to redo"), NULL, NULL, 2);
      return;
    }

  if (undo)
    {
      RhCard *card = rh_deck_lookup_card (rh_study_session_get_deck (self->session), moved.card_id);

      /* Translators: "Undid “Good” on “Python decorators”". */
      text = g_strdup_printf (_("Undid “%s” on “%s”"), rh_format_rating (moved.rating),
                              card != NULL ? rh_card_get_title (card) : moved.card_id);
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

  rh_browse_view_set_scope (self->browse_view, (const char * const *)topics);
  rh_stats_view_set_scope (self->stats_view, (const char * const *)topics);
  if (self->session != NULL)
    rh_study_session_set_topics (self->session, (const char * const *)topics);
}

/* The sidebar's due, new and readiness figures, one pass over the cards. */
static void
update_counts (RhWindow *self)
{
  RhDeck *deck;
  g_autofree RhCounts *per_topic = NULL;
  RhCounts all;

  if (self->session == NULL)
    return;
  deck = rh_study_session_get_deck (self->session);
  per_topic = g_new0 (RhCounts, g_list_model_get_n_items (rh_deck_get_topics (deck)));
  rh_study_session_count_topics (self->session, per_topic, &all);
  rh_topic_sidebar_set_counts (self->sidebar, per_topic, &all);
}

static void
show_info_cb (RhWindow *self,
              RhCard   *card)
{
  if (self->session != NULL)
    gtk_window_present (GTK_WINDOW (rh_card_info_window_new (GTK_WINDOW (self), self->session, card)));
}

static void
browse_study_now_cb (RhWindow *self,
                     RhCard   *card)
{
  if (self->session == NULL)
    return;
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "show-welcome", FALSE);
  rh_study_session_study_now (self->session, card);
  show_view (self, "study");
}

static void set_session (RhWindow       *self,
                         RhStudySession *session);

static void
store_dialog_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          RhWindow         *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *text = NULL;

  if (!g_str_equal (response, "move"))
    {
      g_application_quit (G_APPLICATION (self->app));
      return;
    }
  moved = rh_application_recover_store (self->app, &error);
  if (moved == NULL)
    {
      AdwMessageDialog *again = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                                            _("A New Study File Could Not Be Started"),
                                                                            error->message));

      adw_message_dialog_add_response (again, "quit", _("_Quit"));
      g_signal_connect_object (again, "response", G_CALLBACK (store_dialog_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (again));
      return;
    }
  set_session (self, rh_application_get_session (self->app));
  text = g_strdup_printf (_("The old file is now “%s”"), moved);
  toast (self, text, NULL, NULL, 0);
}

/* The study data could not be opened: say which file and why, and offer
 * the two ways on, neither of which deletes anything. */
static void
show_store_error (RhWindow     *self,
                  const GError *error)
{
  AdwMessageDialog *dialog;
  g_autofree char *path = rh_store_default_path ();
  g_autofree char *aside = rh_store_aside_path (path);
  g_autofree char *body = NULL;

  body = g_strdup_printf (_("%s\n\nYou can quit and deal with the file yourself, or Rehearse can rename it to "
                            "“%s”, keeping it exactly as it is, and start a new, empty study file."),
                          error->message, aside);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Your Study Data Cannot Be Opened"), body));
  adw_message_dialog_add_responses (dialog, "quit", _("_Quit"), "move", _("_Move Aside and Start Fresh"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "move", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "quit");
  adw_message_dialog_set_close_response (dialog, "quit");
  g_signal_connect_object (dialog, "response", G_CALLBACK (store_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_session (RhWindow       *self,
             RhStudySession *session)
{
  g_auto(GStrv) topics = rh_topic_sidebar_dup_selected_topics (self->sidebar);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      rh_study_session_set_topics (session, (const char * const *)topics);
      g_signal_connect_object (session, "changed", G_CALLBACK (update_counts), self, G_CONNECT_SWAPPED);
    }
  rh_study_view_set_session (self->study_view, session, self->settings);
  rh_browse_view_set_session (self->browse_view, session);
  rh_stats_view_set_scope (self->stats_view, (const char * const *)topics);
  rh_stats_view_set_session (self->stats_view, session);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", session != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", session != NULL);
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
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (rh_window_parent_class)->close_request (window);
}

static void
rh_window_dispose (GObject *object)
{
  RhWindow *self = RH_WINDOW (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rh_window_parent_class)->dispose (object);
}

static void
rh_window_class_init (RhWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rh_window_dispose;
  window_class->close_request = rh_window_close_request;

  g_type_ensure (RH_TYPE_TOPIC_SIDEBAR);
  g_type_ensure (RH_TYPE_STUDY_VIEW);
  g_type_ensure (RH_TYPE_BROWSE_VIEW);
  g_type_ensure (RH_TYPE_STATS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/rh-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RhWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, study_view);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, browse_view);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, stats_view);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_topic_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_scope_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, browse_study_now_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_info_cb);
  gtk_widget_class_bind_template_callback (widget_class, failed_cb);

  gtk_widget_class_install_action (widget_class, "win.view", "s", view_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-topics", NULL, show_topics_action_cb);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, history_action_cb);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, history_action_cb);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
}

static void
rh_window_init (RhWindow *self)
{
  RhCardView *card_view;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The card view is inside the study view's template, out of reach of
   * this one's signal handlers. */
  card_view = rh_study_view_get_card_view (self->study_view);
  g_signal_connect_object (card_view, "failed", G_CALLBACK (failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (card_view, "show-info", G_CALLBACK (show_info_cb), self, G_CONNECT_SWAPPED);

  if (g_strcmp0 (PROFILE, "Devel") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

/* "application" is not a construct property, so this runs once it is set. */
static void
rh_window_setup (RhWindow      *self,
                 RhApplication *app)
{
  const GError *store_error;

  self->app = app;
  self->settings = g_object_ref (rh_application_get_settings (app));
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  rh_topic_sidebar_set_deck (self->sidebar, rh_application_get_deck (app));
  sidebar_scope_changed_cb (self);
  set_session (self, rh_application_get_session (app));

  store_error = rh_application_get_store_error (app);
  if (store_error != NULL)
    {
      rh_study_view_set_error (self->study_view, store_error->message);
      show_store_error (self, store_error);
    }
  else if (rh_application_get_deck_error (app) != NULL)
    rh_study_view_set_error (self->study_view, rh_application_get_deck_error (app)->message);
}

RhWindow *
rh_window_new (RhApplication *application)
{
  RhWindow *self;

  g_return_val_if_fail (RH_IS_APPLICATION (application), NULL);

  self = g_object_new (RH_TYPE_WINDOW, "application", application, NULL);
  rh_window_setup (self, application);
  return self;
}
