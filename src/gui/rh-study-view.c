/* rh-study-view.c: the welcome, the card being studied, and the session's end
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rehearse-study-view"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-card-view.h"
#include "rh-format.h"
#include "rh-study-view-private.h"

struct _RhStudyView {
  GtkWidget parent_instance;

  GtkStack *stack;
  AdwStatusPage *welcome_page;
  AdwStatusPage *done_page;
  AdwStatusPage *error_page;
  GtkRevealer *practice_revealer;
  AdwBin *card_bin;
  RhCardView *card_view;    /* made when first needed: see ensure_card_view() */
  GtkLabel *reviewed_label;
  GtkLabel *retention_label;
  GtkLabel *time_label;
  GtkLabel *next_label;
  AdwPreferencesRow *reviewed_row;
  GtkWidget *retention_row;
  AdwActionRow *time_row;
  GtkWidget *next_row;
  GtkWidget *practice_button;
  GtkWidget *reminder_offer;
  gboolean offering;        /* the offer is on this done page: it stays until the page goes */
  GtkWidget *start_button;

  RhStudySession *session;
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (RhStudyView, rh_study_view, GTK_TYPE_WIDGET)

enum {
  SHOW_INFO,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
card_view_show_info_cb (RhStudyView *self,
                        RhCard      *card)
{
  g_signal_emit (self, signals[SHOW_INFO], 0, card);
}

/* The card view studies this view's session, with its settings. */
static void
card_view_follow (RhStudyView *self)
{
  if (self->settings != NULL)
    g_settings_bind (self->settings, "show-interval-previews", self->card_view, "show-previews",
                     G_SETTINGS_BIND_GET);
  rh_card_view_set_session (self->card_view, self->session);
}

/* The welcome or where the learner stands is what a start shows most
 * often: the card view (the answer's source view, the grade buttons) is
 * made the first time a card shows, or when asked for. */
static RhCardView *
ensure_card_view (RhStudyView *self)
{
  if (self->card_view != NULL)
    return self->card_view;
  self->card_view = g_object_new (RH_TYPE_CARD_VIEW, NULL);
  g_signal_connect_object (self->card_view, "show-info", G_CALLBACK (card_view_show_info_cb), self,
                           G_CONNECT_SWAPPED);
  card_view_follow (self);
  adw_bin_set_child (self->card_bin, GTK_WIDGET (self->card_view));
  return self->card_view;
}

/* What this session did: cards, retention, time. */
static void
fill_session_rows (RhStudyView            *self,
                   const RhSessionSummary *summary)
{
  g_autofree char *reviewed = g_strdup_printf ("%u", summary->n_answered);
  g_autofree char *time = rh_format_duration (summary->time_ms);

  adw_preferences_row_set_title (self->reviewed_row, _("Cards reviewed"));
  gtk_label_set_label (self->reviewed_label, reviewed);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->time_row), _("Time spent"));
  adw_action_row_set_subtitle (self->time_row, NULL);
  gtk_label_set_label (self->time_label, time);

  gtk_widget_set_visible (self->retention_row, summary->n_retention > 0);
  if (summary->n_retention > 0)
    {
      g_autofree char *percent = rh_format_percent ((double)summary->n_retention_passed / summary->n_retention);
      /* Translators: "83% (10 of 12)". */
      g_autofree char *text = g_strdup_printf (_("%s (%u of %u)"), percent,
                                               summary->n_retention_passed, summary->n_retention);

      gtk_label_set_label (self->retention_label, text);
    }
}

/* Nothing answered since the window opened: where the learner stands
 * instead, today's reviews and readiness, not a summary of nothing. */
static void
fill_standing_rows (RhStudyView *self)
{
  RhCollection *collection = rh_study_session_get_collection (self->session);
  g_autofree char *reviewed = g_strdup_printf ("%u", rh_collection_count_answers_today (collection));
  g_autofree char *readiness = NULL;
  RhCounts counts;

  rh_study_session_count_scope (self->session, &counts);
  readiness = rh_format_percent (counts.readiness);
  adw_preferences_row_set_title (self->reviewed_row, _("Reviewed today"));
  gtk_label_set_label (self->reviewed_label, reviewed);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->time_row), _("Readiness"));
  adw_action_row_set_subtitle (self->time_row, _("The chance you would recall a card of these topics now"));
  gtk_label_set_label (self->time_label, readiness);
  gtk_widget_set_visible (self->retention_row, FALSE);
}

/* Once ever, at the end of a session: reminders, if they are off. */
static void
offer_reminders (RhStudyView *self,
                 gboolean     session_ended)
{
  gboolean on;

  if (self->settings == NULL)
    return;
  on = g_settings_get_boolean (self->settings, "reminders");
  if (session_ended && !on && !g_settings_get_boolean (self->settings, "reminders-offered"))
    {
      g_settings_set_boolean (self->settings, "reminders-offered", TRUE);
      self->offering = TRUE;
    }
  gtk_widget_set_visible (self->reminder_offer, self->offering && !on);
}

static void
turn_on_reminders_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  RhStudyView *self = RH_STUDY_VIEW (widget);

  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "reminders", TRUE);
  self->offering = FALSE;
  gtk_widget_set_visible (self->reminder_offer, FALSE);
}

static void
fill_summary (RhStudyView *self)
{
  RhCollection *collection = rh_study_session_get_collection (self->session);
  RhSessionSummary summary;
  gint64 next, now;
  gboolean practice = rh_study_session_get_practice (self->session);
  gboolean standing;

  /* Set here, not in the template: a 128 px symbolic icon is an SVG, and
   * a page never shown would load the SVG renderer at start-up. */
  adw_status_page_set_icon_name (self->done_page, "emblem-ok-symbolic");
  rh_study_session_get_summary (self->session, &summary);
  standing = summary.n_answered == 0 && !practice;
  if (standing)
    fill_standing_rows (self);
  else
    fill_session_rows (self, &summary);

  next = rh_study_session_get_next_due (self->session);
  now = rh_collection_now (collection);
  gtk_widget_set_visible (self->next_row, next != 0 && !practice);
  if (next != 0)
    {
      g_autofree char *when = rh_format_when (rh_collection_get_clock (collection), next);

      gtk_label_set_label (self->next_label, when);
    }

  offer_reminders (self, !practice && !standing);
  if (practice)
    {
      adw_status_page_set_title (self->done_page, _("Practice Finished"));
      adw_status_page_set_description (self->done_page,
                                       _("You went through every card of these topics. Your schedule is as it was."));
      gtk_button_set_label (GTK_BUTTON (self->practice_button), _("_Practise Again"));
      return;
    }
  adw_status_page_set_title (self->done_page, standing ? _("Nothing Due Right Now") : _("All Done for Now"));
  adw_status_page_set_description (self->done_page,
                                   next != 0 && next - now < 3600
                                   ? _("The next card is still being learned and comes back shortly.")
                                   : _("Nothing else is due in these topics. Practise them, or come back later."));
  gtk_button_set_label (GTK_BUTTON (self->practice_button), _("_Practise These Topics"));
}

/* The welcome as the template has it is the built-in deck's; with other
 * decks it says what there is to study. */
static void
update_welcome (RhStudyView *self)
{
  RhDeck *deck = rh_collection_get_deck (rh_study_session_get_collection (self->session));
  guint n_decks = deck != NULL ? rh_deck_get_n_parts (deck) : 0;
  guint n_cards;
  g_autofree char *cards = NULL;
  g_autofree char *decks = NULL;
  g_autofree char *description = NULL;

  if (n_decks <= 1 && (n_decks == 0 || g_str_equal (rh_deck_get_id (rh_deck_get_part (deck, 0)), "python-interview")))
    return;
  n_cards = rh_deck_get_n_cards (deck);
  cards = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u question", "%u questions", n_cards), n_cards);
  decks = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u deck", "%u decks", n_decks), n_decks);
  /* Translators: "120 questions in 3 decks. Answer each question ..." */
  description = g_strdup_printf (_("%s in %s. Answer each question in your head or out loud, compare with the model "
                                   "answer, then grade how well you recalled it. Rehearse brings every card back "
                                   "just before you would forget it: about four reviews each over the first weeks."),
                                 cards, decks);
  adw_status_page_set_title (self->welcome_page, _("Welcome to Rehearse"));
  adw_status_page_set_description (self->welcome_page, description);
}

static void
update_page (RhStudyView *self)
{
  const char *page;
  gboolean practice;

  if (self->session == NULL)
    return;
  practice = rh_study_session_get_practice (self->session);
  gtk_revealer_set_reveal_child (self->practice_revealer, practice);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "study.stop-practice", practice);

  /* The welcome is for a first run; a returning learner (whose settings
   * may be new) sees where they stand. */
  if (self->settings != NULL && g_settings_get_boolean (self->settings, "show-welcome") &&
      !rh_collection_has_history (rh_study_session_get_collection (self->session)))
    {
      update_welcome (self);
      page = "welcome";
    }
  else if (rh_study_session_get_current (self->session) != NULL)
    page = "card";
  else
    {
      fill_summary (self);
      page = "done";
    }
  if (!g_str_equal (page, "done"))
    self->offering = FALSE;
  if (g_str_equal (page, "card"))
    ensure_card_view (self);
  gtk_stack_set_visible_child_name (self->stack, page);
  /* Enter starts, from the first moment; then Space shows the answer. */
  if (g_str_equal (page, "welcome") || gtk_widget_get_mapped (GTK_WIDGET (self)))
    rh_study_view_focus (self);
}

static void
rh_study_view_map (GtkWidget *widget)
{
  RhStudyView *self = RH_STUDY_VIEW (widget);

  GTK_WIDGET_CLASS (rh_study_view_parent_class)->map (widget);
  rh_study_view_focus (self);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RhStudyView *self = RH_STUDY_VIEW (widget);

  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "show-welcome", FALSE);
  update_page (self);
}

static void
practice_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RhStudyView *self = RH_STUDY_VIEW (widget);

  if (self->session != NULL)
    rh_study_session_start_practice (self->session, g_random_int ());
}

static void
stop_practice_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RhStudyView *self = RH_STUDY_VIEW (widget);

  if (self->session != NULL)
    rh_study_session_stop_practice (self->session);
}

static void
rh_study_view_dispose (GObject *object)
{
  RhStudyView *self = RH_STUDY_VIEW (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_STUDY_VIEW);
  self->card_view = NULL;   /* was the card bin's */

  G_OBJECT_CLASS (rh_study_view_parent_class)->dispose (object);
}

static void
rh_study_view_class_init (RhStudyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_study_view_dispose;
  widget_class->map = rh_study_view_map;

  /* Its card view's: the card whose details to show. */
  signals[SHOW_INFO] = g_signal_new ("show-info", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, RH_TYPE_CARD);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/rh-study-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RhStudyView, stack);
  gtk_widget_class_bind_template_child (widget_class, RhStudyView, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, RhStudyView, done_page);
  gtk_widget_class_bind_template_child (widget_class, RhStudyView, error_page);
  gtk_widget_class_bind_template_child (widget_class, RhStudyView, practice_revealer);
  gtk_widget_class_bind_template_child (widget_class, RhStudyView, card_bin);
  gtk_widget_class_bind_template_child (widget_class, RhStudyView, reviewed_label);
  gtk_widget_class_bind_template_child (widget_class, RhStudyView, retention_label);
  gtk_widget_class_bind_template_child (widget_class, RhStudyView, time_label);
  gtk_widget_class_bind_template_child (widget_class, RhStudyView, next_label);
  gtk_widget_class_bind_template_child (widget_class, RhStudyView, reviewed_row);
  gtk_widget_class_bind_template_child (widget_class, RhStudyView, retention_row);
  gtk_widget_class_bind_template_child (widget_class, RhStudyView, time_row);
  gtk_widget_class_bind_template_child (widget_class, RhStudyView, next_row);
  gtk_widget_class_bind_template_child (widget_class, RhStudyView, practice_button);
  gtk_widget_class_bind_template_child (widget_class, RhStudyView, reminder_offer);
  gtk_widget_class_bind_template_child (widget_class, RhStudyView, start_button);

  gtk_widget_class_install_action (widget_class, "study.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "study.practice", NULL, practice_action);
  gtk_widget_class_install_action (widget_class, "study.stop-practice", NULL, stop_practice_action);
  gtk_widget_class_install_action (widget_class, "study.turn-on-reminders", NULL, turn_on_reminders_action);
}

static void
rh_study_view_init (RhStudyView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "study.stop-practice", FALSE);
}

void
rh_study_view_set_session (RhStudyView    *self,
                           RhStudySession *session,
                           GSettings      *settings)
{
  g_return_if_fail (RH_IS_STUDY_VIEW (self));
  g_return_if_fail (session == NULL || RH_IS_STUDY_SESSION (session));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  g_set_object (&self->settings, settings);
  if (self->card_view != NULL)
    card_view_follow (self);
  /* After the card view's own handler, however late the card view is
   * made: it lets go of the card (and the focus) before the page changes,
   * or the stack would move the focus into the done page's first row. */
  if (session != NULL)
    g_signal_connect_object (session, "changed", G_CALLBACK (update_page), self,
                             G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  update_page (self);
}

RhCardView *
rh_study_view_get_card_view (RhStudyView *self)
{
  g_return_val_if_fail (RH_IS_STUDY_VIEW (self), NULL);
  return ensure_card_view (self);
}

/* A grade that could not be saved, tried again: there is one only if a
 * card was shown, so no card view is made for it. */
void
rh_study_view_retry_grade (RhStudyView *self)
{
  g_return_if_fail (RH_IS_STUDY_VIEW (self));

  if (self->card_view != NULL)
    rh_card_view_retry (self->card_view);
}

const char *
rh_study_view_get_page (RhStudyView *self)
{
  g_return_val_if_fail (RH_IS_STUDY_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/* No session: the deck or the study data could not be opened.  The
 * message is plain text, shown as it is. */
void
rh_study_view_set_error (RhStudyView *self,
                         const char  *title,
                         const char  *message)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (RH_IS_STUDY_VIEW (self));

  escaped = g_markup_escape_text (message, -1);
  /* As the done page's, set only when shown (fill_summary()). */
  adw_status_page_set_icon_name (self->error_page, "dialog-error-symbolic");
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, escaped);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

/* Focus where studying goes on: Start, Show Answer or Good. */
void
rh_study_view_focus (RhStudyView *self)
{
  const char *page;

  g_return_if_fail (RH_IS_STUDY_VIEW (self));

  page = gtk_stack_get_visible_child_name (self->stack);
  if (g_strcmp0 (page, "welcome") == 0)
    gtk_widget_grab_focus (self->start_button);
  else if (g_strcmp0 (page, "card") == 0)
    rh_card_view_focus (self->card_view);
}

static AdwStatusPage *
visible_status_page (RhStudyView *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->stack);

  return ADW_IS_STATUS_PAGE (page) ? ADW_STATUS_PAGE (page) : NULL;
}

/* The title of the status page shown (welcome, error, done): for the tests. */
const char *
rh_study_view_get_status_title (RhStudyView *self)
{
  AdwStatusPage *page;

  g_return_val_if_fail (RH_IS_STUDY_VIEW (self), NULL);
  page = visible_status_page (self);
  return page != NULL ? adw_status_page_get_title (page) : NULL;
}

/* Its icon's name: for the tests. */
const char *
rh_study_view_get_status_icon (RhStudyView *self)
{
  AdwStatusPage *page;

  g_return_val_if_fail (RH_IS_STUDY_VIEW (self), NULL);
  page = visible_status_page (self);
  return page != NULL ? adw_status_page_get_icon_name (page) : NULL;
}

/* Whether the done page offers to turn reminders on: for the tests. */
gboolean
rh_study_view_get_offering_reminders (RhStudyView *self)
{
  g_return_val_if_fail (RH_IS_STUDY_VIEW (self), FALSE);
  return gtk_widget_get_visible (self->reminder_offer);
}
