/* rh-deck.c: a deck of cards grouped in topics
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rehearse-deck"

#include "config.h"

#include "rh-deck-private.h"

struct _RhDeck {
  GObject parent_instance;

  char *id;
  guint version;
  char *language;
  char *title;
  char *description;
  GListStore *topics;
  GListStore *cards;
  GHashTable *topics_by_id;   /* id -> its index + 1 */
  GHashTable *cards_by_id;    /* id -> its index + 1 */
  GPtrArray *topic_array;     /* RhTopic in deck order, borrowed from the store */
  GPtrArray *card_array;      /* RhCard in deck order, borrowed from the store */
  GArray *card_topics;        /* guint: each card's topic index */
  /* A deck made of other decks (rh_deck_new_union()): them, and for each
   * topic the index of the deck it comes from. */
  GPtrArray *parts;
  GArray *topic_parts;
};

G_DEFINE_FINAL_TYPE (RhDeck, rh_deck, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_VERSION,
  PROP_LANGUAGE,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_TOPICS,
  PROP_CARDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rh_deck_finalize (GObject *object)
{
  RhDeck *self = (RhDeck *)object;

  g_clear_pointer (&self->topics_by_id, g_hash_table_unref);
  g_clear_pointer (&self->cards_by_id, g_hash_table_unref);
  g_clear_pointer (&self->topic_array, g_ptr_array_unref);
  g_clear_pointer (&self->card_array, g_ptr_array_unref);
  g_clear_pointer (&self->card_topics, g_array_unref);
  g_clear_pointer (&self->parts, g_ptr_array_unref);
  g_clear_pointer (&self->topic_parts, g_array_unref);
  g_clear_object (&self->topics);
  g_clear_object (&self->cards);
  g_free (self->id);
  g_free (self->language);
  g_free (self->title);
  g_free (self->description);

  G_OBJECT_CLASS (rh_deck_parent_class)->finalize (object);
}

static void
rh_deck_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  RhDeck *self = RH_DECK (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_VERSION:
      g_value_set_uint (value, self->version);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_TOPICS:
      g_value_set_object (value, self->topics);
      break;
    case PROP_CARDS:
      g_value_set_object (value, self->cards);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_deck_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  RhDeck *self = RH_DECK (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_VERSION:
      self->version = g_value_get_uint (value);
      break;
    case PROP_LANGUAGE:
      self->language = g_value_dup_string (value);
      break;
    case PROP_TITLE:
      self->title = g_value_dup_string (value);
      break;
    case PROP_DESCRIPTION:
      self->description = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_deck_class_init (RhDeckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rh_deck_finalize;
  object_class->get_property = rh_deck_get_property;
  object_class->set_property = rh_deck_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VERSION] =
    g_param_spec_uint ("version", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOPICS] =
    g_param_spec_object ("topics", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CARDS] =
    g_param_spec_object ("cards", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rh_deck_init (RhDeck *self)
{
  self->topics = g_list_store_new (RH_TYPE_TOPIC);
  self->cards = g_list_store_new (RH_TYPE_CARD);
  self->topics_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->cards_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->topic_array = g_ptr_array_new ();
  self->card_array = g_ptr_array_new ();
  self->card_topics = g_array_new (FALSE, FALSE, sizeof (guint));
  self->parts = g_ptr_array_new_with_free_func (g_object_unref);
  self->topic_parts = g_array_new (FALSE, FALSE, sizeof (guint));
}

RhDeck *
_rh_deck_new (const char *id,
              guint       version,
              const char *language,
              const char *title,
              const char *description)
{
  return g_object_new (RH_TYPE_DECK,
                       "id", id,
                       "version", version,
                       "language", language,
                       "title", title,
                       "description", description,
                       NULL);
}

static void
append_topic (RhDeck  *self,
              RhTopic *topic)
{
  g_list_store_append (self->topics, topic);
  g_ptr_array_add (self->topic_array, topic);
  g_hash_table_insert (self->topics_by_id, (gpointer)rh_topic_get_id (topic),
                       GUINT_TO_POINTER (self->topic_array->len));
}

static void
append_card (RhDeck *self,
             RhCard *card,
             guint   topic_index)
{
  g_list_store_append (self->cards, card);
  g_ptr_array_add (self->card_array, card);
  g_hash_table_insert (self->cards_by_id, (gpointer)rh_card_get_id (card),
                       GUINT_TO_POINTER (self->card_array->len));
  g_array_append_val (self->card_topics, topic_index);
}

/* FALSE when a topic with this id is already there. */
gboolean
_rh_deck_add_topic (RhDeck  *self,
                    RhTopic *topic)
{
  if (g_hash_table_contains (self->topics_by_id, rh_topic_get_id (topic)))
    return FALSE;
  append_topic (self, topic);
  return TRUE;
}

/* FALSE when a card with this id is already there.  The card's topic
 * must have been added: the caller checks the reference first. */
gboolean
_rh_deck_add_card (RhDeck *self,
                   RhCard *card)
{
  guint topic_index;

  if (g_hash_table_contains (self->cards_by_id, rh_card_get_id (card)))
    return FALSE;
  g_assert (rh_deck_get_topic_index (self, rh_card_get_topic_id (card), &topic_index));
  append_card (self, card, topic_index);
  _rh_topic_add_card (g_ptr_array_index (self->topic_array, topic_index), card);
  return TRUE;
}

/* One deck of the topics and cards of @decks, in their order, for the
 * passes over every card of a collection: the same topic and card objects,
 * indexed anew (each keeps the position it has in its own deck).  Topic
 * and card ids must be unique across @decks: the deck ids are in them. */
RhDeck *
rh_deck_new_union (const char    *id,
                   const char    *title,
                   RhDeck * const *decks,
                   guint          n_decks)
{
  RhDeck *self;

  g_return_val_if_fail (id != NULL && title != NULL, NULL);
  g_return_val_if_fail (decks != NULL || n_decks == 0, NULL);

  self = _rh_deck_new (id, 1, "", title, "");
  for (guint d = 0; d < n_decks; d++)
    {
      RhDeck *part = decks[d];
      guint first_topic = self->topic_array->len;

      g_ptr_array_add (self->parts, g_object_ref (part));
      for (guint t = 0; t < part->topic_array->len; t++)
        {
          g_return_val_if_fail (!g_hash_table_contains (self->topics_by_id,
                                                        rh_topic_get_id (part->topic_array->pdata[t])), self);
          append_topic (self, part->topic_array->pdata[t]);
          g_array_append_val (self->topic_parts, d);
        }
      for (guint c = 0; c < part->card_array->len; c++)
        append_card (self, part->card_array->pdata[c], first_topic + g_array_index (part->card_topics, guint, c));
    }
  return self;
}

/* The decks a union is made of (none for a deck of its own). */
guint
rh_deck_get_n_parts (RhDeck *self)
{
  g_return_val_if_fail (RH_IS_DECK (self), 0);
  return self->parts->len;
}

RhDeck *
rh_deck_get_part (RhDeck *self,
                  guint   index)
{
  g_return_val_if_fail (RH_IS_DECK (self), NULL);
  g_return_val_if_fail (index < self->parts->len, NULL);
  return self->parts->pdata[index];
}

/* Beside rh_deck_get_topics() of a union: the index of each topic's deck
 * among the parts. */
const guint *
rh_deck_peek_topic_parts (RhDeck *self)
{
  g_return_val_if_fail (RH_IS_DECK (self), NULL);
  return (const guint *)self->topic_parts->data;
}

const char *
rh_deck_get_id (RhDeck *self)
{
  g_return_val_if_fail (RH_IS_DECK (self), NULL);
  return self->id;
}

guint
rh_deck_get_version (RhDeck *self)
{
  g_return_val_if_fail (RH_IS_DECK (self), 0);
  return self->version;
}

const char *
rh_deck_get_language (RhDeck *self)
{
  g_return_val_if_fail (RH_IS_DECK (self), NULL);
  return self->language;
}

const char *
rh_deck_get_title (RhDeck *self)
{
  g_return_val_if_fail (RH_IS_DECK (self), NULL);
  return self->title;
}

const char *
rh_deck_get_description (RhDeck *self)
{
  g_return_val_if_fail (RH_IS_DECK (self), NULL);
  return self->description;
}

/* The topics in file order, a GListModel of RhTopic. */
GListModel *
rh_deck_get_topics (RhDeck *self)
{
  g_return_val_if_fail (RH_IS_DECK (self), NULL);
  return G_LIST_MODEL (self->topics);
}

/* Every card in deck order, a GListModel of RhCard. */
GListModel *
rh_deck_get_cards (RhDeck *self)
{
  g_return_val_if_fail (RH_IS_DECK (self), NULL);
  return G_LIST_MODEL (self->cards);
}

guint
rh_deck_get_n_cards (RhDeck *self)
{
  g_return_val_if_fail (RH_IS_DECK (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->cards));
}

/* The index of @id in one of the deck's tables (stored as index + 1). */
static gboolean
find_index (GHashTable *by_id,
            const char *id,
            guint      *index)
{
  guint found = GPOINTER_TO_UINT (g_hash_table_lookup (by_id, id));

  *index = found > 0 ? found - 1 : 0;
  return found > 0;
}

RhTopic *
rh_deck_lookup_topic (RhDeck     *self,
                      const char *topic_id)
{
  guint index;

  g_return_val_if_fail (RH_IS_DECK (self), NULL);
  g_return_val_if_fail (topic_id != NULL, NULL);

  return find_index (self->topics_by_id, topic_id, &index) ? self->topic_array->pdata[index] : NULL;
}

/* Where the topic is in this deck (its index in rh_deck_get_topics()). */
gboolean
rh_deck_get_topic_index (RhDeck     *self,
                         const char *topic_id,
                         guint      *index)
{
  g_return_val_if_fail (RH_IS_DECK (self), FALSE);
  g_return_val_if_fail (topic_id != NULL && index != NULL, FALSE);

  return find_index (self->topics_by_id, topic_id, index);
}

/* Where the card is in this deck (its index in rh_deck_peek_cards()). */
gboolean
rh_deck_get_card_index (RhDeck     *self,
                        const char *card_id,
                        guint      *index)
{
  g_return_val_if_fail (RH_IS_DECK (self), FALSE);
  g_return_val_if_fail (card_id != NULL && index != NULL, FALSE);

  return find_index (self->cards_by_id, card_id, index);
}

RhCard *
rh_deck_lookup_card (RhDeck     *self,
                     const char *card_id)
{
  guint index;

  g_return_val_if_fail (RH_IS_DECK (self), NULL);
  g_return_val_if_fail (card_id != NULL, NULL);

  return find_index (self->cards_by_id, card_id, &index) ? self->card_array->pdata[index] : NULL;
}

/* Every card in deck order as a plain array, @n_cards long, borrowed: for
 * the passes over every card, which must not pay for a GListModel call and
 * a reference per card. */
RhCard * const *
rh_deck_peek_cards (RhDeck *self,
                    guint  *n_cards)
{
  g_return_val_if_fail (RH_IS_DECK (self), NULL);
  g_return_val_if_fail (n_cards != NULL, NULL);

  *n_cards = self->card_array->len;
  return (RhCard * const *)self->card_array->pdata;
}

/* Beside rh_deck_peek_cards(): each card's topic index. */
const guint *
rh_deck_peek_card_topics (RhDeck *self)
{
  g_return_val_if_fail (RH_IS_DECK (self), NULL);
  return (const guint *)self->card_topics->data;
}

/* For each topic index, whether the topic is one of @topic_ids (NULL or
 * empty: every topic).  Free with g_free(). */
gboolean *
rh_deck_topic_mask (RhDeck             *self,
                    const char * const *topic_ids)
{
  guint n_topics;
  gboolean *mask;

  g_return_val_if_fail (RH_IS_DECK (self), NULL);

  n_topics = g_list_model_get_n_items (G_LIST_MODEL (self->topics));
  mask = g_new (gboolean, MAX (n_topics, 1));
  for (guint t = 0; t < n_topics; t++)
    {
      g_autoptr(RhTopic) topic = g_list_model_get_item (G_LIST_MODEL (self->topics), t);

      mask[t] = topic_ids == NULL || topic_ids[0] == NULL ||
                g_strv_contains (topic_ids, rh_topic_get_id (topic));
    }
  return mask;
}
