/* rh-interview-view.c: a mock interview in the window, from the choices to the report
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window gives its whole content to the interview while it runs: no
 * sidebar, no other view, the question alone, as in the room.  This widget
 * holds the RhMockInterview and shows the page its phase asks for (setup,
 * question, rubric, follow-up, report); the pages only show, and every
 * button and key goes through the "interview." actions here, which are
 * enabled only when they mean something.
 */
#define G_LOG_DOMAIN "rehearse-interview-view"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-interview-pdf.h"
#include "rh-interview-view-private.h"

struct _RhInterviewView {
  GtkWidget parent_instance;

  GtkWidget *header_bar;
  AdwWindowTitle *title;
  GtkWidget *back_button;
  GtkWidget *end_button;
  AdwToastOverlay *toast_overlay;
  GtkStack *stack;
  RhInterviewSetup *setup;
  RhInterviewQuestion *question;
  RhInterviewRubric *rubric;
  RhInterviewFollowUp *follow_up;
  RhInterviewReportView *report_view;

  RhCollection *collection;
  RhMockInterview *interview;
  RhInterviewRecord past;    /* a past interview's report is shown */
  gboolean has_past;
};

G_DEFINE_FINAL_TYPE (RhInterviewView, rh_interview_view, GTK_TYPE_WIDGET)

enum {
  CLOSE,
  STUDY_TOPICS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const actions[] = {
  "interview.start", "interview.done", "interview.pause", "interview.show-answer", "interview.grade",
  "interview.rate", "interview.end", "interview.close", "interview.study-weakest", "interview.save-pdf",
  "interview.save-markdown", "interview.open-past",
};

static void
toast (RhInterviewView *self,
       const char      *text,
       guint            timeout)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, timeout);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
clear_past (RhInterviewView *self)
{
  if (self->has_past)
    rh_interview_record_clear (&self->past);
  self->has_past = FALSE;
}

/* The header and which actions work, for the page shown. */
static void
update_chrome (RhInterviewView *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean asking = !g_str_equal (page, "setup") && !g_str_equal (page, "report");
  RhMockPhase phase = self->interview != NULL ? rh_mock_interview_get_phase (self->interview)
                                              : RH_MOCK_PHASE_FINISHED;
  const gboolean enabled[] = {
    g_str_equal (page, "setup"), phase == RH_MOCK_PHASE_QUESTION, phase == RH_MOCK_PHASE_QUESTION,
    phase == RH_MOCK_PHASE_RUBRIC, phase == RH_MOCK_PHASE_ANSWER, phase == RH_MOCK_PHASE_FOLLOW_UP, asking,
    !asking, g_str_equal (page, "report"), g_str_equal (page, "report"), g_str_equal (page, "report"),
    g_str_equal (page, "setup"),
  };
  g_autofree char *subtitle = NULL;

  G_STATIC_ASSERT (G_N_ELEMENTS (enabled) == G_N_ELEMENTS (actions));
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], enabled[i]);
  gtk_widget_set_visible (self->back_button, !asking);
  gtk_widget_set_visible (self->end_button, asking);
  if (asking)
    /* Translators: the header during a mock interview: "Question 2 of 5" */
    subtitle = g_strdup_printf (_("Question %u of %u"), rh_mock_interview_get_index (self->interview) + 1,
                                rh_mock_interview_get_n_questions (self->interview));
  adw_window_title_set_subtitle (self->title, subtitle);
}

static void
show_page (RhInterviewView *self,
           const char      *page)
{
  gtk_stack_set_visible_child_name (self->stack, page);
  update_chrome (self);
}

/* The page the interview's phase asks for, filled, with the focus where
 * the keys go next. */
static void
interview_changed_cb (RhInterviewView *self)
{
  switch (rh_mock_interview_get_phase (self->interview))
    {
    case RH_MOCK_PHASE_QUESTION:
      rh_interview_question_show (self->question, self->interview);
      show_page (self, "question");
      rh_interview_question_focus (self->question);
      break;
    case RH_MOCK_PHASE_RUBRIC:
      rh_interview_rubric_show (self->rubric, self->interview);
      show_page (self, "rubric");
      rh_interview_rubric_focus (self->rubric);
      break;
    case RH_MOCK_PHASE_ANSWER:
      rh_interview_rubric_reveal (self->rubric);
      update_chrome (self);
      rh_interview_rubric_focus (self->rubric);
      break;
    case RH_MOCK_PHASE_FOLLOW_UP:
      rh_interview_follow_up_show (self->follow_up, self->interview);
      show_page (self, "follow-up");
      rh_interview_follow_up_focus (self->follow_up);
      break;
    case RH_MOCK_PHASE_FINISHED:
    default:
      /* Ended before a grade: nothing to report, the choices again. */
      if (rh_interview_record_get_n_answers (rh_mock_interview_get_record (self->interview)) == 0)
        {
          show_page (self, "setup");
          rh_interview_setup_focus (self->setup);
          return;
        }
      rh_interview_report_view_show (self->report_view, self->collection, rh_mock_interview_get_record (self->interview));
      show_page (self, "report");
      rh_interview_report_view_focus (self->report_view);
      break;
    }
}

static void
time_cb (RhInterviewView *self)
{
  rh_interview_question_update_time (self->question);
}

/* --- Actions ------------------------------------------------------------------ */

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RhInterviewView *self = RH_INTERVIEW_VIEW (widget);
  g_autoptr(GError) error = NULL;
  RhMockInterviewOptions options;

  rh_interview_setup_get_options (self->setup, &options);
  /* Another interview, other questions: the moment it starts. */
  options.seed = (guint32)rh_collection_now (self->collection);
  clear_past (self);
  g_clear_object (&self->interview);
  self->interview = rh_mock_interview_new (self->collection, &options, &error);
  if (self->interview == NULL)
    {
      toast (self, error->message, 0);
      return;
    }
  g_signal_connect_object (self->interview, "changed", G_CALLBACK (interview_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->interview, "notify::remaining", G_CALLBACK (time_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->interview, "notify::paused", G_CALLBACK (time_cb), self, G_CONNECT_SWAPPED);
  interview_changed_cb (self);
}

/* Done, pause, show the answer, end: the interview's own steps. */
static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RhInterviewView *self = RH_INTERVIEW_VIEW (widget);

  if (self->interview == NULL)
    return;
  if (g_str_equal (action_name, "interview.done"))
    rh_mock_interview_done (self->interview);
  else if (g_str_equal (action_name, "interview.pause"))
    rh_mock_interview_set_paused (self->interview, !rh_mock_interview_get_paused (self->interview));
  else if (g_str_equal (action_name, "interview.show-answer"))
    rh_mock_interview_show_answer (self->interview);
  else if (g_str_equal (action_name, "interview.end"))
    rh_mock_interview_end (self->interview);
}

static void
grade_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RhInterviewView *self = RH_INTERVIEW_VIEW (widget);
  int rating = g_variant_get_int32 (parameter);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->interview == NULL || rating < RH_RATING_AGAIN || rating > RH_RATING_EASY)
    return;
  /* Not saved: the answer stays on screen for a retry. */
  if (rh_mock_interview_grade (self->interview, rating, &error))
    return;
  text = g_strdup_printf (_("Not saved: %s"), error->message);
  toast (self, text, 0);
}

static void
rate_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RhInterviewView *self = RH_INTERVIEW_VIEW (widget);
  int rating = g_variant_get_int32 (parameter);

  if (self->interview != NULL && rating >= RH_FOLLOW_UP_MISSED && rating <= RH_FOLLOW_UP_ANSWERED)
    rh_mock_interview_rate_follow_up (self->interview, (RhFollowUpRating)rating);
}

/* Back from the report (to the setup, for a past one) or the setup. */
static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RhInterviewView *self = RH_INTERVIEW_VIEW (widget);

  if (self->has_past)
    {
      clear_past (self);
      show_page (self, "setup");
      rh_interview_setup_focus (self->setup);
      return;
    }
  g_signal_emit (self, signals[CLOSE], 0);
}

static void
study_weakest_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RhInterviewView *self = RH_INTERVIEW_VIEW (widget);
  const char * const *weakest = rh_interview_report_view_get_weakest (self->report_view);

  if (weakest != NULL && weakest[0] != NULL)
    g_signal_emit (self, signals[STUDY_TOPICS], 0, weakest);
}

static void
open_past_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RhInterviewView *self = RH_INTERVIEW_VIEW (widget);
  g_autoptr(GError) error = NULL;

  clear_past (self);
  rh_interview_record_init (&self->past);
  self->has_past = TRUE;
  if (!rh_collection_load_interview (self->collection, g_variant_get_int64 (parameter), &self->past, &error))
    {
      clear_past (self);
      if (error != NULL)
        toast (self, error->message, 0);
      return;
    }
  rh_interview_report_view_show (self->report_view, self->collection, &self->past);
  show_page (self, "report");
}

/* --- Saving the report -------------------------------------------------------- */

gboolean
rh_interview_view_save (RhInterviewView  *self,
                        const char       *path,
                        gboolean          pdf,
                        GError          **error)
{
  const GArray *blocks;

  g_return_val_if_fail (RH_IS_INTERVIEW_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  blocks = rh_interview_report_view_get_blocks (self->report_view);
  g_return_val_if_fail (blocks != NULL, FALSE);
  if (pdf)
    return rh_interview_pdf_save (blocks, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), path, error);
  return rh_interview_report_save_markdown (blocks, path, error);
}

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  RhInterviewView *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  gboolean pdf = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "pdf"));
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && path != NULL)
    {
      g_autofree char *name = g_path_get_basename (path);
      g_autofree char *text = NULL;

      if (rh_interview_view_save (self, path, pdf, &error))
        text = g_strdup_printf (_("Saved the report as “%s”"), name);
      toast (self, text != NULL ? text : error->message, text != NULL ? 4 : 0);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RhInterviewView *self = RH_INTERVIEW_VIEW (widget);
  gboolean pdf = g_str_equal (action_name, "interview.save-pdf");
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (rh_collection_now (self->collection));
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, rh_clock_get_timezone (rh_collection_get_clock (self->collection)));
  g_autofree char *stamp = g_date_time_format (local, "%Y-%m-%d");
  g_autofree char *name = g_strdup_printf ("mock-interview-%s.%s", stamp, pdf ? "pdf" : "md");

  chooser = gtk_file_chooser_native_new (pdf ? _("Save the Report as PDF") : _("Save the Report as Markdown"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, pdf ? _("PDF documents") : _("Markdown files"));
  gtk_file_filter_add_pattern (filter, pdf ? "*.pdf" : "*.md");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "pdf", GINT_TO_POINTER (pdf));
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* --- Object ------------------------------------------------------------------- */

static void
rh_interview_view_dispose (GObject *object)
{
  RhInterviewView *self = RH_INTERVIEW_VIEW (object);

  g_clear_object (&self->interview);
  clear_past (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_INTERVIEW_VIEW);
  g_clear_object (&self->collection);

  G_OBJECT_CLASS (rh_interview_view_parent_class)->dispose (object);
}

static void
rh_interview_view_class_init (RhInterviewViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_interview_view_dispose;

  /* Back to studying. */
  signals[CLOSE] =
    g_signal_new ("close", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Study these topics (the report's weakest). */
  signals[STUDY_TOPICS] =
    g_signal_new ("study-topics", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRV);

  g_type_ensure (RH_TYPE_INTERVIEW_SETUP);
  g_type_ensure (RH_TYPE_INTERVIEW_QUESTION);
  g_type_ensure (RH_TYPE_INTERVIEW_RUBRIC);
  g_type_ensure (RH_TYPE_INTERVIEW_FOLLOW_UP);
  g_type_ensure (RH_TYPE_INTERVIEW_REPORT_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/rh-interview-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, header_bar);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, title);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, back_button);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, end_button);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, stack);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, setup);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, question);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, rubric);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, follow_up);
  gtk_widget_class_bind_template_child (widget_class, RhInterviewView, report_view);

  gtk_widget_class_install_action (widget_class, "interview.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "interview.done", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "interview.pause", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "interview.show-answer", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "interview.grade", "i", grade_action);
  gtk_widget_class_install_action (widget_class, "interview.rate", "i", rate_action);
  gtk_widget_class_install_action (widget_class, "interview.end", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "interview.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "interview.study-weakest", NULL, study_weakest_action);
  gtk_widget_class_install_action (widget_class, "interview.save-pdf", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "interview.save-markdown", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "interview.open-past", "x", open_past_action);
}

static void
rh_interview_view_init (RhInterviewView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_chrome (self);
}

/* Interviews over @collection, the choices kept in @settings. */
void
rh_interview_view_set_collection (RhInterviewView *self,
                                  RhCollection    *collection,
                                  GSettings       *settings)
{
  g_return_if_fail (RH_IS_INTERVIEW_VIEW (self));
  g_return_if_fail (RH_IS_COLLECTION (collection));

  if (self->collection == collection)
    return;
  g_clear_object (&self->interview);
  clear_past (self);
  g_set_object (&self->collection, collection);
  rh_interview_setup_set_collection (self->setup, collection, settings);
  show_page (self, "setup");
}

/* Shows the interview under way, or the choices for a new one with
 * @topic_ids ticked (the sidebar's selection). */
void
rh_interview_view_begin (RhInterviewView    *self,
                         const char * const *topic_ids)
{
  g_return_if_fail (RH_IS_INTERVIEW_VIEW (self));
  g_return_if_fail (self->collection != NULL);

  if (rh_interview_view_is_running (self))
    {
      interview_changed_cb (self);
      return;
    }
  g_clear_object (&self->interview);
  clear_past (self);
  rh_interview_setup_refresh (self->setup);
  rh_interview_setup_set_topics (self->setup, topic_ids);
  show_page (self, "setup");
  rh_interview_setup_focus (self->setup);
}

/* Whether an interview is under way: a question, its rubric or follow-up. */
gboolean
rh_interview_view_is_running (RhInterviewView *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_VIEW (self), FALSE);
  return self->interview != NULL && rh_mock_interview_get_phase (self->interview) != RH_MOCK_PHASE_FINISHED;
}

/* Ends the interview under way, if any: what was graded is kept (the
 * window is closing). */
void
rh_interview_view_end (RhInterviewView *self)
{
  g_return_if_fail (RH_IS_INTERVIEW_VIEW (self));

  if (rh_interview_view_is_running (self))
    rh_mock_interview_end (self->interview);
}

/* --- For the tests ------------------------------------------------------------ */

RhMockInterview *
rh_interview_view_get_interview (RhInterviewView *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_VIEW (self), NULL);
  return self->interview;
}

const char *
rh_interview_view_get_page (RhInterviewView *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

RhInterviewQuestion *
rh_interview_view_get_question (RhInterviewView *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_VIEW (self), NULL);
  return self->question;
}

RhInterviewRubric *
rh_interview_view_get_rubric (RhInterviewView *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_VIEW (self), NULL);
  return self->rubric;
}

RhInterviewReportView *
rh_interview_view_get_report_view (RhInterviewView *self)
{
  g_return_val_if_fail (RH_IS_INTERVIEW_VIEW (self), NULL);
  return self->report_view;
}
