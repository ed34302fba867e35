/* rh-interview-rubric.c: the key areas to tick, then the model answer and a grade
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After "Done" (or the time running out) the question stays on screen with
 * what the learner noted and the time used; the rubric is ticked first,
 * before the model answer can colour the memory of what was said.  The
 * ticks suggest a grade, as in studying; the grade is the learner's.
 */
#define G_LOG_DOMAIN "rehearse-interview-rubric"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-answer-view.h"
#include "rh-interview-report.h"
#include "rh-interview-rubric.h"

struct _RhInterviewRubric {
  GtkWidget parent_instance;

  GtkScrolledWindow *scroller;
  GtkLabel *topic_label;
  GtkLabel *title_label;
  GtkLabel *question_label;
  GtkLabel *time_label;
  GtkWidget *notes_box;
  GtkLabel *notes_label;
  GtkListBox *areas_list;
  GtkRevealer *answer_revealer;
  RhAnswerView *answer_view;
  GtkStack *bottom_stack;
  GtkWidget *show_button;
  GtkWidget *grade_box;
  GtkLabel *grade_caption;

  RhMockInterview *interview;
  GPtrArray *checks;        /* of GtkCheckButton, in rubric order */
};

G_DEFINE_FINAL_TYPE (RhInterviewRubric, rh_interview_rubric, GTK_TYPE_WIDGET)

static GtkWidget *
grade_button (RhInterviewRubric *self,
              int                rating)
{
  GtkWidget *button = gtk_widget_get_first_child (self->grade_box);

  for (int i = 1; i < rating && button != NULL; i++)
    button = gtk_widget_get_next_sibling (button);
  return button;
}

/* What the ticks point to: an outline, never a verdict. */
static void
update_suggestion (RhInterviewRubric *self)
{
  int suggested = rh_interview_rubric_get_suggested (self);

  for (int rating = RH_RATING_AGAIN; rating <= RH_RATING_EASY; rating++)
    {
      if (rating == suggested)
        gtk_widget_add_css_class (grade_button (self, rating), "suggested-grade");
      else
        gtk_widget_remove_css_class (grade_button (self, rating), "suggested-grade");
    }
}

static void
check_toggled_cb (GtkCheckButton    *check,
                  RhInterviewRubric *self)
{
  guint index;

  if (self->interview == NULL || !g_ptr_array_find (self->checks, check, &index))
    return;
  rh_mock_interview_set_covered (self->interview, index, gtk_check_button_get_active (check));
  update_suggestion (self);
}

static void
fill_areas (RhInterviewRubric *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->areas_list))) != NULL)
    gtk_list_box_remove (self->areas_list, child);
  g_ptr_array_set_size (self->checks, 0);
  for (guint i = 0; i < rh_mock_interview_get_n_areas (self->interview); i++)
    {
      GtkCheckButton *check;
      GtkWidget *row = rh_text_check_row_new (rh_mock_interview_get_area (self->interview, i), &check);

      g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), self);
      gtk_list_box_append (self->areas_list, row);
      g_ptr_array_add (self->checks, check);
    }
}

/* "Answered in 3:12 of 4:00", or that the time ran out. */
static void
fill_time (RhInterviewRubric *self)
{
  int budget = rh_mock_interview_get_budget (self->interview);
  int used = budget - rh_mock_interview_get_remaining (self->interview);
  g_autofree char *used_text = rh_interview_format_clock ((gint64)used * 1000);
  g_autofree char *budget_text = rh_interview_format_clock ((gint64)budget * 1000);
  g_autofree char *text = NULL;

  if (used >= budget)
    text = g_strdup_printf (_("The time ran out at %s."), budget_text);
  else
    /* Translators: "Answered in 3:12 of 4:00." */
    text = g_strdup_printf (_("Answered in %s of %s."), used_text, budget_text);
  gtk_label_set_label (self->time_label, text);
}

static void
style_dark_cb (RhInterviewRubric *self,
               GParamSpec        *pspec,
               AdwStyleManager   *style)
{
  rh_answer_view_set_dark (self->answer_view, adw_style_manager_get_dark (style));
}

static void
rh_interview_rubric_dispose (GObject *object)
{
  RhInterviewRubric *self = RH_INTERVIEW_RUBRIC (object);

  g_clear_object (&self->interview);
  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_INTERVIEW_RUBRIC);

  G_OBJECT_CLASS (rh_interview_rubric_parent_class)->dispose (object);
}

static void
rh_interview_rubric_finalize (GObject *object)
{
  RhInterviewRubric *self = RH_INTERVIEW_RUBRIC (object);

  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (rh_interview_rubric_parent_class)->finalize (object);
}

static void
rh_interview_rubric_class_init (RhInterviewRubricClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_interview_rubric_dispose;
  object_class->finalize = rh_interview_rubric_finalize;

  g_type_ensure (RH_TYPE_ANSWER_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/rh-interview-rubric.ui");
  gtk_widget_class_bind_template_child (widget_class, RhInterviewRubric, scroller);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewRubric, topic_label);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewRubric, title_label);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewRubric, question_label);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewRubric, time_label);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewRubric, notes_box);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewRubric, notes_label);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewRubric, areas_list);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewRubric, answer_revealer);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewRubric, answer_view);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewRubric, bottom_stack);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewRubric, show_button);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewRubric, grade_box);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewRubric, grade_caption);
}

static void
rh_interview_rubric_init (RhInterviewRubric *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->checks = g_ptr_array_new ();
  g_signal_connect_object (style, "notify::dark", G_CALLBACK (style_dark_cb), self, G_CONNECT_SWAPPED);
  rh_answer_view_set_dark (self->answer_view, adw_style_manager_get_dark (style));
}

/* The rubric of the interview's current question, nothing ticked, the
 * model answer hidden. */
void
rh_interview_rubric_show (RhInterviewRubric *self,
                          RhMockInterview   *interview)
{
  RhCard *card;
  RhTopic *topic;
  const char *notes;

  g_return_if_fail (RH_IS_INTERVIEW_RUBRIC (self));
  g_return_if_fail (RH_IS_MOCK_INTERVIEW (interview));

  g_set_object (&self->interview, interview);
  card = rh_mock_interview_get_current (interview);
  topic = rh_collection_get_card_topic (rh_mock_interview_get_collection (interview), card);
  notes = rh_mock_interview_get_notes (interview);
  gtk_label_set_label (self->topic_label, topic != NULL ? rh_topic_get_title (topic) : "");
  rh_card_show_headline (card, self->title_label, self->question_label);
  gtk_label_set_label (self->notes_label, notes);
  gtk_widget_set_visible (self->notes_box, notes[0] != '\0');
  fill_time (self);
  fill_areas (self);
  update_suggestion (self);
  gtk_revealer_set_reveal_child (self->answer_revealer, FALSE);
  gtk_stack_set_visible_child_name (self->bottom_stack, "show");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

/* The model answer below the rubric, and the grades, with what the grade
 * will do to the card's schedule. */
void
rh_interview_rubric_reveal (RhInterviewRubric *self)
{
  RhCard *card;
  gboolean counts;

  g_return_if_fail (RH_IS_INTERVIEW_RUBRIC (self));
  g_return_if_fail (self->interview != NULL);

  card = rh_mock_interview_get_current (self->interview);
  counts = rh_collection_question_is_review (rh_mock_interview_get_collection (self->interview),
                                             rh_card_get_id (card),
                                             rh_mock_interview_get_record (self->interview)->counts_as_reviews);
  rh_answer_view_set_card (self->answer_view, card);
  gtk_revealer_set_reveal_child (self->answer_revealer, TRUE);
  gtk_label_set_label (self->grade_caption, counts ? _("This card is due: the grade counts as its review")
                                                   : _("Logged as practice: the card’s schedule stays as it is"));
  gtk_stack_set_visible_child_name (self->bottom_stack, "grade");
}

/* Where the keys go next: the first key area's row (Space ticks it, the
 * arrows move between rows, Ctrl+Return shows the answer), then the
 * suggested grade.  The row, not its box: from the box the arrows do not
 * move on. */
void
rh_interview_rubric_focus (RhInterviewRubric *self)
{
  int suggested;

  g_return_if_fail (RH_IS_INTERVIEW_RUBRIC (self));

  suggested = rh_interview_rubric_get_suggested (self);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->bottom_stack), "show") == 0)
    gtk_widget_grab_focus (self->checks->len > 0
                           ? gtk_widget_get_ancestor (g_ptr_array_index (self->checks, 0), GTK_TYPE_LIST_BOX_ROW)
                           : self->show_button);
  else
    gtk_widget_grab_focus (grade_button (self, suggested != 0 ? suggested : RH_RATING_GOOD));
}

/* The tick box of line @index: for the tests. */
GtkCheckButton *
rh_interview_rubric_get_check (RhInterviewRubric *self,
                               guint              index)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_RUBRIC (self), NULL);
  g_return_val_if_fail (index < self->checks->len, NULL);
  return g_ptr_array_index (self->checks, index);
}

int
rh_interview_rubric_get_suggested (RhInterviewRubric *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_RUBRIC (self), 0);
  return self->interview != NULL ? rh_mock_interview_get_suggested_grade (self->interview) : 0;
}
