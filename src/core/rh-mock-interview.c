/* rh-mock-interview.c: the second kind of session: timed questions, rubric, report
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Flashcards train recall; an interview asks for a whole answer under time.
 * Each question is shown alone with a countdown (pausable); "Done", or the
 * time running out, brings the rubric (the card's key areas, to tick as
 * covered), then the model answer and a grade, then, if asked for, one of
 * the card's follow-ups.  Grades go to the collection like any other answer,
 * as practice unless the learner chose that answers count (and only for a
 * card new or due: see rh_collection_grade_question()).  At the end the
 * interview is kept in the store, for the report, the list of past ones
 * and the chart of scores.
 *
 * Every moment comes from the collection's clock: a timeout re-reads it
 * while a question runs, and a fake clock's "tick" moves a test along.
 *
 * Which questions: rh_mock_interview_select(), a pure function of what the
 * learner knows, so that a test can check it on any history.
 */
#define G_LOG_DOMAIN "rehearse-mock-interview"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rh-collection-private.h"
#include "rh-mock-interview.h"

/* How often the countdown re-reads the clock: often enough that the
 * seconds shown never lag by one. */
#define TIMER_MS 200

/* How much chance moves a card or a topic: less than the gap between a
 * card recalled at 90% and one at 70%, so what is weaker still comes
 * first, but enough that two interviews over the same history differ. */
#define JITTER 0.15

/* Lapses count as lost recall, up to this many. */
#define MAX_LAPSES_COUNTED 5
#define LAPSE_WEIGHT 0.1

struct _RhMockInterview {
  GObject parent_instance;

  RhCollection *collection;
  GPtrArray *cards;            /* of RhCard: the questions, in order */
  RhInterviewRecord record;
  gboolean saved;

  guint index;
  RhMockPhase phase;

  /* The current question */
  gint64 started_at;
  gint64 paused_since;         /* while paused */
  gint64 paused_total;         /* seconds paused before */
  gboolean paused;
  int remaining;
  gint64 used;                 /* seconds, fixed at "Done" */
  gboolean timed_out;
  GPtrArray *areas;            /* of RhText */
  GArray *covered;             /* of gboolean */
  char *notes;
  guint timer_id;
};

G_DEFINE_FINAL_TYPE (RhMockInterview, rh_mock_interview, G_TYPE_OBJECT)
G_DEFINE_QUARK (rh-mock-interview-error-quark, rh_mock_interview_error)

enum {
  PROP_0,
  PROP_PAUSED,
  PROP_REMAINING,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* --- Choosing the questions ------------------------------------------------- */

void
rh_mock_interview_options_init (RhMockInterviewOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (RhMockInterviewOptions) {
    .topics = NULL,
    .n_questions = RH_MOCK_INTERVIEW_DEFAULT_QUESTIONS,
    .seconds_per_question = RH_MOCK_INTERVIEW_DEFAULT_MINUTES * 60,
    .follow_ups = TRUE,
    .counts_as_reviews = FALSE,
    .seed = 0,
  };
}

/* A number in [0, 1) from a seed and a name, the same on every run and
 * every computer (splitmix64's finaliser over the two). */
static double
seeded_chance (guint32     seed,
               const char *name)
{
  guint64 x = ((guint64)seed << 32) ^ g_str_hash (name);

  x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  x ^= x >> 31;
  return (double)(x >> 11) / (double)(G_GUINT64_CONSTANT (1) << 53);
}

/* How little the learner knows of a card: the recall FSRS predicts lost,
 * more for each lapse; a card never seen counts as forgotten. */
static double
weakness (const RhMockCandidate *candidate)
{
  double lost = candidate->seen ? 1.0 - CLAMP (candidate->retrievability, 0.0, 1.0) : 1.0;

  return lost + LAPSE_WEIGHT * MIN (MAX (candidate->lapses, 0), MAX_LAPSES_COUNTED);
}

typedef struct {
  guint  index;      /* into the candidates */
  double score;
} Pick;

typedef struct {
  const char *topic_id;
  guint       first;     /* where it first appears: deck order breaks ties */
  guint       n;         /* its cards that may be asked */
  double      weakness;  /* mean over them */
  double      score;
  GArray     *picks;     /* of Pick, best first: no more than can be asked */
} TopicPicks;

static int
compare_picks (gconstpointer a,
               gconstpointer b)
{
  const Pick *x = a, *y = b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return x->index < y->index ? -1 : (x->index > y->index);
}

static int
compare_topics (gconstpointer a,
                gconstpointer b)
{
  const TopicPicks *x = a, *y = b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return x->first < y->first ? -1 : (x->first > y->first);
}

static void
topic_picks_clear (TopicPicks *topic)
{
  g_clear_pointer (&topic->picks, g_array_unref);
}

/* Keeps @pick among the @count best of @picks, in order: an interview
 * never takes more from a topic, and sorting a topic of 10,000 cards for
 * ten of them was most of the time on a large deck. */
static void
keep_best (GArray     *picks,
           guint       count,
           const Pick *pick)
{
  guint at = picks->len;

  while (at > 0 && compare_picks (pick, &g_array_index (picks, Pick, at - 1)) < 0)
    at--;
  if (at >= count)
    return;
  g_array_insert_val (picks, at, *pick);
  if (picks->len > count)
    g_array_set_size (picks, count);
}

/* The group of @topic_id, made at @first if there is none yet.  Cards of
 * a topic mostly come together: the last one found is tried first. */
static TopicPicks *
find_group (GArray     *groups,
            GHashTable *where,
            const char *topic_id,
            guint       first)
{
  gpointer found;

  if (groups->len > 0 && g_str_equal (g_array_index (groups, TopicPicks, groups->len - 1).topic_id, topic_id))
    return &g_array_index (groups, TopicPicks, groups->len - 1);
  if (g_hash_table_lookup_extended (where, topic_id, NULL, &found))
    return &g_array_index (groups, TopicPicks, GPOINTER_TO_UINT (found));
  {
    TopicPicks fresh = { topic_id, first, 0, 0, 0, g_array_new (FALSE, FALSE, sizeof (Pick)) };

    g_hash_table_insert (where, (gpointer)topic_id, GUINT_TO_POINTER (groups->len));
    g_array_append_val (groups, fresh);
    return &g_array_index (groups, TopicPicks, groups->len - 1);
  }
}

/* A set of the strings of @strv (NULL for none), for 100,000 lookups. */
static GHashTable *
string_set (const char * const *strv)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    g_hash_table_add (set, (gpointer)strv[i]);
  return set;
}

/* The candidates that may be asked, by topic, in order of first
 * appearance: a chosen topic, and not in the previous interview. */
static GArray *
group_by_topic (const RhMockCandidate *candidates,
                guint                  n_candidates,
                const char * const    *topics,
                guint                  count,
                const char * const    *previous,
                guint32                seed)
{
  GArray *groups = g_array_new (FALSE, TRUE, sizeof (TopicPicks));
  g_autoptr(GHashTable) where = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) chosen_topics = string_set (topics);
  g_autoptr(GHashTable) asked = string_set (previous);
  gboolean every_topic = g_hash_table_size (chosen_topics) == 0;

  g_array_set_clear_func (groups, (GDestroyNotify)topic_picks_clear);
  for (guint i = 0; i < n_candidates; i++)
    {
      const RhMockCandidate *c = &candidates[i];
      double weak;
      Pick pick;
      TopicPicks *group;

      if ((!every_topic && !g_hash_table_contains (chosen_topics, c->topic_id)) ||
          g_hash_table_contains (asked, c->card_id))
        continue;
      weak = weakness (c);
      pick = (Pick) { i, weak + JITTER * seeded_chance (seed, c->card_id) };
      group = find_group (groups, where, c->topic_id, i);
      group->n++;
      group->weakness += weak;
      keep_best (group->picks, count, &pick);
    }
  return groups;
}

/* Which questions to ask, in order: spread over the topics chosen (every
 * topic when @topics is NULL or empty), weakest first, and none of
 * @previous.  Topics are ranked by how little the learner knows of them
 * (mean weakness, a little chance from @seed), cards within a topic the
 * same way; then one card from each topic in turn, weakest topic first,
 * round after round until @count.  Fewer when fewer are left.  Returns a
 * GArray of guint: indexes into @candidates.  Pure: the same arguments
 * give the same questions. */
GArray *
rh_mock_interview_select (const RhMockCandidate *candidates,
                          guint                  n_candidates,
                          const char * const    *topics,
                          guint                  count,
                          const char * const    *previous,
                          guint32                seed)
{
  g_autoptr(GArray) groups = NULL;
  GArray *chosen = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_val_if_fail (candidates != NULL || n_candidates == 0, chosen);

  groups = group_by_topic (candidates, n_candidates, topics, count, previous, seed);
  for (guint t = 0; t < groups->len; t++)
    {
      TopicPicks *group = &g_array_index (groups, TopicPicks, t);

      group->weakness /= group->n;
      group->score = group->weakness + JITTER * seeded_chance (seed ^ 0x5bd1e995u, group->topic_id);
    }
  g_array_sort (groups, compare_topics);
  for (guint round = 0; chosen->len < count; round++)
    {
      guint before = chosen->len;

      for (guint t = 0; t < groups->len && chosen->len < count; t++)
        {
          TopicPicks *group = &g_array_index (groups, TopicPicks, t);

          if (round < group->picks->len)
            g_array_append_val (chosen, g_array_index (group->picks, Pick, round).index);
        }
      if (chosen->len == before)
        break;
    }
  return chosen;
}

/* Every card of the topics chosen that is not suspended, as a candidate;
 * the strings are the cards' own.  One pass over the deck's own arrays:
 * on 100,000 cards, looking each up by its id took most of the time. */
static GArray *
gather_candidates (RhCollection       *collection,
                   RhDeck             *deck,
                   const char * const *topics)
{
  guint n_cards;
  RhCard * const *cards = rh_deck_peek_cards (deck, &n_cards);
  const RhStoredCard * const *states = rh_collection_peek_states (collection, deck);
  const guint *card_topics = rh_deck_peek_card_topics (deck);
  g_autofree gboolean *in_scope = rh_deck_topic_mask (deck, topics);
  RhScheduler *scheduler = rh_collection_get_scheduler (collection);
  gint64 now = rh_collection_now (collection);
  GArray *candidates = g_array_new (FALSE, TRUE, sizeof (RhMockCandidate));

  for (guint i = 0; i < n_cards; i++)
    {
      const RhStoredCard *stored = states[i];
      gboolean seen = stored != NULL && stored->state.state != RH_CARD_NEW;
      RhMockCandidate candidate = {
        .card_id = rh_card_get_id (cards[i]),
        .topic_id = rh_card_get_topic_id (cards[i]),
        .seen = seen,
        .retrievability = seen ? rh_scheduler_retrievability (scheduler, &stored->state, now) : 0.0,
        .lapses = stored != NULL ? stored->state.lapses : 0,
      };

      if (in_scope[card_topics[i]] && (stored == NULL || !stored->suspended))
        g_array_append_val (candidates, candidate);
    }
  return candidates;
}

/* The questions of the latest interview kept, which the next one leaves
 * out; NULL when there is none. */
static GStrv
previous_questions (RhCollection  *collection,
                    GError       **error)
{
  g_autoptr(GArray) list = rh_collection_list_interviews (collection, error);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  RhInterviewRecord record;
  gboolean found;

  if (list == NULL || list->len == 0)
    return NULL;
  rh_interview_record_init (&record);
  found = rh_collection_load_interview (collection, g_array_index (list, RhInterviewSummary, list->len - 1).id,
                                        &record, error);
  for (guint i = 0; found && i < rh_interview_record_get_n_answers (&record); i++)
    g_strv_builder_add (ids, rh_interview_record_get_answer (&record, i)->card_id);
  rh_interview_record_clear (&record);
  return g_strv_builder_end (ids);
}

/* The questions an interview with @options would ask now, from what the
 * collection knows: a GPtrArray of RhCard (held). */
GPtrArray *
rh_mock_interview_choose (RhCollection                  *collection,
                          const RhMockInterviewOptions  *options,
                          GError                       **error)
{
  RhDeck *deck;
  g_autoptr(GArray) candidates = NULL;
  g_autoptr(GArray) chosen = NULL;
  g_auto(GStrv) previous = NULL;
  GError *local_error = NULL;
  GPtrArray *cards;

  g_return_val_if_fail (RH_IS_COLLECTION (collection), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  deck = rh_collection_get_deck (collection);
  previous = previous_questions (collection, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  cards = g_ptr_array_new_with_free_func (g_object_unref);
  if (deck == NULL)
    return cards;
  candidates = gather_candidates (collection, deck, options->topics);
  chosen = rh_mock_interview_select ((const RhMockCandidate *)candidates->data, candidates->len,
                                     options->topics, options->n_questions,
                                     (const char * const *)previous, options->seed);
  for (guint i = 0; i < chosen->len; i++)
    {
      const RhMockCandidate *c = &g_array_index (candidates, RhMockCandidate, g_array_index (chosen, guint, i));

      g_ptr_array_add (cards, g_object_ref (rh_deck_lookup_card (deck, c->card_id)));
    }
  return cards;
}

/* The rubric of @card: its key areas.  A card of a deck without them (a
 * plain deck) is judged on one line, the whole answer. */
guint
rh_mock_interview_rubric_size (RhCard *card)
{
  g_return_val_if_fail (RH_IS_CARD (card), 0);
  return MAX (rh_card_get_n_key_areas (card), 1);
}

/* Line @index of the rubric (a new reference). */
RhText *
rh_mock_interview_rubric_area (RhCard *card,
                               guint   index)
{
  g_return_val_if_fail (RH_IS_CARD (card), NULL);
  g_return_val_if_fail (index < rh_mock_interview_rubric_size (card), NULL);

  if (rh_card_get_n_key_areas (card) == 0)
    return rh_text_new_plain (_("Covered the whole answer"));
  return rh_text_ref (rh_card_get_key_area (card, index));
}

/* --- Time ------------------------------------------------------------------- */

/* Seconds spent on the question so far, pauses left out; a clock set
 * back counts as no time. */
static gint64
elapsed (RhMockInterview *self)
{
  gint64 upto = self->paused ? self->paused_since : rh_collection_now (self->collection);

  return CLAMP (upto - self->started_at - self->paused_total, 0, (gint64)self->record.seconds_per_question);
}

static void stop_timer (RhMockInterview *self);
static void to_rubric  (RhMockInterview *self,
                        gboolean         timed_out);

static void
update_time (RhMockInterview *self)
{
  int remaining;

  if (self->phase != RH_MOCK_PHASE_QUESTION)
    return;
  remaining = self->record.seconds_per_question - (int)elapsed (self);
  if (remaining != self->remaining)
    {
      self->remaining = remaining;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMAINING]);
    }
  if (remaining <= 0)
    to_rubric (self, TRUE);
}

static gboolean
timer_cb (gpointer data)
{
  update_time (data);
  return G_SOURCE_CONTINUE;
}

static void
start_timer (RhMockInterview *self)
{
  if (self->timer_id == 0)
    self->timer_id = g_timeout_add (TIMER_MS, timer_cb, self);
}

static void
stop_timer (RhMockInterview *self)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
}

/* --- The questions ---------------------------------------------------------- */

static void
set_phase (RhMockInterview *self,
           RhMockPhase      phase)
{
  self->phase = phase;
  if (phase == RH_MOCK_PHASE_QUESTION && !self->paused)
    start_timer (self);
  else
    stop_timer (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
start_question (RhMockInterview *self)
{
  RhCard *card = g_ptr_array_index (self->cards, self->index);
  guint n_areas = rh_mock_interview_rubric_size (card);

  self->started_at = rh_collection_now (self->collection);
  self->paused_total = 0;
  self->used = 0;
  self->timed_out = FALSE;
  self->remaining = self->record.seconds_per_question;
  if (self->paused)
    {
      self->paused = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
    }
  g_ptr_array_set_size (self->areas, 0);
  for (guint i = 0; i < n_areas; i++)
    g_ptr_array_add (self->areas, rh_mock_interview_rubric_area (card, i));
  g_array_set_size (self->covered, 0);
  g_array_set_size (self->covered, n_areas);
  g_free (self->notes);
  self->notes = g_strdup ("");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMAINING]);
  set_phase (self, RH_MOCK_PHASE_QUESTION);
}

/* "Done", or the time ran out: what was used is fixed, and the rubric
 * comes. */
static void
to_rubric (RhMockInterview *self,
           gboolean         timed_out)
{
  self->used = elapsed (self);
  self->timed_out = timed_out;
  if (self->paused)
    {
      self->paused = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
    }
  set_phase (self, RH_MOCK_PHASE_RUBRIC);
}

/* The follow-up to ask after the current question: one of the card's,
 * the same for the same seed; NULL when none is asked. */
static RhText *
follow_up_of (RhMockInterview *self,
              RhCard          *card)
{
  guint n = rh_card_get_n_follow_ups (card);

  if (!self->record.follow_ups || n == 0)
    return NULL;
  return rh_card_get_follow_up (card, (guint)(seeded_chance (self->record.seed, rh_card_get_id (card)) * n));
}

static void
record_answer (RhMockInterview *self,
               RhCard          *card,
               const RhReview  *review)
{
  RhInterviewAnswer *answer = rh_interview_record_add_answer (&self->record);
  RhText *follow_up = follow_up_of (self, card);
  RhTopic *topic = rh_collection_get_card_topic (self->collection, card);

  answer->card_id = g_strdup (rh_card_get_id (card));
  answer->topic_id = g_strdup (rh_card_get_topic_id (card));
  answer->topic_title = g_strdup (topic != NULL ? rh_topic_get_title (topic) : answer->topic_id);
  answer->title = g_strdup (rh_card_get_title (card));
  answer->question = g_strdup (rh_card_get_question (card));
  answer->time_used_ms = self->used * 1000;
  answer->timed_out = self->timed_out;
  answer->rating = review->rating;
  answer->counted = review->kind != RH_REVIEW_PRACTICE;
  answer->follow_up = follow_up != NULL ? g_strdup (rh_text_get_plain (follow_up)) : NULL;
  g_free (answer->notes);
  answer->notes = g_strdup (self->notes);
  for (guint i = 0; i < self->areas->len; i++)
    rh_interview_answer_add_area (answer, rh_text_get_plain (g_ptr_array_index (self->areas, i)),
                                  g_array_index (self->covered, gboolean, i));
}

static void
finish (RhMockInterview *self)
{
  g_autoptr(GError) error = NULL;

  self->record.finished_at = rh_collection_now (self->collection);
  /* A failure is said by the collection's "error"; the report is shown
   * all the same, and can be saved again. */
  if (rh_interview_record_get_n_answers (&self->record) > 0)
    self->saved = rh_collection_save_interview (self->collection, &self->record, &error);
  set_phase (self, RH_MOCK_PHASE_FINISHED);
}

static void
next_question (RhMockInterview *self)
{
  self->index++;
  if (self->index < self->cards->len)
    start_question (self);
  else
    finish (self);
}

/* --- Object ----------------------------------------------------------------- */

static void
rh_mock_interview_dispose (GObject *object)
{
  RhMockInterview *self = (RhMockInterview *)object;

  stop_timer (self);
  if (self->collection != NULL)
    g_signal_handlers_disconnect_by_data (rh_collection_get_clock (self->collection), self);
  g_clear_object (&self->collection);
  g_clear_pointer (&self->cards, g_ptr_array_unref);

  G_OBJECT_CLASS (rh_mock_interview_parent_class)->dispose (object);
}

static void
rh_mock_interview_finalize (GObject *object)
{
  RhMockInterview *self = (RhMockInterview *)object;

  rh_interview_record_clear (&self->record);
  g_clear_pointer (&self->areas, g_ptr_array_unref);
  g_clear_pointer (&self->covered, g_array_unref);
  g_free (self->notes);

  G_OBJECT_CLASS (rh_mock_interview_parent_class)->finalize (object);
}

static void
rh_mock_interview_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RhMockInterview *self = RH_MOCK_INTERVIEW (object);

  switch (prop_id)
    {
    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;
    case PROP_REMAINING:
      g_value_set_int (value, self->remaining);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_mock_interview_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RhMockInterview *self = RH_MOCK_INTERVIEW (object);

  switch (prop_id)
    {
    case PROP_PAUSED:
      rh_mock_interview_set_paused (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_mock_interview_class_init (RhMockInterviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rh_mock_interview_dispose;
  object_class->finalize = rh_mock_interview_finalize;
  object_class->get_property = rh_mock_interview_get_property;
  object_class->set_property = rh_mock_interview_set_property;

  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Seconds left for the current question, while it is asked. */
  properties[PROP_REMAINING] =
    g_param_spec_int ("remaining", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The phase or the question changed. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rh_mock_interview_init (RhMockInterview *self)
{
  rh_interview_record_init (&self->record);
  self->areas = g_ptr_array_new_with_free_func ((GDestroyNotify)rh_text_unref);
  self->covered = g_array_new (FALSE, TRUE, sizeof (gboolean));
  self->notes = g_strdup ("");
}

/* An interview over @collection with @options, its questions chosen now
 * (rh_mock_interview_choose()) and the first one asked at once.  NULL,
 * with RH_MOCK_INTERVIEW_ERROR_NO_QUESTIONS, when there is nothing left to
 * ask in the topics chosen. */
RhMockInterview *
rh_mock_interview_new (RhCollection                  *collection,
                       const RhMockInterviewOptions  *options,
                       GError                       **error)
{
  g_autoptr(RhMockInterview) self = NULL;
  g_autoptr(GPtrArray) cards = NULL;

  g_return_val_if_fail (RH_IS_COLLECTION (collection), NULL);
  g_return_val_if_fail (options != NULL && options->seconds_per_question > 0, NULL);

  cards = rh_mock_interview_choose (collection, options, error);
  if (cards == NULL)
    return NULL;
  if (cards->len == 0)
    {
      g_set_error_literal (error, RH_MOCK_INTERVIEW_ERROR, RH_MOCK_INTERVIEW_ERROR_NO_QUESTIONS,
                           _("No question is left to ask in these topics: each was in your last interview "
                             "or is suspended. Choose more topics."));
      return NULL;
    }
  self = g_object_new (RH_TYPE_MOCK_INTERVIEW, NULL);
  self->collection = g_object_ref (collection);
  self->cards = g_steal_pointer (&cards);
  self->record.started_at = rh_collection_now (collection);
  self->record.seed = options->seed;
  self->record.seconds_per_question = (int)options->seconds_per_question;
  self->record.follow_ups = options->follow_ups;
  self->record.counts_as_reviews = options->counts_as_reviews;
  g_strfreev (self->record.topics);
  self->record.topics = g_strdupv ((char **)(options->topics != NULL ? options->topics
                                                                     : (const char * const[]) { NULL }));
  g_signal_connect_object (rh_collection_get_clock (collection), "tick", G_CALLBACK (update_time), self,
                           G_CONNECT_SWAPPED);
  start_question (self);
  return g_steal_pointer (&self);
}

RhCollection *
rh_mock_interview_get_collection (RhMockInterview *self)
{
  g_return_val_if_fail (RH_IS_MOCK_INTERVIEW (self), NULL);
  return self->collection;
}

guint
rh_mock_interview_get_n_questions (RhMockInterview *self)
{
  g_return_val_if_fail (RH_IS_MOCK_INTERVIEW (self), 0);
  return self->cards->len;
}

RhCard *
rh_mock_interview_get_card (RhMockInterview *self,
                            guint            index)
{
  g_return_val_if_fail (RH_IS_MOCK_INTERVIEW (self), NULL);
  g_return_val_if_fail (index < self->cards->len, NULL);
  return g_ptr_array_index (self->cards, index);
}

/* The question being asked (0-based); the number of questions once
 * finished. */
guint
rh_mock_interview_get_index (RhMockInterview *self)
{
  g_return_val_if_fail (RH_IS_MOCK_INTERVIEW (self), 0);
  return self->index;
}

/* The card of the question being asked; NULL once finished. */
RhCard *
rh_mock_interview_get_current (RhMockInterview *self)
{
  g_return_val_if_fail (RH_IS_MOCK_INTERVIEW (self), NULL);
  return self->index < self->cards->len ? g_ptr_array_index (self->cards, self->index) : NULL;
}

RhMockPhase
rh_mock_interview_get_phase (RhMockInterview *self)
{
  g_return_val_if_fail (RH_IS_MOCK_INTERVIEW (self), RH_MOCK_PHASE_FINISHED);
  return self->phase;
}

/* --- The question: time and notes ------------------------------------------- */

/* Seconds per question. */
int
rh_mock_interview_get_budget (RhMockInterview *self)
{
  g_return_val_if_fail (RH_IS_MOCK_INTERVIEW (self), 0);
  return self->record.seconds_per_question;
}

/* Seconds left for the question, read from the clock now ("remaining"
 * follows the clock's ticks and a timer). */
int
rh_mock_interview_get_remaining (RhMockInterview *self)
{
  g_return_val_if_fail (RH_IS_MOCK_INTERVIEW (self), 0);

  return self->record.seconds_per_question - (int)(self->phase == RH_MOCK_PHASE_QUESTION ? elapsed (self)
                                                                                         : self->used);
}

gboolean
rh_mock_interview_get_paused (RhMockInterview *self)
{
  g_return_val_if_fail (RH_IS_MOCK_INTERVIEW (self), FALSE);
  return self->paused;
}

/* Stops the clock of the question (or starts it again); only while the
 * question is asked. */
void
rh_mock_interview_set_paused (RhMockInterview *self,
                              gboolean         paused)
{
  gint64 now;

  g_return_if_fail (RH_IS_MOCK_INTERVIEW (self));

  paused = !!paused;
  if (self->phase != RH_MOCK_PHASE_QUESTION || self->paused == paused)
    return;
  update_time (self);
  if (self->phase != RH_MOCK_PHASE_QUESTION)
    return;   /* the time ran out just now */
  now = rh_collection_now (self->collection);
  if (paused)
    self->paused_since = now;
  else
    self->paused_total += MAX (now - self->paused_since, 0);
  self->paused = paused;
  if (paused)
    stop_timer (self);
  else
    start_timer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

/* The points the learner wants to make, kept with the answer. */
void
rh_mock_interview_set_notes (RhMockInterview *self,
                             const char      *notes)
{
  g_return_if_fail (RH_IS_MOCK_INTERVIEW (self));

  g_free (self->notes);
  self->notes = g_strdup (notes != NULL ? notes : "");
}

const char *
rh_mock_interview_get_notes (RhMockInterview *self)
{
  g_return_val_if_fail (RH_IS_MOCK_INTERVIEW (self), NULL);
  return self->notes;
}

/* The learner has answered: on to the rubric. */
void
rh_mock_interview_done (RhMockInterview *self)
{
  g_return_if_fail (RH_IS_MOCK_INTERVIEW (self));

  update_time (self);
  if (self->phase == RH_MOCK_PHASE_QUESTION)
    to_rubric (self, FALSE);
}

/* --- The rubric and the grade ----------------------------------------------- */

guint
rh_mock_interview_get_n_areas (RhMockInterview *self)
{
  g_return_val_if_fail (RH_IS_MOCK_INTERVIEW (self), 0);
  return self->areas->len;
}

/* Line @index of the current question's rubric. */
RhText *
rh_mock_interview_get_area (RhMockInterview *self,
                            guint            index)
{
  g_return_val_if_fail (RH_IS_MOCK_INTERVIEW (self), NULL);
  g_return_val_if_fail (index < self->areas->len, NULL);
  return g_ptr_array_index (self->areas, index);
}

gboolean
rh_mock_interview_get_covered (RhMockInterview *self,
                               guint            index)
{
  g_return_val_if_fail (RH_IS_MOCK_INTERVIEW (self), FALSE);
  g_return_val_if_fail (index < self->covered->len, FALSE);
  return g_array_index (self->covered, gboolean, index);
}

/* Ticks a line of the rubric, or not: until the question is graded. */
void
rh_mock_interview_set_covered (RhMockInterview *self,
                               guint            index,
                               gboolean         covered)
{
  g_return_if_fail (RH_IS_MOCK_INTERVIEW (self));
  g_return_if_fail (index < self->covered->len);
  g_return_if_fail (self->phase == RH_MOCK_PHASE_RUBRIC || self->phase == RH_MOCK_PHASE_ANSWER);

  g_array_index (self->covered, gboolean, index) = !!covered;
}

/* The grade the rubric points to, as studying suggests it. */
int
rh_mock_interview_get_suggested_grade (RhMockInterview *self)
{
  guint covered = 0;

  g_return_val_if_fail (RH_IS_MOCK_INTERVIEW (self), 0);

  for (guint i = 0; i < self->covered->len; i++)
    covered += g_array_index (self->covered, gboolean, i) ? 1 : 0;
  return rh_interview_suggest_grade (covered, self->covered->len);
}

/* The rubric is ticked: the model answer comes. */
void
rh_mock_interview_show_answer (RhMockInterview *self)
{
  g_return_if_fail (RH_IS_MOCK_INTERVIEW (self));

  if (self->phase == RH_MOCK_PHASE_RUBRIC)
    set_phase (self, RH_MOCK_PHASE_ANSWER);
}

/* Grades the question through the collection (a review or practice, as
 * chosen) and goes on: the follow-up, the next question or the end.  On
 * failure nothing changes, for a retry. */
gboolean
rh_mock_interview_grade (RhMockInterview  *self,
                         RhRating          rating,
                         GError          **error)
{
  RhCard *card;
  RhReview review = { 0 };

  g_return_val_if_fail (RH_IS_MOCK_INTERVIEW (self), FALSE);
  g_return_val_if_fail (rating >= RH_RATING_AGAIN && rating <= RH_RATING_EASY, FALSE);
  g_return_val_if_fail (self->phase == RH_MOCK_PHASE_RUBRIC || self->phase == RH_MOCK_PHASE_ANSWER, FALSE);

  card = rh_mock_interview_get_current (self);
  if (!rh_collection_grade_question (self->collection, card, rating, (int)(self->used * 1000),
                                     self->record.counts_as_reviews, &review, error))
    return FALSE;
  record_answer (self, card, &review);
  rh_review_clear (&review);
  if (follow_up_of (self, card) != NULL)
    set_phase (self, RH_MOCK_PHASE_FOLLOW_UP);
  else
    next_question (self);
  return TRUE;
}

/* --- The follow-up ---------------------------------------------------------- */

/* The follow-up asked now; NULL when none is. */
RhText *
rh_mock_interview_get_follow_up (RhMockInterview *self)
{
  g_return_val_if_fail (RH_IS_MOCK_INTERVIEW (self), NULL);

  if (self->phase != RH_MOCK_PHASE_FOLLOW_UP)
    return NULL;
  return follow_up_of (self, rh_mock_interview_get_current (self));
}

void
rh_mock_interview_rate_follow_up (RhMockInterview  *self,
                                  RhFollowUpRating  rating)
{
  guint n;

  g_return_if_fail (RH_IS_MOCK_INTERVIEW (self));
  g_return_if_fail (rating >= RH_FOLLOW_UP_MISSED && rating <= RH_FOLLOW_UP_ANSWERED);

  if (self->phase != RH_MOCK_PHASE_FOLLOW_UP)
    return;
  n = rh_interview_record_get_n_answers (&self->record);
  rh_interview_record_get_answer (&self->record, n - 1)->follow_up_rating = rating;
  next_question (self);
}

/* --- The end ---------------------------------------------------------------- */

/* Ends the interview now: the questions graded so far are kept (a
 * follow-up not yet rated is left out); one not yet graded is not.
 * TRUE when there is a report to show. */
gboolean
rh_mock_interview_end (RhMockInterview *self)
{
  guint n;

  g_return_val_if_fail (RH_IS_MOCK_INTERVIEW (self), FALSE);

  n = rh_interview_record_get_n_answers (&self->record);
  if (self->phase == RH_MOCK_PHASE_FINISHED)
    return n > 0;
  if (self->phase == RH_MOCK_PHASE_FOLLOW_UP)
    g_clear_pointer (&rh_interview_record_get_answer (&self->record, n - 1)->follow_up, g_free);
  finish (self);
  return n > 0;
}

/* What was asked and answered so far; its id is set once it is kept. */
const RhInterviewRecord *
rh_mock_interview_get_record (RhMockInterview *self)
{
  g_return_val_if_fail (RH_IS_MOCK_INTERVIEW (self), NULL);
  return &self->record;
}

/* Keeps the finished interview, when that failed at the end (a full disk,
 * say); TRUE at once when it is kept already. */
gboolean
rh_mock_interview_save (RhMockInterview  *self,
                        GError          **error)
{
  g_return_val_if_fail (RH_IS_MOCK_INTERVIEW (self), FALSE);
  g_return_val_if_fail (self->phase == RH_MOCK_PHASE_FINISHED, FALSE);

  if (!self->saved && rh_interview_record_get_n_answers (&self->record) > 0)
    self->saved = rh_collection_save_interview (self->collection, &self->record, error);
  return self->saved || rh_interview_record_get_n_answers (&self->record) == 0;
}
