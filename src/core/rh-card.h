/* rh-card.h: one question of a deck, with its model answer
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rh-answer-block.h"
#include "rh-text.h"

G_BEGIN_DECLS

#define RH_TYPE_CARD (rh_card_get_type ())

G_DECLARE_FINAL_TYPE (RhCard, rh_card, RH, CARD, GObject)

typedef struct {
  const char *id;
  const char *topic_id;
  const char *title;       /* NULL: the question's first line */
  const char *question;
  guint       position;
  GPtrArray  *key_areas;   /* of RhText */
  GPtrArray  *answer;      /* of RhAnswerBlock */
  GPtrArray  *pitfalls;    /* of RhText */
  GPtrArray  *follow_ups;  /* of RhText */
} RhCardContent;

RhCard        *rh_card_new              (const RhCardContent *content);
const char    *rh_card_get_id           (RhCard *self);
const char    *rh_card_get_topic_id     (RhCard *self);
const char    *rh_card_get_title        (RhCard *self);
gboolean       rh_card_has_title        (RhCard *self);
const char    *rh_card_get_question     (RhCard *self);
guint          rh_card_get_position     (RhCard *self);
guint          rh_card_get_n_key_areas  (RhCard *self);
RhText        *rh_card_get_key_area     (RhCard *self,
                                         guint   index);
guint          rh_card_get_n_blocks     (RhCard *self);
RhAnswerBlock *rh_card_get_block        (RhCard *self,
                                         guint   index);
guint          rh_card_get_n_pitfalls   (RhCard *self);
RhText        *rh_card_get_pitfall      (RhCard *self,
                                         guint   index);
guint          rh_card_get_n_follow_ups (RhCard *self);
RhText        *rh_card_get_follow_up    (RhCard *self,
                                         guint   index);
const char    *rh_card_get_search_text  (RhCard *self);

G_END_DECLS
