/* test-deck-parser.c: the built-in deck, the model, and every way a deck can be wrong
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/stat.h>

#include <string.h>

#include <glib/gstdio.h>

#include "rh-deck-parser.h"
#include "rh-test-utils.h"

#define BUILTIN RESOURCE_PATH "/decks/python-interview.xml"

/* A small valid deck: the header takes lines 1-4, so the first topic is on
 * line 5 and the first card on line 5 + the number of topic lines.  Its
 * version="3" is the deck's own edition; it is in deck format 1. */
#define HEADER \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<deck xmlns=\"https://rehearse.github.io/ns/deck/1\" id=\"t\" version=\"3\" xml:lang=\"en\">\n" \
  "  <title>Test deck</title>\n" \
  "  <description>A deck for tests.</description>\n"
#define TOPIC_A "  <topic id=\"a\"><title>Topic A</title><summary>About A.</summary></topic>\n"
#define TOPIC_B "  <topic id=\"b\"><title>Topic B</title><summary>About B.</summary></topic>\n"
#define AREAS "<key-areas><area>one</area><area>two</area><area>three</area></key-areas>"
#define CARD(id, topic) \
  "  <card id=\"" id "\" topic=\"" topic "\"><title>T " id "</title><question>Q?</question>" \
  AREAS "<answer><p>Answer.</p></answer></card>\n"
#define FOOTER "</deck>\n"
/* Deck format 2, with nothing it may leave out: the first topic on line 4. */
#define HEADER2 \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<deck xmlns=\"https://rehearse.github.io/ns/deck/1\" id=\"t\" version=\"1\" format=\"2\">\n" \
  "  <title>Test deck</title>\n"
#define TOPIC_PLAIN "  <topic id=\"a\"><title>Topic A</title></topic>\n"
#define PLAIN_CARD(id, question, answer) \
  "  <card id=\"" id "\" topic=\"a\"><question>" question "</question><answer><p>" answer "</p></answer></card>\n"

static RhDeck *
load_string (const char  *xml,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));

  return rh_deck_parser_load_bytes (bytes, "test.xml", error);
}

/* Asserts the load fails with @code and a message that starts with the
 * file name and @line ("test.xml:7: ..."), and returns no deck. */
static void
assert_load_error (const char  *xml,
                   RhDeckError  code,
                   int          line,
                   const char  *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDeck) deck = load_string (xml, &error);
  g_autofree char *prefix = line > 0 ? g_strdup_printf ("test.xml:%d: ", line)
                                      : g_strdup (line == 0 ? "test.xml: " : "test.xml");

  g_assert_null (deck);
  g_assert_error (error, RH_DECK_ERROR, (int)code);
  g_test_message ("%s", error->message);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("expected the message to start with “%s”, got “%s”", prefix, error->message);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("expected “%s” in “%s”", fragment, error->message);
}

static char **
read_fixture_lines (const char *name)
{
  g_autofree char *path = rh_test_fixture_path (name);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) lines = g_strv_builder_new ();
  g_auto(GStrv) all = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  all = g_strsplit (contents, "\n", -1);
  for (guint i = 0; all[i] != NULL; i++)
    if (all[i][0] != '\0' && all[i][0] != '#')
      g_strv_builder_add (lines, all[i]);
  return g_strv_builder_end (lines);
}

static void
test_builtin_topics (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDeck) deck = rh_deck_parser_load_resource (BUILTIN, &error);
  g_auto(GStrv) expected = read_fixture_lines ("seed-topics.tsv");
  GListModel *topics;

  g_assert_no_error (error);
  g_assert_cmpstr (rh_deck_get_id (deck), ==, "python-interview");
  g_assert_cmpstr (rh_deck_get_title (deck), ==, "Python Interview Questions: Mid to System Design");
  g_assert_cmpstr (rh_deck_get_language (deck), ==, "en");
  g_assert_cmpuint (rh_deck_get_version (deck), >=, 1);

  topics = rh_deck_get_topics (deck);
  g_assert_cmpuint (g_list_model_get_n_items (topics), ==, 15);
  g_assert_cmpuint (g_strv_length (expected), ==, 15);
  for (guint i = 0; i < 15; i++)
    {
      g_autoptr(RhTopic) topic = g_list_model_get_item (topics, i);
      g_auto(GStrv) fields = g_strsplit (expected[i], "\t", 2);
      g_autofree char *id = g_strconcat ("python-interview/", fields[0], NULL);

      /* Topic ids name their deck, as card ids do. */
      g_assert_cmpstr (rh_topic_get_id (topic), ==, id);
      g_assert_cmpstr (rh_topic_get_title (topic), ==, fields[1]);
      g_assert_cmpuint (rh_topic_get_position (topic), ==, i);
      g_assert_cmpuint (rh_topic_get_n_cards (topic), >, 0);
      g_assert_true (rh_deck_lookup_topic (deck, id) == topic);
    }
}

/* Every seed card, in seed order, with its pinned id, its topic, and its
 * title and question verbatim.  Renaming an id breaks this test on purpose:
 * ids key the learner's progress. */
static void
test_builtin_cards (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDeck) deck = rh_deck_parser_load_resource (BUILTIN, &error);
  g_auto(GStrv) expected = read_fixture_lines ("seed-cards.tsv");
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *cards;
  guint topic_total = 0;

  g_assert_no_error (error);
  cards = rh_deck_get_cards (deck);
  g_assert_cmpuint (g_list_model_get_n_items (cards), ==, 95);
  g_assert_cmpuint (g_strv_length (expected), ==, 95);

  for (guint i = 0; i < 95; i++)
    {
      g_autoptr(RhCard) card = g_list_model_get_item (cards, i);
      g_auto(GStrv) fields = g_strsplit (expected[i], "\t", 5);
      RhTopic *topic;

      g_assert_cmpuint (g_strv_length (fields), ==, 5);
      g_assert_cmpuint (atoi (fields[0]), ==, i + 1);
      g_assert_cmpstr (rh_card_get_id (card), ==, fields[1]);
      g_autofree char *topic_id = g_strconcat ("python-interview/", fields[2], NULL);

      g_assert_cmpstr (rh_card_get_topic_id (card), ==, topic_id);
      g_assert_cmpstr (rh_card_get_title (card), ==, fields[3]);
      /* A seed "question" that is itself an answer (descriptors) is the
       * card's answer's last paragraph, verbatim; the front asks. */
      if (g_str_has_prefix (fields[4], "Short: "))
        {
          guint n = rh_card_get_n_blocks (card);
          RhAnswerBlock *last = rh_card_get_block (card, n - 1);

          g_assert_cmpint (rh_answer_block_get_kind (last), ==, RH_BLOCK_PARAGRAPH);
          g_assert_true (g_str_has_suffix (rh_text_get_plain (rh_answer_block_get_text (last)), fields[4]));
          g_assert_true (g_str_has_suffix (rh_card_get_question (card), "?"));
        }
      else
        g_assert_cmpstr (rh_card_get_question (card), ==, fields[4]);
      g_assert_cmpuint (rh_card_get_position (card), ==, i);
      g_assert_true (g_hash_table_add (seen, (gpointer)rh_card_get_id (card)));
      g_assert_true (rh_deck_lookup_card (deck, fields[1]) == card);

      topic = rh_deck_lookup_topic (deck, topic_id);
      g_assert_nonnull (topic);

      g_assert_cmpuint (rh_card_get_n_key_areas (card), >=, 3);
      g_assert_cmpuint (rh_card_get_n_key_areas (card), <=, 7);
      g_assert_cmpuint (rh_card_get_n_blocks (card), >, 0);
    }

  /* Each card is in exactly one topic's list, in deck order. */
  for (guint t = 0; t < 15; t++)
    {
      g_autoptr(RhTopic) topic = g_list_model_get_item (rh_deck_get_topics (deck), t);
      GListModel *topic_cards = rh_topic_get_cards (topic);
      guint last = 0;

      for (guint i = 0; i < g_list_model_get_n_items (topic_cards); i++)
        {
          g_autoptr(RhCard) card = g_list_model_get_item (topic_cards, i);

          g_assert_cmpstr (rh_card_get_topic_id (card), ==, rh_topic_get_id (topic));
          g_assert_true (i == 0 || rh_card_get_position (card) > last);
          last = rh_card_get_position (card);
        }
      topic_total += g_list_model_get_n_items (topic_cards);
    }
  g_assert_cmpuint (topic_total, ==, 95);

  /* Seed cards 44 and 47 share a title; both stay, with their own ids. */
  {
    g_autoptr(RhCard) a = g_list_model_get_item (cards, 43);
    g_autoptr(RhCard) b = g_list_model_get_item (cards, 46);

    g_assert_cmpstr (rh_card_get_title (a), ==, rh_card_get_title (b));
    g_assert_cmpstr (rh_card_get_id (a), !=, rh_card_get_id (b));
  }
}

/* An output that differs between Python versions: one per range, each
 * with the versions it is for. */
static void
test_versioned_outputs (void)
{
  const char *xml =
    HEADER TOPIC_A
    "  <card id=\"t/x\" topic=\"a\">\n"
    "    <title>T</title><question>Q?</question>" AREAS "\n"
    "    <answer>\n"
    "      <pre lang=\"python\">import sys; print(sys.version_info >= (3, 13))</pre>\n"
    "      <output max-python=\"3.12\">False</output>\n"
    "      <output min-python=\"3.13\">True</output>\n"
    "      <output min-python=\"3.11\" max-python=\"3.15\">either</output>\n"
    "    </answer>\n"
    "    <pitfalls><item>p1</item><item>p2</item></pitfalls>\n"
    "    <follow-ups><item>f1?</item></follow-ups>\n"
    "  </card>\n"
    FOOTER;
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDeck) deck = load_string (xml, &error);
  RhCard *card;
  RhAnswerBlock *block;

  g_assert_no_error (error);
  card = rh_deck_lookup_card (deck, "t/x");
  g_assert_cmpuint (rh_card_get_n_blocks (card), ==, 4);
  block = rh_card_get_block (card, 1);
  g_assert_cmpint (rh_answer_block_get_kind (block), ==, RH_BLOCK_OUTPUT);
  g_assert_null (rh_answer_block_get_min_python (block));
  g_assert_cmpstr (rh_answer_block_get_max_python (block), ==, "3.12");
  block = rh_card_get_block (card, 2);
  g_assert_cmpstr (rh_answer_block_get_min_python (block), ==, "3.13");
  g_assert_null (rh_answer_block_get_max_python (block));
  block = rh_card_get_block (card, 3);
  g_assert_cmpstr (rh_answer_block_get_min_python (block), ==, "3.11");
  g_assert_cmpstr (rh_answer_block_get_max_python (block), ==, "3.15");
}

/* The app loads its deck without the schema check (done here, and by
 * xmllint in the relaxng-* tests): the same bytes pass it as any file
 * must, and give the same deck. */
static void
test_builtin_validated (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (BUILTIN, 0, &error);
  g_autoptr(RhDeck) checked = NULL;
  g_autoptr(RhDeck) built_in = NULL;
  GListModel *a, *b;

  g_assert_no_error (error);
  checked = rh_deck_parser_load_bytes (bytes, "python-interview.xml", &error);
  g_assert_no_error (error);
  built_in = rh_deck_parser_load_resource (BUILTIN, &error);
  g_assert_no_error (error);
  a = rh_deck_get_cards (checked);
  b = rh_deck_get_cards (built_in);
  g_assert_cmpuint (g_list_model_get_n_items (a), ==, 95);
  g_assert_cmpuint (g_list_model_get_n_items (b), ==, g_list_model_get_n_items (a));
  for (guint i = 0; i < g_list_model_get_n_items (a); i++)
    {
      g_autoptr(RhCard) x = g_list_model_get_item (a, i);
      g_autoptr(RhCard) y = g_list_model_get_item (b, i);

      g_assert_cmpstr (rh_card_get_id (x), ==, rh_card_get_id (y));
      g_assert_cmpstr (rh_card_get_question (x), ==, rh_card_get_question (y));
    }
}

static void
test_model_text (void)
{
  const char *xml =
    HEADER TOPIC_A
    "  <card id=\"t/x\" topic=\"a\">\n"
    "    <title>  Spaced\n      out   title </title>\n"
    "    <question>Q?</question>\n"
    "    <key-areas><area>Use <code>with</code> for <em>files</em></area><area>b</area><area>c</area></key-areas>\n"
    "    <answer>\n"
    "      <p>\n        First <code>a  b</code>, then\n        <em>this</em> and <code>c</code>.\n      </p>\n"
    "      <list style=\"numbered\"><item>one</item><item>two <code>2</code></item></list>\n"
    "      <list><item>bullet</item></list>\n"
    "      <pre lang=\"python\"><![CDATA[\n"
    "          def f():\n"
    "              return 1 < 2\n"
    "\n"
    "          print(f())\n"
    "      ]]></pre>\n"
    "      <output>True</output>\n"
    "      <pre lang=\"python\" run=\"no\" why=\"needs a running server\">connect()</pre>\n"
    "      <pre lang=\"console\">$ python -X importtime -c pass</pre>\n"
    "    </answer>\n"
    "    <pitfalls><item>p1</item><item>p2</item></pitfalls>\n"
    "    <follow-ups><item>f1?</item></follow-ups>\n"
    "  </card>\n"
    FOOTER;
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDeck) deck = load_string (xml, &error);
  RhCard *card;
  RhText *text;
  RhAnswerBlock *block;
  RhSpanStyle style;

  g_assert_no_error (error);
  card = rh_deck_lookup_card (deck, "t/x");
  g_assert_cmpstr (rh_card_get_title (card), ==, "Spaced out title");

  text = rh_card_get_key_area (card, 0);
  g_assert_cmpuint (rh_text_get_n_spans (text), ==, 4);
  g_assert_cmpstr (rh_text_get_span (text, 1, &style), ==, "with");
  g_assert_cmpint (style, ==, RH_SPAN_CODE);
  g_assert_cmpstr (rh_text_get_span (text, 3, &style), ==, "files");
  g_assert_cmpint (style, ==, RH_SPAN_EMPHASIS);
  g_assert_cmpstr (rh_text_get_plain (text), ==, "Use with for files");

  g_assert_cmpuint (rh_card_get_n_blocks (card), ==, 7);
  block = rh_card_get_block (card, 0);
  g_assert_cmpint (rh_answer_block_get_kind (block), ==, RH_BLOCK_PARAGRAPH);
  g_assert_cmpstr (rh_text_get_plain (rh_answer_block_get_text (block)), ==, "First a b, then this and c.");

  block = rh_card_get_block (card, 1);
  g_assert_cmpint (rh_answer_block_get_kind (block), ==, RH_BLOCK_NUMBERED_LIST);
  g_assert_cmpuint (rh_answer_block_get_n_items (block), ==, 2);
  g_assert_cmpstr (rh_text_get_plain (rh_answer_block_get_item (block, 1)), ==, "two 2");
  g_assert_cmpint (rh_answer_block_get_kind (rh_card_get_block (card, 2)), ==, RH_BLOCK_BULLET_LIST);

  block = rh_card_get_block (card, 3);
  g_assert_cmpint (rh_answer_block_get_kind (block), ==, RH_BLOCK_CODE);
  g_assert_cmpstr (rh_answer_block_get_language (block), ==, "python");
  g_assert_cmpstr (rh_answer_block_get_code (block), ==, "def f():\n    return 1 < 2\n\nprint(f())");
  g_assert_true (rh_answer_block_get_runnable (block));

  block = rh_card_get_block (card, 4);
  g_assert_cmpint (rh_answer_block_get_kind (block), ==, RH_BLOCK_OUTPUT);
  g_assert_cmpstr (rh_answer_block_get_code (block), ==, "True");
  g_assert_false (rh_answer_block_get_runnable (rh_card_get_block (card, 5)));
  g_assert_cmpstr (rh_answer_block_get_language (rh_card_get_block (card, 6)), ==, "console");

  g_assert_null (rh_answer_block_get_min_python (block));
  g_assert_null (rh_answer_block_get_max_python (block));

  g_assert_cmpuint (rh_card_get_n_pitfalls (card), ==, 2);
  g_assert_cmpuint (rh_card_get_n_follow_ups (card), ==, 1);
  g_assert_nonnull (strstr (rh_card_get_search_text (card), "return 1 < 2"));
  g_assert_nonnull (strstr (rh_card_get_search_text (card), "spaced out title"));
}

static void
test_dedent (void)
{
  struct { const char *in, *out; } cases[] = {
    { "\n    a\n      b\n    c\n  ", "a\n  b\nc" },
    { "x", "x" },
    { "\n\n  \n", "" },
    { "\t\tif x:\n\t\t\ty\n", "if x:\n\ty" },
    { "  a\n\n  b", "a\n\nb" },
    { "    a\n  b", "  a\nb" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = rh_dedent (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_error_malformed (void)
{
  /* The card's <title> is never closed: libxml2 notices at the card's end. */
  assert_load_error (HEADER TOPIC_A
                     "  <card id=\"t/one\" topic=\"a\"><title>T</question>\n"
                     FOOTER,
                     RH_DECK_ERROR_MALFORMED, 6, "not well-formed");
  assert_load_error ("", RH_DECK_ERROR_MALFORMED, 0, NULL);
  assert_load_error ("not xml at all", RH_DECK_ERROR_MALFORMED, 1, NULL);
}

static void
test_error_schema (void)
{
  /* No <question>. */
  assert_load_error (HEADER TOPIC_A
                     "  <card id=\"t/one\" topic=\"a\"><title>T</title>" AREAS "<answer><p>A</p></answer></card>\n"
                     FOOTER,
                     RH_DECK_ERROR_INVALID, 6, "deck format");
  /* An unknown element in an answer. */
  assert_load_error (HEADER TOPIC_A
                     "  <card id=\"t/one\" topic=\"a\"><title>T</title><question>Q</question>" AREAS "\n"
                     "    <answer><p>A</p><script>alert(1)</script></answer></card>\n"
                     FOOTER,
                     RH_DECK_ERROR_INVALID, 7, NULL);
  /* A language the format does not know. */
  assert_load_error (HEADER TOPIC_A
                     "  <card id=\"t/one\" topic=\"a\"><title>T</title><question>Q</question>" AREAS "\n"
                     "    <answer><pre lang=\"ruby\">puts 1</pre></answer></card>\n"
                     FOOTER,
                     RH_DECK_ERROR_INVALID, 7, NULL);
  /* Not a deck at all. */
  assert_load_error ("<?xml version=\"1.0\"?>\n<html><body/></html>\n",
                     RH_DECK_ERROR_INVALID, 2, "not a Rehearse deck");
}

static void
test_error_semantics (void)
{
  /* Empty text. */
  assert_load_error (HEADER TOPIC_A
                     "  <card id=\"t/one\" topic=\"a\">\n"
                     "    <title>   \n   </title><question>Q</question>" AREAS "<answer><p>A</p></answer></card>\n"
                     FOOTER,
                     RH_DECK_ERROR_INVALID, 7, "empty title");
  assert_load_error (HEADER TOPIC_A
                     "  <card id=\"t/one\" topic=\"a\"><title>T</title><question>Q</question>" AREAS "\n"
                     "    <answer><p>A</p><pre lang=\"python\">\n\n   </pre></answer></card>\n"
                     FOOTER,
                     RH_DECK_ERROR_INVALID, 7, "empty code block");
  /* <output> belongs after a python block (or after outputs that do). */
  assert_load_error (HEADER TOPIC_A
                     "  <card id=\"t/one\" topic=\"a\"><title>T</title><question>Q</question>" AREAS "\n"
                     "    <answer><p>A</p>\n      <output>1</output></answer></card>\n"
                     FOOTER,
                     RH_DECK_ERROR_INVALID, 8, "<output>");
  assert_load_error (HEADER TOPIC_A
                     "  <card id=\"t/one\" topic=\"a\"><title>T</title><question>Q</question>" AREAS "\n"
                     "    <answer><pre lang=\"text\">x</pre>\n      <output max-python=\"3.12\">1</output>\n"
                     "      <output min-python=\"3.13\">2</output></answer></card>\n"
                     FOOTER,
                     RH_DECK_ERROR_INVALID, 8, "<output>");
  /* A version is 3.N. */
  assert_load_error (HEADER TOPIC_A
                     "  <card id=\"t/one\" topic=\"a\"><title>T</title><question>Q</question>" AREAS "\n"
                     "    <answer><pre lang=\"python\">print(1)</pre>\n      <output min-python=\"three\">1</output>"
                     "</answer></card>\n"
                     FOOTER,
                     RH_DECK_ERROR_INVALID, 8, "min-python");
  /* A card id outside the deck's namespace, or not a slug. */
  assert_load_error (HEADER TOPIC_A CARD ("other/one", "a") FOOTER,
                     RH_DECK_ERROR_INVALID, 6, "followed by a slug");
  assert_load_error (HEADER TOPIC_A CARD ("t/Bad--Id", "a") FOOTER,
                     RH_DECK_ERROR_INVALID, 6, "followed by a slug");
  assert_load_error (HEADER "  <topic id=\"Ab\"><title>T</title><summary>S</summary></topic>\n"
                     CARD ("t/one", "Ab") FOOTER,
                     RH_DECK_ERROR_INVALID, 5, "not a slug");
}

static void
test_error_duplicate (void)
{
  assert_load_error (HEADER TOPIC_A CARD ("t/one", "a") CARD ("t/two", "a") CARD ("t/one", "a") FOOTER,
                     RH_DECK_ERROR_DUPLICATE_ID, 8, "t/one");
  assert_load_error (HEADER TOPIC_A TOPIC_B TOPIC_A CARD ("t/one", "a") FOOTER,
                     RH_DECK_ERROR_DUPLICATE_ID, 7, "topics with the id “a”");
}

static void
test_error_unknown_topic (void)
{
  assert_load_error (HEADER TOPIC_A CARD ("t/one", "a") CARD ("t/two", "zzz") FOOTER,
                     RH_DECK_ERROR_UNKNOWN_TOPIC, 7, "“zzz”");
}

/* External entities would read a local file (or the network) into the deck. */
static void
test_error_xxe (void)
{
  assert_load_error ("<?xml version=\"1.0\"?>\n"
                     "<!DOCTYPE deck [\n"
                     "  <!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n"
                     "]>\n"
                     "<deck xmlns=\"https://rehearse.github.io/ns/deck/1\" id=\"t\" version=\"1\" xml:lang=\"en\">\n"
                     "  <title>&xxe;</title><description>d</description>\n"
                     TOPIC_A CARD ("t/one", "a") FOOTER,
                     RH_DECK_ERROR_UNSAFE, 2, "DOCTYPE");
  assert_load_error ("<?xml version=\"1.0\"?>\n"
                     "<!DOCTYPE deck SYSTEM \"http://127.0.0.1:9/evil.dtd\">\n"
                     HEADER TOPIC_A CARD ("t/one", "a") FOOTER,
                     RH_DECK_ERROR_UNSAFE, 2, NULL);
}

/* Billion laughs: ten levels of ten references would expand to 10^9
 * copies.  The parser must stop at the DOCTYPE, fast and small. */
static void
test_error_entity_bomb (void)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE deck [\n");
  gint64 start;

  g_string_append (xml, "  <!ENTITY lol0 \"lol\">\n");
  for (int i = 1; i < 10; i++)
    {
      g_string_append_printf (xml, "  <!ENTITY lol%d \"", i);
      for (int j = 0; j < 10; j++)
        g_string_append_printf (xml, "&lol%d;", i - 1);
      g_string_append (xml, "\">\n");
    }
  g_string_append (xml, "]>\n<deck xmlns=\"https://rehearse.github.io/ns/deck/1\" id=\"t\" version=\"1\" "
                        "xml:lang=\"en\"><title>&lol9;</title><description>d</description>"
                        TOPIC_A CARD ("t/one", "a") FOOTER);

  start = g_get_monotonic_time ();
  assert_load_error (xml->str, RH_DECK_ERROR_UNSAFE, 2, NULL);
  /* Not a timing test: a generous bound that only an expansion would break. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

/* The built-in deck cut in half is a truncated file. */
static void
test_error_truncated (void)
{
  g_autoptr(GBytes) whole = g_resources_lookup_data (BUILTIN, 0, NULL);
  g_autoptr(GBytes) half = g_bytes_new_from_bytes (whole, 0, g_bytes_get_size (whole) / 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDeck) deck = rh_deck_parser_load_bytes (half, "half.xml", &error);

  g_assert_null (deck);
  g_assert_error (error, RH_DECK_ERROR, RH_DECK_ERROR_MALFORMED);
  g_assert_true (g_str_has_prefix (error->message, "half.xml:"));
}

static void
test_error_utf8 (void)
{
  assert_load_error (HEADER TOPIC_A
                     "  <card id=\"t/one\" topic=\"a\"><title>caf\xc3\x28 latin-1 \xff</title>"
                     "<question>Q</question>" AREAS "<answer><p>A</p></answer></card>\n"
                     FOOTER,
                     RH_DECK_ERROR_MALFORMED, 6, "UTF-8");
}

/* A declared encoding the bytes do not follow: an error in the deck's
 * message, and nothing printed by libxml2 on its own. */
static void
test_error_encoding (void)
{
  if (g_test_subprocess ())
    {
      assert_load_error ("<?xml version=\"1.0\" encoding=\"EUC-JP\"?>\n<deck>\xff\xfe bytes \x80\x81</deck>\n",
                         RH_DECK_ERROR_MALFORMED, -1, NULL);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr_unmatched ("*encoding error*");
}

static void
test_error_too_large (void)
{
  g_autofree char *dir = rh_test_make_dir ("large");
  g_autofree char *path = g_build_filename (dir, "huge.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDeck) deck = NULL;
  g_autoptr(GBytes) bytes = NULL;
  FILE *f = g_fopen (path, "wb");

  /* Sparse: the size is what counts, not the contents. */
  g_assert_nonnull (f);
  g_assert_cmpint (fseek (f, RH_DECK_MAX_BYTES, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc ('x', f), !=, EOF);
  fclose (f);

  deck = rh_deck_parser_load_file (file, &error);
  g_assert_null (deck);
  g_assert_error (error, RH_DECK_ERROR, RH_DECK_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, path));
  /* The size and the limit never read the same. */
  g_assert_nonnull (strstr (error->message, "33554433 bytes"));
  g_assert_nonnull (strstr (error->message, "at most 33554432 bytes"));
  g_clear_error (&error);

  bytes = g_bytes_new_take (g_malloc0 (RH_DECK_MAX_BYTES + 1), RH_DECK_MAX_BYTES + 1);
  deck = rh_deck_parser_load_bytes (bytes, "big.xml", &error);
  g_assert_null (deck);
  g_assert_error (error, RH_DECK_ERROR, RH_DECK_ERROR_TOO_LARGE);
}

/* 200,000 attributes on one element: under the size limit, yet libxml2
 * would take minutes over them.  Refused at once, naming the line. */
static void
test_error_many_attributes (void)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\"?>\n\n<deck xmlns=\"https://rehearse.github.io/ns/deck/1\"");

  for (guint i = 0; i < 200000; i++)
    g_string_append_printf (xml, " a%u=\"%u\"", i, i);
  g_string_append (xml, "/>\n");
  assert_load_error (xml->str, RH_DECK_ERROR_INVALID, 3, "more than 64 attributes");
  /* A few are fine, and quotes with '=' inside do not count. */
  assert_load_error (HEADER TOPIC_A
                     "  <card id=\"t/one\" topic=\"a\" x=\"a=b=c\"><title>T</title><question>Q</question>"
                     AREAS "<answer><p>A</p></answer></card>\n" FOOTER,
                     RH_DECK_ERROR_INVALID, 6, "follow the deck format");
}

/* A NUL byte is not "not UTF-8": it says what it is, and where. */
static void
test_error_nul (void)
{
  static const char xml[] = HEADER TOPIC_A "\n  <!-- \0 -->\n" FOOTER;
  g_autoptr(GBytes) bytes = g_bytes_new (xml, sizeof xml - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDeck) deck = rh_deck_parser_load_bytes (bytes, "test.xml", &error);

  g_assert_null (deck);
  g_assert_error (error, RH_DECK_ERROR, RH_DECK_ERROR_MALFORMED);
  g_assert_true (g_str_has_prefix (error->message, "test.xml:7: "));
  g_assert_nonnull (strstr (error->message, "NUL byte"));
}

/* A deck in another namespace: the message names both. */
static void
test_error_namespace (void)
{
  assert_load_error ("<?xml version=\"1.0\"?>\n<deck xmlns=\"urn:example:other\"><title>x</title></deck>\n",
                     RH_DECK_ERROR_INVALID, 2, "<deck> in the namespace “urn:example:other”, not <deck> in the namespace “https://rehearse.github.io/ns/deck/1”");
  assert_load_error ("<?xml version=\"1.0\"?>\n<deck><title>x</title></deck>\n",
                     RH_DECK_ERROR_INVALID, 2, "<deck> in no namespace");
}

/* A pipe, a device or a folder is not read (a pipe would block, /dev/zero
 * never end): refused by its type. */
static void
test_error_not_a_file (void)
{
  g_autofree char *dir = rh_test_make_dir ("special");
  g_autofree char *fifo = g_build_filename (dir, "deck.xml", NULL);
  const char *paths[] = { fifo, "/dev/zero", dir };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(RhDeck) deck = rh_deck_parser_load_file (file, &error);

      g_assert_null (deck);
      g_assert_error (error, RH_DECK_ERROR, RH_DECK_ERROR_READ);
      g_assert_true (g_str_has_prefix (error->message, paths[i]));
      g_assert_nonnull (strstr (error->message, "not a regular file"));
    }
}

static void
test_error_read (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/deck.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDeck) deck = rh_deck_parser_load_file (file, &error);

  g_assert_null (deck);
  g_assert_error (error, RH_DECK_ERROR, RH_DECK_ERROR_READ);
  g_assert_true (g_str_has_prefix (error->message, "/nonexistent/deck.xml: "));
}

/* A user deck on disk loads, and its errors name the file by its path. */
static void
test_load_file (void)
{
  g_autofree char *dir = rh_test_make_dir ("files");
  g_autofree char *path = g_build_filename (dir, "mine.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDeck) deck = NULL;
  g_autofree char *prefix = g_strdup_printf ("%s:6: ", path);

  g_file_set_contents (path, HEADER TOPIC_A CARD ("t/one", "a") FOOTER, -1, &error);
  g_assert_no_error (error);
  deck = rh_deck_parser_load_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rh_deck_get_n_cards (deck), ==, 1);
  g_assert_cmpuint (rh_deck_get_version (deck), ==, 3);
  g_clear_object (&deck);

  g_file_set_contents (path, HEADER TOPIC_A CARD ("t/one", "b") FOOTER, -1, &error);
  g_assert_no_error (error);
  deck = rh_deck_parser_load_file (file, &error);
  g_assert_null (deck);
  g_assert_error (error, RH_DECK_ERROR, RH_DECK_ERROR_UNKNOWN_TOPIC);
  g_assert_true (g_str_has_prefix (error->message, prefix));
}

/* Format 2: a plain question and answer is a card; the title, key areas,
 * pitfalls and follow-ups, a topic's summary and the deck's description
 * and language may all be left out. */
static void
test_format2_plain (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDeck) deck = load_string (HEADER2 TOPIC_PLAIN
                                        PLAIN_CARD ("t/one", "What is a\n   x?", "A letter.")
                                        FOOTER, &error);
  RhCard *card;
  RhTopic *topic;

  g_assert_no_error (error);
  g_assert_cmpuint (rh_deck_get_n_cards (deck), ==, 1);
  g_assert_null (rh_deck_get_description (deck));
  g_assert_null (rh_deck_get_language (deck));
  g_assert_cmpuint (rh_deck_get_version (deck), ==, 1);
  topic = rh_deck_lookup_topic (deck, "t/a");
  g_assert_null (rh_topic_get_summary (topic));
  card = rh_deck_lookup_card (deck, "t/one");
  g_assert_cmpstr (rh_card_get_question (card), ==, "What is a x?");
  /* No title of its own: lists show the question. */
  g_assert_cmpstr (rh_card_get_title (card), ==, "What is a x?");
  g_assert_false (rh_card_has_title (card));
  g_assert_cmpuint (rh_card_get_n_key_areas (card), ==, 0);
  g_assert_cmpuint (rh_card_get_n_pitfalls (card), ==, 0);
  g_assert_cmpuint (rh_card_get_n_follow_ups (card), ==, 0);
  g_assert_cmpstr (rh_text_get_plain (rh_answer_block_get_text (rh_card_get_block (card, 0))), ==, "A letter.");
}

/* The built-in deck's rules (3 to 7 key areas, 2 to 4 pitfalls, ...) are
 * its own content test's, not the format's: in either version a card may
 * have any number. */
static void
test_format_key_areas (void)
{
  const char *decks[] = {
    HEADER TOPIC_A
    "  <card id=\"t/one\" topic=\"a\"><title>T</title><question>Q</question>\n"
    "    <key-areas><area>a</area></key-areas><answer><p>A</p></answer></card>\n" FOOTER,
    HEADER2 TOPIC_PLAIN
    "  <card id=\"t/one\" topic=\"a\"><question>Q</question>\n"
    "    <key-areas><area>1</area><area>2</area><area>3</area><area>4</area>"
    "<area>5</area><area>6</area><area>7</area><area>8</area></key-areas>\n"
    "    <answer><p>A</p></answer></card>\n" FOOTER,
  };
  guint expected[] = { 1, 8 };

  for (guint i = 0; i < G_N_ELEMENTS (decks); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RhDeck) deck = load_string (decks[i], &error);

      g_assert_no_error (error);
      g_assert_cmpuint (rh_card_get_n_key_areas (rh_deck_lookup_card (deck, "t/one")), ==, expected[i]);
      g_assert_true (rh_card_has_title (rh_deck_lookup_card (deck, "t/one")) == (i == 0));
    }
}

/* <br/> breaks a line in a question, a paragraph or an item; white space
 * around it goes, and so do breaks at either end. */
static void
test_format2_line_breaks (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDeck) deck = load_string (HEADER2 TOPIC_PLAIN
                                        "  <card id=\"t/one\" topic=\"a\">\n"
                                        "    <question><br/>Which line?  <br/>  This one.<br/></question>\n"
                                        "    <answer><p>One <br/><br/>two <code>x</code><br/><em>three</em></p>\n"
                                        "      <list><item><br/> a <br/> b </item></list></answer></card>\n"
                                        FOOTER, &error);
  RhCard *card;
  RhText *text;
  RhSpanStyle style;

  g_assert_no_error (error);
  card = rh_deck_lookup_card (deck, "t/one");
  g_assert_cmpstr (rh_card_get_question (card), ==, "Which line?\nThis one.");
  g_assert_cmpstr (rh_card_get_title (card), ==, "Which line?");
  text = rh_answer_block_get_text (rh_card_get_block (card, 0));
  g_assert_cmpstr (rh_text_get_plain (text), ==, "One\n\ntwo x\nthree");
  g_assert_cmpuint (rh_text_get_n_spans (text), ==, 4);
  g_assert_cmpstr (rh_text_get_span (text, 1, &style), ==, "x");
  g_assert_cmpint (style, ==, RH_SPAN_CODE);
  g_assert_cmpstr (rh_text_get_span (text, 2, &style), ==, "\n");
  g_assert_cmpint (style, ==, RH_SPAN_PLAIN);
  g_assert_cmpstr (rh_text_get_plain (rh_answer_block_get_item (rh_card_get_block (card, 1), 0)), ==, "a\nb");
}

/* A file that does not declare format 2 is held to version 1, so that it
 * loads in a Rehearse that knows only version 1; every use is named. */
static void
test_format1_strict (void)
{
  struct { const char *xml; int line; const char *what; } cases[] = {
    { HEADER TOPIC_A "  <card id=\"t/one\" topic=\"a\"><question>Q</question>" AREAS
      "<answer><p>A</p></answer></card>\n" FOOTER, 6, "a card without a <title>" },
    { HEADER TOPIC_A "  <card id=\"t/one\" topic=\"a\"><title>T</title><question>Q</question>"
      "<answer><p>A</p></answer></card>\n" FOOTER, 6, "a card without <key-areas>" },
    { HEADER "  <topic id=\"a\"><title>A</title></topic>\n" CARD ("t/one", "a") FOOTER,
      5, "a topic without a <summary>" },
    { HEADER TOPIC_A "  <card id=\"t/one\" topic=\"a\"><title>T</title><question>Q</question>" AREAS
      "<answer>\n<p>A<br/>B</p></answer></card>\n" FOOTER, 7, "a line break (<br/>)" },
    { "<?xml version=\"1.0\"?>\n<deck xmlns=\"https://rehearse.github.io/ns/deck/1\" id=\"t\" version=\"1\">\n"
      "<title>T</title>\n" TOPIC_A CARD ("t/one", "a") FOOTER, 2, "a deck without a <description>" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *fragment = g_strdup_printf ("%s needs deck format version 2: add format=\"2\" to <deck>",
                                                   cases[i].what);

      assert_load_error (cases[i].xml, RH_DECK_ERROR_INVALID, cases[i].line, fragment);
    }
}

/* A format this Rehearse does not read is refused with its number; the
 * edition (version="…") is the deck's own and any number goes. */
static void
test_error_format_version (void)
{
  const char *deck_line = "<deck xmlns=\"https://rehearse.github.io/ns/deck/1\" id=\"t\" version=\"7\"";
  struct { const char *format, *fragment; } cases[] = {
    { "3", "deck format version 3; this Rehearse reads versions up to 2" },
    { "123456789012345678901234567890", "deck format version 123456789012345678901234567890;" },
    { "0", "format=\"0\" is not a deck format version" },
    { "02", "format=\"02\" is not a deck format version" },
    { "two", "format=\"two\" is not a deck format version" },
    { "", "format=\"\" is not a deck format version" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *xml = g_strdup_printf ("<?xml version=\"1.0\"?>\n%s format=\"%s\">\n<title>T</title>\n"
                                              TOPIC_PLAIN PLAIN_CARD ("t/one", "Q", "A") FOOTER,
                                              deck_line, cases[i].format);

      assert_load_error (xml, RH_DECK_ERROR_VERSION, 2, cases[i].fragment);
    }
}

static void
test_error_no_cards (void)
{
  assert_load_error (HEADER TOPIC_A FOOTER, RH_DECK_ERROR_NO_CARDS, 2, "no cards");
  assert_load_error (HEADER2 TOPIC_PLAIN "  <!-- <card/> -->\n" FOOTER, RH_DECK_ERROR_NO_CARDS, 2, "no cards");
}

/* Past the schema every problem is told, each on its own line with its
 * own line number, up to a limit. */
static void
test_error_every_problem (void)
{
  g_autoptr(GString) xml = g_string_new (HEADER TOPIC_A CARD ("t/one", "a") CARD ("t/one", "a"));
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDeck) deck = NULL;
  g_auto(GStrv) lines = NULL;

  g_string_append (xml, CARD ("t/two", "zzz") CARD ("t/Bad", "a"));
  g_string_append (xml, FOOTER);
  deck = load_string (xml->str, &error);
  g_assert_null (deck);
  g_assert_error (error, RH_DECK_ERROR, RH_DECK_ERROR_DUPLICATE_ID);
  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_str_has_prefix (lines[0], "test.xml:7: there are two cards with the id “t/one”"));
  g_assert_true (g_str_has_prefix (lines[1], "test.xml:8: card “t/two” belongs to topic “zzz”"));
  g_assert_true (g_str_has_prefix (lines[2], "test.xml:9: card id “t/Bad”"));
  g_clear_error (&error);
  g_clear_pointer (&lines, g_strfreev);

  g_string_assign (xml, HEADER TOPIC_A);
  for (guint i = 0; i < 50; i++)
    g_string_append (xml, CARD ("t/x", "zzz"));
  g_string_append (xml, FOOTER);
  deck = load_string (xml->str, &error);
  g_assert_null (deck);
  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 21);
  g_assert_true (g_str_has_prefix (lines[19], "test.xml:25: "));
  g_assert_cmpstr (lines[20], ==, "test.xml: more problems follow; fix these first");
}

/* The fixture check-deck-content.py refuses (deck-content-rules-apart)
 * is a deck the loader takes: the rules are the built-in deck's. */
static void
test_format_content_rules_apart (void)
{
  g_autofree char *path = rh_test_fixture_path ("plain-card-deck.xml");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDeck) deck = rh_deck_parser_load_file (file, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rh_deck_get_n_cards (deck), ==, 1);
}

/* Found by fuzz-deck-parser: bytes that end inside "<!--" (a file cut
 * short) were read past their end.  Each ends before a page that cannot
 * be read, so a read past it crashes in any build. */
static void
test_error_markup_at_end (void)
{
  const char *cases[] = { "<d>\n<!", "<d>\n<!-", "<d><![CDA", "<d><?", "<d><!--\n-", "<d><!DOCTY" };
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "fuzz", "corpus",
                                            "crash-unterminated-markup.xml", NULL);
  g_autofree char *found = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &found, &len, NULL));
  for (guint i = 0; i <= G_N_ELEMENTS (cases); i++)
    {
      const char *data = i < G_N_ELEMENTS (cases) ? cases[i] : found;
      g_autoptr(GBytes) bytes = rh_test_bytes_before_guard (data, i < G_N_ELEMENTS (cases) ? strlen (data) : len);
      g_autoptr(GError) error = NULL;
      g_autoptr(RhDeck) deck = rh_deck_parser_load_bytes (bytes, "cut.xml", &error);

      g_assert_null (deck);
      g_assert_true (error->domain == RH_DECK_ERROR);
      g_assert_true (g_str_has_prefix (error->message, "cut.xml"));
    }
}

int
main (int   argc,
      char *argv[])
{
  rh_test_init_env ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/deck/builtin/topics", test_builtin_topics);
  g_test_add_func ("/deck/builtin/cards", test_builtin_cards);
  g_test_add_func ("/deck/builtin/validated", test_builtin_validated);
  g_test_add_func ("/deck/model/text", test_model_text);
  g_test_add_func ("/deck/model/versioned-outputs", test_versioned_outputs);
  g_test_add_func ("/deck/model/dedent", test_dedent);
  g_test_add_func ("/deck/load-file", test_load_file);
  g_test_add_func ("/deck/error/malformed", test_error_malformed);
  g_test_add_func ("/deck/error/schema", test_error_schema);
  g_test_add_func ("/deck/error/semantics", test_error_semantics);
  g_test_add_func ("/deck/error/duplicate-id", test_error_duplicate);
  g_test_add_func ("/deck/error/unknown-topic", test_error_unknown_topic);
  g_test_add_func ("/deck/error/xxe", test_error_xxe);
  g_test_add_func ("/deck/error/entity-bomb", test_error_entity_bomb);
  g_test_add_func ("/deck/error/truncated", test_error_truncated);
  g_test_add_func ("/deck/error/utf8", test_error_utf8);
  g_test_add_func ("/deck/error/encoding", test_error_encoding);
  g_test_add_func ("/deck/error/too-large", test_error_too_large);
  g_test_add_func ("/deck/error/read", test_error_read);
  g_test_add_func ("/deck/error/many-attributes", test_error_many_attributes);
  g_test_add_func ("/deck/error/nul", test_error_nul);
  g_test_add_func ("/deck/error/namespace", test_error_namespace);
  g_test_add_func ("/deck/error/not-a-file", test_error_not_a_file);
  g_test_add_func ("/deck/error/format-version", test_error_format_version);
  g_test_add_func ("/deck/error/markup-at-end", test_error_markup_at_end);
  g_test_add_func ("/deck/error/no-cards", test_error_no_cards);
  g_test_add_func ("/deck/error/every-problem", test_error_every_problem);
  g_test_add_func ("/deck/format/2-plain", test_format2_plain);
  g_test_add_func ("/deck/format/2-line-breaks", test_format2_line_breaks);
  g_test_add_func ("/deck/format/key-areas", test_format_key_areas);
  g_test_add_func ("/deck/format/1-strict", test_format1_strict);
  g_test_add_func ("/deck/format/content-rules-apart", test_format_content_rules_apart);

  return g_test_run ();
}
