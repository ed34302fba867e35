/* rh-topic-sidebar.h
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rh-deck.h"

G_BEGIN_DECLS

#define RH_TYPE_TOPIC_SIDEBAR (rh_topic_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (RhTopicSidebar, rh_topic_sidebar, RH, TOPIC_SIDEBAR, AdwBin)

void         rh_topic_sidebar_set_deck            (RhTopicSidebar *self,
                                                   RhDeck         *deck);
RhDeck      *rh_topic_sidebar_get_deck            (RhTopicSidebar *self);
GStrv        rh_topic_sidebar_dup_selected_topics (RhTopicSidebar *self);
void         rh_topic_sidebar_select_topics       (RhTopicSidebar *self,
                                                   const char * const *topic_ids);
const char  *rh_topic_sidebar_get_scope_title     (RhTopicSidebar *self);

G_END_DECLS
