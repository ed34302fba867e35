/* rh-decks-group.h
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rh-collection.h"

G_BEGIN_DECLS

#define RH_TYPE_DECKS_GROUP (rh_decks_group_get_type ())

G_DECLARE_FINAL_TYPE (RhDecksGroup, rh_decks_group, RH, DECKS_GROUP, AdwPreferencesGroup)

void rh_decks_group_set_collection (RhDecksGroup *self,
                                    RhCollection *collection);

G_END_DECLS
