/* rh-interview-setup.h
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rh-mock-interview.h"

G_BEGIN_DECLS

#define RH_TYPE_INTERVIEW_SETUP (rh_interview_setup_get_type ())

G_DECLARE_FINAL_TYPE (RhInterviewSetup, rh_interview_setup, RH, INTERVIEW_SETUP, GtkWidget)

void        rh_interview_setup_set_collection (RhInterviewSetup       *self,
                                               RhCollection           *collection,
                                               GSettings              *settings);
void        rh_interview_setup_set_topics     (RhInterviewSetup       *self,
                                               const char * const     *topic_ids);
void        rh_interview_setup_get_options    (RhInterviewSetup       *self,
                                               RhMockInterviewOptions *options);
void        rh_interview_setup_refresh        (RhInterviewSetup       *self);
void        rh_interview_setup_focus          (RhInterviewSetup       *self);

G_END_DECLS
