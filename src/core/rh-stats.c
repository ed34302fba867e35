/* rh-stats.c: every number behind the statistics pane
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The review log is read once into a compact array (a few dozen bytes an
 * entry) and then kept in step with the store: new entries are appended,
 * undone ones dropped.  Each report is then two passes in memory, one over
 * the log and one over the cards, for whatever topics are in scope.
 *
 * Definitions, so the charts tell the truth:
 *  - A review is any graded answer, practice included; resets are not.
 *  - True retention counts only reviews of cards in review, at least one
 *    study day after the card's previous review, as Anki does: passed is
 *    Hard, Good or Easy.  Learning steps and same-day repeats would flatter it.
 *  - Readiness is the mean predicted recall (FSRS) of every card in scope,
 *    new cards counting 0, suspended ones as their memory stands.
 */
#define G_LOG_DOMAIN "rehearse-stats"

#include "config.h"

#include <string.h>

#include "rh-collection-private.h"
#include "rh-stats.h"

#define NO_CARD G_MAXUINT32
#define NO_DAY G_MININT32

typedef struct {
  gint64  id;
  gint64  reviewed_at;
  gint32  day;          /* study day of the review */
  gint32  prev_day;     /* study day of the card's previous review, or NO_DAY */
  guint32 card;         /* index into the deck's cards, or NO_CARD */
  guint32 duration_ms;
  guint8  rating;
  guint8  kind;
  guint8  state_before;
} Entry;

struct _RhStats {
  GObject parent_instance;

  RhCollection *collection;
  GArray *log;              /* of Entry, in id order (merged answers: not time order) */
  int rollover_hour;        /* the days in the log were computed with it */
  RhStore *store;           /* the log was read from this store (not a reference)... */
  guint64 generation;       /* ...at this generation */
  RhDeck *deck;             /* the collection's deck the log was read for */
  GHashTable *card_index;   /* card id -> index in that deck + 1 */
};

G_DEFINE_FINAL_TYPE (RhStats, rh_stats, G_TYPE_OBJECT)

void
rh_stats_report_clear (RhStatsReport *report)
{
  g_return_if_fail (report != NULL);

  g_free (report->topic_index);
  g_free (report->topic_readiness);
  g_free (report->interview_started);
  g_free (report->interview_covered);
  g_free (report->interview_total);
  memset (report, 0, sizeof *report);
}

static void
rh_stats_finalize (GObject *object)
{
  RhStats *self = (RhStats *)object;

  g_clear_object (&self->collection);
  g_clear_object (&self->deck);
  g_clear_pointer (&self->log, g_array_unref);
  g_clear_pointer (&self->card_index, g_hash_table_unref);

  G_OBJECT_CLASS (rh_stats_parent_class)->finalize (object);
}

static void
rh_stats_class_init (RhStatsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rh_stats_finalize;
}

static void
rh_stats_init (RhStats *self)
{
  self->log = g_array_new (FALSE, FALSE, sizeof (Entry));
  self->card_index = g_hash_table_new (g_str_hash, g_str_equal);
}

/* The figures of @collection's decks, read from its store. */
RhStats *
rh_stats_new (RhCollection *collection)
{
  RhStats *self;

  g_return_val_if_fail (RH_IS_COLLECTION (collection), NULL);

  self = g_object_new (RH_TYPE_STATS, NULL);
  self->collection = g_object_ref (collection);
  return self;
}

/* The index of each card of the collection's deck, when that is another
 * deck than the log was read for: TRUE when it was. */
static gboolean
index_cards (RhStats *self)
{
  RhDeck *deck = rh_collection_get_deck (self->collection);
  RhCard * const *cards;
  guint n_cards = 0;

  if (deck == self->deck)
    return FALSE;
  g_set_object (&self->deck, deck);
  g_hash_table_remove_all (self->card_index);
  cards = deck != NULL ? rh_deck_peek_cards (deck, &n_cards) : NULL;
  /* The deck holds the cards, and so the id strings. */
  for (guint i = 0; i < n_cards; i++)
    g_hash_table_insert (self->card_index, (gpointer)rh_card_get_id (cards[i]), GUINT_TO_POINTER (i + 1));
  return TRUE;
}

static void
append_entry (const RhLogEntry *log_entry,
              gpointer          user_data)
{
  RhStats *self = user_data;
  RhClock *clock = rh_collection_get_clock (self->collection);
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->card_index, log_entry->card_id));
  Entry entry;

  entry.id = log_entry->id;
  entry.reviewed_at = log_entry->reviewed_at;
  entry.day = (gint32)rh_clock_study_day (clock, log_entry->reviewed_at);
  entry.prev_day = log_entry->last_review_before > 0
                   ? (gint32)rh_clock_study_day (clock, log_entry->last_review_before) : NO_DAY;
  entry.card = index > 0 ? index - 1 : NO_CARD;
  entry.duration_ms = (guint32)MAX (log_entry->duration_ms, 0);
  entry.rating = (guint8)log_entry->rating;
  entry.kind = (guint8)log_entry->kind;
  entry.state_before = (guint8)log_entry->state_before;
  g_array_append_val (self->log, entry);
}

/* Brings the copy of the log up to date with the store.  Entries are only
 * ever appended, or undone from the end (and maybe redone, or replaced by a
 * new grade under the same id): so the newest cached entries are checked
 * against the store, dropped while they no longer match, and whatever is
 * newer is read.  Nothing changed costs one indexed lookup. */
gboolean
rh_stats_sync (RhStats  *self,
               GError  **error)
{
  RhStore *store;
  RhClock *clock;
  gint64 last_id;

  g_return_val_if_fail (RH_IS_STATS (self), FALSE);

  store = _rh_collection_get_store (self->collection);
  clock = rh_collection_get_clock (self->collection);
  g_return_val_if_fail (store != NULL, FALSE);

  /* Study days depend on the rollover hour: a new one reads afresh.  So
   * does another store, or a log that changed other than at its end (a
   * merge, from another computer or an import), or other decks. */
  if (index_cards (self) || self->rollover_hour != rh_clock_get_rollover_hour (clock) || self->store != store ||
      self->generation != rh_store_get_generation (store))
    {
      g_array_set_size (self->log, 0);
      self->rollover_hour = rh_clock_get_rollover_hour (clock);
      self->store = store;
      self->generation = rh_store_get_generation (store);
    }

  while (self->log->len > 0)
    {
      const Entry *last = &g_array_index (self->log, Entry, self->log->len - 1);
      g_autoptr(GError) local_error = NULL;
      RhLogEntry stored;

      /* The same in everything the figures use: the same entry. */
      if (rh_store_get_log_entry (store, last->id, &stored, &local_error) &&
          stored.reviewed_at == last->reviewed_at && stored.rating == last->rating &&
          (guint32)MAX (stored.duration_ms, 0) == last->duration_ms && stored.kind == last->kind &&
          stored.state_before == last->state_before)
        break;
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_array_set_size (self->log, self->log->len - 1);
    }
  last_id = self->log->len > 0 ? g_array_index (self->log, Entry, self->log->len - 1).id : 0;
  return rh_store_read_log (store, last_id, append_entry, self, error);
}

static void
add_retention (RhRetention *retention,
               gboolean     passed)
{
  retention->total++;
  retention->passed += passed;
}

static guint
streak_from (GHashTable *days,
             gint64      today)
{
  gint64 day = g_hash_table_contains (days, GINT_TO_POINTER ((gint)today)) ? today : today - 1;
  guint streak = 0;

  /* A streak is still alive today until the day is over. */
  while (g_hash_table_contains (days, GINT_TO_POINTER ((gint)day)))
    {
      streak++;
      day--;
    }
  return streak;
}

static void
pass_over_log (RhStats        *self,
               const guint    *card_topics,
               const gboolean *in_scope,
               gboolean        all_topics,
               RhStatsReport  *report)
{
  g_autoptr(GHashTable) days = g_hash_table_new (NULL, NULL);
  gint64 today = report->today;
  gint32 last_day_seen = NO_DAY;

  for (guint i = 0; i < self->log->len; i++)
    {
      const Entry *e = &g_array_index (self->log, Entry, i);
      gint64 age;

      if (e->kind == RH_REVIEW_RESET)
        continue;
      if (e->card == NO_CARD ? !all_topics : !in_scope[card_topics[e->card]])
        continue;

      report->n_reviews++;
      /* Mostly in time order: a day is added once per run, not per review. */
      if (e->day != last_day_seen)
        {
          g_hash_table_add (days, GINT_TO_POINTER (e->day));
          last_day_seen = e->day;
        }
      if (e->day == today)
        {
          report->reviews_today++;
          report->time_today_ms += e->duration_ms;
        }
      if (e->day >= report->calendar_first_day && e->day <= today)
        report->calendar[e->day - report->calendar_first_day]++;

      if (e->kind != RH_REVIEW_REVIEW || e->prev_day == NO_DAY || e->day - e->prev_day < 1)
        continue;
      age = today - e->day;
      add_retention (&report->retention_all, e->rating > RH_RATING_AGAIN);
      if (age == 0)
        add_retention (&report->retention_today, e->rating > RH_RATING_AGAIN);
      if (age >= 0 && age < 7)
        add_retention (&report->retention_week, e->rating > RH_RATING_AGAIN);
      if (age >= 0 && age < 30)
        add_retention (&report->retention_month, e->rating > RH_RATING_AGAIN);
      if (e->day >= report->weekly_first_day && e->day <= today)
        add_retention (&report->weekly[(e->day - report->weekly_first_day) / 7], e->rating > RH_RATING_AGAIN);
    }
  report->streak = streak_from (days, today);
}

/* Where a card's state puts it in the states chart and the due figures,
 * by the collection's one classifier. */
static void
count_card_state (RhStats            *self,
                  const RhStoredCard *stored,
                  RhDueClass          due,
                  gint64              end_tomorrow,
                  RhCounts           *today,
                  RhStatsReport      *report)
{
  RhClock *clock = rh_collection_get_clock (self->collection);
  gint64 offset;

  if (due == RH_DUE_SUSPENDED)
    {
      report->states[RH_STATS_STATE_SUSPENDED]++;
      return;
    }
  if (due == RH_DUE_NEW)
    {
      report->states[RH_STATS_STATE_NEW]++;
      today->n_unseen++;
      return;
    }
  report->states[stored->state.state == RH_CARD_LEARNING ? RH_STATS_STATE_LEARNING
                 : stored->state.state == RH_CARD_RELEARNING ? RH_STATS_STATE_RELEARNING
                 : RH_STATS_STATE_REVIEW]++;
  if (due != RH_DUE_LATER)
    {
      report->future_due[0]++;
      if (due == RH_DUE_LEARNING)
        today->n_learning++;
      else
        today->n_review++;
      return;
    }
  offset = rh_clock_study_day (clock, stored->state.due) - report->today;
  if (stored->state.due < end_tomorrow)
    report->due_tomorrow++;
  if (offset > 0 && offset < RH_STATS_FUTURE_DAYS)
    report->future_due[offset]++;
}

/* The forgetting curve ahead, as is and after today's review (as Good). */
static void
add_forecast (RhStats           *self,
              RhCard            *card,
              const RhCardState *state,
              gboolean           due_today,
              gint64             now,
              double             r_now,
              RhStatsReport     *report)
{
  RhScheduler *scheduler = rh_collection_get_scheduler (self->collection);
  RhCardState reviewed = *state;

  if (due_today)
    rh_scheduler_next (scheduler, state, now, RH_RATING_GOOD,
                       rh_scheduler_fuzz_seed (rh_card_get_id (card), state->reps), &reviewed);
  for (guint d = 0; d < RH_STATS_FORECAST_DAYS; d++)
    {
      gint64 when = now + (gint64)d * RH_SECONDS_PER_DAY;
      double idle = d == 0 ? r_now : rh_scheduler_retrievability (scheduler, state, when);

      report->forecast_idle[d] += idle;
      report->forecast_done[d] += due_today ? rh_scheduler_retrievability (scheduler, &reviewed, when) : idle;
    }
}

static void
pass_over_cards (RhStats        *self,
                 const gboolean *in_scope,
                 RhStatsReport  *report,
                 double         *topic_sums,
                 guint          *topic_counts)
{
  RhClock *clock = rh_collection_get_clock (self->collection);
  RhScheduler *scheduler = rh_collection_get_scheduler (self->collection);
  RhDeck *deck = self->deck;
  const RhStoredCard * const *states = rh_collection_peek_states (self->collection, deck);
  gint64 now = rh_clock_now (clock);
  gint64 end_today = rh_clock_day_start (clock, report->today + 1);
  gint64 end_tomorrow = rh_clock_day_start (clock, report->today + 2);
  guint n_cards;
  RhCard * const *cards = rh_deck_peek_cards (deck, &n_cards);
  const guint *card_topics = rh_deck_peek_card_topics (deck);
  RhCounts today = { 0 };
  double r_sum = 0;

  for (guint i = 0; i < n_cards; i++)
    {
      const RhStoredCard *stored;
      guint t = card_topics[i];
      RhDueClass due;
      double r;

      if (!in_scope[t])
        continue;
      stored = states[i];
      due = rh_card_classify (stored, end_today);
      report->n_cards++;
      topic_counts[t]++;
      count_card_state (self, stored, due, end_tomorrow, &today, report);
      if (stored == NULL || stored->state.state == RH_CARD_NEW)
        continue;   /* recall 0, today and on every day ahead */

      r = rh_scheduler_retrievability (scheduler, &stored->state, now);
      r_sum += r;
      topic_sums[t] += r;
      add_forecast (self, cards[i], &stored->state, due == RH_DUE_LEARNING || due == RH_DUE_REVIEW,
                    now, r, report);
    }

  /* Due today as the sidebar counts it, within the daily limits. */
  rh_collection_limit_counts (self->collection, &today);
  report->due_today = today.n_learning + today.n_review;
  if (report->n_cards > 0)
    {
      report->readiness = r_sum / report->n_cards;
      for (guint d = 0; d < RH_STATS_FORECAST_DAYS; d++)
        {
          report->forecast_idle[d] /= report->n_cards;
          report->forecast_done[d] /= report->n_cards;
        }
    }
}

/* Every figure for these topics (NULL or empty: all).  Call rh_stats_sync()
 * first when the store may have changed; clear the report after. */
typedef struct {
  RhDeck         *deck;
  const gboolean *in_scope;
  gboolean        all_topics;
  gint64          last_id;
  GArray         *started, *covered, *total;
} InterviewPass;

/* The parts of an interview come together, oldest interview first. */
static void
add_interview_part (const RhInterviewPart *part,
                    gpointer               user_data)
{
  InterviewPass *pass = user_data;
  RhTopic *topic = rh_deck_lookup_topic (pass->deck, part->topic_id);
  guint last;

  /* A topic the deck no longer has belongs to "every topic" only. */
  if (topic != NULL ? !pass->in_scope[rh_topic_get_position (topic)] : !pass->all_topics)
    return;
  if (part->interview_id != pass->last_id)
    {
      guint zero = 0;

      pass->last_id = part->interview_id;
      g_array_append_val (pass->started, part->started_at);
      g_array_append_val (pass->covered, zero);
      g_array_append_val (pass->total, zero);
    }
  last = pass->started->len - 1;
  g_array_index (pass->covered, guint, last) += part->covered;
  g_array_index (pass->total, guint, last) += part->total;
}

static void
pass_over_interviews (RhStats        *self,
                      RhDeck         *deck,
                      const gboolean *in_scope,
                      gboolean        all_topics,
                      RhStatsReport  *report)
{
  InterviewPass pass = { deck, in_scope, all_topics, 0,
                         g_array_new (FALSE, FALSE, sizeof (gint64)), g_array_new (FALSE, FALSE, sizeof (guint)),
                         g_array_new (FALSE, FALSE, sizeof (guint)) };
  g_autoptr(GError) error = NULL;
  RhStore *store = _rh_collection_get_store (self->collection);

  if (store != NULL && !rh_store_read_interview_parts (store, add_interview_part, &pass, &error))
    g_warning ("Mock interviews not counted: %s", error->message);
  report->n_interviews = pass.started->len;
  report->interview_started = (gint64 *)(void *)g_array_free (pass.started, FALSE);
  report->interview_covered = (guint *)(void *)g_array_free (pass.covered, FALSE);
  report->interview_total = (guint *)(void *)g_array_free (pass.total, FALSE);
}

void
rh_stats_compute (RhStats            *self,
                  const char * const *topic_ids,
                  RhStatsReport      *report)
{
  RhDeck *deck;
  guint n_topics;
  g_autofree gboolean *in_scope = NULL;
  g_autofree double *topic_sums = NULL;
  g_autofree guint *topic_counts = NULL;
  gboolean all_topics = topic_ids == NULL || topic_ids[0] == NULL;

  g_return_if_fail (RH_IS_STATS (self));
  g_return_if_fail (report != NULL);

  memset (report, 0, sizeof *report);
  /* The deck the log was read for (rh_stats_sync()): the indexes agree. */
  deck = self->deck;
  g_return_if_fail (deck != NULL);
  n_topics = g_list_model_get_n_items (rh_deck_get_topics (deck));
  in_scope = rh_deck_topic_mask (deck, topic_ids);
  topic_sums = g_new0 (double, MAX (n_topics, 1));
  topic_counts = g_new0 (guint, MAX (n_topics, 1));

  report->today = rh_clock_today (rh_collection_get_clock (self->collection));
  report->weekly_first_day = report->today - (RH_STATS_WEEKS * 7 - 1);
  report->calendar_first_day = report->today - (RH_STATS_CALENDAR_DAYS - 1);
  report->desired_retention = rh_scheduler_get_config (rh_collection_get_scheduler (self->collection))->desired_retention;

  pass_over_log (self, rh_deck_peek_card_topics (deck), in_scope, all_topics, report);
  pass_over_cards (self, in_scope, report, topic_sums, topic_counts);
  pass_over_interviews (self, deck, in_scope, all_topics, report);

  report->topic_index = g_new0 (guint, MAX (n_topics, 1));
  report->topic_readiness = g_new0 (double, MAX (n_topics, 1));
  for (guint t = 0; t < n_topics; t++)
    if (in_scope[t])
      {
        report->topic_index[report->n_topics] = t;
        report->topic_readiness[report->n_topics] = topic_counts[t] > 0 ? topic_sums[t] / topic_counts[t] : 0.0;
        report->n_topics++;
      }
}
