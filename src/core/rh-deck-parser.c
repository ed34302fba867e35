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
 *   2. RelaxNG validation against resources/decks/deck.rng, after the
 *      format version (one this Rehearse reads) and the cards (at least
 *      one) are checked, which the schema would report less plainly.
 *   3. What a schema cannot say: unique ids, topic references, no empty
 *      text, <output> only after a python block, and nothing of format 2
 *      in a file that does not declare it.  Every problem of this pass is
 *      reported, one a line, not only the first: a deck author fixes them
 *      in one go.
 * Nothing is returned unless all three pass.
 */
#define G_LOG_DOMAIN "rehearse-deck-parser"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libxml/catalog.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/SAX2.h>

#include "rehearse-deck-resources.h"
#include "rh-autocleanups.h"
#include "rh-deck-parser.h"
#include "rh-deck-private.h"
#include "rh-xml-arena.h"

#define SCHEMA_RESOURCE RESOURCE_PATH "/decks/deck.rng"
#define NEWEST_FORMAT 2

G_DEFINE_QUARK (rh-deck-error-quark, rh_deck_error)

typedef struct {
  const char *name;      /* the file as the user knows it */
  GError *error;         /* the first problem found, then the others a line each */
  gboolean unsafe;
  gboolean built_in;     /* part of the program: its schema is checked by the tests */
  gboolean collect;      /* past the schema: every problem is worth telling */
  guint n_problems;
  guint format;          /* the deck format version the file declares */
  char *peeked_id;       /* rh_deck_parser_peek_id(): the deck's id */
  GPtrArray *kept;       /* values read out of the tree, freed with it */
  char *card_prefix;     /* build_deck(): the deck's id and a slash */
  GHashTable *topics;    /* build_deck(): a topic's id in the file -> its cards' topic id (GRefString) */
  gboolean lean;         /* white space between a deck's elements left out of the tree */
  gboolean retry;        /* the lean tree was refused: the file must be read as it is */
  RhXmlArena *arena;     /* where the tree's memory comes from, or NULL */
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
  g_autofree char *located = NULL;
  va_list args;

  if (state->error != NULL && !state->collect)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  located = line > 0 ? g_strdup_printf ("%s:%ld: %s", state->name, line, message)
                     : g_strdup_printf ("%s: %s", state->name, message);
  _rh_deck_add_problem (&state->error, RH_DECK_ERROR, code, &state->n_problems, state->name, located);
}

void
_rh_deck_add_problem (GError    **error,
                      GQuark      domain,
                      int         code,
                      guint      *n_problems,
                      const char *name,
                      const char *located)
{
  char *joined;

  if (*error == NULL)
    {
      g_set_error_literal (error, domain, code, located);
      *n_problems = 1;
      return;
    }
  if (++*n_problems > RH_DECK_MAX_PROBLEMS + 1)
    return;
  joined = *n_problems <= RH_DECK_MAX_PROBLEMS
           ? g_strconcat ((*error)->message, "\n", located, NULL)
           : g_strdup_printf (_("%s\n%s: more problems follow; fix these first"), (*error)->message, name);
  g_free ((*error)->message);
  (*error)->message = joined;
}

/* A version 1 deck uses only what version 1 had, so that it still loads
 * in a Rehearse that knows nothing newer. */
static gboolean
check_format_2 (ParseState *state,
                xmlNode    *node,
                const char *what)
{
  if (state->format >= 2)
    return TRUE;
  /* Translators: %s is what the file does, such as "a card without a <title>" */
  state_fail (state, RH_DECK_ERROR_INVALID, xmlGetLineNo (node),
              _("%s needs deck format version 2: add format=\"2\" to <deck>"), what);
  return FALSE;
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
                  _("the file is not valid UTF-8 text (a deck must be saved as UTF-8)"));
      return;
    }
  text = first_line (error->message);
  /* Translators: %s is libxml2's own description, in English */
  state_fail (state, RH_DECK_ERROR_MALFORMED, error->line,
              _("the file is not well-formed XML: %s"), text);
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
  /* Translators: %s is libxml2's own description, in English */
  state_fail (state, RH_DECK_ERROR_INVALID, error->line,
              _("the deck does not follow the deck format: %s"), text);
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
              _("the file has a document type declaration (<!DOCTYPE>); decks may not "
                "declare entities or refer to other files"));
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

typedef struct {
  xmlGenericErrorFunc handler;
  void *context;
} GenericErrors;

static GenericErrors
silence_generic_errors (void)
{
  GenericErrors saved = { xmlGenericError, xmlGenericErrorContext };

  xmlSetGenericErrorFunc (NULL, ignore_generic_error);
  return saved;
}

static void
restore_generic_errors (GenericErrors saved)
{
  xmlSetGenericErrorFunc (saved.context, saved.handler);
}

/* libxml2, and the resources holding the schema and the built-in deck. */
static void
init_once (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      rh_xml_arena_init ();
      xmlInitParser ();
#ifdef LIBXML_CATALOG_ENABLED
      /* Set up now, not when a deck's <?oasis-xml-catalog?> asks for it:
       * made while a tree's arena is in use, the catalog, which libxml2
       * keeps for the process, would be freed with the arena. */
      xmlInitializeCatalog ();
#endif
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
      && strcmp ((const char *)node->name, name) == 0;
}

/* The index of @node's name in @names (of @n) if it is an element of a
 * deck, else -1: one look at its namespace for all the names. */
static int
element_index (xmlNode            *node,
               const char * const *names,
               guint               n)
{
  if (node == NULL || node->type != XML_ELEMENT_NODE || node->ns == NULL ||
      !xmlStrEqual (node->ns->href, BAD_CAST RH_DECK_NAMESPACE))
    return -1;
  for (guint i = 0; i < n; i++)
    if (strcmp ((const char *)node->name, names[i]) == 0)
      return (int)i;
  return -1;
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

/* Lists are made to measure: GLib's smallest holds 16 pointers, and a
 * deck has five lists a card. */
static guint
count_elements (xmlNode *parent)
{
  guint n = 0;

  for (xmlNode *child = first_element (parent->children); child != NULL; child = next_element (child))
    n++;
  return n;
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

/* @value, read out of the tree, kept until the tree is freed. */
static const char *
keep (ParseState *state,
      xmlChar    *value)
{
  if (value == NULL)
    return "";
  if (state->kept == NULL)
    state->kept = g_ptr_array_new_with_free_func (xmlFree);
  g_ptr_array_add (state->kept, value);
  return (const char *)value;
}

/* As get_attr(), without a copy: a value is one text node of the tree
 * unless it refers to entities, which a deck cannot declare.  Decks have
 * hundreds of thousands of attributes, all read at start-up. */
static const char *
peek_attr (ParseState *state,
           xmlNode    *node,
           const char *name)
{
  xmlAttr *attr = xmlHasNsProp (node, BAD_CAST name, NULL);
  xmlNode *text = attr != NULL ? attr->children : NULL;

  if (attr == NULL)
    return NULL;
  if (text == NULL)
    return "";
  if (text->next == NULL && text->type == XML_TEXT_NODE && text->content != NULL)
    return (const char *)text->content;
  return keep (state, xmlNodeListGetString (node->doc, attr->children, 1));
}

static gboolean
is_python_block (ParseState *state,
                 xmlNode    *node)
{
  return is_element (node, "pre") && g_strcmp0 (peek_attr (state, node, "lang"), "python") == 0;
}

/* The text of an element of text only (<code>, <pre>), in place when it
 * is one text node (no comment or processing instruction in it). */
static const char *
node_text (ParseState *state,
           xmlNode    *node)
{
  xmlNode *text = node->children;

  if (text == NULL)
    return "";
  if (text->next == NULL && text->type == XML_TEXT_NODE && text->content != NULL)
    return (const char *)text->content;
  return keep (state, xmlNodeGetContent (node));
}

/* Inline text: plain runs with <code> and <em> spans, not ended yet. */
static RhText *
build_inline (ParseState *state,
              xmlNode    *node)
{
  RhText *text = rh_text_builder_new ();

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        rh_text_builder_append (text, RH_SPAN_PLAIN, (const char *)child->content);
      else if (is_element (child, "br"))
        {
          if (check_format_2 (state, child, _("a line break (<br/>)")))
            rh_text_builder_append_break (text);
        }
      else if (child->type == XML_ELEMENT_NODE)
        rh_text_builder_append (text, is_element (child, "code") ? RH_SPAN_CODE : RH_SPAN_EMPHASIS,
                                node_text (state, child));
    }
  return text;
}

/* Empty text is a mistake in a deck, never intended, so it is refused. */
static void
fail_empty (ParseState *state,
            xmlNode    *node,
            const char *what,
            const char *card_id)
{
  /* Translators: the second %s is a part of a card, such as "title" or "key area" */
  if (card_id != NULL)
    state_fail (state, RH_DECK_ERROR_INVALID, xmlGetLineNo (node),
                _("card “%s” has an empty %s"), card_id, what);
  else
    /* Translators: %s is a part of a deck, such as "description" or "topic title" */
    state_fail (state, RH_DECK_ERROR_INVALID, xmlGetLineNo (node), _("the deck has an empty %s"), what);
}

static RhText *
read_inline (ParseState *state,
             xmlNode    *node,
             const char *what,
             const char *card_id)
{
  g_autoptr(RhText) text = rh_text_builder_end (build_inline (state, node));

  if (rh_text_get_plain (text)[0] == '\0')
    {
      fail_empty (state, node, what, card_id);
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
  g_autofree char *plain = rh_text_builder_end_plain (build_inline (state, node));

  if (plain[0] == '\0')
    {
      fail_empty (state, node, what, owner);
      return NULL;
    }
  return g_steal_pointer (&plain);
}

/* Every <item> (or <area>) child of @node as RhText. */
static GPtrArray *
read_items (ParseState *state,
            xmlNode    *node,
            const char *what,
            const char *card_id)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (count_elements (node), (GDestroyNotify)rh_text_unref);

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
  const char *raw = node_text (state, node);
  const char *language = NULL;
  const char *run = NULL;
  g_autoptr(RhAnswerBlock) block = NULL;
  gboolean output = is_element (node, "output");

  if (output)
    {
      /* One output, or one per range of Python versions, after a python block. */
      while (is_element (previous, "output"))
        previous = previous_element (previous);
      if (!is_python_block (state, previous))
        {
          state_fail (state, RH_DECK_ERROR_INVALID, xmlGetLineNo (node),
                      _("card “%s” has an <output> that does not follow a python block"), card_id);
          return NULL;
        }
      language = "text";
    }
  else
    {
      language = peek_attr (state, node, "lang");
      run = peek_attr (state, node, "run");
    }

  block = rh_answer_block_new_code (output ? RH_BLOCK_OUTPUT : RH_BLOCK_CODE, language, raw,
                                    !output && g_strcmp0 (language, "python") == 0
                                    && g_strcmp0 (run, "no") != 0);
  if (output)
    {
      rh_answer_block_set_python_range (block, peek_attr (state, node, "min-python"),
                                        peek_attr (state, node, "max-python"));
    }
  if (rh_answer_block_get_code (block)[0] == '\0')
    {
      state_fail (state, RH_DECK_ERROR_INVALID, xmlGetLineNo (node),
                  output ? _("card “%s” has an empty output block") : _("card “%s” has an empty code block"),
                  card_id);
      return NULL;
    }
  return g_steal_pointer (&block);
}

static GPtrArray *
read_answer (ParseState *state,
             xmlNode    *answer,
             const char *card_id)
{
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_full (count_elements (answer), (GDestroyNotify)rh_answer_block_unref);
  xmlNode *previous = NULL;

  for (xmlNode *node = first_element (answer->children); node != NULL; previous = node, node = next_element (node))
    {
      RhAnswerBlock *block = NULL;

      if (is_element (node, "p"))
        {
          g_autoptr(RhText) text = read_inline (state, node, _("paragraph"), card_id);

          if (text != NULL)
            block = rh_answer_block_new_paragraph (text);
        }
      else if (is_element (node, "list"))
        {
          const char *style = peek_attr (state, node, "style");
          g_autoptr(GPtrArray) items = read_items (state, node, _("list item"), card_id);

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
  const char *id = peek_attr (state, node, "id");
  xmlNode *summary_node = child_element (node, "summary");
  g_autofree char *title = read_plain (state, child_element (node, "title"), _("topic title"), NULL);
  g_autofree char *summary = NULL;
  g_autofree char *qualified = NULL;
  g_autoptr(RhTopic) topic = NULL;

  if (summary_node != NULL)
    summary = read_plain (state, summary_node, _("topic summary"), NULL);
  else
    check_format_2 (state, node, _("a topic without a <summary>"));
  if (title == NULL || (summary_node != NULL && summary == NULL))
    return FALSE;
  if (!is_slug (id, id + strlen (id)))
    {
      state_fail (state, RH_DECK_ERROR_INVALID, xmlGetLineNo (node),
                  _("topic id “%s” is not a slug (lower-case letters and digits, words joined by hyphens)"), id);
      return FALSE;
    }

  /* Like card ids, topic ids name their deck: unique among all decks. */
  qualified = g_strconcat (rh_deck_get_id (deck), "/", id, NULL);
  topic = rh_topic_new (qualified, title, summary, position);
  if (!_rh_deck_add_topic (deck, topic))
    {
      state_fail (state, RH_DECK_ERROR_DUPLICATE_ID, xmlGetLineNo (node),
                  _("there are two topics with the id “%s”"), id);
      return FALSE;
    }
  /* Its cards share one copy of its id: a deck has thousands. */
  g_hash_table_insert (state->topics, (gpointer)id, g_ref_string_new (qualified));
  return TRUE;
}

/* The card's id is the deck's, a slash and a slug, and its own in the
 * deck; its topic is one the deck has.  Returns the topic's id as the
 * deck knows it (with the deck's in front), or NULL. */
static GRefString *
check_card_id (ParseState *state,
               RhDeck     *deck,
               xmlNode    *node,
               const char *id,
               const char *topic_id)
{
  const char *prefix = state->card_prefix;
  GRefString *topic_key = g_hash_table_lookup (state->topics, topic_id);
  long line = xmlGetLineNo (node);

  if (!g_str_has_prefix (id, prefix) || !is_slug (id + strlen (prefix), id + strlen (id)))
    {
      state_fail (state, RH_DECK_ERROR_INVALID, line,
                  _("card id “%s” is not the deck id “%s” followed by a slug"), id, prefix);
      return NULL;
    }
  if (rh_deck_lookup_card (deck, id) != NULL)
    {
      state_fail (state, RH_DECK_ERROR_DUPLICATE_ID, line, _("there are two cards with the id “%s”"), id);
      return NULL;
    }
  if (topic_key == NULL)
    {
      state_fail (state, RH_DECK_ERROR_UNKNOWN_TOPIC, line,
                  _("card “%s” belongs to topic “%s”, which the deck does not define"), id, topic_id);
      return NULL;
    }
  return topic_key;
}

/* A card's elements, each found in one pass over them. */
typedef struct {
  xmlNode *title;
  xmlNode *question;
  xmlNode *key_areas;
  xmlNode *answer;
  xmlNode *pitfalls;
  xmlNode *follow_ups;
} CardParts;

static void
find_card_parts (xmlNode   *card,
                 CardParts *parts)
{
  static const char * const names[] = { "title", "question", "key-areas", "answer", "pitfalls", "follow-ups" };
  xmlNode **slots[] = { &parts->title, &parts->question, &parts->key_areas, &parts->answer, &parts->pitfalls,
                        &parts->follow_ups };

  *parts = (CardParts) { NULL };
  for (xmlNode *child = first_element (card->children); child != NULL; child = next_element (child))
    {
      int i = element_index (child, names, G_N_ELEMENTS (names));

      if (i >= 0 && *slots[i] == NULL)
        *slots[i] = child;
    }
}

/* The parts of a card that format 2 lets a deck leave out (NULL then);
 * FALSE when one is there but wrong. */
static gboolean
read_optional_lists (ParseState      *state,
                     xmlNode         *node,
                     const CardParts *parts,
                     const char      *id,
                     GPtrArray      **key_areas,
                     GPtrArray      **pitfalls,
                     GPtrArray      **follow_ups)
{
  if (parts->key_areas == NULL)
    check_format_2 (state, node, _("a card without <key-areas>"));
  else if (!(*key_areas = read_items (state, parts->key_areas, _("key area"), id)))
    return FALSE;
  if (parts->pitfalls != NULL && !(*pitfalls = read_items (state, parts->pitfalls, _("pitfall"), id)))
    return FALSE;
  if (parts->follow_ups != NULL &&
      !(*follow_ups = read_items (state, parts->follow_ups, _("follow-up question"), id)))
    return FALSE;
  return TRUE;
}

static gboolean
read_card (ParseState *state,
           RhDeck     *deck,
           xmlNode    *node,
           guint       position)
{
  const char *id = peek_attr (state, node, "id");
  GRefString *topic_key = check_card_id (state, deck, node, id, peek_attr (state, node, "topic"));
  RhCardContent content = { .id = id, .position = position };
  g_autofree char *title = NULL;
  g_autofree char *question = NULL;
  g_autoptr(GPtrArray) key_areas = NULL;
  g_autoptr(GPtrArray) answer = NULL;
  g_autoptr(GPtrArray) pitfalls = NULL;
  g_autoptr(GPtrArray) follow_ups = NULL;
  g_autoptr(RhCard) card = NULL;
  CardParts parts;

  if (topic_key == NULL)
    return FALSE;
  find_card_parts (node, &parts);
  if (parts.title == NULL)
    check_format_2 (state, node, _("a card without a <title>"));
  else if (!(title = read_plain (state, parts.title, _("title"), id)))
    return FALSE;
  if (!(question = read_plain (state, parts.question, _("question"), id)) ||
      !read_optional_lists (state, node, &parts, id, &key_areas, &pitfalls, &follow_ups) ||
      !(answer = read_answer (state, parts.answer, id)))
    return FALSE;

  content.topic_id = topic_key;
  content.title = g_steal_pointer (&title);
  content.question = g_steal_pointer (&question);
  content.key_areas = g_steal_pointer (&key_areas);
  content.answer = g_steal_pointer (&answer);
  content.pitfalls = g_steal_pointer (&pitfalls);
  content.follow_ups = g_steal_pointer (&follow_ups);
  card = _rh_card_new_take (&content);
  _rh_deck_add_card (deck, card);
  return TRUE;
}

/* The deck's own element: its id, title and what format 2 lets it leave
 * out.  NULL when the deck cannot be made at all. */
static RhDeck *
read_deck_header (ParseState *state,
                  xmlNode    *root)
{
  g_autofree char *id = get_attr (root, "id");
  g_autofree char *version = get_attr (root, "version");
  g_autofree char *title = read_plain (state, child_element (root, "title"), _("title"), NULL);
  xmlNode *description_node = child_element (root, "description");
  g_autofree char *description = NULL;
  xmlChar *language = xmlNodeGetLang (root);
  RhDeck *deck;

  if (description_node != NULL)
    description = read_plain (state, description_node, _("description"), NULL);
  else
    check_format_2 (state, root, _("a deck without a <description>"));
  if (language == NULL)
    check_format_2 (state, root, _("a deck without a language (xml:lang)"));
  if (!is_slug (id, id + strlen (id)))
    {
      state_fail (state, RH_DECK_ERROR_INVALID, xmlGetLineNo (root),
                  _("deck id “%s” is not a slug (lower-case letters and digits, words joined by hyphens)"), id);
      xmlFree (language);
      return NULL;
    }
  /* The cards are checked all the same: every problem in one go. */
  deck = _rh_deck_new (id, (guint)g_ascii_strtoull (version, NULL, 10), (const char *)language,
                       title != NULL ? title : "", description);
  xmlFree (language);
  return deck;
}

static RhDeck *
build_deck (ParseState *state,
            xmlNode    *root)
{
  g_autoptr(RhDeck) deck = NULL;
  guint topics = 0;
  guint cards = 0;

  state->collect = TRUE;
  deck = read_deck_header (state, root);
  if (deck == NULL)
    return NULL;
  state->card_prefix = g_strconcat (rh_deck_get_id (deck), "/", NULL);
  state->topics = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)g_ref_string_release);
  for (xmlNode *node = first_element (root->children); node != NULL; node = next_element (node))
    {
      if (is_element (node, "topic"))
        read_topic (state, deck, node, topics++);
      else if (is_element (node, "card") && read_card (state, deck, node, cards))
        cards++;
    }
  g_clear_pointer (&state->card_prefix, g_free);
  g_clear_pointer (&state->topics, g_hash_table_unref);
  return state->error == NULL ? g_steal_pointer (&deck) : NULL;
}

/* The format version (format="2" on <deck>; none is version 1), and at
 * least one card: checked before the schema, which would report either
 * in its own words. */
static gboolean
check_version_and_cards (ParseState *state,
                         xmlNode    *root)
{
  g_autofree char *format = get_attr (root, "format");
  gboolean number = format != NULL && g_ascii_isdigit (format[0]) && format[0] != '0'
                    && strspn (format, "0123456789") == strlen (format);
  guint64 version = 1;

  if (format != NULL && !(number && g_ascii_string_to_unsigned (format, 10, 1, NEWEST_FORMAT, &version, NULL)))
    {
      if (number)
        /* Translators: the first %s is a number, such as 3 */
        state_fail (state, RH_DECK_ERROR_VERSION, xmlGetLineNo (root),
                    _("the deck is in deck format version %s; this Rehearse reads versions up to %d. "
                      "A newer Rehearse may read it"), format, NEWEST_FORMAT);
      else
        state_fail (state, RH_DECK_ERROR_VERSION, xmlGetLineNo (root),
                    _("format=\"%s\" is not a deck format version; this Rehearse reads versions up to %d"),
                    format, NEWEST_FORMAT);
      return FALSE;
    }
  state->format = (guint)version;
  for (xmlNode *node = first_element (root->children); node != NULL; node = next_element (node))
    if (is_element (node, "card"))
      return TRUE;
  state_fail (state, RH_DECK_ERROR_NO_CARDS, xmlGetLineNo (root),
              _("the deck has no cards; a deck has at least one <card>"));
  return FALSE;
}

/* The elements of a deck that hold only other elements: white space in
 * them lays the file out and is no text of the deck. */
static gboolean
holds_elements_only (xmlNode *node)
{
  static const char * const names[] = { "card", "answer", "key-areas", "pitfalls", "follow-ups", "list", "topic",
                                        "deck" };

  return element_index (node, names, G_N_ELEMENTS (names)) >= 0;
}

/* White space that libxml2 finds ignorable (between elements, never in
 * text): in a deck's structure it is left out of the tree, a third of the
 * nodes of a deck, which neither the schema (it skips white space between
 * elements) nor the model (it reads elements only there) looks at.
 * Anywhere else it is kept as the text it is. */
static void
on_ignorable_blanks (void          *user_data,
                     const xmlChar *text,
                     int            len)
{
  xmlParserCtxtPtr ctxt = user_data;
  ParseState *state = ctxt->_private;

  if (!state->lean || !holds_elements_only (ctxt->node))
    xmlSAX2Characters (ctxt, text, len);
}

/* A parser for @data that reports to @state and stops at a DOCTYPE. */
static xmlParserCtxtPtr
new_parser (ParseState *state,
            const char *data,
            gsize       len)
{
  xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt (data, (int)len);

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
  ctxt->sax->ignorableWhitespace = on_ignorable_blanks;
  return ctxt;
}

static void
ignore_validity_error (void        *user_data,
                       xmlErrorPtr  error)
{
}

/* The second pass.  A lean tree's refusal is only a verdict (the same as
 * the file's: the schema skips white space between elements), told in
 * no words: the caller reads the file again as it is and checks that, for
 * the messages to name the lines they always named. */
static gboolean
validate (ParseState *state,
          xmlDoc     *doc)
{
  g_autoptr(xmlRelaxNGValidCtxt) vctxt = NULL;

  /* A deck built into the program was validated when it was built (the
   * relaxng-* tests): checking it again would only slow every start. */
  if (state->built_in)
    return TRUE;
  vctxt = xmlRelaxNGNewValidCtxt (load_schema ());
  if (state->lean)
    xmlRelaxNGSetValidStructuredErrors (vctxt, ignore_validity_error, NULL);
  else
    xmlRelaxNGSetValidStructuredErrors (vctxt, on_validity_error, state);
  if (xmlRelaxNGValidateDoc (vctxt, doc) == 0)
    return TRUE;
  if (!state->lean && state->error == NULL)
    state_fail (state, RH_DECK_ERROR_INVALID, 0, _("the deck does not follow the deck format"));
  return FALSE;
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
  g_autoptr(RhDeck) deck = NULL;
  const char *display_name = state->name;
  gboolean well_formed;
  xmlNode *root;

  /* The tree in large blocks (rh-xml-arena.c), freed with the arena;
   * nothing made later (the checks, the model) comes from them. */
  if (state->arena != NULL)
    rh_xml_arena_set_active (state->arena, TRUE);
  ctxt = new_parser (state, data, len);
  xmlParseDocument (ctxt);
  doc = g_steal_pointer (&ctxt->myDoc);
  well_formed = ctxt->wellFormed;
  g_clear_pointer (&ctxt, xmlFreeParserCtxt);
  if (state->arena != NULL)
    rh_xml_arena_set_active (state->arena, FALSE);
  if (state->error == NULL && (doc == NULL || !well_formed))
    state_fail (state, RH_DECK_ERROR_MALFORMED, 0, _("the file is not well-formed XML"));
  if (state->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&state->error));
      return NULL;
    }

  root = xmlDocGetRootElement (doc);
  if (!is_element (root, "deck"))
    {
      g_autofree char *in = root->ns != NULL ? g_strdup_printf (_("in the namespace “%s”"), (const char *)root->ns->href)
                                             : g_strdup (_("in no namespace"));

      g_set_error (error, RH_DECK_ERROR, RH_DECK_ERROR_INVALID,
                   _("%s:%ld: this is not a Rehearse deck: the document is <%s> %s, not <deck> in the namespace “%s”"),
                   display_name, xmlGetLineNo (root), (const char *)root->name, in, RH_DECK_NAMESPACE);
      return NULL;
    }
  if (!check_version_and_cards (state, root))
    {
      g_propagate_error (error, g_steal_pointer (&state->error));
      return NULL;
    }

  if (!validate (state, doc))
    {
      state->retry = state->lean;
      if (!state->retry)
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

/* The bytes end at @end, with no NUL after them: a file's are read as
 * they are. */
static gboolean
starts_with (const char *p,
             const char *end,
             const char *prefix)
{
  gsize n = strlen (prefix);

  return (gsize)(end - p) >= n && memcmp (p, prefix, n) == 0;
}

/* Skips a comment, CDATA section, processing instruction or declaration
 * that starts at @p ("<!" or "<?"); returns where it ends, or @end. */
static const char *
skip_markup (const char *p,
             const char *end)
{
  const char *close = starts_with (p, end, "<!--") ? "-->" : starts_with (p, end, "<![CDATA[") ? "]]>"
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
                   "%s:%" G_GSIZE_FORMAT ": %s", name, line_at (data, nul),
                   _("the file contains a NUL byte, which no text file has; a deck is UTF-8 text"));
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
              g_autofree char *message = g_strdup_printf (_("an element has more than %d attributes; no "
                                                            "element of a deck has more than a few"),
                                                          MAX_ATTRIBUTES);

              g_set_error (error, RH_DECK_ERROR, RH_DECK_ERROR_INVALID, "%s:%" G_GSIZE_FORMAT ": %s", name,
                           line_at (data, tag), message);
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

  g_autofree char *exact = g_strdup_printf ("%'" G_GUINT64_FORMAT, size);

  /* Translators: the number of bytes, then the size in MB */
  return g_strdup_printf (_("%s bytes (%s)"), exact, rounded);
}

static void
set_too_large (GError     **error,
               const char  *name,
               guint64      size)
{
  g_autofree char *text = format_bytes (size);
  g_autofree char *limit = format_bytes (RH_DECK_MAX_BYTES);

  g_set_error (error, RH_DECK_ERROR, RH_DECK_ERROR_TOO_LARGE,
               _("%s: the file is %s; a deck file may be at most %s"), name, text, limit);
}

static RhDeck *
load_bytes (GBytes      *bytes,
            const char  *display_name,
            gboolean     built_in,
            GError     **error)
{
  ParseState state = { .name = display_name, .built_in = built_in, .lean = TRUE };
  ParseState faithful = { .name = display_name, .built_in = built_in };
  GenericErrors saved;
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
      g_set_error (error, RH_DECK_ERROR, RH_DECK_ERROR_MALFORMED, _("%s: the file is empty"), display_name);
      return NULL;
    }
  if (!check_bytes (display_name, data, len, error))
    return NULL;

  saved = silence_generic_errors ();
  state.arena = faithful.arena = rh_xml_arena_begin ();
  deck = parse_and_build (&state, data, len, error);
  /* Refused by the schema: the file as it is says where. */
  if (state.retry)
    deck = parse_and_build (&faithful, data, len, error);
  /* Both trees are freed by now. */
  rh_xml_arena_end (state.arena);
  restore_generic_errors (saved);
  g_clear_pointer (&state.kept, g_ptr_array_unref);
  g_clear_pointer (&faithful.kept, g_ptr_array_unref);
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

/* All of @stream into @buffer (of *@size, grown as needed), up to
 * RH_DECK_MAX_BYTES + 1 bytes. */
static gboolean
read_all_bounded (GInputStream  *stream,
                  char         **buffer,
                  gsize         *size,
                  gsize         *got,
                  GError       **error)
{
  for (;;)
    {
      gsize n = 0;

      if (!g_input_stream_read_all (stream, *buffer + *got, *size - *got, &n, NULL, error))
        return FALSE;
      *got += n;
      if (*got < *size || *size == RH_DECK_MAX_BYTES + 1)
        return TRUE;
      *size = MIN (*size * 2, RH_DECK_MAX_BYTES + 1);
      *buffer = g_realloc (*buffer, *size);
    }
}

/* Reads at most RH_DECK_MAX_BYTES + 1 bytes: a file that grows while it is
 * read is still refused, and nothing is read without limit.  The buffer
 * starts at the size the file had (@expected) and a byte more, to see it
 * end. */
static GBytes *
read_bounded (GFile       *file,
              const char  *name,
              goffset      expected,
              GError     **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *buffer = NULL;
  gsize size = (gsize)CLAMP (expected, 0, RH_DECK_MAX_BYTES) + 1;
  gsize got = 0;

  stream = g_file_read (file, NULL, &local_error);
  buffer = g_malloc (size);
  if (stream == NULL || !read_all_bounded (G_INPUT_STREAM (stream), &buffer, &size, &got, &local_error))
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

/* The bytes of a deck file, or of a file to convert into one: a plain
 * file of at most RH_DECK_MAX_BYTES, read at once. */
GBytes *
rh_deck_parser_read_file (GFile       *file,
                          const char  *display_name,
                          GError     **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = display_name != NULL ? g_strdup (display_name) : g_file_get_parse_name (file);

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
                   _("%s: not a regular file (a folder, a device or a pipe); a deck is a file"), name);
      return NULL;
    }
  if (g_file_info_get_size (info) > RH_DECK_MAX_BYTES)
    {
      set_too_large (error, name, (guint64)g_file_info_get_size (info));
      return NULL;
    }
  return read_bounded (file, name, g_file_info_get_size (info), error);
}

RhDeck *
rh_deck_parser_load_file (GFile   *file,
                          GError **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = rh_deck_parser_read_file (file, NULL, error);
  if (bytes == NULL)
    return NULL;
  name = g_file_get_parse_name (file);
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

static void
on_peek_element (void           *user_data,
                 const xmlChar  *localname,
                 const xmlChar  *prefix,
                 const xmlChar  *uri,
                 int             n_namespaces,
                 const xmlChar **namespaces,
                 int             n_attributes,
                 int             n_defaulted,
                 const xmlChar **attributes)
{
  xmlParserCtxtPtr ctxt = user_data;
  ParseState *state = ctxt->_private;

  /* Each attribute is five pointers: name, prefix, URI, value, its end. */
  if (xmlStrEqual (localname, BAD_CAST "deck") && xmlStrEqual (uri, BAD_CAST RH_DECK_NAMESPACE))
    for (int i = 0; i < n_attributes; i++)
      if (attributes[i * 5 + 2] == NULL && xmlStrEqual (attributes[i * 5], BAD_CAST "id"))
        state->peeked_id = g_strndup ((const char *)attributes[i * 5 + 3],
                                      attributes[i * 5 + 4] - attributes[i * 5 + 3]);
  xmlStopParser (ctxt);
}

/* The id of the deck in @bytes, read from its first element and no
 * further (a DOCTYPE stops it first); NULL if it has none.  Whether the
 * deck is valid is not asked: a deck folder is searched for an id. */
char *
rh_deck_parser_peek_id (GBytes *bytes)
{
  ParseState state = { .name = "" };
  xmlParserCtxtPtr ctxt;
  GenericErrors saved;
  const char *data;
  gsize len;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (len == 0 || len > RH_DECK_MAX_BYTES)
    return NULL;
  init_once ();
  saved = silence_generic_errors ();
  ctxt = new_parser (&state, data, len);
  ctxt->sax->startElementNs = on_peek_element;
  xmlParseDocument (ctxt);
  xmlFreeDoc (g_steal_pointer (&ctxt->myDoc));
  xmlFreeParserCtxt (ctxt);
  restore_generic_errors (saved);
  g_clear_error (&state.error);
  return state.peeked_id;
}
