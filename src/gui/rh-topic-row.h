/* rh-topic-row.h
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rh-types.h"
#include "rh-deck-source.h"
#include "rh-topic.h"

G_BEGIN_DECLS

#define RH_TYPE_TOPIC_ROW (rh_topic_row_get_type ())

G_DECLARE_FINAL_TYPE (RhTopicRow, rh_topic_row, RH, TOPIC_ROW, GtkListBoxRow)

GtkWidget  *rh_topic_row_new         (RhTopic        *topic,
                                      const char     *title);
GtkWidget  *rh_topic_row_new_deck    (RhDeckSource   *source);
RhTopic    *rh_topic_row_get_topic   (RhTopicRow     *self);
RhDeckSource *rh_topic_row_get_source (RhTopicRow    *self);
gboolean    rh_topic_row_get_expanded (RhTopicRow    *self);
void        rh_topic_row_set_expanded (RhTopicRow    *self,
                                       gboolean       expanded);
const char *rh_topic_row_get_title   (RhTopicRow     *self);
void        rh_topic_row_set_counts  (RhTopicRow     *self,
                                      const RhCounts *counts);
void        rh_topic_row_set_matches (RhTopicRow     *self,
                                      int             matches);

G_END_DECLS
