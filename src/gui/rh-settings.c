/* rh-settings.c: the learner's GSettings, bound to the core's options
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The core knows nothing of GSettings: it has RhSchedulingOptions and
 * RhReminders with plain properties.  Binding them here, one way (settings to options), makes every
 * preference apply at once, and keeps tests free to set options directly.
 */
#define G_LOG_DOMAIN "rehearse-settings"

#include "config.h"

#include "rh-settings.h"

typedef struct {
  const char *key;
  const char *property;
} Binding;

static void
bind_all (GSettings     *settings,
          gpointer       object,
          const Binding *bindings,
          guint          n_bindings)
{
  for (guint i = 0; i < n_bindings; i++)
    g_settings_bind (settings, bindings[i].key, object, bindings[i].property, G_SETTINGS_BIND_GET);
}

void
rh_settings_bind_options (GSettings           *settings,
                          RhSchedulingOptions *options)
{
  static const Binding bindings[] = {
    { "desired-retention", "desired-retention" },
    { "new-cards-per-day", "new-per-day" },
    { "reviews-per-day", "reviews-per-day" },
    { "learning-steps", "learning-steps" },
    { "relearning-steps", "relearning-steps" },
    { "rollover-hour", "rollover-hour" },
  };

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (RH_IS_SCHEDULING_OPTIONS (options));

  bind_all (settings, options, bindings, G_N_ELEMENTS (bindings));
}

void
rh_settings_bind_reminders (GSettings   *settings,
                            RhReminders *reminders)
{
  static const Binding bindings[] = {
    { "reminders", "enabled" },
    { "reminder-interval-hours", "interval-hours" },
    { "quiet-hours-start", "quiet-hours-start" },
    { "quiet-hours-end", "quiet-hours-end" },
    { "reminder-style", "style" },
  };

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (RH_IS_REMINDERS (reminders));

  bind_all (settings, reminders, bindings, G_N_ELEMENTS (bindings));
}
