/* rh-sync-group.h: the Sync group of Preferences: the folder shared with other computers
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rh-sync.h"

G_BEGIN_DECLS

#define RH_TYPE_SYNC_GROUP (rh_sync_group_get_type ())

G_DECLARE_FINAL_TYPE (RhSyncGroup, rh_sync_group, RH, SYNC_GROUP, AdwPreferencesGroup)

void rh_sync_group_set_sync (RhSyncGroup *self,
                             RhSync      *sync,
                             GSettings   *settings);
const char *rh_sync_group_get_folder_text (RhSyncGroup *self);

G_END_DECLS
