/* rh-application.h
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rh-deck.h"
#include "rh-study-session.h"

G_BEGIN_DECLS

#define RH_TYPE_APPLICATION (rh_application_get_type ())

G_DECLARE_FINAL_TYPE (RhApplication, rh_application, RH, APPLICATION, AdwApplication)

RhApplication *rh_application_new          (void);
GSettings     *rh_application_get_settings (RhApplication *self);
RhDeck        *rh_application_get_deck     (RhApplication *self);
const GError  *rh_application_get_deck_error (RhApplication *self);
RhStudySession *rh_application_get_session (RhApplication *self);
const GError  *rh_application_get_store_error (RhApplication *self);
char          *rh_application_recover_store (RhApplication *self,
                                             GError       **error);
void           rh_application_set_clock    (RhApplication *self,
                                            RhClock       *clock);

G_END_DECLS
