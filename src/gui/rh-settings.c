/* rh-settings.c: the learner's GSettings, bound to the core's options
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The core knows nothing of GSettings: it has RhSchedulingOptions with plain
 * properties.  Binding them here, one way (settings to options), makes every
 * preference apply at once, and keeps tests free to set options directly.
 */
#define G_LOG_DOMAIN "rehearse-settings"

#include "config.h"

#include "rh-settings.h"

void
rh_settings_bind_options (GSettings           *settings,
                          RhSchedulingOptions *options)
{
  static const struct {
    const char *key;
    const char *property;
  } bindings[] = {
    { "desired-retention", "desired-retention" },
    { "new-cards-per-day", "new-per-day" },
    { "reviews-per-day", "reviews-per-day" },
    { "learning-steps", "learning-steps" },
    { "relearning-steps", "relearning-steps" },
    { "rollover-hour", "rollover-hour" },
  };

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (RH_IS_SCHEDULING_OPTIONS (options));

  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    g_settings_bind (settings, bindings[i].key, options, bindings[i].property, G_SETTINGS_BIND_GET);
}
