/* rh-backups-private.h: what the tests reach inside the backups
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rh-backups.h"

G_BEGIN_DECLS

typedef void (*RhBackupsCopyHook) (const char *copy,
                                   gpointer    data);

/* Called in the worker thread on each copy written, before its check: a
 * test damages it there, as a failing disk would. */
void _rh_backups_set_copy_hook (RhBackups         *self,
                                RhBackupsCopyHook  hook,
                                gpointer           data);

G_END_DECLS
