/* rh-topic.h: a topic of a deck and its cards
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rh-card.h"

G_BEGIN_DECLS

#define RH_TYPE_TOPIC (rh_topic_get_type ())

G_DECLARE_FINAL_TYPE (RhTopic, rh_topic, RH, TOPIC, GObject)

RhTopic    *rh_topic_new         (const char *id,
                                  const char *title,
                                  const char *summary,
                                  guint       position);
const char *rh_topic_get_id      (RhTopic    *self);
const char *rh_topic_get_title   (RhTopic    *self);
const char *rh_topic_get_summary (RhTopic    *self);
guint       rh_topic_get_position (RhTopic   *self);
GListModel *rh_topic_get_cards   (RhTopic    *self);
guint       rh_topic_get_n_cards (RhTopic    *self);

G_END_DECLS
