/* rh-interview-record.h: a mock interview as it is kept: questions, rubric, grades
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How the learner says a follow-up went (answered aloud, not graded). */
typedef enum {
  RH_FOLLOW_UP_NONE     = 0,   /* none was asked, or the interview ended first */
  RH_FOLLOW_UP_MISSED   = 1,
  RH_FOLLOW_UP_PARTLY   = 2,
  RH_FOLLOW_UP_ANSWERED = 3,
} RhFollowUpRating;

/* One line of a question's rubric: a key area of the card, as its text
 * read when it was asked (a later deck may word it otherwise). */
typedef struct {
  char     *text;
  gboolean  covered;
} RhInterviewArea;

/* One question, answered. */
typedef struct {
  char             *card_id;
  char             *topic_id;
  char             *topic_title;   /* as the deck had them when asked: a */
  char             *title;         /* deck removed since leaves them */
  char             *question;
  gint64            time_used_ms;  /* at most the budget */
  gboolean          timed_out;
  int               rating;        /* RhRating, 1..4 */
  gboolean          counted;       /* a real review; otherwise practice */
  char             *follow_up;     /* NULL: none asked */
  RhFollowUpRating  follow_up_rating;
  char             *notes;         /* never NULL */
  GArray           *areas;         /* of RhInterviewArea */
} RhInterviewAnswer;

typedef struct {
  gint64    id;                    /* its row in the store; 0 until saved */
  gint64    started_at;            /* Unix seconds UTC */
  gint64    finished_at;
  guint32   seed;
  int       seconds_per_question;
  gboolean  follow_ups;
  gboolean  counts_as_reviews;
  GStrv     topics;                /* the topics chosen; empty: all */
  GArray   *answers;               /* of RhInterviewAnswer, in the order asked */
} RhInterviewRecord;

/* A past interview in a list. */
typedef struct {
  gint64 id;
  gint64 started_at;
  guint  n_questions;
  guint  areas_covered;
  guint  areas_total;
} RhInterviewSummary;

/* The questions of one topic in one interview, summed: what the chart of
 * scores over time reads for a scope of topics. */
typedef struct {
  gint64      interview_id;
  gint64      started_at;
  const char *topic_id;    /* valid during the callback only */
  guint       covered;
  guint       total;
} RhInterviewPart;

typedef void (*RhInterviewPartFunc) (const RhInterviewPart *part,
                                     gpointer               user_data);

void               rh_interview_record_init        (RhInterviewRecord       *record);
void               rh_interview_record_clear       (RhInterviewRecord       *record);
RhInterviewAnswer *rh_interview_record_add_answer  (RhInterviewRecord       *record);
RhInterviewAnswer *rh_interview_record_get_answer  (const RhInterviewRecord *record,
                                                    guint                    index);
guint              rh_interview_record_get_n_answers (const RhInterviewRecord *record);
void               rh_interview_record_count_areas (const RhInterviewRecord *record,
                                                    guint                   *covered,
                                                    guint                   *total);
void               rh_interview_answer_count_areas (const RhInterviewAnswer *answer,
                                                    guint                   *covered,
                                                    guint                   *total);
void               rh_interview_answer_add_area    (RhInterviewAnswer       *answer,
                                                    const char              *text,
                                                    gboolean                 covered);
double             rh_interview_score              (guint                    covered,
                                                    guint                    total);
int                rh_interview_suggest_grade      (guint                    covered,
                                                    guint                    total);

G_END_DECLS
