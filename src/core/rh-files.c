/* rh-files.c: putting a file in place without touching another
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Backups and added decks are written under a temporary name and renamed
 * to their own only when whole; the rename must never replace a file the
 * user has, even one that appeared meanwhile.
 */
#define G_LOG_DOMAIN "rehearse-files"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "rh-files.h"

int
rh_rename_no_replace (const char *from,
                      const char *to)
{
  if (renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
    return 0;
  /* A file system without RENAME_NOREPLACE: link() refuses to replace too. */
  if (errno != EINVAL && errno != ENOSYS)
    return -1;
  if (link (from, to) != 0)
    return -1;
  return g_unlink (from);
}
