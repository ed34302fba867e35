/* rh-browse-view.c: every card in scope with its state, sortable
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rehearse-browse-view"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rh-browse-item.h"
#include "rh-browse-view-private.h"
#include "rh-format.h"

struct _RhBrowseView {
  GtkWidget parent_instance;

  GtkWidget *content;
  GtkStack *stack;
  GtkColumnView *column_view;
  GtkLabel *count_label;

  RhCollection *collection;
  GListStore *items;
  GHashTable *positions;    /* card id -> position in items + 1 */
  GtkFilterListModel *filtered;
  GtkSortListModel *sorted;
  GtkSingleSelection *selection;
  GtkCustomFilter *filter;
  GHashTable *scope;        /* topic ids; NULL: all */
  gboolean stale;           /* time moved on while hidden: refresh when shown */
  gboolean filled;          /* the rows are made when first shown */
  char *search;             /* case-folded; NULL: none */
};

G_DEFINE_FINAL_TYPE (RhBrowseView, rh_browse_view, GTK_TYPE_WIDGET)

enum {
  STUDY_NOW,
  SHOW_INFO,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- Columns --------------------------------------------------------------- */

typedef char *(*TextFunc) (RhBrowseItem *item, RhClock *clock);

typedef struct {
  const char *id;
  const char *title;
  int width;                /* fixed width; -1: the title, which takes the rest */
  float xalign;
  TextFunc text;
  GCompareDataFunc compare;
} Column;

static gboolean
is_new (RhBrowseItem *item)
{
  return rh_browse_item_get_state (item)->state == RH_CARD_NEW;
}

static char *
title_text (RhBrowseItem *item, RhClock *clock)
{
  return g_strdup (rh_card_get_title (rh_browse_item_get_card (item)));
}

static char *
topic_text (RhBrowseItem *item, RhClock *clock)
{
  return g_strdup (rh_browse_item_get_topic_title (item));
}

static char *
state_text (RhBrowseItem *item, RhClock *clock)
{
  return g_strdup (rh_format_state (rh_browse_item_get_state (item)->state, rh_browse_item_get_suspended (item)));
}

static char *
due_text (RhBrowseItem *item, RhClock *clock)
{
  return is_new (item) ? g_strdup ("—") : rh_format_when (clock, rh_browse_item_get_state (item)->due);
}

static char *
stability_text (RhBrowseItem *item, RhClock *clock)
{
  /* Translators: stability in days, "12.3 d". */
  return is_new (item) ? g_strdup ("—") : g_strdup_printf (_("%.1f d"), rh_browse_item_get_state (item)->stability);
}

static char *
recall_text (RhBrowseItem *item, RhClock *clock)
{
  return is_new (item) ? g_strdup ("—") : rh_format_percent (rh_browse_item_get_retrievability (item));
}

static char *
reps_text (RhBrowseItem *item, RhClock *clock)
{
  return g_strdup_printf ("%d", rh_browse_item_get_state (item)->reps);
}

static char *
lapses_text (RhBrowseItem *item, RhClock *clock)
{
  return g_strdup_printf ("%d", rh_browse_item_get_state (item)->lapses);
}

#define CMP(a, b) ((a) < (b) ? -1 : (a) > (b) ? 1 : 0)

static int
compare_title (gconstpointer a, gconstpointer b, gpointer data)
{
  return g_utf8_collate (rh_card_get_title (rh_browse_item_get_card ((RhBrowseItem *)a)),
                         rh_card_get_title (rh_browse_item_get_card ((RhBrowseItem *)b)));
}

static int
compare_state (gconstpointer a, gconstpointer b, gpointer data)
{
  int x = rh_browse_item_get_suspended ((RhBrowseItem *)a) ? 9 : (int)rh_browse_item_get_state ((RhBrowseItem *)a)->state;
  int y = rh_browse_item_get_suspended ((RhBrowseItem *)b) ? 9 : (int)rh_browse_item_get_state ((RhBrowseItem *)b)->state;

  return CMP (x, y);
}

/* New cards, which have no due date, sort after every card that has one. */
static int
compare_due (gconstpointer a, gconstpointer b, gpointer data)
{
  gint64 x = is_new ((RhBrowseItem *)a) ? G_MAXINT64 : rh_browse_item_get_state ((RhBrowseItem *)a)->due;
  gint64 y = is_new ((RhBrowseItem *)b) ? G_MAXINT64 : rh_browse_item_get_state ((RhBrowseItem *)b)->due;

  return CMP (x, y);
}

static int
compare_stability (gconstpointer a, gconstpointer b, gpointer data)
{
  return CMP (rh_browse_item_get_state ((RhBrowseItem *)a)->stability,
              rh_browse_item_get_state ((RhBrowseItem *)b)->stability);
}

static int
compare_recall (gconstpointer a, gconstpointer b, gpointer data)
{
  return CMP (rh_browse_item_get_retrievability ((RhBrowseItem *)a),
              rh_browse_item_get_retrievability ((RhBrowseItem *)b));
}

static int
compare_reps (gconstpointer a, gconstpointer b, gpointer data)
{
  return CMP (rh_browse_item_get_state ((RhBrowseItem *)a)->reps, rh_browse_item_get_state ((RhBrowseItem *)b)->reps);
}

static int
compare_lapses (gconstpointer a, gconstpointer b, gpointer data)
{
  return CMP (rh_browse_item_get_state ((RhBrowseItem *)a)->lapses,
              rh_browse_item_get_state ((RhBrowseItem *)b)->lapses);
}

static const Column columns[] = {
  { "title", N_("Title"), -1, 0.0f, title_text, compare_title },
  { "state", N_("State"), 96, 0.0f, state_text, compare_state },
  { "due", N_("Due"), 160, 0.0f, due_text, compare_due },
  { "stability", N_("Stability"), 84, 1.0f, stability_text, compare_stability },
  { "recall", N_("Recall Now"), 96, 1.0f, recall_text, compare_recall },
  { "reviews", N_("Reviews"), 76, 1.0f, reps_text, compare_reps },
  { "lapses", N_("Lapses"), 68, 1.0f, lapses_text, compare_lapses },
};

static GtkWidget *
cell_label (const Column *column)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column->xalign);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column->xalign > 0.5f)
    gtk_widget_add_css_class (label, "numeric");
  return label;
}

/* The title cell holds the topic below the title: the width a topic
 * column would take goes to the titles. */
static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          const Column             *column)
{
  GtkWidget *child = cell_label (column);

  if (g_str_equal (column->id, "title"))
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *topic = cell_label (column);

      gtk_widget_add_css_class (topic, "caption");
      gtk_widget_add_css_class (topic, "dim-label");
      gtk_box_append (GTK_BOX (box), child);
      gtk_box_append (GTK_BOX (box), topic);
      child = box;
    }
  gtk_list_item_set_child (list_item, child);
}

/* Setting a tooltip asks the X server where the pointer is: only when it
 * differs, or every grade would cost a round trip per visible row. */
static void
set_tooltip (GtkWidget  *widget,
             const char *text)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         const Column             *column)
{
  RhBrowseView *self = g_object_get_data (G_OBJECT (factory), "browse-view");
  RhBrowseItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  g_autofree char *text = column->text (item, rh_collection_get_clock (self->collection));

  if (GTK_IS_LABEL (child))
    {
      gtk_label_set_label (GTK_LABEL (child), text);
      if (g_str_equal (column->id, "due"))
        set_tooltip (child, text);
    }
  else
    {
      g_autofree char *topic = topic_text (item, NULL);
      g_autofree char *both = g_strdup_printf ("%s\n%s", text, topic);

      gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (child)), text);
      gtk_label_set_label (GTK_LABEL (gtk_widget_get_last_child (child)), topic);
      set_tooltip (child, both);
    }
}

/* --- Data ------------------------------------------------------------------ */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  RhBrowseView *self = user_data;
  RhCard *card = rh_browse_item_get_card (item);

  if (self->scope != NULL && !g_hash_table_contains (self->scope, rh_card_get_topic_id (card)))
    return FALSE;
  return self->search == NULL || strstr (rh_card_get_search_text (card), self->search) != NULL;
}

static RhBrowseItem *
selected_item (RhBrowseView *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
update_actions (RhBrowseView *self)
{
  RhBrowseItem *item = selected_item (self);
  gboolean have = item != NULL && self->collection != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "browse.study-now", have && !rh_browse_item_get_suspended (item));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "browse.info", have);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "browse.suspend", have && !rh_browse_item_get_suspended (item));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "browse.unsuspend", have && rh_browse_item_get_suspended (item));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "browse.reset", have && !is_new (item));
}

static void
update_count (RhBrowseView *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards", shown), shown);

  gtk_label_set_label (self->count_label, text);
  gtk_stack_set_visible_child_name (self->stack, shown > 0 ? "list" : "empty");
  update_actions (self);
}

/* Takes a fresh snapshot of one card's schedule. */
static void
update_item (RhBrowseView *self,
             RhBrowseItem *item)
{
  const char *id = rh_card_get_id (rh_browse_item_get_card (item));
  const RhStoredCard *stored = rh_collection_lookup_state (self->collection, id);
  RhCardState state;

  if (stored != NULL)
    state = stored->state;
  else
    rh_card_state_init_new (&state, 0);
  rh_browse_item_update (item, &state, stored != NULL && stored->suspended,
                         rh_collection_retrievability (self->collection, id));
}

/* Items [@position, @position + @n) changed in place: the sort, the
 * filter and the rows follow, and the selected card stays selected. */
static void
items_changed (RhBrowseView *self,
               guint         position,
               guint         n)
{
  RhBrowseItem *keep = selected_item (self);
  g_autoptr(RhBrowseItem) kept = keep != NULL ? g_object_ref (keep) : NULL;

  g_list_model_items_changed (G_LIST_MODEL (self->items), position, n, n);
  for (guint i = 0; kept != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->sorted)); i++)
    {
      g_autoptr(RhBrowseItem) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);

      if (item == kept)
        {
          gtk_single_selection_set_selected (self->selection, i);
          break;
        }
    }
  update_count (self);
}

/* Every card's schedule afresh: a new day, new options, many cards. */
static void
refresh (RhBrowseView *self)
{
  guint n;

  if (self->collection == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RhBrowseItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      update_item (self, item);
    }
  items_changed (self, 0, n);
}

/* One card changed: that row alone is updated and moved; NULL: many. */
static void
card_changed_cb (RhBrowseView *self,
                 const char   *card_id)
{
  guint position;
  g_autoptr(RhBrowseItem) item = NULL;

  if (card_id == NULL)
    {
      refresh (self);
      return;
    }
  position = GPOINTER_TO_UINT (g_hash_table_lookup (self->positions, card_id));
  if (position == 0)
    return;   /* not a card of this deck */
  item = g_list_model_get_item (G_LIST_MODEL (self->items), position - 1);
  update_item (self, item);
  items_changed (self, position - 1, 1);
}

/* Time moved on: "due in 5 minutes" and the recall now are out of date.
 * Refreshed at once on screen, or when next shown. */
static void
tick_cb (RhBrowseView *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
  else
    self->stale = TRUE;
}

static void
empty (RhBrowseView *self)
{
  g_list_store_remove_all (self->items);
  g_hash_table_remove_all (self->positions);
}

static void populate (RhBrowseView *self);

static void
rh_browse_view_map (GtkWidget *widget)
{
  RhBrowseView *self = RH_BROWSE_VIEW (widget);

  GTK_WIDGET_CLASS (rh_browse_view_parent_class)->map (widget);
  if (!self->filled)
    populate (self);
  else if (self->stale)
    {
      self->stale = FALSE;
      refresh (self);
    }
}

static void
populate (RhBrowseView *self)
{
  RhDeck *deck;
  GListModel *cards;
  g_autoptr(GPtrArray) items = NULL;

  empty (self);
  self->filled = TRUE;
  self->stale = FALSE;
  if (self->collection == NULL || (deck = rh_collection_get_deck (self->collection)) == NULL)
    return;
  cards = rh_deck_get_cards (deck);
  items = g_ptr_array_new_full (g_list_model_get_n_items (cards), g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(RhCard) card = g_list_model_get_item (cards, i);
      RhTopic *topic = rh_deck_lookup_topic (deck, rh_card_get_topic_id (card));
      RhBrowseItem *item = rh_browse_item_new (card, rh_topic_get_title (topic));

      update_item (self, item);
      g_ptr_array_add (items, item);
      /* The deck holds the card, and so the id. */
      g_hash_table_insert (self->positions, (gpointer)rh_card_get_id (card), GUINT_TO_POINTER (i + 1));
    }
  /* All at once: one change for the filter, the sort and the rows. */
  g_list_store_splice (self->items, 0, 0, items->pdata, items->len);
  update_count (self);
}

/* Other cards (another collection, decks added or removed).  Off screen
 * (as at start-up), the rows are made when first shown: nothing on the way
 * to the first window waits for them. */
static void
repopulate (RhBrowseView *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    populate (self);
  else
    {
      empty (self);
      self->filled = FALSE;
    }
}

/* --- Actions --------------------------------------------------------------- */

static void
study_now_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RhBrowseView *self = RH_BROWSE_VIEW (widget);
  RhBrowseItem *item = selected_item (self);

  if (item != NULL)
    g_signal_emit (self, signals[STUDY_NOW], 0, rh_browse_item_get_card (item));
}

static void
info_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RhBrowseView *self = RH_BROWSE_VIEW (widget);
  RhBrowseItem *item = selected_item (self);

  if (item != NULL)
    g_signal_emit (self, signals[SHOW_INFO], 0, rh_browse_item_get_card (item));
}

static void
activate_cb (RhBrowseView  *self,
             guint          position,
             GtkColumnView *view)
{
  gtk_single_selection_set_selected (self->selection, position);
  info_action (GTK_WIDGET (self), NULL, NULL);
}

/* browse.suspend and browse.unsuspend. */
static void
suspend_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RhBrowseView *self = RH_BROWSE_VIEW (widget);
  RhBrowseItem *item = selected_item (self);

  if (item == NULL || self->collection == NULL)
    return;
  /* A failure is reported by the collection. */
  rh_collection_set_suspended (self->collection, rh_card_get_id (rh_browse_item_get_card (item)),
                               g_str_equal (name, "browse.suspend"), NULL);
}

static void
reset_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   RhBrowseView     *self)
{
  RhCard *card = g_object_get_data (G_OBJECT (dialog), "card");

  if (!g_str_equal (response, "reset") || self->collection == NULL)
    return;
  rh_collection_reset_card (self->collection, rh_card_get_id (card), NULL);
}

/* Says exactly what a reset loses before doing it. */
static void
reset_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RhBrowseView *self = RH_BROWSE_VIEW (widget);
  RhBrowseItem *item = selected_item (self);
  const RhCardState *state;
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *due = NULL;

  if (item == NULL || is_new (item))
    return;
  state = rh_browse_item_get_state (item);
  due = rh_format_when (rh_collection_get_clock (self->collection), state->due);
  heading = g_strdup_printf (_("Reset “%s”?"), rh_card_get_title (rh_browse_item_get_card (item)));
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The card becomes new. Its schedule is lost: a stability of %.1f days, "
                                       "a difficulty of %.1f, due %s. Its %d review stays in the history, and "
                                       "Ctrl+Z undoes the reset.",
                                       "The card becomes new. Its schedule is lost: a stability of %.1f days, "
                                       "a difficulty of %.1f, due %s. Its %d reviews stay in the history, and "
                                       "Ctrl+Z undoes the reset.", state->reps),
                          state->stability, state->difficulty, due, state->reps);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "reset", _("_Reset"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "reset", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "card", g_object_ref (rh_browse_item_get_card (item)), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (reset_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- Object ---------------------------------------------------------------- */

static void
rh_browse_view_dispose (GObject *object)
{
  RhBrowseView *self = RH_BROWSE_VIEW (object);

  if (self->collection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->collection, self);
      g_signal_handlers_disconnect_by_data (rh_collection_get_clock (self->collection), self);
    }
  g_clear_object (&self->collection);
  gtk_widget_dispose_template (GTK_WIDGET (self), RH_TYPE_BROWSE_VIEW);
  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->items);
  g_clear_pointer (&self->scope, g_hash_table_unref);
  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (rh_browse_view_parent_class)->dispose (object);
}

static void
rh_browse_view_class_init (RhBrowseViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_browse_view_dispose;
  widget_class->map = rh_browse_view_map;

  signals[STUDY_NOW] = g_signal_new ("study-now", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, RH_TYPE_CARD);
  signals[SHOW_INFO] = g_signal_new ("show-info", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, RH_TYPE_CARD);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/rh-browse-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RhBrowseView, content);
  gtk_widget_class_bind_template_child (widget_class, RhBrowseView, stack);
  gtk_widget_class_bind_template_child (widget_class, RhBrowseView, column_view);
  gtk_widget_class_bind_template_child (widget_class, RhBrowseView, count_label);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);

  gtk_widget_class_install_action (widget_class, "browse.study-now", NULL, study_now_action);
  gtk_widget_class_install_action (widget_class, "browse.info", NULL, info_action);
  gtk_widget_class_install_action (widget_class, "browse.suspend", NULL, suspend_action);
  gtk_widget_class_install_action (widget_class, "browse.unsuspend", NULL, suspend_action);
  gtk_widget_class_install_action (widget_class, "browse.reset", NULL, reset_action);
}

static void
rh_browse_view_init (RhBrowseView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_list_store_new (RH_TYPE_BROWSE_ITEM);
  self->positions = g_hash_table_new (g_str_hash, g_str_equal);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->items)), GTK_FILTER (self->filter));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered), NULL);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sorted, "items-changed", G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      /* The view outlives its columns' factories. */
      g_object_set_data (G_OBJECT (factory), "browse-view", self);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), (gpointer)&columns[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), (gpointer)&columns[i]);
      column = gtk_column_view_column_new (g_dgettext (GETTEXT_PACKAGE, columns[i].title), factory);
      /* The title takes the spare width; the others are as wide as what
       * they show (the topic, which can be long, ellipsized with a tooltip). */
      gtk_column_view_column_set_expand (column, columns[i].width < 0);
      if (columns[i].width > 0)
        gtk_column_view_column_set_fixed_width (column, columns[i].width);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_sorter (column, GTK_SORTER (gtk_custom_sorter_new (columns[i].compare, NULL, NULL)));
      g_object_set_data (G_OBJECT (column), "column-id", (gpointer)columns[i].id);
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }
  gtk_sort_list_model_set_sorter (self->sorted, gtk_column_view_get_sorter (self->column_view));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  update_actions (self);
}

/* Shows every card of @collection's deck; NULL for none. */
void
rh_browse_view_set_collection (RhBrowseView *self,
                               RhCollection *collection)
{
  const char *refresh_on[] = { "day-changed", "options-changed" };

  g_return_if_fail (RH_IS_BROWSE_VIEW (self));
  g_return_if_fail (collection == NULL || RH_IS_COLLECTION (collection));

  if (self->collection == collection)
    return;
  if (self->collection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->collection, self);
      g_signal_handlers_disconnect_by_data (rh_collection_get_clock (self->collection), self);
    }
  g_set_object (&self->collection, collection);
  if (collection != NULL)
    {
      g_signal_connect_object (rh_collection_get_clock (collection), "tick", G_CALLBACK (tick_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (collection, "card-changed", G_CALLBACK (card_changed_cb), self, G_CONNECT_SWAPPED);
      for (guint i = 0; i < G_N_ELEMENTS (refresh_on); i++)
        g_signal_connect_object (collection, refresh_on[i], G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (collection, "decks-changed", G_CALLBACK (repopulate), self, G_CONNECT_SWAPPED);
    }
  repopulate (self);
}

/* Shows the cards of these topics (NULL or empty: all). */
void
rh_browse_view_set_scope (RhBrowseView       *self,
                          const char * const *topic_ids)
{
  g_return_if_fail (RH_IS_BROWSE_VIEW (self));

  g_clear_pointer (&self->scope, g_hash_table_unref);
  if (topic_ids != NULL && topic_ids[0] != NULL)
    {
      self->scope = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; topic_ids[i] != NULL; i++)
        g_hash_table_add (self->scope, g_strdup (topic_ids[i]));
    }
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* Shows the cards whose text contains @folded (case-folded), or all. */
void
rh_browse_view_set_search (RhBrowseView *self,
                           const char   *folded)
{
  g_return_if_fail (RH_IS_BROWSE_VIEW (self));

  if (g_strcmp0 (self->search, folded) == 0)
    return;
  g_free (self->search);
  self->search = g_strdup (folded);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* The rows as shown, sorted and filtered: for the tests. */
GListModel *
rh_browse_view_get_model (RhBrowseView *self)
{
  g_return_val_if_fail (RH_IS_BROWSE_VIEW (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

/* Sorts as a click on the column's header would: for the tests. */
void
rh_browse_view_sort_by (RhBrowseView *self,
                        const char   *column_id,
                        GtkSortType   order)
{
  GListModel *cols;

  g_return_if_fail (RH_IS_BROWSE_VIEW (self));

  cols = gtk_column_view_get_columns (self->column_view);
  for (guint i = 0; i < g_list_model_get_n_items (cols); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (cols, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (column), "column-id"), column_id) == 0)
        gtk_column_view_sort_by_column (self->column_view, column, order);
    }
}
