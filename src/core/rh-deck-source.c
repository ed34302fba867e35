/* rh-deck-source.c: one place a deck comes from, and what came of loading it
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A source keeps the deck it last loaded and the error of its last load
 * apart: a deck file saved with a mistake keeps its previous version in use
 * and shows the mistake, instead of taking the deck away mid-study.
 */
#define G_LOG_DOMAIN "rehearse-deck-source"

#include "config.h"

#include "rh-deck-source.h"

struct _RhDeckSource {
  GObject parent_instance;

  RhDeckSourceKind kind;
  char *location;      /* a file path, a resource path, or NULL */
  RhDeck *deck;
  GError *error;       /* the last load's */
  GError *conflict;    /* its deck id is another source's */
  gboolean hidden;
};

G_DEFINE_FINAL_TYPE (RhDeckSource, rh_deck_source, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DECK,
  PROP_ERROR_MESSAGE,
  PROP_HIDDEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rh_deck_source_finalize (GObject *object)
{
  RhDeckSource *self = RH_DECK_SOURCE (object);

  g_clear_object (&self->deck);
  g_clear_error (&self->error);
  g_clear_error (&self->conflict);
  g_free (self->location);

  G_OBJECT_CLASS (rh_deck_source_parent_class)->finalize (object);
}

static void
rh_deck_source_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RhDeckSource *self = RH_DECK_SOURCE (object);

  switch (prop_id)
    {
    case PROP_DECK:
      g_value_set_object (value, self->deck);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, rh_deck_source_get_error (self) != NULL ? rh_deck_source_get_error (self)->message
                                                                         : NULL);
      break;
    case PROP_HIDDEN:
      g_value_set_boolean (value, self->hidden);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_deck_source_class_init (RhDeckSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rh_deck_source_finalize;
  object_class->get_property = rh_deck_source_get_property;

  properties[PROP_DECK] =
    g_param_spec_object ("deck", NULL, NULL, RH_TYPE_DECK,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIDDEN] =
    g_param_spec_boolean ("hidden", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rh_deck_source_init (RhDeckSource *self)
{
}

RhDeckSource *
rh_deck_source_new (RhDeckSourceKind  kind,
                    const char       *location)
{
  RhDeckSource *self = g_object_new (RH_TYPE_DECK_SOURCE, NULL);

  self->kind = kind;
  self->location = g_strdup (location);
  return self;
}

RhDeckSourceKind
rh_deck_source_get_kind (RhDeckSource *self)
{
  g_return_val_if_fail (RH_IS_DECK_SOURCE (self), RH_DECK_SOURCE_MEMORY);
  return self->kind;
}

/* The file's path (user and system decks), the resource path (the
 * built-in deck), or NULL. */
const char *
rh_deck_source_get_location (RhDeckSource *self)
{
  g_return_val_if_fail (RH_IS_DECK_SOURCE (self), NULL);
  return self->location;
}

/* The deck's title once it loaded, else the file's name. */
char *
rh_deck_source_dup_display_name (RhDeckSource *self)
{
  g_return_val_if_fail (RH_IS_DECK_SOURCE (self), NULL);

  if (self->deck != NULL)
    return g_strdup (rh_deck_get_title (self->deck));
  if (self->location != NULL)
    return g_filename_display_basename (self->location);
  return g_strdup ("");
}

/* The deck as last loaded, or NULL when it never loaded. */
RhDeck *
rh_deck_source_get_deck (RhDeckSource *self)
{
  g_return_val_if_fail (RH_IS_DECK_SOURCE (self), NULL);
  return self->deck;
}

/* Why its deck is not in use (another deck has its id), else why the
 * last load failed, or NULL. */
const GError *
rh_deck_source_get_error (RhDeckSource *self)
{
  g_return_val_if_fail (RH_IS_DECK_SOURCE (self), NULL);
  return self->conflict != NULL ? self->conflict : self->error;
}

/* Removed by the learner: kept out of the collection, its progress kept. */
gboolean
rh_deck_source_get_hidden (RhDeckSource *self)
{
  g_return_val_if_fail (RH_IS_DECK_SOURCE (self), FALSE);
  return self->hidden;
}

/* Whether its cards are part of the collection. */
gboolean
rh_deck_source_is_usable (RhDeckSource *self)
{
  g_return_val_if_fail (RH_IS_DECK_SOURCE (self), FALSE);
  return self->deck != NULL && !self->hidden && self->conflict == NULL;
}

void
rh_deck_source_set_deck (RhDeckSource *self,
                         RhDeck       *deck)
{
  g_return_if_fail (RH_IS_DECK_SOURCE (self));
  g_return_if_fail (deck == NULL || RH_IS_DECK (deck));

  if (g_set_object (&self->deck, deck))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECK]);
}

static void
replace_error (RhDeckSource  *self,
               GError       **field,
               const GError  *error)
{
  if (*field == NULL && error == NULL)
    return;
  g_clear_error (field);
  *field = error != NULL ? g_error_copy (error) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

void
rh_deck_source_set_error (RhDeckSource *self,
                          const GError *error)
{
  g_return_if_fail (RH_IS_DECK_SOURCE (self));
  replace_error (self, &self->error, error);
}

void
rh_deck_source_set_conflict (RhDeckSource *self,
                             const GError *conflict)
{
  g_return_if_fail (RH_IS_DECK_SOURCE (self));
  replace_error (self, &self->conflict, conflict);
}

void
rh_deck_source_set_hidden (RhDeckSource *self,
                           gboolean      hidden)
{
  g_return_if_fail (RH_IS_DECK_SOURCE (self));

  hidden = !!hidden;
  if (self->hidden == hidden)
    return;
  self->hidden = hidden;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN]);
}
