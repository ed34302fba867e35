/* rh-text.c: a run of inline text with code and emphasis spans
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rehearse-text"

#include "config.h"

#include <string.h>

#include "rh-text.h"

typedef struct {
  RhSpanStyle style;
  char *text;
} Span;

struct _RhText {
  grefcount ref_count;
  GArray *spans;   /* of Span */
  char *plain;     /* every span's text joined, for search and accessibility */
  gboolean sealed;
};

G_DEFINE_BOXED_TYPE (RhText, rh_text, rh_text_ref, rh_text_unref)

static void
span_clear (gpointer data)
{
  Span *span = data;

  g_clear_pointer (&span->text, g_free);
}

RhText *
rh_text_builder_new (void)
{
  RhText *self = g_new0 (RhText, 1);

  g_ref_count_init (&self->ref_count);
  self->spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_array_set_clear_func (self->spans, span_clear);
  return self;
}

static gboolean
ends_with_space (RhText *self)
{
  const Span *last;
  gsize len;

  if (self->spans->len == 0)
    return TRUE;  /* nothing before: a leading space would be trimmed anyway */
  last = &g_array_index (self->spans, Span, self->spans->len - 1);
  len = strlen (last->text);
  return len > 0 && (last->text[len - 1] == ' ' || last->text[len - 1] == '\n');
}

/* Text in the file is laid out by whoever wrote it: runs of white space,
 * line breaks included, are one space, as in a rendered paragraph. */
void
rh_text_builder_append (RhText      *self,
                        RhSpanStyle  style,
                        const char  *raw)
{
  char *collapsed, *out;
  gboolean in_space;

  g_return_if_fail (self != NULL);
  g_return_if_fail (!self->sealed);
  g_return_if_fail (raw != NULL);

  /* One pass, in place in a buffer as long as the input: decks are read
   * at every start, and this is where their text goes through. */
  collapsed = out = g_malloc (strlen (raw) + 1);
  in_space = ends_with_space (self);
  for (const char *p = raw; *p; p++)
    {
      if (g_ascii_isspace (*p))
        {
          if (!in_space)
            *out++ = ' ';
          in_space = TRUE;
        }
      else
        {
          *out++ = *p;
          in_space = FALSE;
        }
    }
  *out = '\0';

  if (out == collapsed)
    {
      g_free (collapsed);
      return;
    }

  /* Adjacent spans of one style are one span. */
  if (self->spans->len > 0)
    {
      Span *last = &g_array_index (self->spans, Span, self->spans->len - 1);

      if (last->style == style)
        {
          char *joined = g_strconcat (last->text, collapsed, NULL);

          g_free (last->text);
          g_free (collapsed);
          last->text = joined;
          return;
        }
    }

  g_array_append_val (self->spans, ((Span) { style, collapsed }));
}

/* A line break (<br/>, deck format 2): kept through the collapsing of
 * white space, which treats it as a space on either side. */
void
rh_text_builder_append_break (RhText *self)
{
  Span *last;
  gsize len;

  g_return_if_fail (self != NULL);
  g_return_if_fail (!self->sealed);

  /* Before any text it would only push the text down. */
  if (self->spans->len == 0)
    return;
  last = &g_array_index (self->spans, Span, self->spans->len - 1);
  len = strlen (last->text);
  if (len > 0 && last->text[len - 1] == ' ')
    last->text[len - 1] = '\0';
  if (last->style == RH_SPAN_PLAIN)
    {
      char *joined = g_strconcat (last->text, "\n", NULL);

      g_free (last->text);
      last->text = joined;
    }
  else
    g_array_append_val (self->spans, ((Span) { RH_SPAN_PLAIN, g_strdup ("\n") }));
}

/* Spaces and line breaks at either end of the whole text are not shown;
 * they may fill whole spans. */
static void
trim_ends (GArray *spans)
{
  for (guint i = 0; i < spans->len; i++)
    {
      Span *span = &g_array_index (spans, Span, i);
      gsize skip = strspn (span->text, " \n");

      memmove (span->text, span->text + skip, strlen (span->text + skip) + 1);
      if (span->text[0] != '\0')
        break;
    }
  for (guint i = spans->len; i > 0; i--)
    {
      Span *span = &g_array_index (spans, Span, i - 1);
      gsize len = strlen (span->text);

      while (len > 0 && (span->text[len - 1] == ' ' || span->text[len - 1] == '\n'))
        len--;
      span->text[len] = '\0';
      if (len > 0)
        break;
    }
}

RhText *
rh_text_builder_end (RhText *self)
{
  GString *plain;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (!self->sealed, NULL);

  trim_ends (self->spans);

  /* Spans left empty by trimming carry nothing. */
  for (guint i = self->spans->len; i > 0; i--)
    if (g_array_index (self->spans, Span, i - 1).text[0] == '\0')
      g_array_remove_index (self->spans, i - 1);

  plain = g_string_new (NULL);
  for (guint i = 0; i < self->spans->len; i++)
    g_string_append (plain, g_array_index (self->spans, Span, i).text);
  self->plain = g_string_free (plain, FALSE);
  self->sealed = TRUE;
  return self;
}

RhText *
rh_text_new_plain (const char *plain)
{
  RhText *self = rh_text_builder_new ();

  rh_text_builder_append (self, RH_SPAN_PLAIN, plain != NULL ? plain : "");
  return rh_text_builder_end (self);
}

RhText *
rh_text_ref (RhText *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_ref_count_inc (&self->ref_count);
  return self;
}

void
rh_text_unref (RhText *self)
{
  g_return_if_fail (self != NULL);

  if (g_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->spans);
      g_free (self->plain);
      g_free (self);
    }
}

guint
rh_text_get_n_spans (const RhText *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->spans->len;
}

const char *
rh_text_get_span (const RhText *self,
                  guint         index,
                  RhSpanStyle  *style)
{
  const Span *span;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->spans->len, NULL);

  span = &g_array_index (self->spans, Span, index);
  if (style != NULL)
    *style = span->style;
  return span->text;
}

/* The text without its styles: "Use with to close files". */
const char *
rh_text_get_plain (const RhText *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->sealed, NULL);

  return self->plain;
}
