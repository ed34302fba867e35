/* rh-topic.c: a topic of a deck and its cards
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rehearse-topic"

#include "config.h"

#include "rh-deck-private.h"
#include "rh-topic.h"

struct _RhTopic {
  GObject parent_instance;

  char *id;
  char *title;
  char *summary;
  guint position;
  GListStore *cards;
};

G_DEFINE_FINAL_TYPE (RhTopic, rh_topic, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_SUMMARY,
  PROP_POSITION,
  PROP_CARDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rh_topic_finalize (GObject *object)
{
  RhTopic *self = (RhTopic *)object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->summary);
  g_clear_object (&self->cards);

  G_OBJECT_CLASS (rh_topic_parent_class)->finalize (object);
}

static void
rh_topic_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  RhTopic *self = RH_TOPIC (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;
    case PROP_CARDS:
      g_value_set_object (value, self->cards);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_topic_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  RhTopic *self = RH_TOPIC (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_TITLE:
      self->title = g_value_dup_string (value);
      break;
    case PROP_SUMMARY:
      self->summary = g_value_dup_string (value);
      break;
    case PROP_POSITION:
      self->position = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_topic_class_init (RhTopicClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rh_topic_finalize;
  object_class->get_property = rh_topic_get_property;
  object_class->set_property = rh_topic_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CARDS] =
    g_param_spec_object ("cards", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rh_topic_init (RhTopic *self)
{
  self->cards = g_list_store_new (RH_TYPE_CARD);
}

RhTopic *
rh_topic_new (const char *id,
              const char *title,
              const char *summary,
              guint       position)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (RH_TYPE_TOPIC,
                       "id", id,
                       "title", title,
                       "summary", summary,
                       "position", position,
                       NULL);
}

/* Only the parser adds cards, while it builds the deck. */
void
_rh_topic_add_card (RhTopic *self,
                    RhCard  *card)
{
  g_assert (RH_IS_TOPIC (self));
  g_assert (RH_IS_CARD (card));

  g_list_store_append (self->cards, card);
}

const char *
rh_topic_get_id (RhTopic *self)
{
  g_return_val_if_fail (RH_IS_TOPIC (self), NULL);
  return self->id;
}

const char *
rh_topic_get_title (RhTopic *self)
{
  g_return_val_if_fail (RH_IS_TOPIC (self), NULL);
  return self->title;
}

const char *
rh_topic_get_summary (RhTopic *self)
{
  g_return_val_if_fail (RH_IS_TOPIC (self), NULL);
  return self->summary;
}

guint
rh_topic_get_position (RhTopic *self)
{
  g_return_val_if_fail (RH_IS_TOPIC (self), 0);
  return self->position;
}

/* The topic's cards in deck order, a GListModel of RhCard. */
GListModel *
rh_topic_get_cards (RhTopic *self)
{
  g_return_val_if_fail (RH_IS_TOPIC (self), NULL);
  return G_LIST_MODEL (self->cards);
}

guint
rh_topic_get_n_cards (RhTopic *self)
{
  g_return_val_if_fail (RH_IS_TOPIC (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->cards));
}
