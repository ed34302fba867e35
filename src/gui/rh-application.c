/* rh-application.c
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rehearse-application"

#include "config.h"

#include <sys/resource.h>
#include <signal.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "rehearse-ui-resources.h"
#include "rh-application.h"
#include "rh-autostart.h"
#include "rh-deck-import.h"
#include "rh-format.h"
#include "rh-preferences-window.h"
#include "rh-settings.h"
#include "rh-store.h"
#include "rh-progress-dialogs.h"
#include "rh-sync.h"
#include "rh-window.h"

#define BUILTIN_DECK RESOURCE_PATH "/decks/python-interview.xml"

/* The application holds the settings and the collection; every window is
 * handed both when it is made, and asks the application for nothing. */
struct _RhApplication {
  AdwApplication parent_instance;

  GSettings *settings;
  RhClock *clock;
  RhCollection *collection;
  RhReminders *reminders;
  RhSync *sync;             /* the folder shared with other computers */
  GtkWidget *preferences;   /* weak: the preferences window, while open */
  char *background_note;    /* why reminders will not start at login, or NULL */
  gboolean background;      /* started with --background: no window at first */
  gboolean held;            /* reminders are on: closing the window does not quit */
  guint sigterm_id;
  guint sigint_id;
};

G_DEFINE_FINAL_TYPE (RhApplication, rh_application, ADW_TYPE_APPLICATION)

RhApplication *
rh_application_new (void)
{
  return g_object_new (RH_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       /* The .Devel build shares the resources of the stable one. */
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

static void
rh_application_finalize (GObject *object)
{
  RhApplication *self = (RhApplication *)object;

  g_clear_object (&self->reminders);
  g_clear_object (&self->collection);
  g_clear_object (&self->clock);
  g_clear_object (&self->settings);
  g_free (self->background_note);

  G_OBJECT_CLASS (rh_application_parent_class)->finalize (object);
}

/* Where start-up time goes, for G_MESSAGES_DEBUG=rehearse-application. */
static void
log_step (const char *step)
{
  static gint64 start;
  gint64 now = g_get_monotonic_time ();
  struct rusage usage;

  if (start == 0)
    start = now;
  getrusage (RUSAGE_SELF, &usage);
  g_debug ("start-up: %s at %.1f ms (CPU %.1f ms)", step, (now - start) / 1000.0,
           (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0);
}

/* The collection: the built-in deck, the learner's study data, and the
 * options the settings hold.  The deck is read and the store opened in a
 * thread while GTK starts; finish_collection() takes them in. */
static void
begin_collection (RhApplication *self)
{
  g_autoptr(RhSchedulingOptions) options = rh_scheduling_options_new ();
  g_autofree char *path = rh_store_default_path ();

  rh_settings_bind_options (self->settings, options);
  self->collection = rh_collection_new (self->clock, options);
  g_settings_bind (self->settings, "hidden-decks", rh_collection_get_library (self->collection), "hidden-decks",
                   G_SETTINGS_BIND_DEFAULT);
  log_step ("opening the deck and the store");
  rh_collection_begin_opening (self->collection, BUILTIN_DECK, path);
}

/* What fails to open is shown by the window. */
static void
finish_collection (RhApplication *self)
{
  RhDeckLibrary *library = rh_collection_get_library (self->collection);
  g_autoptr(GError) deck_error = NULL;
  g_autoptr(GError) store_error = NULL;

  log_step ("taking the deck and the store");
  if (!rh_collection_finish_opening (self->collection, &deck_error, &store_error))
    {
      g_critical ("The built-in deck does not load: %s", deck_error->message);
      return;
    }
  log_step ("store opened");
  if (store_error != NULL)
    /* Not a program error: the window explains it to the user. */
    g_message ("%s", store_error->message);
  /* The learner's and everyone's decks join the built-in one once read:
   * however many there are, the window does not wait for them. */
  rh_deck_library_add_standard_folders_in_background (library);
  rh_deck_library_watch (library);
  self->sync = rh_sync_new (self->collection);
  g_settings_bind (self->settings, "sync-folder", self->sync, "folder", G_SETTINGS_BIND_GET);
}

static void
first_frame_cb (GdkFrameClock *clock)
{
  log_step ("first frame drawn");
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, NULL);
}

static void
window_mapped_cb (GtkWidget *window)
{
  log_step ("window mapped");
  g_signal_handlers_disconnect_by_func (window, window_mapped_cb, NULL);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (first_frame_cb), NULL);
}

/* Any window has the focus (the main one, Preferences, About, a card's
 * info): reminders wait, and what it shows counts as seen. */
static void
update_suppressed (RhApplication *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  gboolean active = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      active |= gtk_window_is_active (window);
    }
  if (self->reminders != NULL)
    g_object_set (self->reminders, "suppressed", active, NULL);
}

/* Each new window is watched for the focus. */
static void
toplevels_changed_cb (GListModel    *toplevels,
                      guint          position,
                      guint          removed,
                      guint          added,
                      RhApplication *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      g_signal_connect_object (window, "notify::is-active", G_CALLBACK (update_suppressed), self, G_CONNECT_SWAPPED);
    }
  update_suppressed (self);
}

/* The main window, made now if there is none, on screen. */
static GtkWidget *
present_window (RhApplication *self)
{
  GtkWindow *window = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL && window == NULL; l = l->next)
    if (RH_IS_WINDOW (l->data))
      window = l->data;
  if (window == NULL)
    {
      log_step ("making the window");
      window = GTK_WINDOW (rh_window_new (GTK_APPLICATION (self), self->collection, self->settings));
      if (self->sync != NULL)
        rh_window_set_sync (RH_WINDOW (window), self->sync);
      log_step ("window made");
      g_signal_connect (window, "map", G_CALLBACK (window_mapped_cb), NULL);
    }
  gtk_window_present (window);
  return GTK_WIDGET (window);
}

static void
rh_application_activate (GApplication *app)
{
  RhApplication *self = RH_APPLICATION (app);

  /* Started at login for reminders: no window, and no widget built. */
  if (self->background)
    {
      self->background = FALSE;
      if (!self->held)
        g_message ("%s", _("Reminders are off, so there is nothing to do in the background. "
                           "Turn them on in Preferences."));
      log_step ("in the background");
      return;
    }
  present_window (self);
}

/* --export-progress FILE and --import-progress FILE: done here, without a
 * window, on the learner's study data and scheduling options.  Not while
 * Rehearse runs (it holds the data): its menu does the same. */
static int
progress_command (RhApplication *self,
                  const char    *export_path,
                  const char    *import_path)
{
  g_autoptr(RhClock) clock = rh_clock_new_system ();
  g_autoptr(RhSchedulingOptions) options = rh_scheduling_options_new ();
  g_autoptr(RhCollection) collection = NULL;
  g_autofree char *store = rh_store_default_path ();
  g_autoptr(GError) error = NULL;

  if (export_path != NULL && g_file_test (export_path, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("%s: the file exists; choose another name or remove it first.\n"), export_path);
      return 1;
    }
  rh_settings_bind_options (self->settings, options);
  collection = rh_collection_new (clock, options);
  /* No registration with the session bus: that would start GTK, which
   * needs a display; a running Rehearse shows as the lock it holds. */
  if (!rh_collection_open_store (collection, store, &error))
    {
      if (g_error_matches (error, RH_STORE_ERROR, RH_STORE_ERROR_BUSY))
        g_printerr ("%s\n", export_path != NULL
                    ? _("Rehearse is running: use Export Progress… in its menu, or quit it and try again.")
                    : _("Rehearse is running: use Import Progress… in its menu, or quit it and try again."));
      else
        g_printerr ("%s\n", error->message);
      return 1;
    }
  if (export_path != NULL)
    {
      guint n = 0;

      if (!rh_collection_export_progress (collection, export_path, &n, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_print (ngettext ("%s: %u entry exported\n", "%s: %u entries exported\n", n), export_path, n);
    }
  else
    {
      RhMergeCounts counts = { 0 };
      g_autofree char *said = NULL;

      if (!rh_collection_import_progress (collection, import_path, &counts, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      said = rh_progress_dialogs_imported (&counts);
      g_print ("%s: %s\n", import_path, said);
    }
  return 0;
}

/* What the user should know about a deck file that was converted. */
static void
print_notice (const char *name,
              const char *notice)
{
  g_auto(GStrv) lines = notice != NULL ? g_strsplit (notice, "\n", -1) : NULL;

  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    g_printerr ("%s: %s\n", name, lines[i]);
}

/* --check-deck FILE…: each file's deck in a line, or each of its problems
 * ("FILE:LINE: message"); CSV, TSV and Anki text are checked as Add Deck
 * would convert them.  No display, no store: any Rehearse may run. */
static int
check_decks_command (char **files)
{
  int status = 0;

  if (files == NULL || files[0] == NULL)
    {
      g_printerr ("%s\n", _("--check-deck: name the deck files to check."));
      return 2;
    }
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *notice = NULL;
      g_autofree char *name = g_filename_display_name (files[i]);
      g_autoptr(RhDeck) deck = rh_deck_import_load (files[i], NULL, NULL, &notice, &error);
      g_autofree char *size = NULL;

      print_notice (name, notice);
      if (deck == NULL)
        {
          g_printerr ("%s\n", error->message);
          status = 1;
          continue;
        }
      size = rh_format_deck_size (deck);
      /* "deck.csv: 12 cards in 3 topics" */
      g_print ("%s: %s\n", name, size);
    }
  return status;
}

/* --add-deck FILE [--deck-title TITLE]: what Add Deck… does, into the deck
 * folder; the path written is the one line printed.  A deck removed
 * before comes back instead, with its progress. */
static int
add_deck_command (GSettings  *settings,
                  const char *path,
                  const char *title)
{
  g_autoptr(RhDeckLibrary) library = rh_deck_library_new ();
  g_autofree char *name = g_filename_display_name (path);
  g_autofree char *notice = NULL;
  g_autoptr(GError) error = NULL;
  gboolean brought_back = FALSE;
  RhDeckSource *source;

  g_settings_bind (settings, "hidden-decks", library, "hidden-decks", G_SETTINGS_BIND_DEFAULT);
  rh_deck_library_load_resource (library, BUILTIN_DECK, NULL);
  rh_deck_library_add_standard_folders (library);
  source = rh_deck_library_add_file (library, path, title, &notice, &brought_back, &error);
  g_settings_unbind (library, "hidden-decks");
  g_settings_sync ();
  print_notice (name, notice);
  if (source == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (brought_back)
    {
      g_autofree char *text = g_strdup_printf (_("%s is back, with your progress"),
                                               rh_deck_get_title (rh_deck_source_get_deck (source)));

      g_printerr ("%s\n", text);
    }
  else
    {
      g_autofree char *shown = g_filename_display_name (rh_deck_source_get_location (source));

      g_print ("%s\n", shown);
    }
  return 0;
}

/* The commands that do their work and exit, or -1 for none. */
static int
deck_commands (RhApplication *self,
               GVariantDict  *options)
{
  g_autofree char *add_path = NULL;
  g_autofree char *title = NULL;
  g_autofree char **files = NULL;
  gboolean check = g_variant_dict_contains (options, "check-deck");

  g_variant_dict_lookup (options, "add-deck", "^ay", &add_path);
  g_variant_dict_lookup (options, "deck-title", "s", &title);
  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &files);
  if (check && add_path != NULL)
    {
      g_printerr ("%s\n", _("Check decks or add one: one at a time."));
      return 2;
    }
  if (title != NULL && add_path == NULL)
    {
      g_printerr ("%s\n", _("--deck-title names the deck that --add-deck adds."));
      return 2;
    }
  if (check)
    return check_decks_command (files);
  if (files != NULL && files[0] != NULL)
    {
      g_printerr (_("%s: Rehearse opens no files; check a deck file with --check-deck, add one with --add-deck.\n"),
                  files[0]);
      return 2;
    }
  return add_path != NULL ? add_deck_command (self->settings, add_path, title) : -1;
}

/* --background: the first instance starts without a window; a second one
 * has nothing to add to the instance already running. */
static int
rh_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  RhApplication *self = RH_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  g_autofree char *export_path = NULL;
  g_autofree char *import_path = NULL;
  int status = deck_commands (self, options);

  if (status >= 0)
    return status;
  g_variant_dict_lookup (options, "export-progress", "^ay", &export_path);
  g_variant_dict_lookup (options, "import-progress", "^ay", &import_path);
  if (export_path != NULL && import_path != NULL)
    {
      g_printerr ("%s\n", _("Export or import: one at a time."));
      return 2;
    }
  if (export_path != NULL || import_path != NULL)
    return progress_command (self, export_path, import_path);
  if (!g_variant_dict_contains (options, "background"))
    return -1;
  if (!g_application_register (app, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (g_application_get_is_remote (app))
    return 0;
  self->background = TRUE;
  return -1;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  RhApplication *self = user_data;

  /* Closing the windows lets each save its state on the way out. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
  /* Held for reminders, the application would go on without windows. */
  g_application_quit (G_APPLICATION (self));
}

/* SIGTERM (logging out) and SIGINT (Ctrl+C in a terminal) end the app as
 * Quit does: windows save their state, the store closes cleanly. */
static gboolean
quit_signal_cb (gpointer user_data)
{
  RhApplication *self = user_data;

  g_action_group_activate_action (G_ACTION_GROUP (self), "quit", NULL);
  g_application_quit (G_APPLICATION (self));
  return G_SOURCE_CONTINUE;
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  RhApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  AdwAboutWindow *about;
  const char *developers[] = { "The Rehearse developers", NULL };
  const char *fsrs[] = {
    /* The scheduling algorithm; its authors are credited by name. */
    "Jarrett Ye and the open-spaced-repetition contributors https://github.com/open-spaced-repetition",
    NULL
  };

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_application_name (about, _("Rehearse"));
  adw_about_window_set_developer_name (about, _("The Rehearse developers"));
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_comments (about,
                                 _("Prepare for Python interviews with spaced repetition: "
                                   "95 questions in 15 topics, each with a model answer, "
                                   "scheduled with FSRS."));
  adw_about_window_set_website (about, PACKAGE_WEBSITE);
  adw_about_window_set_issue_url (about, PACKAGE_ISSUES);
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_copyright (about, _("© 2026 The Rehearse developers"));
  adw_about_window_set_developers (about, developers);
  /* Translators: Replace "translator-credits" with your names, one name per line */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  adw_about_window_add_credit_section (about, _("Scheduling algorithm (FSRS)"), fsrs);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  RhApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->preferences != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->preferences), (gpointer *)&self->preferences);
  self->preferences = rh_preferences_window_new (parent, self->settings);
  g_object_add_weak_pointer (G_OBJECT (self->preferences), (gpointer *)&self->preferences);
  rh_preferences_window_set_background_note (RH_PREFERENCES_WINDOW (self->preferences), self->background_note);
  rh_preferences_window_set_collection (RH_PREFERENCES_WINDOW (self->preferences), self->collection);
  if (self->sync != NULL)
    rh_preferences_window_set_sync (RH_PREFERENCES_WINDOW (self->preferences), self->sync);
  gtk_window_present (GTK_WINDOW (self->preferences));
}

/* From a reminder: the window, studying every topic. */
static void
study_due_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  gtk_widget_activate_action (present_window (user_data), "win.study-due", NULL);
}

/* From a reminder that asked one question: that card, its answer shown. */
static void
study_card_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  gtk_widget_activate_action_variant (present_window (user_data), "win.study-card", parameter);
}

static void
snooze_reminders_activated (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  RhApplication *self = user_data;

  rh_reminders_snooze (self->reminders);
}

/* From the notification that the data cannot be read: the window's error page. */
static void
show_window_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  present_window (user_data);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "preferences", preferences_activated },
  { "about", about_activated },
  { "study-due", study_due_activated },
  { "study-card", study_card_activated, "s" },
  { "snooze-reminders", snooze_reminders_activated },
  { "show-window", show_window_activated },
};

/* While reminders are on, the application stays when its window closes. */
static void
update_hold (RhApplication *self)
{
  gboolean on = g_settings_get_boolean (self->settings, "reminders");

  if (on == self->held)
    return;
  self->held = on;
  if (on)
    g_application_hold (G_APPLICATION (self));
  else
    g_application_release (G_APPLICATION (self));
}

static void
autostart_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(RhApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->background_note, g_free);
  g_settings_set_boolean (self->settings, "autostart-entry", g_settings_get_boolean (self->settings, "reminders"));
  if (!rh_autostart_request_finish (result, &error))
    /* Translators: the message says why, as a whole sentence */
    self->background_note = g_strdup_printf (_("Rehearse will not start at login: %s Reminders come while it runs."),
                                             error->message);
  if (self->background_note != NULL)
    g_message ("%s", self->background_note);
  if (self->preferences != NULL)
    rh_preferences_window_set_background_note (RH_PREFERENCES_WINDOW (self->preferences), self->background_note);
}

/* Turned on or off: held or released, and started at login or no longer. */
static void
reminders_changed_cb (RhApplication *self)
{
  update_hold (self);
  rh_autostart_request (gtk_application_get_active_window (GTK_APPLICATION (self)),
                        g_settings_get_boolean (self->settings, "reminders"),
                        NULL, autostart_done_cb, g_object_ref (self));
}

static void
start_reminders (RhApplication *self)
{
  self->reminders = rh_reminders_new (G_APPLICATION (self), self->collection);
  rh_settings_bind_reminders (self->settings, self->reminders);
  g_signal_connect_object (self->settings, "changed::reminders", G_CALLBACK (reminders_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_window_get_toplevels (), "items-changed", G_CALLBACK (toplevels_changed_cb), self, 0);
  update_hold (self);
  /* Turned on while Rehearse was closed: the login entry, once.  Removed or
   * disabled by the user since, it stays so. */
  if (self->held && !g_settings_get_boolean (self->settings, "autostart-entry"))
    {
      rh_autostart_ensure ();
      g_settings_set_boolean (self->settings, "autostart-entry", TRUE);
    }
}

/* Once started (the first frame drawn, or nothing to draw): what the
 * start-up threads freed (reading the deck, opening the store) goes back
 * to the system; glibc keeps freed memory inside a thread's arena
 * otherwise (1–1.5 MB with the benchmark's stores). */
static gboolean
give_back_memory_cb (gpointer data)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
  return G_SOURCE_REMOVE;
}

static void
rh_application_startup (GApplication *app)
{
  RhApplication *self = RH_APPLICATION (app);
  GtkApplication *gtk_app = GTK_APPLICATION (app);

  log_step ("starting");
  /* Before the store opens: from then on an end by signal is a clean one. */
  self->sigterm_id = g_unix_signal_add (SIGTERM, quit_signal_cb, self);
  self->sigint_id = g_unix_signal_add (SIGINT, quit_signal_cb, self);
  if (self->clock == NULL)
    self->clock = rh_clock_new_system ();
  begin_collection (self);
  G_APPLICATION_CLASS (rh_application_parent_class)->startup (app);
  log_step ("GTK started");

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);

  gtk_application_set_accels_for_action (gtk_app, "app.quit", (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (gtk_app, "app.preferences", (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (gtk_app, "window.close", (const char *[]) { "<Control>w", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.view::study", (const char *[]) { "<Alt>1", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.view::browse", (const char *[]) { "<Alt>2", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.view::statistics", (const char *[]) { "<Alt>3", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.mock-interview", (const char *[]) { "<Control>m", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.show-help-overlay", (const char *[]) { "<Control>question", NULL });

  finish_collection (self);
  start_reminders (self);
  g_idle_add_full (G_PRIORITY_LOW, give_back_memory_cb, NULL, NULL);
}

/* Quitting: a backup under way is finished, and one made if it is due,
 * before the store closes (a reader still open then would keep its log
 * from being folded in).  The windows are gone: waiting blocks nothing. */
static void
back_up_at_quit (RhApplication *self)
{
  RhBackups *backups = self->collection != NULL ? rh_collection_get_backups (self->collection) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *made = NULL;

  if (backups == NULL)
    return;
  rh_backups_wait (backups);
  if (rh_collection_is_open (self->collection))
    made = rh_backups_create (backups, RH_BACKUPS_IF_DUE, &error);
  if (error != NULL)
    g_message ("Not backed up: %s", error->message);
}

/* The store closes with the application (its WAL folded into the file,
 * its lock released), whoever else still holds the application object. */
static void
rh_application_shutdown (GApplication *app)
{
  RhApplication *self = RH_APPLICATION (app);

  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  g_clear_handle_id (&self->sigint_id, g_source_remove);
  back_up_at_quit (self);
  g_clear_object (&self->reminders);
  /* What was answered last goes to the sync folder on the way out. */
  g_clear_object (&self->sync);
  /* Closed here, whoever still holds the collection (a window not yet
   * finalized): a clean close folds the log in and says so. */
  if (self->collection != NULL)
    rh_collection_close_store (self->collection);
  g_clear_object (&self->collection);
  G_APPLICATION_CLASS (rh_application_parent_class)->shutdown (app);
}

static void
rh_application_class_init (RhApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = rh_application_finalize;
  app_class->activate = rh_application_activate;
  app_class->handle_local_options = rh_application_handle_local_options;
  app_class->startup = rh_application_startup;
  app_class->shutdown = rh_application_shutdown;
}

static const GOptionEntry option_entries[] = {
  { "background", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Start without a window, to send reminders when cards are due"), NULL },
  { "export-progress", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Write your whole review history to FILE, and exit"), N_("FILE") },
  { "import-progress", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Merge the review history in FILE into yours, and exit"), N_("FILE") },
  { "check-deck", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Check the deck files named after the options (XML, CSV, TSV or Anki text), and exit"), NULL },
  { "add-deck", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Add the deck in FILE (XML, CSV, TSV or Anki text) to your decks, and exit"), N_("FILE") },
  { "deck-title", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("The title of the deck --add-deck makes of a CSV, TSV or Anki file (default: the file’s name)"),
    N_("TITLE") },
  { G_OPTION_REMAINING, 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_("[FILE…]") },
  { NULL },
};

static void
rh_application_init (RhApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  /* Referencing the bundle links it in from the static library. */
  (void)rh_ui_resources_get_resource ();
  self->settings = g_settings_new (BASE_ID);
}

/* Tests run the app on a fake clock; call before the application starts. */
void
rh_application_set_clock (RhApplication *self,
                          RhClock       *clock)
{
  g_return_if_fail (RH_IS_APPLICATION (self));
  g_return_if_fail (RH_IS_CLOCK (clock));
  g_set_object (&self->clock, clock);
}

/* The folder sync: NULL until the application has started. */
RhSync *
rh_application_get_sync (RhApplication *self)
{
  g_return_val_if_fail (RH_IS_APPLICATION (self), NULL);
  return self->sync;
}
