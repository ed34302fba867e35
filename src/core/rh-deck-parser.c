/* rh-deck-parser.c: load a deck from XML, safely, with errors a user can act on
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three passes, each refusing the deck with a message that names the file
 * and the line:
 *   1. libxml2 reads the bytes with the network off, no DTD loading and no
 *      entity substitution; a DOCTYPE stops the parser before any entity
 *      is declared, so external entities and expansion bombs never run.
 *   2. RelaxNG validation against resources/decks/deck.rng.
 *   3. What a schema cannot say: unique ids, topic references, no empty
 *      text, 3 to 7 key areas, <output> only after a python block.
 * Nothing is returned unless all three pass.
 */
#define G_LOG_DOMAIN "rehearse-deck-parser"

#include "config.h"

#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>

#include "rehearse-deck-resources.h"
#include "rh-autocleanups.h"
#include "rh-deck-parser.h"
#include "rh-deck-private.h"

#define SCHEMA_RESOURCE RESOURCE_PATH "/decks/deck.rng"
#define MIN_KEY_AREAS 3
#define MAX_KEY_AREAS 7

G_DEFINE_QUARK (rh-deck-error-quark, rh_deck_error)

typedef struct {
  const char *name;      /* the file as the user knows it */
  GError *error;         /* the first problem found */
  gboolean unsafe;
  gboolean built_in;     /* part of the program: its schema is checked by the tests */
} ParseState;

static void
state_fail (ParseState *state,
            RhDeckError code,
            long        line,
            const char *format,
            ...) G_GNUC_PRINTF (4, 5);

static void
state_fail (ParseState *state,
            RhDeckError code,
            long        line,
            const char *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (state->error != NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (line > 0)
    g_set_error (&state->error, RH_DECK_ERROR, code, "%s:%ld: %s", state->name, line, message);
  else
    g_set_error (&state->error, RH_DECK_ERROR, code, "%s: %s", state->name, message);
}

/* libxml2's messages end in a newline and sometimes carry a second line
 * of byte dumps; the first line is the part a person can read. */
static char *
first_line (const char *message)
{
  const char *end;

  if (message == NULL)
    return g_strdup ("unknown error");
  end = strchr (message, '\n');
  return g_strstrip (end != NULL ? g_strndup (message, end - message) : g_strdup (message));
}

static void
on_parse_error (void        *user_data,
                xmlErrorPtr  error)
{
  xmlParserCtxtPtr ctxt = user_data;
  ParseState *state = ctxt->_private;
  g_autofree char *text = NULL;

  if (error->level < XML_ERR_ERROR || state->unsafe)
    return;
  if (error->code == XML_ERR_INVALID_ENCODING || error->code == XML_ERR_INVALID_CHAR)
    {
      state_fail (state, RH_DECK_ERROR_MALFORMED, error->line,
                  "the file is not valid UTF-8 text (a deck must be saved as UTF-8)");
      return;
    }
  text = first_line (error->message);
  state_fail (state, RH_DECK_ERROR_MALFORMED, error->line,
              "the file is not well-formed XML: %s", text);
}

static void
on_validity_error (void        *user_data,
                   xmlErrorPtr  error)
{
  ParseState *state = user_data;
  g_autofree char *text = NULL;

  if (error->level < XML_ERR_ERROR)
    return;
  text = first_line (error->message);
  state_fail (state, RH_DECK_ERROR_INVALID, error->line,
              "the deck does not follow the deck format: %s", text);
}

/* Called as soon as "<!DOCTYPE name" has been read, before the internal
 * subset: stopping here means no entity is ever declared, let alone
 * expanded or fetched. */
static void
on_doctype (void          *user_data,
            const xmlChar *name,
            const xmlChar *external_id,
            const xmlChar *system_id)
{
  xmlParserCtxtPtr ctxt = user_data;
  ParseState *state = ctxt->_private;

  state_fail (state, RH_DECK_ERROR_UNSAFE, ctxt->input != NULL ? ctxt->input->line : 0,
              "the file has a document type declaration (<!DOCTYPE>); decks may not "
              "declare entities or refer to other files");
  state->unsafe = TRUE;
  xmlStopParser (ctxt);
}

/* "error-handling": lower-case letters and digits, words joined by single
 * hyphens. */
static gboolean
is_slug (const char *text,
         const char *end)
{
  gboolean after_hyphen = TRUE;

  if (text == end)
    return FALSE;
  for (const char *p = text; p < end; p++)
    {
      if (*p == '-')
        {
          if (after_hyphen)
            return FALSE;
          after_hyphen = TRUE;
        }
      else if (g_ascii_islower (*p) || g_ascii_isdigit (*p))
        after_hyphen = FALSE;
      else
        return FALSE;
    }
  return !after_hyphen;
}

/* Some libxml2 errors (failed encoding conversions) bypass the parser's
 * handlers and go to stderr: they are reported through the parser's own
 * error instead, so they are silenced here. */
static void
ignore_generic_error (void       *user_data,
                      const char *format,
                      ...)
{
}

/* libxml2, and the resources holding the schema and the built-in deck. */
static void
init_once (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      /* Referencing the bundle links it in from the static library, and
       * its constructor registers it. */
      (void)rh_deck_resources_get_resource ();
      g_once_init_leave (&initialized, 1);
    }
}

static xmlRelaxNGPtr
load_schema (void)
{
  static gsize initialized = 0;
  static xmlRelaxNGPtr schema = NULL;

  if (g_once_init_enter (&initialized))
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      init_once ();
      bytes = g_resources_lookup_data (SCHEMA_RESOURCE, 0, &error);
      if (bytes == NULL)
        g_error ("The deck schema is missing from the program: %s", error->message);
      else
        {
          gsize len;
          const char *data = g_bytes_get_data (bytes, &len);
          g_autoptr(xmlRelaxNGParserCtxt) pctxt = xmlRelaxNGNewMemParserCtxt (data, (int)len);

          schema = xmlRelaxNGParse (pctxt);
          if (schema == NULL)
            g_error ("The deck schema built into the program does not compile");
        }
      g_once_init_leave (&initialized, 1);
    }
  return schema;
}

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node != NULL
      && node->type == XML_ELEMENT_NODE
      && node->ns != NULL
      && xmlStrEqual (node->ns->href, BAD_CAST RH_DECK_NAMESPACE)
      && xmlStrEqual (node->name, BAD_CAST name);
}

static xmlNode *
first_element (xmlNode *node)
{
  for (; node != NULL; node = node->next)
    if (node->type == XML_ELEMENT_NODE)
      return node;
  return NULL;
}

static xmlNode *
next_element (xmlNode *node)
{
  return node != NULL ? first_element (node->next) : NULL;
}

static xmlNode *
previous_element (xmlNode *node)
{
  for (node = node != NULL ? node->prev : NULL; node != NULL; node = node->prev)
    if (node->type == XML_ELEMENT_NODE)
      return node;
  return NULL;
}

static xmlNode *
child_element (xmlNode    *parent,
               const char *name)
{
  for (xmlNode *child = first_element (parent->children); child != NULL; child = next_element (child))
    if (is_element (child, name))
      return child;
  return NULL;
}

static char *
get_attr (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetProp (node, BAD_CAST name);
  char *copy = g_strdup ((const char *)value);

  xmlFree (value);
  return copy;
}

static gboolean
is_python_block (xmlNode *node)
{
  g_autofree char *language = is_element (node, "pre") ? get_attr (node, "lang") : NULL;

  return g_strcmp0 (language, "python") == 0;
}

static char *
node_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *copy = g_strdup (content != NULL ? (const char *)content : "");

  xmlFree (content);
  return copy;
}

/* Inline text: plain runs with <code> and <em> spans.  Empty text is a
 * mistake in a deck, never intended, so it is refused here. */
static RhText *
read_inline (ParseState *state,
             xmlNode    *node,
             const char *what,
             const char *card_id)
{
  g_autoptr(RhText) text = rh_text_builder_new ();

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        rh_text_builder_append (text, RH_SPAN_PLAIN, (const char *)child->content);
      else if (child->type == XML_ELEMENT_NODE)
        {
          g_autofree char *inner = node_text (child);

          rh_text_builder_append (text, is_element (child, "code") ? RH_SPAN_CODE : RH_SPAN_EMPHASIS,
                                  inner);
        }
    }
  rh_text_builder_end (text);

  if (rh_text_get_plain (text)[0] == '\0')
    {
      if (card_id != NULL)
        state_fail (state, RH_DECK_ERROR_INVALID, xmlGetLineNo (node),
                    "card “%s” has an empty %s", card_id, what);
      else
        state_fail (state, RH_DECK_ERROR_INVALID, xmlGetLineNo (node), "the deck has an empty %s", what);
      return NULL;
    }
  return g_steal_pointer (&text);
}

static char *
read_plain (ParseState *state,
            xmlNode    *node,
            const char *what,
            const char *owner)
{
  g_autoptr(RhText) text = read_inline (state, node, what, owner);

  return text != NULL ? g_strdup (rh_text_get_plain (text)) : NULL;
}

/* Every <item> (or <area>) child of @node as RhText. */
static GPtrArray *
read_items (ParseState *state,
            xmlNode    *node,
            const char *what,
            const char *card_id)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify)rh_text_unref);

  for (xmlNode *child = first_element (node->children); child != NULL; child = next_element (child))
    {
      RhText *text = read_inline (state, child, what, card_id);

      if (text == NULL)
        return NULL;
      g_ptr_array_add (items, text);
    }
  return g_steal_pointer (&items);
}

static RhAnswerBlock *
read_code_block (ParseState *state,
                 xmlNode    *node,
                 xmlNode    *previous,
                 const char *card_id)
{
  g_autofree char *raw = node_text (node);
  g_autofree char *language = NULL;
  g_autofree char *run = NULL;
  g_autoptr(RhAnswerBlock) block = NULL;
  gboolean output = is_element (node, "output");

  if (output)
    {
      /* One output, or one per range of Python versions, after a python block. */
      while (is_element (previous, "output"))
        previous = previous_element (previous);
      if (!is_python_block (previous))
        {
          state_fail (state, RH_DECK_ERROR_INVALID, xmlGetLineNo (node),
                      "card “%s” has an <output> that does not follow a python block", card_id);
          return NULL;
        }
      language = g_strdup ("text");
    }
  else
    {
      language = get_attr (node, "lang");
      run = get_attr (node, "run");
    }

  block = rh_answer_block_new_code (output ? RH_BLOCK_OUTPUT : RH_BLOCK_CODE, language, raw,
                                    !output && g_strcmp0 (language, "python") == 0
                                    && g_strcmp0 (run, "no") != 0);
  if (output)
    {
      g_autofree char *min_python = get_attr (node, "min-python");
      g_autofree char *max_python = get_attr (node, "max-python");

      rh_answer_block_set_python_range (block, min_python, max_python);
    }
  if (rh_answer_block_get_code (block)[0] == '\0')
    {
      state_fail (state, RH_DECK_ERROR_INVALID, xmlGetLineNo (node),
                  "card “%s” has an empty %s block", card_id, output ? "output" : "code");
      return NULL;
    }
  return g_steal_pointer (&block);
}

static GPtrArray *
read_answer (ParseState *state,
             xmlNode    *answer,
             const char *card_id)
{
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify)rh_answer_block_unref);
  xmlNode *previous = NULL;

  for (xmlNode *node = first_element (answer->children); node != NULL; previous = node, node = next_element (node))
    {
      RhAnswerBlock *block = NULL;

      if (is_element (node, "p"))
        {
          g_autoptr(RhText) text = read_inline (state, node, "paragraph", card_id);

          if (text != NULL)
            block = rh_answer_block_new_paragraph (text);
        }
      else if (is_element (node, "list"))
        {
          g_autofree char *style = get_attr (node, "style");
          g_autoptr(GPtrArray) items = read_items (state, node, "list item", card_id);

          if (items != NULL)
            block = rh_answer_block_new_list (g_strcmp0 (style, "numbered") == 0, items);
        }
      else
        block = read_code_block (state, node, previous, card_id);

      if (block == NULL)
        return NULL;
      g_ptr_array_add (blocks, block);
    }
  return g_steal_pointer (&blocks);
}

static gboolean
read_topic (ParseState *state,
            RhDeck     *deck,
            xmlNode    *node,
            guint       position)
{
  g_autofree char *id = get_attr (node, "id");
  g_autofree char *title = read_plain (state, child_element (node, "title"), "topic title", NULL);
  g_autofree char *summary = read_plain (state, child_element (node, "summary"), "topic summary", NULL);
  g_autoptr(RhTopic) topic = NULL;

  if (title == NULL || summary == NULL)
    return FALSE;
  if (!is_slug (id, id + strlen (id)))
    {
      state_fail (state, RH_DECK_ERROR_INVALID, xmlGetLineNo (node),
                  "topic id “%s” is not a slug (lower-case letters and digits, words joined by hyphens)", id);
      return FALSE;
    }

  topic = rh_topic_new (id, title, summary, position);
  if (!_rh_deck_add_topic (deck, topic))
    {
      state_fail (state, RH_DECK_ERROR_DUPLICATE_ID, xmlGetLineNo (node),
                  "there are two topics with the id “%s”", id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_card (ParseState *state,
           RhDeck     *deck,
           xmlNode    *node,
           guint       position)
{
  g_autofree char *id = get_attr (node, "id");
  g_autofree char *topic_id = get_attr (node, "topic");
  g_autofree char *prefix = g_strconcat (rh_deck_get_id (deck), "/", NULL);
  g_autofree char *title = NULL;
  g_autofree char *question = NULL;
  g_autoptr(GPtrArray) key_areas = NULL;
  g_autoptr(GPtrArray) answer = NULL;
  g_autoptr(GPtrArray) pitfalls = NULL;
  g_autoptr(GPtrArray) follow_ups = NULL;
  g_autoptr(RhCard) card = NULL;
  xmlNode *areas_node = child_element (node, "key-areas");
  xmlNode *pitfalls_node = child_element (node, "pitfalls");
  xmlNode *follow_ups_node = child_element (node, "follow-ups");
  long line = xmlGetLineNo (node);

  if (!g_str_has_prefix (id, prefix) || !is_slug (id + strlen (prefix), id + strlen (id)))
    {
      state_fail (state, RH_DECK_ERROR_INVALID, line,
                  "card id “%s” is not the deck id “%s” followed by a slug", id, prefix);
      return FALSE;
    }
  if (rh_deck_lookup_card (deck, id) != NULL)
    {
      state_fail (state, RH_DECK_ERROR_DUPLICATE_ID, line, "there are two cards with the id “%s”", id);
      return FALSE;
    }
  if (rh_deck_lookup_topic (deck, topic_id) == NULL)
    {
      state_fail (state, RH_DECK_ERROR_UNKNOWN_TOPIC, line,
                  "card “%s” belongs to topic “%s”, which the deck does not define", id, topic_id);
      return FALSE;
    }

  if (!(title = read_plain (state, child_element (node, "title"), "title", id)) ||
      !(question = read_plain (state, child_element (node, "question"), "question", id)) ||
      !(key_areas = read_items (state, areas_node, "key area", id)) ||
      !(answer = read_answer (state, child_element (node, "answer"), id)))
    return FALSE;
  if (pitfalls_node != NULL && !(pitfalls = read_items (state, pitfalls_node, "pitfall", id)))
    return FALSE;
  if (follow_ups_node != NULL && !(follow_ups = read_items (state, follow_ups_node, "follow-up question", id)))
    return FALSE;

  if (key_areas->len < MIN_KEY_AREAS || key_areas->len > MAX_KEY_AREAS)
    {
      state_fail (state, RH_DECK_ERROR_INVALID, xmlGetLineNo (areas_node),
                  "card “%s” has %u key areas; a card has %d to %d",
                  id, key_areas->len, MIN_KEY_AREAS, MAX_KEY_AREAS);
      return FALSE;
    }

  card = rh_card_new (&(RhCardContent) {
    .id = id,
    .topic_id = topic_id,
    .title = title,
    .question = question,
    .position = position,
    .key_areas = key_areas,
    .answer = answer,
    .pitfalls = pitfalls,
    .follow_ups = follow_ups,
  });
  _rh_deck_add_card (deck, card);
  return TRUE;
}

static RhDeck *
build_deck (ParseState *state,
            xmlNode    *root)
{
  g_autofree char *id = get_attr (root, "id");
  g_autofree char *version = get_attr (root, "version");
  xmlChar *language = xmlNodeGetLang (root);
  g_autofree char *title = read_plain (state, child_element (root, "title"), "title", NULL);
  g_autofree char *description = read_plain (state, child_element (root, "description"), "description", NULL);
  g_autoptr(RhDeck) deck = NULL;
  guint topics = 0;
  guint cards = 0;

  if (title == NULL || description == NULL)
    {
      xmlFree (language);
      return NULL;
    }
  if (!is_slug (id, id + strlen (id)))
    {
      state_fail (state, RH_DECK_ERROR_INVALID, xmlGetLineNo (root),
                  "deck id “%s” is not a slug (lower-case letters and digits, words joined by hyphens)", id);
      xmlFree (language);
      return NULL;
    }

  deck = _rh_deck_new (id, (guint)g_ascii_strtoull (version, NULL, 10), (const char *)language,
                       title, description);
  xmlFree (language);

  for (xmlNode *node = first_element (root->children); node != NULL; node = next_element (node))
    {
      if (is_element (node, "topic") && !read_topic (state, deck, node, topics++))
        return NULL;
      if (is_element (node, "card") && !read_card (state, deck, node, cards++))
        return NULL;
    }
  return g_steal_pointer (&deck);
}

/* The three passes; errors land in @state first, then in @error. */
static RhDeck *
parse_and_build (ParseState  *state,
                 const char  *data,
                 gsize        len,
                 GError     **error)
{
  g_autoptr(xmlParserCtxt) ctxt = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(xmlRelaxNGValidCtxt) vctxt = NULL;
  g_autoptr(RhDeck) deck = NULL;
  const char *display_name = state->name;
  xmlNode *root;

  ctxt = xmlCreateMemoryParserCtxt (data, (int)len);
  if (ctxt == NULL)
    g_error ("Out of memory creating an XML parser");

  /* No NOENT (entities stay unexpanded), no DTDLOAD or DTDATTR (nothing
   * external is read), NONET (not even if asked).  BIG_LINES keeps line
   * numbers right past 65535 in large decks. */
  xmlCtxtUseOptions (ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES | XML_PARSE_COMPACT |
                           XML_PARSE_NOWARNING);
  ctxt->_private = state;
  ctxt->sax->internalSubset = on_doctype;
  ctxt->sax->serror = on_parse_error;
  xmlParseDocument (ctxt);
  doc = g_steal_pointer (&ctxt->myDoc);
  if (state->error == NULL && (doc == NULL || !ctxt->wellFormed))
    state_fail (state, RH_DECK_ERROR_MALFORMED, 0, "the file is not well-formed XML");
  if (state->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&state->error));
      return NULL;
    }

  root = xmlDocGetRootElement (doc);
  if (!is_element (root, "deck"))
    {
      g_autofree char *in = root->ns != NULL ? g_strdup_printf ("in the namespace “%s”", (const char *)root->ns->href)
                                             : g_strdup ("in no namespace");

      g_set_error (error, RH_DECK_ERROR, RH_DECK_ERROR_INVALID,
                   "%s:%ld: this is not a Rehearse deck: the document is <%s> %s, not <deck> in the namespace “%s”",
                   display_name, xmlGetLineNo (root), (const char *)root->name, in, RH_DECK_NAMESPACE);
      return NULL;
    }

  /* A deck built into the program was validated when it was built (the
   * relaxng-* tests): checking it again would only slow every start. */
  if (!state->built_in)
    vctxt = xmlRelaxNGNewValidCtxt (load_schema ());
  if (vctxt != NULL)
    xmlRelaxNGSetValidStructuredErrors (vctxt, on_validity_error, state);
  if (vctxt != NULL && xmlRelaxNGValidateDoc (vctxt, doc) != 0)
    {
      if (state->error == NULL)
        state_fail (state, RH_DECK_ERROR_INVALID, 0, "the deck does not follow the deck format");
      g_propagate_error (error, g_steal_pointer (&state->error));
      return NULL;
    }

  deck = build_deck (state, root);
  if (deck == NULL)
    {
      g_assert (state->error != NULL);
      g_propagate_error (error, g_steal_pointer (&state->error));
      return NULL;
    }
  return g_steal_pointer (&deck);
}

/* The most attributes any element may have.  A deck's elements have at
 * most three; libxml2 checks each new attribute against all before it, so
 * a start tag with hundreds of thousands takes minutes though the file is
 * well under the size limit.  Counting first keeps the work bounded. */
#define MAX_ATTRIBUTES 64

static gsize
line_at (const char *data,
         const char *at)
{
  gsize line = 1;

  for (const char *p = data; p < at; p++)
    line += *p == '\n';
  return line;
}

/* Skips a comment, CDATA section, processing instruction or declaration
 * that starts at @p ("<!" or "<?"); returns where it ends, or @end. */
static const char *
skip_markup (const char *p,
             const char *end)
{
  const char *close = g_str_has_prefix (p, "<!--") ? "-->" : g_str_has_prefix (p, "<![CDATA[") ? "]]>"
                      : p[1] == '?' ? "?>" : ">";
  gsize n = strlen (close);

  for (p += 2; p + n <= end; p++)
    if (memcmp (p, close, n) == 0)
      return p + n;
  return end;
}

/* What the XML parser would choke on before it can say why: a NUL byte (no
 * text file has one), or a start tag with too many attributes. */
static gboolean
check_bytes (const char  *name,
             const char  *data,
             gsize        len,
             GError     **error)
{
  const char *end = data + len;
  const char *nul = memchr (data, '\0', len);

  if (nul != NULL)
    {
      g_set_error (error, RH_DECK_ERROR, RH_DECK_ERROR_MALFORMED,
                   "%s:%" G_GSIZE_FORMAT ": the file contains a NUL byte, which no text file has; "
                   "a deck is UTF-8 text", name, line_at (data, nul));
      return FALSE;
    }
  for (const char *p = memchr (data, '<', len); p != NULL && p < end; p = memchr (p, '<', (gsize)(end - p)))
    {
      const char *tag = p;
      guint attributes = 0;
      char quote = 0;

      if (p + 1 < end && (p[1] == '!' || p[1] == '?'))
        {
          p = skip_markup (p, end);
          continue;
        }
      for (p++; p < end && (quote != 0 || *p != '>'); p++)
        {
          if (quote != 0)
            quote = *p == quote ? 0 : quote;
          else if (*p == '"' || *p == '\'')
            quote = *p;
          else if (*p == '=' && ++attributes > MAX_ATTRIBUTES)
            {
              g_set_error (error, RH_DECK_ERROR, RH_DECK_ERROR_INVALID,
                           "%s:%" G_GSIZE_FORMAT ": an element has more than %d attributes; "
                           "no element of a deck has more than a few", name, line_at (data, tag), MAX_ATTRIBUTES);
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* "33,554,433 bytes (33.6 MB)": exact, so the size and the limit never
 * read the same when one is over the other. */
static char *
format_bytes (guint64 size)
{
  g_autofree char *rounded = g_format_size (size);

  return g_strdup_printf ("%'" G_GUINT64_FORMAT " bytes (%s)", size, rounded);
}

static void
set_too_large (GError     **error,
               const char  *name,
               guint64      size)
{
  g_autofree char *text = format_bytes (size);
  g_autofree char *limit = format_bytes (RH_DECK_MAX_BYTES);

  g_set_error (error, RH_DECK_ERROR, RH_DECK_ERROR_TOO_LARGE,
               "%s: the deck is %s; a deck may be at most %s", name, text, limit);
}

static RhDeck *
load_bytes (GBytes      *bytes,
            const char  *display_name,
            gboolean     built_in,
            GError     **error)
{
  ParseState state = { display_name, NULL, FALSE, built_in };
  xmlGenericErrorFunc previous_handler;
  void *previous_context;
  RhDeck *deck;
  const char *data;
  gsize len;

  /* libxml2 and the schema are set up once, before libxml2's error
   * handler is swapped below. */
  if (built_in)
    init_once ();
  else
    load_schema ();
  data = g_bytes_get_data (bytes, &len);
  if (len > RH_DECK_MAX_BYTES)
    {
      set_too_large (error, display_name, len);
      return NULL;
    }
  if (len == 0)
    {
      g_set_error (error, RH_DECK_ERROR, RH_DECK_ERROR_MALFORMED, "%s: the file is empty", display_name);
      return NULL;
    }
  if (!check_bytes (display_name, data, len, error))
    return NULL;

  previous_handler = xmlGenericError;
  previous_context = xmlGenericErrorContext;
  xmlSetGenericErrorFunc (NULL, ignore_generic_error);
  deck = parse_and_build (&state, data, len, error);
  xmlSetGenericErrorFunc (previous_context, previous_handler);
  return deck;
}

RhDeck *
rh_deck_parser_load_bytes (GBytes      *bytes,
                           const char  *display_name,
                           GError     **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_bytes (bytes, display_name, FALSE, error);
}

/* Reads at most RH_DECK_MAX_BYTES + 1 bytes: a file that grows while it is
 * read is still refused, and nothing is read without limit. */
static GBytes *
read_bounded (GFile       *file,
              const char  *name,
              GError     **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *buffer = NULL;
  gsize got = 0;

  stream = g_file_read (file, NULL, &local_error);
  buffer = g_malloc (RH_DECK_MAX_BYTES + 1);
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, RH_DECK_MAX_BYTES + 1, &got, NULL, &local_error))
    {
      g_set_error (error, RH_DECK_ERROR, RH_DECK_ERROR_READ, "%s: %s", name, local_error->message);
      return NULL;
    }
  if (got > RH_DECK_MAX_BYTES)
    {
      set_too_large (error, name, got);
      return NULL;
    }
  return g_bytes_new_take (g_realloc (g_steal_pointer (&buffer), MAX (got, 1)), got);
}

RhDeck *
rh_deck_parser_load_file (GFile   *file,
                          GError **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);

  /* Ask the type and size first: a device, a pipe or a huge file is
   * refused without being read. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      g_set_error (error, RH_DECK_ERROR, RH_DECK_ERROR_READ, "%s: %s", name, local_error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, RH_DECK_ERROR, RH_DECK_ERROR_READ,
                   "%s: not a regular file (a folder, a device or a pipe); a deck is a file", name);
      return NULL;
    }
  if (g_file_info_get_size (info) > RH_DECK_MAX_BYTES)
    {
      set_too_large (error, name, (guint64)g_file_info_get_size (info));
      return NULL;
    }
  bytes = read_bounded (file, name, error);
  if (bytes == NULL)
    return NULL;
  return rh_deck_parser_load_bytes (bytes, name, error);
}

/* A deck compiled into the program.  Its schema was checked when the
 * program was built and tested (the relaxng-* tests, and test-deck-parser
 * loading it as a file); what a schema cannot say is checked here too. */
RhDeck *
rh_deck_parser_load_resource (const char  *resource_path,
                              GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (resource_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  init_once ();
  bytes = g_resources_lookup_data (resource_path, 0, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, RH_DECK_ERROR, RH_DECK_ERROR_READ, "%s: %s", resource_path, local_error->message);
      return NULL;
    }
  return load_bytes (bytes, resource_path, TRUE, error);
}
