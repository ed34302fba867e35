/* rh-collection.c: the model: decks, the store, the clock and the options
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything a learner owns changes here and only here: grades, practice
 * answers, undo and redo, suspending, resetting.  Each change is one store
 * transaction; once it is committed the collection says exactly what
 * changed ("card-changed" with the card's id, then "counts-changed"), so a
 * view updates that card and those figures, nothing else.  The time moving
 * into a new study day ("day-changed") and new scheduling options
 * ("options-changed") are said the same way.
 *
 * The collection needs no window: it is what a background process, a sync
 * or a test holds.  It opens the store itself and, when the file cannot be
 * used, names once the file it would move it aside to: the name the user
 * is shown is the name used.
 */
#define G_LOG_DOMAIN "rehearse-collection"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rh-backups.h"
#include "rh-collection-private.h"
#include "rh-deck-parser.h"
#include "rh-progress-file.h"

struct _RhCollection {
  GObject parent_instance;

  RhClock *clock;
  RhSchedulingOptions *options;
  RhScheduler *scheduler;
  RhDeckLibrary *library;
  RhDeck *deck;             /* every deck in use, as one (rh_deck_new_union()) */

  RhStore *store;
  GThread *opening;         /* rh_collection_begin_opening()'s, until finished */
  char *store_path;
  GError *store_error;
  char *aside_path;         /* where recovery would move the file: decided once */
  RhBackups *backups;       /* made when first asked for */
  gboolean restoring;       /* a restore is being prepared in a thread */

  /* Each card's stored state by its index in the deck, or NULL: what
   * every pass over the cards reads, instead of hashing 100,000 ids each
   * time.  Kept in step with the store from its "changed" signal, before
   * anyone is told. */
  GPtrArray *states;        /* of const RhStoredCard * */

  /* Today's use of the limits, read once per change, not per reader. */
  gboolean today_valid;
  gint64 today_day;
  guint today_new, today_reviews, today_answers;
};

G_DEFINE_FINAL_TYPE (RhCollection, rh_collection, G_TYPE_OBJECT)

enum {
  CARD_CHANGED,
  COUNTS_CHANGED,
  DAY_CHANGED,
  OPTIONS_CHANGED,
  STORE_OPENED,
  STORE_FAILED,
  ERROR,
  PREPARE_STUDY,
  BACKUP_RESTORED,
  INTERVIEWS_CHANGED,
  DECKS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- The state index ------------------------------------------------------- */

static void
reindex_all (RhCollection *self)
{
  guint n_cards;
  RhCard * const *cards = rh_deck_peek_cards (self->deck, &n_cards);

  g_ptr_array_set_size (self->states, 0);
  for (guint i = 0; i < n_cards; i++)
    g_ptr_array_add (self->states, self->store != NULL ? (gpointer)rh_store_lookup (self->store, rh_card_get_id (cards[i]))
                                                       : NULL);
}

/* One card's entry, if a deck in use has it. */
static void
reindex_card (RhCollection *self,
              const char   *card_id)
{
  guint index;

  if (rh_deck_get_card_index (self->deck, card_id, &index))
    g_ptr_array_index (self->states, index) = (gpointer)rh_store_lookup (self->store, card_id);
}

/* The stored state of every card of @deck (the collection's deck,
 * rh_collection_get_deck()), by the card's index in it (rh_deck_peek_cards()
 * order), NULL for a new card: for the passes over every card.  Valid until
 * the collection next changes. */
const RhStoredCard * const *
rh_collection_peek_states (RhCollection *self,
                           RhDeck       *deck)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), NULL);
  g_return_val_if_fail (deck == self->deck, NULL);

  return (const RhStoredCard * const *)self->states->pdata;
}

/* --- Signals from the parts ------------------------------------------------ */

static void
store_changed_cb (RhCollection *self,
                  const char   *card_id,
                  RhStore      *store)
{
  if (card_id != NULL)
    reindex_card (self, card_id);
  else
    reindex_all (self);
  self->today_valid = FALSE;
  g_signal_emit (self, signals[CARD_CHANGED], 0, card_id);
  g_signal_emit (self, signals[COUNTS_CHANGED], 0);
}

/* No store, no error: before an open, or a re-open. */
static void
close_store (RhCollection *self)
{
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  reindex_all (self);
  g_clear_error (&self->store_error);
  g_clear_pointer (&self->aside_path, g_free);
}

/* The store cannot be used: kept for the window, with the one name the
 * file would be moved aside to. */
static void
set_store_error (RhCollection *self,
                 const GError *error)
{
  self->store_error = g_error_copy (error);
  self->aside_path = rh_store_aside_path (self->store_path);
}

/* The check after opening found damage: the store is closed as if it had
 * not opened, and the learner is told, with the ways on. */
static void
store_damaged_cb (RhCollection *self,
                  const GError *error,
                  RhStore      *store)
{
  g_autoptr(GError) found = g_error_copy (error);

  close_store (self);
  set_store_error (self, found);
  g_signal_emit (self, signals[STORE_FAILED], 0, self->store_error);
  g_signal_emit (self, signals[COUNTS_CHANGED], 0);
}

static void
day_changed_cb (RhCollection *self)
{
  g_signal_emit (self, signals[DAY_CHANGED], 0);
  g_signal_emit (self, signals[COUNTS_CHANGED], 0);
}

/* Any option: a new scheduler, and the limits and day boundary with it. */
static void
options_changed_cb (RhCollection *self)
{
  self->today_valid = FALSE;
  g_clear_pointer (&self->scheduler, rh_scheduler_unref);
  self->scheduler = rh_scheduling_options_make_scheduler (self->options, rh_clock_get_timezone (self->clock));
  /* May emit "day-changed" first: the day boundary moved. */
  rh_clock_set_rollover_hour (self->clock, rh_scheduling_options_get_rollover_hour (self->options));
  g_signal_emit (self, signals[OPTIONS_CHANGED], 0);
  g_signal_emit (self, signals[COUNTS_CHANGED], 0);
}

/* A change the learner made could not be saved: said once, here, for
 * whichever view made it. */
static gboolean
failed (RhCollection *self,
        GError       *local_error,
        GError      **error)
{
  if (local_error == NULL)
    return FALSE;
  g_signal_emit (self, signals[ERROR], 0, local_error);
  g_propagate_error (error, local_error);
  return FALSE;
}

/* --- Object ---------------------------------------------------------------- */

typedef struct _Opening Opening;
static void opening_free (Opening *opening);

static void
rh_collection_dispose (GObject *object)
{
  RhCollection *self = (RhCollection *)object;

  if (self->opening != NULL)
    opening_free (g_thread_join (g_steal_pointer (&self->opening)));
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->backups);
  if (self->library != NULL)
    g_signal_handlers_disconnect_by_data (self->library, self);
  g_clear_object (&self->library);
  g_clear_object (&self->deck);
  g_clear_object (&self->options);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (rh_collection_parent_class)->dispose (object);
}

static void
rh_collection_finalize (GObject *object)
{
  RhCollection *self = (RhCollection *)object;

  g_clear_pointer (&self->scheduler, rh_scheduler_unref);
  g_clear_pointer (&self->states, g_ptr_array_unref);
  g_clear_error (&self->store_error);
  g_free (self->store_path);
  g_free (self->aside_path);

  G_OBJECT_CLASS (rh_collection_parent_class)->finalize (object);
}

static void
rh_collection_class_init (RhCollectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rh_collection_dispose;
  object_class->finalize = rh_collection_finalize;

  /* A card's schedule, suspension or history changed: its id, or NULL
   * when many did at once. */
  signals[CARD_CHANGED] =
    g_signal_new ("card-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* What is due or new today may be different. */
  signals[COUNTS_CHANGED] =
    g_signal_new ("counts-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A new study day began. */
  signals[DAY_CHANGED] =
    g_signal_new ("day-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Retention, steps, limits or rollover changed: a new scheduler. */
  signals[OPTIONS_CHANGED] =
    g_signal_new ("options-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The store opened after it had failed (a recovery). */
  signals[STORE_OPENED] =
    g_signal_new ("store-opened", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The store was found damaged after it opened (its check runs in a
   * thread): it is closed, as if it had failed to open, with that error. */
  signals[STORE_FAILED] =
    g_signal_new ("store-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  /* A change could not be saved; the error names the file and why. */
  signals[ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  /* A study queue is about to be built: the moment to bring in what other
   * computers recorded (RhSync). */
  signals[PREPARE_STUDY] =
    g_signal_new ("prepare-study", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The study data was replaced by a backup (the file restored, and where
   * what it replaced is kept: a backup, or the damaged file renamed);
   * "store-opened" came before it. */
  signals[BACKUP_RESTORED] =
    g_signal_new ("backup-restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /* A mock interview was kept: the list of past ones and their chart. */
  signals[INTERVIEWS_CHANGED] =
    g_signal_new ("interviews-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The decks in use are others (added, loaded again, removed): the
   * collection's deck is a new object; "counts-changed" follows. */
  signals[DECKS_CHANGED] =
    g_signal_new ("decks-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

/* The decks in use, as the one deck everything else reads. */
static void
library_changed_cb (RhCollection *self)
{
  g_autoptr(GPtrArray) decks = rh_deck_library_dup_usable_decks (self->library);

  g_set_object (&self->deck, NULL);
  self->deck = rh_deck_new_union ("all", _("All decks"), (RhDeck * const *)decks->pdata, decks->len);
  reindex_all (self);
  g_signal_emit (self, signals[DECKS_CHANGED], 0);
  g_signal_emit (self, signals[COUNTS_CHANGED], 0);
}

static void
rh_collection_init (RhCollection *self)
{
  self->states = g_ptr_array_new ();
  self->library = rh_deck_library_new ();
  self->deck = rh_deck_new_union ("all", _("All decks"), NULL, 0);
  g_signal_connect_swapped (self->library, "changed", G_CALLBACK (library_changed_cb), self);
}

/* A collection on @clock with @options (both referenced; NULL: the system
 * clock, default options).  Add decks and open the store next. */
RhCollection *
rh_collection_new (RhClock             *clock,
                   RhSchedulingOptions *options)
{
  RhCollection *self;

  g_return_val_if_fail (clock == NULL || RH_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (options == NULL || RH_IS_SCHEDULING_OPTIONS (options), NULL);

  self = g_object_new (RH_TYPE_COLLECTION, NULL);
  self->clock = clock != NULL ? g_object_ref (clock) : rh_clock_new_system ();
  self->options = options != NULL ? g_object_ref (options) : rh_scheduling_options_new ();
  self->scheduler = rh_scheduling_options_make_scheduler (self->options, rh_clock_get_timezone (self->clock));
  rh_clock_set_rollover_hour (self->clock, rh_scheduling_options_get_rollover_hour (self->options));
  g_signal_connect_object (self->options, "notify", G_CALLBACK (options_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->clock, "day-changed", G_CALLBACK (day_changed_cb), self, G_CONNECT_SWAPPED);
  return self;
}

RhClock *
rh_collection_get_clock (RhCollection *self)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), NULL);
  return self->clock;
}

RhSchedulingOptions *
rh_collection_get_options (RhCollection *self)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), NULL);
  return self->options;
}

/* The scheduler of the current options; replaced when they change. */
RhScheduler *
rh_collection_get_scheduler (RhCollection *self)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), NULL);
  return self->scheduler;
}

gint64
rh_collection_now (RhCollection *self)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), 0);
  return rh_clock_now (self->clock);
}

/* The moment today's study day ends. */
gint64
rh_collection_day_end (RhCollection *self)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), 0);
  return rh_clock_day_start (self->clock, rh_clock_today (self->clock) + 1);
}

/* --- Decks ----------------------------------------------------------------- */

/* Where the decks come from: the built-in one, the folders, the ones the
 * learner removed. */
RhDeckLibrary *
rh_collection_get_library (RhCollection *self)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), NULL);
  return self->library;
}

/* A deck loaded elsewhere (tests, benchmarks). */
void
rh_collection_add_deck (RhCollection *self,
                        RhDeck       *deck)
{
  g_return_if_fail (RH_IS_COLLECTION (self));
  g_return_if_fail (RH_IS_DECK (deck));

  rh_deck_library_add_deck (self->library, deck);
}

/* Loads the built-in deck from the GResource bundle; a deck that does not
 * load is kept as the collection's deck error, for the window to show. */
gboolean
rh_collection_load_deck_resource (RhCollection  *self,
                                  const char    *resource_path,
                                  GError       **error)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), FALSE);
  g_return_val_if_fail (resource_path != NULL, FALSE);

  return rh_deck_library_load_resource (self->library, resource_path, error);
}

/* Every card of every deck in use, as one deck (its parts are the decks),
 * or NULL when no deck is in use. */
RhDeck *
rh_collection_get_deck (RhCollection *self)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), NULL);
  return rh_deck_get_n_parts (self->deck) > 0 ? self->deck : NULL;
}

/* Why the built-in deck did not load, or NULL. */
const GError *
rh_collection_get_deck_error (RhCollection *self)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rh_deck_library_get_sources (self->library)); i++)
    {
      g_autoptr(RhDeckSource) source = g_list_model_get_item (rh_deck_library_get_sources (self->library), i);

      if (rh_deck_source_get_kind (source) == RH_DECK_SOURCE_BUILT_IN)
        return rh_deck_source_get_error (source);
    }
  return NULL;
}

/* The card with this id in a deck in use, or NULL. */
RhCard *
rh_collection_lookup_card (RhCollection *self,
                           const char   *card_id)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), NULL);
  g_return_val_if_fail (card_id != NULL, NULL);
  return rh_deck_lookup_card (self->deck, card_id);
}

/* The topic @card belongs to, or NULL. */
RhTopic *
rh_collection_get_card_topic (RhCollection *self,
                              RhCard       *card)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), NULL);
  g_return_val_if_fail (RH_IS_CARD (card), NULL);

  if (rh_deck_lookup_card (self->deck, rh_card_get_id (card)) != card)
    return NULL;
  return rh_deck_lookup_topic (self->deck, rh_card_get_topic_id (card));
}

/* --- The store ------------------------------------------------------------- */

static gboolean open_store (RhCollection      *self,
                            const char        *path,
                            RhStoreOpenFlags   flags,
                            GError           **error);

/* Opens (or creates) the study data at @path.  On failure the collection
 * stays closed, keeps the error for the window, and decides the name the
 * file would be moved aside to. */
gboolean
rh_collection_open_store (RhCollection  *self,
                          const char    *path,
                          GError       **error)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return open_store (self, path, RH_STORE_OPEN_DEFAULT, error);
}

/* The store at @path is to be opened: the one before is closed. */
static void
forget_store (RhCollection *self,
              const char   *path)
{
  /* A copy before close_store(): @path may be the aside path it frees. */
  if (path != self->store_path)
    {
      g_free (self->store_path);
      self->store_path = g_strdup (path);
    }
  close_store (self);
}

/* @store (owned; NULL when @open_error, owned, says why) becomes the
 * collection's. */
static gboolean
adopt_store (RhCollection  *self,
             RhStore       *store,
             GError        *open_error,
             GError       **error)
{
  g_autoptr(RhStore) owned = store;
  GError *local_error = open_error;

  /* An upgraded file may have cards to replay once (a clock set back in an
   * older version): before anyone sees their states. */
  if (owned != NULL && !rh_store_rebuild_pending (owned, self->scheduler, &local_error))
    g_clear_object (&owned);
  if (owned == NULL)
    {
      set_store_error (self, local_error);
      g_propagate_error (error, local_error);
      return FALSE;
    }
  self->store = g_steal_pointer (&owned);
  self->today_valid = FALSE;
  reindex_all (self);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "damaged", G_CALLBACK (store_damaged_cb), self, G_CONNECT_SWAPPED);
  g_signal_emit (self, signals[CARD_CHANGED], 0, NULL);
  g_signal_emit (self, signals[COUNTS_CHANGED], 0);
  return TRUE;
}

static gboolean
open_store (RhCollection      *self,
            const char        *path,
            RhStoreOpenFlags   flags,
            GError           **error)
{
  GError *local_error = NULL;
  RhStore *store;

  forget_store (self, path);
  store = rh_store_open_full (self->store_path, flags, &local_error);
  return adopt_store (self, store, local_error, error);
}

/* --- Opening beside the program's own start-up ------------------------------ */

/* What the opening thread reads: it touches nothing of the collection's. */
struct _Opening {
  char *deck_resource;
  char *store_path;
  RhDeck *deck;
  GError *deck_error;
  RhStore *store;
  GError *store_error;
};

static void
opening_free (Opening *opening)
{
  g_free (opening->deck_resource);
  g_free (opening->store_path);
  g_clear_object (&opening->deck);
  g_clear_error (&opening->deck_error);
  g_clear_object (&opening->store);
  g_clear_error (&opening->store_error);
  g_free (opening);
}

static gpointer
opening_thread (gpointer data)
{
  Opening *opening = data;

  opening->deck = rh_deck_parser_load_resource (opening->deck_resource, &opening->deck_error);
  /* As rh_collection_load_deck_resource() and rh_collection_open_store():
   * no store without the deck. */
  if (opening->deck != NULL)
    opening->store = rh_store_open_full (opening->store_path, RH_STORE_OPEN_DEFAULT, &opening->store_error);
  return opening;
}

/* Starts reading the built-in deck at @deck_resource and opening the store
 * at @store_path in a thread, while the program starts its toolkit (on a
 * large store the two take tens of milliseconds).
 * rh_collection_finish_opening() waits for them and takes them in. */
void
rh_collection_begin_opening (RhCollection *self,
                             const char   *deck_resource,
                             const char   *store_path)
{
  Opening *opening;

  g_return_if_fail (RH_IS_COLLECTION (self));
  g_return_if_fail (deck_resource != NULL && store_path != NULL);
  g_return_if_fail (self->opening == NULL && self->store == NULL);

  opening = g_new0 (Opening, 1);
  opening->deck_resource = g_strdup (deck_resource);
  opening->store_path = g_strdup (store_path);
  self->opening = g_thread_new ("rh-opening", opening_thread, opening);
}

/* What rh_collection_load_deck_resource() and then (if the deck loaded)
 * rh_collection_open_store() would have done, with the same errors: FALSE
 * when the deck did not load (@deck_error says why; no store is opened).
 * A store that cannot be used is kept as the store error and given in
 * @store_error. */
gboolean
rh_collection_finish_opening (RhCollection  *self,
                              GError       **deck_error,
                              GError       **store_error)
{
  Opening *opening;
  gboolean loaded;

  g_return_val_if_fail (RH_IS_COLLECTION (self), FALSE);
  g_return_val_if_fail (self->opening != NULL, FALSE);

  opening = g_thread_join (g_steal_pointer (&self->opening));
  loaded = rh_deck_library_add_resource (self->library, opening->deck_resource, opening->deck,
                                         opening->deck_error, deck_error);
  if (loaded)
    {
      forget_store (self, opening->store_path);
      adopt_store (self, g_steal_pointer (&opening->store), g_steal_pointer (&opening->store_error), store_error);
    }
  opening_free (opening);
  return loaded;
}

/* Closes the study data (cleanly: its log folded in, its lock released);
 * the collection stays, with no store, as before rh_collection_open_store(). */
void
rh_collection_close_store (RhCollection *self)
{
  g_return_if_fail (RH_IS_COLLECTION (self));

  if (self->store == NULL)
    return;
  close_store (self);
  g_signal_emit (self, signals[CARD_CHANGED], 0, NULL);
  g_signal_emit (self, signals[COUNTS_CHANGED], 0);
}

gboolean
rh_collection_is_open (RhCollection *self)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), FALSE);
  return self->store != NULL;
}

const char *
rh_collection_get_store_path (RhCollection *self)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), NULL);
  return self->store_path;
}

/* Why the store could not be opened, or NULL. */
const GError *
rh_collection_get_store_error (RhCollection *self)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), NULL);
  return self->store_error;
}

/* The name rh_collection_recover_store() moves the unusable file to; NULL
 * while the store is fine. */
const char *
rh_collection_get_aside_path (RhCollection *self)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), NULL);
  return self->aside_path;
}

/* Whether the file that could not be opened is one to move aside: not a
 * database, or damaged.  A file that is in use, read-only, newer than this
 * build, or on a full disk is fine as it is: try again instead. */
gboolean
rh_collection_can_move_aside (RhCollection *self)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), FALSE);

  return self->store == NULL && self->aside_path != NULL &&
         (g_error_matches (self->store_error, RH_STORE_ERROR, RH_STORE_ERROR_NOT_A_DATABASE) ||
          g_error_matches (self->store_error, RH_STORE_ERROR, RH_STORE_ERROR_CORRUPT));
}

/* Whether the store was refused because its log of recent changes is
 * damaged: opening it anyway loses those changes (a copy of the log is
 * kept beside it). */
gboolean
rh_collection_has_lost_changes (RhCollection *self)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), FALSE);
  return self->store == NULL &&
         g_error_matches (self->store_error, RH_STORE_ERROR, RH_STORE_ERROR_LOST_CHANGES);
}

/* Opens the store that failed again, and says so when it opens. */
static gboolean
reopen_store (RhCollection      *self,
              RhStoreOpenFlags   flags,
              GError           **error)
{
  if (!open_store (self, self->store_path, flags, error))
    return FALSE;
  g_signal_emit (self, signals[STORE_OPENED], 0);
  return TRUE;
}

/* Opens the store although its damaged log's changes will be missing. */
gboolean
rh_collection_accept_lost_changes (RhCollection  *self,
                                   GError       **error)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), FALSE);
  g_return_val_if_fail (rh_collection_has_lost_changes (self), FALSE);

  return reopen_store (self, RH_STORE_OPEN_ACCEPT_LOST_CHANGES, error);
}

/* Opens the store that could not be opened again, as it is: the other
 * Rehearse was closed, space was freed, the file made writable. */
gboolean
rh_collection_retry_store (RhCollection  *self,
                           GError       **error)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), FALSE);
  g_return_val_if_fail (self->store == NULL && self->store_path != NULL, FALSE);

  return reopen_store (self, RH_STORE_OPEN_DEFAULT, error);
}

/* Moves the file that could not be opened to rh_collection_get_aside_path(),
 * keeping every byte, and starts a fresh store.  Returns the name the old
 * file now has. */
char *
rh_collection_recover_store (RhCollection  *self,
                             GError       **error)
{
  g_autofree char *moved = NULL;

  g_return_val_if_fail (RH_IS_COLLECTION (self), NULL);
  g_return_val_if_fail (rh_collection_can_move_aside (self), NULL);

  if (!rh_store_move_aside (self->store_path, self->aside_path, error))
    return NULL;
  moved = g_strdup (self->aside_path);
  if (!reopen_store (self, RH_STORE_OPEN_DEFAULT, error))
    return NULL;
  return g_steal_pointer (&moved);
}

RhStore *
_rh_collection_get_store (RhCollection *self)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), NULL);
  return self->store;
}

/* --- What a card is now ---------------------------------------------------- */

/* The card as the store has it; NULL for a new card (or a closed store). */
const RhStoredCard *
rh_collection_lookup_state (RhCollection *self,
                            const char   *card_id)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), NULL);
  g_return_val_if_fail (card_id != NULL, NULL);

  return self->store != NULL ? rh_store_lookup (self->store, card_id) : NULL;
}

RhDueClass
rh_collection_classify (RhCollection *self,
                        const char   *card_id)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), RH_DUE_NEW);
  return rh_card_classify (rh_collection_lookup_state (self, card_id), rh_collection_day_end (self));
}

static double
stored_retrievability (RhCollection       *self,
                       const RhStoredCard *stored,
                       gint64              now)
{
  if (stored == NULL || stored->state.state == RH_CARD_NEW)
    return 0.0;
  return rh_scheduler_retrievability (self->scheduler, &stored->state, now);
}

/* The chance of recalling the card now; 0 for a new card. */
double
rh_collection_retrievability (RhCollection *self,
                              const char   *card_id)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), 0.0);
  return stored_retrievability (self, rh_collection_lookup_state (self, card_id), rh_clock_now (self->clock));
}

/* The state a card has now, a new card's included. */
static void
state_now (RhCollection *self,
           const char   *card_id,
           gint64        now,
           RhCardState  *state)
{
  const RhStoredCard *stored = rh_collection_lookup_state (self, card_id);

  if (stored != NULL && stored->state.state != RH_CARD_NEW)
    *state = stored->state;
  else
    rh_card_state_init_new (state, now);
}

/* The state @card would have after each grade, Again to Easy, now. */
void
rh_collection_preview (RhCollection *self,
                       RhCard       *card,
                       RhCardState   after[4])
{
  RhCardState before;
  gint64 now;

  g_return_if_fail (RH_IS_COLLECTION (self));
  g_return_if_fail (RH_IS_CARD (card));

  now = rh_clock_now (self->clock);
  state_now (self, rh_card_get_id (card), now, &before);
  rh_scheduler_preview (self->scheduler, &before, now,
                        rh_scheduler_fuzz_seed (rh_card_get_id (card), before.reps), after);
}

/* Today's study day so far: what it used of the daily limits (new cards,
 * reviews), and every answer given (practice included). */
static void
count_today (RhCollection *self,
             guint        *new_cards,
             guint        *reviews,
             guint        *answers)
{
  g_autoptr(GError) error = NULL;
  gint64 today = rh_clock_today (self->clock);

  *new_cards = *reviews = *answers = 0;
  if (self->store == NULL)
    return;
  if (!self->today_valid || self->today_day != today)
    {
      if (!rh_store_count_between (self->store, rh_clock_day_start (self->clock, today),
                                   rh_clock_day_start (self->clock, today + 1),
                                   &self->today_new, &self->today_reviews, &self->today_answers, &error))
        {
          g_warning ("Could not count today's reviews: %s", error->message);
          return;
        }
      self->today_valid = TRUE;
      self->today_day = today;
    }
  *new_cards = self->today_new;
  *reviews = self->today_reviews;
  *answers = self->today_answers;
}

void
rh_collection_count_done_today (RhCollection *self,
                                guint        *new_cards,
                                guint        *reviews)
{
  guint answers;

  g_return_if_fail (RH_IS_COLLECTION (self));
  count_today (self, new_cards, reviews, &answers);
}

/* How many answers were given today, practice included. */
guint
rh_collection_count_answers_today (RhCollection *self)
{
  guint new_cards, reviews, answers;

  g_return_val_if_fail (RH_IS_COLLECTION (self), 0);
  count_today (self, &new_cards, &reviews, &answers);
  return answers;
}

/* Whether the learner has ever studied with this collection: the first-run
 * welcome is for those who have not. */
gboolean
rh_collection_has_history (RhCollection *self)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), FALSE);
  return self->store != NULL && rh_store_has_history (self->store);
}

typedef struct {
  gint64 now;
  gint64 day_end;
  guint  new_left;
  guint  reviews_left;
} CountContext;

static void
init_context (RhCollection *self,
              CountContext *ctx)
{
  guint new_done, reviews_done;

  rh_collection_count_done_today (self, &new_done, &reviews_done);
  ctx->now = rh_clock_now (self->clock);
  ctx->day_end = rh_collection_day_end (self);
  ctx->new_left = rh_scheduling_options_get_new_per_day (self->options);
  ctx->new_left = ctx->new_left > new_done ? ctx->new_left - new_done : 0;
  ctx->reviews_left = rh_scheduling_options_get_reviews_per_day (self->options);
  ctx->reviews_left = ctx->reviews_left > reviews_done ? ctx->reviews_left - reviews_done : 0;
}

static void
tally (RhCollection       *self,
       CountContext       *ctx,
       const RhStoredCard *stored,
       RhCounts           *counts,
       double             *r_sum)
{
  counts->n_cards++;
  *r_sum += stored_retrievability (self, stored, ctx->now);
  switch (rh_card_classify (stored, ctx->day_end))
    {
    case RH_DUE_SUSPENDED: counts->n_suspended++; break;
    case RH_DUE_NEW: counts->n_unseen++; break;
    case RH_DUE_LEARNING: counts->n_learning++; break;
    case RH_DUE_REVIEW: counts->n_review++; break;
    case RH_DUE_LATER:
    default:
      break;
    }
}

/* Applies the daily limits, which the counts share. */
static void
finish_counts (CountContext *ctx,
               RhCounts     *counts,
               double        r_sum)
{
  counts->n_new = MIN (counts->n_unseen, ctx->new_left);
  counts->n_review = MIN (counts->n_review, ctx->reviews_left);
  counts->readiness = counts->n_cards > 0 ? r_sum / counts->n_cards : 0.0;
}

/* Applies today's daily limits to counts tallied elsewhere (n_unseen and
 * n_review as found): n_new becomes the new cards that can still be
 * introduced today, n_review the reviews left within the limit.  Readiness
 * is left as it is. */
void
rh_collection_limit_counts (RhCollection *self,
                            RhCounts     *counts)
{
  CountContext ctx;
  double readiness;

  g_return_if_fail (RH_IS_COLLECTION (self));
  g_return_if_fail (counts != NULL);

  init_context (self, &ctx);
  readiness = counts->readiness;
  finish_counts (&ctx, counts, 0);
  counts->readiness = readiness;
}

static void
add_raw_counts (RhCounts       *sum,
                const RhCounts *counts)
{
  sum->n_cards += counts->n_cards;
  sum->n_suspended += counts->n_suspended;
  sum->n_unseen += counts->n_unseen;
  sum->n_learning += counts->n_learning;
  sum->n_review += counts->n_review;
}

/* Counts for every topic of @deck (the collection's) at once, in one pass:
 * @per_topic has one entry per topic, in deck order; @per_part (or NULL)
 * one per deck it is made of (rh_deck_get_part()). */
void
rh_collection_count_topics (RhCollection *self,
                            RhDeck       *deck,
                            RhCounts     *per_topic,
                            RhCounts     *per_part,
                            RhCounts     *all)
{
  guint n_topics, n_cards, n_parts;
  const RhStoredCard * const *states;
  const guint *card_topics;
  const guint *topic_parts;
  g_autofree double *r_sums = NULL;
  g_autofree double *r_parts = NULL;
  double r_all = 0;
  CountContext ctx;

  g_return_if_fail (RH_IS_COLLECTION (self));
  g_return_if_fail (RH_IS_DECK (deck));
  g_return_if_fail (per_topic != NULL && all != NULL);
  g_return_if_fail (self->store != NULL);

  n_topics = g_list_model_get_n_items (rh_deck_get_topics (deck));
  n_parts = rh_deck_get_n_parts (deck);
  rh_deck_peek_cards (deck, &n_cards);
  states = rh_collection_peek_states (self, deck);
  card_topics = rh_deck_peek_card_topics (deck);
  topic_parts = rh_deck_peek_topic_parts (deck);
  r_sums = g_new0 (double, MAX (n_topics, 1));
  r_parts = g_new0 (double, MAX (n_parts, 1));
  memset (per_topic, 0, n_topics * sizeof (RhCounts));
  if (per_part != NULL)
    memset (per_part, 0, n_parts * sizeof (RhCounts));
  memset (all, 0, sizeof *all);
  init_context (self, &ctx);

  for (guint i = 0; i < n_cards; i++)
    {
      double r = 0;

      tally (self, &ctx, states[i], &per_topic[card_topics[i]], &r);
      r_sums[card_topics[i]] += r;
      r_all += r;
    }
  for (guint t = 0; t < n_topics; t++)
    {
      add_raw_counts (all, &per_topic[t]);
      if (per_part != NULL)
        {
          add_raw_counts (&per_part[topic_parts[t]], &per_topic[t]);
          r_parts[topic_parts[t]] += r_sums[t];
        }
      finish_counts (&ctx, &per_topic[t], r_sums[t]);
    }
  for (guint p = 0; per_part != NULL && p < n_parts; p++)
    finish_counts (&ctx, &per_part[p], r_parts[p]);
  finish_counts (&ctx, all, r_all);
}

/* Counts for a set of topics of @deck (NULL or empty: all). */
void
rh_collection_count_scope (RhCollection       *self,
                           RhDeck             *deck,
                           const char * const *topic_ids,
                           RhCounts           *counts)
{
  guint n_cards;
  const RhStoredCard * const *states;
  const guint *card_topics;
  g_autofree gboolean *in_scope = NULL;
  CountContext ctx;
  double r_sum = 0;

  g_return_if_fail (RH_IS_COLLECTION (self));
  g_return_if_fail (RH_IS_DECK (deck));
  g_return_if_fail (counts != NULL);
  g_return_if_fail (self->store != NULL);

  memset (counts, 0, sizeof *counts);
  init_context (self, &ctx);
  rh_deck_peek_cards (deck, &n_cards);
  states = rh_collection_peek_states (self, deck);
  card_topics = rh_deck_peek_card_topics (deck);
  in_scope = rh_deck_topic_mask (deck, topic_ids);
  for (guint i = 0; i < n_cards; i++)
    if (in_scope[card_topics[i]])
      tally (self, &ctx, states[i], counts, &r_sum);
  finish_counts (&ctx, counts, r_sum);
}

/* Every review of the card, oldest first: a GArray of RhReview. */
GArray *
rh_collection_get_history (RhCollection  *self,
                           const char    *card_id,
                           GError       **error)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);

  return rh_store_get_history (self->store, card_id, error);
}

/* --- Changes --------------------------------------------------------------- */

/* Grades @card now: a review (or, with @practice, a practice answer that
 * leaves the schedule as it was), committed in one transaction.  Fills
 * @graded when not NULL (clear it after). */
gboolean
rh_collection_grade (RhCollection  *self,
                     RhCard        *card,
                     RhRating       rating,
                     int            duration_ms,
                     gboolean       practice,
                     RhReview      *graded,
                     GError       **error)
{
  RhReview review = { 0 };
  GError *local_error = NULL;
  gboolean out_of_order;
  gint64 now;

  g_return_val_if_fail (RH_IS_COLLECTION (self), FALSE);
  g_return_val_if_fail (RH_IS_CARD (card), FALSE);
  g_return_val_if_fail (rating >= RH_RATING_AGAIN && rating <= RH_RATING_EASY, FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* After the card's latest answer, even with a clock set back a little:
   * answers replay in the order of their times (rh_store_answer_time()). */
  now = rh_store_answer_time (self->store, rh_card_get_id (card), rh_clock_now (self->clock), &out_of_order);
  review.card_id = g_strdup (rh_card_get_id (card));
  review.reviewed_at = now;
  review.rating = rating;
  review.duration_ms = MAX (duration_ms, 0);
  state_now (self, review.card_id, now, &review.before);
  if (practice)
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

  if (!(out_of_order ? rh_store_add_answer (self->store, self->scheduler, &review, &local_error)
                     : rh_store_record (self->store, &review, &local_error)))
    {
      rh_review_clear (&review);
      return failed (self, local_error, error);
    }
  if (graded != NULL)
    *graded = review;
  else
    rh_review_clear (&review);
  return TRUE;
}

/* Undo and redo: the store moves the entry between the log and the redo
 * stack; FALSE without an error when there is nothing to move. */
static gboolean
move_in_history (RhCollection  *self,
                 gboolean       undo,
                 RhReview      *moved,
                 GError       **error)
{
  GError *local_error = NULL;

  if (self->store == NULL)
    return FALSE;
  if (undo ? rh_store_undo (self->store, self->scheduler, rh_clock_now (self->clock), moved, &local_error)
           : rh_store_redo (self->store, self->scheduler, rh_clock_now (self->clock), moved, &local_error))
    return TRUE;
  return failed (self, local_error, error);
}

/* Undoes the latest grade, practice answer or reset.  FALSE without an
 * error when there is nothing to undo. */
gboolean
rh_collection_undo (RhCollection  *self,
                    RhReview      *undone,
                    GError       **error)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return move_in_history (self, TRUE, undone, error);
}

/* Applies the last undone entry again.  FALSE without an error when there
 * is nothing to redo. */
gboolean
rh_collection_redo (RhCollection  *self,
                    RhReview      *redone,
                    GError       **error)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return move_in_history (self, FALSE, redone, error);
}

gboolean
rh_collection_set_suspended (RhCollection  *self,
                             const char    *card_id,
                             gboolean       suspended,
                             GError       **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (RH_IS_COLLECTION (self), FALSE);
  g_return_val_if_fail (card_id != NULL, FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  if (rh_store_set_suspended (self->store, card_id, suspended, rh_clock_now (self->clock), &local_error))
    return TRUE;
  return failed (self, local_error, error);
}

/* Makes the card new again; its history stays, and the reset is logged and
 * can be undone like a grade. */
gboolean
rh_collection_reset_card (RhCollection  *self,
                          const char    *card_id,
                          GError       **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (RH_IS_COLLECTION (self), FALSE);
  g_return_val_if_fail (card_id != NULL, FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  if (rh_store_reset_card (self->store, self->scheduler, card_id, rh_clock_now (self->clock), NULL, &local_error))
    return TRUE;
  return failed (self, local_error, error);
}

/* --- Progress that travels -------------------------------------------------- */

void
rh_collection_prepare_study (RhCollection *self)
{
  g_return_if_fail (RH_IS_COLLECTION (self));
  g_signal_emit (self, signals[PREPARE_STUDY], 0);
}

static gboolean
not_open (GError **error)
{
  g_set_error_literal (error, RH_STORE_ERROR, RH_STORE_ERROR_FAILED, _("Your study data is not open."));
  return FALSE;
}

/* Merges the events of @batch, read from @source, into the history
 * (rh_store_merge()): from another computer's file, or @local ones from an
 * import.  A review id already used for another event is refused with
 * "source:line".  A refusal is not a change the learner made: it is not
 * said through "error". */
gboolean
rh_collection_merge_batch (RhCollection           *self,
                           const RhProgressBatch  *batch,
                           const char             *source,
                           gboolean                local,
                           RhMergeCounts          *counts,
                           GError                **error)
{
  guint failed_index = 0;
  GError *local_error = NULL;

  g_return_val_if_fail (RH_IS_COLLECTION (self), FALSE);
  g_return_val_if_fail (batch != NULL && source != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->store == NULL)
    return not_open (error);
  if (rh_store_merge (self->store, self->scheduler, (const RhReview *)batch->events->data,
                      batch->events->len, local, counts, &failed_index, &local_error))
    return TRUE;
  /* Where in the file: "review id … already recorded" alone is no help. */
  if (g_error_matches (local_error, RH_STORE_ERROR, RH_STORE_ERROR_CONFLICT))
    g_prefix_error (&local_error, "%s:%u: ", source, g_array_index (batch->lines, guint, failed_index));
  g_propagate_error (error, local_error);
  return FALSE;
}

/* Reads a progress file and merges it, in one transaction: events already
 * here are skipped, the cards touched are replayed.  A bad file is refused
 * with its name and line, and nothing is written. */
gboolean
rh_collection_import_progress (RhCollection   *self,
                               const char     *path,
                               RhMergeCounts  *counts,
                               GError        **error)
{
  RhProgressBatch batch;
  gboolean ok;

  g_return_val_if_fail (RH_IS_COLLECTION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  rh_progress_batch_init (&batch);
  ok = rh_progress_read_file (path, &batch, error) &&
       rh_collection_merge_batch (self, &batch, path, TRUE, counts, error);
  rh_progress_batch_clear (&batch);
  return ok;
}

typedef struct {
  GOutputStream *out;
  GString *buffer;
  guint n_events;
  GError *error;
} Export;

static gboolean
export_event (const RhReview *event,
              gpointer        user_data)
{
  Export *export = user_data;

  rh_progress_append (export->buffer, event);
  export->n_events++;
  if (export->buffer->len < 1 << 20)
    return TRUE;
  if (!g_output_stream_write_all (export->out, export->buffer->str, export->buffer->len, NULL, NULL,
                                  &export->error))
    return FALSE;
  g_string_truncate (export->buffer, 0);
  return TRUE;
}

/* Writes the whole history to @path as a progress file: written beside it
 * and renamed into place, so a failure leaves what was there. */
gboolean
rh_collection_export_progress (RhCollection  *self,
                               const char    *path,
                               guint         *n_events,
                               GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GString) buffer = g_string_new (RH_PROGRESS_HEADER "\n" RH_PROGRESS_COLUMNS "\n");
  Export export = { 0 };
  gboolean ok;

  g_return_val_if_fail (RH_IS_COLLECTION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->store == NULL)
    return not_open (error);
  file = g_file_new_for_path (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (stream == NULL)
    return FALSE;
  export.out = G_OUTPUT_STREAM (stream);
  export.buffer = buffer;
  ok = rh_store_read_events (self->store, RH_STORE_EVENTS_ALL, export_event, &export, NULL, error);
  if (ok && export.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&export.error));
      ok = FALSE;
    }
  g_clear_error (&export.error);
  ok = ok && g_output_stream_write_all (export.out, buffer->str, buffer->len, NULL, NULL, error);
  /* Closing renames into place; closing after a failure must not. */
  if (!ok)
    {
      g_autoptr(GCancellable) cancel = g_cancellable_new ();

      g_cancellable_cancel (cancel);
      g_output_stream_close (export.out, cancel, NULL);
      return FALSE;
    }
  if (!g_output_stream_close (export.out, NULL, error))
    return FALSE;
  if (n_events != NULL)
    *n_events = export.n_events;
  return TRUE;
}

/* --- Mock interviews ------------------------------------------------------- */

/* Grades @card as a question of a mock interview.  With @count_as_review,
 * a card that is new or due today is a real review, as if studied; any
 * other answer (a card not due, or the learner chose so) is logged as
 * practice and leaves the schedule as it was: an early review would
 * stretch an interval on the strength of one rehearsal. */
gboolean
rh_collection_grade_question (RhCollection  *self,
                              RhCard        *card,
                              RhRating       rating,
                              int            duration_ms,
                              gboolean       count_as_review,
                              RhReview      *graded,
                              GError       **error)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), FALSE);
  g_return_val_if_fail (RH_IS_CARD (card), FALSE);

  return rh_collection_grade (self, card, rating, duration_ms,
                              !rh_collection_question_is_review (self, rh_card_get_id (card), count_as_review),
                              graded, error);
}

/* Whether grading @card_id as an interview question now is a review (see
 * rh_collection_grade_question()), not practice. */
gboolean
rh_collection_question_is_review (RhCollection *self,
                                  const char   *card_id,
                                  gboolean      count_as_review)
{
  RhDueClass due;

  g_return_val_if_fail (RH_IS_COLLECTION (self), FALSE);
  g_return_val_if_fail (card_id != NULL, FALSE);

  due = rh_collection_classify (self, card_id);
  return count_as_review && (due == RH_DUE_NEW || due == RH_DUE_LEARNING || due == RH_DUE_REVIEW);
}

/* Keeps a finished interview (its id is set) and says so with
 * "interviews-changed"; a failure is said through "error", as for a grade. */
gboolean
rh_collection_save_interview (RhCollection       *self,
                              RhInterviewRecord  *record,
                              GError            **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (RH_IS_COLLECTION (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (self->store == NULL)
    return not_open (error);
  if (!rh_store_add_interview (self->store, record, &local_error))
    return failed (self, local_error, error);
  g_signal_emit (self, signals[INTERVIEWS_CHANGED], 0);
  return TRUE;
}

/* The interviews kept, oldest first: a GArray of RhInterviewSummary. */
GArray *
rh_collection_list_interviews (RhCollection  *self,
                               GError       **error)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), NULL);

  if (self->store == NULL)
    {
      not_open (error);
      return NULL;
    }
  return rh_store_list_interviews (self->store, error);
}

/* Reads a kept interview into @record (rh_interview_record_init() first);
 * FALSE without an error when there is none. */
gboolean
rh_collection_load_interview (RhCollection       *self,
                              gint64              id,
                              RhInterviewRecord  *record,
                              GError            **error)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), FALSE);

  if (self->store == NULL)
    return not_open (error);
  return rh_store_get_interview (self->store, id, record, error);
}

gboolean
rh_collection_count_area_misses (RhCollection  *self,
                                 const char    *card_id,
                                 const char    *text,
                                 guint         *missed,
                                 guint         *asked,
                                 GError       **error)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), FALSE);

  if (self->store == NULL)
    return not_open (error);
  return rh_store_count_area_misses (self->store, card_id, text, missed, asked, error);
}

/* --- Backups and restoring ------------------------------------------------- */

/* The backups of the study data, in a "backups" folder beside its file;
 * NULL before a store was opened (or tried).  Told of every change, so
 * that an automatic backup is made only after one. */
RhBackups *
rh_collection_get_backups (RhCollection *self)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), NULL);

  if (self->backups != NULL && g_strcmp0 (rh_backups_get_store_path (self->backups), self->store_path) != 0)
    {
      g_signal_handlers_disconnect_by_data (self, self->backups);
      g_clear_object (&self->backups);
    }
  if (self->backups == NULL && self->store_path != NULL)
    {
      self->backups = rh_backups_new (self->store_path, NULL, self->clock);
      g_signal_connect_object (self, "card-changed", G_CALLBACK (rh_backups_mark_changed), self->backups,
                               G_CONNECT_SWAPPED);
    }
  return self->backups;
}

/* Whether the study data can be replaced by a backup now: the store is
 * open (it is backed up first), or it could not be opened because it is
 * damaged, not a database, or its log is damaged (it is then renamed aside,
 * never deleted).  Not while it is in use elsewhere, read-only, newer than
 * this build or on a full disk: those are fine as they are. */
gboolean
rh_collection_can_restore (RhCollection *self)
{
  g_return_val_if_fail (RH_IS_COLLECTION (self), FALSE);

  return self->store_path != NULL && !self->restoring &&
         (self->store != NULL || rh_collection_can_move_aside (self) || rh_collection_has_lost_changes (self));
}

static GError *
cannot_restore (RhCollection *self)
{
  if (self->restoring)
    return g_error_new (RH_BACKUPS_ERROR, RH_BACKUPS_ERROR_UNAVAILABLE, _("A restore is already under way."));
  return g_error_new (RH_BACKUPS_ERROR, RH_BACKUPS_ERROR_UNAVAILABLE,
                      _("Your study data cannot be replaced now: %s"),
                      self->store_error != NULL ? self->store_error->message : _("there is none"));
}

typedef struct {
  char *source;             /* the file restored */
  gboolean recovering;      /* the store could not be opened: it is moved aside */
  gboolean changed;         /* a change was made while the copy was prepared */
  gulong changed_id;
  char *kept;               /* where what was replaced is */
} Restore;

static void
restore_free (Restore *restore)
{
  g_free (restore->source);
  g_free (restore->kept);
  g_free (restore);
}

static void
restore_changed_cb (RhCollection *self,
                    const char   *card_id,
                    Restore      *restore)
{
  restore->changed = TRUE;
}

/* Logs of the old file that survived its close (another program had it
 * open, say) would be applied to the new one: renamed, never deleted. */
static gboolean
move_logs_aside (const char  *path,
                 GError     **error)
{
  const char *suffixes[] = { "-wal", "-shm", "-journal" };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
  GStatBuf st;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *log = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *aside = g_strdup_printf ("%s.replaced-%s", log, stamp);

      if (g_lstat (log, &st) != 0)
        continue;
      if (renameat2 (AT_FDCWD, log, AT_FDCWD, aside, RENAME_NOREPLACE) != 0)
        {
          g_set_error (error, RH_BACKUPS_ERROR, RH_BACKUPS_ERROR_IO,
                       _("Rehearse cannot rename “%s” to “%s”: %s. Nothing was restored."),
                       log, aside, g_strerror (errno));
          return FALSE;
        }
    }
  return TRUE;
}

/* The checked copy takes the file's name, at once and whole. */
static gboolean
replace_file (const char  *copy,
              const char  *path,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_rename (copy, path) != 0)
    {
      g_set_error (error, RH_BACKUPS_ERROR, RH_BACKUPS_ERROR_IO,
                   _("Rehearse cannot rename “%s” to “%s”: %s. Nothing was restored."),
                   copy, path, g_strerror (errno));
      return FALSE;
    }
  fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
  return TRUE;
}

/* Back to the file there was: after a restore that could not finish. */
static void
reopen_after_failure (RhCollection *self)
{
  if (self->store == NULL && !reopen_store (self, RH_STORE_OPEN_DEFAULT, NULL))
    g_signal_emit (self, signals[STORE_FAILED], 0, self->store_error);
}

/* The fast half, in the main thread: the store closed (or, when it could
 * not be opened, moved aside with its logs), the checked copy renamed over
 * its file, and the store opened again, which says everything changed. */
static gboolean
swap_in (RhCollection  *self,
         Restore       *restore,
         const char    *copy,
         GError       **error)
{
  g_autofree char *path = g_strdup (self->store_path);

  if (restore->recovering)
    {
      g_autofree char *aside = g_strdup (self->aside_path);

      if (!rh_store_move_aside (path, aside, error))
        return FALSE;
      if (!replace_file (copy, path, error))
        {
          g_rename (aside, path);
          return FALSE;
        }
      g_free (restore->kept);
      restore->kept = g_steal_pointer (&aside);
    }
  else
    {
      close_store (self);
      if (!move_logs_aside (path, error) || !replace_file (copy, path, error))
        {
          reopen_after_failure (self);
          return FALSE;
        }
    }
  /* The copy passed integrity_check in the worker thread a moment ago:
   * opening it need not run it again on this one (a quick check follows in
   * a thread, as after any clean close). */
  rh_store_mark_checked (path, NULL);
  /* The copy goes on from an older state: the review ids this computer gave
   * since are taken.  A new device id, whatever the inode (a file system
   * can give the copy the inode the backup had). */
  if (!reopen_store (self, RH_STORE_OPEN_NEW_DEVICE, error))
    {
      g_signal_emit (self, signals[STORE_FAILED], 0, self->store_error);
      return FALSE;
    }
  return TRUE;
}

/* The copy is ready: unless something changed meanwhile, it replaces the
 * study data, and "backup-restored" says so. */
static gboolean
finish_restore (RhCollection  *self,
                Restore       *restore,
                const char    *copy,
                GError       **error)
{
  if (restore->changed || restore->recovering != (self->store == NULL))
    {
      g_set_error (error, RH_BACKUPS_ERROR, RH_BACKUPS_ERROR_CHANGED,
                   _("Your study data changed while “%s” was being prepared. Nothing was restored; try again."),
                   restore->source);
      return FALSE;
    }
  if (!swap_in (self, restore, copy, error))
    return FALSE;
  g_signal_emit (self, signals[BACKUP_RESTORED], 0, restore->source, restore->kept);
  return TRUE;
}

static void
prepared_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RhCollection *self = g_task_get_source_object (task);
  Restore *restore = g_task_get_task_data (task);
  g_autofree char *copy = NULL;
  g_autofree char *pre_restore = NULL;
  GError *error = NULL;

  copy = rh_backups_prepare_restore_finish (RH_BACKUPS (source), result, &pre_restore, &error);
  g_clear_signal_handler (&restore->changed_id, self);
  self->restoring = FALSE;
  restore->kept = g_steal_pointer (&pre_restore);
  if (copy != NULL && !finish_restore (self, restore, copy, &error))
    g_unlink (copy);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Replaces the study data by the backup (or any Rehearse database) at
 * @path.  The slow part runs in a worker thread, the store still open:
 * @path is checked whole and copied beside the store, the copy checked,
 * and the current data backed up, so the restore can itself be undone.
 * Then, in the main thread, the copy takes the store's place.  A store that
 * could not be opened (damaged) is renamed aside instead, never deleted.
 * A file that is not a Rehearse database, is damaged or newer is refused,
 * with its name, and nothing is changed. */
void
rh_collection_restore_backup_async (RhCollection        *self,
                                    const char          *path,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Restore *restore;

  g_return_if_fail (RH_IS_COLLECTION (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rh_collection_restore_backup_async);
  if (!rh_collection_can_restore (self))
    {
      g_task_return_error (task, cannot_restore (self));
      return;
    }
  restore = g_new0 (Restore, 1);
  restore->source = g_strdup (path);
  restore->recovering = self->store == NULL;
  restore->changed_id = g_signal_connect (self, "card-changed", G_CALLBACK (restore_changed_cb), restore);
  g_task_set_task_data (task, restore, (GDestroyNotify)restore_free);
  self->restoring = TRUE;
  /* Once asked for, a restore is finished, whoever asked is gone or not:
   * @cancellable only says the caller no longer wants to hear of it. */
  rh_backups_prepare_restore_async (rh_collection_get_backups (self), path, !restore->recovering, NULL,
                                    prepared_cb, g_steal_pointer (&task));
}

/* TRUE once restored; @kept (may be NULL) is where what it replaced is:
 * the backup made first, or the damaged file, renamed. */
gboolean
rh_collection_restore_backup_finish (RhCollection  *self,
                                     GAsyncResult  *result,
                                     char         **kept,
                                     GError       **error)
{
  Restore *restore;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  restore = g_task_get_task_data (G_TASK (result));
  if (kept != NULL)
    *kept = g_strdup (restore->kept);
  return TRUE;
}

/* The same, blocking: for the tests and for programs without a window. */
gboolean
rh_collection_restore_backup (RhCollection  *self,
                              const char    *path,
                              char         **kept,
                              GError       **error)
{
  Restore restore = { 0 };
  g_autofree char *copy = NULL;
  gboolean ok;

  g_return_val_if_fail (RH_IS_COLLECTION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!rh_collection_can_restore (self))
    {
      g_propagate_error (error, cannot_restore (self));
      return FALSE;
    }
  restore.source = (char *)path;
  restore.recovering = self->store == NULL;
  copy = rh_backups_prepare_restore (rh_collection_get_backups (self), path, !restore.recovering,
                                     &restore.kept, error);
  ok = copy != NULL && finish_restore (self, &restore, copy, error);
  if (copy != NULL && !ok)
    g_unlink (copy);
  if (ok && kept != NULL)
    *kept = g_steal_pointer (&restore.kept);
  g_free (restore.kept);
  return ok;
}
