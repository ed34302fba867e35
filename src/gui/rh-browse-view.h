/* rh-browse-view.h
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rh-collection.h"

G_BEGIN_DECLS

#define RH_TYPE_BROWSE_VIEW (rh_browse_view_get_type ())

G_DECLARE_FINAL_TYPE (RhBrowseView, rh_browse_view, RH, BROWSE_VIEW, GtkWidget)

void        rh_browse_view_set_collection (RhBrowseView    *self,
                                           RhCollection    *collection);
void        rh_browse_view_set_scope   (RhBrowseView       *self,
                                        const char * const *topic_ids);
void        rh_browse_view_set_search  (RhBrowseView       *self,
                                        const char         *folded);

G_END_DECLS
