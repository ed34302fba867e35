/* rh-interview-question.h
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rh-mock-interview.h"

G_BEGIN_DECLS

#define RH_TYPE_INTERVIEW_QUESTION (rh_interview_question_get_type ())

G_DECLARE_FINAL_TYPE (RhInterviewQuestion, rh_interview_question, RH, INTERVIEW_QUESTION, GtkWidget)

void        rh_interview_question_show          (RhInterviewQuestion *self,
                                                 RhMockInterview     *interview);
void        rh_interview_question_update_time   (RhInterviewQuestion *self);
void        rh_interview_question_focus         (RhInterviewQuestion *self);
const char *rh_interview_question_get_countdown (RhInterviewQuestion *self);

G_END_DECLS
