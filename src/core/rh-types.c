/* rh-types.c: the pure functions of the shared plain types
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rehearse-types"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rh-types.h"

void
rh_card_state_init_new (RhCardState *state,
                        gint64       now)
{
  g_return_if_fail (state != NULL);

  memset (state, 0, sizeof *state);
  state->state = RH_CARD_NEW;
  state->due = now;
}

void
rh_review_clear (RhReview *review)
{
  g_return_if_fail (review != NULL);

  g_clear_pointer (&review->card_id, g_free);
  memset (review, 0, sizeof *review);
}

/* The kind a grade has, from the state the card was in. */
RhReviewKind
rh_review_kind_for (const RhCardState *before)
{
  g_return_val_if_fail (before != NULL, RH_REVIEW_REVIEW);

  switch (before->state)
    {
    case RH_CARD_NEW:
    case RH_CARD_LEARNING:
      return RH_REVIEW_LEARN;
    case RH_CARD_RELEARNING:
      return RH_REVIEW_RELEARN;
    case RH_CARD_REVIEW:
    default:
      return RH_REVIEW_REVIEW;
    }
}

/* Whether a card is new, due on the study day that ends at @day_end, due
 * later, or suspended.  "Due today" means due before the day ends, not
 * before now: a card due this evening is part of today's work (as in Anki).
 * The session, the sidebar's counts, the statistics and the browse view all
 * ask this one function, so they cannot disagree. */
RhDueClass
rh_card_classify (const RhStoredCard *stored,
                  gint64              day_end)
{
  if (stored == NULL)
    return RH_DUE_NEW;
  if (stored->suspended)
    return RH_DUE_SUSPENDED;
  switch (stored->state.state)
    {
    case RH_CARD_LEARNING:
    case RH_CARD_RELEARNING:
      return stored->state.due < day_end ? RH_DUE_LEARNING : RH_DUE_LATER;
    case RH_CARD_REVIEW:
      return stored->state.due < day_end ? RH_DUE_REVIEW : RH_DUE_LATER;
    case RH_CARD_NEW:
    default:
      return RH_DUE_NEW;
    }
}

/* The order events of one card are replayed in, with their times: the
 * device, then the sequence number, so that two computers agree. */
int
rh_review_id_compare (const RhReviewId *a,
                      const RhReviewId *b)
{
  if (a->device != b->device)
    return a->device < b->device ? -1 : 1;
  if (a->seq != b->seq)
    return a->seq < b->seq ? -1 : 1;
  return 0;
}

/* For hash tables keyed by review ids. */
guint
rh_review_id_hash (gconstpointer id)
{
  const RhReviewId *uid = id;

  return (guint)(uid->device ^ (uid->device >> 32) ^ (uid->seq * 0x9E3779B1u));
}

gboolean
rh_review_id_equal (gconstpointer a,
                    gconstpointer b)
{
  return rh_review_id_compare (a, b) == 0;
}

void
rh_review_id_format (const RhReviewId *id,
                     char              out[RH_REVIEW_ID_LENGTH + 1])
{
  static const char digits[] = "0123456789abcdef";

  for (int i = 0; i < 16; i++)
    out[i] = digits[(id->device >> (60 - 4 * i)) & 0xf];
  out[16] = '-';
  for (int i = 0; i < 12; i++)
    out[17 + i] = digits[(id->seq >> (44 - 4 * i)) & 0xf];
  out[RH_REVIEW_ID_LENGTH] = '\0';
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

/* Exactly what rh_review_id_format() writes: 16 and 12 lower-case hex
 * digits, so that the text sorts as the numbers do. */
gboolean
rh_review_id_parse (const char *text,
                    gsize       len,
                    RhReviewId *id)
{
  guint64 device = 0, seq = 0;

  if (len != RH_REVIEW_ID_LENGTH || text[16] != '-')
    return FALSE;
  for (int i = 0; i < 16; i++)
    {
      int v = hex_value (text[i]);

      if (v < 0)
        return FALSE;
      device = device << 4 | (guint64)v;
    }
  for (int i = 17; i < RH_REVIEW_ID_LENGTH; i++)
    {
      int v = hex_value (text[i]);

      if (v < 0)
        return FALSE;
      seq = seq << 4 | (guint64)v;
    }
  id->device = device;
  id->seq = seq;
  return TRUE;
}

/* A grade's name, as the buttons, the browse view and the interview
 * report say it. */
const char *
rh_rating_name (int rating)
{
  switch (rating)
    {
    case RH_RATING_AGAIN: return C_("grade", "Again");
    case RH_RATING_HARD: return C_("grade", "Hard");
    case RH_RATING_GOOD: return C_("grade", "Good");
    case RH_RATING_EASY: return C_("grade", "Easy");
    default: return _("Reset");
    }
}
