/* rh-mock-interview.h: the second kind of session: timed questions, rubric, report
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rh-collection.h"
#include "rh-interview-record.h"

G_BEGIN_DECLS

#define RH_MOCK_INTERVIEW_MIN_QUESTIONS      3
#define RH_MOCK_INTERVIEW_MAX_QUESTIONS      10
#define RH_MOCK_INTERVIEW_DEFAULT_QUESTIONS  5
#define RH_MOCK_INTERVIEW_DEFAULT_MINUTES    4
#define RH_MOCK_INTERVIEW_MAX_MINUTES        15

#define RH_MOCK_INTERVIEW_ERROR (rh_mock_interview_error_quark ())

typedef enum {
  RH_MOCK_INTERVIEW_ERROR_NO_QUESTIONS,   /* nothing left to ask in the topics chosen */
} RhMockInterviewError;

typedef enum {
  RH_MOCK_PHASE_QUESTION,    /* the question alone, the time running */
  RH_MOCK_PHASE_RUBRIC,      /* tick the key areas covered */
  RH_MOCK_PHASE_ANSWER,      /* the model answer beside the rubric; grade it */
  RH_MOCK_PHASE_FOLLOW_UP,   /* one follow-up, answered aloud, then rated */
  RH_MOCK_PHASE_FINISHED,    /* the report */
} RhMockPhase;

typedef struct {
  const char * const *topics;         /* NULL or empty: every topic */
  guint               n_questions;
  guint               seconds_per_question;
  gboolean            follow_ups;
  gboolean            counts_as_reviews;
  guint32             seed;
} RhMockInterviewOptions;

/* A card an interview may ask, and what the learner knows of it. */
typedef struct {
  const char *card_id;
  const char *topic_id;
  gboolean    seen;             /* answered at least once (and not reset) */
  double      retrievability;   /* the predicted chance of recall now; 0 when unseen */
  int         lapses;
} RhMockCandidate;

GQuark           rh_mock_interview_error_quark   (void);
void             rh_mock_interview_options_init  (RhMockInterviewOptions *options);
GArray          *rh_mock_interview_select        (const RhMockCandidate  *candidates,
                                                  guint                   n_candidates,
                                                  const char * const     *topics,
                                                  guint                   count,
                                                  const char * const     *previous,
                                                  guint32                 seed);
GPtrArray       *rh_mock_interview_choose        (RhCollection           *collection,
                                                  const RhMockInterviewOptions *options,
                                                  GError                **error);
RhText          *rh_mock_interview_rubric_area   (RhCard                 *card,
                                                  guint                   index);
guint            rh_mock_interview_rubric_size   (RhCard                 *card);

#define RH_TYPE_MOCK_INTERVIEW (rh_mock_interview_get_type ())

G_DECLARE_FINAL_TYPE (RhMockInterview, rh_mock_interview, RH, MOCK_INTERVIEW, GObject)

RhMockInterview *rh_mock_interview_new           (RhCollection           *collection,
                                                  const RhMockInterviewOptions *options,
                                                  GError                **error);
RhCollection    *rh_mock_interview_get_collection (RhMockInterview       *self);
guint            rh_mock_interview_get_n_questions (RhMockInterview      *self);
RhCard          *rh_mock_interview_get_card      (RhMockInterview        *self,
                                                  guint                   index);
guint            rh_mock_interview_get_index     (RhMockInterview        *self);
RhCard          *rh_mock_interview_get_current   (RhMockInterview        *self);
RhMockPhase      rh_mock_interview_get_phase     (RhMockInterview        *self);

/* The question: time and notes */
int              rh_mock_interview_get_budget    (RhMockInterview        *self);
int              rh_mock_interview_get_remaining (RhMockInterview        *self);
gboolean         rh_mock_interview_get_paused    (RhMockInterview        *self);
void             rh_mock_interview_set_paused    (RhMockInterview        *self,
                                                  gboolean                paused);
void             rh_mock_interview_set_notes     (RhMockInterview        *self,
                                                  const char             *notes);
const char      *rh_mock_interview_get_notes     (RhMockInterview        *self);
void             rh_mock_interview_done          (RhMockInterview        *self);

/* The rubric and the grade */
guint            rh_mock_interview_get_n_areas   (RhMockInterview        *self);
RhText          *rh_mock_interview_get_area      (RhMockInterview        *self,
                                                  guint                   index);
gboolean         rh_mock_interview_get_covered   (RhMockInterview        *self,
                                                  guint                   index);
void             rh_mock_interview_set_covered   (RhMockInterview        *self,
                                                  guint                   index,
                                                  gboolean                covered);
int              rh_mock_interview_get_suggested_grade (RhMockInterview  *self);
void             rh_mock_interview_show_answer   (RhMockInterview        *self);
gboolean         rh_mock_interview_grade         (RhMockInterview        *self,
                                                  RhRating                rating,
                                                  GError                **error);

/* The follow-up */
RhText          *rh_mock_interview_get_follow_up (RhMockInterview        *self);
void             rh_mock_interview_rate_follow_up (RhMockInterview       *self,
                                                   RhFollowUpRating       rating);

/* The end */
gboolean         rh_mock_interview_end           (RhMockInterview        *self);
const RhInterviewRecord *rh_mock_interview_get_record (RhMockInterview   *self);
gboolean         rh_mock_interview_save          (RhMockInterview        *self,
                                                  GError                **error);

G_END_DECLS
