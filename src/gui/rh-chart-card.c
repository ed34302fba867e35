/* rh-chart-card.c: a chart with its title, how to read it, and Save
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rehearse-chart-card"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rh-chart-card-private.h"

struct _RhChartCard {
  GtkWidget parent_instance;

  GtkWidget *content;
  GtkLabel *title_label;
  GtkLabel *description_label;
  RhChart *chart;

  char *name;       /* for file names: "retention" */
  char *summary;    /* the chart in words, for screen readers */
  GtkNativeDialog *dialog;
};

G_DEFINE_FINAL_TYPE (RhChartCard, rh_chart_card, GTK_TYPE_WIDGET)

static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  RhChartCard     *self)
{
  RhChartFileType type = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "type"));
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int width, height;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = g_file_get_path (file);
  /* Twice the size on screen, never less than a useful 1200 wide. */
  width = MAX (gtk_widget_get_width (GTK_WIDGET (self->chart)) * 2, 1200);
  height = MAX (gtk_widget_get_height (GTK_WIDGET (self->chart)) * 2 * width /
                MAX (gtk_widget_get_width (GTK_WIDGET (self->chart)) * 2, 1), 400);
  if (!rh_chart_save (self->chart, path, type, width, height,
                      adw_style_manager_get_dark (adw_style_manager_get_default ()), &error))
    {
      GtkWidget *message = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                   _("The Chart Was Not Saved"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (message));
    }
out:
  g_clear_object (&self->dialog);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RhChartCard *self = RH_CHART_CARD (widget);
  gboolean svg = g_str_equal (g_variant_get_string (parameter, NULL), "svg");
  g_autofree char *file_name = g_strdup_printf ("rehearse-%s.%s", self->name, svg ? "svg" : "png");
  GtkFileFilter *filter = gtk_file_filter_new ();

  g_clear_object (&self->dialog);
  self->dialog = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (svg ? _("Save Chart as SVG") : _("Save Chart as PNG"),
                                                                 GTK_WINDOW (gtk_widget_get_root (widget)),
                                                                 GTK_FILE_CHOOSER_ACTION_SAVE,
                                                                 _("_Save"), _("_Cancel")));
  gtk_file_filter_set_name (filter, svg ? _("SVG images") : _("PNG images"));
  gtk_file_filter_add_mime_type (filter, svg ? "image/svg+xml" : "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->dialog), filter);
  g_object_unref (filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->dialog), file_name);
  g_object_set_data (G_OBJECT (self->dialog), "type", GINT_TO_POINTER (svg ? RH_CHART_SVG : RH_CHART_PNG));
  g_signal_connect_object (self->dialog, "response", G_CALLBACK (save_response_cb), self, 0);
  gtk_native_dialog_show (self->dialog);
}

static void
rh_chart_card_dispose (GObject *object)
{
  RhChartCard *self = RH_CHART_CARD (object);

  g_clear_object (&self->dialog);
  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_CHART_CARD);

  G_OBJECT_CLASS (rh_chart_card_parent_class)->dispose (object);
}

static void
rh_chart_card_finalize (GObject *object)
{
  RhChartCard *self = RH_CHART_CARD (object);

  g_free (self->name);
  g_free (self->summary);

  G_OBJECT_CLASS (rh_chart_card_parent_class)->finalize (object);
}

static void
rh_chart_card_class_init (RhChartCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_chart_card_dispose;
  object_class->finalize = rh_chart_card_finalize;

  g_type_ensure (RH_TYPE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/rh-chart-card.ui");
  gtk_widget_class_bind_template_child (widget_class, RhChartCard, content);
  gtk_widget_class_bind_template_child (widget_class, RhChartCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, RhChartCard, description_label);
  gtk_widget_class_bind_template_child (widget_class, RhChartCard, chart);
  gtk_widget_class_install_action (widget_class, "chart.save", "s", save_action);
}

static void
rh_chart_card_init (RhChartCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* @name names saved files; @how_to_read is one plain sentence. */
GtkWidget *
rh_chart_card_new (const char  *name,
                   const char  *title,
                   const char  *how_to_read,
                   RhChartKind  kind)
{
  RhChartCard *self = g_object_new (RH_TYPE_CHART_CARD, NULL);

  self->name = g_strdup (name);
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->description_label, how_to_read);
  rh_chart_set_kind (self->chart, kind);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return GTK_WIDGET (self);
}

RhChart *
rh_chart_card_get_chart (RhChartCard *self)
{
  g_return_val_if_fail (RH_IS_CHART_CARD (self), NULL);
  return self->chart;
}

const char *
rh_chart_card_get_name (RhChartCard *self)
{
  g_return_val_if_fail (RH_IS_CHART_CARD (self), NULL);
  return self->name;
}

/* What the chart shows, in words: the accessible description. */
void
rh_chart_card_set_summary (RhChartCard *self,
                           const char  *summary)
{
  g_return_if_fail (RH_IS_CHART_CARD (self));

  g_free (self->summary);
  self->summary = g_strdup (summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary, -1);
}

const char *
rh_chart_card_get_summary (RhChartCard *self)
{
  g_return_val_if_fail (RH_IS_CHART_CARD (self), NULL);
  return self->summary;
}
