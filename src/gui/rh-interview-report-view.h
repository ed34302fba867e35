/* rh-interview-report-view.h
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rh-interview-report.h"

G_BEGIN_DECLS

#define RH_TYPE_INTERVIEW_REPORT_VIEW (rh_interview_report_view_get_type ())

G_DECLARE_FINAL_TYPE (RhInterviewReportView, rh_interview_report_view, RH, INTERVIEW_REPORT_VIEW, GtkWidget)

void                rh_interview_report_view_show          (RhInterviewReportView   *self,
                                                            RhCollection            *collection,
                                                            const RhInterviewRecord *record);
const char * const *rh_interview_report_view_get_weakest   (RhInterviewReportView   *self);
const GArray       *rh_interview_report_view_get_blocks    (RhInterviewReportView   *self);
const char         *rh_interview_report_view_get_score     (RhInterviewReportView   *self);
void                rh_interview_report_view_focus         (RhInterviewReportView   *self);

G_END_DECLS
