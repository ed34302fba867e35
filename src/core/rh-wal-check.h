/* rh-wal-check.h: would SQLite silently ignore committed changes in a WAL?
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint    n_frames;        /* frames SQLite will read */
  guint    n_lost_frames;   /* frames of this generation it will skip */
  guint    n_lost_commits;  /* committed transactions among them (at least 1 if the header is damaged) */
  gboolean damaged_header;  /* the whole log will be ignored */
} RhWalReport;

gboolean rh_wal_check (const char  *wal_path,
                       RhWalReport *report,
                       GError     **error);

G_END_DECLS
