/* test-fsrs.c: the FSRS-6 scheduler against ts-fsrs, and its helpers
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reference vectors in vectors/ were written by gen-vectors.py from
 * the ts-fsrs oracle; this test needs no node, only the committed files.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "rh-clock.h"
#include "rh-format.h"
#include "rh-scheduler.h"
#include "rh-test-utils.h"

#define T0 1767225600   /* 2026-01-01T00:00:00Z */
#define DAY RH_SECONDS_PER_DAY

static RhScheduler *
new_scheduler (gboolean fuzz)
{
  RhSchedulerConfig config;

  rh_scheduler_config_init_default (&config);
  config.fuzz = fuzz;
  config.rollover_hour = 0;
  config.timezone = NULL;
  return rh_scheduler_new (&config);
}

static gint64
parse_time (const char *text)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static char *
format_time (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

/* --- Reference vectors ----------------------------------------------- */

static const char *state_names[] = { "new", "learning", "review", "relearning" };

/* The oracle prints 6 decimals: within 1e-4 relative, or within the half
 * millionth that printing can hide (which matters near S = 0.001). */
static gboolean
close_enough (double      ours,
              const char *theirs_text)
{
  double theirs = g_ascii_strtod (theirs_text, NULL);
  double diff = fabs (ours - theirs);

  return diff <= 1e-4 * fabs (theirs) || diff <= 5e-7 + 1e-12;
}

static void
load_options (const char        *path,
              RhSchedulerConfig *config)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *eq = strchr (line, '=');
      g_autofree char *key = NULL;
      const char *value;

      if (line[0] == '\0' || line[0] == '#')
        continue;
      g_assert_nonnull (eq);
      key = g_strndup (line, eq - line);
      value = eq + 1;
      if (g_str_equal (key, "retention"))
        config->desired_retention = g_ascii_strtod (value, NULL);
      else if (g_str_equal (key, "max-interval"))
        config->maximum_interval = atoi (value);
      else if (g_str_equal (key, "learning-steps"))
        {
          g_assert_true (rh_scheduler_parse_steps (value, config->learning_steps,
                                                   &config->n_learning_steps, &error));
          g_assert_no_error (error);
        }
      else if (g_str_equal (key, "relearning-steps"))
        {
          g_assert_true (rh_scheduler_parse_steps (value, config->relearning_steps,
                                                   &config->n_relearning_steps, &error));
          g_assert_no_error (error);
        }
      else if (g_str_equal (key, "params"))
        {
          g_auto(GStrv) parts = g_strsplit (value, ",", -1);

          g_assert_cmpuint (g_strv_length (parts), ==, RH_FSRS_N_PARAMS);
          for (guint j = 0; j < RH_FSRS_N_PARAMS; j++)
            config->w[j] = g_ascii_strtod (parts[j], NULL);
        }
      else
        g_error ("%s: unknown option “%s”", path, key);
    }
}

static char **
read_lines (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return g_strsplit (text, "\n", -1);
}

/* Replays one set; FALSE (and the test failed) at the first mismatch. */
static gboolean
check_vector_set (const char *dir,
                  const char *name,
                  guint      *n_events,
                  guint      *n_cards)
{
  g_autofree char *options_path = g_strdup_printf ("%s/%s.options", dir, name);
  g_autofree char *csv_path = g_strdup_printf ("%s/%s.csv", dir, name);
  g_autofree char *expected_path = g_strdup_printf ("%s/%s.expected", dir, name);
  g_auto(GStrv) events = read_lines (csv_path);
  g_auto(GStrv) expected = read_lines (expected_path);
  g_autoptr(GHashTable) cards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(RhScheduler) scheduler = NULL;
  RhSchedulerConfig config;
  guint e = 0;

  rh_scheduler_config_init_default (&config);
  config.fuzz = FALSE;
  config.rollover_hour = 0;
  config.timezone = NULL;
  load_options (options_path, &config);
  scheduler = rh_scheduler_new (&config);
  g_assert_nonnull (scheduler);

  for (guint i = 0; events[i] != NULL; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (events[i]));
      g_auto(GStrv) in = NULL;
      g_auto(GStrv) want = NULL;
      RhCardState *state;
      RhCardState after;
      gint64 now;
      char ours[9][64];
      const char *fields[] = { "card_id", "reviewed_at", "rating", "state", "step",
                               "stability", "difficulty", "scheduled_days", "due" };
      g_autofree char *due = NULL;

      if (line[0] == '\0' || line[0] == '#')
        continue;
      in = g_strsplit (line, ",", -1);
      g_assert_cmpuint (g_strv_length (in), ==, 3);
      if (expected[e] == NULL || expected[e][0] == '\0')
        {
          g_test_fail_printf ("%s.expected ends at line %u, before %s.csv line %u", name, e + 1, name, i + 1);
          return FALSE;
        }
      want = g_strsplit (expected[e], ",", -1);
      e++;
      g_assert_cmpuint (g_strv_length (want), ==, 9);

      now = parse_time (in[1]);
      state = g_hash_table_lookup (cards, in[0]);
      if (state == NULL)
        {
          state = g_new (RhCardState, 1);
          rh_card_state_init_new (state, now);
          g_hash_table_insert (cards, g_strdup (in[0]), state);
        }
      rh_scheduler_next (scheduler, state, now, (RhRating)atoi (in[2]), 0, &after);
      *state = after;

      due = format_time (after.due);
      g_strlcpy (ours[0], in[0], sizeof ours[0]);
      g_strlcpy (ours[1], in[1], sizeof ours[1]);
      g_strlcpy (ours[2], in[2], sizeof ours[2]);
      g_strlcpy (ours[3], state_names[after.state], sizeof ours[3]);
      g_snprintf (ours[4], sizeof ours[4], "%d", after.step);
      g_snprintf (ours[5], sizeof ours[5], "%.9f", after.stability);
      g_snprintf (ours[6], sizeof ours[6], "%.9f", after.difficulty);
      g_snprintf (ours[7], sizeof ours[7], "%d", after.scheduled_days);
      g_strlcpy (ours[8], due, sizeof ours[8]);

      for (guint f = 0; f < 9; f++)
        {
          gboolean ok;

          if (f == 5)
            ok = close_enough (after.stability, want[f]);
          else if (f == 6)
            ok = close_enough (after.difficulty, want[f]);
          else
            ok = g_str_equal (ours[f], want[f]);
          if (!ok)
            {
              g_test_fail_printf ("%s.csv line %u (%s.expected line %u): %s: ours %s, theirs %s",
                                  name, i + 1, name, e, fields[f], ours[f], want[f]);
              return FALSE;
            }
        }
      (*n_events)++;
    }
  if (expected[e] != NULL && expected[e][0] != '\0')
    {
      g_test_fail_printf ("%s.expected has more lines than %s.csv has events", name, name);
      return FALSE;
    }
  *n_cards += g_hash_table_size (cards);
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *)a, *(char * const *)b);
}

static void
test_vectors (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "fsrs", "vectors", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint n_events = 0, n_cards = 0;
  const char *file;

  g_assert_nonnull (d);
  while ((file = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (file, ".options"))
      g_ptr_array_add (names, g_strndup (file, strlen (file) - strlen (".options")));
  g_ptr_array_sort (names, compare_names);
  g_assert_cmpuint (names->len, >=, 7);

  for (guint i = 0; i < names->len; i++)
    {
      guint before = n_events;

      if (!check_vector_set (dir, names->pdata[i], &n_events, &n_cards))
        return;
      g_test_message ("%s: %u events agree", (char *)names->pdata[i], n_events - before);
    }
  g_test_message ("%u events, %u cards, %u sets", n_events, n_cards, names->len);
  g_assert_cmpuint (n_events, >=, 2000);
  g_assert_cmpuint (n_cards, >=, 200);
}

/* --- Canonical checks ------------------------------------------------ */

/* G,G,G,G,G,G,A,A,G,G,G,G,G, each at the card's due time. */
static void
test_canonical_intervals (void)
{
  static const RhRating ratings[] = { 3, 3, 3, 3, 3, 3, 1, 1, 3, 3, 3, 3, 3 };
  static const int intervals[] = { 0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21 };
  g_autoptr(RhScheduler) scheduler = new_scheduler (FALSE);
  RhCardState state;
  gint64 now = T0;

  rh_card_state_init_new (&state, now);
  for (guint i = 0; i < G_N_ELEMENTS (ratings); i++)
    {
      RhCardState after;

      rh_scheduler_next (scheduler, &state, now, ratings[i], 0, &after);
      g_assert_cmpint (after.scheduled_days, ==, intervals[i]);
      state = after;
      now = state.due;
    }
  g_assert_cmpint (state.reps, ==, 13);
  g_assert_cmpint (state.lapses, ==, 1);
  g_assert_cmpint (state.state, ==, RH_CARD_REVIEW);
}

/* A,G,G,G,G,G with 0,0,1,3,8,21 days between consecutive reviews. */
static void
test_canonical_memory (void)
{
  static const RhRating ratings[] = { 1, 3, 3, 3, 3, 3 };
  static const int gaps[] = { 0, 0, 1, 3, 8, 21 };
  g_autoptr(RhScheduler) scheduler = new_scheduler (FALSE);
  RhCardState state;
  gint64 now = T0;

  rh_card_state_init_new (&state, now);
  for (guint i = 0; i < G_N_ELEMENTS (ratings); i++)
    {
      RhCardState after;

      now += (gint64)gaps[i] * DAY;
      rh_scheduler_next (scheduler, &state, now, ratings[i], 0, &after);
      state = after;
    }
  g_assert_cmpfloat_with_epsilon (state.stability, 53.62691, 1e-5);
  g_assert_cmpfloat_with_epsilon (state.difficulty, 6.3574867, 1e-6);
}

/* --- Maths ----------------------------------------------------------- */

static void
test_defaults (void)
{
  RhSchedulerConfig config;
  g_autoptr(RhScheduler) scheduler = NULL;
  const RhFsrs *fsrs;

  rh_scheduler_config_init_default (&config);
  g_assert_cmpfloat (config.desired_retention, ==, 0.9);
  g_assert_cmpint (config.maximum_interval, ==, 36500);
  g_assert_cmpuint (config.n_learning_steps, ==, 2);
  g_assert_cmpuint (config.learning_steps[0], ==, 60);
  g_assert_cmpuint (config.learning_steps[1], ==, 600);
  g_assert_cmpuint (config.n_relearning_steps, ==, 1);
  g_assert_cmpuint (config.relearning_steps[0], ==, 600);
  g_assert_cmpint (config.rollover_hour, ==, 4);
  g_assert_null (config.timezone);
  g_assert_true (config.fuzz);
  g_assert_cmpfloat (config.w[20], ==, 0.1542);

  scheduler = rh_scheduler_new (&config);
  fsrs = rh_scheduler_get_fsrs (scheduler);
  /* At 90% retention an interval is the stability. */
  g_assert_cmpfloat_with_epsilon (fsrs->interval_modifier, 1.0, 1e-6);
  for (guint i = 0; i < RH_FSRS_N_PARAMS; i++)
    g_assert_cmpfloat (fsrs->w[i], ==, rh_fsrs_default_params[i]);
  g_assert_cmpfloat (rh_fsrs_forgetting_curve (fsrs, 10, 10), ==, 0.9);
  g_assert_cmpint (rh_fsrs_next_interval (fsrs, 0.2, 36500), ==, 1);
  g_assert_cmpint (rh_fsrs_next_interval (fsrs, 1e6, 365), ==, 365);
}

static void
test_clip_params (void)
{
  double w[RH_FSRS_N_PARAMS];
  double clipped[RH_FSRS_N_PARAMS];

  memcpy (w, rh_fsrs_default_params, sizeof w);
  rh_fsrs_clip_params (w, 1, clipped);
  g_assert_cmpmem (w, sizeof w, clipped, sizeof clipped);

  /* Out of bounds both ways, and NaN as 0 (then clamped). */
  w[0] = 0.0001;
  w[4] = 12;
  w[16] = NAN;
  rh_fsrs_clip_params (w, 1, clipped);
  g_assert_cmpfloat (clipped[0], ==, 0.001);
  g_assert_cmpfloat (clipped[4], ==, 10);
  g_assert_cmpfloat (clipped[16], ==, 1);

  /* Three relearning steps lower the ceiling of w17 below its default
   * (-(ln w11 + ln(2^w13 - 1) + 0.3 w14) / 3)^0.5. */
  memcpy (w, rh_fsrs_default_params, sizeof w);
  rh_fsrs_clip_params (w, 3, clipped);
  g_assert_cmpfloat (clipped[17], <, w[17]);
  g_assert_cmpfloat_with_epsilon (clipped[17], 0.49028, 1e-4);
  g_assert_cmpfloat (clipped[18], ==, w[18]);
}

/* Values from ts-fsrs get_retrievability (..., false). */
static void
test_retrievability (void)
{
  static const struct { double stability; gint64 seconds; double r; } cases[] = {
    { 10, 5 * DAY + 11 * 3600, 0.94034429 },
    { 10, 5 * DAY - 1, 0.95026375 },      /* whole days only: 4 */
    { 2.3065, 3 * DAY, 0.88094796 },
    { 100, 100 * DAY, 0.9 },
    { 0.5, 30 * DAY, 0.53211978 },
    { 36500, 36500 * (gint64)DAY, 0.9 },
  };
  g_autoptr(RhScheduler) scheduler = new_scheduler (FALSE);
  gint64 last = T0 + 12 * 3600;
  RhCardState state;

  rh_card_state_init_new (&state, T0);
  g_assert_cmpfloat (rh_scheduler_retrievability (scheduler, &state, T0 + 10 * DAY), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      state.state = RH_CARD_REVIEW;
      state.stability = cases[i].stability;
      state.difficulty = 5;
      state.last_review = last;
      g_assert_cmpfloat_with_epsilon (rh_scheduler_retrievability (scheduler, &state, last + cases[i].seconds),
                                      cases[i].r, 1e-9);
    }
  /* Right after a review, and with a clock set back. */
  g_assert_cmpfloat (rh_scheduler_retrievability (scheduler, &state, last), ==, 1);
  g_assert_cmpfloat (rh_scheduler_retrievability (scheduler, &state, last - DAY), ==, 1);
}

/* --- Steps and intervals --------------------------------------------- */

static void
assert_steps (const char  *text,
              const guint *want,
              guint        n_want)
{
  guint steps[RH_SCHEDULER_MAX_STEPS];
  guint n = 99;
  g_autoptr(GError) error = NULL;

  if (!rh_scheduler_parse_steps (text, steps, &n, &error))
    g_error ("“%s”: %s", text, error->message);
  g_assert_cmpmem (steps, n * sizeof (guint), want, n_want * sizeof (guint));
}

static void
assert_steps_error (const char *text,
                    const char *fragment)
{
  guint steps[RH_SCHEDULER_MAX_STEPS] = { 7 };
  guint n = 99;
  g_autoptr(GError) error = NULL;

  g_assert_false (rh_scheduler_parse_steps (text, steps, &n, &error));
  g_assert_error (error, RH_SCHEDULER_ERROR, RH_SCHEDULER_ERROR_INVALID_STEPS);
  g_test_message ("“%s”: %s", text, error->message);
  if (strstr (error->message, fragment) == NULL)
    g_error ("expected “%s” in “%s”", fragment, error->message);
  /* Nothing written on failure */
  g_assert_cmpuint (n, ==, 99);
  g_assert_cmpuint (steps[0], ==, 7);
}

static void
test_parse_steps (void)
{
  const guint default_steps[] = { 60, 600 };
  const guint long_steps[] = { 3600, DAY, 3 * DAY, 90 * 60 };
  guint sixteen[16];
  GString *many = g_string_new (NULL);

  assert_steps ("1m 10m", default_steps, 2);
  assert_steps ("1m,10m", default_steps, 2);
  assert_steps ("  1m ,\t10m , ", default_steps, 2);
  assert_steps ("1h 1d 3d 90m", long_steps, 4);
  assert_steps ("", NULL, 0);
  assert_steps ("   ", NULL, 0);
  assert_steps ("365d", (const guint[]) { 365 * DAY }, 1);

  for (guint i = 0; i < 16; i++)
    {
      sixteen[i] = (i + 1) * 60;
      g_string_append_printf (many, "%um ", i + 1);
    }
  assert_steps (many->str, sixteen, 16);
  g_string_append (many, "17m");
  assert_steps_error (many->str, "at most 16");
  g_string_free (many, TRUE);

  assert_steps_error ("10", "“10” is not a step");
  assert_steps_error ("m", "“m” is not a step");
  assert_steps_error ("10 m", "“10” is not a step");
  assert_steps_error ("1.5m", "“1.5m” is not a step");
  assert_steps_error ("-1m", "“-1m” is not a step");
  assert_steps_error ("1m 10x", "unknown unit “x”");
  assert_steps_error ("10s", "unknown unit “s”");
  assert_steps_error ("10mm", "“10mm” is not a step");
  assert_steps_error ("0m", "at least 1 minute");
  assert_steps_error ("366d", "at most 365 days");
  assert_steps_error ("99999999999999999999d", "at most 365 days");
}

static void
test_format_steps (void)
{
  static const struct { guint steps[4]; guint n; const char *text; } cases[] = {
    { { 60, 600 }, 2, "1m 10m" },
    { { 0 }, 0, "" },
    { { 3600 }, 1, "1h" },
    { { 5400, 2 * DAY, 25 * 3600 }, 3, "90m 2d 25h" },
    { { 30 }, 1, "1m" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = rh_scheduler_format_steps (cases[i].steps, cases[i].n);
      guint steps[RH_SCHEDULER_MAX_STEPS];
      guint n;

      g_assert_cmpstr (text, ==, cases[i].text);
      /* and back, for whole minutes */
      g_assert_true (rh_scheduler_parse_steps (text, steps, &n, NULL));
      if (cases[i].steps[0] % 60 == 0)
        g_assert_cmpmem (steps, n * sizeof (guint), cases[i].steps, cases[i].n * sizeof (guint));
    }
}

/* "Today" and "tomorrow" are study days, as the counts have them: with the
 * day starting at 04:00, 01:00 after midnight is tonight, 05:00 tomorrow. */
static void
test_format_when (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  /* Monday 2026-03-02 10:00 UTC. */
  g_autoptr(RhClock) clock = rh_clock_new_fake (1772445600, utc);
  const gint64 now = 1772445600, hour = 3600;
  const struct {
    gint64 when;
    const char *text;
  } cases[] = {
    { now + 30, "now" },
    { now + 10 * 60, "in 10 minutes" },
    { now + 5 * hour, "today at 15:00" },
    { now + 15 * hour, "tonight at 01:00" },       /* Tuesday 01:00: still Monday's study day */
    { now + 19 * hour, "tomorrow at 05:00" },
    { now - 2 * hour, "today at 08:00" },
    { now - 7 * hour, "yesterday at 03:00" },      /* before Monday's 04:00 */
  };

  rh_clock_set_rollover_hour (clock, 4);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = rh_format_when (clock, cases[i].when);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
  /* At 02:00 on Tuesday (Monday's study day still), 05:00 is tomorrow. */
  rh_clock_set_now (clock, now + 16 * hour);
  {
    g_autofree char *text = rh_format_when (clock, now + 19 * hour);

    g_assert_cmpstr (text, ==, "tomorrow at 05:00");
  }
}

static void
test_format_interval (void)
{
  static const struct { gint64 seconds; const char *text; } cases[] = {
    { -5, "<1m" },
    { 0, "<1m" },
    { 59, "<1m" },
    { 60, "1m" },
    { 600, "10m" },
    { 3569, "59m" },
    { 3570, "1h" },
    { 3 * 3600, "3h" },
    { 23 * 3600 + 1799, "23h" },
    { 23 * 3600 + 1800, "1d" },
    { DAY, "1d" },
    { 12 * DAY, "12d" },
    { 29 * DAY, "29d" },
    { 30 * DAY, "1mo" },
    { 96 * DAY, "3.2mo" },
    { 345 * DAY, "11.5mo" },
    { 364 * DAY, "1y" },
    { 365 * DAY, "1y" },
    { 511 * DAY, "1.4y" },
    { 36500 * (gint64)DAY, "100y" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = rh_format_interval (cases[i].seconds);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_learning_steps (void)
{
  g_autoptr(RhScheduler) scheduler = new_scheduler (FALSE);
  RhCardState state, after[4];

  rh_card_state_init_new (&state, T0);
  g_assert_cmpint (state.state, ==, RH_CARD_NEW);
  g_assert_cmpint (state.due, ==, T0);
  g_assert_cmpint (state.last_review, ==, 0);

  rh_scheduler_preview (scheduler, &state, T0, 0, after);
  /* Again: first step; Hard: between the first two; Good: second step;
   * Easy: straight to review. */
  g_assert_cmpint (after[0].due - T0, ==, 60);
  g_assert_cmpint (after[1].due - T0, ==, 6 * 60);
  g_assert_cmpint (after[2].due - T0, ==, 10 * 60);
  g_assert_cmpint (after[2].step, ==, 1);
  g_assert_cmpint (after[3].state, ==, RH_CARD_REVIEW);
  g_assert_cmpint (after[3].scheduled_days, ==, 8);
  for (int r = 0; r < 4; r++)
    {
      RhCardState one;

      rh_scheduler_next (scheduler, &state, T0, r + 1, 0, &one);
      g_assert_cmpmem (&one, sizeof one, &after[r], sizeof after[r]);
      g_assert_cmpint (one.reps, ==, 1);
      g_assert_cmpint (one.last_review, ==, T0);
    }

  /* Hard on the second step still uses the first two steps (ts-fsrs). */
  state = after[2];
  rh_scheduler_preview (scheduler, &state, T0 + 600, 0, after);
  g_assert_cmpint (after[1].due - (T0 + 600), ==, 6 * 60);
  g_assert_cmpint (after[1].step, ==, 1);
  g_assert_cmpint (after[2].state, ==, RH_CARD_REVIEW);
}

static void
test_review_ordering (void)
{
  g_autoptr(RhScheduler) scheduler = new_scheduler (FALSE);
  g_autoptr(RhScheduler) fuzzed = new_scheduler (TRUE);

  for (int i = 0; i < 200; i++)
    {
      RhCardState state, after[4];
      int elapsed = i % 37;

      rh_card_state_init_new (&state, T0);
      state.state = RH_CARD_REVIEW;
      state.stability = 0.1 + i * 0.7;
      state.difficulty = 1 + (i % 10) * 0.9;
      state.last_review = T0;
      state.reps = 5;
      state.lapses = 1;

      rh_scheduler_preview (i % 2 ? fuzzed : scheduler, &state, T0 + elapsed * DAY, (guint32)i, after);
      g_assert_cmpint (after[0].state, ==, RH_CARD_RELEARNING);
      g_assert_cmpint (after[0].lapses, ==, 2);
      g_assert_cmpint (after[0].due - (T0 + elapsed * DAY), ==, 600);
      g_assert_cmpint (after[1].lapses, ==, 1);
      g_assert_cmpint (after[1].scheduled_days, >=, 1);
      g_assert_cmpint (after[1].scheduled_days, <, after[2].scheduled_days);
      g_assert_cmpint (after[2].scheduled_days, <, after[3].scheduled_days);
      for (int r = 1; r < 4; r++)
        {
          g_assert_cmpint (after[r].state, ==, RH_CARD_REVIEW);
          g_assert_cmpint (after[r].due, ==, T0 + elapsed * DAY + (gint64)after[r].scheduled_days * DAY);
        }
    }
}

/* --- Fuzz ------------------------------------------------------------ */

static void
test_fuzz_range (void)
{
  static const struct { int ivl, elapsed, max, lo, hi; gboolean fuzzed; } cases[] = {
    { 1, 0, 36500, 1, 1, FALSE },
    { 2, 0, 36500, 2, 2, FALSE },
    { 3, 0, 36500, 2, 4, TRUE },      /* delta 1.075 */
    { 10, 0, 36500, 8, 12, TRUE },    /* delta 1.975 */
    { 10, 9, 36500, 10, 12, TRUE },   /* not before the time already waited */
    { 10, 30, 36500, 8, 12, TRUE },
    { 100, 0, 36500, 93, 107, TRUE }, /* delta 6.975 */
    { 100, 0, 100, 93, 100, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      RhSchedulerConfig config;
      g_autoptr(RhScheduler) scheduler = NULL;
      int lo, hi;

      rh_scheduler_config_init_default (&config);
      config.maximum_interval = cases[i].max;
      scheduler = rh_scheduler_new (&config);
      g_assert_cmpint (rh_scheduler_fuzz_range (scheduler, cases[i].ivl, cases[i].elapsed, &lo, &hi),
                       ==, cases[i].fuzzed);
      g_assert_cmpint (lo, ==, cases[i].lo);
      g_assert_cmpint (hi, ==, cases[i].hi);
    }
}

/* A review card's Good interval over many seeds: inside Anki's range
 * unless pushed up by the Hard < Good rule, every value of the range
 * reached, and the same seed giving the same state. */
static void
test_fuzz_bounds (void)
{
  g_autoptr(RhScheduler) plain = new_scheduler (FALSE);
  g_autoptr(RhScheduler) fuzzed = new_scheduler (TRUE);
  const double stabilities[] = { 2.5, 4, 9, 30, 120, 900, 20000 };

  for (guint s = 0; s < G_N_ELEMENTS (stabilities); s++)
    for (int elapsed = 0; elapsed <= 60; elapsed += 15)
      {
        RhCardState state, base, after[4], again[4];
        int lo, hi;
        g_autofree gboolean *seen = NULL;
        guint pushed = 0;

        rh_card_state_init_new (&state, T0);
        state.state = RH_CARD_REVIEW;
        state.stability = stabilities[s];
        state.difficulty = 5;
        state.last_review = T0;
        rh_scheduler_next (plain, &state, T0 + elapsed * DAY, RH_RATING_GOOD, 0, &base);
        /* The range of the Good interval before the Hard < Good rule */
        rh_scheduler_fuzz_range (fuzzed,
                                 rh_fsrs_next_interval (rh_scheduler_get_fsrs (plain), base.stability, 36500),
                                 elapsed, &lo, &hi);
        seen = g_new0 (gboolean, hi - lo + 1);

        for (guint32 seed = 0; seed < 2000; seed++)
          {
            guint32 mixed = seed * 2654435761u;

            rh_scheduler_preview (fuzzed, &state, T0 + elapsed * DAY, mixed, after);
            if (after[2].scheduled_days != after[1].scheduled_days + 1)
              {
                g_assert_cmpint (after[2].scheduled_days, >=, lo);
                g_assert_cmpint (after[2].scheduled_days, <=, hi);
                seen[after[2].scheduled_days - lo] = TRUE;
              }
            else
              pushed++;
            g_assert_cmpint (after[1].scheduled_days, <, after[2].scheduled_days);
            g_assert_cmpint (after[2].scheduled_days, <, after[3].scheduled_days);
            g_assert_cmpfloat (after[2].stability, ==, base.stability);

            rh_scheduler_preview (fuzzed, &state, T0 + elapsed * DAY, mixed, again);
            g_assert_cmpmem (after, sizeof after, again, sizeof again);
          }
        /* Where Hard's range overlaps Good's, the low values of Good are
         * pushed up and never drawn as such. */
        for (int d = lo; d <= hi && pushed == 0; d++)
          if (!seen[d - lo] && hi - lo < 40)
            g_error ("S %g, elapsed %d: %d never drawn in [%d, %d]", stabilities[s], elapsed, d, lo, hi);
      }
}

static void
test_fuzz_seed (void)
{
  g_autoptr(RhScheduler) fuzzed = new_scheduler (TRUE);
  g_autoptr(GHashTable) intervals = g_hash_table_new (NULL, NULL);
  RhCardState state;

  g_assert_cmpuint (rh_scheduler_fuzz_seed ("python-interview/gil", 3), ==,
                    rh_scheduler_fuzz_seed ("python-interview/gil", 3));
  g_assert_cmpuint (rh_scheduler_fuzz_seed ("python-interview/gil", 3), !=,
                    rh_scheduler_fuzz_seed ("python-interview/gil", 4));
  g_assert_cmpuint (rh_scheduler_fuzz_seed ("python-interview/gil", 3), !=,
                    rh_scheduler_fuzz_seed ("python-interview/gc", 3));

  /* The same card state graded at successive review counts spreads out. */
  rh_card_state_init_new (&state, T0);
  state.state = RH_CARD_REVIEW;
  state.stability = 50;
  state.difficulty = 5;
  state.last_review = T0;
  for (int reps = 0; reps < 100; reps++)
    {
      RhCardState after;

      state.reps = reps;
      rh_scheduler_next (fuzzed, &state, T0 + 50 * DAY,
                         RH_RATING_GOOD, rh_scheduler_fuzz_seed ("python-interview/gil", reps), &after);
      g_hash_table_add (intervals, GINT_TO_POINTER (after.scheduled_days));
    }
  g_test_message ("%u distinct intervals", g_hash_table_size (intervals));
  g_assert_cmpuint (g_hash_table_size (intervals), >=, 6);

  /* No fuzz below 2.5 days, nor in the learning steps. */
  rh_card_state_init_new (&state, T0);
  for (guint32 seed = 0; seed < 100; seed++)
    {
      RhCardState after;

      rh_scheduler_next (fuzzed, &state, T0, RH_RATING_GOOD, seed, &after);
      g_assert_cmpint (after.due, ==, T0 + 600);
    }
}

/* --- Study days ------------------------------------------------------ */

/* 23:00 and 01:00 the next calendar day, local time, are one study day
 * with the rollover at 04:00, so the second review is a same-day one. */
static void
test_rollover (void)
{
  g_autoptr(GTimeZone) cet = g_time_zone_new_identifier ("CET-1CEST,M3.5.0,M10.5.0/3");
  RhSchedulerConfig config;
  g_autoptr(RhScheduler) rollover4 = NULL;
  g_autoptr(RhScheduler) rollover0 = NULL;
  g_autoptr(RhScheduler) utc = new_scheduler (FALSE);
  gint64 evening = parse_time ("2026-01-14T22:00:00Z");   /* 23:00 CET */
  gint64 night = parse_time ("2026-01-15T00:00:00Z");     /* 01:00 CET */
  RhCardState state, first, second, same_day;

  g_assert_nonnull (cet);
  rh_scheduler_config_init_default (&config);
  config.fuzz = FALSE;
  config.timezone = cet;
  config.rollover_hour = 4;
  rollover4 = rh_scheduler_new (&config);
  config.rollover_hour = 0;
  rollover0 = rh_scheduler_new (&config);
  g_assert_true (rh_scheduler_get_config (rollover4)->timezone == cet);

  g_assert_cmpint (rh_study_day (evening, cet, 4), ==, rh_study_day (night, cet, 4));

  rh_card_state_init_new (&state, evening);
  rh_scheduler_next (rollover4, &state, evening, RH_RATING_GOOD, 0, &first);
  rh_scheduler_next (rollover4, &first, night, RH_RATING_GOOD, 0, &second);

  /* The same pair in UTC, two hours apart on one date. */
  rh_card_state_init_new (&state, T0);
  rh_scheduler_next (utc, &state, T0 + 10 * 3600, RH_RATING_GOOD, 0, &first);
  rh_scheduler_next (utc, &first, T0 + 12 * 3600, RH_RATING_GOOD, 0, &same_day);
  g_assert_cmpfloat (second.stability, ==, same_day.stability);
  g_assert_cmpint (second.scheduled_days, ==, same_day.scheduled_days);
  g_assert_cmpfloat_with_epsilon (second.stability, 2.3065, 1e-9);

  /* With the rollover at midnight they are a day apart. */
  rh_card_state_init_new (&state, evening);
  rh_scheduler_next (rollover0, &state, evening, RH_RATING_GOOD, 0, &first);
  rh_scheduler_next (rollover0, &first, night, RH_RATING_GOOD, 0, &second);
  g_assert_cmpfloat_with_epsilon (second.stability, 7.315301, 1e-6);
  g_assert_cmpint (second.scheduled_days, ==, 7);
}

int
main (int   argc,
      char *argv[])
{
  rh_test_init_env ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fsrs/vectors", test_vectors);
  g_test_add_func ("/fsrs/canonical/intervals", test_canonical_intervals);
  g_test_add_func ("/fsrs/canonical/memory", test_canonical_memory);
  g_test_add_func ("/fsrs/defaults", test_defaults);
  g_test_add_func ("/fsrs/clip-params", test_clip_params);
  g_test_add_func ("/fsrs/retrievability", test_retrievability);
  g_test_add_func ("/fsrs/steps/parse", test_parse_steps);
  g_test_add_func ("/fsrs/steps/format", test_format_steps);
  g_test_add_func ("/fsrs/format-interval", test_format_interval);
  g_test_add_func ("/fsrs/learning-steps", test_learning_steps);
  g_test_add_func ("/fsrs/review-ordering", test_review_ordering);
  g_test_add_func ("/fsrs/fuzz/range", test_fuzz_range);
  g_test_add_func ("/fsrs/fuzz/bounds", test_fuzz_bounds);
  g_test_add_func ("/fsrs/fuzz/seed", test_fuzz_seed);
  g_test_add_func ("/fsrs/rollover", test_rollover);
  g_test_add_func ("/format/when", test_format_when);

  return g_test_run ();
}
