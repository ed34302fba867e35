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
  const char *text;
} Span;

/* Decks of a hundred thousand cards hold about a million of these, all
 * made at start-up: a sealed text is one block, this header, then its
 * spans, then the plain text, then each span's text when there are
 * several (one span's text is the plain text itself). */
struct _RhText {
  grefcount ref_count;
  guint n_spans;   /* BUILDING: a Builder */
};

#define BUILDING G_MAXUINT

/* Where a span is in the builder's buffer. */
typedef struct {
  RhSpanStyle style;
  gsize start;
  gsize end;
} Mark;

/* A text being built: every span's text back to back in one buffer. */
typedef struct {
  RhText text;
  guint n_marks;
  guint marks_size;
  Mark *marks;     /* &first, or a growing array */
  Mark first;
  char *buf;
  gsize len;
  gsize size;
} Builder;

G_DEFINE_BOXED_TYPE (RhText, rh_text, rh_text_ref, rh_text_unref)

static Span *
spans_of (const RhText *self)
{
  return (Span *)(gpointer)(self + 1);
}

static Builder *
builder_of (RhText *self)
{
  g_assert (self->n_spans == BUILDING);
  return (Builder *)self;
}

RhText *
rh_text_builder_new (void)
{
  Builder *self = g_new0 (Builder, 1);

  g_ref_count_init (&self->text.ref_count);
  self->text.n_spans = BUILDING;
  self->marks = &self->first;
  self->marks_size = 1;
  return &self->text;
}

static void
builder_free (Builder *self)
{
  if (self->marks != &self->first)
    g_free (self->marks);
  g_free (self->buf);
  g_free (self);
}

static Mark *
last_mark (Builder *self)
{
  return self->n_marks > 0 ? &self->marks[self->n_marks - 1] : NULL;
}

/* The last span is never empty while building, so the text before the
 * next run ends where the buffer ends. */
static gboolean
ends_with_space (Builder *self)
{
  if (self->n_marks == 0)
    return TRUE;  /* nothing before: a leading space would be trimmed anyway */
  return self->len > 0 && (self->buf[self->len - 1] == ' ' || self->buf[self->len - 1] == '\n');
}

static void
reserve (Builder *self,
         gsize    more)
{
  if (self->len + more + 1 <= self->size)
    return;
  self->size = MAX (self->len + more + 1, self->size * 2);
  self->buf = g_realloc (self->buf, self->size);
}

static void
add_mark (Builder     *self,
          RhSpanStyle  style,
          gsize        start)
{
  if (self->n_marks == self->marks_size)
    {
      Mark *marks = g_new (Mark, self->marks_size * 2);

      memcpy (marks, self->marks, self->n_marks * sizeof (Mark));
      if (self->marks != &self->first)
        g_free (self->marks);
      self->marks = marks;
      self->marks_size *= 2;
    }
  self->marks[self->n_marks++] = (Mark) { style, start, self->len };
}

/* Text in the file is laid out by whoever wrote it: runs of white space,
 * line breaks included, are one space, as in a rendered paragraph. */
void
rh_text_builder_append (RhText      *text,
                        RhSpanStyle  style,
                        const char  *raw)
{
  Builder *self;
  gsize start;
  char *out;
  gboolean in_space;
  Mark *last;

  g_return_if_fail (text != NULL && text->n_spans == BUILDING);
  g_return_if_fail (raw != NULL);

  /* One pass, straight into the buffer: decks are read at every start,
   * and this is where their text goes through. */
  self = builder_of (text);
  reserve (self, strlen (raw));
  start = self->len;
  out = self->buf + start;
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
  self->len = out - self->buf;
  if (self->len == start)
    return;

  /* Adjacent spans of one style are one span. */
  last = last_mark (self);
  if (last != NULL && last->style == style)
    last->end = self->len;
  else
    add_mark (self, style, start);
}

/* A line break (<br/>, deck format 2): kept through the collapsing of
 * white space, which treats it as a space on either side. */
void
rh_text_builder_append_break (RhText *text)
{
  Builder *self;
  Mark *last;

  g_return_if_fail (text != NULL && text->n_spans == BUILDING);

  /* Before any text it would only push the text down. */
  self = builder_of (text);
  last = last_mark (self);
  if (last == NULL)
    return;
  if (last->end > last->start && self->buf[last->end - 1] == ' ')
    self->len = --last->end;
  reserve (self, 1);
  self->buf[self->len++] = '\n';
  if (last->style == RH_SPAN_PLAIN)
    last->end = self->len;
  else
    add_mark (self, RH_SPAN_PLAIN, self->len - 1);
}

/* Spaces and line breaks at either end of the whole text are not shown;
 * they may fill whole spans, which then carry nothing. */
static void
trim_ends (Builder *self,
           gsize   *from,
           gsize   *to)
{
  guint kept = 0;

  *from = 0;
  *to = self->len;
  while (*from < *to && (self->buf[*from] == ' ' || self->buf[*from] == '\n'))
    (*from)++;
  while (*to > *from && (self->buf[*to - 1] == ' ' || self->buf[*to - 1] == '\n'))
    (*to)--;
  for (guint i = 0; i < self->n_marks; i++)
    {
      Mark mark = self->marks[i];

      mark.start = CLAMP (mark.start, *from, *to);
      mark.end = CLAMP (mark.end, *from, *to);
      if (mark.end > mark.start)
        self->marks[kept++] = mark;
    }
  self->n_marks = kept;
}

/* The sealed text, in one block. */
static RhText *
seal (Builder *self,
      gsize    from,
      gsize    to)
{
  gsize text_len = to - from;
  guint n = self->n_marks;
  gsize total = sizeof (RhText) + n * sizeof (Span) + text_len + 1 + (n > 1 ? text_len + n : 0);
  RhText *text = g_malloc (total);
  Span *spans = spans_of (text);
  char *plain = (char *)(spans + n);
  char *cursor = plain + text_len + 1;

  g_ref_count_init (&text->ref_count);
  text->n_spans = n;
  memcpy (plain, self->buf != NULL ? self->buf + from : "", text_len);
  plain[text_len] = '\0';
  for (guint i = 0; i < n; i++)
    {
      gsize len = self->marks[i].end - self->marks[i].start;

      spans[i] = (Span) { self->marks[i].style, plain };
      if (n > 1)
        {
          memcpy (cursor, self->buf + self->marks[i].start, len);
          cursor[len] = '\0';
          spans[i].text = cursor;
          cursor += len + 1;
        }
    }
  return text;
}

/* Seals the text: the builder is gone, the text returned in its place. */
RhText *
rh_text_builder_end (RhText *text)
{
  Builder *self;
  RhText *sealed;
  gsize from, to;

  g_return_val_if_fail (text != NULL && text->n_spans == BUILDING, NULL);
  g_return_val_if_fail (g_ref_count_compare (&text->ref_count, 1), NULL);

  self = builder_of (text);
  trim_ends (self, &from, &to);
  sealed = seal (self, from, to);
  builder_free (self);
  return sealed;
}

/* Ends the text and keeps only what it says, without its spans: for the
 * parts of a deck that are plain text (titles, questions). */
char *
rh_text_builder_end_plain (RhText *text)
{
  Builder *self;
  gsize from, to;
  char *plain;

  g_return_val_if_fail (text != NULL && text->n_spans == BUILDING, NULL);
  g_return_val_if_fail (g_ref_count_compare (&text->ref_count, 1), NULL);

  self = builder_of (text);
  trim_ends (self, &from, &to);
  plain = g_strndup (self->buf != NULL ? self->buf + from : "", to - from);
  builder_free (self);
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

  if (!g_ref_count_dec (&self->ref_count))
    return;
  if (self->n_spans == BUILDING)
    builder_free (builder_of (self));
  else
    g_free (self);
}

guint
rh_text_get_n_spans (const RhText *self)
{
  g_return_val_if_fail (self != NULL && self->n_spans != BUILDING, 0);

  return self->n_spans;
}

const char *
rh_text_get_span (const RhText *self,
                  guint         index,
                  RhSpanStyle  *style)
{
  const Span *span;

  g_return_val_if_fail (self != NULL && self->n_spans != BUILDING, NULL);
  g_return_val_if_fail (index < self->n_spans, NULL);

  span = &spans_of (self)[index];
  if (style != NULL)
    *style = span->style;
  return span->text;
}

/* The text without its styles: "Use with to close files". */
const char *
rh_text_get_plain (const RhText *self)
{
  g_return_val_if_fail (self != NULL && self->n_spans != BUILDING, NULL);

  return (const char *)(spans_of (self) + self->n_spans);
}
