/* rh-store-private.h: what the tests need to reach inside the store
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rh-store.h"

G_BEGIN_DECLS

/* Creates a database at an older schema version, as an older Rehearse
 * would have left it, so the migrations can be tested from each. */
gboolean _rh_store_create_at_version (const char  *path,
                                      int          version,
                                      GError     **error);

/* Caps the database's size, as a full disk would. */
void     _rh_store_set_max_page_count (RhStore    *self,
                                       int         pages);

G_END_DECLS
