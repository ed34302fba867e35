/* rh-replay.h: a card's state as the replay of its events
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rh-scheduler.h"
#include "rh-types.h"

G_BEGIN_DECLS

/* What one card's events come to. */
typedef struct {
  GArray     *answers;     /* RhReview: the answers that count, in replay order, states filled */
  gboolean   *counts;      /* per event given: it is an answer that counts */
  RhCardState state;       /* after the last of them; a pristine new card when none */
  gboolean    has_suspend; /* a suspend or unsuspend event decides... */
  gboolean    suspended;   /* ...this */
} RhReplay;

void     rh_replay_init       (RhReplay          *replay);
void     rh_replay_clear      (RhReplay          *replay);
void     rh_replay_order      (const RhReview    *events,
                               guint              n_events,
                               RhReplay          *replay);
void     rh_replay_run        (const RhScheduler *scheduler,
                               RhReplay          *replay,
                               guint              from,
                               const RhCardState *start);
void     rh_replay_card       (const RhScheduler *scheduler,
                               const RhReview    *events,
                               guint              n_events,
                               RhReplay          *replay);

G_END_DECLS
