/* main.c
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rehearse"

#include "config.h"

#include <locale.h>
#include <signal.h>

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "rh-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RhApplication) app = NULL;

  /* Here rather than in GTK's start: the study data is opened in a thread
   * while GTK starts, and its messages are in the learner's language. */
  if (setlocale (LC_ALL, "") == NULL)
    g_warning ("The locale is not supported by the C library; using the “C” locale");
  gtk_disable_setlocale ();
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* A file size limit (ulimit -f) reached while writing a backup or a sync
   * file is an error the app reports (EFBIG), not a reason to die. */
  signal (SIGXFSZ, SIG_IGN);
  app = rh_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
