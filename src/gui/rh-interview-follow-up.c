/* rh-interview-follow-up.c: the question an interviewer asks next
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One of the card's follow-ups, to answer aloud; the learner says how it
 * went (could not, partly, well), and that is kept with the answer.  It is
 * not a card: nothing is scheduled from it.
 */
#define G_LOG_DOMAIN "rehearse-interview-follow-up"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-answer-view.h"
#include "rh-interview-follow-up.h"

struct _RhInterviewFollowUp {
  GtkWidget parent_instance;

  GtkWidget *scroller;
  GtkWidget *actions_box;
  GtkLabel *context_label;
  GtkLabel *follow_up_label;
  GtkWidget *well_button;
};

G_DEFINE_FINAL_TYPE (RhInterviewFollowUp, rh_interview_follow_up, GTK_TYPE_WIDGET)

static void
rh_interview_follow_up_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RH_TYPE_INTERVIEW_FOLLOW_UP);

  G_OBJECT_CLASS (rh_interview_follow_up_parent_class)->dispose (object);
}

static void
rh_interview_follow_up_class_init (RhInterviewFollowUpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_interview_follow_up_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/rh-interview-follow-up.ui");
  gtk_widget_class_bind_template_child (widget_class, RhInterviewFollowUp, scroller);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewFollowUp, actions_box);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewFollowUp, context_label);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewFollowUp, follow_up_label);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewFollowUp, well_button);
}

static void
rh_interview_follow_up_init (RhInterviewFollowUp *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* The follow-up the interview asks now, after the question it follows. */
void
rh_interview_follow_up_show (RhInterviewFollowUp *self,
                             RhMockInterview     *interview)
{
  RhText *follow_up;
  g_autofree char *markup = NULL;
  g_autofree char *context = NULL;

  g_return_if_fail (RH_IS_INTERVIEW_FOLLOW_UP (self));
  g_return_if_fail (RH_IS_MOCK_INTERVIEW (interview));

  follow_up = rh_mock_interview_get_follow_up (interview);
  g_return_if_fail (follow_up != NULL);
  markup = rh_text_to_markup (follow_up);
  /* Translators: above a follow-up: "After “The GIL”" */
  context = g_strdup_printf (_("After “%s”"), rh_card_get_title (rh_mock_interview_get_current (interview)));
  gtk_label_set_label (self->context_label, context);
  gtk_label_set_markup (self->follow_up_label, markup);
}

void
rh_interview_follow_up_focus (RhInterviewFollowUp *self)
{
  g_return_if_fail (RH_IS_INTERVIEW_FOLLOW_UP (self));
  gtk_widget_grab_focus (self->well_button);
}
