/* rh-interview-view-private.h: what the tests reach inside the interview
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rh-interview-follow-up.h"
#include "rh-interview-question.h"
#include "rh-interview-report-view.h"
#include "rh-interview-rubric.h"
#include "rh-interview-setup.h"
#include "rh-interview-view.h"
#include "rh-mock-interview.h"

G_BEGIN_DECLS

RhMockInterview       *rh_interview_view_get_interview   (RhInterviewView  *self);
const char            *rh_interview_view_get_page        (RhInterviewView  *self);
RhInterviewQuestion   *rh_interview_view_get_question    (RhInterviewView  *self);
RhInterviewRubric     *rh_interview_view_get_rubric      (RhInterviewView  *self);
RhInterviewReportView *rh_interview_view_get_report_view (RhInterviewView  *self);
gboolean               rh_interview_view_save            (RhInterviewView  *self,
                                                          const char       *path,
                                                          gboolean          pdf,
                                                          GError          **error);

G_END_DECLS
