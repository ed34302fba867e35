/* rh-topic-row.c: one topic in the sidebar, or "All topics"
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rehearse-topic-row"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-topic-row.h"

struct _RhTopicRow {
  GtkListBoxRow parent_instance;

  GtkLabel *title_label;
  GtkLabel *counts_label;

  RhTopic *topic;   /* NULL for "All topics" */
};

G_DEFINE_FINAL_TYPE (RhTopicRow, rh_topic_row, GTK_TYPE_LIST_BOX_ROW)

static void
rh_topic_row_dispose (GObject *object)
{
  RhTopicRow *self = RH_TOPIC_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_TOPIC_ROW);
  g_clear_object (&self->topic);

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
}

static void
rh_topic_row_init (RhTopicRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* @topic is NULL for the row that stands for every topic. */
GtkWidget *
rh_topic_row_new (RhTopic    *topic,
                  const char *title,
                  guint       n_cards)
{
  RhTopicRow *self;
  g_autofree char *counts = NULL;

  g_return_val_if_fail (topic == NULL || RH_IS_TOPIC (topic), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (RH_TYPE_TOPIC_ROW, NULL);
  g_set_object (&self->topic, topic);
  gtk_label_set_label (self->title_label, title);
  counts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards", n_cards), n_cards);
  gtk_label_set_label (self->counts_label, counts);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, counts,
                                  -1);
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
