/* rh-files.h: putting a file in place without touching another
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Renames @from to @to unless @to exists; 0, or -1 with errno set (EEXIST
 * when @to is taken). */
int rh_rename_no_replace (const char *from,
                          const char *to);

G_END_DECLS
