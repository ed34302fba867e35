/* rh-answer-view.c: a model answer, rendered from its blocks
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Paragraphs and list items are wrapped, selectable labels; code is a
 * read-only GtkSourceView, highlighted for Python, in the light or dark
 * Adwaita scheme.  The deck holds plain text: markup is made here, with
 * every run of text escaped.
 */
#define G_LOG_DOMAIN "rehearse-answer-view"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "rh-answer-view.h"

struct _RhAnswerView {
  GtkWidget parent_instance;

  RhCard *card;
  gboolean dark;
  GPtrArray *buffers;   /* of GtkSourceBuffer: restyled when dark changes */
};

G_DEFINE_FINAL_TYPE (RhAnswerView, rh_answer_view, GTK_TYPE_WIDGET)

/* Pango markup for @text: code in monospace, emphasis in italics. */
char *
rh_text_to_markup (const RhText *text)
{
  GString *markup = g_string_new (NULL);

  for (guint i = 0; i < rh_text_get_n_spans (text); i++)
    {
      RhSpanStyle style;
      const char *span = rh_text_get_span (text, i, &style);
      g_autofree char *escaped = g_markup_escape_text (span, -1);

      switch (style)
        {
        case RH_SPAN_CODE:
          g_string_append_printf (markup, "<span font_family=\"monospace\" insert_hyphens=\"false\">%s</span>", escaped);
          break;
        case RH_SPAN_EMPHASIS:
          g_string_append_printf (markup, "<i>%s</i>", escaped);
          break;
        case RH_SPAN_PLAIN:
        default:
          g_string_append (markup, escaped);
          break;
        }
    }
  return g_string_free (markup, FALSE);
}

GtkWidget *
rh_text_label_new (const RhText *text)
{
  g_autofree char *markup = rh_text_to_markup (text);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  return label;
}

static void
apply_scheme (RhAnswerView    *self,
              GtkSourceBuffer *buffer)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();

  gtk_source_buffer_set_style_scheme (buffer,
                                      gtk_source_style_scheme_manager_get_scheme (schemes,
                                                                                  self->dark ? "Adwaita-dark" : "Adwaita"));
}

/* "Output", or the versions it is for: "Output on Python 3.13 and newer". */
static char *
output_caption (const RhAnswerBlock *block)
{
  const char *min = rh_answer_block_get_min_python (block);
  const char *max = rh_answer_block_get_max_python (block);

  if (min != NULL && max != NULL)
    return g_strdup_printf (_("Output on Python %s to %s"), min, max);
  if (min != NULL)
    return g_strdup_printf (_("Output on Python %s and newer"), min);
  if (max != NULL)
    return g_strdup_printf (_("Output on Python %s and older"), max);
  return g_strdup (_("Output"));
}

static GtkWidget *
code_block_new (RhAnswerView        *self,
                const RhAnswerBlock *block)
{
  gboolean output = rh_answer_block_get_kind (block) == RH_BLOCK_OUTPUT;
  const char *language = rh_answer_block_get_language (block);
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  g_autoptr(GtkSourceBuffer) buffer = gtk_source_buffer_new (NULL);
  g_autofree char *caption = output ? output_caption (block) : NULL;
  GtkWidget *view, *frame, *box, *label;

  if (g_strcmp0 (language, "python") == 0)
    gtk_source_buffer_set_language (buffer, gtk_source_language_manager_get_language (languages, "python3"));
  else if (g_strcmp0 (language, "console") == 0)
    gtk_source_buffer_set_language (buffer, gtk_source_language_manager_get_language (languages, "sh"));
  gtk_source_buffer_set_highlight_matching_brackets (buffer, FALSE);
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), rh_answer_block_get_code (block), -1);
  apply_scheme (self, buffer);
  g_ptr_array_add (self->buffers, g_object_ref (buffer));

  view = gtk_source_view_new_with_buffer (buffer);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_NONE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 10);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 10);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_widget_add_css_class (view, "code-block");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  output ? caption : (g_strcmp0 (language, "python") == 0 ? _("Python code")
                                                          : g_strcmp0 (language, "console") == 0 ? _("Console session")
                                                          : _("Text")),
                                  -1);

  /* Long lines scroll sideways instead of wrapping: code is read by line. */
  frame = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (frame), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (frame), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (frame), view);
  gtk_widget_add_css_class (frame, output ? "code-output" : "code-frame");

  if (!output)
    return frame;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  label = gtk_label_new (caption);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), frame);
  return box;
}

/* A card's headline and question in these labels.  A plain question and
 * answer (deck format 2) has no title: its question is the headline, and
 * the question label is hidden. */
void
rh_card_show_headline (RhCard   *card,
                       GtkLabel *title,
                       GtkLabel *question)
{
  g_return_if_fail (RH_IS_CARD (card));

  gtk_label_set_label (title, rh_card_has_title (card) ? rh_card_get_title (card) : rh_card_get_question (card));
  gtk_label_set_label (question, rh_card_get_question (card));
  gtk_widget_set_visible (GTK_WIDGET (question), rh_card_has_title (card));
}

/* A key area with a box to tick it as covered, for a boxed list (the
 * card's answer, an interview's rubric); @check is set to the box. */
GtkWidget *
rh_text_check_row_new (const RhText    *text,
                       GtkCheckButton **check)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  GtkWidget *box = gtk_check_button_new ();
  g_autofree char *markup = rh_text_to_markup (text);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), markup);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_title_lines (row, 0);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  rh_text_get_plain (text), -1);
  adw_action_row_add_prefix (row, box);
  adw_action_row_set_activatable_widget (row, box);
  *check = GTK_CHECK_BUTTON (box);
  return GTK_WIDGET (row);
}

/* Texts as a bulleted or numbered list: the answer's lists, and the
 * card's pitfalls and follow-ups. */
GtkWidget *
rh_text_list_new (RhText * const *items,
                  guint           n_items,
                  gboolean        numbered)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  gtk_widget_set_margin_start (grid, 6);
  for (guint i = 0; i < n_items; i++)
    {
      g_autofree char *marker = numbered ? g_strdup_printf ("%u.", i + 1) : g_strdup ("•");
      GtkWidget *bullet = gtk_label_new (marker);

      gtk_label_set_yalign (GTK_LABEL (bullet), 0);
      gtk_label_set_xalign (GTK_LABEL (bullet), 1);
      gtk_widget_set_valign (bullet, GTK_ALIGN_START);
      gtk_widget_add_css_class (bullet, "dim-label");
      gtk_grid_attach (GTK_GRID (grid), bullet, 0, i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), rh_text_label_new (items[i]), 1, i, 1, 1);
    }
  return grid;
}

static GtkWidget *
list_block_new (const RhAnswerBlock *block)
{
  guint n = rh_answer_block_get_n_items (block);
  g_autofree RhText **items = g_new (RhText *, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    items[i] = rh_answer_block_get_item (block, i);
  return rh_text_list_new (items, n, rh_answer_block_get_kind (block) == RH_BLOCK_NUMBERED_LIST);
}

static void
clear (RhAnswerView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_ptr_array_set_size (self->buffers, 0);
}

static void
rh_answer_view_dispose (GObject *object)
{
  RhAnswerView *self = RH_ANSWER_VIEW (object);

  clear (self);
  g_clear_object (&self->card);

  G_OBJECT_CLASS (rh_answer_view_parent_class)->dispose (object);
}

static void
rh_answer_view_finalize (GObject *object)
{
  RhAnswerView *self = RH_ANSWER_VIEW (object);

  g_clear_pointer (&self->buffers, g_ptr_array_unref);

  G_OBJECT_CLASS (rh_answer_view_parent_class)->finalize (object);
}

static void
rh_answer_view_class_init (RhAnswerViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rh_answer_view_dispose;
  object_class->finalize = rh_answer_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/rh-answer-view.ui");
}

static void
rh_answer_view_init (RhAnswerView *self)
{
  self->buffers = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rh_answer_view_new (void)
{
  return g_object_new (RH_TYPE_ANSWER_VIEW, NULL);
}

void
rh_answer_view_set_card (RhAnswerView *self,
                         RhCard       *card)
{
  g_return_if_fail (RH_IS_ANSWER_VIEW (self));
  g_return_if_fail (card == NULL || RH_IS_CARD (card));

  if (!g_set_object (&self->card, card))
    return;
  clear (self);
  if (card == NULL)
    return;

  for (guint i = 0; i < rh_card_get_n_blocks (card); i++)
    {
      RhAnswerBlock *block = rh_card_get_block (card, i);
      GtkWidget *child;

      switch (rh_answer_block_get_kind (block))
        {
        case RH_BLOCK_PARAGRAPH:
          child = rh_text_label_new (rh_answer_block_get_text (block));
          break;
        case RH_BLOCK_BULLET_LIST:
        case RH_BLOCK_NUMBERED_LIST:
          child = list_block_new (block);
          break;
        case RH_BLOCK_CODE:
        case RH_BLOCK_OUTPUT:
        default:
          child = code_block_new (self, block);
          break;
        }
      gtk_widget_set_parent (child, GTK_WIDGET (self));
    }
}

void
rh_answer_view_set_dark (RhAnswerView *self,
                         gboolean      dark)
{
  g_return_if_fail (RH_IS_ANSWER_VIEW (self));

  dark = !!dark;
  if (self->dark == dark)
    return;
  self->dark = dark;
  for (guint i = 0; i < self->buffers->len; i++)
    apply_scheme (self, g_ptr_array_index (self->buffers, i));
}
