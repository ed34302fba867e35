/* rh-collection-private.h: what other core objects and the tests reach inside
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The statistics read the review log straight from the store; nothing
 * outside src/core (and the tests) may include this.
 */
#pragma once

#include "rh-collection.h"
#include "rh-store.h"

G_BEGIN_DECLS

RhStore                    *_rh_collection_get_store  (RhCollection *self);
const RhStoredCard * const *rh_collection_peek_states (RhCollection *self,
                                                       RhDeck       *deck);

G_END_DECLS
