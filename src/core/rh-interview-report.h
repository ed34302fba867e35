/* rh-interview-report.h: what a mock interview says: scores, weak spots, the way on
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rh-collection.h"
#include "rh-interview-record.h"

G_BEGIN_DECLS

#define RH_INTERVIEW_REPORT_ERROR (rh_interview_report_error_quark ())

typedef enum {
  RH_INTERVIEW_REPORT_ERROR_WRITE,   /* the file could not be written */
} RhInterviewReportError;

/* Fewer than this share of a topic's key areas covered: a topic to study. */
#define RH_INTERVIEW_REPORT_WEAK 0.8
#define RH_INTERVIEW_REPORT_MAX_WEAKEST 3
#define RH_INTERVIEW_REPORT_MAX_MISSED 5

typedef struct {
  char  *topic_id;
  char  *title;         /* the deck's, or the id of a topic the deck no longer has */
  guint  n_questions;
  guint  covered;
  guint  total;
} RhReportTopic;

typedef struct {
  char  *text;
  char  *card_title;
  guint  missed;        /* in every interview kept, this one included */
  guint  asked;
} RhReportMiss;

typedef struct {
  guint   covered;
  guint   total;
  gint64  time_used_ms;
  gint64  time_budget_ms;
  GArray *topics;       /* of RhReportTopic, weakest first */
  GArray *missed;       /* of RhReportMiss, missed most often first */
  GStrv   weakest;      /* the topics to study next, weakest first */
  char   *recommendation;
} RhInterviewReport;

/* The report as a document: what Markdown and PDF both print. */
typedef enum {
  RH_REPORT_TITLE,
  RH_REPORT_HEADING,
  RH_REPORT_SUBHEADING,
  RH_REPORT_PARAGRAPH,
  RH_REPORT_QUOTE,
  RH_REPORT_ITEM,
} RhReportBlockKind;

typedef struct {
  RhReportBlockKind kind;
  char             *text;
} RhReportBlock;

GQuark   rh_interview_report_error_quark  (void);
void     rh_interview_report_init         (RhInterviewReport       *report,
                                           RhCollection            *collection,
                                           const RhInterviewRecord *record);
void     rh_interview_report_clear        (RhInterviewReport       *report);
const char *rh_interview_report_topic_title (const RhInterviewReport *report,
                                             const char              *topic_id);
char    *rh_interview_format_clock        (gint64                   ms);
char    *rh_interview_format_started      (RhClock                 *clock,
                                           gint64                   when);
const char *rh_interview_format_follow_up (RhFollowUpRating         rating);
GArray  *rh_interview_report_to_blocks    (const RhInterviewReport *report,
                                           const RhInterviewRecord *record,
                                           RhClock                 *clock);
char    *rh_interview_report_to_markdown  (const GArray            *blocks);
gboolean rh_interview_report_save_markdown (const GArray           *blocks,
                                            const char             *path,
                                            GError                **error);

G_END_DECLS
