/* test-deck-import.c: CSV, TSV and Anki text as decks, every refusal, and adding decks
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "rh-deck-import.h"
#include "rh-deck-parser.h"
#include "rh-test-utils.h"

#define BUILTIN RESOURCE_PATH "/decks/python-interview.xml"

static GBytes *
convert_len (const char    *text,
             gsize          len,
             const char    *name,
             const char    *title,
             RhDeckFormat  *kind,
             char         **notice,
             GError       **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, len);

  return rh_deck_import_convert (bytes, name, title, kind, notice, error);
}

/* @text, a file named @name, converted and loaded as the app would. */
static RhDeck *
convert_deck_len (const char  *text,
                  gsize        len,
                  const char  *name,
                  const char  *title,
                  char       **notice)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = convert_len (text, len, name, title, NULL, notice, &error);
  RhDeck *deck;

  g_assert_no_error (error);
  g_test_message ("%.*s", (int)g_bytes_get_size (xml), (const char *)g_bytes_get_data (xml, NULL));
  deck = rh_deck_parser_load_bytes (xml, name, &error);
  g_assert_no_error (error);
  return deck;
}

static RhDeck *
convert_deck (const char  *text,
              const char  *name,
              char       **notice)
{
  return convert_deck_len (text, strlen (text), name, NULL, notice);
}

/* Refused with @code and a message that starts "@name:@line: " (0: no
 * line) and holds @fragment. */
static void
assert_refused_len (const char *text,
                    gsize       len,
                    const char *name,
                    int         code,
                    guint       line,
                    const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = convert_len (text, len, name, NULL, NULL, NULL, &error);
  g_autofree char *prefix = line > 0 ? g_strdup_printf ("%s:%u: ", name, line) : g_strdup_printf ("%s: ", name);

  g_assert_null (xml);
  g_assert_error (error, RH_DECK_IMPORT_ERROR, code);
  g_test_message ("%s", error->message);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("expected the message to start with “%s”, got “%s”", prefix, error->message);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("expected “%s” in “%s”", fragment, error->message);
}

static void
assert_refused (const char *text,
                const char *name,
                int         code,
                guint       line,
                const char *fragment)
{
  assert_refused_len (text, strlen (text), name, code, line, fragment);
}

static RhCard *
card_at (RhDeck *deck,
         guint   index)
{
  guint n;
  RhCard * const *cards = rh_deck_peek_cards (deck, &n);

  g_assert_cmpuint (index, <, n);
  return cards[index];
}

static const char *
block_plain (RhCard *card,
             guint   index)
{
  g_assert_cmpuint (index, <, rh_card_get_n_blocks (card));
  return rh_text_get_plain (rh_answer_block_get_text (rh_card_get_block (card, index)));
}

static const char *
topic_title (RhDeck *deck,
             RhCard *card)
{
  return rh_topic_get_title (rh_deck_lookup_topic (deck, rh_card_get_topic_id (card)));
}

/* --- CSV and TSV ---------------------------------------------------------------- */

/* Two columns, no header: one topic, the title the user gave, its slug as
 * the deck's id, and ids from the questions. */
static void
test_csv_plain (void)
{
  const char *csv = "What is a deck?,Cards to study.\n"
                    "What is a card?,\"A question, and its answer.\"\n";
  g_autofree char *notice = NULL;
  g_autoptr(RhDeck) deck = convert_deck_len (csv, strlen (csv), "team.csv", "Platform Onboarding", &notice);
  RhCard *card;

  g_assert_null (notice);
  g_assert_cmpstr (rh_deck_get_id (deck), ==, "platform-onboarding");
  g_assert_cmpstr (rh_deck_get_title (deck), ==, "Platform Onboarding");
  g_assert_cmpstr (rh_deck_get_description (deck), ==, "Imported from “team.csv”.");
  g_assert_cmpuint (rh_deck_get_n_cards (deck), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (rh_deck_get_topics (deck)), ==, 1);
  card = card_at (deck, 1);
  g_assert_cmpstr (rh_card_get_id (card), ==, "platform-onboarding/what-is-a-card");
  g_assert_cmpstr (rh_card_get_question (card), ==, "What is a card?");
  g_assert_false (rh_card_has_title (card));
  g_assert_cmpstr (block_plain (card, 0), ==, "A question, and its answer.");
  g_assert_cmpstr (topic_title (deck, card), ==, "General");
  g_assert_cmpuint (rh_card_get_n_key_areas (card), ==, 0);
}

/* A first row naming the columns, in any order and case, is no card. */
static void
test_csv_header (void)
{
  g_autoptr(RhDeck) deck = convert_deck ("Topic,ANSWER,question,key_areas\n"
                                         "Deploys,Merge to main.,How do we ship?,CI; review ;;tags\n"
                                         "Deploys,From the runbook.,How do we roll back?,\n"
                                         "People,Ana.,Who is on call?,rota\n",
                                         "team-deck.csv", NULL);
  RhCard *card = card_at (deck, 0);

  g_assert_cmpstr (rh_deck_get_title (deck), ==, "team-deck");
  g_assert_cmpuint (rh_deck_get_n_cards (deck), ==, 3);
  g_assert_cmpstr (rh_card_get_question (card), ==, "How do we ship?");
  g_assert_cmpstr (block_plain (card, 0), ==, "Merge to main.");
  g_assert_cmpstr (topic_title (deck, card), ==, "Deploys");
  g_assert_cmpuint (rh_card_get_n_key_areas (card), ==, 3);
  g_assert_cmpstr (rh_text_get_plain (rh_card_get_key_area (card, 1)), ==, "review");
  g_assert_cmpstr (rh_text_get_plain (rh_card_get_key_area (card, 2)), ==, "tags");
  g_assert_cmpuint (rh_card_get_n_key_areas (card_at (deck, 1)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (rh_deck_get_topics (deck)), ==, 2);
  g_assert_cmpstr (topic_title (deck, card_at (deck, 2)), ==, "People");
  g_assert_cmpstr (rh_card_get_topic_id (card_at (deck, 2)), ==, "team-deck/people");
}

/* RFC 4180: quoted fields hold separators, doubled quotes and line breaks
 * (a line break is one, a blank line starts a paragraph); CR LF ends a
 * line; a record's line is the line it starts on. */
static void
test_csv_quoted (void)
{
  const char *csv = "\"Say \"\"hi\"\"?\",\"First line\r\nsecond line\r\n\r\nNew paragraph\"\r\n"
                    "\"Multi\nline question\",answer\r\n";
  g_autoptr(RhDeck) deck = convert_deck (csv, "q.csv", NULL);
  RhCard *card = card_at (deck, 0);

  g_assert_cmpstr (rh_card_get_question (card), ==, "Say \"hi\"?");
  g_assert_cmpuint (rh_card_get_n_blocks (card), ==, 2);
  g_assert_cmpstr (block_plain (card, 0), ==, "First line\nsecond line");
  g_assert_cmpstr (block_plain (card, 1), ==, "New paragraph");
  g_assert_cmpstr (rh_card_get_question (card_at (deck, 1)), ==, "Multi\nline question");
  g_assert_cmpstr (rh_card_get_title (card_at (deck, 1)), ==, "Multi");

  /* The record after a three-line one starts on line 4. */
  assert_refused ("a,\"x\ny\nz\"\nb,c,d\n", "q.csv", RH_DECK_IMPORT_ERROR_SYNTAX, 4, "3 fields where the first record has 2");
}

/* Tab-separated by name or by content; a spreadsheet's semicolons, with
 * commas in the text, are told from the records. */
static void
test_separators (void)
{
  struct { const char *text, *name; RhDeckFormat kind; } cases[] = {
    { "Q one?\tA, with a comma\tTopic\nQ two?\tB\tTopic\n", "x.tsv", RH_DECK_FORMAT_TSV },
    { "Q one?\tA, with a comma\tTopic\nQ two?\tB\tTopic\n", "x.txt", RH_DECK_FORMAT_TSV },
    { "Q one?;A, with a comma;Topic\nQ two?;B;Topic\n", "x.csv", RH_DECK_FORMAT_CSV },
    { "Q one?,A,Topic,k1;k2;k3\nQ two?,B,Topic,k4\n", "x.csv", RH_DECK_FORMAT_CSV },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      RhDeckFormat kind;
      g_autoptr(GBytes) xml = convert_len (cases[i].text, strlen (cases[i].text), cases[i].name, NULL, &kind, NULL,
                                           &error);
      g_autoptr(RhDeck) deck = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (kind, ==, cases[i].kind);
      deck = rh_deck_parser_load_bytes (xml, cases[i].name, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (rh_deck_get_n_cards (deck), ==, 2);
      g_assert_cmpstr (topic_title (deck, card_at (deck, 1)), ==, "Topic");
    }
}

/* Every row with another number of fields is named, with its line. */
static void
test_error_columns (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_auto(GStrv) lines = NULL;

  assert_refused ("q1,a1\nq2,a2\nq3,a,b\n", "x.csv", RH_DECK_IMPORT_ERROR_SYNTAX, 3,
                  "3 fields where the first record has 2; a field with a comma in it is written in quotes");
  xml = convert_len ("q1\ta1\nq2\n\nq3\ta3\tt\tk\tz\nq4\ta4\n", 28, "x.tsv", NULL, NULL, NULL, &error);
  g_assert_null (xml);
  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_cmpstr (lines[0], ==, "x.tsv:2: 1 fields where the first record has 2; a field with a tab in it is "
                                 "written in quotes (\")");
  g_assert_true (g_str_has_prefix (lines[1], "x.tsv:4: 5 fields"));

  assert_refused ("just one column\nanother\n", "x.csv", RH_DECK_IMPORT_ERROR_SYNTAX, 1, "only one column");
  assert_refused ("a,b,c,d,e\n", "x.csv", RH_DECK_IMPORT_ERROR_SYNTAX, 1, "5 columns; a card has at most four");
  assert_refused ("question,answer,notes\nq,a,n\n", "x.csv", RH_DECK_IMPORT_ERROR_SYNTAX, 1,
                  "“notes” is not a column Rehearse knows");
}

static void
test_error_quotes (void)
{
  assert_refused ("q1,a1\nq2,\"never\nclosed\nat all\n", "x.csv", RH_DECK_IMPORT_ERROR_SYNTAX, 2,
                  "a quoted field starts here and never ends");
  assert_refused ("q1,a1\n\nq2,\"closed\" then more\n", "x.csv", RH_DECK_IMPORT_ERROR_SYNTAX, 3,
                  "text after the closing quote");
}

static void
test_error_empty (void)
{
  assert_refused ("", "x.csv", RH_DECK_IMPORT_ERROR_EMPTY, 0, "the file is empty");
  assert_refused ("\n \n\t\n,\n", "x.csv", RH_DECK_IMPORT_ERROR_EMPTY, 0, "no cards");
  assert_refused ("question,answer\n", "x.csv", RH_DECK_IMPORT_ERROR_EMPTY, 0, "no cards");
  assert_refused ("q1,a1\n  ,a2\nq3,\n", "x.csv", RH_DECK_IMPORT_ERROR_SYNTAX, 2, "the question is empty");
  assert_refused ("q1,a1\nq3,  \n", "x.csv", RH_DECK_IMPORT_ERROR_SYNTAX, 2, "the answer is empty");
}

/* Ids are made from questions: two cards may not share one. */
static void
test_error_duplicate (void)
{
  assert_refused ("Same?,a\nOther?,b\nSame?,c\n", "x.csv", RH_DECK_IMPORT_ERROR_DUPLICATE, 3,
                  "the same question as line 1");
}

/* --- Encodings ---------------------------------------------------------------- */

static void
test_encoding_bom (void)
{
  g_autoptr(RhDeck) deck = convert_deck ("\xEF\xBB\xBFquestion,answer\nQ?,A\n", "x.csv", NULL);

  g_assert_cmpuint (rh_deck_get_n_cards (deck), ==, 1);
  g_assert_cmpstr (rh_card_get_question (card_at (deck, 0)), ==, "Q?");
}

/* Read as Windows-1252, with a notice naming it and the first line that
 * is not UTF-8. */
static void
test_encoding_windows_1252 (void)
{
  g_autofree char *notice = NULL;
  g_autoptr(RhDeck) deck = convert_deck ("Plain?,Yes\nCaf\xE9?,R\xE9sum\xE9 \x80 5\n", "x.csv", &notice);

  g_assert_cmpstr (rh_card_get_question (card_at (deck, 1)), ==, "Café?");
  g_assert_cmpstr (block_plain (card_at (deck, 1), 0), ==, "Résumé € 5");
  g_assert_nonnull (notice);
  g_assert_nonnull (strstr (notice, "read as Windows-1252"));
  g_assert_nonnull (strstr (notice, "line 2"));
}

static void
test_encoding_refused (void)
{
  static const char nul[] = "q,a\nq2\0,a2\n";
  static const char utf16_no_bom[] = "q\0,\0a\0\n\0";

  /* 0x81 is no character in Windows-1252 either. */
  assert_refused ("q,a\nq2,\x81\x8D\n", "x.csv", RH_DECK_IMPORT_ERROR_ENCODING, 2,
                  "not UTF-8 text, nor Windows-1252");
  /* UTF-8 with one stray Windows-1252 byte on line 3: refused, that line
   * named (read as Windows-1252, line 2 would have been garbled). */
  assert_refused ("q,a\nQu\xE2\x80\x99" "est-ce que caf\xC3\xA9 ?,oui\nWhat\x92" "s this?,that\n", "x.csv",
                  RH_DECK_IMPORT_ERROR_ENCODING, 3, "otherwise is");
  assert_refused_len (nul, sizeof nul - 1, "x.csv", RH_DECK_IMPORT_ERROR_ENCODING, 2, "NUL byte");
  assert_refused_len (utf16_no_bom, sizeof utf16_no_bom - 1, "x.csv", RH_DECK_IMPORT_ERROR_ENCODING, 1, "UTF-16");
  assert_refused_len ("\xFF\xFEq\0\x00\xD8", 6, "x.csv", RH_DECK_IMPORT_ERROR_ENCODING, 0, "UTF-16");
}

/* Excel's "Unicode text": UTF-16 with a byte order mark. */
static void
test_encoding_utf16 (void)
{
  static const char le[] = "\xFF\xFEQ\0?\0\t\0\xE9\0\n\0";
  static const char be[] = "\xFE\xFF\0Q\0?\0\t\0\xE9\0\n";
  g_autoptr(RhDeck) little = convert_deck_len (le, sizeof le - 1, "x.txt", NULL, NULL);
  g_autoptr(RhDeck) big = convert_deck_len (be, sizeof be - 1, "x.txt", NULL, NULL);

  g_assert_cmpstr (block_plain (card_at (little, 0), 0), ==, "é");
  g_assert_cmpstr (block_plain (card_at (big, 0), 0), ==, "é");
}

/* --- Ids ------------------------------------------------------------------------ */

static char *
ids_of (RhDeck *deck)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < rh_deck_get_n_cards (deck); i++)
    g_string_append_printf (ids, "%s ", rh_card_get_id (card_at (deck, i)));
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* The same question has the same id wherever it is in the file, so that
 * an updated file keeps the progress of every card it kept. */
static void
test_ids_stable (void)
{
  g_autoptr(RhDeck) first = convert_deck ("Why tests?,a\nWhy reviews?,b\nWhy CI?,c\n", "d.csv", NULL);
  g_autoptr(RhDeck) again = convert_deck ("Why tests?,a\nWhy reviews?,b\nWhy CI?,c\n", "d.csv", NULL);
  g_autoptr(RhDeck) updated = convert_deck ("Why CI?,\"c, now longer\"\nA new one?,n\nWhy tests?,changed answer\n"
                                            "Why code reviews?,b\n", "d.csv", NULL);
  g_autofree char *a = ids_of (first);
  g_autofree char *b = ids_of (again);

  g_assert_cmpstr (a, ==, "d/why-tests d/why-reviews d/why-ci ");
  g_assert_cmpstr (a, ==, b);
  g_assert_nonnull (rh_deck_lookup_card (updated, "d/why-tests"));
  g_assert_nonnull (rh_deck_lookup_card (updated, "d/why-ci"));
  g_assert_null (rh_deck_lookup_card (updated, "d/why-reviews"));
}

/* Slugs: accents dropped, cut at a word, and a hash where the words give
 * none or another card has them. */
static void
test_ids_slugs (void)
{
  const char *csv = "\"Où est la gare, s'il vous plaît?\",a\n"
                    "What happens when a very long question goes on and on past the limit?,b\n"
                    "Что это?,c\n"
                    "What is it?,d\n"
                    "What is it!,e\n";
  g_autoptr(RhDeck) deck = convert_deck_len (csv, strlen (csv), "x.csv", "Русский", NULL);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "What is it!", -1);
  g_autofree char *suffixed = g_strdup_printf ("what-is-it-%.10s", hash);
  g_autofree char *hash_q = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "What is it?", -1);
  g_autofree char *suffixed_q = g_strdup_printf ("what-is-it-%.10s", hash_q);
  const char *deck_id = rh_deck_get_id (deck);
  gsize skip = strlen (deck_id) + 1;

  g_assert_true (g_str_has_prefix (deck_id, "deck-"));
  g_assert_cmpuint (strlen (deck_id), ==, strlen ("deck-") + 8);
  g_assert_cmpstr (rh_card_get_id (card_at (deck, 0)) + skip, ==, "ou-est-la-gare-s-il-vous-plait");
  /* Cut short: the question's hash after it, always. */
  g_assert_true (g_str_has_prefix (rh_card_get_id (card_at (deck, 1)) + skip,
                                   "what-happens-when-a-very-long-question-goes-on-"));
  g_assert_cmpuint (strlen (rh_card_get_id (card_at (deck, 1)) + skip), ==,
                    strlen ("what-happens-when-a-very-long-question-goes-on-") + 10);
  g_assert_true (g_str_has_prefix (rh_card_get_id (card_at (deck, 2)) + skip, "card-"));
  /* Two questions with one slug: both get their hash, whichever comes first. */
  g_assert_cmpstr (rh_card_get_id (card_at (deck, 3)) + skip, ==, suffixed_q);
  g_assert_cmpstr (rh_card_get_id (card_at (deck, 4)) + skip, ==, suffixed);
}

/* A row added above another with the same start keeps each card's id:
 * progress stays with its question (a first-come id moved it). */
static void
test_ids_order (void)
{
  const char *production = "How do I roll back a deployment of the payments service in production?";
  const char *staging = "How do I roll back a deployment of the payments service in staging?";
  g_autofree char *before = g_strdup_printf ("\"%s\",a\n", production);
  g_autofree char *after = g_strdup_printf ("\"%s\",b\n\"%s\",a\n", staging, production);
  g_autoptr(RhDeck) one = convert_deck_len (before, strlen (before), "faq.csv", "FAQ", NULL);
  g_autoptr(RhDeck) two = convert_deck_len (after, strlen (after), "faq.csv", "FAQ", NULL);
  const char *id_one = rh_card_get_id (card_at (one, 0));

  g_assert_cmpstr (rh_card_get_question (card_at (two, 1)), ==, production);
  g_assert_cmpstr (rh_card_get_id (card_at (two, 1)), ==, id_one);
  g_assert_cmpstr (rh_card_get_id (card_at (two, 0)), !=, id_one);
}

static void
test_title_for_path (void)
{
  struct { const char *path, *title; } cases[] = {
    { "platform_onboarding.csv", "platform onboarding" },
    { "/home/ana/Team Deck.txt", "Team Deck" },
    { "notes", "notes" },
    { "archive.tar.tsv", "archive.tar" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *title = rh_deck_import_title_for_path (cases[i].path);

      g_assert_cmpstr (title, ==, cases[i].title);
    }
}

/* --- Anki ------------------------------------------------------------------------ */

#define ANKI_HEADER \
  "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:7\n"

/* Anki's own export: its columns (guid, note type, deck, tags) are no
 * fields; ids from guids; topics from deck names, less what all share. */
static void
test_anki_export (void)
{
  const char *text =
    ANKI_HEADER
    "g1\tBasic\tLanguages::Spanish::Verbs\t<b>hablar</b>\t<div>to speak</div><div>regular <i>-ar</i><br>verb</div>\t\tverbs leech\n"
    "g2\tBasic (optional reversed)\tLanguages::Spanish::Nouns\tla casa&nbsp;[sound:casa.mp3]\t"
    "<ul><li>the house</li><li>feminine</li></ul><img src=\"casa.png\">\ty\t\n"
    "g3\tBasic\tLanguages::Spanish::Nouns\t<img src=\"x.png\">\tonly an image in front\t\t\n";
  g_autofree char *notice = NULL;
  g_autoptr(RhDeck) deck = convert_deck (text, "Spanish.txt", &notice);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "g1", -1);
  g_autofree char *id = g_strdup_printf ("spanish/note-%.10s", hash);
  RhCard *card = card_at (deck, 0);
  RhText *text2;
  RhSpanStyle style;

  g_assert_cmpuint (rh_deck_get_n_cards (deck), ==, 2);
  g_assert_cmpstr (rh_card_get_id (card), ==, id);
  g_assert_cmpstr (rh_card_get_question (card), ==, "hablar");
  g_assert_cmpstr (topic_title (deck, card), ==, "Verbs");
  g_assert_cmpstr (block_plain (card, 0), ==, "to speak");
  text2 = rh_answer_block_get_text (rh_card_get_block (card, 1));
  g_assert_cmpstr (rh_text_get_plain (text2), ==, "regular -ar\nverb");
  g_assert_cmpstr (rh_text_get_span (text2, 1, &style), ==, "-ar");
  g_assert_cmpint (style, ==, RH_SPAN_EMPHASIS);

  card = card_at (deck, 1);
  g_assert_cmpstr (rh_card_get_question (card), ==, "la casa");
  g_assert_cmpstr (topic_title (deck, card), ==, "Nouns");
  g_assert_cmpuint (rh_card_get_n_blocks (card), ==, 1);
  g_assert_cmpint (rh_answer_block_get_kind (rh_card_get_block (card, 0)), ==, RH_BLOCK_BULLET_LIST);
  g_assert_cmpuint (rh_answer_block_get_n_items (rh_card_get_block (card, 0)), ==, 2);

  g_assert_nonnull (notice);
  g_assert_nonnull (strstr (notice, "first two fields"));
  g_assert_nonnull (strstr (notice, "1 note was left out: its question or answer has no text, only images or "
                                    "sounds (line 9)."));
}

/* HTML as the deck's markup: paragraphs, line breaks, lists, code, pre,
 * bold and italics as emphasis; scripts and styles gone with their
 * content, images gone, other tags gone to their text, entities read. */
static void
test_anki_html (void)
{
  const char *text =
    "#separator:Tab\n#html:true\n"
    "Q<script>document.write('<b>x</b>')</script>?\t"
    /* Quoted, as Anki quotes a field with a line break (and doubles its quotes). */
    "\"<style>p { color: red }</style><!-- note -->"
    "<p>Use <code>len(x)</code>, <strong>not</strong> <span class=\"\"c\"\">a <a href=#>loop</a></span>.</p>"
    "<pre>  for x in xs:\n      print(x)</pre>"
    "<ol><li>one<ul><li>nested</li></ul></li><li><p>two</p><p>lines</p></li></ol>"
    "<table><tr><td>a</td><td>b</td></tr></table>"
    "x &lt; y &amp;&amp; &#x41;&#66;&eacute; &bogus; <SCRIPT>evil()</SCRIPT><br><br><br><br>end<img src=x>\"\n";
  g_autoptr(RhDeck) deck = convert_deck (text, "x.txt", NULL);
  RhCard *card = card_at (deck, 0);
  RhAnswerBlock *block;
  RhText *para;
  RhSpanStyle style;

  g_assert_cmpstr (rh_card_get_question (card), ==, "Q?");
  g_assert_cmpuint (rh_card_get_n_blocks (card), ==, 5);
  para = rh_answer_block_get_text (rh_card_get_block (card, 0));
  g_assert_cmpstr (rh_text_get_plain (para), ==, "Use len(x), not a loop.");
  g_assert_cmpstr (rh_text_get_span (para, 1, &style), ==, "len(x)");
  g_assert_cmpint (style, ==, RH_SPAN_CODE);
  g_assert_cmpstr (rh_text_get_span (para, 3, &style), ==, "not");
  g_assert_cmpint (style, ==, RH_SPAN_EMPHASIS);

  block = rh_card_get_block (card, 1);
  g_assert_cmpint (rh_answer_block_get_kind (block), ==, RH_BLOCK_CODE);
  g_assert_cmpstr (rh_answer_block_get_language (block), ==, "text");
  g_assert_cmpstr (rh_answer_block_get_code (block), ==, "for x in xs:\n    print(x)");

  block = rh_card_get_block (card, 2);
  g_assert_cmpint (rh_answer_block_get_kind (block), ==, RH_BLOCK_NUMBERED_LIST);
  g_assert_cmpuint (rh_answer_block_get_n_items (block), ==, 3);
  g_assert_cmpstr (rh_text_get_plain (rh_answer_block_get_item (block, 1)), ==, "nested");
  g_assert_cmpstr (rh_text_get_plain (rh_answer_block_get_item (block, 2)), ==, "two\nlines");

  g_assert_cmpstr (block_plain (card, 3), ==, "a b");
  /* Four line breaks in a row are two: one empty line. */
  g_assert_cmpstr (block_plain (card, 4), ==, "x < y && ABé &bogus;\n\nend");
}

/* "#html:false": text as it is, markup and all. */
static void
test_anki_text (void)
{
  g_autoptr(RhDeck) deck = convert_deck ("#separator:comma\n#html:false\nWhat is <b>?,\"A tag,\nnot bold\"\n",
                                         "x.txt", NULL);

  g_assert_cmpstr (rh_card_get_question (card_at (deck, 0)), ==, "What is <b>?");
  g_assert_cmpstr (block_plain (card_at (deck, 0), 0), ==, "A tag,\nnot bold");
}

/* Without a deck column: the header's #deck:, else the first tag that is
 * not Anki's own, else one topic. */
static void
test_anki_topics (void)
{
  g_autoptr(RhDeck) tagged = convert_deck ("#separator:tab\n#tags column:3\n"
                                           "q1\ta1\tleech python::async\n"
                                           "q2\ta2\tmarked python::typing extra\n"
                                           "q3\ta3\t\n",
                                           "x.txt", NULL);
  g_autoptr(RhDeck) decked = convert_deck ("#separator:tab\n#deck:Python\n#tags column:3\nq1\ta1\tasync\n",
                                           "x.txt", NULL);

  /* "python", which both share, is left out. */
  g_assert_cmpstr (topic_title (tagged, card_at (tagged, 0)), ==, "async");
  g_assert_cmpstr (topic_title (tagged, card_at (tagged, 1)), ==, "typing");
  g_assert_cmpstr (topic_title (tagged, card_at (tagged, 2)), ==, "General");
  g_assert_cmpstr (topic_title (decked, card_at (decked, 0)), ==, "Python");
}

/* A path is kept whole where the topics share nothing. */
static void
test_anki_topic_paths (void)
{
  g_autoptr(RhDeck) deck = convert_deck ("#separator:tab\n#deck column:1\n"
                                         "Lang::Spanish::Verbs\tq1\ta1\n"
                                         "Lang::Spanish::Nouns\tq2\ta2\n"
                                         "Maths\tq3\ta3\n",
                                         "x.txt", NULL);

  g_assert_cmpstr (topic_title (deck, card_at (deck, 0)), ==, "Lang › Spanish › Verbs");
  g_assert_cmpstr (topic_title (deck, card_at (deck, 2)), ==, "Maths");
  g_assert_cmpstr (rh_card_get_topic_id (card_at (deck, 0)), ==, "x/lang-spanish-verbs");
}

/* "#columns:" names which field is which. */
static void
test_anki_column_names (void)
{
  g_autoptr(RhDeck) deck = convert_deck ("#separator:semicolon\n#columns:Back;Front;Extra\n"
                                         "the answer;the question?;more\n",
                                         "x.txt", NULL);

  g_assert_cmpstr (rh_card_get_question (card_at (deck, 0)), ==, "the question?");
  g_assert_cmpstr (block_plain (card_at (deck, 0), 0), ==, "the answer");
}

static void
test_anki_errors (void)
{
  assert_refused ("#separator:Colon-ish\nq\ta\n", "x.txt", RH_DECK_IMPORT_ERROR_SYNTAX, 1,
                  "Anki’s header line “#separator:Colon-ish” has a value Rehearse does not understand");
  assert_refused ("#separator:tab\n#html:maybe\nq\ta\n", "x.txt", RH_DECK_IMPORT_ERROR_SYNTAX, 2, "#html:maybe");
  assert_refused ("#separator:tab\n#deck column:0\nq\ta\n", "x.txt", RH_DECK_IMPORT_ERROR_SYNTAX, 2, NULL);
  assert_refused ("#separator:tab\n#deck column:9\n\nq\ta\td\n", "x.txt", RH_DECK_IMPORT_ERROR_SYNTAX, 4,
                  "“#deck column:9” names a column this line does not have (it has 3)");
  assert_refused ("#separator:tab\n#deck column:1\nd\tonly a question\n", "x.txt", RH_DECK_IMPORT_ERROR_SYNTAX, 3,
                  "a note needs two fields");
  assert_refused ("#separator:tab\nq1\ta1\tt\nq2\ta2\n", "x.txt", RH_DECK_IMPORT_ERROR_SYNTAX, 3,
                  "2 fields where the first record has 3");
  assert_refused ("#separator:tab\n#guid column:1\nsame\tq1\ta1\nsame\tq2\ta2\n", "x.txt",
                  RH_DECK_IMPORT_ERROR_DUPLICATE, 4, "the same Anki note as line 3");
  assert_refused ("#separator:tab\n<img src=a>\t[sound:b.mp3]\n", "x.txt", RH_DECK_IMPORT_ERROR_EMPTY, 0,
                  "no cards");
}

/* --- XML, and limits --------------------------------------------------------------- */

/* A deck is a deck already: given back as it is, for the parser to judge. */
static void
test_xml_as_is (void)
{
  const char *xml = "<?xml version=\"1.0\"?><deck/>";
  g_autoptr(GBytes) bytes = g_bytes_new_static (xml, strlen (xml));
  g_autoptr(GError) error = NULL;
  RhDeckFormat kind = RH_DECK_FORMAT_CSV;
  g_autoptr(GBytes) out = rh_deck_import_convert (bytes, "deck.csv", NULL, &kind, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (kind, ==, RH_DECK_FORMAT_XML);
  g_assert_true (g_bytes_equal (bytes, out));
}

static void
test_error_too_large (void)
{
  g_autoptr(GString) text = g_string_new ("q,\"");
  g_autoptr(GBytes) huge = g_bytes_new_take (g_malloc0 (RH_DECK_MAX_BYTES + 1), RH_DECK_MAX_BYTES + 1);
  g_autoptr(GError) error = NULL;

  g_assert_null (rh_deck_import_convert (huge, "x.csv", NULL, NULL, NULL, &error));
  g_assert_error (error, RH_DECK_IMPORT_ERROR, RH_DECK_IMPORT_ERROR_TOO_LARGE);

  /* 7 MiB of '&', each "&amp;" in the deck: over the limit only there. */
  for (guint i = 0; i < 7 * 1024 * 1024; i++)
    g_string_append_c (text, '&');
  g_string_append (text, "\"\n");
  assert_refused_len (text->str, text->len, "x.csv", RH_DECK_IMPORT_ERROR_TOO_LARGE, 1, "larger than 32 MB");
}

/* --- Adding ------------------------------------------------------------------------- */

static char *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *)a, *(char * const *)b);
}

/* The names in @dir, sorted, joined by spaces. */
static char *
listing (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **)names->pdata);
}

static void
assert_add_refused (const char *source,
                    const char *title,
                    const char *decks,
                    int         code,
                    const char *fragment)
{
  g_autofree char *before = listing (decks);
  g_autofree char *after = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (rh_deck_import_add (source, title, decks, &path, NULL, &error));
  g_assert_error (error, RH_DECK_IMPORT_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, source));
  g_assert_nonnull (strstr (error->message, fragment));
  g_assert_null (path);
  /* Nothing written, not even half. */
  after = listing (decks);
  g_assert_cmpstr (after, ==, before);
}

/* Added as "<id>.xml" in the deck folder, whole; a second deck with the
 * same id, from any file, is refused naming both files. */
static void
test_add (void)
{
  g_autofree char *dir = rh_test_make_dir ("add");
  g_autofree char *decks = g_build_filename (dir, "decks", NULL);
  g_autofree char *csv = write_file (dir, "Team Deck.csv", "What is X?,x\nWhat is Y?,y\n");
  g_autofree char *other = write_file (dir, "team_deck.tsv", "Another?\tanswer\n");
  g_autofree char *path = NULL;
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(RhDeck) deck = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (rh_deck_import_add (csv, NULL, decks, &path, NULL, &error));
  g_assert_no_error (error);
  expected = g_build_filename (decks, "team-deck.xml", NULL);
  g_assert_cmpstr (path, ==, expected);
  names = listing (decks);
  g_assert_cmpstr (names, ==, "team-deck.xml");
  file = g_file_new_for_path (path);
  deck = rh_deck_parser_load_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rh_deck_get_title (deck), ==, "Team Deck");
  g_assert_cmpuint (rh_deck_get_n_cards (deck), ==, 2);

  assert_add_refused (csv, NULL, decks, RH_DECK_IMPORT_ERROR_EXISTS, expected);
  /* Another file, the same title: the same id. */
  assert_add_refused (other, NULL, decks, RH_DECK_IMPORT_ERROR_EXISTS, "has the same id, “team-deck”");
  g_clear_pointer (&path, g_free);
  g_assert_true (rh_deck_import_add (other, "Team Deck 2", decks, &path, NULL, &error));
  g_assert_true (g_str_has_suffix (path, "/team-deck-2.xml"));
}

/* An XML deck is checked and copied byte for byte; the built-in deck's id
 * is taken, and so is a file's name, whatever the file holds. */
static void
test_add_xml (void)
{
  g_autofree char *dir = rh_test_make_dir ("add-xml");
  g_autofree char *decks = g_build_filename (dir, "decks", NULL);
  const char *xml = "<?xml version=\"1.0\"?>\n<deck xmlns=\"https://rehearse.github.io/ns/deck/1\" id=\"mine\" "
                    "version=\"4\" format=\"2\"><title>Mine</title><topic id=\"t\"><title>T</title></topic>"
                    "<card id=\"mine/q\" topic=\"t\"><question>Q</question><answer><p>A</p></answer></card></deck>\n";
  g_autofree char *source = write_file (dir, "mine-source.xml", xml);
  g_autoptr(GBytes) builtin = g_resources_lookup_data (BUILTIN, 0, NULL);
  g_autofree char *copy = write_file (dir, "copy.xml", g_bytes_get_data (builtin, NULL));
  g_autofree char *python = write_file (dir, "py.csv", "q,a\n");
  g_autofree char *clash = write_file (dir, "clash.csv", "q,a\n");
  g_autofree char *path = NULL;
  g_autofree char *written = NULL;
  g_autofree char *blocker = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rh_deck_import_add (source, "ignored", decks, &path, NULL, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &written, NULL, &error);
  g_assert_cmpstr (written, ==, xml);

  assert_add_refused (copy, NULL, decks, RH_DECK_IMPORT_ERROR_EXISTS, "is the built-in deck’s");
  assert_add_refused (python, "Python Interview", decks, RH_DECK_IMPORT_ERROR_EXISTS, "“python-interview”");
  /* A file that is no deck, with the name the deck would have. */
  blocker = write_file (decks, "clash.xml", "not a deck");
  assert_add_refused (clash, NULL, decks, RH_DECK_IMPORT_ERROR_EXISTS, "a file of that name is there");
  g_clear_pointer (&written, g_free);
  g_file_get_contents (blocker, &written, NULL, &error);
  g_assert_cmpstr (written, ==, "not a deck");
}

/* A refused import writes nothing: not even the deck folder. */
static void
test_add_refused (void)
{
  g_autofree char *dir = rh_test_make_dir ("add-refused");
  g_autofree char *decks = g_build_filename (dir, "decks", NULL);
  g_autofree char *bad = write_file (dir, "bad.csv", "q1,a1\nq2\n");
  g_autofree char *bad_xml = write_file (dir, "bad.xml", "<deck>");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (rh_deck_import_add (bad, NULL, decks, &path, NULL, &error));
  g_assert_error (error, RH_DECK_IMPORT_ERROR, RH_DECK_IMPORT_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, bad));
  g_clear_error (&error);
  g_assert_false (rh_deck_import_add (bad_xml, NULL, decks, &path, NULL, &error));
  g_assert_error (error, RH_DECK_ERROR, RH_DECK_ERROR_MALFORMED);
  g_assert_false (g_file_test (decks, G_FILE_TEST_EXISTS));
}

/* A folder that cannot be written: said, and no temporary file left. */
static void
test_add_unwritable (void)
{
  g_autofree char *dir = rh_test_make_dir ("add-unwritable");
  g_autofree char *decks = g_build_filename (dir, "decks", NULL);
  g_autofree char *csv = write_file (dir, "ok.csv", "q,a\n");
  g_autofree char *path = NULL;
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root writes into any folder");
      return;
    }
  g_assert_cmpint (g_mkdir (decks, 0500), ==, 0);
  g_assert_false (rh_deck_import_add (csv, NULL, decks, &path, NULL, &error));
  g_assert_error (error, RH_DECK_IMPORT_ERROR, RH_DECK_IMPORT_ERROR_WRITE);
  g_assert_true (g_str_has_prefix (error->message, decks));
  g_chmod (decks, 0700);
  names = listing (decks);
  g_assert_cmpstr (names, ==, "");
}

/* What --check-deck reports: errors name the file as it was given. */
static void
test_load (void)
{
  g_autofree char *dir = rh_test_make_dir ("load");
  g_autofree char *cwd = g_get_current_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RhDeck) deck = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *csv = write_file (dir, "cards.csv", "q1,a1\nq2,a2,x\n");

  g_assert_cmpint (g_chdir (dir), ==, 0);
  deck = rh_deck_import_load ("cards.csv", NULL, NULL, &notice, &error);
  g_assert_null (deck);
  g_assert_error (error, RH_DECK_IMPORT_ERROR, RH_DECK_IMPORT_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "cards.csv:2: "));
  g_clear_error (&error);
  deck = rh_deck_import_load ("missing.csv", NULL, NULL, &notice, &error);
  g_assert_error (error, RH_DECK_ERROR, RH_DECK_ERROR_READ);
  g_assert_true (g_str_has_prefix (error->message, "missing.csv: "));
  g_assert_cmpint (g_chdir (cwd), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  rh_test_init_env ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/csv/plain", test_csv_plain);
  g_test_add_func ("/import/csv/header", test_csv_header);
  g_test_add_func ("/import/csv/quoted", test_csv_quoted);
  g_test_add_func ("/import/csv/separators", test_separators);
  g_test_add_func ("/import/csv/error/columns", test_error_columns);
  g_test_add_func ("/import/csv/error/quotes", test_error_quotes);
  g_test_add_func ("/import/csv/error/empty", test_error_empty);
  g_test_add_func ("/import/csv/error/duplicate", test_error_duplicate);
  g_test_add_func ("/import/encoding/bom", test_encoding_bom);
  g_test_add_func ("/import/encoding/windows-1252", test_encoding_windows_1252);
  g_test_add_func ("/import/encoding/utf-16", test_encoding_utf16);
  g_test_add_func ("/import/encoding/refused", test_encoding_refused);
  g_test_add_func ("/import/ids/stable", test_ids_stable);
  g_test_add_func ("/import/ids/slugs", test_ids_slugs);
  g_test_add_func ("/import/ids/order", test_ids_order);
  g_test_add_func ("/import/title-for-path", test_title_for_path);
  g_test_add_func ("/import/anki/export", test_anki_export);
  g_test_add_func ("/import/anki/html", test_anki_html);
  g_test_add_func ("/import/anki/text", test_anki_text);
  g_test_add_func ("/import/anki/topics", test_anki_topics);
  g_test_add_func ("/import/anki/topic-paths", test_anki_topic_paths);
  g_test_add_func ("/import/anki/column-names", test_anki_column_names);
  g_test_add_func ("/import/anki/errors", test_anki_errors);
  g_test_add_func ("/import/xml", test_xml_as_is);
  g_test_add_func ("/import/error/too-large", test_error_too_large);
  g_test_add_func ("/import/add", test_add);
  g_test_add_func ("/import/add/xml", test_add_xml);
  g_test_add_func ("/import/add/refused", test_add_refused);
  g_test_add_func ("/import/add/unwritable", test_add_unwritable);
  g_test_add_func ("/import/load", test_load);

  return g_test_run ();
}
