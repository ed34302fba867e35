/* rh-deck-import.c: decks from other people's cards (CSV, TSV, Anki's plain text)
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A file is read whole (at most RH_DECK_MAX_BYTES), its kind told from
 * its first bytes (XML, Anki's #header lines, or separated values), its
 * encoding from its bytes (UTF-8 with or without a byte order mark,
 * UTF-16 with one; anything else that Windows-1252 can read is read so,
 * with a notice), and its records turned into cards of deck format 2.
 * The deck is then loaded by the deck parser like any other: what is
 * added has passed the same checks as a deck written by hand.
 *
 * Card ids are made from what a card is, never from where it is in the
 * file: the note's guid when Anki exported one, else the question.  The
 * same file gives the same ids, and an updated one keeps the progress of
 * every card whose question (or Anki note) it kept.
 */
#define G_LOG_DOMAIN "rehearse-deck-import"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rh-csv.h"
#include "rh-deck-import.h"
#include "rh-deck-markup.h"
#include "rh-deck-parser.h"
#include "rh-deck-private.h"
#include "rh-files.h"

#define BUILTIN_DECK RESOURCE_PATH "/decks/python-interview.xml"
#define MAX_SLUG 48
#define SNIFF_RECORDS 20

G_DEFINE_QUARK (rh-deck-import-error-quark, rh_deck_import_error)

/* --- What is wrong, and what the user should know --------------------------- */

typedef struct {
  const char *name;
  GError *error;      /* the first problem, then the others a line each */
  guint n_problems;
  GString *notices;
} Report;

static void
report_problem (Report            *report,
                RhDeckImportError  code,
                guint              line,
                const char        *format,
                ...) G_GNUC_PRINTF (4, 5);

static void
report_problem (Report            *report,
                RhDeckImportError  code,
                guint              line,
                const char        *format,
                ...)
{
  g_autofree char *message = NULL;
  g_autofree char *located = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  located = line > 0 ? g_strdup_printf ("%s:%u: %s", report->name, line, message)
                     : g_strdup_printf ("%s: %s", report->name, message);
  _rh_deck_add_problem (&report->error, RH_DECK_IMPORT_ERROR, code, &report->n_problems, report->name, located);
}

static void
report_notice (Report     *report,
               const char *notice)
{
  if (report->notices->len > 0)
    g_string_append_c (report->notices, '\n');
  g_string_append (report->notices, notice);
}

static guint
line_at (const char *text,
         const char *at)
{
  guint line = 1;

  for (const char *p = text; p < at; p++)
    line += *p == '\n';
  return line;
}

/* --- Bytes to text ---------------------------------------------------------- */

/* Whether @data has letters outside ASCII written as UTF-8. */
static gboolean
has_utf8_letters (const char *data,
                  gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if ((guchar)data[i] >= 0xC2 && (gint32)g_utf8_get_char_validated (data + i, (gssize)(len - i)) >= 0x80)
      return TRUE;
  return FALSE;
}

/* Excel saves "CSV" in the Windows code page of the system, Windows-1252
 * in western Europe and the Americas: refusing it would send most
 * spreadsheet users back to find the one save option that writes UTF-8.
 * Read so, with a notice naming the encoding; a byte Windows-1252 does
 * not define is refused. */
static char *
decode_windows_1252 (const char  *data,
                     gsize        len,
                     Report      *report)
{
  const char *bad;
  char *text;
  g_autofree char *notice = NULL;

  g_utf8_validate_len (data, len, &bad);
  /* UTF-8 with a stray byte: read as Windows-1252, all of its other
   * letters would be garbled (and the ids made from them). */
  if (has_utf8_letters (data, len))
    {
      report_problem (report, RH_DECK_IMPORT_ERROR_ENCODING, line_at (data, bad),
                      _("a byte that is not UTF-8, in a file that otherwise is: save the file as UTF-8 (or "
                        "correct that line) and try again"));
      return NULL;
    }
  text = g_convert (data, len, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
  if (text == NULL)
    {
      report_problem (report, RH_DECK_IMPORT_ERROR_ENCODING, line_at (data, bad),
                      _("the file is not UTF-8 text, nor Windows-1252; save it as UTF-8 (in a spreadsheet: "
                        "“CSV UTF-8”) and try again"));
      return NULL;
    }
  notice = g_strdup_printf (_("The file is not UTF-8 (line %u is the first that is not), so it was read as "
                              "Windows-1252: check the letters outside English."), line_at (data, bad));
  report_notice (report, notice);
  return text;
}

/* Excel's "Unicode text" is UTF-16 with a byte order mark. */
static char *
decode_utf16 (const char *data,
              gsize       len,
              Report     *report)
{
  gboolean little = (guchar)data[0] == 0xFF;
  gsize written = 0;
  char *text = g_convert (data + 2, len - 2, "UTF-8", little ? "UTF-16LE" : "UTF-16BE", NULL, &written, NULL);

  if (text != NULL && memchr (text, '\0', written) == NULL)
    return text;
  g_free (text);
  report_problem (report, RH_DECK_IMPORT_ERROR_ENCODING, 0,
                  _("the file starts as UTF-16 text but is not; save it as UTF-8 and try again"));
  return NULL;
}

/* The file's text as UTF-8, without a byte order mark; NULL (with the
 * problem reported) when it is not text. */
static char *
decode (const char *data,
        gsize       len,
        Report     *report)
{
  const char *nul;

  if (len >= 2 && (((guchar)data[0] == 0xFF && (guchar)data[1] == 0xFE) ||
                   ((guchar)data[0] == 0xFE && (guchar)data[1] == 0xFF)))
    return decode_utf16 (data, len, report);
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }
  nul = memchr (data, '\0', len);
  if (nul != NULL)
    {
      report_problem (report, RH_DECK_IMPORT_ERROR_ENCODING, line_at (data, nul),
                      _("the file contains a NUL byte, which no text file has: it is not CSV, TSV or "
                        "Anki text (or it is UTF-16 without a byte order mark: save it as UTF-8)"));
      return NULL;
    }
  if (g_utf8_validate_len (data, len, NULL))
    return g_strndup (data, len);
  return decode_windows_1252 (data, len, report);
}

/* --- Ids ---------------------------------------------------------------------- */

/* "What is the GIL?" -> "what-is-the-gil": letters and digits (accents
 * dropped) in words joined by hyphens, cut at a word's end near @max;
 * empty when the text has no such letter (Cyrillic, only signs). */
static char *
slugify (const char *text,
         gsize       max)
{
  g_autofree char *head = g_utf8_substring (text, 0, g_utf8_strlen (text, (gssize)max * 4));
  g_autofree char *ascii = g_str_to_ascii (head, "C");
  GString *slug = g_string_new (NULL);
  const char *p;

  for (p = ascii; *p != '\0' && slug->len < max; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  /* Cut in a word: back to its start. */
  if (g_ascii_isalnum (*p) && strchr (slug->str, '-') != NULL)
    g_string_truncate (slug, strrchr (slug->str, '-') - slug->str);
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  return g_string_free (slug, FALSE);
}

/* A few hex digits of what @text is: stable, and unlike for other texts. */
static char *
short_hash (const char *text,
            gsize       digits)
{
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

  return g_strndup (sum, digits);
}

/* A slug of @text, or @fallback and a hash of @text when it makes none. */
static char *
slug_or_hash (const char *text,
              const char *fallback)
{
  g_autofree char *slug = slugify (text, MAX_SLUG);
  g_autofree char *hash = NULL;

  if (slug[0] != '\0')
    return g_steal_pointer (&slug);
  hash = short_hash (text, 8);
  return g_strconcat (fallback, "-", hash, NULL);
}

/* Whether @slug (of @text, by slug_or_hash()) leaves words of it out. */
static gboolean
is_cut (const char *text,
        const char *slug)
{
  g_autofree char *whole = slugify (text, strlen (text) + 1);

  return strlen (whole) > strlen (slug);
}

/* @base, or the first of @base-2, @base-3, ... that @taken lacks. */
static char *
unique_id (GHashTable *taken,
           const char *base)
{
  char *id = g_strdup (base);

  for (guint n = 2; g_hash_table_contains (taken, id); n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base, n);
    }
  return id;
}

/* --- Cards ------------------------------------------------------------------- */

typedef struct {
  guint line;
  char *id;         /* unique in the deck (after settle_ids()) */
  char *hash;       /* of its question or guid: what tells it from a card with the same slug */
  char *topic;      /* as the file names it; NULL: none */
  char *question;   /* deck markup */
  char *answer;
  char *areas;      /* <area>s, or NULL */
} Card;

static void
card_free (gpointer data)
{
  Card *card = data;

  g_free (card->id);
  g_free (card->hash);
  g_free (card->topic);
  g_free (card->question);
  g_free (card->answer);
  g_free (card->areas);
  g_free (card);
}

/* Where each column is, -1 for none; Anki's own columns are not fields. */
typedef struct {
  int question;
  int answer;
  int topic;
  int areas;
  int guid;
  int tags;
  int notetype;
  guint n;              /* how many each record has; 0 until the first */
  char *names;          /* Anki's #columns:, unparsed */
  char *fixed_topic;    /* Anki's #deck: */
} Columns;

typedef struct {
  Report report;
  RhMarkupSource markup;
  gboolean anki;
  char separator;
  Columns columns;
  GPtrArray *cards;
  GHashTable *ids;         /* a card's id before settle_ids() -> how many cards have it */
  GHashTable *sources;     /* guid or question -> its line */
  gsize size;              /* of the deck so far */
  GString *skipped;        /* lines of Anki notes with nothing to show */
  guint n_skipped;
} Import;

static void
import_init (Import     *im,
             const char *name)
{
  *im = (Import) {
    .report = { .name = name, .notices = g_string_new (NULL) },
    .columns = { .question = -1, .answer = -1, .topic = -1, .areas = -1, .guid = -1, .tags = -1, .notetype = -1 },
    .cards = g_ptr_array_new_with_free_func (card_free),
    .ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    .sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    .skipped = g_string_new (NULL),
  };
}

static void
import_clear (Import *im)
{
  g_clear_error (&im->report.error);
  g_string_free (im->report.notices, TRUE);
  g_ptr_array_unref (im->cards);
  g_hash_table_unref (im->ids);
  g_hash_table_unref (im->sources);
  g_string_free (im->skipped, TRUE);
  g_free (im->columns.names);
  g_free (im->columns.fixed_topic);
}

static const char *
field (GPtrArray *fields,
       int        column)
{
  return column >= 0 && (guint)column < fields->len ? g_ptr_array_index (fields, column) : NULL;
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if ((guchar)*text > ' ')
      return FALSE;
  return TRUE;
}

/* The card's id: from the Anki note's guid if there is one, else from its
 * question; NULL (reported) when another card came from the same. */
static char *
card_id (Import      *im,
         const char  *guid,
         const char  *question,
         guint        line,
         char       **hash_out)
{
  gboolean by_guid = !is_blank (guid);
  const char *source = by_guid ? guid : question;
  gpointer earlier = g_hash_table_lookup (im->sources, source);
  g_autofree char *base = NULL;
  g_autofree char *hash = NULL;

  if (earlier != NULL)
    {
      report_problem (&im->report, RH_DECK_IMPORT_ERROR_DUPLICATE, line,
                      by_guid ? _("the same Anki note as line %u (its guid); each note is one card")
                              : _("the same question as line %u; each card needs a question of its own "
                                  "(its id is made from it)"),
                      GPOINTER_TO_UINT (earlier));
      return NULL;
    }
  g_hash_table_insert (im->sources, g_strdup (source), GUINT_TO_POINTER (line));
  hash = short_hash (source, 10);
  base = by_guid ? g_strconcat ("note-", hash, NULL) : slug_or_hash (question, "card");
  /* A question longer than its slug: its hash always, so that a question
   * added later with the same start changes neither id. */
  if (!by_guid && is_cut (question, base))
    {
      char *longer = g_strconcat (base, "-", hash, NULL);

      g_free (base);
      base = longer;
    }
  *hash_out = g_steal_pointer (&hash);
  return g_steal_pointer (&base);
}

/* Questions that make the same slug (the same words with other signs or
 * letters out of ASCII) each get their own hash after it, all of them: so
 * a card's id does not depend on which of them comes first in the file. */
static void
settle_ids (Import *im)
{
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < im->cards->len; i++)
    {
      Card *card = g_ptr_array_index (im->cards, i);
      guint sharing = GPOINTER_TO_UINT (g_hash_table_lookup (im->ids, card->id));
      char *id = sharing > 1 ? g_strconcat (card->id, "-", card->hash, NULL) : g_strdup (card->id);

      g_free (card->id);
      card->id = unique_id (taken, id);
      g_free (id);
      g_hash_table_add (taken, g_strdup (card->id));
    }
}

/* Key areas: the column's parts between semicolons. */
static char *
write_areas (const char *text)
{
  g_auto(GStrv) parts = NULL;
  GString *areas;

  if (is_blank (text))
    return NULL;
  parts = g_strsplit (text, ";", -1);
  areas = g_string_new (NULL);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gsize before = areas->len;

      g_string_append (areas, "<area>");
      if (rh_deck_markup_append_plain (areas, parts[i]))
        g_string_append (areas, "</area>");
      else
        g_string_truncate (areas, before);
    }
  if (areas->len > 0)
    return g_string_free (areas, FALSE);
  g_string_free (areas, TRUE);
  return NULL;
}

/* Anki's tags column: the first tag that says what the card is about
 * (not Anki's own "leech" and "marked"). */
static char *
topic_from_tags (const char *tags)
{
  g_auto(GStrv) each = g_strsplit_set (tags != NULL ? tags : "", " \t\n", -1);

  for (guint i = 0; each[i] != NULL; i++)
    if (each[i][0] != '\0' && g_ascii_strcasecmp (each[i], "leech") != 0 && g_ascii_strcasecmp (each[i], "marked") != 0)
      return g_strdup (each[i]);
  return NULL;
}

static char *
card_topic (Import    *im,
            GPtrArray *fields)
{
  const char *topic = field (fields, im->columns.topic);

  if (!is_blank (topic))
    return g_strdup (topic);
  if (!is_blank (im->columns.fixed_topic))
    return g_strdup (im->columns.fixed_topic);
  return im->columns.tags >= 0 ? topic_from_tags (field (fields, im->columns.tags)) : NULL;
}

/* Anki's "[sound:file.mp3]": a sound Rehearse cannot play, and no text. */
static char *
without_sounds (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text;
  const char *sound;

  while ((sound = strstr (p, "[sound:")) != NULL)
    {
      const char *end = strchr (sound, ']');

      if (end == NULL)
        break;
      g_string_append_len (out, p, sound - p);
      p = end + 1;
    }
  g_string_append (out, p);
  return g_string_free (out, FALSE);
}

/* An Anki note with nothing to show (only an image, a sound): skipped, and
 * listed in a notice; a row of a file written for Rehearse is refused. */
static void
skip_or_refuse (Import     *im,
                guint       line,
                gboolean    question)
{
  if (!im->anki)
    {
      report_problem (&im->report, RH_DECK_IMPORT_ERROR_SYNTAX, line,
                      question ? _("the question is empty") : _("the answer is empty"));
      return;
    }
  if (++im->n_skipped <= 10)
    g_string_append_printf (im->skipped, im->skipped->len > 0 ? ", %u" : "%u", line);
}

/* The size of a deck is bounded: a file under the limit could still make
 * a deck over it, which the parser would refuse; said here, early. */
static gboolean
count_size (Import *im,
            Card   *card)
{
  im->size += strlen (card->question) + strlen (card->answer) + (card->areas != NULL ? strlen (card->areas) : 0)
              + strlen (card->id) + 128;
  if (im->size <= RH_DECK_MAX_BYTES)
    return TRUE;
  report_problem (&im->report, RH_DECK_IMPORT_ERROR_TOO_LARGE, card->line,
                  _("the deck would be larger than %u MB from here on; split the file into smaller decks"),
                  (guint)(RH_DECK_MAX_BYTES / (1024 * 1024)));
  return FALSE;
}

/* One record as a card; FALSE when reading should stop. */
static gboolean
add_record (Import    *im,
            GPtrArray *fields,
            guint      line)
{
  g_autoptr(GString) question = g_string_new (NULL);
  g_autoptr(GString) plain = g_string_new (NULL);
  g_autoptr(GString) answer = g_string_new (NULL);
  g_autofree char *front = NULL;
  g_autofree char *back = NULL;
  Card *card;

  front = im->anki ? without_sounds (field (fields, im->columns.question)) : g_strdup (field (fields, im->columns.question));
  back = im->anki ? without_sounds (field (fields, im->columns.answer)) : g_strdup (field (fields, im->columns.answer));
  if (!rh_deck_markup_append_question (question, plain, front, im->markup))
    {
      skip_or_refuse (im, line, TRUE);
      return TRUE;
    }
  if (!rh_deck_markup_append_answer (answer, back, im->markup))
    {
      skip_or_refuse (im, line, FALSE);
      return TRUE;
    }
  card = g_new0 (Card, 1);
  card->line = line;
  card->id = card_id (im, field (fields, im->columns.guid), plain->str, line, &card->hash);
  if (card->id == NULL)
    {
      card_free (card);
      return TRUE;
    }
  g_hash_table_insert (im->ids, g_strdup (card->id),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (im->ids, card->id)) + 1));
  card->topic = card_topic (im, fields);
  card->question = g_string_free (g_steal_pointer (&question), FALSE);
  card->answer = g_string_free (g_steal_pointer (&answer), FALSE);
  card->areas = write_areas (field (fields, im->columns.areas));
  g_ptr_array_add (im->cards, card);
  return count_size (im, card);
}

/* --- Columns ----------------------------------------------------------------- */

enum { ROLE_QUESTION, ROLE_ANSWER, ROLE_TOPIC, ROLE_AREAS, ROLE_TAGS, N_ROLES };

static const struct {
  const char *name;
  int role;
} column_names[] = {
  { "question", ROLE_QUESTION }, { "front", ROLE_QUESTION },
  { "answer", ROLE_ANSWER }, { "back", ROLE_ANSWER },
  { "topic", ROLE_TOPIC }, { "deck", ROLE_TOPIC }, { "category", ROLE_TOPIC }, { "section", ROLE_TOPIC },
  { "key areas", ROLE_AREAS }, { "keyareas", ROLE_AREAS }, { "areas", ROLE_AREAS },
  { "tags", ROLE_TAGS },
};

/* "Key_Areas" and "key-areas" are "key areas". */
static int
column_role (const char *name)
{
  g_autofree char *normal = g_ascii_strdown (name, -1);

  g_strdelimit (g_strstrip (normal), "_-", ' ');
  for (guint i = 0; i < G_N_ELEMENTS (column_names); i++)
    if (strcmp (normal, column_names[i].name) == 0)
      return column_names[i].role;
  return -1;
}

static int *
role_column (Columns *c,
             int      role)
{
  int *slots[N_ROLES] = { &c->question, &c->answer, &c->topic, &c->areas, &c->tags };

  return slots[role];
}

typedef enum {
  ROW_CARD,
  ROW_NAMES,
  ROW_REFUSED,
} RowKind;

/* A row naming the columns ("question,answer,topic") has the question and
 * the answer among them; in a file written for Rehearse (@strict) every
 * name must be one it knows, in Anki's #columns: the others are fields
 * Rehearse leaves out. */
static RowKind
column_names_row (Import    *im,
                  GPtrArray *names,
                  guint      line,
                  gboolean   strict)
{
  int found[N_ROLES] = { -1, -1, -1, -1, -1 };
  int unknown = -1;

  for (guint i = 0; i < names->len; i++)
    {
      int role = is_blank (g_ptr_array_index (names, i)) ? -1 : column_role (g_ptr_array_index (names, i));

      if (role < 0 && !is_blank (g_ptr_array_index (names, i)) && unknown < 0)
        unknown = (int)i;
      else if (role >= 0 && found[role] < 0)
        found[role] = (int)i;
    }
  if (found[ROLE_QUESTION] < 0 || found[ROLE_ANSWER] < 0)
    return ROW_CARD;
  if (strict && unknown >= 0)
    {
      report_problem (&im->report, RH_DECK_IMPORT_ERROR_SYNTAX, line,
                      _("“%s” is not a column Rehearse knows; the columns are question, answer, topic and "
                        "key areas (separated by “;”)"),
                      (const char *)g_ptr_array_index (names, unknown));
      return ROW_REFUSED;
    }
  for (int role = 0; role < N_ROLES; role++)
    if (found[role] >= 0 && *role_column (&im->columns, role) < 0)
      *role_column (&im->columns, role) = found[role];
  return ROW_NAMES;
}

/* Without a row of names: question, answer, then topic and key areas. */
static gboolean
positional_columns (Import *im,
                    guint   n,
                    guint   line)
{
  if (n < 2)
    report_problem (&im->report, RH_DECK_IMPORT_ERROR_SYNTAX, line,
                    _("only one column; a card is a question and an answer, separated by a comma, a "
                      "semicolon or a tab"));
  else if (n > 4)
    report_problem (&im->report, RH_DECK_IMPORT_ERROR_SYNTAX, line,
                    _("%u columns; a card has at most four: question, answer, topic and key areas (or a "
                      "first row naming the columns)"), n);
  if (n < 2 || n > 4)
    return FALSE;
  im->columns.question = 0;
  im->columns.answer = 1;
  im->columns.topic = n > 2 ? 2 : -1;
  im->columns.areas = n > 3 ? 3 : -1;
  return TRUE;
}

/* The first fields Anki's own columns leave, as question and answer;
 * the fields after them are left out, with a notice. */
static gboolean
anki_fields (Import *im,
             guint   line)
{
  Columns *c = &im->columns;
  guint n_fields = 0;

  for (guint i = 0; i < c->n; i++)
    {
      if ((int)i == c->guid || (int)i == c->notetype || (int)i == c->topic || (int)i == c->tags)
        continue;
      if (n_fields == 0 && c->question < 0)
        c->question = (int)i;
      else if (n_fields == 1 && c->answer < 0)
        c->answer = (int)i;
      n_fields++;
    }
  if (c->question < 0 || c->answer < 0)
    {
      report_problem (&im->report, RH_DECK_IMPORT_ERROR_SYNTAX, line,
                      _("a note needs two fields, its question and its answer; this one has %u"), n_fields);
      return FALSE;
    }
  if (n_fields > 2)
    report_notice (&im->report, _("Each card is made of a note’s first two fields, its question and its "
                                  "answer; the notes’ other fields were left out."));
  return TRUE;
}

/* Anki's header names its own columns by number: each must be there. */
static gboolean
anki_columns (Import    *im,
              GPtrArray *first,
              guint      line)
{
  Columns *c = &im->columns;
  int *own[] = { &c->guid, &c->notetype, &c->topic, &c->tags };
  const char *keys[] = { "#guid column", "#notetype column", "#deck column", "#tags column" };

  for (guint i = 0; i < G_N_ELEMENTS (own); i++)
    if (*own[i] >= (int)c->n)
      {
        report_problem (&im->report, RH_DECK_IMPORT_ERROR_SYNTAX, line,
                        _("Anki’s header line “%s:%d” names a column this line does not have (it has %u)"),
                        keys[i], *own[i] + 1, c->n);
        return FALSE;
      }
  if (c->names != NULL)
    {
      RhCsvReader reader;
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      guint names_line;

      rh_csv_reader_init (&reader, c->names, strlen (c->names), im->separator, 1);
      if (rh_csv_reader_next (&reader, names, &names_line) == RH_CSV_RECORD)
        column_names_row (im, names, names_line, FALSE);
    }
  return anki_fields (im, line);
}

/* The first record says how many columns there are, and may name them. */
static gboolean
first_record (Import    *im,
              GPtrArray *fields,
              guint      line,
              gboolean  *names)
{
  RowKind kind;

  im->columns.n = fields->len;
  *names = FALSE;
  if (im->anki)
    return anki_columns (im, fields, line);
  kind = column_names_row (im, fields, line, TRUE);
  *names = kind == ROW_NAMES;
  if (kind == ROW_CARD)
    return positional_columns (im, fields->len, line);
  return kind == ROW_NAMES;
}

/* --- Records ------------------------------------------------------------------- */

static gboolean
is_blank_record (GPtrArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    if (!is_blank (g_ptr_array_index (fields, i)))
      return FALSE;
  return TRUE;
}

static const char *
separator_name (char separator)
{
  return separator == '\t' ? _("a tab") : separator == ',' ? _("a comma") : separator == ';' ? _("a semicolon")
       : _("the separator");
}

static void
report_reading (Import      *im,
                RhCsvStatus  status,
                guint        line)
{
  if (status == RH_CSV_UNCLOSED_QUOTE)
    report_problem (&im->report, RH_DECK_IMPORT_ERROR_SYNTAX, line,
                    _("a quoted field starts here and never ends: its closing quote (\") is missing"));
  else if (status == RH_CSV_TEXT_AFTER_QUOTE)
    report_problem (&im->report, RH_DECK_IMPORT_ERROR_SYNTAX, line,
                    _("text after the closing quote of a field; a quote inside a quoted field is written "
                      "twice (\"\")"));
}

/* Every record a card: a record with another number of fields is refused
 * (and the others still read, to tell every one). */
static void
read_records (Import     *im,
              const char *text,
              gsize       len,
              guint       first_line)
{
  RhCsvReader reader;
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  RhCsvStatus status;
  guint line;

  rh_csv_reader_init (&reader, text, len, im->separator, first_line);
  while ((status = rh_csv_reader_next (&reader, fields, &line)) == RH_CSV_RECORD)
    {
      gboolean names = FALSE;

      if (is_blank_record (fields))
        continue;
      if (im->columns.n == 0 && !first_record (im, fields, line, &names))
        return;
      if (names)
        continue;
      if (fields->len != im->columns.n)
        report_problem (&im->report, RH_DECK_IMPORT_ERROR_SYNTAX, line,
                        _("%u fields where the first record has %u; a field with %s in it is written in "
                          "quotes (\")"), fields->len, im->columns.n, separator_name (im->separator));
      else if (!add_record (im, fields, line))
        return;
    }
  report_reading (im, status, line);
}

/* The separator that splits the first records into the same number of
 * fields, two or more; the candidates in order of preference. */
static char
sniff_separator (const char *text,
                 gsize       len,
                 guint       first_line,
                 const char *candidates)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  char fallback = 0;

  for (const char *c = candidates; *c != '\0'; c++)
    {
      RhCsvReader reader;
      RhCsvStatus status = RH_CSV_RECORD;
      guint line, n = 0, records = 0;
      gboolean consistent = TRUE;

      rh_csv_reader_init (&reader, text, len, *c, first_line);
      while (consistent && records < SNIFF_RECORDS &&
             (status = rh_csv_reader_next (&reader, fields, &line)) == RH_CSV_RECORD)
        {
          if (is_blank_record (fields))
            continue;
          n = records++ == 0 ? fields->len : n;
          if (fallback == 0 && n >= 2)
            fallback = *c;
          consistent = fields->len == n && n >= 2;
        }
      if (consistent && records > 0 && status != RH_CSV_UNCLOSED_QUOTE && status != RH_CSV_TEXT_AFTER_QUOTE)
        return *c;
    }
  return fallback != 0 ? fallback : candidates[0];
}

static gboolean
has_suffix (const char *name,
            const char *suffix)
{
  gsize len = strlen (name);
  gsize n = strlen (suffix);

  return len >= n && g_ascii_strcasecmp (name + len - n, suffix) == 0;
}

/* A spreadsheet's "CSV" is comma- or (where the comma is the decimal
 * point) semicolon-separated; other text, tab-separated first. */
static const char *
separators_for (const char *name)
{
  return has_suffix (name, ".csv") ? ",;\t" : "\t,;";
}

/* --- Anki's header ------------------------------------------------------------------ */

static const char * const anki_keys[] = {
  "separator", "html", "tags", "columns", "notetype", "deck", "notetype column", "deck column",
  "tags column", "guid column", "if matches",
};

/* "#separator:Tab": the key, trimmed and in lower case, and the value. */
static gboolean
split_header_line (const char  *line,
                   gsize        len,
                   char       **key,
                   char       **value)
{
  g_autofree char *copy = g_strndup (line, len);
  char *colon = strchr (copy, ':');

  if (copy[0] != '#' || colon == NULL)
    return FALSE;
  *colon = '\0';
  *key = g_ascii_strdown (g_strstrip (copy + 1), -1);
  *value = g_strdup (g_strstrip (colon + 1));
  return TRUE;
}

static gboolean
is_anki (const char *text)
{
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;

  if (!split_header_line (text, strcspn (text, "\r\n"), &key, &value))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (anki_keys); i++)
    if (strcmp (key, anki_keys[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
anki_separator (const char *value,
                char       *separator)
{
  const char *names[] = { "tab", "comma", "semicolon", "space", "pipe", "colon" };
  const char chars[] = { '\t', ',', ';', ' ', '|', ':' };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (value, names[i]) == 0 || (value[0] == chars[i] && value[1] == '\0'))
      {
        *separator = chars[i];
        return TRUE;
      }
  /* "#separator: " is a space, trimmed away. */
  if (value[0] == '\0')
    *separator = ' ';
  return value[0] == '\0';
}

/* "#deck column:3": Anki counts columns from 1. */
static gboolean
anki_column (const char *value,
             int        *column)
{
  guint64 n;

  if (!g_ascii_string_to_unsigned (value, 10, 1, 1000, &n, NULL))
    return FALSE;
  *column = (int)n - 1;
  return TRUE;
}

static gboolean
anki_header_value (Import     *im,
                   const char *key,
                   const char *value)
{
  Columns *c = &im->columns;
  const char *column_keys[] = { "guid column", "notetype column", "deck column", "tags column" };
  int *columns[] = { &c->guid, &c->notetype, &c->topic, &c->tags };

  for (guint i = 0; i < G_N_ELEMENTS (column_keys); i++)
    if (strcmp (key, column_keys[i]) == 0)
      return anki_column (value, columns[i]);
  if (strcmp (key, "separator") == 0)
    return anki_separator (value, &im->separator);
  if (strcmp (key, "html") == 0 && (g_ascii_strcasecmp (value, "true") == 0 || g_ascii_strcasecmp (value, "false") == 0))
    im->markup = g_ascii_strcasecmp (value, "true") == 0 ? RH_MARKUP_HTML : RH_MARKUP_TEXT;
  else if (strcmp (key, "html") == 0)
    return FALSE;
  else if (strcmp (key, "columns") == 0 || strcmp (key, "deck") == 0)
    {
      char **slot = strcmp (key, "columns") == 0 ? &c->names : &c->fixed_topic;

      g_free (*slot);
      *slot = g_strdup (value);
    }
  return TRUE;
}

/* Anki's "#key:value" lines at the top; where the records start, and
 * their first line in @line.  Keys Rehearse has no use for are passed
 * over, as Anki passes over those it does not know. */
static const char *
read_anki_header (Import     *im,
                  const char *text,
                  guint      *line)
{
  const char *p = text;

  for (*line = 1; *p == '#'; (*line)++)
    {
      gsize len = strcspn (p, "\r\n");
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

      if (split_header_line (p, len, &key, &value) && !anki_header_value (im, key, value))
        report_problem (&im->report, RH_DECK_IMPORT_ERROR_SYNTAX, *line,
                        _("Anki’s header line “#%s:%s” has a value Rehearse does not understand"), key, value);
      p += len;
      p += *p == '\r' && p[1] == '\n' ? 2 : *p != '\0';
    }
  return p;
}

/* --- The deck -------------------------------------------------------------------- */

typedef struct {
  char *id;
  char *title;
} Topic;

static void
topic_free (gpointer data)
{
  Topic *topic = data;

  g_free (topic->id);
  g_free (topic->title);
  g_free (topic);
}

/* Anki's deck names are paths ("Languages::Spanish::Verbs"): the parts
 * every card's topic shares are left out, so that the topics read "Verbs"
 * and "Nouns", never less than a name each. */
static guint
shared_parts (GPtrArray *cards)
{
  g_auto(GStrv) first = NULL;
  guint shared = G_MAXUINT;

  for (guint i = 0; i < cards->len; i++)
    {
      Card *card = g_ptr_array_index (cards, i);
      g_auto(GStrv) parts = card->topic != NULL ? g_strsplit (card->topic, "::", -1) : NULL;
      guint n = parts != NULL ? g_strv_length (parts) : 0;
      guint k = 0;

      if (n == 0)
        continue;
      if (first == NULL)
        first = g_strdupv (parts);
      while (k < n - 1 && first[k] != NULL && strcmp (g_strstrip (first[k]), g_strstrip (parts[k])) == 0)
        k++;
      shared = MIN (shared, k);
    }
  return shared == G_MAXUINT ? 0 : shared;
}

/* The topic's title, escaped for the deck; the default topic's when the
 * card names none. */
static char *
topic_title (const char *topic,
             guint       shared)
{
  g_auto(GStrv) parts = topic != NULL ? g_strsplit (topic, "::", -1) : NULL;
  g_autoptr(GString) title = g_string_new (NULL);
  g_autoptr(GString) escaped = g_string_new (NULL);

  for (guint i = shared; parts != NULL && parts[i] != NULL; i++)
    {
      if (title->len > 0)
        g_string_append (title, " › ");
      g_string_append (title, g_strstrip (parts[i]));
    }
  if (!rh_deck_markup_append_plain (escaped, title->str))
    {
      g_string_truncate (escaped, 0);
      rh_deck_markup_append_plain (escaped, _("General"));
    }
  return g_string_free (g_steal_pointer (&escaped), FALSE);
}

/* The deck's topics, in the order their first cards come; each card's
 * topic becomes its topic's id. */
static GPtrArray *
gather_topics (Import *im)
{
  GPtrArray *topics = g_ptr_array_new_with_free_func (topic_free);
  g_autoptr(GHashTable) by_title = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint shared = shared_parts (im->cards);

  for (guint i = 0; i < im->cards->len; i++)
    {
      Card *card = g_ptr_array_index (im->cards, i);
      g_autofree char *title = topic_title (card->topic, shared);
      Topic *topic = g_hash_table_lookup (by_title, title);

      if (topic == NULL)
        {
          g_autofree char *base = slug_or_hash (title, "topic");

          topic = g_new0 (Topic, 1);
          topic->id = unique_id (ids, base);
          topic->title = g_steal_pointer (&title);
          g_hash_table_add (ids, topic->id);
          g_hash_table_insert (by_title, topic->title, topic);
          g_ptr_array_add (topics, topic);
        }
      g_free (card->topic);
      card->topic = g_strdup (topic->id);
    }
  return topics;
}

static void
write_card (GString    *xml,
            const char *deck_id,
            Card       *card)
{
  g_string_append_printf (xml, "  <card id=\"%s/%s\" topic=\"%s\">\n    <question>%s</question>\n",
                          deck_id, card->id, card->topic, card->question);
  if (card->areas != NULL)
    g_string_append_printf (xml, "    <key-areas>%s</key-areas>\n", card->areas);
  g_string_append_printf (xml, "    <answer>%s</answer>\n  </card>\n", card->answer);
}

/* The deck, in format 2; NULL (reported) when it is over the limit. */
static GBytes *
write_deck (Import     *im,
            const char *title,
            const char *source)
{
  g_autoptr(GPtrArray) topics = gather_topics (im);
  g_autofree char *deck_id = slug_or_hash (title, "deck");
  g_autofree char *base = g_filename_display_basename (source);
  g_autofree char *description = g_strdup_printf (_("Imported from “%s”."), base);
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

  g_string_append_printf (xml, "<deck xmlns=\"%s\" id=\"%s\" version=\"1\" format=\"2\">\n  <title>",
                          RH_DECK_NAMESPACE, deck_id);
  rh_deck_markup_append_plain (xml, title);
  g_string_append (xml, "</title>\n  <description>");
  rh_deck_markup_append_plain (xml, description);
  g_string_append (xml, "</description>\n");
  for (guint i = 0; i < topics->len; i++)
    {
      Topic *topic = g_ptr_array_index (topics, i);

      g_string_append_printf (xml, "  <topic id=\"%s\"><title>%s</title></topic>\n", topic->id, topic->title);
    }
  settle_ids (im);
  for (guint i = 0; i < im->cards->len; i++)
    write_card (xml, deck_id, g_ptr_array_index (im->cards, i));
  g_string_append (xml, "</deck>\n");
  if (xml->len > RH_DECK_MAX_BYTES)
    {
      report_problem (&im->report, RH_DECK_IMPORT_ERROR_TOO_LARGE, 0,
                      _("the deck would be larger than %u MB; split the file into smaller decks"),
                      (guint)(RH_DECK_MAX_BYTES / (1024 * 1024)));
      return NULL;
    }
  return g_string_free_to_bytes (g_steal_pointer (&xml));
}

/* The title the user gave, else one from the file's name, else a word:
 * a deck has a title with something in it. */
static char *
deck_title (const char *title,
            const char *display_name)
{
  g_autofree char *from_name = rh_deck_import_title_for_path (display_name);
  const char *choices[] = { title, from_name };

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      g_autoptr(GString) check = g_string_new (NULL);

      if (choices[i] != NULL && rh_deck_markup_append_plain (check, choices[i]))
        return g_strstrip (g_strdup (choices[i]));
    }
  return g_strdup (_("Imported deck"));
}

char *
rh_deck_import_title_for_path (const char *path)
{
  char *base;
  char *dot;

  g_return_val_if_fail (path != NULL, NULL);

  base = g_filename_display_basename (path);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  g_strdelimit (base, "_", ' ');
  return g_strstrip (base);
}

/* --- Converting ------------------------------------------------------------------ */

static gboolean
looks_like_xml (const char *data,
                gsize       len,
                const char *name)
{
  const char *end = data + len;
  const char *starts[] = { "<?xml", "<deck", "<!--" };

  if (has_suffix (name, ".xml"))
    return TRUE;
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    data += 3;
  while (data < end && g_ascii_isspace (*data))
    data++;
  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    if ((gsize)(end - data) >= strlen (starts[i]) && memcmp (data, starts[i], strlen (starts[i])) == 0)
      return TRUE;
  return FALSE;
}

/* Reads the cards of @text, which is CSV, TSV or Anki's text. */
static RhDeckFormat
read_text (Import     *im,
           const char *text,
           const char *name)
{
  gsize len = strlen (text);
  const char *records = text;
  guint line = 1;

  im->anki = is_anki (text);
  im->markup = im->anki ? RH_MARKUP_HTML : RH_MARKUP_TEXT;
  if (im->anki)
    records = read_anki_header (im, text, &line);
  if (im->report.error != NULL)
    return RH_DECK_FORMAT_ANKI;
  if (im->separator == 0)
    im->separator = sniff_separator (records, len - (records - text), line, separators_for (name));
  read_records (im, records, len - (records - text), line);
  if (im->n_skipped > 0)
    {
      g_autofree char *notice = g_strdup_printf (ngettext ("%u note was left out: its question or answer has no "
                                                           "text, only images or sounds (line %s%s).",
                                                           "%u notes were left out: their question or answer "
                                                           "has no text, only images or sounds (lines %s%s).",
                                                           im->n_skipped),
                                                 im->n_skipped, im->skipped->str, im->n_skipped > 10 ? ", …" : "");

      report_notice (&im->report, notice);
    }
  return im->anki ? RH_DECK_FORMAT_ANKI : im->separator == '\t' ? RH_DECK_FORMAT_TSV : RH_DECK_FORMAT_CSV;
}

static GBytes *
convert_text (Import      *im,
              const char  *data,
              gsize        len,
              const char  *title,
              RhDeckFormat *kind)
{
  g_autofree char *text = decode (data, len, &im->report);
  g_autofree char *chosen = NULL;

  if (text == NULL)
    return NULL;
  *kind = read_text (im, text, im->report.name);
  if (im->report.error == NULL && im->cards->len == 0)
    report_problem (&im->report, RH_DECK_IMPORT_ERROR_EMPTY, 0,
                    _("there are no cards in the file: no row with a question and an answer"));
  if (im->report.error != NULL)
    return NULL;
  chosen = deck_title (title, im->report.name);
  return write_deck (im, chosen, im->report.name);
}

GBytes *
rh_deck_import_convert (GBytes        *source,
                        const char    *display_name,
                        const char    *title,
                        RhDeckFormat  *kind,
                        char         **notice,
                        GError       **error)
{
  Import im;
  const char *data;
  gsize len;
  RhDeckFormat found = RH_DECK_FORMAT_CSV;
  GBytes *xml;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (source, &len);
  if (len > RH_DECK_MAX_BYTES)
    {
      g_set_error (error, RH_DECK_IMPORT_ERROR, RH_DECK_IMPORT_ERROR_TOO_LARGE,
                   _("%s: the file is larger than %u MB; a deck may be at most that"), display_name,
                   (guint)(RH_DECK_MAX_BYTES / (1024 * 1024)));
      return NULL;
    }
  if (len == 0)
    {
      g_set_error (error, RH_DECK_IMPORT_ERROR, RH_DECK_IMPORT_ERROR_EMPTY, _("%s: the file is empty"), display_name);
      return NULL;
    }
  if (looks_like_xml (data, len, display_name))
    {
      if (kind != NULL)
        *kind = RH_DECK_FORMAT_XML;
      if (notice != NULL)
        *notice = NULL;
      return g_bytes_ref (source);
    }
  import_init (&im, display_name);
  xml = convert_text (&im, data, len, title, &found);
  if (kind != NULL)
    *kind = found;
  if (notice != NULL)
    *notice = im.report.notices->len > 0 ? g_strdup (im.report.notices->str) : NULL;
  if (xml == NULL)
    g_propagate_error (error, g_steal_pointer (&im.report.error));
  import_clear (&im);
  return xml;
}

RhDeck *
rh_deck_import_load (const char  *path,
                     const char  *title,
                     GBytes     **xml,
                     char       **notice,
                     GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) deck_xml = NULL;
  g_autoptr(GError) local_error = NULL;
  RhDeckFormat kind;
  RhDeck *deck;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (notice != NULL)
    *notice = NULL;
  file = g_file_new_for_path (path);
  name = g_filename_display_name (path);
  bytes = rh_deck_parser_read_file (file, name, error);
  if (bytes == NULL)
    return NULL;
  deck_xml = rh_deck_import_convert (bytes, name, title, &kind, notice, error);
  if (deck_xml == NULL)
    return NULL;
  deck = rh_deck_parser_load_bytes (deck_xml, name, &local_error);
  if (deck == NULL && kind != RH_DECK_FORMAT_XML)
    /* The converter writes only what the parser takes (its fuzzer checks
     * that): this would be its mistake, not the file's. */
    g_set_error (error, RH_DECK_IMPORT_ERROR, RH_DECK_IMPORT_ERROR_SYNTAX,
                 _("%s: Rehearse made a deck of this file that it cannot load, which is a mistake in "
                   "Rehearse; please report it with the file. %s"), name, local_error->message);
  else if (deck == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  if (deck != NULL && xml != NULL)
    *xml = g_steal_pointer (&deck_xml);
  return deck;
}

char *
rh_deck_import_user_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "rehearse", "decks", NULL);
}

/* --- Adding ------------------------------------------------------------------- */

/* The file in @dir whose deck has the id @id, or NULL. */
static char *
find_deck_id (const char *dir,
              const char *id)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *entry;

  while (listing != NULL && (entry = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, entry, NULL);
      g_autoptr(GFile) file = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *found = NULL;

      if (!has_suffix (entry, ".xml"))
        continue;
      file = g_file_new_for_path (path);
      bytes = rh_deck_parser_read_file (file, NULL, NULL);
      found = bytes != NULL ? rh_deck_parser_peek_id (bytes) : NULL;
      if (g_strcmp0 (found, id) == 0)
        return g_steal_pointer (&path);
    }
  return NULL;
}

/* Two decks with one id would share their cards' progress: the built-in
 * deck's id, and those of the decks in the user's and the system's deck
 * folders, are taken. */
static gboolean
check_id_free (const char  *id,
               const char  *source,
               const char  *decks_dir,
               GError     **error)
{
  g_autoptr(GBytes) builtin = g_resources_lookup_data (BUILTIN_DECK, 0, NULL);
  g_autofree char *builtin_id = builtin != NULL ? rh_deck_parser_peek_id (builtin) : NULL;
  g_autoptr(GPtrArray) dirs = g_ptr_array_new_with_free_func (g_free);
  const char * const *system = g_get_system_data_dirs ();

  if (g_strcmp0 (builtin_id, id) == 0)
    {
      g_set_error (error, RH_DECK_IMPORT_ERROR, RH_DECK_IMPORT_ERROR_EXISTS,
                   _("%s: its deck id “%s” is the built-in deck’s; give the deck another id (or title)"),
                   source, id);
      return FALSE;
    }
  g_ptr_array_add (dirs, g_strdup (decks_dir));
  for (guint i = 0; system[i] != NULL; i++)
    g_ptr_array_add (dirs, g_build_filename (system[i], "rehearse", "decks", NULL));
  for (guint i = 0; i < dirs->len; i++)
    {
      g_autofree char *taken = find_deck_id (g_ptr_array_index (dirs, i), id);
      g_autofree char *shown = taken != NULL ? g_filename_display_name (taken) : NULL;

      if (taken == NULL)
        continue;
      g_set_error (error, RH_DECK_IMPORT_ERROR, RH_DECK_IMPORT_ERROR_EXISTS,
                   _("%s: the deck in %s has the same id, “%s”; remove that deck first, or give this one "
                     "another id (or title)"), source, shown, id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_error (GError     **error,
             const char  *path,
             int          saved_errno)
{
  g_autofree char *shown = g_filename_display_name (path);

  g_set_error (error, RH_DECK_IMPORT_ERROR, RH_DECK_IMPORT_ERROR_WRITE,
               _("%s: the deck cannot be written there: %s. Nothing was added."), shown, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all (int     fd,
           GBytes *bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= (gsize)n;
    }
  return fsync (fd) == 0;
}

/* @bytes as the new file @path, whole or not at all: written and synced
 * under a temporary name (no ".xml": a folder monitor passes over it),
 * then renamed, never over a file that is there. */
static gboolean
write_new_file (const char  *source,
                const char  *dir,
                const char  *path,
                GBytes      *bytes,
                GError     **error)
{
  g_autofree char *partial = g_build_filename (dir, ".rehearse-deck-XXXXXX", NULL);
  int fd;
  int saved;

  if (g_mkdir_with_parents (dir, 0755) != 0)
    return write_error (error, dir, errno);
  fd = g_mkstemp_full (partial, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    return write_error (error, dir, errno);
  if (!write_all (fd, bytes) || close (fd) != 0 || rh_rename_no_replace (partial, path) != 0)
    {
      g_autofree char *shown = g_filename_display_name (path);

      saved = errno;
      g_unlink (partial);
      if (saved != EEXIST)
        return write_error (error, path, saved);
      g_set_error (error, RH_DECK_IMPORT_ERROR, RH_DECK_IMPORT_ERROR_EXISTS,
                   _("%s: its deck would be %s, but a file of that name is there; nothing was written. "
                     "Remove that file first, or give this deck another id (or title)"), source, shown);
      return FALSE;
    }
  fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
  return TRUE;
}

gboolean
rh_deck_import_add (const char  *source_path,
                    const char  *title,
                    const char  *decks_dir,
                    char       **out_path,
                    char       **notice,
                    GError     **error)
{
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(RhDeck) deck = NULL;
  g_autofree char *source = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (source_path != NULL, FALSE);
  g_return_val_if_fail (decks_dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  deck = rh_deck_import_load (source_path, title, &xml, notice, error);
  if (deck == NULL)
    return FALSE;
  source = g_filename_display_name (source_path);
  if (!check_id_free (rh_deck_get_id (deck), source, decks_dir, error))
    return FALSE;
  file_name = g_strconcat (rh_deck_get_id (deck), ".xml", NULL);
  path = g_build_filename (decks_dir, file_name, NULL);
  if (!write_new_file (source, decks_dir, path, xml, error))
    return FALSE;
  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);
  return TRUE;
}
