/* rh-topic-row.c: one topic in the sidebar, or "All topics"
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows what is due and new today and the topic's readiness: the mean
 * predicted recall of its cards now, new cards counting as 0.  While a
 * search runs it shows the number of matching cards instead.
 */
#define G_LOG_DOMAIN "rehearse-topic-row"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-format.h"
#include "rh-topic-row-private.h"

struct _RhTopicRow {
  GtkListBoxRow parent_instance;

  GtkLabel *title_label;
  GtkLabel *counts_label;
  GtkLabel *readiness_label;
  GtkLevelBar *readiness_bar;

  RhTopic *topic;   /* NULL for "All topics" */
  RhCounts counts;
  int matches;      /* -1: no search */
  char *counts_text;
};

G_DEFINE_FINAL_TYPE (RhTopicRow, rh_topic_row, GTK_TYPE_LIST_BOX_ROW)

static void
update (RhTopicRow *self)
{
  g_autofree char *markup = NULL;
  g_autofree char *percent = rh_format_percent (self->counts.readiness);
  g_autofree char *description = NULL;
  guint due = self->counts.n_review + self->counts.n_learning;

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
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->readiness_bar),
                               _("Readiness: the chance you would recall a card of this topic right now, "
                                 "counting unseen cards as forgotten"));
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
  g_clear_pointer (&self->counts_text, g_free);

  G_OBJECT_CLASS (rh_topic_row_parent_class)->dispose (object);
}

static void
rh_topic_row_class_init (RhTopicRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_topic_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/rh-topic-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RhTopicRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, RhTopicRow, counts_label);
  gtk_widget_class_bind_template_child (widget_class, RhTopicRow, readiness_label);
  gtk_widget_class_bind_template_child (widget_class, RhTopicRow, readiness_bar);
}

static void
rh_topic_row_init (RhTopicRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->matches = -1;
  /* The bar is a measure, not a warning: one colour whatever its value. */
  gtk_level_bar_remove_offset_value (self->readiness_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->readiness_bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->readiness_bar, GTK_LEVEL_BAR_OFFSET_FULL);
}

/* @topic is NULL for the row that stands for every topic. */
GtkWidget *
rh_topic_row_new (RhTopic    *topic,
                  const char *title)
{
  RhTopicRow *self;

  g_return_val_if_fail (topic == NULL || RH_IS_TOPIC (topic), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (RH_TYPE_TOPIC_ROW, NULL);
  g_set_object (&self->topic, topic);
  gtk_label_set_label (self->title_label, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  update (self);
  return GTK_WIDGET (self);
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
