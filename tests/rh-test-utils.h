/* rh-test-utils.h: what every test program shares
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Points XDG_DATA_HOME, XDG_CONFIG_HOME and XDG_CACHE_HOME at a fresh
 * temporary folder, removed at exit, before anything reads them.  Call it
 * first in main().  Returns the folder. */
const char *rh_test_init_env      (void);

/* A new empty temporary folder inside the test's own. */
char       *rh_test_make_dir      (const char *name);

/* Runs the default main context until @condition returns TRUE or @timeout_ms
 * passes; TRUE if the condition was met. */
gboolean    rh_test_wait_until    (gboolean  (*condition) (gpointer data),
                                   gpointer   data,
                                   guint      timeout_ms);

/* Runs the default main context for @ms milliseconds. */
void        rh_test_spin          (guint      ms);

/* The absolute path of a file in tests/fixtures. */
char       *rh_test_fixture_path  (const char *name);

/* Removes a folder and everything in it. */
void        rh_test_remove_tree   (const char *path);

/* Flips a byte inside WAL frame @frame of @wal (a 4 KiB page store), so
 * that its checksum fails: SQLite would skip it and every frame after. */
void        rh_test_damage_wal_frame (const char *wal,
                                      guint       frame);

void        rh_test_run_until_signal (const char *home,
                                      int         signal_number);

gint64      rh_test_db_int        (const char *path,
                                   const char *sql);

GBytes     *rh_test_bytes_before_guard (const void *data,
                                        gsize       len);

G_END_DECLS
