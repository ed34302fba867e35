/* rh-topic-sidebar.c: "All topics" and each topic; the selection scopes the views
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A click selects one row, Ctrl+click adds or removes a topic.  "All topics"
 * and single topics exclude each other, and something is always selected.
 */
#define G_LOG_DOMAIN "rehearse-topic-sidebar"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rh-topic-row.h"
#include "rh-topic-sidebar-private.h"

struct _RhTopicSidebar {
  GtkWidget parent_instance;

  GtkWidget *content;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkListBox *list;

  RhDeck *deck;
  GtkListBoxRow *all_row;
  gboolean all_was_selected;
  gboolean updating;
  char *scope_title;
  char *search_text;     /* case-folded; NULL when not searching */
};

G_DEFINE_FINAL_TYPE (RhTopicSidebar, rh_topic_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DECK,
  PROP_SCOPE_TITLE,
  PROP_SEARCH_TEXT,
  N_PROPS
};

enum {
  TOPIC_ACTIVATED,
  SELECTION_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_scope_title (RhTopicSidebar *self,
                 char           *title)
{
  if (g_strcmp0 (self->scope_title, title) == 0)
    {
      g_free (title);
      return;
    }
  g_free (self->scope_title);
  self->scope_title = title;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCOPE_TITLE]);
}

static void
update_scope_title (RhTopicSidebar *self)
{
  g_autoptr(GList) rows = gtk_list_box_get_selected_rows (self->list);
  guint n = g_list_length (rows);

  if (n == 0 || gtk_list_box_row_is_selected (self->all_row))
    set_scope_title (self, g_strdup (_("All topics")));
  else if (n == 1)
    set_scope_title (self, g_strdup (rh_topic_row_get_title (RH_TOPIC_ROW (rows->data))));
  else
    set_scope_title (self, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u topic", "%u topics", n), n));
}

static void
selection_changed_cb (RhTopicSidebar *self)
{
  gboolean all_selected;
  g_autoptr(GList) rows = NULL;

  /* The list emits this while it is being disposed, too. */
  if (self->updating || self->all_row == NULL || self->list == NULL)
    return;

  self->updating = TRUE;
  rows = gtk_list_box_get_selected_rows (self->list);
  all_selected = gtk_list_box_row_is_selected (self->all_row);

  if (rows == NULL)
    gtk_list_box_select_row (self->list, self->all_row);
  else if (all_selected && rows->next != NULL)
    {
      /* Ctrl+click made "All topics" and some topics selected together:
       * whichever was just added wins. */
      if (self->all_was_selected)
        gtk_list_box_unselect_row (self->list, self->all_row);
      else
        {
          gtk_list_box_unselect_all (self->list);
          gtk_list_box_select_row (self->list, self->all_row);
        }
    }
  self->all_was_selected = gtk_list_box_row_is_selected (self->all_row);
  self->updating = FALSE;

  update_scope_title (self);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
row_activated_cb (RhTopicSidebar *self,
                  GtkListBoxRow  *row)
{
  g_signal_emit (self, signals[TOPIC_ACTIVATED], 0);
}

/* Shows how many cards of each topic match, and hides the topics with none. */
static void
apply_search (RhTopicSidebar *self)
{
  g_autoptr(GHashTable) matches = g_hash_table_new (g_str_hash, g_str_equal);
  int total = 0;

  if (self->deck != NULL && self->search_text != NULL)
    {
      GListModel *cards = rh_deck_get_cards (self->deck);

      for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
        {
          g_autoptr(RhCard) card = g_list_model_get_item (cards, i);

          if (strstr (rh_card_get_search_text (card), self->search_text) != NULL)
            {
              const char *topic = rh_card_get_topic_id (card);

              g_hash_table_insert (matches, (gpointer)topic,
                                   GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (matches, topic)) + 1));
              total++;
            }
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      RhTopicRow *row = RH_TOPIC_ROW (child);
      RhTopic *topic = rh_topic_row_get_topic (row);
      int n = topic != NULL ? GPOINTER_TO_INT (g_hash_table_lookup (matches, rh_topic_get_id (topic))) : total;

      rh_topic_row_set_matches (row, self->search_text != NULL ? n : -1);
      gtk_widget_set_visible (child, self->search_text == NULL || topic == NULL || n > 0);
    }
}

static void
search_changed_cb (RhTopicSidebar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  char *folded = stripped[0] != '\0' ? g_utf8_casefold (stripped, -1) : NULL;

  if (g_strcmp0 (folded, self->search_text) == 0)
    {
      g_free (folded);
      return;
    }
  g_free (self->search_text);
  self->search_text = folded;
  apply_search (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
}

static void
stop_search_cb (RhTopicSidebar *self)
{
  rh_topic_sidebar_set_search_mode (self, FALSE);
}

static void
rh_topic_sidebar_dispose (GObject *object)
{
  RhTopicSidebar *self = RH_TOPIC_SIDEBAR (object);

  self->all_row = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_TOPIC_SIDEBAR);
  g_clear_object (&self->deck);
  g_clear_pointer (&self->scope_title, g_free);
  g_clear_pointer (&self->search_text, g_free);

  G_OBJECT_CLASS (rh_topic_sidebar_parent_class)->dispose (object);
}

static void
rh_topic_sidebar_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RhTopicSidebar *self = RH_TOPIC_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_DECK:
      g_value_set_object (value, self->deck);
      break;
    case PROP_SCOPE_TITLE:
      g_value_set_string (value, self->scope_title);
      break;
    case PROP_SEARCH_TEXT:
      g_value_set_string (value, self->search_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_topic_sidebar_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RhTopicSidebar *self = RH_TOPIC_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_DECK:
      rh_topic_sidebar_set_deck (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rh_topic_sidebar_class_init (RhTopicSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_topic_sidebar_dispose;
  object_class->get_property = rh_topic_sidebar_get_property;
  object_class->set_property = rh_topic_sidebar_set_property;

  properties[PROP_DECK] =
    g_param_spec_object ("deck", NULL, NULL, RH_TYPE_DECK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCOPE_TITLE] =
    g_param_spec_string ("scope-title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* What is searched for, case-folded; NULL when nothing is. */
  properties[PROP_SEARCH_TEXT] =
    g_param_spec_string ("search-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A row was activated (clicked or Enter): on a narrow window the
   * content should come forward. */
  signals[TOPIC_ACTIVATED] =
    g_signal_new ("topic-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/rh-topic-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, RhTopicSidebar, content);
  gtk_widget_class_bind_template_child (widget_class, RhTopicSidebar, search_bar);
  gtk_widget_class_bind_template_child (widget_class, RhTopicSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RhTopicSidebar, list);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
rh_topic_sidebar_init (RhTopicSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->scope_title = g_strdup (_("All topics"));
}

static void
remove_all_rows (RhTopicSidebar *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->all_row = NULL;
}

void
rh_topic_sidebar_set_deck (RhTopicSidebar *self,
                           RhDeck         *deck)
{
  GListModel *topics;

  g_return_if_fail (RH_IS_TOPIC_SIDEBAR (self));
  g_return_if_fail (deck == NULL || RH_IS_DECK (deck));

  if (!g_set_object (&self->deck, deck))
    return;

  self->updating = TRUE;
  remove_all_rows (self);
  if (deck != NULL)
    {
      self->all_row = GTK_LIST_BOX_ROW (rh_topic_row_new (NULL, _("All topics")));
      gtk_list_box_append (self->list, GTK_WIDGET (self->all_row));

      topics = rh_deck_get_topics (deck);
      for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
        {
          g_autoptr(RhTopic) topic = g_list_model_get_item (topics, i);

          gtk_list_box_append (self->list, rh_topic_row_new (topic, rh_topic_get_title (topic)));
        }
      gtk_list_box_select_row (self->list, self->all_row);
      self->all_was_selected = TRUE;
    }
  self->updating = FALSE;

  update_scope_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECK]);
}

RhDeck *
rh_topic_sidebar_get_deck (RhTopicSidebar *self)
{
  g_return_val_if_fail (RH_IS_TOPIC_SIDEBAR (self), NULL);
  return self->deck;
}

/* The ids of the selected topics; an empty list when "All topics" is. */
GStrv
rh_topic_sidebar_dup_selected_topics (RhTopicSidebar *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GList) rows = NULL;

  g_return_val_if_fail (RH_IS_TOPIC_SIDEBAR (self), NULL);

  rows = gtk_list_box_get_selected_rows (self->list);
  for (GList *l = rows; l != NULL; l = l->next)
    {
      RhTopic *topic = rh_topic_row_get_topic (RH_TOPIC_ROW (l->data));

      if (topic != NULL)
        g_strv_builder_add (builder, rh_topic_get_id (topic));
    }
  return g_strv_builder_end (builder);
}

/* Select these topics, or "All topics" for NULL or an empty list. */
void
rh_topic_sidebar_select_topics (RhTopicSidebar     *self,
                                const char * const *topic_ids)
{
  g_return_if_fail (RH_IS_TOPIC_SIDEBAR (self));

  if (self->all_row == NULL)
    return;

  self->updating = TRUE;
  gtk_list_box_unselect_all (self->list);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       child != NULL && topic_ids != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      RhTopic *topic;

      if (!RH_IS_TOPIC_ROW (child))
        continue;
      topic = rh_topic_row_get_topic (RH_TOPIC_ROW (child));
      if (topic != NULL && g_strv_contains (topic_ids, rh_topic_get_id (topic)))
        gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (child));
    }
  self->updating = FALSE;
  /* Settles "All topics" when nothing matched, and tells everyone. */
  self->all_was_selected = FALSE;
  selection_changed_cb (self);
}

/* What the views are scoped to, for a subtitle: "All topics", a topic's
 * title or "3 topics". */
const char *
rh_topic_sidebar_get_scope_title (RhTopicSidebar *self)
{
  g_return_val_if_fail (RH_IS_TOPIC_SIDEBAR (self), NULL);
  return self->scope_title;
}

/* The counts of each topic, in deck order, and of all of them. */
void
rh_topic_sidebar_set_counts (RhTopicSidebar *self,
                             const RhCounts *per_topic,
                             const RhCounts *all)
{
  g_return_if_fail (RH_IS_TOPIC_SIDEBAR (self));
  g_return_if_fail (per_topic != NULL && all != NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      RhTopic *topic = rh_topic_row_get_topic (RH_TOPIC_ROW (child));

      rh_topic_row_set_counts (RH_TOPIC_ROW (child), topic != NULL ? &per_topic[rh_topic_get_position (topic)] : all);
    }
}

void
rh_topic_sidebar_set_search_mode (RhTopicSidebar *self,
                                  gboolean        search_mode)
{
  g_return_if_fail (RH_IS_TOPIC_SIDEBAR (self));

  gtk_search_bar_set_search_mode (self->search_bar, search_mode);
  if (search_mode)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  else
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

gboolean
rh_topic_sidebar_get_search_mode (RhTopicSidebar *self)
{
  g_return_val_if_fail (RH_IS_TOPIC_SIDEBAR (self), FALSE);
  return gtk_search_bar_get_search_mode (self->search_bar);
}

void
rh_topic_sidebar_set_search_text (RhTopicSidebar *self,
                                  const char     *text)
{
  g_return_if_fail (RH_IS_TOPIC_SIDEBAR (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* Do not wait for the entry's typing delay. */
  search_changed_cb (self);
}

/* Case-folded search text, or NULL when not searching. */
const char *
rh_topic_sidebar_get_search_text (RhTopicSidebar *self)
{
  g_return_val_if_fail (RH_IS_TOPIC_SIDEBAR (self), NULL);
  return self->search_text;
}

/* The row of a topic id, or of "All topics" for NULL: for the tests. */
RhTopicRow *
rh_topic_sidebar_get_row (RhTopicSidebar *self,
                          const char     *topic_id)
{
  g_return_val_if_fail (RH_IS_TOPIC_SIDEBAR (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      RhTopic *topic = rh_topic_row_get_topic (RH_TOPIC_ROW (child));

      if ((topic == NULL && topic_id == NULL) ||
          (topic != NULL && topic_id != NULL && g_str_equal (rh_topic_get_id (topic), topic_id)))
        return RH_TOPIC_ROW (child);
    }
  return NULL;
}
