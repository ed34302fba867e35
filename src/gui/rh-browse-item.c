/* rh-browse-item.c: one card's row in the browse view
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A snapshot of a card's schedule for the column view to sort and show;
 * the view refreshes it from the session whenever the store changes.
 */
#define G_LOG_DOMAIN "rehearse-browse-item"

#include "config.h"

#include "rh-browse-item.h"

struct _RhBrowseItem {
  GObject parent_instance;

  RhCard *card;
  char *topic_title;
  RhCardState state;
  gboolean suspended;
  double retrievability;
};

G_DEFINE_FINAL_TYPE (RhBrowseItem, rh_browse_item, G_TYPE_OBJECT)

static void
rh_browse_item_finalize (GObject *object)
{
  RhBrowseItem *self = (RhBrowseItem *)object;

  g_clear_object (&self->card);
  g_free (self->topic_title);

  G_OBJECT_CLASS (rh_browse_item_parent_class)->finalize (object);
}

static void
rh_browse_item_class_init (RhBrowseItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rh_browse_item_finalize;
}

static void
rh_browse_item_init (RhBrowseItem *self)
{
  rh_card_state_init_new (&self->state, 0);
}

RhBrowseItem *
rh_browse_item_new (RhCard     *card,
                    const char *topic_title)
{
  RhBrowseItem *self;

  g_return_val_if_fail (RH_IS_CARD (card), NULL);

  self = g_object_new (RH_TYPE_BROWSE_ITEM, NULL);
  self->card = g_object_ref (card);
  self->topic_title = g_strdup (topic_title);
  return self;
}

RhCard *
rh_browse_item_get_card (RhBrowseItem *self)
{
  g_return_val_if_fail (RH_IS_BROWSE_ITEM (self), NULL);
  return self->card;
}

const char *
rh_browse_item_get_topic_title (RhBrowseItem *self)
{
  g_return_val_if_fail (RH_IS_BROWSE_ITEM (self), NULL);
  return self->topic_title;
}

void
rh_browse_item_update (RhBrowseItem      *self,
                       const RhCardState *state,
                       gboolean           suspended,
                       double             retrievability)
{
  g_return_if_fail (RH_IS_BROWSE_ITEM (self));
  g_return_if_fail (state != NULL);

  self->state = *state;
  self->suspended = suspended;
  self->retrievability = retrievability;
}

const RhCardState *
rh_browse_item_get_state (RhBrowseItem *self)
{
  g_return_val_if_fail (RH_IS_BROWSE_ITEM (self), NULL);
  return &self->state;
}

gboolean
rh_browse_item_get_suspended (RhBrowseItem *self)
{
  g_return_val_if_fail (RH_IS_BROWSE_ITEM (self), FALSE);
  return self->suspended;
}

double
rh_browse_item_get_retrievability (RhBrowseItem *self)
{
  g_return_val_if_fail (RH_IS_BROWSE_ITEM (self), 0.0);
  return self->retrievability;
}
