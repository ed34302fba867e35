/* rh-window.c: the topic sidebar beside the study, browse and statistics views
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rehearse-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rh-topic-sidebar.h"
#include "rh-window.h"

struct _RhWindow {
  AdwApplicationWindow parent_instance;

  AdwLeaflet *leaflet;
  GtkWidget *sidebar_box;
  GtkWidget *content_box;
  RhTopicSidebar *sidebar;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack *stack;
  AdwToastOverlay *toast_overlay;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (RhWindow, rh_window, ADW_TYPE_APPLICATION_WINDOW)

static void
view_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RhWindow *self = RH_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->stack, name) == NULL)
    {
      g_warning ("There is no view called “%s”", name);
      return;
    }
  adw_view_stack_set_visible_child_name (self->stack, name);
  /* On a narrow window the views are behind the sidebar: bring them up. */
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
}

static void
show_topics_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RhWindow *self = RH_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar_box);
}

static void
sidebar_topic_activated_cb (RhWindow *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
}

static void
sidebar_scope_changed_cb (RhWindow *self)
{
  adw_view_switcher_title_set_subtitle (self->switcher_title,
                                        rh_topic_sidebar_get_scope_title (self->sidebar));
}

static gboolean
rh_window_close_request (GtkWindow *window)
{
  RhWindow *self = RH_WINDOW (window);
  int width, height;

  /* The default size follows the window as the user resizes it, and is
   * the unmaximized size while maximized: what the next start wants. */
  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (rh_window_parent_class)->close_request (window);
}

/* "application" is not a construct property, so this runs once it is set. */
static void
rh_window_setup (RhWindow      *self,
                 RhApplication *app)
{
  self->settings = g_object_ref (rh_application_get_settings (app));
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  rh_topic_sidebar_set_deck (self->sidebar, rh_application_get_deck (app));
  sidebar_scope_changed_cb (self);
}

static void
rh_window_dispose (GObject *object)
{
  RhWindow *self = RH_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rh_window_parent_class)->dispose (object);
}

static void
rh_window_class_init (RhWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rh_window_dispose;
  window_class->close_request = rh_window_close_request;

  g_type_ensure (RH_TYPE_TOPIC_SIDEBAR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/rh-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RhWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RhWindow, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_topic_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_scope_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.view", "s", view_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-topics", NULL, show_topics_action_cb);
}

static void
rh_window_init (RhWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (g_strcmp0 (PROFILE, "Devel") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

RhWindow *
rh_window_new (RhApplication *application)
{
  RhWindow *self;

  g_return_val_if_fail (RH_IS_APPLICATION (application), NULL);

  self = g_object_new (RH_TYPE_WINDOW, "application", application, NULL);
  rh_window_setup (self, application);
  return self;
}
