/* rh-autostart.h: starting at login, so that reminders come
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

char     *rh_autostart_get_path       (void);
gboolean  rh_autostart_set_enabled    (gboolean              enabled,
                                       GError              **error);
void      rh_autostart_ensure         (void);
void      rh_autostart_request        (GtkWindow            *parent,
                                       gboolean              enabled,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
gboolean  rh_autostart_request_finish (GAsyncResult         *result,
                                       GError              **error);

G_END_DECLS
