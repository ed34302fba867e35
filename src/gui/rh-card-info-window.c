/* rh-card-info-window.c: a card's schedule now and every review it had
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rehearse-card-info"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-card-info-window.h"
#include "rh-format.h"

struct _RhCardInfoWindow {
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  AdwPreferencesGroup *now_group;
  AdwPreferencesGroup *history_group;
};

G_DEFINE_FINAL_TYPE (RhCardInfoWindow, rh_card_info_window, ADW_TYPE_WINDOW)

static void
add_value_row (AdwPreferencesGroup *group,
               const char          *title,
               const char          *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (label, "numeric");
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (group, row);
}

static const char *
kind_name (RhReviewKind kind)
{
  switch (kind)
    {
    case RH_REVIEW_LEARN: return _("learning");
    case RH_REVIEW_RELEARN: return _("relearning");
    case RH_REVIEW_PRACTICE: return _("practice, schedule unchanged");
    case RH_REVIEW_RESET: return _("progress reset");
    case RH_REVIEW_REVIEW:
    default: return _("review");
    }
}

static void
rh_card_info_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RH_TYPE_CARD_INFO_WINDOW);
  G_OBJECT_CLASS (rh_card_info_window_parent_class)->dispose (object);
}

static void
rh_card_info_window_class_init (RhCardInfoWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_card_info_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/rh-card-info-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RhCardInfoWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, RhCardInfoWindow, now_group);
  gtk_widget_class_bind_template_child (widget_class, RhCardInfoWindow, history_group);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rh_card_info_window_init (RhCardInfoWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
fill (RhCardInfoWindow *self,
      RhCollection     *collection,
      RhCard           *card)
{
  const RhStoredCard *stored = rh_collection_lookup_state (collection, rh_card_get_id (card));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) history = NULL;

  adw_window_title_set_title (self->window_title, rh_card_get_title (card));
  if (stored == NULL || stored->state.state == RH_CARD_NEW)
    {
      add_value_row (self->now_group, _("State"),
                     stored != NULL && stored->suspended ? _("New, suspended") : _("New: not studied yet"));
    }
  else
    {
      const RhCardState *s = &stored->state;
      g_autofree char *due = rh_format_when (rh_collection_get_clock (collection), s->due);
      g_autofree char *stability = g_strdup_printf (_("%.2f days"), s->stability);
      g_autofree char *difficulty = g_strdup_printf (_("%.2f of 10"), s->difficulty);
      g_autofree char *recall = rh_format_percent (rh_collection_retrievability (collection, rh_card_get_id (card)));
      g_autofree char *reps = g_strdup_printf ("%d", s->reps);
      g_autofree char *lapses = g_strdup_printf ("%d", s->lapses);
      add_value_row (self->now_group, _("State"), rh_format_state (s->state, stored->suspended));
      add_value_row (self->now_group, _("Next review"), due);
      add_value_row (self->now_group, _("Recall now"), recall);
      add_value_row (self->now_group, _("Stability"), stability);
      add_value_row (self->now_group, _("Difficulty"), difficulty);
      add_value_row (self->now_group, _("Reviews"), reps);
      add_value_row (self->now_group, _("Lapses"), lapses);
    }

  history = rh_collection_get_history (collection, rh_card_get_id (card), &error);
  if (history == NULL)
    {
      add_value_row (self->history_group, _("The history could not be read"), error->message);
      return;
    }
  if (history->len == 0)
    adw_preferences_group_set_description (self->history_group, _("No reviews yet"));
  /* Newest first: the question is usually "what happened last time". */
  for (guint i = history->len; i > 0; i--)
    {
      const RhReview *review = &g_array_index (history, RhReview, i - 1);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *when = rh_format_date_time (review->reviewed_at);
      g_autofree char *title = g_strdup_printf ("%s · %s", rh_format_rating (review->rating), when);
      g_autofree char *subtitle = NULL;

      if (review->kind == RH_REVIEW_PRACTICE || review->kind == RH_REVIEW_RESET)
        subtitle = g_strdup (kind_name (review->kind));
      else
        {
          g_autofree char *interval = rh_format_interval (review->after.due - review->reviewed_at);

          RhScheduler *scheduler = rh_collection_get_scheduler (collection);
          double recall = rh_scheduler_retrievability (scheduler, &review->before, review->reviewed_at);
          g_autofree char *then = rh_format_percent (recall);

          /* Translators: "review · recall then 87% · stability 12.3 d · difficulty 5.1 · next after 12d". */
          subtitle = review->before.state == RH_CARD_NEW
                     ? g_strdup_printf (_("%s · first time · stability %.1f d · difficulty %.1f · next after %s"),
                                        kind_name (review->kind), review->after.stability,
                                        review->after.difficulty, interval)
                     : g_strdup_printf (_("%s · recall then %s · stability %.1f d · difficulty %.1f · next after %s"),
                                        kind_name (review->kind), then, review->after.stability,
                                        review->after.difficulty, interval);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_preferences_group_add (self->history_group, row);
    }
}

GtkWidget *
rh_card_info_window_new (GtkWindow    *parent,
                         RhCollection *collection,
                         RhCard       *card)
{
  RhCardInfoWindow *self;

  g_return_val_if_fail (RH_IS_COLLECTION (collection), NULL);
  g_return_val_if_fail (RH_IS_CARD (card), NULL);

  self = g_object_new (RH_TYPE_CARD_INFO_WINDOW, "transient-for", parent, NULL);
  fill (self, collection, card);
  return GTK_WIDGET (self);
}
