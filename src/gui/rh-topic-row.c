/* rh-topic-row.c: one row of the sidebar: "All decks", a deck, or a topic
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows what is due and new today and the readiness: the mean predicted
 * recall of the cards now, new cards counting as 0.  While a search runs it
 * shows the number of matching cards instead.  A deck's row folds its
 * topics away and has the deck's menu; a deck that did not load has a row
 * too, with a warning and the reason in its tooltip.
 */
#define G_LOG_DOMAIN "rehearse-topic-row"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-format.h"
#include "rh-topic-row-private.h"

struct _RhTopicRow {
  GtkListBoxRow parent_instance;

  GtkButton *expander;
  gboolean expanded;
  GtkImage *problem_icon;
  GtkLabel *title_label;
  GtkMenuButton *menu_button;
  GtkLabel *counts_label;
  GtkLabel *readiness_label;
  GtkLevelBar *readiness_bar;

  RhTopic *topic;          /* a topic's row */
  RhDeckSource *source;    /* a deck's row */
  RhCounts counts;
  int matches;      /* -1: no search */
  char *counts_text;
};

G_DEFINE_FINAL_TYPE (RhTopicRow, rh_topic_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_EXPANDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A deck that did not load: why, in place of the counts. */
static gboolean
show_problem (RhTopicRow *self)
{
  const GError *error;

  if (self->source == NULL || rh_deck_source_is_usable (self->source))
    return FALSE;
  error = rh_deck_source_get_error (self->source);
  g_free (self->counts_text);
  self->counts_text = g_strdup (_("Not loaded: open its menu to see why"));
  gtk_label_set_label (self->counts_label, self->counts_text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), error != NULL ? error->message : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->readiness_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->readiness_bar), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  error != NULL ? error->message : self->counts_text, -1);
  return TRUE;
}

static void
update (RhTopicRow *self)
{
  g_autofree char *markup = NULL;
  g_autofree char *percent = rh_format_percent (self->counts.readiness);
  g_autofree char *description = NULL;
  guint due = self->counts.n_review + self->counts.n_learning;

  if (show_problem (self))
    return;
  g_free (self->counts_text);
  if (self->matches >= 0)
    {
      self->counts_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d match", "%d matches", self->matches),
                                           self->matches);
      markup = g_markup_escape_text (self->counts_text, -1);
    }
  else if (due == 0 && self->counts.n_new == 0)
    {
      self->counts_text = g_strdup (_("Nothing due"));
      markup = g_markup_printf_escaped ("<span alpha=\"60%%\">%s</span>", self->counts_text);
    }
  else
    {
      /* Translators: sidebar counts, "12 due · 3 new". */
      self->counts_text = g_strdup_printf (_("%u due · %u new"), due, self->counts.n_new);
      markup = g_markup_printf_escaped ("<span font_features=\"tnum\">%s</span>", self->counts_text);
    }
  gtk_label_set_markup (self->counts_label, markup);

  gtk_label_set_label (self->readiness_label, percent);
  gtk_level_bar_set_value (self->readiness_bar, CLAMP (self->counts.readiness, 0.0, 1.0));
  gtk_widget_set_visible (GTK_WIDGET (self->readiness_bar), TRUE);
  /* Translators: for screen readers: "12 due · 3 new, readiness 43%". */
  description = g_strdup_printf (_("%s, readiness %s"), self->counts_text, percent);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

static void
rh_topic_row_dispose (GObject *object)
{
  RhTopicRow *self = RH_TOPIC_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_TOPIC_ROW);
  g_clear_object (&self->topic);
  g_clear_object (&self->source);
  g_clear_pointer (&self->counts_text, g_free);

  G_OBJECT_CLASS (rh_topic_row_parent_class)->dispose (object);
}

static void
expander_clicked_cb (RhTopicRow *self)
{
  rh_topic_row_set_expanded (self, !self->expanded);
}

static void
rh_topic_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RhTopicRow *self = RH_TOPIC_ROW (object);

  switch (prop_id)
    {
    case PROP_EXPANDED:
      g_value_set_boolean (value, rh_topic_row_get_expanded (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_topic_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  RhTopicRow *self = RH_TOPIC_ROW (object);

  switch (prop_id)
    {
    case PROP_EXPANDED:
      rh_topic_row_set_expanded (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_topic_row_class_init (RhTopicRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_topic_row_dispose;
  object_class->get_property = rh_topic_row_get_property;
  object_class->set_property = rh_topic_row_set_property;

  /* A deck's row: whether its topics are shown. */
  properties[PROP_EXPANDED] =
    g_param_spec_boolean ("expanded", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/rh-topic-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RhTopicRow, expander);
  gtk_widget_class_bind_template_child (widget_class, RhTopicRow, problem_icon);
  gtk_widget_class_bind_template_child (widget_class, RhTopicRow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, RhTopicRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, RhTopicRow, counts_label);
  gtk_widget_class_bind_template_child (widget_class, RhTopicRow, readiness_label);
  gtk_widget_class_bind_template_child (widget_class, RhTopicRow, readiness_bar);
  gtk_widget_class_bind_template_callback (widget_class, expander_clicked_cb);
}

static void
rh_topic_row_init (RhTopicRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->matches = -1;
  self->expanded = TRUE;
  /* The bar is a measure, not a warning: one colour whatever its value. */
  gtk_level_bar_remove_offset_value (self->readiness_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->readiness_bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->readiness_bar, GTK_LEVEL_BAR_OFFSET_FULL);
}

static RhTopicRow *
row_new (const char *title)
{
  RhTopicRow *self = g_object_new (RH_TYPE_TOPIC_ROW, NULL);

  gtk_label_set_label (self->title_label, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return self;
}

/* @topic is NULL for the row that stands for every deck. */
GtkWidget *
rh_topic_row_new (RhTopic    *topic,
                  const char *title)
{
  RhTopicRow *self;

  g_return_val_if_fail (topic == NULL || RH_IS_TOPIC (topic), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  self = row_new (title);
  g_set_object (&self->topic, topic);
  if (topic != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "topic-of-deck");
  update (self);
  return GTK_WIDGET (self);
}

static GMenuModel *
deck_menu (RhDeckSource *source)
{
  RhDeck *deck = rh_deck_source_get_deck (source);
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenuItem) info = g_menu_item_new (_("Deck _Information"), NULL);
  /* Named by its file (or resource): two files may hold one deck id. */
  const char *id = rh_deck_source_get_location (source) != NULL ? rh_deck_source_get_location (source)
                                                                 : rh_deck_get_id (deck);

  g_menu_item_set_action_and_target (info, "win.deck-info", "s", id != NULL ? id : "");
  g_menu_append_item (menu, info);
  if (rh_deck_source_is_usable (source))
    {
      g_autoptr(GMenuItem) remove = g_menu_item_new (_("_Remove Deck"), NULL);

      g_menu_item_set_action_and_target (remove, "win.remove-deck", "s", rh_deck_get_id (deck));
      g_menu_append_item (menu, remove);
    }
  return G_MENU_MODEL (menu);
}

/* A deck's row: its counts, its topics folded in or out, its menu; or,
 * when it did not load, why. */
GtkWidget *
rh_topic_row_new_deck (RhDeckSource *source)
{
  g_autofree char *title = NULL;
  g_autoptr(GMenuModel) menu = NULL;
  RhTopicRow *self;

  g_return_val_if_fail (RH_IS_DECK_SOURCE (source), NULL);

  title = rh_deck_source_dup_display_name (source);
  self = row_new (title);
  g_set_object (&self->source, source);
  gtk_widget_add_css_class (GTK_WIDGET (self), "deck-row");
  menu = deck_menu (source);
  gtk_menu_button_set_menu_model (self->menu_button, menu);
  gtk_widget_set_visible (GTK_WIDGET (self->menu_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->expander), rh_deck_source_is_usable (source));
  /* A deck that loaded, but whose file now has a mistake: still in use.
   * The tooltip is set before the icon shows (see the readiness bar). */
  if (rh_deck_source_is_usable (source) && rh_deck_source_get_error (source) != NULL)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->problem_icon), rh_deck_source_get_error (source)->message);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_icon), rh_deck_source_get_error (source) != NULL);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), rh_deck_source_is_usable (source));
  update (self);
  return GTK_WIDGET (self);
}

RhDeckSource *
rh_topic_row_get_source (RhTopicRow *self)
{
  g_return_val_if_fail (RH_IS_TOPIC_ROW (self), NULL);
  return self->source;
}

gboolean
rh_topic_row_get_expanded (RhTopicRow *self)
{
  g_return_val_if_fail (RH_IS_TOPIC_ROW (self), FALSE);
  return self->expanded;
}

void
rh_topic_row_set_expanded (RhTopicRow *self,
                           gboolean    expanded)
{
  g_return_if_fail (RH_IS_TOPIC_ROW (self));

  expanded = !!expanded;
  if (self->expanded == expanded)
    return;
  self->expanded = expanded;
  gtk_button_set_icon_name (self->expander, expanded ? "pan-down-symbolic" : "pan-end-symbolic");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_EXPANDED, expanded, -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPANDED]);
}

RhTopic *
rh_topic_row_get_topic (RhTopicRow *self)
{
  g_return_val_if_fail (RH_IS_TOPIC_ROW (self), NULL);
  return self->topic;
}

const char *
rh_topic_row_get_title (RhTopicRow *self)
{
  g_return_val_if_fail (RH_IS_TOPIC_ROW (self), NULL);
  return gtk_label_get_label (self->title_label);
}

void
rh_topic_row_set_counts (RhTopicRow     *self,
                         const RhCounts *counts)
{
  g_return_if_fail (RH_IS_TOPIC_ROW (self));
  g_return_if_fail (counts != NULL);

  self->counts = *counts;
  update (self);
}

/* The number of cards matching the search, or -1 when there is none. */
void
rh_topic_row_set_matches (RhTopicRow *self,
                          int         matches)
{
  g_return_if_fail (RH_IS_TOPIC_ROW (self));

  if (self->matches == matches)
    return;
  self->matches = matches;
  update (self);
}

const char *
rh_topic_row_get_counts_text (RhTopicRow *self)
{
  g_return_val_if_fail (RH_IS_TOPIC_ROW (self), NULL);
  return self->counts_text;
}
