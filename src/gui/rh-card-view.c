/* rh-card-view.c: the current card, its answer, and the four grades
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Space or Enter shows the answer; 1-4 grade.  After the answer appears,
 * focus lands on Good, where the eyes go; the key areas the learner ticks
 * suggest a grade, which is only ever a suggestion.
 */
#define G_LOG_DOMAIN "rehearse-card-view"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-answer-view.h"
#include "rh-card-view-private.h"
#include "rh-format.h"

/* Time on a card counts up to this, so a break mid-card does not inflate
 * the statistics (Anki caps at a minute; interview answers take longer). */
#define MAX_ANSWER_MS (5 * 60 * 1000)

struct _RhCardView {
  GtkWidget parent_instance;

  GtkScrolledWindow *scroller;
  GtkLabel *topic_label;
  GtkLabel *counts_label;
  GtkLabel *practice_label;
  GtkLabel *title_label;
  GtkLabel *question_label;
  GtkRevealer *answer_revealer;
  GtkWidget *key_areas_heading;
  GtkListBox *key_areas_list;
  RhAnswerView *answer_view;
  GtkWidget *pitfalls_heading;
  GtkBox *pitfalls_box;
  GtkWidget *follow_ups_heading;
  GtkBox *follow_ups_box;
  GtkStack *bottom_stack;
  GtkBox *grade_box;
  GtkWidget *show_button;
  GtkWidget *grade_buttons[4];
  GtkLabel *interval_labels[4];

  RhStudySession *session;
  RhCard *card;
  gboolean revealed;
  gboolean show_previews;
  int failed_rating;        /* the grade that could not be saved, for a retry */
  gboolean answer_filled;   /* the answer's widgets are built for this card */
  gint64 shown_at;
  guint n_ticked;
};

G_DEFINE_FINAL_TYPE (RhCardView, rh_card_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SHOW_PREVIEWS,
  PROP_REVEALED,
  N_PROPS
};

enum {
  SHOW_INFO,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const struct {
  const char *name;
  const char *tooltip;
  const char *css;
} grades[4] = {
  { N_("_Again"), N_("You did not recall it, or only wrongly: see it again soon (1)"), "grade-again" },
  { N_("_Hard"), N_("You recalled it with serious difficulty or gaps (2)"), "grade-hard" },
  { N_("_Good"), N_("You recalled it after some thought (3)"), "grade-good" },
  { N_("_Easy"), N_("You recalled it at once and completely (4)"), "grade-easy" },
};

static void
update_counts (RhCardView *self)
{
  RhCounts counts;
  g_autofree char *markup = NULL;

  if (self->session == NULL)
    return;
  rh_study_session_get_remaining (self->session, &counts);
  if (rh_study_session_get_practice (self->session))
    markup = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u left", "%u left", counts.n_new), counts.n_new);
  else
    {
      /* Adwaita's blue, orange and green, as the style has them: the light
       * shades are unreadable on a dark background. */
      gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
      g_autofree char *new_text = g_strdup_printf (_("%u new"), counts.n_new);
      g_autofree char *learning_text = g_strdup_printf (_("%u learning"), counts.n_learning);
      g_autofree char *due_text = g_strdup_printf (_("%u due"), counts.n_review);

      markup = g_markup_printf_escaped ("<span foreground=\"%s\">%s</span>  <span foreground=\"%s\">%s</span>  "
                                        "<span foreground=\"%s\">%s</span>",
                                        dark ? "#78aeed" : "#1c71d8", new_text,
                                        dark ? "#ffa348" : "#c64600", learning_text,
                                        dark ? "#8ff0a4" : "#1b8553", due_text);
    }
  gtk_label_set_markup (self->counts_label, markup);
}

/* The grade the ticked key areas point to: none ticked says nothing. */
static int
suggested_grade (RhCardView *self)
{
  guint total = self->card != NULL ? rh_card_get_n_key_areas (self->card) : 0;

  if (self->n_ticked == 0)
    return 0;
  return rh_interview_suggest_grade (self->n_ticked, total);
}

static void
update_suggestion (RhCardView *self)
{
  int suggested = suggested_grade (self);

  for (int i = 0; i < 4; i++)
    {
      if (i + 1 == suggested)
        gtk_widget_add_css_class (self->grade_buttons[i], "suggested-grade");
      else
        gtk_widget_remove_css_class (self->grade_buttons[i], "suggested-grade");
    }
}

static void
key_area_toggled_cb (GtkCheckButton *check,
                     RhCardView     *self)
{
  if (gtk_check_button_get_active (check))
    self->n_ticked++;
  else if (self->n_ticked > 0)
    self->n_ticked--;
  update_suggestion (self);
}

static void
update_previews (RhCardView *self)
{
  RhCardState after[4];
  gint64 now;

  if (self->session == NULL || self->card == NULL)
    return;
  rh_study_session_preview (self->session, after);
  now = rh_collection_now (rh_study_session_get_collection (self->session));
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *interval = rh_format_interval (after[i].due - now);
      g_autofree char *a11y = NULL;
      gboolean practice = rh_study_session_get_practice (self->session);

      gtk_label_set_label (self->interval_labels[i], interval);
      gtk_widget_set_visible (GTK_WIDGET (self->interval_labels[i]), self->show_previews && !practice);
      /* Translators: a grade button for screen readers: "Good, next review in 3d". */
      a11y = practice ? g_strdup (rh_format_rating (i + 1))
                      : g_strdup_printf (_("%s, next review in %s"), rh_format_rating (i + 1), interval);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->grade_buttons[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
    }
}

static void
remove_children (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

static void
fill_bullets (GtkBox    *box,
              GtkWidget *heading,
              RhCard    *card,
              guint      n,
              RhText   *(*get) (RhCard *, guint))
{
  g_autofree RhText **items = g_new (RhText *, MAX (n, 1));

  remove_children (GTK_WIDGET (box));
  gtk_widget_set_visible (heading, n > 0);
  for (guint i = 0; i < n; i++)
    items[i] = get (card, i);
  gtk_box_append (box, rh_text_list_new (items, n, FALSE));
}

static void
fill_key_areas (RhCardView *self)
{
  remove_children (GTK_WIDGET (self->key_areas_list));
  self->n_ticked = 0;
  /* A plain question and answer (deck format 2) has none. */
  gtk_widget_set_visible (self->key_areas_heading, rh_card_get_n_key_areas (self->card) > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->key_areas_list), rh_card_get_n_key_areas (self->card) > 0);
  for (guint i = 0; i < rh_card_get_n_key_areas (self->card); i++)
    {
      GtkCheckButton *check;
      GtkWidget *row = rh_text_check_row_new (rh_card_get_key_area (self->card, i), &check);

      g_signal_connect (check, "toggled", G_CALLBACK (key_area_toggled_cb), self);
      gtk_list_box_append (self->key_areas_list, row);
    }
}

/* The answer's widgets (key areas, the answer with its highlighted code,
 * pitfalls, follow-ups) are built when it is first shown: a question is on
 * screen sooner, at start-up and after every grade. */
static void
fill_answer (RhCardView *self)
{
  if (self->answer_filled || self->card == NULL)
    return;
  self->answer_filled = TRUE;
  fill_key_areas (self);
  rh_answer_view_set_card (self->answer_view, self->card);
  fill_bullets (self->pitfalls_box, self->pitfalls_heading, self->card,
                rh_card_get_n_pitfalls (self->card), rh_card_get_pitfall);
  fill_bullets (self->follow_ups_box, self->follow_ups_heading, self->card,
                rh_card_get_n_follow_ups (self->card), rh_card_get_follow_up);
  update_suggestion (self);
}

static void
set_revealed (RhCardView *self,
              gboolean    revealed)
{
  if (self->revealed == revealed)
    return;
  if (revealed)
    fill_answer (self);
  self->revealed = revealed;
  gtk_revealer_set_reveal_child (self->answer_revealer, revealed);
  gtk_stack_set_visible_child_name (self->bottom_stack, revealed ? "grade" : "show");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.show-answer", !revealed && self->card != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.grade", revealed && self->card != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
}

static void
show_card (RhCardView *self,
           RhCard     *card)
{
  RhTopic *topic;

  g_set_object (&self->card, card);
  self->shown_at = g_get_monotonic_time ();
  self->failed_rating = 0;
  self->answer_filled = FALSE;
  set_revealed (self, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.show-answer", card != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.info", card != NULL);
  update_counts (self);
  if (card == NULL)
    return;

  topic = rh_collection_get_card_topic (rh_study_session_get_collection (self->session), card);
  gtk_label_set_label (self->topic_label, topic != NULL ? rh_topic_get_title (topic) : "");
  rh_card_show_headline (card, self->title_label, self->question_label);
  gtk_widget_set_visible (GTK_WIDGET (self->practice_label), rh_study_session_get_practice (self->session));

  update_previews (self);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    rh_card_view_focus (self);
}

static void
session_changed_cb (RhCardView     *self,
                    RhStudySession *session)
{
  RhCard *current = rh_study_session_get_current (session);

  /* The same card anew (its deck was loaded again): the learner may be
   * reading its answer, which stays. */
  if (current != NULL && self->card != NULL && current != self->card &&
      g_str_equal (rh_card_get_id (current), rh_card_get_id (self->card)))
    g_set_object (&self->card, current);
  if (current != self->card)
    show_card (self, current);
  else
    {
      update_counts (self);
      update_previews (self);
    }
}

static void
show_answer_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RhCardView *self = RH_CARD_VIEW (widget);

  if (self->card == NULL || self->revealed)
    return;
  set_revealed (self, TRUE);
  gtk_widget_grab_focus (self->grade_buttons[RH_RATING_GOOD - 1]);
}

static void
grade_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RhCardView *self = RH_CARD_VIEW (widget);
  int rating = g_variant_get_int32 (parameter);
  gint64 elapsed_ms;

  if (self->card == NULL || !self->revealed || rating < RH_RATING_AGAIN || rating > RH_RATING_EASY)
    return;

  elapsed_ms = (g_get_monotonic_time () - self->shown_at) / 1000;
  /* On failure nothing was saved (the collection reports why): the card
   * stays, answer shown, ready for a retry. */
  self->failed_rating = 0;
  if (!rh_study_session_answer (self->session, rating, (int)MIN (elapsed_ms, MAX_ANSWER_MS), NULL))
    self->failed_rating = rating;
}

static void
info_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RhCardView *self = RH_CARD_VIEW (widget);

  if (self->card != NULL)
    g_signal_emit (self, signals[SHOW_INFO], 0, self->card);
}

static void
style_dark_cb (RhCardView      *self,
               GParamSpec      *pspec,
               AdwStyleManager *style)
{
  rh_answer_view_set_dark (self->answer_view, adw_style_manager_get_dark (style));
  update_counts (self);
}

static void
rh_card_view_dispose (GObject *object)
{
  RhCardView *self = RH_CARD_VIEW (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_object (&self->card);
  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_CARD_VIEW);

  G_OBJECT_CLASS (rh_card_view_parent_class)->dispose (object);
}

static void
rh_card_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RhCardView *self = RH_CARD_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHOW_PREVIEWS:
      g_value_set_boolean (value, self->show_previews);
      break;
    case PROP_REVEALED:
      g_value_set_boolean (value, self->revealed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_card_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  RhCardView *self = RH_CARD_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHOW_PREVIEWS:
      if (self->show_previews != g_value_get_boolean (value))
        {
          self->show_previews = g_value_get_boolean (value);
          update_previews (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_card_view_class_init (RhCardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_card_view_dispose;
  object_class->get_property = rh_card_view_get_property;
  object_class->set_property = rh_card_view_set_property;

  properties[PROP_SHOW_PREVIEWS] =
    g_param_spec_boolean ("show-previews", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVEALED] =
    g_param_spec_boolean ("revealed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SHOW_INFO] = g_signal_new ("show-info", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, RH_TYPE_CARD);

  g_type_ensure (RH_TYPE_ANSWER_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/rh-card-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RhCardView, scroller);
  gtk_widget_class_bind_template_child (widget_class, RhCardView, topic_label);
  gtk_widget_class_bind_template_child (widget_class, RhCardView, counts_label);
  gtk_widget_class_bind_template_child (widget_class, RhCardView, practice_label);
  gtk_widget_class_bind_template_child (widget_class, RhCardView, title_label);
  gtk_widget_class_bind_template_child (widget_class, RhCardView, question_label);
  gtk_widget_class_bind_template_child (widget_class, RhCardView, answer_revealer);
  gtk_widget_class_bind_template_child (widget_class, RhCardView, key_areas_heading);
  gtk_widget_class_bind_template_child (widget_class, RhCardView, key_areas_list);
  gtk_widget_class_bind_template_child (widget_class, RhCardView, answer_view);
  gtk_widget_class_bind_template_child (widget_class, RhCardView, pitfalls_heading);
  gtk_widget_class_bind_template_child (widget_class, RhCardView, pitfalls_box);
  gtk_widget_class_bind_template_child (widget_class, RhCardView, follow_ups_heading);
  gtk_widget_class_bind_template_child (widget_class, RhCardView, follow_ups_box);
  gtk_widget_class_bind_template_child (widget_class, RhCardView, bottom_stack);
  gtk_widget_class_bind_template_child (widget_class, RhCardView, grade_box);
  gtk_widget_class_bind_template_child (widget_class, RhCardView, show_button);

  gtk_widget_class_install_action (widget_class, "card.show-answer", NULL, show_answer_action);
  gtk_widget_class_install_action (widget_class, "card.grade", "i", grade_action);
  gtk_widget_class_install_action (widget_class, "card.info", NULL, info_action);
}

static GtkShortcut *
shortcut_new (const char *trigger,
              const char *action,
              GVariant   *args)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_shortcut_trigger_parse_string (trigger),
                                            gtk_named_action_new (action));

  if (args != NULL)
    gtk_shortcut_set_arguments (shortcut, args);
  return shortcut;
}

static void
rh_card_view_init (RhCardView *self)
{
  GtkEventController *shortcuts;
  AdwStyleManager *style = adw_style_manager_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->show_previews = TRUE;

  for (int i = 0; i < 4; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *name = gtk_label_new_with_mnemonic (g_dgettext (GETTEXT_PACKAGE, grades[i].name));
      /* The tooltip is set while the button is hidden: on a visible
       * widget GTK asks the display where the pointer is (a round trip). */
      GtkWidget *button = g_object_new (GTK_TYPE_BUTTON, "visible", FALSE, "tooltip-text",
                                        g_dgettext (GETTEXT_PACKAGE, grades[i].tooltip), NULL);

      self->interval_labels[i] = GTK_LABEL (gtk_label_new (NULL));
      gtk_widget_add_css_class (GTK_WIDGET (self->interval_labels[i]), "caption");
      gtk_widget_add_css_class (GTK_WIDGET (self->interval_labels[i]), "interval");
      gtk_box_append (GTK_BOX (box), name);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->interval_labels[i]));
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_label_set_mnemonic_widget (GTK_LABEL (name), button);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "card.grade");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int32 (i + 1));
      gtk_widget_set_visible (button, TRUE);
      gtk_widget_add_css_class (button, "grade-button");
      gtk_widget_add_css_class (button, grades[i].css);
      gtk_box_append (self->grade_box, button);
      self->grade_buttons[i] = button;
    }

  /* Managed scope: the keys work wherever the focus is in the window,
   * except in text entries, which see them first. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        shortcut_new ("space|Return|KP_Enter", "card.show-answer", NULL));
  for (int i = 1; i <= 4; i++)
    {
      char digits[32];

      g_snprintf (digits, sizeof digits, "%d|KP_%d", i, i);
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                            shortcut_new (digits, "card.grade", g_variant_new_int32 (i)));
    }
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        shortcut_new ("i", "card.info", NULL));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  g_signal_connect_object (style, "notify::dark", G_CALLBACK (style_dark_cb), self, G_CONNECT_SWAPPED);
  rh_answer_view_set_dark (self->answer_view, adw_style_manager_get_dark (style));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.show-answer", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.grade", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.info", FALSE);
}

GtkWidget *
rh_card_view_new (void)
{
  return g_object_new (RH_TYPE_CARD_VIEW, NULL);
}

void
rh_card_view_set_session (RhCardView     *self,
                          RhStudySession *session)
{
  g_return_if_fail (RH_IS_CARD_VIEW (self));
  g_return_if_fail (session == NULL || RH_IS_STUDY_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect_object (session, "changed", G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
  show_card (self, session != NULL ? rh_study_session_get_current (session) : NULL);
}

RhCard *
rh_card_view_get_card (RhCardView *self)
{
  g_return_val_if_fail (RH_IS_CARD_VIEW (self), NULL);
  return self->card;
}

gboolean
rh_card_view_get_revealed (RhCardView *self)
{
  g_return_val_if_fail (RH_IS_CARD_VIEW (self), FALSE);
  return self->revealed;
}

/* For the tests: tick the first @n key areas. */
void
rh_card_view_tick_key_areas (RhCardView *self,
                             guint       n)
{
  guint i = 0;

  g_return_if_fail (RH_IS_CARD_VIEW (self));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->key_areas_list));
       row != NULL && i < n; row = gtk_widget_get_next_sibling (row), i++)
    {
      GtkWidget *check = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
    }
}

/* Which grade the ticks suggest, 0 for none: for the tests. */
int
rh_card_view_get_suggested_grade (RhCardView *self)
{
  g_return_val_if_fail (RH_IS_CARD_VIEW (self), 0);
  return suggested_grade (self);
}

/* Focus where the eyes are: Show Answer, or Good once the answer shows. */
void
rh_card_view_focus (RhCardView *self)
{
  g_return_if_fail (RH_IS_CARD_VIEW (self));

  if (self->card == NULL)
    return;
  gtk_widget_grab_focus (self->revealed ? self->grade_buttons[RH_RATING_GOOD - 1] : self->show_button);
}

/* Grades the card again as the learner last did, when that could not be
 * saved; FALSE when there is nothing to retry. */
gboolean
rh_card_view_retry (RhCardView *self)
{
  g_return_val_if_fail (RH_IS_CARD_VIEW (self), FALSE);

  if (self->failed_rating == 0 || self->card == NULL || !self->revealed)
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (self), "card.grade", "i", self->failed_rating);
}

/* The remaining-cards line as shown (Pango markup): for the tests. */
const char *
rh_card_view_get_counts_markup (RhCardView *self)
{
  g_return_val_if_fail (RH_IS_CARD_VIEW (self), NULL);
  return gtk_label_get_label (self->counts_label);
}
