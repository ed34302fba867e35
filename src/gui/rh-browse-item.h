/* rh-browse-item.h
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rh-card.h"
#include "rh-types.h"

G_BEGIN_DECLS

#define RH_TYPE_BROWSE_ITEM (rh_browse_item_get_type ())

G_DECLARE_FINAL_TYPE (RhBrowseItem, rh_browse_item, RH, BROWSE_ITEM, GObject)

RhBrowseItem      *rh_browse_item_new               (RhCard            *card,
                                                     const char        *topic_title);
RhCard            *rh_browse_item_get_card          (RhBrowseItem      *self);
const char        *rh_browse_item_get_topic_title   (RhBrowseItem      *self);
void               rh_browse_item_update            (RhBrowseItem      *self,
                                                     const RhCardState *state,
                                                     gboolean           suspended,
                                                     double            retrievability);
const RhCardState *rh_browse_item_get_state         (RhBrowseItem      *self);
gboolean           rh_browse_item_get_suspended     (RhBrowseItem      *self);
double             rh_browse_item_get_retrievability (RhBrowseItem     *self);

G_END_DECLS
