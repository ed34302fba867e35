/* rh-interview-setup.c: the choices before a mock interview, and the past ones
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Topics (the sidebar's selection to begin with; none ticked is every
 * topic), how many questions, minutes per question, follow-ups, and whether
 * answers count as reviews: the last four are remembered in GSettings.
 * Before the start it says when fewer questions are left than asked for
 * (the previous interview's are not asked again).  Below, the interviews
 * kept, newest first, each opening its report.
 */
#define G_LOG_DOMAIN "rehearse-interview-setup"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-format.h"
#include "rh-interview-report.h"
#include "rh-interview-setup.h"

struct _RhInterviewSetup {
  GtkWidget parent_instance;

  GtkScrolledWindow *scroller;
  AdwExpanderRow *topics_row;
  GtkSpinButton *questions_spin;
  GtkSpinButton *minutes_spin;
  GtkSwitch *follow_ups_switch;
  GtkSwitch *reviews_switch;
  GtkLabel *available_label;
  GtkWidget *start_button;
  GtkListBox *past_list;

  RhCollection *collection;
  GPtrArray *topic_rows;     /* of AdwActionRow, in deck order */
  GPtrArray *topic_checks;   /* of GtkCheckButton, the same order */
  GStrv topics;              /* the ticked topics' ids */
  gboolean updating;
};

G_DEFINE_FINAL_TYPE (RhInterviewSetup, rh_interview_setup, GTK_TYPE_WIDGET)

static void
refresh_available (RhInterviewSetup *self)
{
  RhMockInterviewOptions options;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->collection == NULL || !rh_collection_is_open (self->collection))
    return;
  rh_interview_setup_get_options (self, &options);
  cards = rh_mock_interview_choose (self->collection, &options, &error);
  if (cards == NULL)
    text = g_strdup (error->message);
  else if (cards->len == 0)
    text = g_strdup (_("No question is left to ask in these topics: each was in your last interview or is "
                       "suspended. Choose more topics."));
  else if (cards->len < options.n_questions)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Only %u question is left in these topics: the others were in your "
                                         "last interview or are suspended.",
                                         "Only %u questions are left in these topics: the others were in your "
                                         "last interview or are suspended.", cards->len), cards->len);
  gtk_label_set_label (self->available_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->available_label), text != NULL);
  gtk_widget_set_sensitive (self->start_button, cards != NULL && cards->len > 0);
}

static void
topics_changed (RhInterviewSetup *self)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autofree char *subtitle = NULL;
  const char *only = NULL;
  guint n = 0;

  if (self->updating)
    return;
  for (guint i = 0; i < self->topic_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->topic_checks, i)))
      {
        g_strv_builder_add (ids, g_object_get_data (g_ptr_array_index (self->topic_checks, i), "topic-id"));
        only = adw_preferences_row_get_title (g_ptr_array_index (self->topic_rows, i));
        n++;
      }
  g_strfreev (self->topics);
  self->topics = g_strv_builder_end (ids);
  if (n == 0)
    subtitle = g_strdup (_("All topics"));
  else if (n == 1)
    subtitle = g_markup_escape_text (only, -1);
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u topic", "%u topics", n), n);
  adw_expander_row_set_subtitle (self->topics_row, subtitle);
  refresh_available (self);
}

static void
build_topics (RhInterviewSetup *self)
{
  RhDeck *deck = self->collection != NULL ? rh_collection_get_deck (self->collection) : NULL;
  GListModel *topics = deck != NULL ? rh_deck_get_topics (deck) : NULL;

  for (guint i = 0; i < self->topic_rows->len; i++)
    adw_expander_row_remove (self->topics_row, g_ptr_array_index (self->topic_rows, i));
  g_ptr_array_set_size (self->topic_rows, 0);
  g_ptr_array_set_size (self->topic_checks, 0);
  for (guint i = 0; topics != NULL && i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(RhTopic) topic = g_list_model_get_item (topics, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rh_topic_get_title (topic));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      g_object_set_data_full (G_OBJECT (check), "topic-id", g_strdup (rh_topic_get_id (topic)), g_free);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_object (check, "toggled", G_CALLBACK (topics_changed), self, G_CONNECT_SWAPPED);
      adw_expander_row_add_row (self->topics_row, row);
      g_ptr_array_add (self->topic_rows, row);
      g_ptr_array_add (self->topic_checks, check);
    }
  topics_changed (self);
}

/* A kept interview, newest first: when, how many questions, the score. */
static GtkWidget *
past_row (RhInterviewSetup         *self,
          const RhInterviewSummary *summary)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *score = gtk_label_new (NULL);
  g_autofree char *when = rh_interview_format_started (rh_collection_get_clock (self->collection),
                                                       summary->started_at);
  g_autofree char *percent = rh_format_percent (rh_interview_score (summary->areas_covered, summary->areas_total));
  g_autofree char *questions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u question", "%u questions",
                                                             summary->n_questions), summary->n_questions);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), questions);
  gtk_label_set_label (GTK_LABEL (score), percent);
  gtk_widget_add_css_class (score, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), score);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "interview.open-past");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_int64 (summary->id));
  return row;
}

static void
refresh_past (RhInterviewSetup *self)
{
  g_autoptr(GArray) list = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->past_list))) != NULL)
    gtk_list_box_remove (self->past_list, child);
  if (self->collection == NULL || !rh_collection_is_open (self->collection))
    return;
  list = rh_collection_list_interviews (self->collection, &error);
  for (guint i = list != NULL ? list->len : 0; i > 0; i--)
    gtk_list_box_append (self->past_list, past_row (self, &g_array_index (list, RhInterviewSummary, i - 1)));
  if (list == NULL || list->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     error != NULL ? error->message : _("None yet: your interviews are kept here"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->past_list, row);
    }
}

static void
rh_interview_setup_dispose (GObject *object)
{
  RhInterviewSetup *self = RH_INTERVIEW_SETUP (object);

  if (self->collection != NULL)
    g_signal_handlers_disconnect_by_data (self->collection, self);
  g_clear_object (&self->collection);
  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_INTERVIEW_SETUP);

  G_OBJECT_CLASS (rh_interview_setup_parent_class)->dispose (object);
}

static void
rh_interview_setup_finalize (GObject *object)
{
  RhInterviewSetup *self = RH_INTERVIEW_SETUP (object);

  g_clear_pointer (&self->topic_rows, g_ptr_array_unref);
  g_clear_pointer (&self->topic_checks, g_ptr_array_unref);
  g_clear_pointer (&self->topics, g_strfreev);

  G_OBJECT_CLASS (rh_interview_setup_parent_class)->finalize (object);
}

static void
rh_interview_setup_class_init (RhInterviewSetupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_interview_setup_dispose;
  object_class->finalize = rh_interview_setup_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/rh-interview-setup.ui");
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSetup, scroller);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSetup, topics_row);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSetup, questions_spin);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSetup, minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSetup, follow_ups_switch);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSetup, reviews_switch);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSetup, available_label);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSetup, start_button);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewSetup, past_list);
  gtk_widget_class_bind_template_callback (widget_class, refresh_available);
}

static void
rh_interview_setup_init (RhInterviewSetup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->topic_rows = g_ptr_array_new ();
  self->topic_checks = g_ptr_array_new ();
  self->topics = g_new0 (char *, 1);
}

/* The topics come from @collection's deck, the past interviews from its
 * store; the choices are kept in @settings. */
void
rh_interview_setup_set_collection (RhInterviewSetup *self,
                                   RhCollection     *collection,
                                   GSettings        *settings)
{
  g_return_if_fail (RH_IS_INTERVIEW_SETUP (self));
  g_return_if_fail (RH_IS_COLLECTION (collection));
  g_return_if_fail (G_IS_SETTINGS (settings));

  if (self->collection != NULL)
    g_signal_handlers_disconnect_by_data (self->collection, self);
  g_set_object (&self->collection, collection);
  g_settings_bind (settings, "interview-questions", self->questions_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "interview-minutes", self->minutes_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "interview-follow-ups", self->follow_ups_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "interview-counts-as-reviews", self->reviews_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (collection, "interviews-changed", G_CALLBACK (refresh_past), self, G_CONNECT_SWAPPED);
  rh_interview_setup_refresh (self);
}

/* Ticks these topics (NULL or empty: none, which is every topic). */
void
rh_interview_setup_set_topics (RhInterviewSetup   *self,
                               const char * const *topic_ids)
{
  g_return_if_fail (RH_IS_INTERVIEW_SETUP (self));

  self->updating = TRUE;
  for (guint i = 0; i < self->topic_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->topic_checks, i);
      const char *id = g_object_get_data (G_OBJECT (check), "topic-id");

      gtk_check_button_set_active (check, topic_ids != NULL && g_strv_contains (topic_ids, id));
    }
  self->updating = FALSE;
  topics_changed (self);
}

/* The choices as they stand; the topics are the setup's, valid until they
 * change.  The seed is left 0: the interview's starter sets it. */
void
rh_interview_setup_get_options (RhInterviewSetup       *self,
                                RhMockInterviewOptions *options)
{
  g_return_if_fail (RH_IS_INTERVIEW_SETUP (self));
  g_return_if_fail (options != NULL);

  rh_mock_interview_options_init (options);
  options->topics = (const char * const *)self->topics;
  options->n_questions = (guint)gtk_spin_button_get_value_as_int (self->questions_spin);
  options->seconds_per_question = (guint)gtk_spin_button_get_value_as_int (self->minutes_spin) * 60;
  options->follow_ups = gtk_switch_get_active (self->follow_ups_switch);
  options->counts_as_reviews = gtk_switch_get_active (self->reviews_switch);
}

/* The topics (the decks in use may have changed: the collection's deck is
 * then another), the past interviews and what is left to ask, again. */
void
rh_interview_setup_refresh (RhInterviewSetup *self)
{
  g_return_if_fail (RH_IS_INTERVIEW_SETUP (self));

  build_topics (self);
  refresh_past (self);
}

void
rh_interview_setup_focus (RhInterviewSetup *self)
{
  g_return_if_fail (RH_IS_INTERVIEW_SETUP (self));

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  gtk_widget_grab_focus (self->start_button);
}
