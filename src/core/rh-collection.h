/* rh-collection.h: the model: decks, the store, the clock and the options
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rh-backups.h"
#include "rh-clock.h"
#include "rh-deck.h"
#include "rh-deck-library.h"
#include "rh-scheduler.h"
#include "rh-progress-file.h"
#include "rh-scheduling-options.h"
#include "rh-store.h"
#include "rh-types.h"

G_BEGIN_DECLS

#define RH_TYPE_COLLECTION (rh_collection_get_type ())

G_DECLARE_FINAL_TYPE (RhCollection, rh_collection, RH, COLLECTION, GObject)

RhCollection        *rh_collection_new                 (RhClock             *clock,
                                                        RhSchedulingOptions *options);
RhClock             *rh_collection_get_clock           (RhCollection        *self);
RhSchedulingOptions *rh_collection_get_options         (RhCollection        *self);
RhScheduler         *rh_collection_get_scheduler       (RhCollection        *self);
gint64               rh_collection_now                 (RhCollection        *self);
gint64               rh_collection_day_end             (RhCollection        *self);

/* Decks */
RhDeckLibrary       *rh_collection_get_library         (RhCollection        *self);
void                 rh_collection_add_deck            (RhCollection        *self,
                                                        RhDeck              *deck);
gboolean             rh_collection_load_deck_resource  (RhCollection        *self,
                                                        const char          *resource_path,
                                                        GError             **error);
RhDeck              *rh_collection_get_deck            (RhCollection        *self);
const GError        *rh_collection_get_deck_error      (RhCollection        *self);
RhCard              *rh_collection_lookup_card         (RhCollection        *self,
                                                        const char          *card_id);
RhTopic             *rh_collection_get_card_topic      (RhCollection        *self,
                                                        RhCard              *card);

/* The store */
gboolean             rh_collection_open_store          (RhCollection        *self,
                                                        const char          *path,
                                                        GError             **error);
void                 rh_collection_begin_opening       (RhCollection        *self,
                                                        const char          *deck_resource,
                                                        const char          *store_path);
gboolean             rh_collection_finish_opening      (RhCollection        *self,
                                                        GError             **deck_error,
                                                        GError             **store_error);
gboolean             rh_collection_is_open             (RhCollection        *self);
void                 rh_collection_close_store         (RhCollection        *self);
const char          *rh_collection_get_store_path      (RhCollection        *self);
const GError        *rh_collection_get_store_error     (RhCollection        *self);
const char          *rh_collection_get_aside_path      (RhCollection        *self);
gboolean             rh_collection_can_move_aside      (RhCollection        *self);
gboolean             rh_collection_has_lost_changes    (RhCollection        *self);
gboolean             rh_collection_accept_lost_changes (RhCollection        *self,
                                                        GError             **error);
gboolean             rh_collection_retry_store         (RhCollection        *self,
                                                        GError             **error);
char                *rh_collection_recover_store       (RhCollection        *self,
                                                        GError             **error);

/* What a card is now */
const RhStoredCard  *rh_collection_lookup_state        (RhCollection        *self,
                                                        const char          *card_id);
RhDueClass           rh_collection_classify            (RhCollection        *self,
                                                        const char          *card_id);
double               rh_collection_retrievability      (RhCollection        *self,
                                                        const char          *card_id);
void                 rh_collection_preview             (RhCollection        *self,
                                                        RhCard              *card,
                                                        RhCardState          after[4]);
void                 rh_collection_count_done_today    (RhCollection        *self,
                                                        guint               *new_cards,
                                                        guint               *reviews);
guint                rh_collection_count_answers_today (RhCollection        *self);
gboolean             rh_collection_has_history         (RhCollection        *self);
void                 rh_collection_limit_counts        (RhCollection        *self,
                                                        RhCounts            *counts);
void                 rh_collection_count_topics        (RhCollection        *self,
                                                        RhDeck              *deck,
                                                        RhCounts            *per_topic,
                                                        RhCounts            *per_part,
                                                        RhCounts            *all);
void                 rh_collection_count_scope         (RhCollection        *self,
                                                        RhDeck              *deck,
                                                        const char * const  *topic_ids,
                                                        RhCounts            *counts);
GArray              *rh_collection_get_history         (RhCollection        *self,
                                                        const char          *card_id,
                                                        GError             **error);

/* Changes: the only way anything the learner owns is changed */
gboolean             rh_collection_grade               (RhCollection        *self,
                                                        RhCard              *card,
                                                        RhRating             rating,
                                                        int                  duration_ms,
                                                        gboolean             practice,
                                                        RhReview            *graded,
                                                        GError             **error);
gboolean             rh_collection_undo                (RhCollection        *self,
                                                        RhReview            *undone,
                                                        GError             **error);
gboolean             rh_collection_redo                (RhCollection        *self,
                                                        RhReview            *redone,
                                                        GError             **error);
gboolean             rh_collection_set_suspended       (RhCollection        *self,
                                                        const char          *card_id,
                                                        gboolean             suspended,
                                                        GError             **error);
gboolean             rh_collection_reset_card          (RhCollection        *self,
                                                        const char          *card_id,
                                                        GError             **error);

void                 rh_collection_prepare_study       (RhCollection        *self);
gboolean             rh_collection_merge_batch         (RhCollection        *self,
                                                        const RhProgressBatch *batch,
                                                        const char          *source,
                                                        gboolean             local,
                                                        RhMergeCounts       *counts,
                                                        GError             **error);
gboolean             rh_collection_import_progress     (RhCollection        *self,
                                                        const char          *path,
                                                        RhMergeCounts       *counts,
                                                        GError             **error);
gboolean             rh_collection_export_progress     (RhCollection        *self,
                                                        const char          *path,
                                                        guint               *n_events,
                                                        GError             **error);

/* Mock interviews */
gboolean             rh_collection_grade_question      (RhCollection        *self,
                                                        RhCard              *card,
                                                        RhRating             rating,
                                                        int                  duration_ms,
                                                        gboolean             count_as_review,
                                                        RhReview            *graded,
                                                        GError             **error);
gboolean             rh_collection_question_is_review  (RhCollection        *self,
                                                        const char          *card_id,
                                                        gboolean             count_as_review);
gboolean             rh_collection_save_interview      (RhCollection        *self,
                                                        RhInterviewRecord   *record,
                                                        GError             **error);
GArray              *rh_collection_list_interviews     (RhCollection        *self,
                                                        GError             **error);
gboolean             rh_collection_load_interview      (RhCollection        *self,
                                                        gint64               id,
                                                        RhInterviewRecord   *record,
                                                        GError             **error);
gboolean             rh_collection_count_area_misses   (RhCollection        *self,
                                                        const char          *card_id,
                                                        const char          *text,
                                                        guint               *missed,
                                                        guint               *asked,
                                                        GError             **error);

/* Backups and restoring */
RhBackups           *rh_collection_get_backups         (RhCollection        *self);
gboolean             rh_collection_can_restore         (RhCollection        *self);
void                 rh_collection_restore_backup_async  (RhCollection        *self,
                                                          const char          *path,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean             rh_collection_restore_backup_finish (RhCollection        *self,
                                                          GAsyncResult        *result,
                                                          char               **kept,
                                                          GError             **error);
gboolean             rh_collection_restore_backup      (RhCollection        *self,
                                                        const char          *path,
                                                        char               **kept,
                                                        GError             **error);

G_END_DECLS
