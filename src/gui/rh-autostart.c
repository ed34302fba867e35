/* rh-autostart.c: starting at login, so that reminders come
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Outside a sandbox, an XDG autostart entry that runs "rehearse
 * --background"; inside Flatpak, where that file would name a program the
 * host cannot run, the Background portal is asked instead.  Only an entry
 * Rehearse wrote (it carries X-Rehearse-Autostart) is ever removed: one the
 * user made under that name is theirs.
 */
#define G_LOG_DOMAIN "rehearse-autostart"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libportal-gtk4/portal-gtk4.h>

#include "rh-autostart.h"

#define OURS "X-Rehearse-Autostart=true"

/* $XDG_CONFIG_HOME/autostart/<app id>.desktop */
char *
rh_autostart_get_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", APP_ID ".desktop", NULL);
}

/* "rehearse" when that is this program; its full path otherwise (a build
 * run from its folder).  A path the Exec key would need quoted for is
 * not used: "rehearse" is. */
static char *
exec_program (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *found = g_find_program_in_path ("rehearse");
  g_autofree char *found_real = found != NULL ? g_canonicalize_filename (found, NULL) : NULL;
  GStatBuf a, b;

  if (self == NULL)
    return g_strdup ("rehearse");
  if (found_real != NULL && g_stat (self, &a) == 0 && g_stat (found_real, &b) == 0 &&
      a.st_dev == b.st_dev && a.st_ino == b.st_ino)
    return g_strdup ("rehearse");
  for (const char *p = self; *p; p++)
    if (!g_ascii_isalnum (*p) && strchr ("/._-+", *p) == NULL)
      return g_strdup ("rehearse");
  return g_steal_pointer (&self);
}

static gboolean
is_ours (const char *path)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (path, &contents, NULL, NULL) && strstr (contents, "\n" OURS "\n") != NULL;
}

static gboolean
write_entry (const char  *path,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *program = exec_program ();
  g_autofree char *contents = NULL;

  /* An entry the user made under this name stays as they made it. */
  if (g_file_test (path, G_FILE_TEST_EXISTS) && !is_ours (path))
    {
      g_debug ("%s is not Rehearse's own: left as it is", path);
      return TRUE;
    }
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Rehearse cannot create the folder “%s”: %s."), dir, g_strerror (saved));
      return FALSE;
    }
  contents = g_strdup_printf ("[Desktop Entry]\n"
                              "Type=Application\n"
                              "Name=%s\n"
                              "Comment=%s\n"
                              "Icon=" APP_ID "\n"
                              "Exec=%s --background\n"
                              "NoDisplay=true\n"
                              "X-GNOME-Autostart-enabled=true\n"
                              OURS "\n",
                              _("Rehearse"), _("Reminders when cards are due"), program);
  return g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

/* Writes or removes the autostart entry. */
gboolean
rh_autostart_set_enabled (gboolean   enabled,
                          GError   **error)
{
  g_autofree char *path = rh_autostart_get_path ();

  if (enabled)
    return write_entry (path, error);
  if (!is_ours (path))
    return TRUE;
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Rehearse cannot remove “%s”: %s."), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Reminders were turned on while Rehearse was closed: the login entry is
 * written if there is none.  An entry already there is left as it is
 * (disabled, or the user's own).  Inside Flatpak the portal's answer
 * stands until the setting changes: asking at every start could ask the
 * user every time. */
void
rh_autostart_ensure (void)
{
  g_autofree char *path = rh_autostart_get_path ();
  g_autoptr(GError) error = NULL;

  if (xdp_portal_running_under_flatpak () || g_file_test (path, G_FILE_TEST_EXISTS))
    return;
  if (!write_entry (path, &error))
    g_message ("%s", error->message);
}

static void
portal_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (xdp_portal_request_background_finish (XDP_PORTAL (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                             _("The system did not allow Rehearse to run in the background."));
}

/* Asks for Rehearse to start at login (and run in the background), or no
 * longer: the portal inside Flatpak, the autostart entry outside. */
void
rh_autostart_request (GtkWindow           *parent,
                      gboolean             enabled,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;

  g_task_set_source_tag (task, rh_autostart_request);
  if (xdp_portal_running_under_flatpak ())
    {
      g_autoptr(XdpPortal) portal = xdp_portal_new ();
      g_autoptr(XdpParent) xdp_parent = parent != NULL ? xdp_parent_new_gtk (parent) : NULL;
      g_autoptr(GPtrArray) command = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (command, g_strdup ("rehearse"));
      g_ptr_array_add (command, g_strdup ("--background"));
      xdp_portal_request_background (portal, xdp_parent, _("Reminders when cards are due"), command,
                                     enabled ? XDP_BACKGROUND_FLAG_AUTOSTART : XDP_BACKGROUND_FLAG_NONE,
                                     cancellable, portal_done_cb, g_steal_pointer (&task));
      return;
    }
  if (rh_autostart_set_enabled (enabled, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

gboolean
rh_autostart_request_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
