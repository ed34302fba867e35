/* rh-answer-block.c: one block of a model answer, renderer-neutral
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rehearse-answer"

#include "config.h"

#include <string.h>

#include "rh-answer-block.h"

struct _RhAnswerBlock {
  grefcount ref_count;
  RhBlockKind kind;
  RhText *text;          /* paragraph */
  GPtrArray *items;      /* lists: of RhText */
  const char *language;  /* code, output: interned */
  char *code;            /* code, output: dedented */
  gboolean runnable;
  char *min_python;      /* output: the Python versions it is for ("3.13"), or NULL */
  char *max_python;
};

G_DEFINE_BOXED_TYPE (RhAnswerBlock, rh_answer_block, rh_answer_block_ref, rh_answer_block_unref)

static RhAnswerBlock *
block_new (RhBlockKind kind)
{
  RhAnswerBlock *self = g_new0 (RhAnswerBlock, 1);

  g_ref_count_init (&self->ref_count);
  self->kind = kind;
  return self;
}

RhAnswerBlock *
rh_answer_block_new_paragraph (RhText *text)
{
  RhAnswerBlock *self;

  g_return_val_if_fail (text != NULL, NULL);

  self = block_new (RH_BLOCK_PARAGRAPH);
  self->text = rh_text_ref (text);
  return self;
}

/* Takes a reference on @items, an array of RhText. */
RhAnswerBlock *
rh_answer_block_new_list (gboolean   numbered,
                          GPtrArray *items)
{
  RhAnswerBlock *self;

  g_return_val_if_fail (items != NULL, NULL);

  self = block_new (numbered ? RH_BLOCK_NUMBERED_LIST : RH_BLOCK_BULLET_LIST);
  self->items = g_ptr_array_ref (items);
  return self;
}

RhAnswerBlock *
rh_answer_block_new_code (RhBlockKind  kind,
                          const char  *language,
                          const char  *raw,
                          gboolean     runnable)
{
  RhAnswerBlock *self;

  g_return_val_if_fail (kind == RH_BLOCK_CODE || kind == RH_BLOCK_OUTPUT, NULL);
  g_return_val_if_fail (language != NULL, NULL);
  g_return_val_if_fail (raw != NULL, NULL);

  self = block_new (kind);
  /* One of a few names ("python"), for every block of every deck. */
  self->language = g_intern_string (language);
  self->code = rh_dedent (raw);
  self->runnable = runnable;
  return self;
}

RhAnswerBlock *
rh_answer_block_ref (RhAnswerBlock *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_ref_count_inc (&self->ref_count);
  return self;
}

void
rh_answer_block_unref (RhAnswerBlock *self)
{
  g_return_if_fail (self != NULL);

  if (g_ref_count_dec (&self->ref_count))
    {
      g_clear_pointer (&self->text, rh_text_unref);
      g_clear_pointer (&self->items, g_ptr_array_unref);
      g_free (self->code);
      g_free (self->min_python);
      g_free (self->max_python);
      g_free (self);
    }
}

RhBlockKind
rh_answer_block_get_kind (const RhAnswerBlock *self)
{
  g_return_val_if_fail (self != NULL, RH_BLOCK_PARAGRAPH);

  return self->kind;
}

RhText *
rh_answer_block_get_text (const RhAnswerBlock *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->text;
}

guint
rh_answer_block_get_n_items (const RhAnswerBlock *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->items != NULL ? self->items->len : 0;
}

RhText *
rh_answer_block_get_item (const RhAnswerBlock *self,
                          guint                index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->items != NULL && index < self->items->len, NULL);

  return g_ptr_array_index (self->items, index);
}

const char *
rh_answer_block_get_language (const RhAnswerBlock *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->language;
}

const char *
rh_answer_block_get_code (const RhAnswerBlock *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->code;
}

gboolean
rh_answer_block_get_runnable (const RhAnswerBlock *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->runnable;
}

/* An output that holds only for some Python versions ("3.11" to "3.12",
 * or from "3.13"): either may be NULL, for no bound.  Set once, by the
 * parser, before the block is shared. */
void
rh_answer_block_set_python_range (RhAnswerBlock *self,
                                  const char    *min_python,
                                  const char    *max_python)
{
  g_return_if_fail (self != NULL && self->kind == RH_BLOCK_OUTPUT);

  g_free (self->min_python);
  g_free (self->max_python);
  self->min_python = g_strdup (min_python);
  self->max_python = g_strdup (max_python);
}

const char *
rh_answer_block_get_min_python (const RhAnswerBlock *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->min_python;
}

const char *
rh_answer_block_get_max_python (const RhAnswerBlock *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->max_python;
}

/* The block as plain text, for search and for screen readers. */
void
rh_answer_block_append_plain (const RhAnswerBlock *self,
                              GString             *out)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (out != NULL);

  switch (self->kind)
    {
    case RH_BLOCK_PARAGRAPH:
      g_string_append (out, rh_text_get_plain (self->text));
      g_string_append_c (out, '\n');
      break;

    case RH_BLOCK_BULLET_LIST:
    case RH_BLOCK_NUMBERED_LIST:
      for (guint i = 0; i < self->items->len; i++)
        {
          g_string_append (out, rh_text_get_plain (g_ptr_array_index (self->items, i)));
          g_string_append_c (out, '\n');
        }
      break;

    case RH_BLOCK_CODE:
    case RH_BLOCK_OUTPUT:
    default:
      g_string_append (out, self->code);
      g_string_append_c (out, '\n');
      break;
    }
}

static gboolean
is_blank (const char *line)
{
  for (; *line; line++)
    if (*line != ' ' && *line != '\t' && *line != '\r')
      return FALSE;
  return TRUE;
}

/* Code in the file is indented with the XML around it: drop leading and
 * trailing blank lines and the indentation every non-blank line shares,
 * as Python's textwrap.dedent() does, so the example test runs exactly
 * what the app shows. */
char *
rh_dedent (const char *raw)
{
  g_auto(GStrv) lines = NULL;
  const char *margin = NULL;
  gsize margin_len = 0;
  guint first, last, n;
  GString *out;

  g_return_val_if_fail (raw != NULL, NULL);

  /* Most blocks are a line: that line, less its indentation. */
  if (strchr (raw, '\n') == NULL)
    return g_strdup (is_blank (raw) ? "" : raw + strspn (raw, " \t"));
  lines = g_strsplit (raw, "\n", -1);
  n = g_strv_length (lines);
  for (first = 0; first < n && is_blank (lines[first]); first++)
    ;
  for (last = n; last > first && is_blank (lines[last - 1]); last--)
    ;

  for (guint i = first; i < last; i++)
    {
      const char *line = lines[i];
      gsize indent = strspn (line, " \t");

      if (is_blank (line))
        continue;
      if (margin == NULL)
        {
          margin = line;
          margin_len = indent;
          continue;
        }
      /* The common prefix of the two indentations. */
      for (gsize j = 0; j < margin_len; j++)
        if (j >= indent || line[j] != margin[j])
          {
            margin_len = j;
            break;
          }
    }

  out = g_string_new (NULL);
  for (guint i = first; i < last; i++)
    {
      if (i > first)
        g_string_append_c (out, '\n');
      if (!is_blank (lines[i]))
        g_string_append (out, lines[i] + margin_len);
    }
  return g_string_free (out, FALSE);
}
