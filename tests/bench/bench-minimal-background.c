/* bench-minimal-background.c: the baseline for the background process
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The least a GTK application does to stay running without a window: it
 * starts (GTK is initialized, the display opened) and holds itself.
 * "rehearse --background" is measured against it in the same run.
 */
#include <gtk/gtk.h>

static void
activate_cb (GApplication *app)
{
  g_application_hold (app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) app = gtk_application_new ("io.github.rehearse.BenchMinimalBackground",
                                                       G_APPLICATION_DEFAULT_FLAGS);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
