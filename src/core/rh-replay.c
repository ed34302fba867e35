/* rh-replay.c: a card's state as the replay of its events
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The log of events is the truth; a card's state is what replaying its
 * events gives.  The rules (docs/progress-format.md):
 *  - an answer (grade, practice, reset) counts unless it has more undo
 *    events than redo events aimed at it;
 *  - the answers that count are replayed in the order of their times, then
 *    of their review ids, from a new card, through the same scheduler (and
 *    fuzz seed) a grade uses;
 *  - the latest suspend or unsuspend event, in the same order, decides
 *    whether the card is suspended.
 * Two computers with the same events and options so reach the same state,
 * whatever order the events arrived in.
 */
#define G_LOG_DOMAIN "rehearse-replay"

#include "config.h"

#include <string.h>

#include "rh-replay.h"

void
rh_replay_init (RhReplay *replay)
{
  memset (replay, 0, sizeof *replay);
  replay->answers = g_array_new (FALSE, TRUE, sizeof (RhReview));
  g_array_set_clear_func (replay->answers, (GDestroyNotify)rh_review_clear);
  rh_card_state_init_new (&replay->state, 0);
}

void
rh_replay_clear (RhReplay *replay)
{
  g_clear_pointer (&replay->answers, g_array_unref);
  g_clear_pointer (&replay->counts, g_free);
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const RhReview *x = *(const RhReview * const *)a;
  const RhReview *y = *(const RhReview * const *)b;

  if (x->reviewed_at != y->reviewed_at)
    return x->reviewed_at < y->reviewed_at ? -1 : 1;
  return rh_review_id_compare (&x->uid, &y->uid);
}

/* Fills in the states of answer @answer, from replay->state. */
static void
replay_answer (const RhScheduler *scheduler,
               RhReview          *answer,
               RhReplay          *replay)
{
  RhCardState before = replay->state;

  /* A new card starts when it is first answered, as a grade sees it. */
  if (before.state == RH_CARD_NEW)
    rh_card_state_init_new (&before, answer->reviewed_at);
  answer->before = before;
  switch (answer->kind)
    {
    case RH_REVIEW_PRACTICE:
      answer->after = before;
      break;
    case RH_REVIEW_RESET:
      answer->before = replay->state;
      rh_card_state_init_new (&answer->after, answer->reviewed_at);
      answer->after.due = 0;
      replay->state = answer->after;
      break;
    default:
      answer->kind = rh_review_kind_for (&before);
      rh_scheduler_next (scheduler, &before, answer->reviewed_at, (RhRating)answer->rating,
                         rh_scheduler_fuzz_seed (answer->card_id, before.reps), &answer->after);
      replay->state = answer->after;
      break;
    }
}

/* Which of the events of one card (any order, each once) are answers that
 * count, in replay order, into replay->answers (states not yet filled:
 * rh_replay_run()), and whether the card ends suspended. */
void
rh_replay_order (const RhReview *events,
                 guint           n_events,
                 RhReplay       *replay)
{
  g_autoptr(GPtrArray) order = g_ptr_array_sized_new (n_events);
  const RhReview *switched = NULL;
  g_autoptr(GHashTable) balance = g_hash_table_new (rh_review_id_hash, rh_review_id_equal);

  g_return_if_fail (replay != NULL && replay->answers != NULL);

  g_free (replay->counts);
  replay->counts = g_new0 (gboolean, MAX (n_events, 1));
  g_array_set_size (replay->answers, 0);

  /* Undo minus redo events, per answer they aim at (events are distinct:
   * the log is a set). */
  for (guint i = 0; i < n_events; i++)
    if (events[i].kind == RH_REVIEW_UNDO || events[i].kind == RH_REVIEW_REDO)
      {
        int count = GPOINTER_TO_INT (g_hash_table_lookup (balance, &events[i].target));

        count += events[i].kind == RH_REVIEW_UNDO ? 1 : -1;
        g_hash_table_insert (balance, (gpointer)&events[i].target, GINT_TO_POINTER (count));
      }

  for (guint i = 0; i < n_events; i++)
    {
      const RhReview *event = &events[i];

      if (RH_REVIEW_KIND_IS_ANSWER (event->kind))
        {
          /* It counts unless more undo than redo events aim at it. */
          if (GPOINTER_TO_INT (g_hash_table_lookup (balance, &event->uid)) <= 0)
            {
              g_ptr_array_add (order, (gpointer)event);
              replay->counts[i] = TRUE;
            }
        }
      else if (event->kind == RH_REVIEW_SUSPEND || event->kind == RH_REVIEW_UNSUSPEND)
        {
          if (switched == NULL || compare_events (&event, &switched) > 0)
            switched = event;
        }
    }
  g_ptr_array_sort (order, compare_events);
  for (guint i = 0; i < order->len; i++)
    {
      RhReview answer = *(const RhReview *)g_ptr_array_index (order, i);

      answer.id = 0;
      answer.card_id = g_strdup (answer.card_id);
      g_array_append_val (replay->answers, answer);
    }
  replay->has_suspend = switched != NULL;
  replay->suspended = switched != NULL && switched->kind == RH_REVIEW_SUSPEND;
}

/* Computes the states of the answers from @from on, starting from @start
 * (NULL: a new card); replay->state ends as the last one's. */
void
rh_replay_run (const RhScheduler *scheduler,
               RhReplay          *replay,
               guint              from,
               const RhCardState *start)
{
  g_return_if_fail (scheduler != NULL && replay != NULL && from <= replay->answers->len);

  if (start != NULL)
    replay->state = *start;
  else
    rh_card_state_init_new (&replay->state, 0);
  for (guint i = from; i < replay->answers->len; i++)
    replay_answer (scheduler, &g_array_index (replay->answers, RhReview, i), replay);
}

/* Replays the events of one card (any order, each once) from a new card
 * into @replay, which rh_replay_init() prepared. */
void
rh_replay_card (const RhScheduler *scheduler,
                const RhReview    *events,
                guint              n_events,
                RhReplay          *replay)
{
  rh_replay_order (events, n_events, replay);
  rh_replay_run (scheduler, replay, 0, NULL);
}
