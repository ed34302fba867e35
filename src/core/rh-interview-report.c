/* rh-interview-report.c: what a mock interview says: scores, weak spots, the way on
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figures come from the interview's record alone, so a past interview
 * reads as it did the day it was held; only the count of how often a key
 * area was missed reaches into every interview kept.  The document form
 * (blocks of headings, paragraphs and items) is written once, here, and
 * printed both as Markdown (below) and as PDF (rh-interview-pdf.c).
 */
#define G_LOG_DOMAIN "rehearse-interview-report"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rh-interview-report.h"

G_DEFINE_QUARK (rh-interview-report-error-quark, rh_interview_report_error)

static void
topic_clear (RhReportTopic *topic)
{
  g_clear_pointer (&topic->topic_id, g_free);
  g_clear_pointer (&topic->title, g_free);
}

static void
miss_clear (RhReportMiss *miss)
{
  g_clear_pointer (&miss->text, g_free);
  g_clear_pointer (&miss->card_title, g_free);
}

static void
block_clear (RhReportBlock *block)
{
  g_clear_pointer (&block->text, g_free);
}

/* --- Figures ---------------------------------------------------------------- */

/* The report's entry of @answer's topic, named as the deck names it now,
 * or, for a deck no longer in use, as it was named when asked. */
static RhReportTopic *
topic_entry (GArray                  *topics,
             RhCollection            *collection,
             const RhInterviewAnswer *answer)
{
  RhDeck *deck = rh_collection_get_deck (collection);
  RhTopic *topic = deck != NULL ? rh_deck_lookup_topic (deck, answer->topic_id) : NULL;
  const char *title = topic != NULL ? rh_topic_get_title (topic)
                      : answer->topic_title != NULL ? answer->topic_title : answer->topic_id;
  RhReportTopic fresh = { 0 };

  for (guint i = 0; i < topics->len; i++)
    if (g_str_equal (g_array_index (topics, RhReportTopic, i).topic_id, answer->topic_id))
      return &g_array_index (topics, RhReportTopic, i);
  fresh.topic_id = g_strdup (answer->topic_id);
  fresh.title = g_strdup (title);
  g_array_append_val (topics, fresh);
  return &g_array_index (topics, RhReportTopic, topics->len - 1);
}

/* How the report names @topic_id, as its topics list does. */
const char *
rh_interview_report_topic_title (const RhInterviewReport *report,
                                 const char              *topic_id)
{
  g_return_val_if_fail (report != NULL && topic_id != NULL, NULL);

  for (guint i = 0; i < report->topics->len; i++)
    if (g_str_equal (g_array_index (report->topics, RhReportTopic, i).topic_id, topic_id))
      return g_array_index (report->topics, RhReportTopic, i).title;
  return topic_id;
}

static int
compare_topics (gconstpointer a,
                gconstpointer b)
{
  const RhReportTopic *x = a, *y = b;
  double sx = rh_interview_score (x->covered, x->total), sy = rh_interview_score (y->covered, y->total);

  if (sx != sy)
    return sx < sy ? -1 : 1;
  /* More missed is weaker at the same share. */
  return (int)(y->total - y->covered) - (int)(x->total - x->covered);
}

static int
compare_misses (gconstpointer a,
                gconstpointer b)
{
  const RhReportMiss *x = a, *y = b;

  if (x->missed != y->missed)
    return x->missed > y->missed ? -1 : 1;
  return (int)x->asked - (int)y->asked;
}

/* The key areas missed this time, by how often each was missed in every
 * interview kept: a gap that comes back is the one to work on. */
static void
add_misses (RhInterviewReport       *report,
            RhCollection            *collection,
            const RhInterviewAnswer *answer)
{
  for (guint a = 0; a < answer->areas->len; a++)
    {
      const RhInterviewArea *area = &g_array_index (answer->areas, RhInterviewArea, a);
      RhReportMiss miss = { g_strdup (area->text), g_strdup (answer->title), 1, 1 };
      g_autoptr(GError) error = NULL;

      if (area->covered)
        {
          miss_clear (&miss);
          continue;
        }
      /* Not yet kept (or not readable): this interview's miss alone. */
      if (!rh_collection_count_area_misses (collection, answer->card_id, area->text, &miss.missed, &miss.asked,
                                            &error) || miss.asked == 0)
        miss.missed = miss.asked = 1;
      g_array_append_val (report->missed, miss);
    }
}

static void
recommend (RhInterviewReport *report)
{
  g_autoptr(GStrvBuilder) weakest = g_strv_builder_new ();
  g_autoptr(GString) names = g_string_new (NULL);
  const RhReportTopic *first;
  g_autofree char *share = NULL;
  guint n = 0;

  if (report->topics->len == 0)
    return;
  for (guint i = 0; i < report->topics->len && n < RH_INTERVIEW_REPORT_MAX_WEAKEST; i++)
    {
      const RhReportTopic *topic = &g_array_index (report->topics, RhReportTopic, i);

      if (rh_interview_score (topic->covered, topic->total) >= RH_INTERVIEW_REPORT_WEAK)
        break;
      g_strv_builder_add (weakest, topic->topic_id);
      /* Translators: topic names in a list: “Concurrency”, “Databases” */
      g_string_append_printf (names, n == 0 ? _("“%s”") : _(", “%s”"), topic->title);
      n++;
    }
  first = &g_array_index (report->topics, RhReportTopic, 0);
  /* Translators: a percentage; %.0f is the number. */
  share = g_strdup_printf (_("%.0f%%"), 100 * rh_interview_score (first->covered, first->total));
  if (n == 0)
    {
      g_strv_builder_add (weakest, first->topic_id);
      /* Translators: the topic, then the share of its key areas covered */
      report->recommendation = g_strdup_printf (_("A strong interview: you covered at least four in five key areas of "
                                                  "every topic. Keep up your reviews; the least complete was “%s” "
                                                  "(%s)."), first->title, share);
    }
  else
    /* Translators: the topics, then the share of the weakest one's key areas covered */
    report->recommendation = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "Study %s next: its answer covered %s of its key areas. "
                                                           "Go over the model answer, then review the topic.",
                                                           "Study %s next: the weakest covered only %s of its key "
                                                           "areas. Go over the model answers, then review these "
                                                           "topics.", n), names->str, share);
  report->weakest = g_strv_builder_end (weakest);
}

/* Computes the report of @record: the score, each topic's share (weakest
 * first), the key areas missed most and the topics to study next. */
void
rh_interview_report_init (RhInterviewReport       *report,
                          RhCollection            *collection,
                          const RhInterviewRecord *record)
{
  g_return_if_fail (report != NULL && RH_IS_COLLECTION (collection) && record != NULL);

  *report = (RhInterviewReport) { 0 };
  report->topics = g_array_new (FALSE, TRUE, sizeof (RhReportTopic));
  g_array_set_clear_func (report->topics, (GDestroyNotify)topic_clear);
  report->missed = g_array_new (FALSE, TRUE, sizeof (RhReportMiss));
  g_array_set_clear_func (report->missed, (GDestroyNotify)miss_clear);
  rh_interview_record_count_areas (record, &report->covered, &report->total);
  for (guint i = 0; i < rh_interview_record_get_n_answers (record); i++)
    {
      const RhInterviewAnswer *answer = rh_interview_record_get_answer (record, i);
      RhReportTopic *topic = topic_entry (report->topics, collection, answer);
      guint covered, total;

      rh_interview_answer_count_areas (answer, &covered, &total);
      topic->n_questions++;
      topic->covered += covered;
      topic->total += total;
      report->time_used_ms += answer->time_used_ms;
      report->time_budget_ms += (gint64)record->seconds_per_question * 1000;
      add_misses (report, collection, answer);
    }
  g_array_sort (report->topics, compare_topics);
  g_array_sort (report->missed, compare_misses);
  if (report->missed->len > RH_INTERVIEW_REPORT_MAX_MISSED)
    g_array_set_size (report->missed, RH_INTERVIEW_REPORT_MAX_MISSED);
  recommend (report);
  if (report->weakest == NULL)
    report->weakest = g_new0 (char *, 1);
}

void
rh_interview_report_clear (RhInterviewReport *report)
{
  g_return_if_fail (report != NULL);

  g_clear_pointer (&report->topics, g_array_unref);
  g_clear_pointer (&report->missed, g_array_unref);
  g_clear_pointer (&report->weakest, g_strfreev);
  g_clear_pointer (&report->recommendation, g_free);
}

/* --- Words ------------------------------------------------------------------ */

/* "3:07": minutes and seconds, as a countdown shows them. */
char *
rh_interview_format_clock (gint64 ms)
{
  gint64 s = MAX (ms, 0) / 1000;

  return g_strdup_printf ("%d:%02d", (int)(s / 60), (int)(s % 60));
}

/* "Monday 2 March 2026, 12:00", in the clock's time zone. */
char *
rh_interview_format_started (RhClock *clock,
                             gint64   when)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, rh_clock_get_timezone (clock));

  /* Translators: a date and time as strftime() writes it; see "man strftime" */
  return g_date_time_format (local, _("%A %-d %B %Y, %H:%M"));
}

const char *
rh_interview_format_follow_up (RhFollowUpRating rating)
{
  switch (rating)
    {
    case RH_FOLLOW_UP_MISSED: return _("could not answer it");
    case RH_FOLLOW_UP_PARTLY: return _("answered it in part");
    case RH_FOLLOW_UP_ANSWERED: return _("answered it well");
    case RH_FOLLOW_UP_NONE:
    default: return _("not rated");
    }
}

/* --- The document ----------------------------------------------------------- */

static void
add_block (GArray            *blocks,
           RhReportBlockKind  kind,
           char              *text)
{
  RhReportBlock block = { kind, text };

  g_array_append_val (blocks, block);
}

/* The areas of @answer that were covered (or not), joined with "; ". */
static char *
join_areas (const RhInterviewAnswer *answer,
            gboolean                 covered)
{
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint a = 0; a < answer->areas->len; a++)
    {
      const RhInterviewArea *area = &g_array_index (answer->areas, RhInterviewArea, a);

      if (area->covered == covered)
        g_string_append_printf (joined, "%s%s", joined->len > 0 ? "; " : "", area->text);
    }
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

static void
add_answer (GArray                  *blocks,
            const RhInterviewRecord *record,
            guint                    index)
{
  const RhInterviewAnswer *answer = rh_interview_record_get_answer (record, index);
  g_autofree char *used = rh_interview_format_clock (answer->time_used_ms);
  g_autofree char *budget = rh_interview_format_clock ((gint64)record->seconds_per_question * 1000);
  g_autofree char *covered = join_areas (answer, TRUE);
  g_autofree char *missed = join_areas (answer, FALSE);
  guint n_covered, n_total;

  rh_interview_answer_count_areas (answer, &n_covered, &n_total);
  add_block (blocks, RH_REPORT_SUBHEADING, g_strdup_printf ("%u. %s", index + 1, answer->title));
  add_block (blocks, RH_REPORT_QUOTE, g_strdup (answer->question));
  add_block (blocks, RH_REPORT_ITEM, answer->timed_out ? g_strdup_printf (_("Time: %s of %s, the time ran out"), used, budget)
                                                      : g_strdup_printf (_("Time: %s of %s"), used, budget));
  add_block (blocks, RH_REPORT_ITEM, g_strdup_printf (answer->counted ? _("Grade: %s, a review")
                                                                      : _("Grade: %s, practice (schedule unchanged)"),
                                                      rh_rating_name (answer->rating)));
  add_block (blocks, RH_REPORT_ITEM, g_strdup_printf (_("Covered (%u of %u): %s"), n_covered, n_total,
                                                      n_covered > 0 ? covered : _("none")));
  if (n_covered < n_total)
    add_block (blocks, RH_REPORT_ITEM, g_strdup_printf (_("Missed: %s"), missed));
  if (answer->follow_up != NULL)
    /* Translators: the follow-up question, then how it went: "answered it in part" */
    add_block (blocks, RH_REPORT_ITEM, g_strdup_printf (_("Follow-up: “%s”: %s"), answer->follow_up,
                                                        rh_interview_format_follow_up (answer->follow_up_rating)));
  if (answer->notes != NULL && answer->notes[0] != '\0')
    add_block (blocks, RH_REPORT_ITEM, g_strdup_printf (_("Notes: %s"), answer->notes));
}

static void
add_summary (GArray                  *blocks,
             const RhInterviewReport *report,
             const RhInterviewRecord *record,
             RhClock                 *clock)
{
  g_autofree char *when = rh_interview_format_started (clock, record->started_at);
  g_autofree char *used = rh_interview_format_clock (report->time_used_ms);
  g_autofree char *budget = rh_interview_format_clock (report->time_budget_ms);
  guint n = rh_interview_record_get_n_answers (record);

  /* Translators: the title of a report, with its date */
  add_block (blocks, RH_REPORT_TITLE, g_strdup_printf (_("Mock Interview, %s"), when));
  add_block (blocks, RH_REPORT_PARAGRAPH,
             /* Translators: "Score 62%: 13 of 21 key areas covered in 3 questions, 9:12 of 12:00 used." */
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Score %.0f%%: %u of %u key areas covered in %u question, %s of %s used.",
                                           "Score %.0f%%: %u of %u key areas covered in %u questions, %s of %s used.",
                                           n),
                              100 * rh_interview_score (report->covered, report->total),
                              report->covered, report->total, n, used, budget));
  if (report->recommendation != NULL)
    add_block (blocks, RH_REPORT_PARAGRAPH, g_strdup (report->recommendation));
}

static void
add_topics_and_misses (GArray                  *blocks,
                       const RhInterviewReport *report)
{
  add_block (blocks, RH_REPORT_HEADING, g_strdup (_("Topics")));
  for (guint i = 0; i < report->topics->len; i++)
    {
      const RhReportTopic *t = &g_array_index (report->topics, RhReportTopic, i);

      /* Translators: "Concurrency: 2 of 5 key areas (40%), 1 question" */
      add_block (blocks, RH_REPORT_ITEM,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u of %u key areas (%.0f%%), %u question",
                                               "%s: %u of %u key areas (%.0f%%), %u questions", t->n_questions),
                                  t->title, t->covered, t->total, 100 * rh_interview_score (t->covered, t->total),
                                  t->n_questions));
    }
  if (report->missed->len == 0)
    return;
  add_block (blocks, RH_REPORT_HEADING, g_strdup (_("Key Areas Missed Most")));
  for (guint i = 0; i < report->missed->len; i++)
    {
      const RhReportMiss *m = &g_array_index (report->missed, RhReportMiss, i);

      /* Translators: a key area, the question's title, then "missed 2 of 3 times asked" */
      add_block (blocks, RH_REPORT_ITEM,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%s): missed %u of %u time asked",
                                               "%s (%s): missed %u of %u times asked", m->asked),
                                  m->text, m->card_title, m->missed, m->asked));
    }
}

/* The report as a document: a GArray of RhReportBlock. */
GArray *
rh_interview_report_to_blocks (const RhInterviewReport *report,
                               const RhInterviewRecord *record,
                               RhClock                 *clock)
{
  GArray *blocks = g_array_new (FALSE, TRUE, sizeof (RhReportBlock));

  g_return_val_if_fail (report != NULL && record != NULL && RH_IS_CLOCK (clock), blocks);

  g_array_set_clear_func (blocks, (GDestroyNotify)block_clear);
  add_summary (blocks, report, record, clock);
  add_block (blocks, RH_REPORT_HEADING, g_strdup (_("Questions")));
  for (guint i = 0; i < rh_interview_record_get_n_answers (record); i++)
    add_answer (blocks, record, i);
  add_topics_and_misses (blocks, report);
  return blocks;
}

/* --- Markdown ---------------------------------------------------------------- */

/* Deck text is plain: what Markdown would read as markup is escaped
 * ("__slots__" is not bold). */
static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (strchr ("\\`*_[]<>#|", *p) != NULL)
        g_string_append_c (out, '\\');
      if (*p == '\n')
        g_string_append (out, "  \n");
      else
        g_string_append_c (out, *p);
    }
}

char *
rh_interview_report_to_markdown (const GArray *blocks)
{
  static const char * const prefixes[] = {
    [RH_REPORT_TITLE] = "# ", [RH_REPORT_HEADING] = "## ", [RH_REPORT_SUBHEADING] = "### ",
    [RH_REPORT_PARAGRAPH] = "", [RH_REPORT_QUOTE] = "> ", [RH_REPORT_ITEM] = "- ",
  };
  GString *out;

  g_return_val_if_fail (blocks != NULL, NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < blocks->len; i++)
    {
      const RhReportBlock *block = &g_array_index (blocks, RhReportBlock, i);
      const RhReportBlock *next = i + 1 < blocks->len ? &g_array_index (blocks, RhReportBlock, i + 1) : NULL;

      g_string_append (out, prefixes[block->kind]);
      append_escaped (out, block->text);
      g_string_append_c (out, '\n');
      /* Items of one list stay together; everything else is a paragraph. */
      if (next == NULL || block->kind != RH_REPORT_ITEM || next->kind != RH_REPORT_ITEM)
        g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* Writes the report as Markdown to @path, whole or not at all (a
 * temporary file renamed into place). */
gboolean
rh_interview_report_save_markdown (const GArray  *blocks,
                                   const char    *path,
                                   GError       **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (blocks != NULL && path != NULL, FALSE);

  text = rh_interview_report_to_markdown (blocks);
  if (g_file_set_contents (path, text, -1, &local_error))
    return TRUE;
  g_set_error (error, RH_INTERVIEW_REPORT_ERROR, RH_INTERVIEW_REPORT_ERROR_WRITE,
               _("The report could not be saved as “%s”: %s. Choose another folder or free some space."),
               path, local_error->message);
  return FALSE;
}
