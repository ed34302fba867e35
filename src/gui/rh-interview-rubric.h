/* rh-interview-rubric.h
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rh-mock-interview.h"

G_BEGIN_DECLS

#define RH_TYPE_INTERVIEW_RUBRIC (rh_interview_rubric_get_type ())

G_DECLARE_FINAL_TYPE (RhInterviewRubric, rh_interview_rubric, RH, INTERVIEW_RUBRIC, GtkWidget)

void            rh_interview_rubric_show      (RhInterviewRubric *self,
                                               RhMockInterview   *interview);
void            rh_interview_rubric_reveal    (RhInterviewRubric *self);
void            rh_interview_rubric_focus     (RhInterviewRubric *self);
GtkCheckButton *rh_interview_rubric_get_check (RhInterviewRubric *self,
                                               guint              index);
int             rh_interview_rubric_get_suggested (RhInterviewRubric *self);

G_END_DECLS
