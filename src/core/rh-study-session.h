/* rh-study-session.h: which card comes next, for a set of topics
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rh-clock.h"
#include "rh-deck.h"
#include "rh-scheduler.h"
#include "rh-store.h"

G_BEGIN_DECLS

/* What a topic (or the whole scope) holds right now. */
typedef struct {
  guint  n_new;         /* new cards that can still be introduced today */
  guint  n_learning;    /* learning and relearning cards due today */
  guint  n_review;      /* review cards due today, within the daily limit */
  guint  n_cards;       /* every card, suspended ones included */
  guint  n_suspended;
  guint  n_unseen;      /* new cards, whatever the limit */
  double readiness;     /* mean predicted recall now; new cards count 0 */
} RhCounts;

/* How this session went, for the summary at its end. */
typedef struct {
  guint  n_answered;
  guint  n_passed;      /* Hard, Good or Easy */
  guint  n_retention;   /* answers of review cards: what retention counts */
  guint  n_retention_passed;
  gint64 time_ms;
} RhSessionSummary;

#define RH_STUDY_SESSION_LEARN_AHEAD (20 * 60)

#define RH_TYPE_STUDY_SESSION (rh_study_session_get_type ())

G_DECLARE_FINAL_TYPE (RhStudySession, rh_study_session, RH, STUDY_SESSION, GObject)

RhStudySession *rh_study_session_new              (RhDeck          *deck,
                                                   RhStore         *store,
                                                   RhClock         *clock);
RhDeck         *rh_study_session_get_deck         (RhStudySession  *self);
RhStore        *rh_study_session_get_store        (RhStudySession  *self);
RhClock        *rh_study_session_get_clock        (RhStudySession  *self);
void            rh_study_session_set_scheduler    (RhStudySession  *self,
                                                   RhScheduler     *scheduler);
RhScheduler    *rh_study_session_get_scheduler    (RhStudySession  *self);
void            rh_study_session_set_limits       (RhStudySession  *self,
                                                   guint            new_per_day,
                                                   guint            reviews_per_day);
void            rh_study_session_set_topics       (RhStudySession  *self,
                                                   const char * const *topic_ids);
void            rh_study_session_start_practice   (RhStudySession  *self,
                                                   guint32          seed);
void            rh_study_session_stop_practice    (RhStudySession  *self);
gboolean        rh_study_session_get_practice     (RhStudySession  *self);
void            rh_study_session_refresh          (RhStudySession  *self);

RhCard         *rh_study_session_get_current      (RhStudySession  *self);
void            rh_study_session_preview          (RhStudySession  *self,
                                                   RhCardState      after[4]);
void            rh_study_session_study_now        (RhStudySession  *self,
                                                   RhCard          *card);
gboolean        rh_study_session_answer           (RhStudySession  *self,
                                                   RhRating         rating,
                                                   int              duration_ms,
                                                   GError         **error);
gboolean        rh_study_session_undo             (RhStudySession  *self,
                                                   RhReview        *undone,
                                                   GError         **error);
gboolean        rh_study_session_redo             (RhStudySession  *self,
                                                   RhReview        *redone,
                                                   GError         **error);
void            rh_study_session_get_remaining    (RhStudySession  *self,
                                                   RhCounts        *counts);
gint64          rh_study_session_get_next_due     (RhStudySession  *self);
void            rh_study_session_get_summary      (RhStudySession  *self,
                                                   RhSessionSummary *summary);
void            rh_study_session_reset_summary    (RhStudySession  *self);

void            rh_study_session_count_topics     (RhStudySession  *self,
                                                   RhCounts        *per_topic,
                                                   RhCounts        *all);
void            rh_study_session_count_scope      (RhStudySession  *self,
                                                   const char * const *topic_ids,
                                                   RhCounts        *counts);
double          rh_study_session_card_retrievability (RhStudySession *self,
                                                      RhCard         *card);

G_END_DECLS
