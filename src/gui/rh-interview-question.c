/* rh-interview-question.c: a question of a mock interview, alone, against the clock
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The question, a countdown that can be paused, and a field for the points
 * the learner wants to make.  RhInterviewView says when to show a new
 * question and when the time moved; the time itself is the interview's,
 * read from the collection's clock.
 */
#define G_LOG_DOMAIN "rehearse-interview-question"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-answer-view.h"
#include "rh-interview-question.h"
#include "rh-interview-report.h"

/* The last seconds are shown in the warning colour. */
#define LOW_SECONDS 30

struct _RhInterviewQuestion {
  GtkWidget parent_instance;

  GtkScrolledWindow *scroller;
  GtkLabel *topic_label;
  GtkLabel *title_label;
  GtkLabel *question_label;
  GtkWidget *timer_box;
  GtkLabel *countdown_label;
  GtkLabel *timer_caption;
  GtkProgressBar *time_bar;
  GtkButton *pause_button;
  GtkTextView *notes_view;
  GtkWidget *actions_box;

  RhMockInterview *interview;
};

G_DEFINE_FINAL_TYPE (RhInterviewQuestion, rh_interview_question, GTK_TYPE_WIDGET)

static void
notes_changed_cb (RhInterviewQuestion *self,
                  GtkTextBuffer       *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->interview == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  rh_mock_interview_set_notes (self->interview, text);
}

static void
rh_interview_question_dispose (GObject *object)
{
  RhInterviewQuestion *self = RH_INTERVIEW_QUESTION (object);

  g_clear_object (&self->interview);
  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_INTERVIEW_QUESTION);

  G_OBJECT_CLASS (rh_interview_question_parent_class)->dispose (object);
}

static void
rh_interview_question_class_init (RhInterviewQuestionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_interview_question_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/rh-interview-question.ui");
  gtk_widget_class_bind_template_child (widget_class, RhInterviewQuestion, scroller);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewQuestion, topic_label);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewQuestion, title_label);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewQuestion, question_label);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewQuestion, timer_box);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewQuestion, countdown_label);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewQuestion, timer_caption);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewQuestion, time_bar);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewQuestion, pause_button);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewQuestion, notes_view);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewQuestion, actions_box);
}

static void
rh_interview_question_init (RhInterviewQuestion *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed", G_CALLBACK (notes_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

/* The interview's current question, its notes empty, the clock full. */
void
rh_interview_question_show (RhInterviewQuestion *self,
                            RhMockInterview     *interview)
{
  RhCard *card;
  RhTopic *topic;

  g_return_if_fail (RH_IS_INTERVIEW_QUESTION (self));
  g_return_if_fail (RH_IS_MOCK_INTERVIEW (interview));

  /* No notes of the last question are written into this one. */
  g_clear_object (&self->interview);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), "", -1);
  self->interview = g_object_ref (interview);
  card = rh_mock_interview_get_current (interview);
  topic = rh_collection_get_card_topic (rh_mock_interview_get_collection (interview), card);
  gtk_label_set_label (self->topic_label, topic != NULL ? rh_topic_get_title (topic) : "");
  rh_card_show_headline (card, self->title_label, self->question_label);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  rh_interview_question_update_time (self);
}

/* The countdown, as the interview's clock has it now. */
void
rh_interview_question_update_time (RhInterviewQuestion *self)
{
  int remaining, budget;
  gboolean paused;
  g_autofree char *clock = NULL;
  g_autofree char *total = NULL;
  g_autofree char *caption = NULL;

  g_return_if_fail (RH_IS_INTERVIEW_QUESTION (self));

  if (self->interview == NULL)
    return;
  remaining = rh_mock_interview_get_remaining (self->interview);
  budget = rh_mock_interview_get_budget (self->interview);
  paused = rh_mock_interview_get_paused (self->interview);
  clock = rh_interview_format_clock ((gint64)remaining * 1000);
  total = rh_interview_format_clock ((gint64)budget * 1000);
  if (paused)
    caption = g_strdup (_("Paused: the clock has stopped"));
  else
    /* Translators: under the countdown: "left of 4:00" */
    caption = g_strdup_printf (_("left of %s"), total);
  gtk_label_set_label (self->countdown_label, clock);
  gtk_label_set_label (self->timer_caption, caption);
  gtk_progress_bar_set_fraction (self->time_bar, budget > 0 ? (double)remaining / budget : 0);
  gtk_button_set_icon_name (self->pause_button, paused ? "media-playback-start-symbolic"
                                                       : "media-playback-pause-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->pause_button),
                               paused ? _("Resume the Clock (Ctrl+P)") : _("Pause the Clock (Ctrl+P)"));
  if (remaining <= LOW_SECONDS && !paused)
    gtk_widget_add_css_class (self->timer_box, "time-low");
  else
    gtk_widget_remove_css_class (self->timer_box, "time-low");
  if (paused)
    gtk_widget_add_css_class (self->timer_box, "paused");
  else
    gtk_widget_remove_css_class (self->timer_box, "paused");
}

/* The notes take the keys: what is typed are the points to make. */
void
rh_interview_question_focus (RhInterviewQuestion *self)
{
  g_return_if_fail (RH_IS_INTERVIEW_QUESTION (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->notes_view));
}

/* The countdown as shown: for the tests. */
const char *
rh_interview_question_get_countdown (RhInterviewQuestion *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_QUESTION (self), NULL);
  return gtk_label_get_label (self->countdown_label);
}
