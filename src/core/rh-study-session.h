/* rh-study-session.h: which card comes next, for a scope of the collection
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rh-collection.h"

G_BEGIN_DECLS

#define RH_STUDY_SESSION_LEARN_AHEAD (20 * 60)

#define RH_TYPE_STUDY_SESSION (rh_study_session_get_type ())

G_DECLARE_FINAL_TYPE (RhStudySession, rh_study_session, RH, STUDY_SESSION, GObject)

RhStudySession *rh_study_session_new              (RhCollection    *collection);
RhCollection   *rh_study_session_get_collection   (RhStudySession  *self);
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
void            rh_study_session_count_scope      (RhStudySession  *self,
                                                   RhCounts        *counts);


G_END_DECLS
