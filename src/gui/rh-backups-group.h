/* rh-backups-group.h
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rh-collection.h"

G_BEGIN_DECLS

#define RH_TYPE_BACKUPS_GROUP (rh_backups_group_get_type ())

G_DECLARE_FINAL_TYPE (RhBackupsGroup, rh_backups_group, RH, BACKUPS_GROUP, AdwPreferencesGroup)

void rh_backups_group_set_collection (RhBackupsGroup *self,
                                      RhCollection   *collection);

G_END_DECLS
