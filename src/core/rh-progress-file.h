/* rh-progress-file.h: the text format of review history (export, import, sync)
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rh-types.h"

G_BEGIN_DECLS

/* docs/progress-format.md describes the format. */
#define RH_PROGRESS_VERSION 1
#define RH_PROGRESS_HEADER  "# rehearse-progress 1"
#define RH_PROGRESS_COLUMNS "# card_id,reviewed_at,rating,review_id,duration_ms,kind,target"

/* A whole history of a very busy learner is a few hundred megabytes. */
#define RH_PROGRESS_MAX_FILE_SIZE (G_GINT64_CONSTANT (1) << 30)

#define RH_PROGRESS_ERROR (rh_progress_error_quark ())

typedef enum {
  RH_PROGRESS_ERROR_NOT_PROGRESS,  /* no header: not a progress file */
  RH_PROGRESS_ERROR_TOO_NEW,       /* a newer format version */
  RH_PROGRESS_ERROR_SYNTAX,        /* a line that is not an event */
  RH_PROGRESS_ERROR_FILE,          /* not a regular file, too large, unreadable */
} RhProgressError;

/* Events parsed from a file: RhReview with card_id owned, and the line
 * each came from. */
typedef struct {
  GArray *events;
  GArray *lines;       /* guint */
  gsize   consumed;    /* bytes of whole lines read */
  guint   n_lines;     /* lines read */
} RhProgressBatch;

GQuark   rh_progress_error_quark (void);
void     rh_progress_batch_init  (RhProgressBatch *batch);
void     rh_progress_batch_clear (RhProgressBatch *batch);
gboolean rh_progress_parse       (const char      *data,
                                  gsize            length,
                                  gboolean         at_start,
                                  gboolean         allow_partial,
                                  const char      *name,
                                  guint            first_line,
                                  RhProgressBatch *batch,
                                  GError         **error);
int      rh_progress_open        (const char      *path,
                                  GError         **error);
gboolean rh_progress_read_fd     (int              fd,
                                  gint64           offset,
                                  gint64           limit,
                                  const char      *name,
                                  char           **data,
                                  gsize           *length,
                                  GError         **error);
gboolean rh_progress_check_start (int              fd,
                                  const char      *name,
                                  GError         **error);
gboolean rh_progress_read_file   (const char      *path,
                                  RhProgressBatch *batch,
                                  GError         **error);
void     rh_progress_append      (GString         *out,
                                  const RhReview  *event);

G_END_DECLS
