/* rh-deck-markup.c: other programs' text in the deck format's markup
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A Writer takes text, line breaks and the start and end of blocks, and
 * writes the deck's markup: <p> with <code>, <em> and <br/>, <list> of
 * <item>s, <pre lang="text">.  It drops what the deck loader would refuse
 * (an empty paragraph, item or code block; a character XML does not allow)
 * and what would only look wrong (line breaks at either end of a
 * paragraph, or more than two in a row).  Two readers drive it: plain
 * text, and HTML as Anki writes it, read leniently in one pass (a field
 * is not a document, and browsers forgive the same mistakes).
 */
#define G_LOG_DOMAIN "rehearse-deck-markup"

#include "config.h"

#include <string.h>

#include <libxml/HTMLparser.h>

#include "rh-deck-markup.h"
#include "rh-text.h"

#define MAX_BREAKS 2

typedef enum {
  BLOCK_NONE,
  BLOCK_PARAGRAPH,
  BLOCK_LIST,
  BLOCK_PRE,
} Block;

typedef struct {
  GString *out;
  gsize start;           /* @out's length before */
  GString *plain;        /* the question's text without markup, or NULL */
  gboolean question;     /* text and line breaks only: blocks are lines */
  Block block;
  gboolean numbered;
  gboolean in_item;
  gboolean code_lines;   /* code in a list or a question: its lines are line breaks */
  GString *text;         /* the paragraph, item or code block under way */
  gboolean has_text;     /* it has something to show */
  RhSpanStyle style;     /* the span open at the end of @text */
  guint breaks;          /* line breaks waiting for text to follow them */
  GString *items;        /* the list's finished items */
  GString *scratch;
} Writer;

static gboolean
is_xml_char (gunichar c)
{
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
      || (c >= 0x10000 && c <= 0x10FFFF);
}

/* @len bytes of @text, escaped, into @out; a character XML does not allow
 * is left out, and CR LF or a lone CR is one LF. */
static void
append_escaped (GString    *out,
                const char *text,
                gsize       len)
{
  const char *end = text + len;

  for (const char *p = text; p < end;)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar)-1 || c == (gunichar)-2)
        {
          p++;
          continue;
        }
      if (c == '&')
        g_string_append (out, "&amp;");
      else if (c == '<')
        g_string_append (out, "&lt;");
      else if (c == '>')
        g_string_append (out, "&gt;");
      else if (c == '"')
        g_string_append (out, "&quot;");
      else if (c == '\r' && !(p + 1 < end && p[1] == '\n'))
        g_string_append_c (out, '\n');
      else if (c != '\r' && is_xml_char (c))
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
}

/* Something other than white space from @from on: what the loader would
 * not call empty. */
static gboolean
visible_since (GString *text,
               gsize    from)
{
  for (gsize i = from; i < text->len; i++)
    if ((guchar)text->str[i] > ' ')
      return TRUE;
  return FALSE;
}

static void
writer_init (Writer  *w,
             GString *out,
             GString *plain,
             gboolean question)
{
  *w = (Writer) {
    .out = out,
    .start = out->len,
    .plain = plain,
    .question = question,
    .text = g_string_new (NULL),
    .items = g_string_new (NULL),
    .scratch = g_string_new (NULL),
  };
}

static void
writer_clear (Writer *w)
{
  g_string_free (w->text, TRUE);
  g_string_free (w->items, TRUE);
  g_string_free (w->scratch, TRUE);
}

static void
close_span (Writer *w)
{
  if (w->style == RH_SPAN_CODE)
    g_string_append (w->text, "</code>");
  else if (w->style == RH_SPAN_EMPHASIS)
    g_string_append (w->text, "</em>");
  w->style = RH_SPAN_PLAIN;
}

/* Text in a paragraph, an item or the question.  White space is left for
 * the loader to collapse; line breaks wait for text after them. */
static void
writer_inline (Writer      *w,
               const char  *text,
               gsize        len,
               RhSpanStyle  style)
{
  if (w->block == BLOCK_NONE)
    w->block = BLOCK_PARAGRAPH;
  if (w->block == BLOCK_LIST)
    w->in_item = TRUE;
  g_string_truncate (w->scratch, 0);
  append_escaped (w->scratch, text, len);
  style = w->question ? RH_SPAN_PLAIN : style;
  if (!visible_since (w->scratch, 0))
    {
      /* A space between words, in the style it was written in. */
      if (w->has_text && w->breaks == 0 && style != w->style)
        close_span (w);
      if (w->has_text && w->breaks == 0)
        g_string_append_c (w->text, ' ');
      return;
    }
  if (w->breaks > 0)
    {
      close_span (w);
      for (guint i = 0; i < MIN (w->breaks, MAX_BREAKS); i++)
        g_string_append (w->text, "<br/>");
      w->breaks = 0;
    }
  if (style != w->style)
    {
      close_span (w);
      g_string_append (w->text, style == RH_SPAN_CODE ? "<code>" : style == RH_SPAN_EMPHASIS ? "<em>" : "");
      w->style = style;
    }
  g_string_append_len (w->text, w->scratch->str, w->scratch->len);
  if (w->plain != NULL)
    g_string_append_len (w->plain, text, len);
  w->has_text = TRUE;
}

static void
writer_break (Writer *w)
{
  if (w->block == BLOCK_PRE)
    g_string_append_c (w->text, '\n');
  else if (w->has_text)
    {
      w->breaks++;
      if (w->plain != NULL)
        g_string_append_c (w->plain, ' ');
    }
}

/* The end of a line that is not a line break of its own (a paragraph in
 * a list item or a question): one, however many such ends meet. */
static void
writer_line_end (Writer *w)
{
  if (w->block == BLOCK_PRE && w->text->len > 0 && w->text->str[w->text->len - 1] != '\n')
    g_string_append_c (w->text, '\n');
  else if (w->block != BLOCK_PRE && w->breaks == 0)
    writer_break (w);
}

static void
writer_text (Writer      *w,
             const char  *text,
             gsize        len,
             RhSpanStyle  style)
{
  const char *end = text + len;

  if (w->block == BLOCK_PRE)
    {
      gsize before = w->text->len;

      append_escaped (w->text, text, len);
      w->has_text |= visible_since (w->text, before);
      return;
    }
  if (!w->code_lines)
    {
      writer_inline (w, text, len, style);
      return;
    }
  for (const char *line = text; line <= end;)
    {
      const char *newline = memchr (line, '\n', end - line);
      const char *stop = newline != NULL ? newline : end;

      writer_inline (w, line, stop - line, RH_SPAN_CODE);
      if (newline == NULL)
        break;
      writer_break (w);
      line = newline + 1;
    }
}

/* The paragraph or item under way, as <@tag>, into @dest, if it has text. */
static void
finish_inline (Writer     *w,
               GString    *dest,
               const char *tag)
{
  close_span (w);
  if (w->has_text)
    g_string_append_printf (dest, "<%s>%s</%s>", tag, w->text->str, tag);
  g_string_truncate (w->text, 0);
  w->has_text = FALSE;
  w->breaks = 0;
}

static void
writer_end_item (Writer *w)
{
  if (w->block != BLOCK_LIST || !w->in_item)
    return;
  finish_inline (w, w->items, "item");
  w->in_item = FALSE;
}

/* In a question, blocks are lines. */
static void
writer_end_block (Writer *w)
{
  if (w->question)
    {
      writer_line_end (w);
      return;
    }
  if (w->block == BLOCK_PARAGRAPH)
    finish_inline (w, w->out, "p");
  else if (w->block == BLOCK_LIST)
    {
      writer_end_item (w);
      if (w->items->len > 0)
        g_string_append_printf (w->out, "<list%s>%s</list>", w->numbered ? " style=\"numbered\"" : "",
                                w->items->str);
      g_string_truncate (w->items, 0);
    }
  else if (w->block == BLOCK_PRE)
    {
      if (w->has_text)
        g_string_append_printf (w->out, "<pre lang=\"text\">%s</pre>", w->text->str);
      g_string_truncate (w->text, 0);
      w->has_text = FALSE;
    }
  w->block = BLOCK_NONE;
}

static void
writer_start_list (Writer  *w,
                   gboolean numbered)
{
  writer_end_block (w);
  if (w->question)
    return;
  w->block = BLOCK_LIST;
  w->numbered = numbered;
}

/* An item outside a list is a paragraph of its own. */
static void
writer_start_item (Writer *w)
{
  if (w->block != BLOCK_LIST)
    writer_end_block (w);
  writer_end_item (w);
}

/* Code inside a list item or a question cannot be a block of its own:
 * it stays in the text, its lines kept as line breaks. */
static void
writer_start_pre (Writer *w)
{
  if (w->question || w->block == BLOCK_LIST)
    {
      w->code_lines = TRUE;
      writer_line_end (w);
      return;
    }
  writer_end_block (w);
  w->block = BLOCK_PRE;
}

static void
writer_end_pre (Writer *w)
{
  if (w->code_lines)
    {
      w->code_lines = FALSE;
      writer_line_end (w);
    }
  else if (w->block == BLOCK_PRE)
    writer_end_block (w);
}

/* Everything written out; FALSE if nothing would be shown. */
static gboolean
writer_finish (Writer *w)
{
  gboolean shown;

  if (w->question)
    {
      close_span (w);
      g_string_append_len (w->out, w->text->str, w->text->len);
      shown = w->has_text;
    }
  else
    {
      writer_end_block (w);
      shown = w->out->len > w->start;
    }
  writer_clear (w);
  return shown;
}

/* --- Plain text ------------------------------------------------------------ */

static void
write_plain_text (Writer     *w,
                  const char *text)
{
  gboolean after_line = FALSE;

  for (const char *line = text;;)
    {
      const char *newline = strchr (line, '\n');
      gsize len = newline != NULL ? (gsize)(newline - line) : strlen (line);
      gboolean blank = TRUE;

      for (gsize i = 0; i < len && blank; i++)
        blank = (guchar)line[i] <= ' ';
      if (blank && after_line)
        writer_end_block (w);
      else if (!blank && after_line)
        writer_break (w);
      if (!blank)
        writer_text (w, line, len, RH_SPAN_PLAIN);
      after_line = !blank;
      if (newline == NULL)
        break;
      line = newline + 1;
    }
}

/* --- HTML ------------------------------------------------------------------ */

typedef enum {
  TAG_OTHER,     /* dropped, its text kept */
  TAG_BREAK,
  TAG_BLOCK,
  TAG_BULLETS,
  TAG_NUMBERS,
  TAG_ITEM,
  TAG_PRE,
  TAG_CODE,
  TAG_EMPHASIS,
  TAG_CELL,      /* a table cell: a space between cells */
  TAG_RAW,       /* dropped with its content, which is not text */
} TagKind;

static const struct {
  const char *name;
  TagKind kind;
} tags[] = {
  { "br", TAG_BREAK },
  { "p", TAG_BLOCK }, { "div", TAG_BLOCK }, { "h1", TAG_BLOCK }, { "h2", TAG_BLOCK }, { "h3", TAG_BLOCK },
  { "h4", TAG_BLOCK }, { "h5", TAG_BLOCK }, { "h6", TAG_BLOCK }, { "blockquote", TAG_BLOCK },
  { "section", TAG_BLOCK }, { "article", TAG_BLOCK }, { "header", TAG_BLOCK }, { "footer", TAG_BLOCK },
  { "hr", TAG_BLOCK }, { "table", TAG_BLOCK }, { "tr", TAG_BLOCK }, { "dl", TAG_BLOCK }, { "dt", TAG_BLOCK },
  { "dd", TAG_BLOCK }, { "figure", TAG_BLOCK }, { "figcaption", TAG_BLOCK }, { "center", TAG_BLOCK },
  { "ul", TAG_BULLETS }, { "ol", TAG_NUMBERS }, { "li", TAG_ITEM },
  { "pre", TAG_PRE },
  { "code", TAG_CODE }, { "kbd", TAG_CODE }, { "samp", TAG_CODE }, { "tt", TAG_CODE },
  { "b", TAG_EMPHASIS }, { "strong", TAG_EMPHASIS }, { "i", TAG_EMPHASIS }, { "em", TAG_EMPHASIS },
  { "u", TAG_EMPHASIS }, { "mark", TAG_EMPHASIS },
  { "td", TAG_CELL }, { "th", TAG_CELL },
  { "script", TAG_RAW }, { "style", TAG_RAW },
};

typedef struct {
  Writer *w;
  guint code;       /* <code> and the like open */
  guint emphasis;   /* <b>, <i> and the like open */
  guint lists;
  gboolean pre;
  GString *text;
} Html;

static TagKind
tag_kind (const char *name,
          gsize       len)
{
  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    if (strlen (tags[i].name) == len && g_ascii_strncasecmp (tags[i].name, name, len) == 0)
      return tags[i].kind;
  return TAG_OTHER;
}

/* In a list or a code block, a paragraph is a line. */
static void
html_boundary (Html *h)
{
  if (h->pre || h->lists > 0)
    writer_line_end (h->w);
  else
    writer_end_block (h->w);
}

/* A list inside a list adds its items to the outer one. */
static void
html_list (Html    *h,
           gboolean numbered,
           gboolean closing)
{
  if (h->pre)
    writer_break (h->w);
  else if (!closing && h->lists == 0)
    writer_start_list (h->w, numbered);
  else if (closing && h->lists == 1)
    writer_end_block (h->w);
  else
    writer_end_item (h->w);
  if (!closing)
    h->lists++;
  else if (h->lists > 0)
    h->lists--;
}

static void
count_open (guint   *open,
            gboolean closing)
{
  if (!closing)
    *open += 1;
  else if (*open > 0)
    *open -= 1;
}

static void
html_tag (Html    *h,
          TagKind  kind,
          gboolean closing)
{
  if (kind == TAG_BREAK)
    writer_break (h->w);
  else if (kind == TAG_BLOCK)
    html_boundary (h);
  else if (kind == TAG_BULLETS || kind == TAG_NUMBERS)
    html_list (h, kind == TAG_NUMBERS, closing);
  else if (kind == TAG_ITEM && !closing)
    writer_start_item (h->w);
  else if (kind == TAG_ITEM)
    writer_end_item (h->w);
  else if (kind == TAG_PRE && closing == h->pre)
    {
      h->pre = !closing;
      if (h->pre)
        writer_start_pre (h->w);
      else
        writer_end_pre (h->w);
    }
  else if (kind == TAG_CODE)
    count_open (&h->code, closing);
  else if (kind == TAG_EMPHASIS)
    count_open (&h->emphasis, closing);
  else if (kind == TAG_CELL && !closing)
    writer_text (h->w, " ", 1, RH_SPAN_PLAIN);
}

/* Past a comment, a declaration, or a tag's attributes (quotes may hold
 * a '>'); the end of the text if it never ends. */
static const char *
skip_markup (const char *p)
{
  const char *end;
  char quote = 0;

  if (g_str_has_prefix (p, "<!--"))
    {
      end = strstr (p + 4, "-->");
      return end != NULL ? end + 3 : p + strlen (p);
    }
  for (; *p != '\0'; p++)
    {
      if (quote != 0)
        quote = *p == quote ? 0 : quote;
      else if (*p == '"' || *p == '\'')
        quote = *p;
      else if (*p == '>')
        return p + 1;
    }
  return p;
}

/* Past the end of @name's element, from @from: its content is not HTML (a
 * script or a style), and without an end it runs to the end of the field. */
static const char *
skip_raw (const char *from,
          const char *name,
          gsize       len)
{
  for (const char *p = strchr (from, '<'); p != NULL; p = strchr (p + 1, '<'))
    if (p[1] == '/' && g_ascii_strncasecmp (p + 2, name, len) == 0 && !g_ascii_isalnum (p[2 + len]))
      return skip_markup (p);
  return from + strlen (from);
}

/* The markup at @p ('<'), acted on; where it ends, or NULL when @p is a
 * '<' that starts no tag ("a < b"), which is text. */
static const char *
html_markup (Html       *h,
             const char *p)
{
  gboolean closing = p[1] == '/';
  const char *name = p + (closing ? 2 : 1);
  gsize len = 0;
  const char *end;
  TagKind kind;

  if (p[1] == '!' || p[1] == '?')
    return skip_markup (p);
  if (!g_ascii_isalpha (name[0]))
    return NULL;
  while (g_ascii_isalnum (name[len]))
    len++;
  kind = tag_kind (name, len);
  end = skip_markup (name + len);
  if (kind == TAG_RAW && !closing)
    return skip_raw (end, name, len);
  html_tag (h, kind, closing);
  return end;
}

/* The character an entity names, into @out; where the entity ends, or
 * NULL when @p ('&') starts none and is itself. */
static const char *
decode_entity (const char *p,
               GString    *out)
{
  gunichar c;
  const char *end;

  if (p[1] == '#')
    {
      gboolean hex = p[2] == 'x' || p[2] == 'X';
      const char *digits = p + (hex ? 3 : 2);
      guint64 value = 0;
      guint n;

      for (n = 0; n < 8 && (hex ? g_ascii_isxdigit (digits[n]) : g_ascii_isdigit (digits[n])); n++)
        value = value * (hex ? 16 : 10) + (hex ? g_ascii_xdigit_value (digits[n]) : g_ascii_digit_value (digits[n]));
      if (n == 0 || digits[n] != ';')
        return NULL;
      c = value > 0x10FFFF ? 0 : (gunichar)value;
      end = digits + n + 1;
    }
  else
    {
      char name[32];
      gsize len = 0;
      const htmlEntityDesc *entity;

      while (len < sizeof name - 1 && g_ascii_isalnum (p[1 + len]))
        len++;
      if (len == 0 || p[1 + len] != ';')
        return NULL;
      memcpy (name, p + 1, len);
      name[len] = '\0';
      entity = htmlEntityLookup ((const xmlChar *)name);
      if (entity == NULL)
        return NULL;
      c = entity->value;
      end = p + len + 2;
    }
  /* Anki writes &nbsp; where a plain space is meant. */
  if (c == 0xA0)
    c = ' ';
  if (c != 0 && is_xml_char (c))
    g_string_append_unichar (out, c);
  return end;
}

/* Text up to the next tag, its entities decoded; where it ends. */
static const char *
html_text (Html       *h,
           const char *p)
{
  RhSpanStyle style = h->code > 0 ? RH_SPAN_CODE : h->emphasis > 0 ? RH_SPAN_EMPHASIS : RH_SPAN_PLAIN;

  g_string_truncate (h->text, 0);
  do
    {
      const char *end = *p == '&' ? decode_entity (p, h->text) : NULL;

      if (end != NULL)
        p = end;
      else
        g_string_append_c (h->text, *p++);
    }
  while (*p != '\0' && *p != '<');
  writer_text (h->w, h->text->str, h->text->len, style);
  return p;
}

static void
write_html (Writer     *w,
            const char *html)
{
  Html h = { .w = w, .text = g_string_new (NULL) };

  for (const char *p = html; *p != '\0';)
    {
      const char *end = *p == '<' ? html_markup (&h, p) : NULL;

      p = end != NULL ? end : html_text (&h, p);
    }
  g_string_free (h.text, TRUE);
}

static void
write_source (Writer         *w,
              const char     *text,
              RhMarkupSource  source)
{
  if (source == RH_MARKUP_HTML)
    write_html (w, text);
  else
    write_plain_text (w, text);
}

static gboolean
append (GString        *out,
        GString        *plain,
        gboolean        question,
        const char     *text,
        RhMarkupSource  source)
{
  Writer w;

  writer_init (&w, out, plain, question);
  write_source (&w, text, source);
  return writer_finish (&w);
}

gboolean
rh_deck_markup_append_answer (GString        *out,
                              const char     *text,
                              RhMarkupSource  source)
{
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  return append (out, NULL, FALSE, text, source);
}

gboolean
rh_deck_markup_append_question (GString        *out,
                                GString        *plain,
                                const char     *text,
                                RhMarkupSource  source)
{
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  return append (out, plain, TRUE, text, source);
}

gboolean
rh_deck_markup_append_plain (GString    *out,
                             const char *text)
{
  gsize before;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  before = out->len;
  append_escaped (out, text, strlen (text));
  return visible_since (out, before);
}
