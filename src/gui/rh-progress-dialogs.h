/* rh-progress-dialogs.h: Export Progress… and Import Progress…
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rh-collection.h"

G_BEGIN_DECLS

/* Said when it went well: a toast's text. */
typedef void (*RhProgressDone) (const char *message,
                                gpointer    user_data);

void  rh_progress_dialogs_show     (GtkWindow      *parent,
                                   RhCollection   *collection,
                                   gboolean        import,
                                   RhProgressDone  done,
                                   gpointer        user_data);
char *rh_progress_dialogs_imported (const RhMergeCounts *counts);

G_END_DECLS
