/* bench-interview.c: mock interviews at scale: choosing, keeping, reporting
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-interview DIR      (DIR from gen-history: deck.xml, rehearse.db)
 *
 * Targets on 100,000 cards and 1,000,000 reviews: choosing the questions
 * under 50 ms (what Start waits for, like the study queue), keeping an
 * interview p99 under 10 ms (one transaction, like a grade).  Then 500
 * interviews are kept, and the list of past ones, a report and the
 * statistics' pass over them are timed (not targets).  The store is a
 * copy: the collection stays as generated.
 */
#include "config.h"

#include "bench-utils.h"
#include "rh-interview-report.h"
#include "rh-mock-interview.h"

#define N_INTERVIEWS 500

/* An interview of the questions @options chooses now, every question
 * answered in two minutes with half its key areas covered. */
static void
make_record (RhCollection                 *collection,
             const RhMockInterviewOptions *options,
             RhInterviewRecord            *record)
{
  g_autoptr(GPtrArray) cards = rh_mock_interview_choose (collection, options, NULL);

  rh_interview_record_init (record);
  record->started_at = rh_collection_now (collection);
  record->finished_at = record->started_at + 600;
  record->seconds_per_question = (int)options->seconds_per_question;
  for (guint i = 0; cards != NULL && i < cards->len; i++)
    {
      RhCard *card = g_ptr_array_index (cards, i);
      RhInterviewAnswer *answer = rh_interview_record_add_answer (record);

      answer->card_id = g_strdup (rh_card_get_id (card));
      answer->topic_id = g_strdup (rh_card_get_topic_id (card));
      answer->title = g_strdup (rh_card_get_title (card));
      answer->question = g_strdup (rh_card_get_question (card));
      answer->time_used_ms = 120000;
      answer->rating = RH_RATING_GOOD;
      for (guint a = 0; a < rh_mock_interview_rubric_size (card); a++)
        {
          g_autoptr(RhText) text = rh_mock_interview_rubric_area (card, a);

          rh_interview_answer_add_area (answer, rh_text_get_plain (text), a % 2 == 0);
        }
    }
}

static void
count_part (const RhInterviewPart *part,
            gpointer               user_data)
{
  (*(guint *)user_data)++;
}

static void
keep_interviews (RhCollection           *collection,
                 RhMockInterviewOptions *options)
{
  g_autoptr(GArray) t_keep = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < N_INTERVIEWS; i++)
    {
      RhInterviewRecord record;
      double t0, dt;

      options->seed = i;
      make_record (collection, options, &record);
      t0 = bench_now ();
      if (!rh_collection_save_interview (collection, &record, &error))
        g_error ("%s", error->message);
      dt = bench_now () - t0;
      g_array_append_val (t_keep, dt);
      rh_interview_record_clear (&record);
    }
  g_print ("%-34s p50 %8.3f ms  p99 %8.3f ms  (%u interviews of %u questions, target p99 < 10 ms: %s)\n",
           "keep an interview", bench_quantile (t_keep, 0.5) * 1e3, bench_quantile (t_keep, 0.99) * 1e3,
           t_keep->len, options->n_questions, bench_quantile (t_keep, 0.99) < 0.010 ? "met" : "MISSED");
}

/* The list, the latest report, the statistics' pass, over the interviews kept. */
static void
read_interviews (RhCollection *collection)
{
  g_autoptr(GArray) t_list = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_report = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_parts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) list = rh_collection_list_interviews (collection, NULL);
  gint64 latest = g_array_index (list, RhInterviewSummary, list->len - 1).id;
  RhStore *store = _rh_collection_get_store (collection);
  guint n_parts = 0, n_questions = 0, n_missed = 0;

  BENCH_RUN (t_list, 21, g_array_unref (rh_collection_list_interviews (collection, NULL)));
  BENCH_RUN (t_report, 21, {
    RhInterviewRecord record;
    RhInterviewReport report;

    rh_interview_record_init (&record);
    rh_collection_load_interview (collection, latest, &record, NULL);
    rh_interview_report_init (&report, collection, &record);
    n_questions = rh_interview_record_get_n_answers (&record);
    n_missed = report.total - report.covered;
    g_array_unref (rh_interview_report_to_blocks (&report, &record, rh_collection_get_clock (collection)));
    rh_interview_report_clear (&report);
    rh_interview_record_clear (&record);
  });
  BENCH_RUN (t_parts, 21, rh_store_read_interview_parts (store, count_part, &n_parts, NULL));
  g_print ("%-34s median %8.3f ms  (%u interviews; not a target)\n", "list the past interviews",
           bench_median (t_list) * 1e3, list->len);
  g_print ("%-34s median %8.3f ms  (%u questions, %u areas missed, each counted over all; not a target)\n",
           "open a past interview's report", bench_median (t_report) * 1e3, n_questions, n_missed);
  g_print ("%-34s median %8.3f ms  (%u topic parts a run; not a target)\n", "the chart's pass over them",
           bench_median (t_parts) * 1e3, n_parts / 21);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db_path = NULL;
  g_autoptr(RhDeck) deck = NULL;
  g_autoptr(RhCollection) collection = NULL;
  g_autoptr(GArray) t_all = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_topic = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(RhTopic) first_topic = NULL;
  const char *one[2] = { NULL, NULL };
  RhMockInterviewOptions options;
  guint32 seed = 0;

  if (argc != 2)
    {
      g_printerr ("usage: bench-interview DIR   (made by gen-history)\n");
      return 2;
    }
  deck = bench_load_collection_deck (argv[1]);
  db_path = bench_copy_store (argv[1]);
  collection = bench_collection_new (deck, db_path);
  first_topic = g_list_model_get_item (rh_deck_get_topics (deck), 0);
  one[0] = rh_topic_get_id (first_topic);

  rh_mock_interview_options_init (&options);
  options.n_questions = RH_MOCK_INTERVIEW_MAX_QUESTIONS;
  BENCH_RUN (t_all, 21, {
    options.seed = seed++;
    g_ptr_array_unref (rh_mock_interview_choose (collection, &options, NULL));
  });
  bench_report ("choose 10 questions, all topics", t_all, 50);
  options.topics = one;
  BENCH_RUN (t_topic, 21, {
    options.seed = seed++;
    g_ptr_array_unref (rh_mock_interview_choose (collection, &options, NULL));
  });
  bench_report ("choose 10 questions, one topic", t_topic, 50);

  options.topics = NULL;
  options.n_questions = RH_MOCK_INTERVIEW_DEFAULT_QUESTIONS;
  keep_interviews (collection, &options);
  read_interviews (collection);
  /* Start with interviews kept: the last one is read, its questions left out. */
  options.n_questions = RH_MOCK_INTERVIEW_MAX_QUESTIONS;
  g_array_set_size (t_all, 0);
  BENCH_RUN (t_all, 21, {
    options.seed = seed++;
    g_ptr_array_unref (rh_mock_interview_choose (collection, &options, NULL));
  });
  bench_report ("choose 10, 500 interviews kept", t_all, 50);
  return 0;
}
