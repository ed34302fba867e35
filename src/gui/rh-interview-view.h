/* rh-interview-view.h
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rh-collection.h"

G_BEGIN_DECLS

#define RH_TYPE_INTERVIEW_VIEW (rh_interview_view_get_type ())

G_DECLARE_FINAL_TYPE (RhInterviewView, rh_interview_view, RH, INTERVIEW_VIEW, GtkWidget)

void     rh_interview_view_set_collection (RhInterviewView    *self,
                                           RhCollection       *collection,
                                           GSettings          *settings);
void     rh_interview_view_begin          (RhInterviewView    *self,
                                           const char * const *topic_ids);
gboolean rh_interview_view_is_running     (RhInterviewView    *self);
void     rh_interview_view_end            (RhInterviewView    *self);

G_END_DECLS
