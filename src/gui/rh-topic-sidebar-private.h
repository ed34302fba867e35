/* rh-topic-sidebar-private.h: what the tests reach inside the widget
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rh-topic-sidebar.h"

G_BEGIN_DECLS

RhTopicRow  *rh_topic_sidebar_get_row             (RhTopicSidebar *self,
                                                   const char     *topic_id);

G_END_DECLS
