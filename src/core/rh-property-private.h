/* rh-property-private.h: storing a property's new value, for set_property
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each returns whether the value changed: properties are notified only
 * then (G_PARAM_EXPLICIT_NOTIFY).
 */
#pragma once

#include <glib-object.h>

static inline gboolean
rh_property_set_int (int          *field,
                     const GValue *value)
{
  if (*field == g_value_get_int (value))
    return FALSE;
  *field = g_value_get_int (value);
  return TRUE;
}

static inline gboolean
rh_property_set_boolean (gboolean     *field,
                         const GValue *value)
{
  if (*field == g_value_get_boolean (value))
    return FALSE;
  *field = g_value_get_boolean (value);
  return TRUE;
}
