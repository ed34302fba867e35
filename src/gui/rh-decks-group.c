/* rh-decks-group.c: the Decks group of Preferences: every deck, on or off
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every deck the library has, the ones the learner removed too: this is
 * where a removed deck (the built-in one as well, which has no file to add
 * again) is switched back on.  A deck that did not load says why.
 */
#define G_LOG_DOMAIN "rehearse-decks-group"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-deck-dialogs.h"
#include "rh-decks-group.h"
#include "rh-format.h"

struct _RhDecksGroup {
  AdwPreferencesGroup parent_instance;

  GtkListBox *list;

  RhCollection *collection;
};

G_DEFINE_FINAL_TYPE (RhDecksGroup, rh_decks_group, ADW_TYPE_PREFERENCES_GROUP)

static char *
describe (RhDeckSource *source)
{
  RhDeck *deck = rh_deck_source_get_deck (source);
  const GError *error = rh_deck_source_get_error (source);
  g_autofree char *size = NULL;

  if (deck == NULL || (error != NULL && !rh_deck_source_is_usable (source) && !rh_deck_source_get_hidden (source)))
    return g_markup_escape_text (error != NULL ? error->message : "", -1);
  size = rh_format_deck_size (deck);
  return g_markup_escape_text (size, -1);
}

static void
switch_cb (GtkSwitch    *button,
           GParamSpec   *pspec,
           RhDecksGroup *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "rh-deck-id");

  rh_deck_library_set_deck_hidden (rh_collection_get_library (self->collection), id,
                                   !gtk_switch_get_active (button));
}

static GtkWidget *
deck_row (RhDecksGroup *self,
          RhDeckSource *source)
{
  RhDeck *deck = rh_deck_source_get_deck (source);
  g_autofree char *name = rh_deck_source_dup_display_name (source);
  g_autofree char *title = g_markup_escape_text (name, -1);
  g_autofree char *subtitle = describe (source);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* A deck whose id another deck has gets no switch: it would switch that one. */
  if (deck != NULL && (rh_deck_source_is_usable (source) ||
                       (rh_deck_source_get_hidden (source) && rh_deck_source_get_error (source) == NULL)))
    {
      GtkWidget *button = gtk_switch_new ();

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (button), !rh_deck_source_get_hidden (source));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data_full (G_OBJECT (button), "rh-deck-id", g_strdup (rh_deck_get_id (deck)), g_free);
      g_signal_connect (button, "notify::active", G_CALLBACK (switch_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
    }
  else
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  return row;
}

static void
fill (RhDecksGroup *self)
{
  GListModel *sources;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  if (self->collection == NULL)
    return;
  sources = rh_deck_library_get_sources (rh_collection_get_library (self->collection));
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(RhDeckSource) source = g_list_model_get_item (sources, i);

      gtk_list_box_append (self->list, deck_row (self, source));
    }
}

static void
added_cb (const char *message,
          const char *removed_id,
          gpointer    user_data)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (user_data), ADW_TYPE_PREFERENCES_WINDOW);

  g_autofree char *escaped = g_markup_escape_text (message, -1);

  if (window != NULL)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), adw_toast_new (escaped));
}

static void
add_action (GtkWidget  *widget,
            const char *action,
            GVariant   *parameter)
{
  RhDecksGroup *self = RH_DECKS_GROUP (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->collection != NULL && GTK_IS_WINDOW (root))
    rh_deck_dialogs_add (GTK_WINDOW (root), self->collection, added_cb, self);
}

static void
rh_decks_group_dispose (GObject *object)
{
  RhDecksGroup *self = RH_DECKS_GROUP (object);

  if (self->collection != NULL)
    g_signal_handlers_disconnect_by_data (rh_collection_get_library (self->collection), self);
  g_clear_object (&self->collection);
  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_DECKS_GROUP);

  G_OBJECT_CLASS (rh_decks_group_parent_class)->dispose (object);
}

static void
rh_decks_group_class_init (RhDecksGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_decks_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/rh-decks-group.ui");
  gtk_widget_class_bind_template_child (widget_class, RhDecksGroup, list);
  gtk_widget_class_install_action (widget_class, "decks.add", NULL, add_action);
}

static void
rh_decks_group_init (RhDecksGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* The collection whose decks the group lists and switches. */
void
rh_decks_group_set_collection (RhDecksGroup *self,
                               RhCollection *collection)
{
  g_return_if_fail (RH_IS_DECKS_GROUP (self));
  g_return_if_fail (collection == NULL || RH_IS_COLLECTION (collection));

  if (self->collection != NULL)
    g_signal_handlers_disconnect_by_data (rh_collection_get_library (self->collection), self);
  g_set_object (&self->collection, collection);
  if (collection != NULL)
    g_signal_connect_object (rh_collection_get_library (collection), "changed", G_CALLBACK (fill), self,
                             G_CONNECT_SWAPPED);
  fill (self);
}
