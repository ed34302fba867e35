/* rh-interview-follow-up.h
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rh-mock-interview.h"

G_BEGIN_DECLS

#define RH_TYPE_INTERVIEW_FOLLOW_UP (rh_interview_follow_up_get_type ())

G_DECLARE_FINAL_TYPE (RhInterviewFollowUp, rh_interview_follow_up, RH, INTERVIEW_FOLLOW_UP, GtkWidget)

void rh_interview_follow_up_show  (RhInterviewFollowUp *self,
                                   RhMockInterview     *interview);
void rh_interview_follow_up_focus (RhInterviewFollowUp *self);

G_END_DECLS
