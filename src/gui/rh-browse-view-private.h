/* rh-browse-view-private.h: what the tests reach inside the widget
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rh-browse-view.h"

G_BEGIN_DECLS

GListModel *rh_browse_view_get_model   (RhBrowseView       *self);
void        rh_browse_view_sort_by     (RhBrowseView       *self,
                                        const char         *column_id,
                                        GtkSortType         order);

G_END_DECLS
