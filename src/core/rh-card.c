/* rh-card.c: one question of a deck, with its model answer
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A card is immutable once the parser has built it: every property is
 * read-only, set by the constructor, and the lists are handed over whole at
 * construction.  The properties are not construct properties: g_object_new()
 * would set each to its default first, a GValue apiece, for every card of
 * every deck at start-up.
 */
#define G_LOG_DOMAIN "rehearse-card"

#include "config.h"

#include <string.h>

#include "rh-card.h"
#include "rh-deck-private.h"

struct _RhCard {
  GObject parent_instance;

  char *id;
  GRefString *topic_id;  /* shared by the topic's cards */
  char *title;
  char *question;
  gboolean has_title;  /* its own, not the question's first line */
  guint position;
  GPtrArray *key_areas;
  GPtrArray *answer;
  GPtrArray *pitfalls;
  GPtrArray *follow_ups;
  char *search_text;   /* built on first use */
};

G_DEFINE_FINAL_TYPE (RhCard, rh_card, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TOPIC_ID,
  PROP_TITLE,
  PROP_QUESTION,
  PROP_POSITION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rh_card_finalize (GObject *object)
{
  RhCard *self = (RhCard *)object;

  g_free (self->id);
  g_clear_pointer (&self->topic_id, g_ref_string_release);
  g_free (self->title);
  g_free (self->question);
  g_clear_pointer (&self->key_areas, g_ptr_array_unref);
  g_clear_pointer (&self->answer, g_ptr_array_unref);
  g_clear_pointer (&self->pitfalls, g_ptr_array_unref);
  g_clear_pointer (&self->follow_ups, g_ptr_array_unref);
  g_free (self->search_text);

  G_OBJECT_CLASS (rh_card_parent_class)->finalize (object);
}

static void
rh_card_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  RhCard *self = RH_CARD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TOPIC_ID:
      g_value_set_string (value, self->topic_id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_QUESTION:
      g_value_set_string (value, self->question);
      break;
    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_card_class_init (RhCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rh_card_finalize;
  object_class->get_property = rh_card_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOPIC_ID] =
    g_param_spec_string ("topic-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUESTION] =
    g_param_spec_string ("question", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rh_card_init (RhCard *self)
{
}

/* One empty list for every card without pitfalls, follow-ups... */
static GPtrArray *
empty_list (void)
{
  static GPtrArray *empty = NULL;

  if (g_once_init_enter (&empty))
    g_once_init_leave (&empty, g_ptr_array_new ());
  return g_ptr_array_ref (empty);
}

static GPtrArray *
ref_or_empty (GPtrArray *array)
{
  return array != NULL ? g_ptr_array_ref (array) : empty_list ();
}

/* Lists and headings need a title; a card of deck format 2 may have
 * none, and its question says what it is about. */
static char *
title_of_question (const char *question)
{
  return g_strndup (question, strcspn (question, "\n"));
}

RhCard *
rh_card_new (const RhCardContent *content)
{
  RhCard *self;

  g_return_val_if_fail (content != NULL, NULL);
  g_return_val_if_fail (content->id != NULL, NULL);
  g_return_val_if_fail (content->topic_id != NULL, NULL);
  g_return_val_if_fail (content->question != NULL, NULL);

  /* Fields set directly: decks of tens of thousands of cards are built at
   * start-up, and construct properties cost a GValue each. */
  self = g_object_new (RH_TYPE_CARD, NULL);
  self->id = g_strdup (content->id);
  self->topic_id = g_ref_string_new (content->topic_id);
  self->has_title = content->title != NULL;
  self->title = self->has_title ? g_strdup (content->title) : title_of_question (content->question);
  self->question = g_strdup (content->question);
  self->position = content->position;
  self->key_areas = ref_or_empty (content->key_areas);
  self->answer = ref_or_empty (content->answer);
  self->pitfalls = ref_or_empty (content->pitfalls);
  self->follow_ups = ref_or_empty (content->follow_ups);
  return self;
}

/* As rh_card_new(), for the parser: it takes the title, the question and
 * the lists of @content, which it no longer uses, and shares its topic id
 * (a GRefString) with the topic's other cards.  A deck's cards are all
 * made at start-up, and copies would double the strings to allocate. */
RhCard *
_rh_card_new_take (const RhCardContent *content)
{
  RhCard *self = g_object_new (RH_TYPE_CARD, NULL);

  self->id = g_strdup (content->id);
  self->topic_id = g_ref_string_acquire ((char *)content->topic_id);
  self->has_title = content->title != NULL;
  self->question = (char *)content->question;
  self->title = self->has_title ? (char *)content->title : title_of_question (content->question);
  self->position = content->position;
  self->key_areas = content->key_areas != NULL ? content->key_areas : empty_list ();
  self->answer = content->answer != NULL ? content->answer : empty_list ();
  self->pitfalls = content->pitfalls != NULL ? content->pitfalls : empty_list ();
  self->follow_ups = content->follow_ups != NULL ? content->follow_ups : empty_list ();
  return self;
}

const char *
rh_card_get_id (RhCard *self)
{
  g_return_val_if_fail (RH_IS_CARD (self), NULL);
  return self->id;
}

const char *
rh_card_get_topic_id (RhCard *self)
{
  g_return_val_if_fail (RH_IS_CARD (self), NULL);
  return self->topic_id;
}

const char *
rh_card_get_title (RhCard *self)
{
  g_return_val_if_fail (RH_IS_CARD (self), NULL);
  return self->title;
}

/* FALSE when the title is the question's first line (deck format 2): a
 * view that shows both shows the question only. */
gboolean
rh_card_has_title (RhCard *self)
{
  g_return_val_if_fail (RH_IS_CARD (self), FALSE);
  return self->has_title;
}

const char *
rh_card_get_question (RhCard *self)
{
  g_return_val_if_fail (RH_IS_CARD (self), NULL);
  return self->question;
}

/* The card's index in its deck: the order new cards are introduced in. */
guint
rh_card_get_position (RhCard *self)
{
  g_return_val_if_fail (RH_IS_CARD (self), 0);
  return self->position;
}

guint
rh_card_get_n_key_areas (RhCard *self)
{
  g_return_val_if_fail (RH_IS_CARD (self), 0);
  return self->key_areas->len;
}

RhText *
rh_card_get_key_area (RhCard *self,
                      guint   index)
{
  g_return_val_if_fail (RH_IS_CARD (self), NULL);
  g_return_val_if_fail (index < self->key_areas->len, NULL);
  return g_ptr_array_index (self->key_areas, index);
}

guint
rh_card_get_n_blocks (RhCard *self)
{
  g_return_val_if_fail (RH_IS_CARD (self), 0);
  return self->answer->len;
}

RhAnswerBlock *
rh_card_get_block (RhCard *self,
                   guint   index)
{
  g_return_val_if_fail (RH_IS_CARD (self), NULL);
  g_return_val_if_fail (index < self->answer->len, NULL);
  return g_ptr_array_index (self->answer, index);
}

guint
rh_card_get_n_pitfalls (RhCard *self)
{
  g_return_val_if_fail (RH_IS_CARD (self), 0);
  return self->pitfalls->len;
}

RhText *
rh_card_get_pitfall (RhCard *self,
                     guint   index)
{
  g_return_val_if_fail (RH_IS_CARD (self), NULL);
  g_return_val_if_fail (index < self->pitfalls->len, NULL);
  return g_ptr_array_index (self->pitfalls, index);
}

guint
rh_card_get_n_follow_ups (RhCard *self)
{
  g_return_val_if_fail (RH_IS_CARD (self), 0);
  return self->follow_ups->len;
}

RhText *
rh_card_get_follow_up (RhCard *self,
                       guint   index)
{
  g_return_val_if_fail (RH_IS_CARD (self), NULL);
  g_return_val_if_fail (index < self->follow_ups->len, NULL);
  return g_ptr_array_index (self->follow_ups, index);
}

static void
append_texts (GString   *out,
              GPtrArray *texts)
{
  for (guint i = 0; i < texts->len; i++)
    {
      g_string_append (out, rh_text_get_plain (g_ptr_array_index (texts, i)));
      g_string_append_c (out, '\n');
    }
}

/* Everything a search may match, case-folded: title, question and answer. */
const char *
rh_card_get_search_text (RhCard *self)
{
  g_return_val_if_fail (RH_IS_CARD (self), NULL);

  if (self->search_text == NULL)
    {
      g_autoptr(GString) all = g_string_new (NULL);

      g_string_append_printf (all, "%s\n%s\n", self->title, self->question);
      append_texts (all, self->key_areas);
      for (guint i = 0; i < self->answer->len; i++)
        rh_answer_block_append_plain (g_ptr_array_index (self->answer, i), all);
      append_texts (all, self->pitfalls);
      append_texts (all, self->follow_ups);
      self->search_text = g_utf8_casefold (all->str, all->len);
    }
  return self->search_text;
}
