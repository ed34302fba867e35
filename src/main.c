/* main.c
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rehearse"

#include "config.h"

#include <signal.h>

#include <glib/gi18n.h>

#include "rh-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RhApplication) app = NULL;

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* A file size limit (ulimit -f) reached while writing a backup or a sync
   * file is an error the app reports (EFBIG), not a reason to die. */
  signal (SIGXFSZ, SIG_IGN);
  app = rh_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
