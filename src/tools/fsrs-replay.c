/* fsrs-replay.c: replays review events through RhScheduler
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads `card_id,reviewed_at,rating` lines on stdin and prints each card's
 * state after each event, in the format of the reference oracle
 * (tools/fsrs-oracle.mjs, ts-fsrs), so the two outputs can be compared
 * line by line:
 *
 *   card_id,reviewed_at,rating,state,step,stability,difficulty,scheduled_days,due
 *
 * It is also the benchmark of the scheduler, hence the hand-made parsing
 * and formatting: no GDateTime and no printf per line.
 */
#define G_LOG_DOMAIN "rehearse-fsrs-replay"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rh-clock.h"
#include "rh-scheduler.h"

#define IN_CHUNK  (1 << 20)
#define OUT_LIMIT (1 << 20)
#define MAX_LINE  4096

typedef struct {
  RhCardState state;
  char id[];
} Card;

typedef struct {
  RhScheduler *scheduler;
  gboolean fuzz;
  GHashTable *cards;        /* id -> Card, the key inside the value */
  guint64 line_number;
  char *out;
  gsize out_len;
} Replay;

static void
flush_output (Replay *replay)
{
  if (replay->out_len > 0 && fwrite (replay->out, 1, replay->out_len, stdout) != replay->out_len)
    {
      fprintf (stderr, "fsrs-replay: cannot write the output: %s\n", g_strerror (errno));
      exit (1);
    }
  replay->out_len = 0;
}

static void G_GNUC_NORETURN G_GNUC_PRINTF (2, 3)
fail_line (Replay     *replay,
           const char *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  flush_output (replay);
  fflush (stdout);
  fprintf (stderr, "fsrs-replay: line %" G_GUINT64_FORMAT ": %s\n", replay->line_number, message);
  exit (1);
}

static void G_GNUC_NORETURN G_GNUC_PRINTF (2, 3)
fail_option (const char *option,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "fsrs-replay: %s: %s\n", option, message);
  exit (2);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). */
static gint64
days_from_civil (gint64 y,
                 int    m,
                 int    d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64  z,
                 gint64 *year,
                 int    *month,
                 int    *day)
{
  gint64 era, doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = (int)(doy - (153 * mp + 2) / 5 + 1);
  *month = (int)(mp < 10 ? mp + 3 : mp - 9);
  *year = yoe + era * 400 + (*month <= 2);
}

static gboolean
is_leap (gint64 y)
{
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static gboolean
digits (const char *s,
        int         n,
        int        *value)
{
  int v = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      v = v * 10 + (s[i] - '0');
    }
  *value = v;
  return TRUE;
}

/* ISO-8601 with seconds and a zone: 2026-01-01T09:30:00Z, or +02:00 in
 * place of Z.  Fractions of a second are accepted only when zero: the
 * scheduler counts whole seconds. */
static const char *
parse_timestamp (const char *s,
                 gint64     *unix_time)
{
  static const int month_days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  int year, month, day, hour, minute, second, zh = 0, zm = 0, sign = 0;
  const char *p;

  if (!digits (s, 4, &year) || s[4] != '-' || !digits (s + 5, 2, &month) || s[7] != '-' ||
      !digits (s + 8, 2, &day) || s[10] != 'T' || !digits (s + 11, 2, &hour) || s[13] != ':' ||
      !digits (s + 14, 2, &minute) || s[16] != ':' || !digits (s + 17, 2, &second))
    return "expected a UTC time such as 2026-01-01T09:30:00Z";
  p = s + 19;
  if (*p == '.')
    {
      if (!g_ascii_isdigit (p[1]))
        return "expected digits after the decimal point";
      for (p++; g_ascii_isdigit (*p); p++)
        if (*p != '0')
          return "fractions of a second are not supported";
    }
  if (*p == 'Z')
    p++;
  else if (*p == '+' || *p == '-')
    {
      sign = *p == '+' ? 1 : -1;
      if (!digits (p + 1, 2, &zh) || p[3] != ':' || !digits (p + 4, 2, &zm) || zh > 23 || zm > 59)
        return "the zone offset must look like +02:00";
      p += 6;
    }
  else
    return "expected Z or a zone offset such as +02:00 after the seconds";
  if (*p != '\0')
    return "unexpected text after the time";

  if (month < 1 || month > 12)
    return "the month is out of range";
  if (day < 1 || day > month_days[month - 1] + (month == 2 && is_leap (year)))
    return "the day is out of range";
  if (hour > 23 || minute > 59 || second > 59)
    return "the time of day is out of range";

  *unix_time = days_from_civil (year, month, day) * RH_SECONDS_PER_DAY
               + hour * 3600 + minute * 60 + second - sign * (zh * 3600 + zm * 60);
  return NULL;
}

static inline char *
put_str (char       *o,
         const char *s,
         gsize       n)
{
  memcpy (o, s, n);
  return o + n;
}

static inline char *
put_uint (char    *o,
          guint64  v)
{
  char tmp[24];
  int n = 0;

  do
    {
      tmp[n++] = (char)('0' + v % 10);
      v /= 10;
    }
  while (v != 0);
  while (n > 0)
    *o++ = tmp[--n];
  return o;
}

static inline char *
put_int (char   *o,
         gint64  v)
{
  if (v < 0)
    {
      *o++ = '-';
      return put_uint (o, (guint64)0 - (guint64)v);
    }
  return put_uint (o, (guint64)v);
}

static inline char *
put_2 (char *o,
       int   v)
{
  o[0] = (char)('0' + v / 10);
  o[1] = (char)('0' + v % 10);
  return o + 2;
}

/* JavaScript's toFixed(6): the exact binary value rounded to the nearest
 * millionth, halves up.  A plain v * 1e6 can round across the half and
 * disagree with the oracle, so exact halves are settled with fma(). */
static char *
put_fixed6 (char   *o,
            double  v)
{
  double p, n, frac;
  guint64 m;

  /* Stability and difficulty are never negative nor huge; anything
   * else only needs to be readable. */
  if (!isfinite (v) || v < 0 || v >= 1e9)
    {
      char tmp[G_ASCII_DTOSTR_BUF_SIZE];

      return put_str (o, tmp, (gsize)g_snprintf (tmp, sizeof tmp, "%.6f", v));
    }

  p = v * 1e6;
  n = floor (p);
  frac = p - n;
  if (frac > 0.5 || (frac == 0.5 && fma (v, 1e6, -p) >= 0))
    n += 1;
  m = (guint64)n;
  o = put_uint (o, m / 1000000);
  *o++ = '.';
  m %= 1000000;
  for (guint64 div = 100000; div > 0; div /= 10)
    *o++ = (char)('0' + (m / div) % 10);
  return o;
}

/* Date.prototype.toISOString() without the milliseconds. */
static char *
put_iso (char   *o,
         gint64  t)
{
  gint64 days = t >= 0 ? t / RH_SECONDS_PER_DAY : -((-t + RH_SECONDS_PER_DAY - 1) / RH_SECONDS_PER_DAY);
  gint64 secs = t - days * RH_SECONDS_PER_DAY;
  gint64 year;
  int month, day;

  civil_from_days (days, &year, &month, &day);
  if (year >= 0 && year <= 9999)
    {
      o = put_2 (o, (int)(year / 100));
      o = put_2 (o, (int)(year % 100));
    }
  else
    {
      gint64 a = year < 0 ? -year : year;

      *o++ = year < 0 ? '-' : '+';
      o = put_2 (o, (int)(a / 10000 % 100));
      o = put_2 (o, (int)(a / 100 % 100));
      o = put_2 (o, (int)(a % 100));
    }
  *o++ = '-';
  o = put_2 (o, month);
  *o++ = '-';
  o = put_2 (o, day);
  *o++ = 'T';
  o = put_2 (o, (int)(secs / 3600));
  *o++ = ':';
  o = put_2 (o, (int)(secs / 60 % 60));
  *o++ = ':';
  o = put_2 (o, (int)(secs % 60));
  *o++ = 'Z';
  return o;
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Cuts "card_id,reviewed_at,rating" into its three fields, in place. */
static void
split_fields (Replay  *replay,
              char    *line,
              char    *end,
              char   **id,
              gsize   *id_len,
              char   **at,
              gsize   *at_len,
              char   **rating_text)
{
  char *comma;

  *id = line;
  comma = memchr (*id, ',', (gsize)(end - *id));
  if (comma == NULL)
    fail_line (replay, "expected card_id,reviewed_at,rating");
  *comma = '\0';
  *id_len = (gsize)(comma - *id);
  *at = comma + 1;
  comma = memchr (*at, ',', (gsize)(end - *at));
  if (comma == NULL)
    fail_line (replay, "expected card_id,reviewed_at,rating");
  *comma = '\0';
  *at_len = (gsize)(comma - *at);
  *rating_text = comma + 1;
  if (memchr (*rating_text, ',', (gsize)(end - *rating_text)) != NULL)
    fail_line (replay, "too many fields: expected card_id,reviewed_at,rating");
  if (*id_len == 0)
    fail_line (replay, "the card id is empty");
}

/* One output line: the event as read, then the state after it. */
static void
write_result (Replay            *replay,
              const char        *id,
              gsize              id_len,
              const char        *at,
              gsize              at_len,
              char               rating,
              const RhCardState *after)
{
  static const char *state_names[] = { "new", "learning", "review", "relearning" };
  char *o = replay->out + replay->out_len;

  o = put_str (o, id, id_len);
  *o++ = ',';
  o = put_str (o, at, at_len);
  *o++ = ',';
  *o++ = rating;
  *o++ = ',';
  o = put_str (o, state_names[after->state], strlen (state_names[after->state]));
  *o++ = ',';
  o = put_int (o, after->step);
  *o++ = ',';
  o = put_fixed6 (o, after->stability);
  *o++ = ',';
  o = put_fixed6 (o, after->difficulty);
  *o++ = ',';
  o = put_int (o, after->scheduled_days);
  *o++ = ',';
  o = put_iso (o, after->due);
  *o++ = '\n';
  replay->out_len = (gsize)(o - replay->out);
  if (replay->out_len >= OUT_LIMIT)
    flush_output (replay);
}

static void
replay_line (Replay *replay,
             char   *line,
             gsize   len)
{
  char *end = line + len;
  char *id, *at, *rating_text;
  gsize id_len, at_len;
  const char *problem;
  gint64 now;
  RhRating rating;
  Card *card;
  RhCardState after;

  while (line < end && is_space (*line))
    line++;
  while (end > line && is_space (end[-1]))
    end--;
  if (line == end || *line == '#')
    return;
  if (end - line > MAX_LINE)
    fail_line (replay, "the line is longer than %d bytes", MAX_LINE);
  *end = '\0';

  split_fields (replay, line, end, &id, &id_len, &at, &at_len, &rating_text);
  problem = parse_timestamp (at, &now);
  if (problem != NULL)
    fail_line (replay, "bad timestamp “%s”: %s", at, problem);
  if (rating_text[0] < '1' || rating_text[0] > '4' || rating_text[1] != '\0')
    fail_line (replay, "rating “%s” is not 1 (again), 2 (hard), 3 (good) or 4 (easy)", rating_text);
  rating = (RhRating)(rating_text[0] - '0');

  card = g_hash_table_lookup (replay->cards, id);
  if (card == NULL)
    {
      card = g_malloc (sizeof (Card) + id_len + 1);
      memcpy (card->id, id, id_len + 1);
      rh_card_state_init_new (&card->state, now);
      g_hash_table_insert (replay->cards, card->id, card);
    }
  else if (now < card->state.last_review)
    {
      fail_line (replay, "card “%s” goes back in time: %s is before its previous review", id, at);
    }

  rh_scheduler_next (replay->scheduler, &card->state, now, rating,
                     replay->fuzz ? rh_scheduler_fuzz_seed (card->id, card->state.reps) : 0,
                     &after);
  card->state = after;
  write_result (replay, id, id_len, at, at_len, rating_text[0], &after);
}

static void
replay_stream (Replay *replay,
               int     fd)
{
  g_autofree char *buffer = g_malloc (IN_CHUNK + MAX_LINE + 1);
  gsize kept = 0;

  for (;;)
    {
      gssize got = read (fd, buffer + kept, IN_CHUNK);
      char *start = buffer;
      char *limit;
      char *nl;

      if (got < 0)
        {
          if (errno == EINTR)
            continue;
          fprintf (stderr, "fsrs-replay: cannot read the input: %s\n", g_strerror (errno));
          exit (1);
        }
      limit = buffer + kept + got;
      if (got == 0)
        {
          if (kept > 0)
            {
              replay->line_number++;
              replay_line (replay, buffer, kept);
            }
          return;
        }

      while ((nl = memchr (start, '\n', (gsize)(limit - start))) != NULL)
        {
          replay->line_number++;
          replay_line (replay, start, (gsize)(nl - start));
          start = nl + 1;
        }
      kept = (gsize)(limit - start);
      if (kept > MAX_LINE)
        {
          replay->line_number++;
          fail_line (replay, "the line is longer than %d bytes", MAX_LINE);
        }
      memmove (buffer, start, kept);
    }
}

static void
parse_params (const char *option,
              const char *text,
              double      w[RH_FSRS_N_PARAMS])
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  guint n = g_strv_length (parts);

  if (n != RH_FSRS_N_PARAMS)
    fail_option (option, "expected %d comma-separated numbers, got %u", RH_FSRS_N_PARAMS, n);
  for (guint i = 0; i < n; i++)
    {
      char *end = NULL;
      g_autofree char *item = g_strstrip (g_strdup (parts[i]));

      errno = 0;
      w[i] = g_ascii_strtod (item, &end);
      if (item[0] == '\0' || *end != '\0' || errno != 0 || !isfinite (w[i]))
        fail_option (option, "w%u “%s” is not a number", i, parts[i]);
    }
}

static double
parse_double (const char *option,
              const char *text)
{
  char *end = NULL;
  double value;

  errno = 0;
  value = g_ascii_strtod (text, &end);
  if (text[0] == '\0' || *end != '\0' || errno != 0 || !isfinite (value))
    fail_option (option, "“%s” is not a number", text);
  return value;
}

static gint64
parse_int (const char *option,
           const char *text,
           gint64      min,
           gint64      max)
{
  gint64 value;
  g_autoptr(GError) error = NULL;

  if (!g_ascii_string_to_signed (text, 10, min, max, &value, &error))
    fail_option (option, "“%s” is not a whole number from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT,
                 text, min, max);
  return value;
}

static void
usage (FILE *out)
{
  fputs ("Usage: fsrs-replay [OPTION…] < events.csv\n"
         "Replays card_id,reviewed_at,rating lines through the scheduler and prints\n"
         "card_id,reviewed_at,rating,state,step,stability,difficulty,scheduled_days,due\n"
         "\n"
         "  --retention R           desired retention, 0.70 to 0.99 (0.90)\n"
         "  --max-interval N        maximum interval in days (36500)\n"
         "  --learning-steps S      such as \"1m 10m\" or \"1m,10m\"; '' for none (1m 10m)\n"
         "  --relearning-steps S    the same for lapses (10m)\n"
         "  --params w0,...,w20     the 21 FSRS-6 parameters\n"
         "  --rollover-hour H       hour the study day starts, local time (4)\n"
         "  --fuzz                  fuzz intervals, seeded by card id and review count\n",
         out);
}

/* The local zone, or NULL when it is UTC: study days then cost no zone
 * lookup per event. */
static GTimeZone *
local_zone_unless_utc (void)
{
  static const char *utc_names[] = {
    "UTC", "UTC0", "Etc/UTC", "GMT", "GMT0", "Etc/GMT", "Universal", "Etc/Universal",
    "Zulu", "Etc/Zulu", "UCT", "Etc/UCT", "Z",
  };
  GTimeZone *zone = g_time_zone_new_local ();
  const char *name = g_time_zone_get_identifier (zone);

  for (guint i = 0; i < G_N_ELEMENTS (utc_names); i++)
    if (g_strcmp0 (name, utc_names[i]) == 0)
      {
        g_time_zone_unref (zone);
        return NULL;
      }
  return zone;
}

/* One "--option value": into @config, or a message and exit 2. */
static void
apply_option (RhSchedulerConfig *config,
              const char        *option,
              const char        *value)
{
  if (strcmp (option, "--retention") != 0 && strcmp (option, "--max-interval") != 0 &&
      strcmp (option, "--learning-steps") != 0 && strcmp (option, "--relearning-steps") != 0 &&
      strcmp (option, "--params") != 0 && strcmp (option, "--rollover-hour") != 0)
    fail_option (option, "unknown option (see --help)");
  if (value == NULL)
    fail_option (option, "a value is missing");

  if (strcmp (option, "--retention") == 0)
    {
      config->desired_retention = parse_double (option, value);
      if (config->desired_retention < RH_SCHEDULER_MIN_RETENTION - 1e-9 ||
          config->desired_retention > RH_SCHEDULER_MAX_RETENTION + 1e-9)
        fail_option (option, "%s is out of range: use 0.70 to 0.99", value);
    }
  else if (strcmp (option, "--max-interval") == 0)
    config->maximum_interval = (int)parse_int (option, value, 1, 36500);
  else if (strcmp (option, "--rollover-hour") == 0)
    config->rollover_hour = (int)parse_int (option, value, 0, 23);
  else if (strcmp (option, "--params") == 0)
    parse_params (option, value, config->w);
  else
    {
      gboolean learning = strcmp (option, "--learning-steps") == 0;
      g_autoptr(GError) error = NULL;

      if (!rh_scheduler_parse_steps (value,
                                     learning ? config->learning_steps : config->relearning_steps,
                                     learning ? &config->n_learning_steps : &config->n_relearning_steps,
                                     &error))
        fail_option (option, "%s", error->message);
    }
}

/* The command line into @config; exits on --help and on a bad option. */
static void
parse_arguments (int                 argc,
                 char               *argv[],
                 RhSchedulerConfig  *config)
{
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];
      g_autofree char *option = NULL;
      const char *value = NULL;
      const char *eq;

      if (strcmp (arg, "--help") == 0 || strcmp (arg, "-h") == 0)
        {
          usage (stdout);
          exit (0);
        }
      if (strcmp (arg, "--fuzz") == 0)
        {
          config->fuzz = TRUE;
          continue;
        }
      if (!g_str_has_prefix (arg, "--"))
        fail_option (arg, "unexpected argument; the events are read from standard input");

      eq = strchr (arg, '=');
      option = eq != NULL ? g_strndup (arg, (gsize)(eq - arg)) : g_strdup (arg);
      if (eq != NULL)
        value = eq + 1;
      else if (i + 1 < argc)
        value = argv[++i];
      apply_option (config, option, value);
    }
}

int
main (int   argc,
      char *argv[])
{
  RhSchedulerConfig config;
  Replay replay = { 0 };
  g_autoptr(GTimeZone) zone = NULL;

  rh_scheduler_config_init_default (&config);
  config.fuzz = FALSE;
  parse_arguments (argc, argv, &config);

  zone = local_zone_unless_utc ();
  config.timezone = zone;

  replay.scheduler = rh_scheduler_new (&config);
  replay.fuzz = config.fuzz;
  replay.cards = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  /* Room for a whole output line past the flush limit. */
  replay.out = g_malloc (OUT_LIMIT + 2 * MAX_LINE + 256);

  replay_stream (&replay, STDIN_FILENO);
  flush_output (&replay);
  if (fflush (stdout) != 0)
    {
      fprintf (stderr, "fsrs-replay: cannot write the output: %s\n", g_strerror (errno));
      return 1;
    }

  g_hash_table_unref (replay.cards);
  g_free (replay.out);
  rh_scheduler_unref (replay.scheduler);
  return 0;
}
