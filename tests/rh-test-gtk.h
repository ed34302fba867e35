/* rh-test-gtk.h: what the widget tests share
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rh-application.h"
#include "rh-window-private.h"

G_BEGIN_DECLS

/* The first widget of @type at or below @root, depth first. */
GtkWidget     *rh_test_find_widget   (GtkWidget     *root,
                                      GType          type);

/* A visible toplevel window of @type, or NULL. */
GtkWindow     *rh_test_find_toplevel (GType          type);

/* A registered, held application owning no bus name (tests run side by
 * side), on @clock when not NULL. */
RhApplication *rh_test_app_new       (RhClock       *clock);

/* Activates @app and waits until its window is on screen. */
GtkWindow     *rh_test_app_open      (RhApplication *app);

/* A window of @app on screen over a collection of its own: the built-in
 * deck, a fresh store named @name on @clock, and settings of its own (in
 * memory, defaults), bound to the collection's options as the application
 * binds them.  Destroy it at the end of the test. */
RhWindow      *rh_test_window_open   (RhApplication *app,
                                      RhClock       *clock,
                                      const char    *name);

/* The same over the store at @db (made beforehand, or new). */
RhWindow      *rh_test_window_open_store (RhApplication *app,
                                          RhClock       *clock,
                                          const char    *db);

/* The settings the window was made with (the window holds them). */
GSettings     *rh_test_window_settings (RhWindow    *window);

G_END_DECLS
