/* rh-topic-sidebar.c: "All decks", each deck and its topics; the selection scopes the views
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A click selects one row, Ctrl+click adds or removes a deck or a topic.
 * "All decks" and the others exclude each other, and something is always
 * selected.  A deck stands for all its topics: the scope the views get is a
 * list of topic ids (they name their deck).  A deck that did not load is
 * listed too, with why; it cannot be selected.
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

  RhDeck *deck;             /* the collection's: every deck in use */
  GtkListBoxRow *all_row;
  GHashTable *collapsed;    /* ids of the decks whose topics are folded away */
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

/* The deck of a deck's row, or NULL. */
static RhDeck *
row_deck (GtkWidget *row)
{
  RhDeckSource *source = RH_IS_TOPIC_ROW (row) ? rh_topic_row_get_source (RH_TOPIC_ROW (row)) : NULL;

  return source != NULL && rh_deck_source_is_usable (source) ? rh_deck_source_get_deck (source) : NULL;
}

static void
update_scope_title (RhTopicSidebar *self)
{
  g_autoptr(GList) rows = gtk_list_box_get_selected_rows (self->list);
  g_auto(GStrv) topics = rh_topic_sidebar_dup_selected_topics (self);
  guint n = g_list_length (rows), n_decks = 0;

  for (GList *l = rows; l != NULL; l = l->next)
    n_decks += row_deck (l->data) != NULL;
  if (n == 0 || gtk_list_box_row_is_selected (self->all_row))
    set_scope_title (self, g_strdup (_("All decks")));
  else if (n == 1)
    set_scope_title (self, g_strdup (rh_topic_row_get_title (RH_TOPIC_ROW (rows->data))));
  else if (n_decks == n)
    set_scope_title (self, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u deck", "%u decks", n), n));
  else
    set_scope_title (self, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u topic", "%u topics",
                                                         g_strv_length (topics)),
                                            g_strv_length (topics)));
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
      /* Ctrl+click made "All decks" and some others selected together:
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

/* Whether a topic's row shows: its deck unfolded, and matching the search. */
static void
update_visibility (RhTopicSidebar *self)
{
  gboolean expanded = TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      RhTopicRow *row = RH_TOPIC_ROW (child);
      int matches = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "rh-matches"));
      gboolean shown = self->search_text == NULL || matches > 0 || child == GTK_WIDGET (self->all_row);

      if (rh_topic_row_get_source (row) != NULL)
        expanded = rh_topic_row_get_expanded (row);
      else if (rh_topic_row_get_topic (row) != NULL)
        shown = shown && expanded;
      gtk_widget_set_visible (child, shown);
    }
}

/* Shows how many cards of each deck and topic match, and hides those with
 * none. */
static void
apply_search (RhTopicSidebar *self)
{
  g_autoptr(GHashTable) matches = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_cards = 0;
  RhCard * const *cards = self->deck != NULL ? rh_deck_peek_cards (self->deck, &n_cards) : NULL;
  int total = 0;

  for (guint i = 0; self->search_text != NULL && i < n_cards; i++)
    if (strstr (rh_card_get_search_text (cards[i]), self->search_text) != NULL)
      {
        const char *topic = rh_card_get_topic_id (cards[i]);

        g_hash_table_insert (matches, (gpointer)topic,
                             GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (matches, topic)) + 1));
        total++;
      }

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      RhTopicRow *row = RH_TOPIC_ROW (child);
      RhTopic *topic = rh_topic_row_get_topic (row);
      RhDeck *deck = row_deck (child);
      int n = total;

      if (topic != NULL)
        n = GPOINTER_TO_INT (g_hash_table_lookup (matches, rh_topic_get_id (topic)));
      else if (deck != NULL)
        {
          GListModel *topics = rh_deck_get_topics (deck);

          n = 0;
          for (guint t = 0; t < g_list_model_get_n_items (topics); t++)
            {
              g_autoptr(RhTopic) item = g_list_model_get_item (topics, t);

              n += GPOINTER_TO_INT (g_hash_table_lookup (matches, rh_topic_get_id (item)));
            }
        }
      else if (rh_topic_row_get_source (row) != NULL)
        n = 0;
      g_object_set_data (G_OBJECT (row), "rh-matches", GINT_TO_POINTER (n));
      rh_topic_row_set_matches (row, self->search_text != NULL ? n : -1);
    }
  update_visibility (self);
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
  g_clear_pointer (&self->collapsed, g_hash_table_unref);
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
rh_topic_sidebar_class_init (RhTopicSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_topic_sidebar_dispose;
  object_class->get_property = rh_topic_sidebar_get_property;

  properties[PROP_DECK] =
    g_param_spec_object ("deck", NULL, NULL, RH_TYPE_DECK,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
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
  self->scope_title = g_strdup (_("All decks"));
  self->collapsed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
remove_all_rows (RhTopicSidebar *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->all_row = NULL;
}

static void
deck_expanded_cb (RhTopicSidebar *self,
                  GParamSpec     *pspec,
                  RhTopicRow     *row)
{
  const char *id = rh_deck_get_id (row_deck (GTK_WIDGET (row)));

  if (rh_topic_row_get_expanded (row))
    g_hash_table_remove (self->collapsed, id);
  else
    g_hash_table_add (self->collapsed, g_strdup (id));
  update_visibility (self);
}

static void
append_deck (RhTopicSidebar *self,
             RhDeckSource   *source)
{
  GtkWidget *deck_row = rh_topic_row_new_deck (source);
  RhDeck *deck = row_deck (deck_row);
  GListModel *topics;

  gtk_list_box_append (self->list, deck_row);
  if (deck == NULL)
    return;
  rh_topic_row_set_expanded (RH_TOPIC_ROW (deck_row), !g_hash_table_contains (self->collapsed, rh_deck_get_id (deck)));
  g_signal_connect_object (deck_row, "notify::expanded", G_CALLBACK (deck_expanded_cb), self, G_CONNECT_SWAPPED);
  topics = rh_deck_get_topics (deck);
  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(RhTopic) topic = g_list_model_get_item (topics, i);

      gtk_list_box_append (self->list, rh_topic_row_new (topic, rh_topic_get_title (topic)));
    }
}

/* What is selected, by id: decks by theirs, topics by theirs. */
static GHashTable *
selected_ids (RhTopicSidebar *self)
{
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GList) rows = gtk_list_box_get_selected_rows (self->list);

  for (GList *l = rows; l != NULL; l = l->next)
    {
      RhTopic *topic = rh_topic_row_get_topic (l->data);
      RhDeck *deck = row_deck (l->data);

      if (topic != NULL || deck != NULL)
        g_hash_table_add (ids, g_strdup (topic != NULL ? rh_topic_get_id (topic) : rh_deck_get_id (deck)));
    }
  return ids;
}

static void
select_ids (RhTopicSidebar *self,
            GHashTable     *ids)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      RhTopic *topic = rh_topic_row_get_topic (RH_TOPIC_ROW (child));
      RhDeck *deck = row_deck (child);
      const char *id = topic != NULL ? rh_topic_get_id (topic) : deck != NULL ? rh_deck_get_id (deck) : NULL;

      if (id != NULL && g_hash_table_contains (ids, id))
        gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (child));
    }
}

/* Shows "All decks", then each deck of @sources (a GListModel of
 * RhDeckSource) with its topics; @deck is the collection's, all of them in
 * one.  What was selected and folded stays so, where it still is. */
void
rh_topic_sidebar_set_decks (RhTopicSidebar *self,
                            RhDeck         *deck,
                            GListModel     *sources)
{
  g_autoptr(GHashTable) selected = NULL;

  g_return_if_fail (RH_IS_TOPIC_SIDEBAR (self));
  g_return_if_fail (deck == NULL || RH_IS_DECK (deck));
  g_return_if_fail (sources == NULL || G_IS_LIST_MODEL (sources));

  selected = selected_ids (self);
  g_set_object (&self->deck, deck);
  self->updating = TRUE;
  remove_all_rows (self);
  self->all_row = GTK_LIST_BOX_ROW (rh_topic_row_new (NULL, _("All decks")));
  gtk_list_box_append (self->list, GTK_WIDGET (self->all_row));
  for (guint i = 0; sources != NULL && i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(RhDeckSource) source = g_list_model_get_item (sources, i);

      if (!rh_deck_source_get_hidden (source))
        append_deck (self, source);
    }
  select_ids (self, selected);
  self->updating = FALSE;
  /* Settles "All decks" when nothing is left selected, and tells everyone. */
  self->all_was_selected = FALSE;
  selection_changed_cb (self);
  apply_search (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECK]);
}

RhDeck *
rh_topic_sidebar_get_deck (RhTopicSidebar *self)
{
  g_return_val_if_fail (RH_IS_TOPIC_SIDEBAR (self), NULL);
  return self->deck;
}

static void
add_deck_topics (GStrvBuilder *builder,
                 GHashTable   *added,
                 RhDeck       *deck)
{
  GListModel *topics = rh_deck_get_topics (deck);

  for (guint t = 0; t < g_list_model_get_n_items (topics); t++)
    {
      g_autoptr(RhTopic) topic = g_list_model_get_item (topics, t);

      if (g_hash_table_add (added, (gpointer)rh_topic_get_id (topic)))
        g_strv_builder_add (builder, rh_topic_get_id (topic));
    }
}

/* The ids of the selected topics, a deck's standing for all of its; an
 * empty list when "All decks" is selected. */
GStrv
rh_topic_sidebar_dup_selected_topics (RhTopicSidebar *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) added = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GList) rows = NULL;

  g_return_val_if_fail (RH_IS_TOPIC_SIDEBAR (self), NULL);

  rows = gtk_list_box_get_selected_rows (self->list);
  for (GList *l = rows; l != NULL; l = l->next)
    {
      RhTopic *topic = rh_topic_row_get_topic (RH_TOPIC_ROW (l->data));
      RhDeck *deck = row_deck (l->data);

      if (deck != NULL)
        add_deck_topics (builder, added, deck);
      else if (topic != NULL && g_hash_table_add (added, (gpointer)rh_topic_get_id (topic)))
        g_strv_builder_add (builder, rh_topic_get_id (topic));
    }
  return g_strv_builder_end (builder);
}

/* Selects exactly the rows of @ids (deck or topic ids), or "All decks"
 * when none of them is there. */
static void
select_only (RhTopicSidebar *self,
             GHashTable     *ids)
{
  if (self->all_row == NULL)
    return;
  self->updating = TRUE;
  gtk_list_box_unselect_all (self->list);
  select_ids (self, ids);
  self->updating = FALSE;
  /* Settles "All decks" when nothing matched, and tells everyone. */
  self->all_was_selected = FALSE;
  selection_changed_cb (self);
}

/* Selects a deck (by id), or "All decks" for NULL or an unknown id. */
void
rh_topic_sidebar_select_deck (RhTopicSidebar *self,
                              const char     *deck_id)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_if_fail (RH_IS_TOPIC_SIDEBAR (self));

  if (deck_id != NULL)
    g_hash_table_add (ids, (gpointer)deck_id);
  select_only (self, ids);
}

/* Select these topics, or "All decks" for NULL or an empty list. */
void
rh_topic_sidebar_select_topics (RhTopicSidebar     *self,
                                const char * const *topic_ids)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_if_fail (RH_IS_TOPIC_SIDEBAR (self));

  for (guint i = 0; topic_ids != NULL && topic_ids[i] != NULL; i++)
    g_hash_table_add (ids, (gpointer)topic_ids[i]);
  select_only (self, ids);
}

/* What the views are scoped to, for a subtitle: "All decks", a deck's or
 * a topic's title, "2 decks" or "3 topics". */
const char *
rh_topic_sidebar_get_scope_title (RhTopicSidebar *self)
{
  g_return_val_if_fail (RH_IS_TOPIC_SIDEBAR (self), NULL);
  return self->scope_title;
}

/* The counts of each topic of the deck given (rh_collection_count_topics()),
 * of each deck it is made of, and of all of them. */
void
rh_topic_sidebar_set_counts (RhTopicSidebar *self,
                             const RhCounts *per_topic,
                             const RhCounts *per_part,
                             const RhCounts *all)
{
  g_return_if_fail (RH_IS_TOPIC_SIDEBAR (self));
  g_return_if_fail (per_topic != NULL && per_part != NULL && all != NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      RhTopic *topic = rh_topic_row_get_topic (RH_TOPIC_ROW (child));
      RhDeck *deck = row_deck (child);
      guint index;

      if (topic != NULL && self->deck != NULL && rh_deck_get_topic_index (self->deck, rh_topic_get_id (topic), &index))
        rh_topic_row_set_counts (RH_TOPIC_ROW (child), &per_topic[index]);
      else if (deck != NULL && self->deck != NULL)
        {
          for (index = 0; index < rh_deck_get_n_parts (self->deck); index++)
            if (rh_deck_get_part (self->deck, index) == deck)
              rh_topic_row_set_counts (RH_TOPIC_ROW (child), &per_part[index]);
        }
      else if (child == GTK_WIDGET (self->all_row))
        rh_topic_row_set_counts (RH_TOPIC_ROW (child), all);
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

/* The row of a topic or a deck (by id), or of "All decks" for NULL: for
 * the tests. */
RhTopicRow *
rh_topic_sidebar_get_row (RhTopicSidebar *self,
                          const char     *id)
{
  g_return_val_if_fail (RH_IS_TOPIC_SIDEBAR (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      RhTopic *topic = rh_topic_row_get_topic (RH_TOPIC_ROW (child));
      RhDeckSource *source = rh_topic_row_get_source (RH_TOPIC_ROW (child));
      RhDeck *deck = source != NULL ? rh_deck_source_get_deck (source) : NULL;
      const char *row_id = topic != NULL ? rh_topic_get_id (topic) : deck != NULL ? rh_deck_get_id (deck) : NULL;

      if (id == NULL ? child == GTK_WIDGET (self->all_row) : g_strcmp0 (row_id, id) == 0)
        return RH_TOPIC_ROW (child);
    }
  return NULL;
}
