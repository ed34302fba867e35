/* rh-sync.h: review history shared through a folder another program syncs
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rh-collection.h"

G_BEGIN_DECLS

#define RH_TYPE_SYNC (rh_sync_get_type ())

G_DECLARE_FINAL_TYPE (RhSync, rh_sync, RH, SYNC, GObject)

RhSync     *rh_sync_new            (RhCollection  *collection);
const char *rh_sync_get_folder     (RhSync        *self);
void        rh_sync_set_folder     (RhSync        *self,
                                    const char    *folder);
gboolean    rh_sync_is_available   (RhSync        *self);
char       *rh_sync_get_own_path   (RhSync        *self);
gboolean    rh_sync_run            (RhSync        *self,
                                    guint         *n_merged,
                                    GError       **error);

G_END_DECLS
