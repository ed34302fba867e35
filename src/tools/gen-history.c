/* gen-history.c: a large, realistic collection for the benchmarks
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   gen-history [--cards N] [--reviews N] [--topics N] [--seed S] [--now UNIX] DIR
 *   gen-history --builtin [--days N] [--seed S] DIR
 *
 * Writes into DIR:
 *   deck.xml      a deck of N cards in N topics (valid for the deck parser)
 *   rehearse.db   a store holding the simulated review history
 *   events.csv    the same reviews as fsrs-replay / fsrs-oracle input
 *
 * Each card starts on a random day within the past four years and is then
 * reviewed when due, up to yesterday, (sometimes a day or a week late), graded the way a
 * learner would be: it is recalled with the probability FSRS predicts,
 * then Hard, Good or Easy in 15/75/10 proportions.  Cards are simulated in
 * deck order until the review budget is spent; the rest stay new.
 *
 * With --builtin it writes only rehearse.db, for the built-in deck: a
 * learner who started N days ago (90) with ten new cards an evening and
 * skips one evening in seven; for screenshots and trying the statistics.
 */
#define G_LOG_DOMAIN "rehearse-gen-history"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <glib/gstdio.h>

#include "rh-deck-parser.h"
#include "rh-scheduler.h"
#include "rh-store.h"

#define DAY 86400

static guint n_cards = 100000;
static guint n_reviews = 1000000;
static guint n_topics = 15;
static guint64 seed = 20261123;
static gint64 now_unix = 0;
static gboolean builtin = FALSE;
static int days_back = 90;

static void
write_deck (const char *path)
{
  FILE *f = g_fopen (path, "w");

  if (f == NULL)
    g_error ("cannot write %s: %s", path, g_strerror (errno));
  fprintf (f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<deck xmlns=\"https://rehearse.github.io/ns/deck/1\" id=\"gen\" version=\"1\" xml:lang=\"en\">\n"
              "  <title>Generated collection</title>\n"
              "  <description>%u cards for the benchmarks.</description>\n", n_cards);
  for (guint t = 0; t < n_topics; t++)
    fprintf (f, "  <topic id=\"t%u\"><title>Topic %u</title><summary>Generated topic %u.</summary></topic>\n",
             t, t, t);
  for (guint c = 0; c < n_cards; c++)
    fprintf (f, "  <card id=\"gen/c%u\" topic=\"t%u\"><title>Card %u</title><question>Q%u?</question>"
                "<key-areas><area>a</area><area>b</area><area>c</area></key-areas>"
                "<answer><p>A%u.</p></answer></card>\n",
             c, c % n_topics, c, c, c);
  fprintf (f, "</deck>\n");
  if (fclose (f) != 0)
    g_error ("cannot write %s: %s", path, g_strerror (errno));
}

static void
write_iso (FILE   *f,
           gint64  t)
{
  time_t tt = (time_t)t;
  struct tm tm;
  char buf[32];

  gmtime_r (&tt, &tm);
  strftime (buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  fputs (buf, f);
}

/* A learner's grade: in the (re)learning steps Good with @p_good_in_steps,
 * else Again; in review, recalled with the probability FSRS predicts, and
 * then Hard, Good or Easy in 15/75/10 proportions. */
static int
simulate_rating (GRand             *rand,
                 const RhScheduler *scheduler,
                 const RhCardState *state,
                 gint64             t,
                 double             p_good_in_steps)
{
  double u;

  if (state->state != RH_CARD_REVIEW)
    return g_rand_double (rand) < p_good_in_steps ? RH_RATING_GOOD : RH_RATING_AGAIN;
  if (g_rand_double (rand) >= rh_scheduler_retrievability (scheduler, state, t))
    return RH_RATING_AGAIN;
  u = g_rand_double (rand);
  return u < 0.15 ? RH_RATING_HARD : u < 0.90 ? RH_RATING_GOOD : RH_RATING_EASY;
}

/* Grades the card at @t as the app would: the review joins @reviews and
 * @state moves on to the state after it. */
static void
add_review (GArray            *reviews,
            const RhScheduler *scheduler,
            const char        *card_id,
            RhCardState       *state,
            gint64             t,
            int                rating,
            int                duration_ms)
{
  RhReview review = { 0 };

  review.card_id = g_strdup (card_id);
  review.reviewed_at = t;
  review.rating = rating;
  review.duration_ms = duration_ms;
  review.before = *state;
  review.kind = rh_review_kind_for (state);
  rh_scheduler_next (scheduler, state, t, rating, rh_scheduler_fuzz_seed (card_id, state->reps), &review.after);
  *state = review.after;
  g_array_append_val (reviews, review);
}

/* Evenings of study: new cards in deck order, ten an evening, and every
 * card due that evening, on six evenings out of seven. */
static int
write_builtin_history (RhDeck     *deck,
                       const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStore) store = NULL;
  g_autoptr(RhScheduler) scheduler = NULL;
  g_autoptr(GArray) reviews = g_array_new (FALSE, TRUE, sizeof (RhReview));
  g_autoptr(GHashTable) states = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GRand *rand = g_rand_new_with_seed ((guint32)seed);
  RhSchedulerConfig config;
  GListModel *cards = rh_deck_get_cards (deck);
  guint introduced = 0;

  g_array_set_clear_func (reviews, (GDestroyNotify)rh_review_clear);
  rh_scheduler_config_init_default (&config);
  scheduler = rh_scheduler_new (&config);

  for (int day = days_back; day >= 1; day--)
    {
      gint64 evening = now_unix - (gint64)day * DAY + g_rand_int_range (rand, 0, 3600);
      gint64 t = evening;
      guint new_today = 0;

      if (g_rand_int_range (rand, 0, 7) == 0)
        continue;   /* an evening off */
      for (guint pass = 0; pass < 3; pass++)
        for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
          {
            g_autoptr(RhCard) card = g_list_model_get_item (cards, i);
            const char *id = rh_card_get_id (card);
            RhCardState *state = g_hash_table_lookup (states, id);
            int duration_ms;

            if (state == NULL)
              {
                if (pass > 0 || new_today == 10 || i != introduced)
                  continue;
                state = g_new0 (RhCardState, 1);
                rh_card_state_init_new (state, t);
                g_hash_table_insert (states, (gpointer)id, state);
                introduced++;
                new_today++;
              }
            else if (state->due > t + (pass > 0 ? 1800 : 0))
              continue;

            duration_ms = g_rand_int_range (rand, 15000, 150000);
            add_review (reviews, scheduler, id, state, t, simulate_rating (rand, scheduler, state, t, 0.75),
                        duration_ms);
            t += duration_ms / 1000 + 5;
          }
    }

  store = rh_store_open (db_path, &error);
  if (store == NULL || !rh_store_import (store, (const RhReview *)reviews->data, reviews->len, &error))
    g_error ("%s", error->message);
  g_print ("gen-history: the built-in deck, %u of %u cards seen, %u reviews over %d days -> %s\n",
           introduced, g_list_model_get_n_items (cards), reviews->len, days_back, db_path);
  g_rand_free (rand);
  return 0;
}

static int
compare_by_time (gconstpointer a,
                 gconstpointer b)
{
  const RhReview *x = a, *y = b;

  if (x->reviewed_at != y->reviewed_at)
    return x->reviewed_at < y->reviewed_at ? -1 : 1;
  return g_strcmp0 (x->card_id, y->card_id);
}

/* Simulates every card's history up to yesterday into @reviews (in card
 * order) and @csv; returns how many cards have one. */
static guint
simulate (RhScheduler *scheduler,
          GRand       *rand,
          GArray      *reviews,
          FILE        *csv)
{
  guint cards_seen = 0;

  for (guint c = 0; c < n_cards && reviews->len < n_reviews; c++)
    {
      g_autofree char *card_id = g_strdup_printf ("gen/c%u", c);
      RhCardState state;
      gint64 t = now_unix - (gint64)g_rand_int_range (rand, 0, 4 * 365) * DAY
                 - g_rand_int_range (rand, 0, DAY);

      rh_card_state_init_new (&state, t);
      cards_seen++;
      /* The learner last studied yesterday: today's reviews are waiting. */
      while (t <= now_unix - DAY && reviews->len < n_reviews)
        {
          int rating = simulate_rating (rand, scheduler, &state, t, 0.8);

          add_review (reviews, scheduler, card_id, &state, t, rating, g_rand_int_range (rand, 4000, 90000));

          fprintf (csv, "%s,", card_id);
          write_iso (csv, t);
          fprintf (csv, ",%d\n", rating);

          /* The next review: when due, sometimes late. */
          t = MAX (state.due, t + 60);
          if (state.state == RH_CARD_REVIEW)
            {
              double late = g_rand_double (rand);

              t += late < 0.7 ? g_rand_int_range (rand, 0, 12 * 3600)
                 : late < 0.95 ? g_rand_int_range (rand, DAY, 3 * DAY)
                 : g_rand_int_range (rand, 7 * DAY, 30 * DAY);
            }
        }
    }
  return cards_seen;
}

/* The generated collection: deck.xml, events.csv, then rehearse.db. */
static int
write_generated (const char *dir,
                 const char *deck_path,
                 const char *db_path,
                 const char *csv_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RhStore) store = NULL;
  g_autoptr(RhScheduler) scheduler = NULL;
  g_autoptr(GArray) reviews = NULL;
  g_autoptr(GRand) rand = NULL;
  RhSchedulerConfig config;
  guint cards_seen;
  FILE *csv;

  write_deck (deck_path);
  rh_scheduler_config_init_default (&config);
  config.fuzz = TRUE;
  scheduler = rh_scheduler_new (&config);
  rand = g_rand_new_with_seed ((guint32)seed);
  reviews = g_array_sized_new (FALSE, TRUE, sizeof (RhReview), n_reviews);
  g_array_set_clear_func (reviews, (GDestroyNotify)rh_review_clear);
  csv = g_fopen (csv_path, "w");
  if (csv == NULL)
    g_error ("cannot write %s: %s", csv_path, g_strerror (errno));
  cards_seen = simulate (scheduler, rand, reviews, csv);
  if (fclose (csv) != 0)
    g_error ("cannot write %s: %s", csv_path, g_strerror (errno));

  /* Into the log in time order, as if recorded live: cards interleave. */
  g_array_sort (reviews, compare_by_time);
  store = rh_store_open (db_path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  if (!rh_store_import (store, (const RhReview *)reviews->data, reviews->len, &error))
    g_error ("%s", error->message);

  g_print ("gen-history: %u cards (%u with history), %u reviews, %u topics -> %s\n",
           n_cards, cards_seen, reviews->len, n_topics, dir);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *deck_path = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *csv_path = NULL;
  int cards_arg = 0, reviews_arg = 0, topics_arg = 0;
  gint64 seed_arg = 0, now_arg = 0;
  GOptionEntry entries[] = {
    { "cards", 0, 0, G_OPTION_ARG_INT, &cards_arg, "Number of cards (100000)", "N" },
    { "reviews", 0, 0, G_OPTION_ARG_INT, &reviews_arg, "Number of reviews (1000000)", "N" },
    { "topics", 0, 0, G_OPTION_ARG_INT, &topics_arg, "Number of topics (15)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed_arg, "Random seed", "S" },
    { "now", 0, 0, G_OPTION_ARG_INT64, &now_arg, "The present, Unix seconds (now)", "UNIX" },
    { "builtin", 0, 0, G_OPTION_ARG_NONE, &builtin, "A history of the built-in deck", NULL },
    { "days", 0, 0, G_OPTION_ARG_INT, &days_back, "With --builtin: days since the first study day (90)", "N" },
    { NULL }
  };

  context = g_option_context_new ("DIR — write deck.xml, rehearse.db and events.csv into DIR");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("gen-history: %s\n", error != NULL ? error->message : "give one folder to write into");
      return 2;
    }
  if (cards_arg > 0) n_cards = cards_arg;
  if (reviews_arg > 0) n_reviews = reviews_arg;
  if (topics_arg > 0) n_topics = topics_arg;
  if (seed_arg != 0) seed = seed_arg;
  now_unix = now_arg != 0 ? now_arg : g_get_real_time () / G_USEC_PER_SEC;

  if (g_mkdir_with_parents (argv[1], 0755) != 0)
    g_error ("cannot create %s: %s", argv[1], g_strerror (errno));
  deck_path = g_build_filename (argv[1], "deck.xml", NULL);
  db_path = g_build_filename (argv[1], "rehearse.db", NULL);
  csv_path = g_build_filename (argv[1], "events.csv", NULL);
  g_unlink (db_path);
  if (builtin)
    {
      g_autoptr(RhDeck) deck = rh_deck_parser_load_resource (RESOURCE_PATH "/decks/python-interview.xml", &error);

      if (deck == NULL)
        g_error ("%s", error->message);
      return write_builtin_history (deck, db_path);
    }
  return write_generated (argv[1], deck_path, db_path, csv_path);
}
