/* rh-deck-info-window.c: a deck's title, description, size and file
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For a deck that did not load (or whose file now has a mistake), the
 * problem comes first, whole: it names the file and the line.
 */
#define G_LOG_DOMAIN "rehearse-deck-info-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-deck-info-window.h"

struct _RhDeckInfoWindow {
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  AdwPreferencesGroup *problem_group;
  GtkLabel *problem_label;
  AdwPreferencesGroup *about_group;
  AdwPreferencesGroup *counts_group;
  GtkLabel *description_label;
  AdwActionRow *cards_row;
  AdwActionRow *topics_row;
  AdwActionRow *id_row;
  AdwActionRow *kind_row;
  AdwActionRow *file_row;
};

G_DEFINE_FINAL_TYPE (RhDeckInfoWindow, rh_deck_info_window, ADW_TYPE_WINDOW)

static void
rh_deck_info_window_class_init (RhDeckInfoWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/rh-deck-info-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RhDeckInfoWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, RhDeckInfoWindow, problem_group);
  gtk_widget_class_bind_template_child (widget_class, RhDeckInfoWindow, problem_label);
  gtk_widget_class_bind_template_child (widget_class, RhDeckInfoWindow, about_group);
  gtk_widget_class_bind_template_child (widget_class, RhDeckInfoWindow, counts_group);
  gtk_widget_class_bind_template_child (widget_class, RhDeckInfoWindow, description_label);
  gtk_widget_class_bind_template_child (widget_class, RhDeckInfoWindow, cards_row);
  gtk_widget_class_bind_template_child (widget_class, RhDeckInfoWindow, topics_row);
  gtk_widget_class_bind_template_child (widget_class, RhDeckInfoWindow, id_row);
  gtk_widget_class_bind_template_child (widget_class, RhDeckInfoWindow, kind_row);
  gtk_widget_class_bind_template_child (widget_class, RhDeckInfoWindow, file_row);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rh_deck_info_window_init (RhDeckInfoWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static const char *
describe_kind (RhDeckSourceKind kind)
{
  switch (kind)
    {
    case RH_DECK_SOURCE_BUILT_IN:
      return _("With Rehearse");
    case RH_DECK_SOURCE_USER:
      return _("By you, in your deck folder");
    case RH_DECK_SOURCE_SYSTEM:
      return _("For everyone on this computer");
    case RH_DECK_SOURCE_MEMORY:
    default:
      return _("Loaded by a program");
    }
}

/* Titles and subtitles of rows and groups are markup: a deck's text is not. */
static void
set_value (AdwActionRow *row,
           const char   *value)
{
  g_autofree char *escaped = g_markup_escape_text (value, -1);

  adw_action_row_set_subtitle (row, escaped);
}

static void
show_deck (RhDeckInfoWindow *self,
           RhDeck           *deck)
{
  guint n_cards = rh_deck_get_n_cards (deck);
  guint n_topics = g_list_model_get_n_items (rh_deck_get_topics (deck));
  g_autofree char *cards = g_strdup_printf ("%'u", n_cards);
  g_autofree char *topics = g_strdup_printf ("%'u", n_topics);
  g_autofree char *heading = g_markup_escape_text (rh_deck_get_title (deck), -1);

  adw_window_title_set_title (self->window_title, rh_deck_get_title (deck));
  adw_preferences_group_set_title (self->about_group, heading);
  gtk_label_set_label (self->description_label, rh_deck_get_description (deck));
  gtk_widget_set_visible (GTK_WIDGET (self->description_label),
                          rh_deck_get_description (deck) != NULL && rh_deck_get_description (deck)[0] != '\0');
  set_value (self->cards_row, cards);
  set_value (self->topics_row, topics);
  set_value (self->id_row, rh_deck_get_id (deck));
}

/* The information of the deck of @source, in a window over @parent. */
GtkWidget *
rh_deck_info_window_new (GtkWindow    *parent,
                         RhDeckSource *source)
{
  RhDeckInfoWindow *self;
  RhDeck *deck;
  const GError *error;
  const char *location;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RH_IS_DECK_SOURCE (source), NULL);

  self = g_object_new (RH_TYPE_DECK_INFO_WINDOW, "transient-for", parent, NULL);
  deck = rh_deck_source_get_deck (source);
  error = rh_deck_source_get_error (source);
  location = rh_deck_source_get_location (source);
  if (deck != NULL)
    show_deck (self, deck);
  else
    {
      g_autofree char *name = rh_deck_source_dup_display_name (source);

      adw_window_title_set_title (self->window_title, name);
      gtk_widget_set_visible (GTK_WIDGET (self->about_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->counts_group), FALSE);
    }
  if (error != NULL)
    {
      gtk_label_set_label (self->problem_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->problem_group), TRUE);
      adw_preferences_group_set_description (self->problem_group,
                                             deck != NULL ? _("The deck as it was before is still in use.")
                                                          : _("The deck is not in use until its file is put right."));
    }
  set_value (self->kind_row, describe_kind (rh_deck_source_get_kind (source)));
  if (location != NULL && rh_deck_source_get_kind (source) != RH_DECK_SOURCE_BUILT_IN)
    {
      g_autofree char *display = g_filename_display_name (location);

      set_value (self->file_row, display);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->file_row), FALSE);
  return GTK_WIDGET (self);
}
