/* rh-application.c
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rehearse-application"

#include "config.h"


#include <glib/gi18n.h>

#include "rehearse-ui-resources.h"
#include "rh-application.h"
#include "rh-deck-parser.h"
#include "rh-preferences-window.h"
#include "rh-window.h"

#define BUILTIN_DECK RESOURCE_PATH "/decks/python-interview.xml"

struct _RhApplication {
  AdwApplication parent_instance;

  GSettings *settings;
  RhDeck *deck;
  GError *deck_error;
  RhClock *clock;
  RhStore *store;
  GError *store_error;
  RhStudySession *session;
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

  g_clear_object (&self->session);
  g_clear_object (&self->store);
  g_clear_object (&self->clock);
  g_clear_object (&self->settings);
  g_clear_object (&self->deck);
  g_clear_error (&self->deck_error);
  g_clear_error (&self->store_error);

  G_OBJECT_CLASS (rh_application_parent_class)->finalize (object);
}

/* Steps that do not parse (the preferences refuse them, dconf does not)
 * leave @steps as they were: the defaults. */
static void
read_steps (GSettings  *settings,
            const char *key,
            guint       steps[RH_SCHEDULER_MAX_STEPS],
            guint      *n_steps)
{
  g_autofree char *text = g_settings_get_string (settings, key);
  g_autoptr(GError) error = NULL;

  if (!rh_scheduler_parse_steps (text, steps, n_steps, &error))
    g_warning ("Ignoring the %s setting: %s", key, error->message);
}

/* The scheduler as the settings describe it. */
static RhScheduler *
scheduler_from_settings (RhApplication *self)
{
  RhSchedulerConfig config;

  rh_scheduler_config_init_default (&config);
  config.desired_retention = CLAMP (g_settings_get_double (self->settings, "desired-retention"),
                                    RH_SCHEDULER_MIN_RETENTION, RH_SCHEDULER_MAX_RETENTION);
  config.rollover_hour = rh_clock_get_rollover_hour (self->clock);
  config.timezone = rh_clock_get_timezone (self->clock);
  read_steps (self->settings, "learning-steps", config.learning_steps, &config.n_learning_steps);
  read_steps (self->settings, "relearning-steps", config.relearning_steps, &config.n_relearning_steps);
  return rh_scheduler_new (&config);
}

static void
apply_settings (RhApplication *self)
{
  g_autoptr(RhScheduler) scheduler = NULL;

  if (self->session == NULL)
    return;
  scheduler = scheduler_from_settings (self);
  rh_study_session_set_scheduler (self->session, scheduler);
  rh_study_session_set_limits (self->session,
                               (guint)MAX (0, g_settings_get_int (self->settings, "new-cards-per-day")),
                               (guint)MAX (0, g_settings_get_int (self->settings, "reviews-per-day")));
}

/* Every setting applies at once, no restart. */
static void
settings_changed_cb (RhApplication *self,
                     const char    *key,
                     GSettings     *settings)
{
  if (g_str_has_prefix (key, "window-") || g_str_equal (key, "show-welcome") ||
      g_str_equal (key, "show-interval-previews"))
    return;
  apply_settings (self);
}

static void
open_store (RhApplication *self)
{
  g_autofree char *path = rh_store_default_path ();

  g_clear_object (&self->session);
  g_clear_object (&self->store);
  g_clear_error (&self->store_error);
  if (self->deck == NULL)
    return;
  self->store = rh_store_open (path, &self->store_error);
  if (self->store == NULL)
    {
      /* Not a program error: the window explains it to the user. */
      g_message ("%s", self->store_error->message);
      return;
    }
  self->session = rh_study_session_new (self->deck, self->store, self->clock);
  apply_settings (self);
}

static void
rh_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (rh_window_new (RH_APPLICATION (app)));
  gtk_window_present (window);
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

  gtk_window_present (GTK_WINDOW (rh_preferences_window_new (parent, self->settings)));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "preferences", preferences_activated },
  { "about", about_activated },
};

static void
rh_application_startup (GApplication *app)
{
  RhApplication *self = RH_APPLICATION (app);
  GtkApplication *gtk_app = GTK_APPLICATION (app);

  G_APPLICATION_CLASS (rh_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);

  gtk_application_set_accels_for_action (gtk_app, "app.quit", (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (gtk_app, "app.preferences", (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (gtk_app, "window.close", (const char *[]) { "<Control>w", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.view::study", (const char *[]) { "<Alt>1", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.view::browse", (const char *[]) { "<Alt>2", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.view::statistics", (const char *[]) { "<Alt>3", NULL });

  self->deck = rh_deck_parser_load_resource (BUILTIN_DECK, &self->deck_error);
  if (self->deck == NULL)
    g_critical ("The built-in deck does not load: %s", self->deck_error->message);

  if (self->clock == NULL)
    self->clock = rh_clock_new_system ();
  g_settings_bind (self->settings, "rollover-hour", self->clock, "rollover-hour", G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  open_store (self);
}

static void
rh_application_class_init (RhApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = rh_application_finalize;
  app_class->activate = rh_application_activate;
  app_class->startup = rh_application_startup;
}

static void
rh_application_init (RhApplication *self)
{
  /* Referencing the bundle links it in from the static library. */
  (void)rh_ui_resources_get_resource ();
  self->settings = g_settings_new (BASE_ID);
}

GSettings *
rh_application_get_settings (RhApplication *self)
{
  g_return_val_if_fail (RH_IS_APPLICATION (self), NULL);
  return self->settings;
}

/* The study session, or NULL when the store could not be opened. */
RhStudySession *
rh_application_get_session (RhApplication *self)
{
  g_return_val_if_fail (RH_IS_APPLICATION (self), NULL);
  return self->session;
}

const GError *
rh_application_get_store_error (RhApplication *self)
{
  g_return_val_if_fail (RH_IS_APPLICATION (self), NULL);
  return self->store_error;
}

/* Moves the database that failed to open aside and starts a fresh one.
 * Returns the name the old file now has. */
char *
rh_application_recover_store (RhApplication  *self,
                              GError        **error)
{
  g_autofree char *path = rh_store_default_path ();
  g_autofree char *moved = NULL;

  g_return_val_if_fail (RH_IS_APPLICATION (self), NULL);

  moved = rh_store_move_aside (path, error);
  if (moved == NULL)
    return NULL;
  open_store (self);
  if (self->store == NULL)
    {
      g_propagate_error (error, g_error_copy (self->store_error));
      return NULL;
    }
  return g_steal_pointer (&moved);
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

/* The built-in deck, or NULL if it failed to load (see get_deck_error). */
RhDeck *
rh_application_get_deck (RhApplication *self)
{
  g_return_val_if_fail (RH_IS_APPLICATION (self), NULL);
  return self->deck;
}

const GError *
rh_application_get_deck_error (RhApplication *self)
{
  g_return_val_if_fail (RH_IS_APPLICATION (self), NULL);
  return self->deck_error;
}
