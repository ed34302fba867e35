/* rh-test-core.h: a collection for the core tests, on a fake clock
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rh-collection-private.h"

G_BEGIN_DECLS

/* A collection on @clock over the deck in tests/fixtures/@deck_fixture (NULL:
 * the built-in deck), with a fresh store in a new temporary folder named
 * @name, fuzz off (reference intervals) and the rollover at @rollover_hour. */
RhCollection *rh_test_collection_new (const char *name,
                                      const char *deck_fixture,
                                      RhClock    *clock,
                                      int         rollover_hour);

/* The card @id of @collection's decks; the test fails if there is none. */
RhCard       *rh_test_card           (RhCollection *collection,
                                      const char   *id);

G_END_DECLS
