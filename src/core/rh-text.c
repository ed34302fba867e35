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
  char *text;      /* sealed: in the text's one block */
  gsize start;     /* building: where it is in the buffer */
  gsize end;
} Span;

/* Decks of a hundred thousand cards hold about a million of these, all
 * made at start-up: a sealed text is its header and one block (its spans,
 * then the plain text, then each span's text when there are several; one
 * span is the plain text itself). */
struct _RhText {
  grefcount ref_count;
  gboolean sealed;
  guint n_spans;
  guint spans_size;
  Span *spans;     /* building: &first, or a growing array */
  Span first;
  char *plain;     /* building: every span's text, back to back */
  gsize len;
  gsize size;
};

G_DEFINE_BOXED_TYPE (RhText, rh_text, rh_text_ref, rh_text_unref)

RhText *
rh_text_builder_new (void)
{
  RhText *self = g_new0 (RhText, 1);

  g_ref_count_init (&self->ref_count);
  self->spans = &self->first;
  self->spans_size = 1;
  return self;
}

static Span *
last_span (RhText *self)
{
  return self->n_spans > 0 ? &self->spans[self->n_spans - 1] : NULL;
}

/* The last span is never empty while building, so the text before the
 * next run ends where the buffer ends. */
static gboolean
ends_with_space (RhText *self)
{
  if (self->n_spans == 0)
    return TRUE;  /* nothing before: a leading space would be trimmed anyway */
  return self->len > 0 && (self->plain[self->len - 1] == ' ' || self->plain[self->len - 1] == '\n');
}

static void
reserve (RhText *self,
         gsize   more)
{
  if (self->len + more + 1 <= self->size)
    return;
  self->size = MAX (self->len + more + 1, self->size * 2);
  self->plain = g_realloc (self->plain, self->size);
}

static void
add_span (RhText      *self,
          RhSpanStyle  style,
          gsize        start)
{
  if (self->n_spans == self->spans_size)
    {
      Span *spans = g_new (Span, self->spans_size * 2);

      memcpy (spans, self->spans, self->n_spans * sizeof (Span));
      if (self->spans != &self->first)
        g_free (self->spans);
      self->spans = spans;
      self->spans_size *= 2;
    }
  self->spans[self->n_spans++] = (Span) { style, NULL, start, self->len };
}

/* Text in the file is laid out by whoever wrote it: runs of white space,
 * line breaks included, are one space, as in a rendered paragraph. */
void
rh_text_builder_append (RhText      *self,
                        RhSpanStyle  style,
                        const char  *raw)
{
  gsize start;
  char *out;
  gboolean in_space;
  Span *last;

  g_return_if_fail (self != NULL);
  g_return_if_fail (!self->sealed);
  g_return_if_fail (raw != NULL);

  /* One pass, straight into the buffer: decks are read at every start,
   * and this is where their text goes through. */
  reserve (self, strlen (raw));
  start = self->len;
  out = self->plain + start;
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
  self->len = out - self->plain;
  if (self->len == start)
    return;

  /* Adjacent spans of one style are one span. */
  last = last_span (self);
  if (last != NULL && last->style == style)
    last->end = self->len;
  else
    add_span (self, style, start);
}

/* A line break (<br/>, deck format 2): kept through the collapsing of
 * white space, which treats it as a space on either side. */
void
rh_text_builder_append_break (RhText *self)
{
  Span *last;

  g_return_if_fail (self != NULL);
  g_return_if_fail (!self->sealed);

  /* Before any text it would only push the text down. */
  last = last_span (self);
  if (last == NULL)
    return;
  if (last->end > last->start && self->plain[last->end - 1] == ' ')
    self->len = --last->end;
  reserve (self, 1);
  self->plain[self->len++] = '\n';
  if (last->style == RH_SPAN_PLAIN)
    last->end = self->len;
  else
    add_span (self, RH_SPAN_PLAIN, self->len - 1);
}

/* Spaces and line breaks at either end of the whole text are not shown;
 * they may fill whole spans, which then carry nothing. */
static void
trim_ends (RhText *self,
           gsize  *from,
           gsize  *to)
{
  guint kept = 0;

  *from = 0;
  *to = self->len;
  while (*from < *to && (self->plain[*from] == ' ' || self->plain[*from] == '\n'))
    (*from)++;
  while (*to > *from && (self->plain[*to - 1] == ' ' || self->plain[*to - 1] == '\n'))
    (*to)--;
  for (guint i = 0; i < self->n_spans; i++)
    {
      Span span = self->spans[i];

      span.start = CLAMP (span.start, *from, *to);
      span.end = CLAMP (span.end, *from, *to);
      if (span.end > span.start)
        self->spans[kept++] = span;
    }
  self->n_spans = kept;
}

/* The spans, the plain text and (for more than one span) each span's
 * text, in one block. */
static void
seal (RhText *self,
      gsize   from,
      gsize   to)
{
  gsize text_len = to - from;
  gsize total = self->n_spans * sizeof (Span) + text_len + 1;
  char *block, *text, *cursor;

  if (self->n_spans > 1)
    total += text_len + self->n_spans;
  block = g_malloc (total);
  text = block + self->n_spans * sizeof (Span);
  memcpy (text, self->plain + from, text_len);
  text[text_len] = '\0';
  cursor = text + text_len + 1;
  for (guint i = 0; i < self->n_spans; i++)
    {
      Span *span = &((Span *)block)[i];
      gsize n = self->spans[i].end - self->spans[i].start;

      *span = self->spans[i];
      span->text = text;
      if (self->n_spans > 1)
        {
          span->text = memcpy (cursor, self->plain + span->start, n);
          span->text[n] = '\0';
          cursor += n + 1;
        }
    }
  if (self->spans != &self->first)
    g_free (self->spans);
  g_free (self->plain);
  self->spans = (Span *)block;
  self->plain = text;
}

RhText *
rh_text_builder_end (RhText *self)
{
  gsize from, to;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (!self->sealed, NULL);

  trim_ends (self, &from, &to);
  seal (self, from, to);
  self->sealed = TRUE;
  return self;
}

/* Ends the text and keeps only what it says, without its spans: for the
 * parts of a deck that are plain text (titles, questions). */
char *
rh_text_builder_end_plain (RhText *self)
{
  gsize from, to;
  char *plain;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (!self->sealed, NULL);
  g_return_val_if_fail (g_ref_count_compare (&self->ref_count, 1), NULL);

  trim_ends (self, &from, &to);
  plain = g_strndup (self->plain != NULL ? self->plain + from : "", to - from);
  if (self->spans != &self->first)
    g_free (self->spans);
  g_free (self->plain);
  g_free (self);
  return plain;
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
      if (!self->sealed)
        {
          if (self->spans != &self->first)
            g_free (self->spans);
          g_free (self->plain);
        }
      else
        g_free (self->spans);  /* the block */
      g_free (self);
    }
}

guint
rh_text_get_n_spans (const RhText *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_spans;
}

const char *
rh_text_get_span (const RhText *self,
                  guint         index,
                  RhSpanStyle  *style)
{
  const Span *span;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_spans, NULL);

  span = &self->spans[index];
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
