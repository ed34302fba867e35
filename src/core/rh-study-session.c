/* rh-study-session.c: which card comes next, for a set of topics
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The queue is derived, never stored: after every change it is rebuilt
 * from the deck and the store's card states, which is a single pass over
 * the cards and keeps undo, limits, day rollover and changes made from the
 * browse view trivially consistent.  Order: learning cards due now (by due
 * time), then due reviews (by due day, then lowest retrievability), then
 * new cards in deck order, within the daily limits.  When nothing is left,
 * a learning card due within 20 minutes is shown early, as Anki does.
 */
#define G_LOG_DOMAIN "rehearse-session"

#include "config.h"

#include <string.h>

#include "rh-study-session.h"

struct _RhStudySession {
  GObject parent_instance;

  RhDeck *deck;
  RhStore *store;
  RhClock *clock;
  RhScheduler *scheduler;
  guint new_limit;
  guint review_limit;
  GStrv topics;             /* empty: every topic */
  gboolean *topic_in_scope; /* per topic position */

  GPtrArray *queue;         /* of RhCard, borrowed from the deck */
  guint queue_new, queue_learning, queue_review;
  gint64 next_due;
  char *priority_card;      /* shown first after an undo */
  guint new_done_today;
  guint reviews_done_today;

  gboolean practice;
  GPtrArray *practice_queue;
  guint practice_pos;

  RhSessionSummary summary;
  gboolean changing;        /* our own store change: do not rebuild twice */
  gulong store_changed_id;
};

G_DEFINE_FINAL_TYPE (RhStudySession, rh_study_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PRACTICE,
  PROP_CURRENT,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void rebuild (RhStudySession *self);
static void summary_count (RhStudySession *self,
                           const RhReview *review,
                           int             sign);

/* --- Helpers --------------------------------------------------------------- */

static gboolean
is_new (const RhStoredCard *stored)
{
  return stored == NULL || stored->state.state == RH_CARD_NEW;
}

static void
state_of (RhStudySession *self,
          RhCard         *card,
          gint64          now,
          RhCardState    *state)
{
  const RhStoredCard *stored = rh_store_lookup (self->store, rh_card_get_id (card));

  if (stored != NULL && stored->state.state != RH_CARD_NEW)
    *state = stored->state;
  else
    rh_card_state_init_new (state, now);
}

static double
retrievability (RhStudySession     *self,
                const RhStoredCard *stored,
                gint64              now)
{
  if (is_new (stored) || self->scheduler == NULL)
    return 0.0;
  return rh_scheduler_retrievability (self->scheduler, &stored->state, now);
}

typedef struct {
  RhCard *card;
  gint64  due;
  gint64  day;
  double  r;
} Entry;

static int
compare_by_due (gconstpointer a,
                gconstpointer b)
{
  const Entry *x = a, *y = b;

  if (x->due != y->due)
    return x->due < y->due ? -1 : 1;
  return (int)rh_card_get_position (x->card) - (int)rh_card_get_position (y->card);
}

static int
compare_reviews (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = a, *y = b;

  if (x->day != y->day)
    return x->day < y->day ? -1 : 1;
  if (x->r != y->r)
    return x->r < y->r ? -1 : 1;
  return (int)rh_card_get_position (x->card) - (int)rh_card_get_position (y->card);
}

static void
count_today (RhStudySession *self,
             gint64          today)
{
  g_autoptr(GError) error = NULL;

  if (!rh_store_count_since (self->store, rh_clock_day_start (self->clock, today),
                             &self->new_done_today, &self->reviews_done_today, &error))
    {
      g_warning ("Could not count today's reviews: %s", error->message);
      self->new_done_today = self->reviews_done_today = 0;
    }
}

static guint
remaining (guint limit,
           guint done)
{
  return limit > done ? limit - done : 0;
}

/* --- The queue ------------------------------------------------------------- */

static void
rebuild_practice (RhStudySession *self)
{
  self->queue_new = self->queue_learning = self->queue_review = 0;
  g_ptr_array_set_size (self->queue, 0);
  if (self->practice_pos < self->practice_queue->len)
    g_ptr_array_add (self->queue, g_ptr_array_index (self->practice_queue, self->practice_pos));
  self->next_due = 0;
}

static void
rebuild (RhStudySession *self)
{
  gint64 now = rh_clock_now (self->clock);
  gint64 today = rh_clock_today (self->clock);
  gint64 day_end = rh_clock_day_start (self->clock, today + 1);
  g_autoptr(GArray) learning = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr(GArray) later = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr(GArray) reviews = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr(GPtrArray) news = g_ptr_array_new ();
  guint n_cards;
  RhCard * const *cards = rh_deck_peek_cards (self->deck, &n_cards);
  const guint *card_topics = rh_deck_peek_card_topics (self->deck);
  guint new_left, reviews_left;
  gint64 next_review = G_MAXINT64;
  gint64 first_later_review = G_MAXINT64;
  gboolean more_new = FALSE;

  if (self->practice)
    {
      rebuild_practice (self);
      return;
    }

  count_today (self, today);
  new_left = remaining (self->new_limit, self->new_done_today);
  reviews_left = remaining (self->review_limit, self->reviews_done_today);

  for (guint i = 0; i < n_cards; i++)
    {
      RhCard *card = cards[i];
      const RhStoredCard *stored;
      Entry entry;

      if (!self->topic_in_scope[card_topics[i]])
        continue;
      stored = rh_store_lookup (self->store, rh_card_get_id (card));
      if (stored != NULL && stored->suspended)
        continue;

      if (is_new (stored))
        {
          if (news->len < new_left)
            g_ptr_array_add (news, card);
          else
            more_new = TRUE;
          continue;
        }

      entry.card = card;
      entry.due = stored->state.due;
      entry.day = 0;
      entry.r = 0;
      switch (stored->state.state)
        {
        case RH_CARD_LEARNING:
        case RH_CARD_RELEARNING:
          g_array_append_val (entry.due <= now ? learning : later, entry);
          break;
        case RH_CARD_REVIEW:
          /* Due by the end of today's study day: due today. */
          if (entry.due < day_end)
            {
              entry.day = rh_clock_study_day (self->clock, entry.due);
              entry.r = retrievability (self, stored, now);
              g_array_append_val (reviews, entry);
            }
          else
            first_later_review = MIN (first_later_review, entry.due);
          break;
        case RH_CARD_NEW:
        default:
          g_assert_not_reached ();
        }
    }
  if (first_later_review != G_MAXINT64)
    next_review = rh_clock_day_start (self->clock, rh_clock_study_day (self->clock, first_later_review));

  g_array_sort (learning, compare_by_due);
  g_array_sort (later, compare_by_due);
  g_array_sort (reviews, compare_reviews);
  /* Over the daily limit: the rest comes back tomorrow. */
  if (reviews->len > reviews_left)
    {
      next_review = MIN (next_review, day_end);
      g_array_set_size (reviews, reviews_left);
    }

  g_ptr_array_set_size (self->queue, 0);
  for (guint i = 0; i < learning->len; i++)
    g_ptr_array_add (self->queue, g_array_index (learning, Entry, i).card);
  for (guint i = 0; i < reviews->len; i++)
    g_ptr_array_add (self->queue, g_array_index (reviews, Entry, i).card);
  g_ptr_array_extend (self->queue, news, NULL, NULL);
  self->queue_learning = learning->len;
  self->queue_review = reviews->len;
  self->queue_new = news->len;

  /* Nothing due now: a learning step ending soon is worth taking early. */
  if (self->queue->len == 0 && later->len > 0 &&
      g_array_index (later, Entry, 0).due <= now + RH_STUDY_SESSION_LEARN_AHEAD)
    {
      g_ptr_array_add (self->queue, g_array_index (later, Entry, 0).card);
      self->queue_learning = 1;
      g_array_remove_index (later, 0);
    }

  /* After an undo the card the learner just took back comes first. */
  if (self->priority_card != NULL)
    {
      RhCard *card = rh_deck_lookup_card (self->deck, self->priority_card);
      const RhStoredCard *stored = card != NULL ? rh_store_lookup (self->store, self->priority_card) : NULL;

      /* Scope does not apply: it is the card the learner asked for. */
      if (card != NULL && (stored == NULL || !stored->suspended))
        {
          guint index;

          if (g_ptr_array_find (self->queue, card, &index))
            g_ptr_array_remove_index (self->queue, index);
          g_ptr_array_insert (self->queue, 0, card);
        }
    }

  /* When the next card will be there if this session has run dry. */
  self->next_due = 0;
  if (self->queue->len == 0)
    {
      gint64 next = next_review;

      if (later->len > 0)
        next = MIN (next, g_array_index (later, Entry, 0).due);
      if (more_new)
        next = MIN (next, day_end);
      self->next_due = next == G_MAXINT64 ? 0 : next;
    }
}

static void
changed (RhStudySession *self)
{
  RhCard *before = self->queue->len > 0 ? g_ptr_array_index (self->queue, 0) : NULL;

  rebuild (self);
  if (before != rh_study_session_get_current (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
store_changed_cb (RhStudySession *self,
                  const char     *card_id,
                  RhStore        *store)
{
  if (!self->changing)
    changed (self);
}

/* --- Object ---------------------------------------------------------------- */

static void
rh_study_session_dispose (GObject *object)
{
  RhStudySession *self = (RhStudySession *)object;

  g_clear_signal_handler (&self->store_changed_id, self->store);
  g_clear_object (&self->store);
  g_clear_object (&self->deck);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (rh_study_session_parent_class)->dispose (object);
}

static void
rh_study_session_finalize (GObject *object)
{
  RhStudySession *self = (RhStudySession *)object;

  g_clear_pointer (&self->scheduler, rh_scheduler_unref);
  g_clear_pointer (&self->topics, g_strfreev);
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  g_clear_pointer (&self->practice_queue, g_ptr_array_unref);
  g_clear_pointer (&self->priority_card, g_free);
  g_clear_pointer (&self->topic_in_scope, g_free);

  G_OBJECT_CLASS (rh_study_session_parent_class)->finalize (object);
}

static void
rh_study_session_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RhStudySession *self = RH_STUDY_SESSION (object);

  switch (prop_id)
    {
    case PROP_PRACTICE:
      g_value_set_boolean (value, self->practice);
      break;
    case PROP_CURRENT:
      g_value_set_object (value, rh_study_session_get_current (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_study_session_class_init (RhStudySessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rh_study_session_dispose;
  object_class->finalize = rh_study_session_finalize;
  object_class->get_property = rh_study_session_get_property;

  properties[PROP_PRACTICE] =
    g_param_spec_boolean ("practice", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT] =
    g_param_spec_object ("current", NULL, NULL, RH_TYPE_CARD,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The queue, the counts or the current card may have changed. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rh_study_session_init (RhStudySession *self)
{
  self->new_limit = 10;
  self->review_limit = 200;
  self->topics = g_new0 (char *, 1);
  self->queue = g_ptr_array_new ();
  self->practice_queue = g_ptr_array_new ();
}

RhStudySession *
rh_study_session_new (RhDeck  *deck,
                      RhStore *store,
                      RhClock *clock)
{
  RhStudySession *self;
  RhSchedulerConfig config;

  g_return_val_if_fail (RH_IS_DECK (deck), NULL);
  g_return_val_if_fail (RH_IS_STORE (store), NULL);
  g_return_val_if_fail (RH_IS_CLOCK (clock), NULL);

  self = g_object_new (RH_TYPE_STUDY_SESSION, NULL);
  self->deck = g_object_ref (deck);
  self->store = g_object_ref (store);
  self->clock = g_object_ref (clock);

  self->topic_in_scope = rh_deck_topic_mask (deck, NULL);

  rh_scheduler_config_init_default (&config);
  config.timezone = rh_clock_get_timezone (clock);
  config.rollover_hour = rh_clock_get_rollover_hour (clock);
  self->scheduler = rh_scheduler_new (&config);

  self->store_changed_id = g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb),
                                                    self, G_CONNECT_SWAPPED);
  rebuild (self);
  return self;
}

RhDeck *
rh_study_session_get_deck (RhStudySession *self)
{
  g_return_val_if_fail (RH_IS_STUDY_SESSION (self), NULL);
  return self->deck;
}

RhStore *
rh_study_session_get_store (RhStudySession *self)
{
  g_return_val_if_fail (RH_IS_STUDY_SESSION (self), NULL);
  return self->store;
}

RhClock *
rh_study_session_get_clock (RhStudySession *self)
{
  g_return_val_if_fail (RH_IS_STUDY_SESSION (self), NULL);
  return self->clock;
}

/* New settings (retention, steps, rollover) take effect at once: the
 * scheduler is replaced and the queue rebuilt. */
void
rh_study_session_set_scheduler (RhStudySession *self,
                                RhScheduler    *scheduler)
{
  g_return_if_fail (RH_IS_STUDY_SESSION (self));
  g_return_if_fail (scheduler != NULL);

  if (self->scheduler == scheduler)
    return;
  g_clear_pointer (&self->scheduler, rh_scheduler_unref);
  self->scheduler = rh_scheduler_ref (scheduler);
  changed (self);
}

RhScheduler *
rh_study_session_get_scheduler (RhStudySession *self)
{
  g_return_val_if_fail (RH_IS_STUDY_SESSION (self), NULL);
  return self->scheduler;
}

void
rh_study_session_set_limits (RhStudySession *self,
                             guint           new_per_day,
                             guint           reviews_per_day)
{
  g_return_if_fail (RH_IS_STUDY_SESSION (self));

  if (self->new_limit == new_per_day && self->review_limit == reviews_per_day)
    return;
  self->new_limit = new_per_day;
  self->review_limit = reviews_per_day;
  changed (self);
}

/* Scopes the session to these topics; NULL or empty for every topic. */
void
rh_study_session_set_topics (RhStudySession     *self,
                             const char * const *topic_ids)
{
  g_return_if_fail (RH_IS_STUDY_SESSION (self));

  if (topic_ids == NULL)
    topic_ids = (const char * const[]) { NULL };
  if (g_strv_equal ((const char * const *)self->topics, topic_ids))
    return;

  g_strfreev (self->topics);
  self->topics = g_strdupv ((char **)topic_ids);
  g_free (self->topic_in_scope);
  self->topic_in_scope = rh_deck_topic_mask (self->deck, topic_ids);
  g_clear_pointer (&self->priority_card, g_free);
  if (self->practice)
    rh_study_session_stop_practice (self);
  else
    changed (self);
}

/* Practice: every card in scope, in an order shuffled by @seed; answers are
 * logged as practice and the schedule stays as it was. */
void
rh_study_session_start_practice (RhStudySession *self,
                                 guint32         seed)
{
  guint n_cards;
  RhCard * const *cards;
  const guint *card_topics;
  g_autoptr(GRand) rand = NULL;

  g_return_if_fail (RH_IS_STUDY_SESSION (self));

  cards = rh_deck_peek_cards (self->deck, &n_cards);
  card_topics = rh_deck_peek_card_topics (self->deck);
  g_ptr_array_set_size (self->practice_queue, 0);
  for (guint i = 0; i < n_cards; i++)
    {
      const RhStoredCard *stored = rh_store_lookup (self->store, rh_card_get_id (cards[i]));

      if (self->topic_in_scope[card_topics[i]] && (stored == NULL || !stored->suspended))
        g_ptr_array_add (self->practice_queue, cards[i]);
    }
  /* Fisher-Yates, reproducible from the seed. */
  rand = g_rand_new_with_seed (seed);
  for (guint i = self->practice_queue->len; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, i);
      gpointer tmp = self->practice_queue->pdata[i - 1];

      self->practice_queue->pdata[i - 1] = self->practice_queue->pdata[j];
      self->practice_queue->pdata[j] = tmp;
    }
  self->practice_pos = 0;
  self->practice = TRUE;
  rh_study_session_reset_summary (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRACTICE]);
  changed (self);
}

void
rh_study_session_stop_practice (RhStudySession *self)
{
  g_return_if_fail (RH_IS_STUDY_SESSION (self));

  if (!self->practice)
    return;
  self->practice = FALSE;
  g_ptr_array_set_size (self->practice_queue, 0);
  self->practice_pos = 0;
  rh_study_session_reset_summary (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRACTICE]);
  changed (self);
}

gboolean
rh_study_session_get_practice (RhStudySession *self)
{
  g_return_val_if_fail (RH_IS_STUDY_SESSION (self), FALSE);
  return self->practice;
}

/* Rebuilds the queue: the time moved on (a learning step ended, a new
 * study day began). */
void
rh_study_session_refresh (RhStudySession *self)
{
  g_return_if_fail (RH_IS_STUDY_SESSION (self));
  changed (self);
}

/* The card to show now, or NULL when nothing is due. */
RhCard *
rh_study_session_get_current (RhStudySession *self)
{
  g_return_val_if_fail (RH_IS_STUDY_SESSION (self), NULL);
  return self->queue->len > 0 ? g_ptr_array_index (self->queue, 0) : NULL;
}

/* The state the current card would have after each grade, Again to Easy. */
void
rh_study_session_preview (RhStudySession *self,
                          RhCardState     after[4])
{
  RhCard *card;
  RhCardState before;
  gint64 now;

  g_return_if_fail (RH_IS_STUDY_SESSION (self));

  card = rh_study_session_get_current (self);
  g_return_if_fail (card != NULL);
  now = rh_clock_now (self->clock);
  state_of (self, card, now, &before);
  rh_scheduler_preview (self->scheduler, &before, now,
                        rh_scheduler_fuzz_seed (rh_card_get_id (card), before.reps), after);
}

/* Grades the current card: one transaction in the store, then the next card. */
gboolean
rh_study_session_answer (RhStudySession  *self,
                         RhRating         rating,
                         int              duration_ms,
                         GError         **error)
{
  RhCard *card;
  RhReview review = { 0 };
  gint64 now;
  gboolean ok;

  g_return_val_if_fail (RH_IS_STUDY_SESSION (self), FALSE);
  g_return_val_if_fail (rating >= RH_RATING_AGAIN && rating <= RH_RATING_EASY, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  card = rh_study_session_get_current (self);
  g_return_val_if_fail (card != NULL, FALSE);

  now = rh_clock_now (self->clock);
  review.card_id = g_strdup (rh_card_get_id (card));
  review.reviewed_at = now;
  review.rating = rating;
  review.duration_ms = MAX (duration_ms, 0);
  state_of (self, card, now, &review.before);
  if (self->practice)
    {
      review.kind = RH_REVIEW_PRACTICE;
      review.after = review.before;
    }
  else
    {
      review.kind = rh_review_kind_for (&review.before);
      rh_scheduler_next (self->scheduler, &review.before, now, rating,
                         rh_scheduler_fuzz_seed (review.card_id, review.before.reps), &review.after);
    }

  self->changing = TRUE;
  ok = rh_store_record (self->store, &review, error);
  self->changing = FALSE;
  if (ok)
    {
      summary_count (self, &review, +1);
      if (self->practice)
        self->practice_pos++;
      g_clear_pointer (&self->priority_card, g_free);
      changed (self);
    }
  rh_review_clear (&review);
  return ok;
}

static void
bump (guint *counter,
      int    sign)
{
  if (sign > 0)
    (*counter)++;
  else if (*counter > 0)
    (*counter)--;
}

/* Adds a review to the session's summary (+1), or takes an undone one back
 * out of it (-1); resets are not answers. */
static void
summary_count (RhStudySession *self,
               const RhReview *review,
               int             sign)
{
  gboolean passed = review->rating != RH_RATING_AGAIN;

  if (review->kind == RH_REVIEW_RESET)
    return;
  bump (&self->summary.n_answered, sign);
  if (passed)
    bump (&self->summary.n_passed, sign);
  if (review->before.state == RH_CARD_REVIEW)
    {
      bump (&self->summary.n_retention, sign);
      if (passed)
        bump (&self->summary.n_retention_passed, sign);
    }
  self->summary.time_ms = MAX (0, self->summary.time_ms + sign * (gint64)review->duration_ms);
}

/* Undo and redo: the store moves the entry, the session follows it. */
static gboolean
step_history (RhStudySession  *self,
              gboolean         undo,
              RhReview        *moved,
              GError         **error)
{
  RhReview review = { 0 };
  gboolean ok;

  self->changing = TRUE;
  ok = undo ? rh_store_undo (self->store, &review, error) : rh_store_redo (self->store, &review, error);
  self->changing = FALSE;
  if (!ok)
    return FALSE;

  summary_count (self, &review, undo ? -1 : +1);
  if (self->practice && review.kind == RH_REVIEW_PRACTICE)
    {
      /* The practice cursor steps back over the card, or forward again. */
      guint at = undo ? self->practice_pos - 1 : self->practice_pos;

      if ((undo ? self->practice_pos > 0 : self->practice_pos < self->practice_queue->len) &&
          g_strcmp0 (rh_card_get_id (g_ptr_array_index (self->practice_queue, at)), review.card_id) == 0)
        self->practice_pos = undo ? at : at + 1;
    }
  /* The card taken back comes first again. */
  g_free (self->priority_card);
  self->priority_card = undo ? g_strdup (review.card_id) : NULL;
  changed (self);

  if (moved != NULL)
    *moved = review;
  else
    rh_review_clear (&review);
  return TRUE;
}

/* Shows @card next, due or not: "study now" from the browse view.  An early
 * review is scheduled by FSRS like any other. */
void
rh_study_session_study_now (RhStudySession *self,
                            RhCard         *card)
{
  g_return_if_fail (RH_IS_STUDY_SESSION (self));
  g_return_if_fail (RH_IS_CARD (card));

  if (self->practice)
    {
      self->practice = FALSE;
      g_ptr_array_set_size (self->practice_queue, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRACTICE]);
    }
  g_free (self->priority_card);
  self->priority_card = g_strdup (rh_card_get_id (card));
  changed (self);
}

/* Undoes the latest grade and shows that card again.  FALSE without an
 * error when there is nothing to undo. */
gboolean
rh_study_session_undo (RhStudySession  *self,
                       RhReview        *undone,
                       GError         **error)
{
  g_return_val_if_fail (RH_IS_STUDY_SESSION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return step_history (self, TRUE, undone, error);
}

/* Applies the last undone entry again.  FALSE without an error when there
 * is nothing to redo. */
gboolean
rh_study_session_redo (RhStudySession  *self,
                       RhReview        *redone,
                       GError         **error)
{
  g_return_val_if_fail (RH_IS_STUDY_SESSION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return step_history (self, FALSE, redone, error);
}

/* What is left in this session: new, learning and review cards in the
 * queue; in practice, the cards not yet answered (as new). */
void
rh_study_session_get_remaining (RhStudySession *self,
                                RhCounts       *counts)
{
  g_return_if_fail (RH_IS_STUDY_SESSION (self));
  g_return_if_fail (counts != NULL);

  memset (counts, 0, sizeof *counts);
  if (self->practice)
    {
      counts->n_new = self->practice_queue->len - self->practice_pos;
      return;
    }
  counts->n_new = self->queue_new;
  counts->n_learning = self->queue_learning;
  counts->n_review = self->queue_review;
}

/* When the next card will be due, once nothing is left now; 0 if never. */
gint64
rh_study_session_get_next_due (RhStudySession *self)
{
  g_return_val_if_fail (RH_IS_STUDY_SESSION (self), 0);
  return self->next_due;
}

void
rh_study_session_get_summary (RhStudySession   *self,
                              RhSessionSummary *summary)
{
  g_return_if_fail (RH_IS_STUDY_SESSION (self));
  g_return_if_fail (summary != NULL);
  *summary = self->summary;
}

void
rh_study_session_reset_summary (RhStudySession *self)
{
  g_return_if_fail (RH_IS_STUDY_SESSION (self));
  memset (&self->summary, 0, sizeof self->summary);
}

double
rh_study_session_card_retrievability (RhStudySession *self,
                                      RhCard         *card)
{
  g_return_val_if_fail (RH_IS_STUDY_SESSION (self), 0.0);
  g_return_val_if_fail (RH_IS_CARD (card), 0.0);

  return retrievability (self, rh_store_lookup (self->store, rh_card_get_id (card)),
                         rh_clock_now (self->clock));
}

/* --- Counts ---------------------------------------------------------------- */

typedef struct {
  gint64 now;
  gint64 today;
  gint64 day_end;
} CountContext;

static void
tally (RhStudySession *self,
       CountContext   *ctx,
       RhCard         *card,
       RhCounts       *counts,
       double         *r_sum)
{
  const RhStoredCard *stored = rh_store_lookup (self->store, rh_card_get_id (card));

  counts->n_cards++;
  if (stored != NULL && stored->suspended)
    counts->n_suspended++;
  *r_sum += retrievability (self, stored, ctx->now);
  if (stored != NULL && stored->suspended)
    return;
  if (is_new (stored))
    {
      counts->n_unseen++;
      return;
    }
  switch (stored->state.state)
    {
    case RH_CARD_LEARNING:
    case RH_CARD_RELEARNING:
      if (stored->state.due < ctx->day_end)
        counts->n_learning++;
      break;
    case RH_CARD_REVIEW:
      if (stored->state.due < ctx->day_end)
        counts->n_review++;
      break;
    case RH_CARD_NEW:
    default:
      break;
    }
}

static void
finish_counts (RhStudySession *self,
               RhCounts       *counts,
               double          r_sum)
{
  counts->n_new = MIN (counts->n_unseen, remaining (self->new_limit, self->new_done_today));
  counts->n_review = MIN (counts->n_review, remaining (self->review_limit, self->reviews_done_today));
  counts->readiness = counts->n_cards > 0 ? r_sum / counts->n_cards : 0.0;
}

static void
init_context (RhStudySession *self,
              CountContext   *ctx)
{
  ctx->now = rh_clock_now (self->clock);
  ctx->today = rh_clock_today (self->clock);
  ctx->day_end = rh_clock_day_start (self->clock, ctx->today + 1);
  count_today (self, ctx->today);
}

/* Counts for every topic at once, in one pass: @per_topic has one entry per
 * topic of the deck, in deck order. */
void
rh_study_session_count_topics (RhStudySession *self,
                               RhCounts       *per_topic,
                               RhCounts       *all)
{
  guint n_topics, n_cards;
  RhCard * const *cards;
  const guint *card_topics;
  g_autofree double *r_sums = NULL;
  double r_all = 0;
  CountContext ctx;

  g_return_if_fail (RH_IS_STUDY_SESSION (self));
  g_return_if_fail (per_topic != NULL && all != NULL);

  n_topics = g_list_model_get_n_items (rh_deck_get_topics (self->deck));
  cards = rh_deck_peek_cards (self->deck, &n_cards);
  card_topics = rh_deck_peek_card_topics (self->deck);
  r_sums = g_new0 (double, n_topics);
  memset (per_topic, 0, n_topics * sizeof (RhCounts));
  memset (all, 0, sizeof *all);
  init_context (self, &ctx);

  for (guint i = 0; i < n_cards; i++)
    {
      guint t = card_topics[i];
      double r = 0;

      tally (self, &ctx, cards[i], &per_topic[t], &r);
      r_sums[t] += r;
      r_all += r;
    }
  for (guint t = 0; t < n_topics; t++)
    {
      all->n_cards += per_topic[t].n_cards;
      all->n_suspended += per_topic[t].n_suspended;
      all->n_unseen += per_topic[t].n_unseen;
      all->n_learning += per_topic[t].n_learning;
      all->n_review += per_topic[t].n_review;
      finish_counts (self, &per_topic[t], r_sums[t]);
    }
  finish_counts (self, all, r_all);
}

/* Counts for a set of topics (NULL or empty: all). */
void
rh_study_session_count_scope (RhStudySession     *self,
                              const char * const *topic_ids,
                              RhCounts           *counts)
{
  guint n_cards;
  RhCard * const *cards;
  const guint *card_topics;
  g_autofree gboolean *in_scope = NULL;
  CountContext ctx;
  double r_sum = 0;

  g_return_if_fail (RH_IS_STUDY_SESSION (self));
  g_return_if_fail (counts != NULL);

  memset (counts, 0, sizeof *counts);
  init_context (self, &ctx);
  cards = rh_deck_peek_cards (self->deck, &n_cards);
  card_topics = rh_deck_peek_card_topics (self->deck);
  in_scope = rh_deck_topic_mask (self->deck, topic_ids);
  for (guint i = 0; i < n_cards; i++)
    if (in_scope[card_topics[i]])
      tally (self, &ctx, cards[i], counts, &r_sum);
  finish_counts (self, counts, r_sum);
}
