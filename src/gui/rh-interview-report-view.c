/* rh-interview-report-view.c: how a mock interview went, and what to study next
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The score (the share of key areas covered), the time used against the
 * budget, a recommendation with a button to study the weakest topics, each
 * question (its rows are the report's own lines, as the Markdown and the
 * PDF print them), each topic, and the key areas missed most.  The same
 * view shows today's interview and any past one.
 */
#define G_LOG_DOMAIN "rehearse-interview-report-view"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-format.h"
#include "rh-interview-report-view.h"

struct _RhInterviewReportView {
  GtkWidget parent_instance;

  GtkScrolledWindow *scroller;
  GtkLabel *when_label;
  GtkLabel *score_label;
  GtkLabel *score_caption;
  GtkLevelBar *score_bar;
  GtkLabel *time_caption;
  GtkLabel *recommendation_label;
  GtkWidget *study_button;
  AdwPreferencesGroup *questions_group;
  AdwPreferencesGroup *topics_group;
  AdwPreferencesGroup *missed_group;

  RhInterviewReport report;
  gboolean has_report;
  GArray *blocks;           /* of RhReportBlock */
  GPtrArray *rows;          /* every row added to a group */
};

G_DEFINE_FINAL_TYPE (RhInterviewReportView, rh_interview_report_view, GTK_TYPE_WIDGET)

/* Deck text and notes are shown as they are, never read as markup. */
static GtkWidget *
add_row (RhInterviewReportView *self,
         AdwPreferencesGroup   *group,
         GtkWidget             *row,
         const char            *title,
         const char            *subtitle,
         const char            *suffix)
{
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped_subtitle = subtitle != NULL ? g_markup_escape_text (subtitle, -1) : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  if (ADW_IS_EXPANDER_ROW (row))
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), escaped_subtitle);
  else
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
    }
  if (suffix != NULL)
    {
      GtkWidget *label = gtk_label_new (suffix);

      gtk_widget_add_css_class (label, "numeric");
      if (ADW_IS_EXPANDER_ROW (row))
        adw_expander_row_add_action (ADW_EXPANDER_ROW (row), label);
      else
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  if (group != NULL)
    {
      adw_preferences_group_add (group, row);
      g_ptr_array_add (self->rows, row);
    }
  return row;
}

static void
clear (RhInterviewReportView *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP)),
                                    row);
    }
  g_ptr_array_set_size (self->rows, 0);
  g_clear_pointer (&self->blocks, g_array_unref);
  if (self->has_report)
    rh_interview_report_clear (&self->report);
  self->has_report = FALSE;
}

/* "2 of 5": a share of key areas, and the percentage beside it. */
static char *
share_text (guint covered,
            guint total)
{
  g_autofree char *percent = rh_format_percent (rh_interview_score (covered, total));

  /* Translators: key areas covered of all, then the percentage: "2 of 5 · 40%" */
  return g_strdup_printf (_("%u of %u · %s"), covered, total, percent);
}

/* A question: its line of the report as the title, its topic and share
 * below, and the report's lines about it inside. */
static GtkWidget *
question_row (RhInterviewReportView   *self,
              const RhInterviewRecord *record,
              guint                    index,
              const char              *title)
{
  const RhInterviewAnswer *answer = rh_interview_record_get_answer (record, index);
  g_autofree char *share = NULL;
  guint covered, total;

  rh_interview_answer_count_areas (answer, &covered, &total);
  share = share_text (covered, total);
  return add_row (self, self->questions_group, adw_expander_row_new (), title,
                  rh_interview_report_topic_title (&self->report, answer->topic_id), share);
}

static void
fill_questions (RhInterviewReportView   *self,
                const RhInterviewRecord *record)
{
  GtkWidget *expander = NULL;
  guint question = 0;
  guint headings = 0;

  /* The questions are the first heading's part of the document. */
  for (guint i = 0; i < self->blocks->len; i++)
    {
      const RhReportBlock *block = &g_array_index (self->blocks, RhReportBlock, i);

      if (block->kind == RH_REPORT_HEADING)
        {
          headings++;
          expander = NULL;
        }
      else if (headings == 1 && block->kind == RH_REPORT_SUBHEADING)
        expander = question_row (self, record, question++, block->text);
      else if (expander != NULL)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                  add_row (self, NULL, adw_action_row_new (), block->text, NULL, NULL));
    }
}

static void
fill_topics_and_misses (RhInterviewReportView *self)
{
  for (guint i = 0; i < self->report.topics->len; i++)
    {
      const RhReportTopic *topic = &g_array_index (self->report.topics, RhReportTopic, i);
      g_autofree char *share = share_text (topic->covered, topic->total);
      g_autofree char *questions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u question", "%u questions",
                                                                 topic->n_questions), topic->n_questions);

      add_row (self, self->topics_group, adw_action_row_new (), topic->title, questions, share);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->missed_group), self->report.missed->len > 0);
  for (guint i = 0; i < self->report.missed->len; i++)
    {
      const RhReportMiss *miss = &g_array_index (self->report.missed, RhReportMiss, i);
      /* Translators: how often a key area was missed: "2 of 3" */
      g_autofree char *count = g_strdup_printf (_("missed %u of %u"), miss->missed, miss->asked);

      add_row (self, self->missed_group, adw_action_row_new (), miss->text, miss->card_title, count);
    }
}

static void
fill_score (RhInterviewReportView   *self,
            const RhInterviewRecord *record)
{
  g_autofree char *percent = rh_format_percent (rh_interview_score (self->report.covered, self->report.total));
  g_autofree char *used = rh_interview_format_clock (self->report.time_used_ms);
  g_autofree char *budget = rh_interview_format_clock (self->report.time_budget_ms);
  guint n = rh_interview_record_get_n_answers (record);
  g_autofree char *caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%u of %u key areas covered in %u question",
                                                           "%u of %u key areas covered in %u questions", n),
                                              self->report.covered, self->report.total, n);
  /* Translators: "9:12 of 12:00 used" */
  g_autofree char *time = g_strdup_printf (_("%s of %s used"), used, budget);
  guint n_weakest = g_strv_length (self->report.weakest);

  gtk_label_set_label (self->when_label, g_array_index (self->blocks, RhReportBlock, 0).text);
  gtk_label_set_label (self->score_label, percent);
  gtk_label_set_label (self->score_caption, caption);
  gtk_level_bar_set_value (self->score_bar, rh_interview_score (self->report.covered, self->report.total));
  gtk_label_set_label (self->time_caption, time);
  gtk_label_set_label (self->recommendation_label,
                       self->report.recommendation != NULL ? self->report.recommendation : "");
  gtk_button_set_label (GTK_BUTTON (self->study_button),
                        g_dngettext (GETTEXT_PACKAGE, "_Study This Topic", "_Study These Topics", n_weakest));
  gtk_widget_set_visible (self->study_button, n_weakest > 0);
}

static void
rh_interview_report_view_dispose (GObject *object)
{
  RhInterviewReportView *self = RH_INTERVIEW_REPORT_VIEW (object);

  if (self->has_report)
    rh_interview_report_clear (&self->report);
  self->has_report = FALSE;
  g_clear_pointer (&self->blocks, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_INTERVIEW_REPORT_VIEW);

  G_OBJECT_CLASS (rh_interview_report_view_parent_class)->dispose (object);
}

static void
rh_interview_report_view_finalize (GObject *object)
{
  RhInterviewReportView *self = RH_INTERVIEW_REPORT_VIEW (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (rh_interview_report_view_parent_class)->finalize (object);
}

static void
rh_interview_report_view_class_init (RhInterviewReportViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_interview_report_view_dispose;
  object_class->finalize = rh_interview_report_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/rh-interview-report-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RhInterviewReportView, scroller);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewReportView, when_label);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewReportView, score_label);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewReportView, score_caption);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewReportView, score_bar);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewReportView, time_caption);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewReportView, recommendation_label);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewReportView, study_button);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewReportView, questions_group);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewReportView, topics_group);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewReportView, missed_group);
}

static void
rh_interview_report_view_init (RhInterviewReportView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

/* The report of @record, today's interview or a past one. */
void
rh_interview_report_view_show (RhInterviewReportView   *self,
                               RhCollection            *collection,
                               const RhInterviewRecord *record)
{
  g_return_if_fail (RH_IS_INTERVIEW_REPORT_VIEW (self));
  g_return_if_fail (RH_IS_COLLECTION (collection));
  g_return_if_fail (record != NULL);

  clear (self);
  rh_interview_report_init (&self->report, collection, record);
  self->has_report = TRUE;
  self->blocks = rh_interview_report_to_blocks (&self->report, record, rh_collection_get_clock (collection));
  fill_score (self, record);
  fill_questions (self, record);
  fill_topics_and_misses (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

/* The topics the recommendation names, weakest first. */
const char * const *
rh_interview_report_view_get_weakest (RhInterviewReportView *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_REPORT_VIEW (self), NULL);
  return self->has_report ? (const char * const *)self->report.weakest : NULL;
}

/* The report as a document, for Markdown and PDF. */
const GArray *
rh_interview_report_view_get_blocks (RhInterviewReportView *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_REPORT_VIEW (self), NULL);
  return self->blocks;
}

/* The score as shown: for the tests. */
const char *
rh_interview_report_view_get_score (RhInterviewReportView *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_REPORT_VIEW (self), NULL);
  return gtk_label_get_label (self->score_label);
}

void
rh_interview_report_view_focus (RhInterviewReportView *self)
{
  g_return_if_fail (RH_IS_INTERVIEW_REPORT_VIEW (self));

  if (gtk_widget_get_visible (self->study_button))
    gtk_widget_grab_focus (self->study_button);
}
