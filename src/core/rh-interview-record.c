/* rh-interview-record.c: a mock interview as it is kept: questions, rubric, grades
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain data, shared by the interview as it runs, the store that keeps it
 * and the report that reads it back, so that a past interview's report is
 * made by the same code as today's.
 */
#define G_LOG_DOMAIN "rehearse-interview-record"

#include "config.h"

#include "rh-fsrs.h"
#include "rh-interview-record.h"

static void
area_clear (RhInterviewArea *area)
{
  g_clear_pointer (&area->text, g_free);
}

static void
answer_clear (RhInterviewAnswer *answer)
{
  g_clear_pointer (&answer->card_id, g_free);
  g_clear_pointer (&answer->topic_id, g_free);
  g_clear_pointer (&answer->topic_title, g_free);
  g_clear_pointer (&answer->title, g_free);
  g_clear_pointer (&answer->question, g_free);
  g_clear_pointer (&answer->follow_up, g_free);
  g_clear_pointer (&answer->notes, g_free);
  g_clear_pointer (&answer->areas, g_array_unref);
}

void
rh_interview_record_init (RhInterviewRecord *record)
{
  g_return_if_fail (record != NULL);

  *record = (RhInterviewRecord) { 0 };
  record->topics = g_new0 (char *, 1);
  record->answers = g_array_new (FALSE, TRUE, sizeof (RhInterviewAnswer));
  g_array_set_clear_func (record->answers, (GDestroyNotify)answer_clear);
}

void
rh_interview_record_clear (RhInterviewRecord *record)
{
  g_return_if_fail (record != NULL);

  g_clear_pointer (&record->topics, g_strfreev);
  g_clear_pointer (&record->answers, g_array_unref);
}

/* A new answer at the end, empty but for its list of areas and its notes. */
RhInterviewAnswer *
rh_interview_record_add_answer (RhInterviewRecord *record)
{
  RhInterviewAnswer *answer;

  g_return_val_if_fail (record != NULL && record->answers != NULL, NULL);

  g_array_set_size (record->answers, record->answers->len + 1);
  answer = &g_array_index (record->answers, RhInterviewAnswer, record->answers->len - 1);
  answer->notes = g_strdup ("");
  answer->areas = g_array_new (FALSE, TRUE, sizeof (RhInterviewArea));
  g_array_set_clear_func (answer->areas, (GDestroyNotify)area_clear);
  return answer;
}

RhInterviewAnswer *
rh_interview_record_get_answer (const RhInterviewRecord *record,
                                guint                    index)
{
  g_return_val_if_fail (record != NULL && index < record->answers->len, NULL);
  return &g_array_index (record->answers, RhInterviewAnswer, index);
}

guint
rh_interview_record_get_n_answers (const RhInterviewRecord *record)
{
  g_return_val_if_fail (record != NULL, 0);
  return record->answers != NULL ? record->answers->len : 0;
}

void
rh_interview_answer_add_area (RhInterviewAnswer *answer,
                              const char        *text,
                              gboolean           covered)
{
  RhInterviewArea area = { g_strdup (text), covered };

  g_return_if_fail (answer != NULL && text != NULL);
  g_array_append_val (answer->areas, area);
}

void
rh_interview_answer_count_areas (const RhInterviewAnswer *answer,
                                 guint                   *covered,
                                 guint                   *total)
{
  g_return_if_fail (answer != NULL && covered != NULL && total != NULL);

  *covered = 0;
  *total = answer->areas->len;
  for (guint i = 0; i < answer->areas->len; i++)
    *covered += g_array_index (answer->areas, RhInterviewArea, i).covered ? 1 : 0;
}

/* The interview's score is the share of every question's key areas that
 * were covered: a question with seven areas weighs more than one with
 * three, as it asks more of an answer. */
void
rh_interview_record_count_areas (const RhInterviewRecord *record,
                                 guint                   *covered,
                                 guint                   *total)
{
  g_return_if_fail (record != NULL && covered != NULL && total != NULL);

  *covered = *total = 0;
  for (guint i = 0; i < rh_interview_record_get_n_answers (record); i++)
    {
      guint c, t;

      rh_interview_answer_count_areas (rh_interview_record_get_answer (record, i), &c, &t);
      *covered += c;
      *total += t;
    }
}

double
rh_interview_score (guint covered,
                    guint total)
{
  return total > 0 ? (double)covered / total : 0.0;
}

/* The grade a rubric points to: under half the key areas covered is
 * Again, under four in five Hard, more Good.  Easy is never suggested:
 * fluency is for the learner to judge.  0 when there is no rubric. */
int
rh_interview_suggest_grade (guint covered,
                            guint total)
{
  double share;

  if (total == 0)
    return 0;
  share = rh_interview_score (covered, total);
  if (share < 0.5)
    return RH_RATING_AGAIN;
  if (share < 0.8)
    return RH_RATING_HARD;
  return RH_RATING_GOOD;
}
