/* rh-types.h: plain types every layer shares: card states, reviews, counts
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Structs and enums only, and the few pure functions that belong to them,
 * so that a widget can show a card's state without pulling in the store
 * or the session.
 */
#pragma once

#include <glib.h>

#include "rh-fsrs.h"

G_BEGIN_DECLS

typedef enum {
  RH_CARD_NEW        = 0,
  RH_CARD_LEARNING   = 1,
  RH_CARD_REVIEW     = 2,
  RH_CARD_RELEARNING = 3,
} RhCardStateKind;

typedef struct {
  RhCardStateKind state;
  int     step;            /* learning/relearning step index, as ts-fsrs learning_steps */
  double  stability;       /* days; 0 for a new card */
  double  difficulty;      /* 1..10; 0 for a new card */
  gint64  due;             /* Unix seconds UTC */
  gint64  last_review;     /* Unix seconds UTC; 0 for a new card */
  int     scheduled_days;
  int     reps;
  int     lapses;
} RhCardState;

void rh_card_state_init_new (RhCardState *state,
                             gint64       now);

typedef enum {
  RH_REVIEW_LEARN,      /* graded while new or learning */
  RH_REVIEW_REVIEW,     /* graded while in review */
  RH_REVIEW_RELEARN,    /* graded while relearning */
  RH_REVIEW_PRACTICE,   /* practice: logged, schedule unchanged */
  RH_REVIEW_RESET,      /* progress reset to new; rating 0 */
  /* Events of the log that are not answers (rating 0, never in a card's
   * review history): */
  RH_REVIEW_UNDO,       /* takes back the entry it targets */
  RH_REVIEW_REDO,       /* applies again the entry it targets */
  RH_REVIEW_SUSPEND,    /* leaves the card out of studying */
  RH_REVIEW_UNSUSPEND,  /* brings it back */
} RhReviewKind;

#define RH_REVIEW_KIND_IS_ANSWER(kind) ((kind) <= RH_REVIEW_RESET)

/* A review id, unique on every computer: the id of the computer that
 * recorded the event (random, 64 bits) and its sequence number there.
 * Written "3fa9c2d1e0b4a7f6-00000000002a". */
typedef struct {
  guint64 device;
  guint64 seq;
} RhReviewId;

#define RH_REVIEW_ID_LENGTH 29

int      rh_review_id_compare (const RhReviewId *a,
                               const RhReviewId *b);
guint    rh_review_id_hash    (gconstpointer     id);
gboolean rh_review_id_equal   (gconstpointer     a,
                               gconstpointer     b);
void rh_review_id_format  (const RhReviewId *id,
                           char              out[RH_REVIEW_ID_LENGTH + 1]);
gboolean rh_review_id_parse (const char     *text,
                             gsize           len,
                             RhReviewId     *id);

/* An answer in a card's history, or any event of the log. */
typedef struct {
  gint64       id;            /* the row in this store's log; 0 when none */
  RhReviewId   uid;           /* the same event on every computer */
  char        *card_id;
  gint64       reviewed_at;
  int          rating;        /* RhRating, or 0 for a reset and the non-answers */
  int          duration_ms;
  RhReviewKind kind;
  RhReviewId   target;        /* undo and redo: the entry they act on */
  RhCardState  before;
  RhCardState  after;
} RhReview;

void         rh_review_clear      (RhReview          *review);
RhReviewKind rh_review_kind_for   (const RhCardState *before);

/* A card as the store keeps it; a card the store does not know is new. */
typedef struct {
  RhCardState state;
  gboolean    suspended;
} RhStoredCard;

/* Where a card stands on a study day: the one answer every view uses. */
typedef enum {
  RH_DUE_NEW,         /* never studied, or reset */
  RH_DUE_LEARNING,    /* learning or relearning, due before the study day ends */
  RH_DUE_REVIEW,      /* in review, due before the study day ends */
  RH_DUE_LATER,       /* studied, not due before the study day ends */
  RH_DUE_SUSPENDED,   /* left out of studying, whatever its state */
} RhDueClass;

const char *rh_rating_name (int rating);

RhDueClass rh_card_classify (const RhStoredCard *stored,
                             gint64              day_end);

/* What a topic (or a whole scope) holds right now. */
typedef struct {
  guint  n_new;         /* new cards that can still be introduced today */
  guint  n_learning;    /* learning and relearning cards due today */
  guint  n_review;      /* review cards due today, within the daily limit */
  guint  n_cards;       /* every card, suspended ones included */
  guint  n_suspended;
  guint  n_unseen;      /* new cards, whatever the limit */
  double readiness;     /* mean predicted recall now; new cards count 0 */
} RhCounts;

/* How a study session went, for the summary at its end. */
typedef struct {
  guint  n_answered;
  guint  n_passed;      /* Hard, Good or Easy */
  guint  n_retention;   /* answers of review cards: what retention counts */
  guint  n_retention_passed;
  gint64 time_ms;
} RhSessionSummary;

G_END_DECLS
