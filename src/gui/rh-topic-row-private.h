/* rh-topic-row-private.h: what the tests reach inside the widget
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rh-topic-row.h"

G_BEGIN_DECLS

const char *rh_topic_row_get_counts_text (RhTopicRow *self);

G_END_DECLS
