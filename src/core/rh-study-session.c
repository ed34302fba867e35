/* rh-study-session.c: which card comes next, for a scope of the collection
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The queue is derived, never stored: after every change the collection
 * reports, it is rebuilt from the deck and the card states, which is a
 * single pass over the cards and keeps undo, limits, day rollover and
 * changes made from the browse view trivially consistent.  Order: learning
 * cards due now (by due time), then due reviews (by due day, then lowest
 * retrievability), then new cards in deck order, within the daily limits.
 * When nothing is left, a learning card due within 20 minutes is shown
 * early, as Anki does.  Which card is new, learning or due is the
 * collection's one classifier, rh_card_classify().
 */
#define G_LOG_DOMAIN "rehearse-session"

#include "config.h"

#include <string.h>

#include "rh-collection-private.h"
#include "rh-study-session.h"

struct _RhStudySession {
  GObject parent_instance;

  RhCollection *collection;
  RhDeck *deck;
  GStrv topics;             /* empty: every topic */
  gboolean *topic_in_scope; /* per topic index */

  GPtrArray *queue;         /* of RhCard, borrowed from the deck */
  guint queue_new, queue_learning, queue_review;
  gint64 next_due;
  char *priority_card;      /* shown first after an undo */

  gboolean practice;
  GPtrArray *practice_queue;
  guint practice_pos;

  RhSessionSummary summary;
  gboolean changing;        /* our own change: do not rebuild twice */
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

static void summary_count (RhStudySession *self,
                           const RhReview *review,
                           int             sign);
static void adopt_deck    (RhStudySession *self);

/* --- The queue ------------------------------------------------------------- */

typedef struct {
  RhCard *card;
  guint   index;   /* in the deck: its order */
  gint64  due;
  gint64  day;
  double  r;
} Entry;

/* One pass over the cards in scope, sorted into what is due now, what
 * comes later, and the new cards the day's limit allows. */
typedef struct {
  gint64     now;
  gint64     day_end;
  guint      new_left;
  guint      reviews_left;
  GArray    *learning;            /* due now */
  GArray    *later;               /* learning, due later */
  GArray    *reviews;             /* due today */
  GPtrArray *news;
  gint64     first_later_review;
  gboolean   more_new;
} Sorting;

static int
compare_by_due (gconstpointer a,
                gconstpointer b)
{
  const Entry *x = a, *y = b;

  if (x->due != y->due)
    return x->due < y->due ? -1 : 1;
  return (int)x->index - (int)y->index;
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
  return (int)x->index - (int)y->index;
}

static void
sorting_init (RhStudySession *self,
              Sorting        *sorting)
{
  RhSchedulingOptions *options = rh_collection_get_options (self->collection);
  guint new_done, reviews_done;

  rh_collection_count_done_today (self->collection, &new_done, &reviews_done);
  memset (sorting, 0, sizeof *sorting);
  sorting->now = rh_collection_now (self->collection);
  sorting->day_end = rh_collection_day_end (self->collection);
  sorting->new_left = rh_scheduling_options_get_new_per_day (options);
  sorting->new_left = sorting->new_left > new_done ? sorting->new_left - new_done : 0;
  sorting->reviews_left = rh_scheduling_options_get_reviews_per_day (options);
  sorting->reviews_left = sorting->reviews_left > reviews_done ? sorting->reviews_left - reviews_done : 0;
  sorting->learning = g_array_new (FALSE, FALSE, sizeof (Entry));
  sorting->later = g_array_new (FALSE, FALSE, sizeof (Entry));
  sorting->reviews = g_array_new (FALSE, FALSE, sizeof (Entry));
  sorting->news = g_ptr_array_new ();
  sorting->first_later_review = G_MAXINT64;
}

static void
sorting_clear (Sorting *sorting)
{
  g_array_unref (sorting->learning);
  g_array_unref (sorting->later);
  g_array_unref (sorting->reviews);
  g_ptr_array_unref (sorting->news);
}

static void
sort_card (RhStudySession     *self,
           Sorting            *sorting,
           RhCard             *card,
           guint               index,
           const RhStoredCard *stored)
{
  Entry entry = { card, index, stored != NULL ? stored->state.due : 0, 0, 0 };

  switch (rh_card_classify (stored, sorting->day_end))
    {
    case RH_DUE_NEW:
      if (sorting->news->len < sorting->new_left)
        g_ptr_array_add (sorting->news, card);
      else
        sorting->more_new = TRUE;
      break;
    case RH_DUE_LEARNING:
      g_array_append_val (entry.due <= sorting->now ? sorting->learning : sorting->later, entry);
      break;
    case RH_DUE_REVIEW:
      entry.day = rh_clock_study_day (rh_collection_get_clock (self->collection), entry.due);
      entry.r = rh_scheduler_retrievability (rh_collection_get_scheduler (self->collection),
                                             &stored->state, sorting->now);
      g_array_append_val (sorting->reviews, entry);
      break;
    case RH_DUE_LATER:
      if (stored->state.state == RH_CARD_REVIEW)
        sorting->first_later_review = MIN (sorting->first_later_review, entry.due);
      else
        g_array_append_val (sorting->later, entry);
      break;
    case RH_DUE_SUSPENDED:
    default:
      break;
    }
}

/* Learning due now, then reviews within the limit, then new cards; when
 * that is nothing, a learning step ending soon is worth taking early. */
static void
fill_queue (RhStudySession *self,
            Sorting        *sorting)
{
  GArray *learning = sorting->learning, *reviews = sorting->reviews, *later = sorting->later;

  g_array_sort (learning, compare_by_due);
  g_array_sort (later, compare_by_due);
  g_array_sort (reviews, compare_reviews);
  g_array_set_size (reviews, MIN (reviews->len, sorting->reviews_left));

  g_ptr_array_set_size (self->queue, 0);
  for (guint i = 0; i < learning->len; i++)
    g_ptr_array_add (self->queue, g_array_index (learning, Entry, i).card);
  for (guint i = 0; i < reviews->len; i++)
    g_ptr_array_add (self->queue, g_array_index (reviews, Entry, i).card);
  g_ptr_array_extend (self->queue, sorting->news, NULL, NULL);
  self->queue_learning = learning->len;
  self->queue_review = reviews->len;
  self->queue_new = sorting->news->len;

  if (self->queue->len == 0 && later->len > 0 &&
      g_array_index (later, Entry, 0).due <= sorting->now + RH_STUDY_SESSION_LEARN_AHEAD)
    {
      g_ptr_array_add (self->queue, g_array_index (later, Entry, 0).card);
      self->queue_learning = 1;
      g_array_remove_index (later, 0);
    }
}

/* When the next card will be there if this session has run dry: the next
 * learning step, the next review's day, or tomorrow's limits. */
static gint64
next_due (RhStudySession *self,
          Sorting        *sorting,
          gboolean        over_review_limit)
{
  RhClock *clock = rh_collection_get_clock (self->collection);
  gint64 next = G_MAXINT64;

  if (sorting->first_later_review != G_MAXINT64)
    next = rh_clock_day_start (clock, rh_clock_study_day (clock, sorting->first_later_review));
  if (sorting->later->len > 0)
    next = MIN (next, g_array_index (sorting->later, Entry, 0).due);
  if (sorting->more_new || over_review_limit)
    next = MIN (next, sorting->day_end);
  return next == G_MAXINT64 ? 0 : next;
}

/* After an undo, or "study now", the card asked for comes first, whatever
 * the scope: it is the card the learner asked for. */
static void
put_priority_first (RhStudySession *self)
{
  RhCard *card;
  const RhStoredCard *stored;
  guint index;

  if (self->priority_card == NULL)
    return;
  card = rh_deck_lookup_card (self->deck, self->priority_card);
  stored = card != NULL ? rh_collection_lookup_state (self->collection, self->priority_card) : NULL;
  if (card == NULL || (stored != NULL && stored->suspended))
    return;
  if (g_ptr_array_find (self->queue, card, &index))
    g_ptr_array_remove_index (self->queue, index);
  g_ptr_array_insert (self->queue, 0, card);
}

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
  Sorting sorting;
  guint n_cards, n_reviews;
  RhCard * const *cards;
  const RhStoredCard * const *states;
  const guint *card_topics;

  adopt_deck (self);
  if (self->practice)
    {
      rebuild_practice (self);
      return;
    }
  if (self->deck == NULL || !rh_collection_is_open (self->collection))
    {
      g_ptr_array_set_size (self->queue, 0);
      self->queue_new = self->queue_learning = self->queue_review = 0;
      self->next_due = 0;
      return;
    }

  sorting_init (self, &sorting);
  cards = rh_deck_peek_cards (self->deck, &n_cards);
  states = rh_collection_peek_states (self->collection, self->deck);
  card_topics = rh_deck_peek_card_topics (self->deck);
  for (guint i = 0; i < n_cards; i++)
    if (self->topic_in_scope[card_topics[i]])
      sort_card (self, &sorting, cards[i], i, states[i]);
  n_reviews = sorting.reviews->len;
  fill_queue (self, &sorting);
  put_priority_first (self);
  self->next_due = self->queue->len == 0 ? next_due (self, &sorting, n_reviews > sorting.reviews->len) : 0;
  sorting_clear (&sorting);
  if (self->next_due != 0)
    rh_clock_wake_at (rh_collection_get_clock (self->collection), self->next_due);
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

/* A card changed elsewhere (the browse view, an import): the queue is
 * rebuilt from what is now in the collection. */
static void
collection_changed_cb (RhStudySession *self)
{
  if (!self->changing)
    changed (self);
}

/* A new study day or new options: the queue is rebuilt, but the card on
 * screen stays first while it is still to be studied; the learner may be
 * reading its answer. */
static void
time_or_options_changed_cb (RhStudySession *self)
{
  RhCard *shown = rh_study_session_get_current (self);
  g_autofree char *shown_id = shown != NULL ? g_strdup (rh_card_get_id (shown)) : NULL;
  RhCard *current;
  guint index;

  rebuild (self);
  /* By id: a deck loaded again has new card objects for the same cards. */
  for (index = 0; shown_id != NULL && !self->practice && index < self->queue->len; index++)
    if (g_str_equal (rh_card_get_id (self->queue->pdata[index]), shown_id))
      {
        RhCard *card = g_ptr_array_steal_index (self->queue, index);

        g_ptr_array_insert (self->queue, 0, card);
        break;
      }
  current = rh_study_session_get_current (self);
  if (current != shown && (current == NULL || shown == NULL || g_strcmp0 (rh_card_get_id (current), shown_id) != 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Decks were added, loaded again or removed: the same scope over the
 * collection's new deck.  A practice round keeps its order, without the
 * cards that are gone.  Whoever hears of it first (the sidebar may scope
 * the session before the session hears) finds the session on it. */
static void
adopt_deck (RhStudySession *self)
{
  RhDeck *deck = rh_collection_get_deck (self->collection);
  guint kept = 0, pos = 0;

  if (deck == self->deck)
    return;
  for (guint i = 0; i < self->practice_queue->len; i++)
    {
      RhCard *card = deck != NULL ? rh_deck_lookup_card (deck, rh_card_get_id (self->practice_queue->pdata[i])) : NULL;

      if (card == NULL)
        continue;
      pos += i < self->practice_pos;
      self->practice_queue->pdata[kept++] = card;
    }
  self->practice_pos = pos;
  g_ptr_array_set_size (self->practice_queue, kept);
  g_set_object (&self->deck, deck);
  g_clear_pointer (&self->topic_in_scope, g_free);
  if (deck != NULL)
    self->topic_in_scope = rh_deck_topic_mask (deck, (const char * const *)self->topics);
}

/* The time moved on: once the session has run dry, the next card may be
 * due now.  While a card is shown it stays; the queue catches up after
 * the answer. */
static void
tick_cb (RhStudySession *self)
{
  if (self->queue->len == 0 && self->next_due != 0 &&
      rh_collection_now (self->collection) >= self->next_due)
    changed (self);
}

/* --- Object ---------------------------------------------------------------- */

static void
rh_study_session_dispose (GObject *object)
{
  RhStudySession *self = (RhStudySession *)object;

  if (self->collection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->collection, self);
      g_signal_handlers_disconnect_by_data (rh_collection_get_clock (self->collection), self);
    }
  g_clear_object (&self->collection);
  g_clear_object (&self->deck);

  G_OBJECT_CLASS (rh_study_session_parent_class)->dispose (object);
}

static void
rh_study_session_finalize (GObject *object)
{
  RhStudySession *self = (RhStudySession *)object;

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

  /* The queue, its counts or the current card may have changed. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rh_study_session_init (RhStudySession *self)
{
  self->topics = g_new0 (char *, 1);
  self->queue = g_ptr_array_new ();
  self->practice_queue = g_ptr_array_new ();
}

/* A session over the collection's deck, every topic in scope. */
RhStudySession *
rh_study_session_new (RhCollection *collection)
{
  RhStudySession *self;
  /* A store that opens says "card-changed" for every card, too. */
  const char *rebuild_on[] = { "card-changed" };
  const char *keep_current_on[] = { "day-changed", "options-changed" };

  g_return_val_if_fail (RH_IS_COLLECTION (collection), NULL);

  self = g_object_new (RH_TYPE_STUDY_SESSION, NULL);
  self->collection = g_object_ref (collection);
  self->deck = rh_collection_get_deck (collection);
  if (self->deck != NULL)
    {
      g_object_ref (self->deck);
      self->topic_in_scope = rh_deck_topic_mask (self->deck, NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (rebuild_on); i++)
    g_signal_connect_object (collection, rebuild_on[i], G_CALLBACK (collection_changed_cb),
                             self, G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (keep_current_on); i++)
    g_signal_connect_object (collection, keep_current_on[i], G_CALLBACK (time_or_options_changed_cb),
                             self, G_CONNECT_SWAPPED);
  /* Rebuilding adopts the new deck; the card on screen stays first. */
  g_signal_connect_object (collection, "decks-changed", G_CALLBACK (time_or_options_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (rh_collection_get_clock (collection), "tick", G_CALLBACK (tick_cb),
                           self, G_CONNECT_SWAPPED);
  rh_collection_prepare_study (collection);
  rebuild (self);
  return self;
}

RhCollection *
rh_study_session_get_collection (RhStudySession *self)
{
  g_return_val_if_fail (RH_IS_STUDY_SESSION (self), NULL);
  return self->collection;
}

/* Scopes the session to these topics; NULL or empty for every topic. */
void
rh_study_session_set_topics (RhStudySession     *self,
                             const char * const *topic_ids)
{
  g_return_if_fail (RH_IS_STUDY_SESSION (self));

  adopt_deck (self);
  if (topic_ids == NULL)
    topic_ids = (const char * const[]) { NULL };
  if (g_strv_equal ((const char * const *)self->topics, topic_ids) || self->deck == NULL)
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

  adopt_deck (self);
  g_return_if_fail (self->deck != NULL);
  cards = rh_deck_peek_cards (self->deck, &n_cards);
  card_topics = rh_deck_peek_card_topics (self->deck);
  g_ptr_array_set_size (self->practice_queue, 0);
  for (guint i = 0; i < n_cards; i++)
    if (self->topic_in_scope[card_topics[i]] &&
        rh_collection_classify (self->collection, rh_card_get_id (cards[i])) != RH_DUE_SUSPENDED)
      g_ptr_array_add (self->practice_queue, cards[i]);
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

/* Rebuilds the queue now, whether it ran dry or not. */
void
rh_study_session_refresh (RhStudySession *self)
{
  g_return_if_fail (RH_IS_STUDY_SESSION (self));
  rh_collection_prepare_study (self->collection);
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

  g_return_if_fail (RH_IS_STUDY_SESSION (self));

  card = rh_study_session_get_current (self);
  g_return_if_fail (card != NULL);
  rh_collection_preview (self->collection, card, after);
}

/* Grades the current card through the collection, then the next card. */
gboolean
rh_study_session_answer (RhStudySession  *self,
                         RhRating         rating,
                         int              duration_ms,
                         GError         **error)
{
  RhCard *card;
  RhReview review = { 0 };
  gboolean ok;

  g_return_val_if_fail (RH_IS_STUDY_SESSION (self), FALSE);
  g_return_val_if_fail (rating >= RH_RATING_AGAIN && rating <= RH_RATING_EASY, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  card = rh_study_session_get_current (self);
  g_return_val_if_fail (card != NULL, FALSE);

  self->changing = TRUE;
  ok = rh_collection_grade (self->collection, card, rating, duration_ms, self->practice, &review, error);
  self->changing = FALSE;
  if (!ok)
    return FALSE;
  summary_count (self, &review, +1);
  if (self->practice)
    self->practice_pos++;
  g_clear_pointer (&self->priority_card, g_free);
  changed (self);
  rh_review_clear (&review);
  return TRUE;
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

/* Undo and redo: the collection moves the entry, the session follows it. */
static gboolean
step_history (RhStudySession  *self,
              gboolean         undo,
              RhReview        *moved,
              GError         **error)
{
  RhReview review = { 0 };
  gboolean ok;

  self->changing = TRUE;
  ok = undo ? rh_collection_undo (self->collection, &review, error)
            : rh_collection_redo (self->collection, &review, error);
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

/* The counts of the session's scope, as the sidebar has them. */
void
rh_study_session_count_scope (RhStudySession *self,
                              RhCounts       *counts)
{
  g_return_if_fail (RH_IS_STUDY_SESSION (self));
  g_return_if_fail (counts != NULL);

  adopt_deck (self);
  memset (counts, 0, sizeof *counts);
  if (self->deck != NULL && rh_collection_is_open (self->collection))
    rh_collection_count_scope (self->collection, self->deck, (const char * const *)self->topics, counts);
}
