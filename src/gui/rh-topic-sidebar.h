/* rh-topic-sidebar.h
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rh-deck.h"
#include "rh-types.h"
#include "rh-topic-row.h"

G_BEGIN_DECLS

#define RH_TYPE_TOPIC_SIDEBAR (rh_topic_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (RhTopicSidebar, rh_topic_sidebar, RH, TOPIC_SIDEBAR, GtkWidget)

void         rh_topic_sidebar_set_decks           (RhTopicSidebar *self,
                                                   RhDeck         *deck,
                                                   GListModel     *sources);
RhDeck      *rh_topic_sidebar_get_deck            (RhTopicSidebar *self);
GStrv        rh_topic_sidebar_dup_selected_topics (RhTopicSidebar *self);
void         rh_topic_sidebar_select_topics       (RhTopicSidebar *self,
                                                   const char * const *topic_ids);
void         rh_topic_sidebar_select_deck         (RhTopicSidebar *self,
                                                   const char     *deck_id);
const char  *rh_topic_sidebar_get_scope_title     (RhTopicSidebar *self);
void         rh_topic_sidebar_set_counts          (RhTopicSidebar *self,
                                                   const RhCounts *per_topic,
                                                   const RhCounts *per_part,
                                                   const RhCounts *all);
void         rh_topic_sidebar_set_search_mode     (RhTopicSidebar *self,
                                                   gboolean        search_mode);
gboolean     rh_topic_sidebar_get_search_mode     (RhTopicSidebar *self);
void         rh_topic_sidebar_set_search_text     (RhTopicSidebar *self,
                                                   const char     *text);
const char  *rh_topic_sidebar_get_search_text     (RhTopicSidebar *self);

G_END_DECLS
