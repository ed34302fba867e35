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
 *
 * An input whose first line is `# rehearse-progress 1` is a progress log,
 * the app's format for exporting and merging review history:
 *
 *   card_id,reviewed_at,rating,review_id,duration_ms,kind,target
 *
 * read whole (it is a set: any order, duplicates counted once), undo and
 * redo settled, then each card's events replayed in time order.  This
 * mode is written from the format's specification alone, not from the
 * app's merge code, because the tests hold that code to it.
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

typedef struct _Log Log;
typedef struct _Replay Replay;
typedef void (*LineFunc) (Replay *replay,
                          char   *line,
                          gsize   len);

struct _Replay {
  RhScheduler *scheduler;
  gboolean fuzz;
  gboolean final;           /* --final: each card's last line only */
  GHashTable *cards;        /* id -> Card, the key inside the value */
  guint64 line_number;
  LineFunc handle_line;     /* first_line, then the mode's own */
  Log *log;                 /* NULL unless the input is a progress log */
  char *out;
  gsize out_len;
};

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

/* The message is freed by hand: exit() runs no g_autofree, and under
 * LeakSanitizer a leak report would follow the message. */
static void G_GNUC_NORETURN G_GNUC_PRINTF (2, 3)
fail_line (Replay     *replay,
           const char *format,
           ...)
{
  char *message;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  flush_output (replay);
  fflush (stdout);
  fprintf (stderr, "fsrs-replay: line %" G_GUINT64_FORMAT ": %s\n", replay->line_number, message);
  g_free (message);
  exit (1);
}

static void G_GNUC_NORETURN G_GNUC_PRINTF (2, 3)
fail_option (const char *option,
             const char *format,
             ...)
{
  char *message;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "fsrs-replay: %s: %s\n", option, message);
  g_free (message);
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

/* --- The progress log ------------------------------------------------------ */

#define PROGRESS_HEADER  "# rehearse-progress"
#define LOG_COLUMNS      "card_id,reviewed_at,rating,review_id,duration_ms,kind,target"
#define N_LOG_FIELDS     7
#define REVIEW_ID_FORMAT "16 lowercase hex digits, '-', 12 lowercase hex digits"

typedef enum {
  KIND_LEARN,
  KIND_REVIEW,
  KIND_RELEARN,
  KIND_PRACTICE,
  KIND_RESET,
  KIND_UNDO,
  KIND_REDO,
  KIND_SUSPEND,
  KIND_UNSUSPEND,
} Kind;

static const char *kind_names[] = {
  "learn", "review", "relearn", "practice", "reset", "undo", "redo", "suspend", "unsuspend",
};

/* "an undo", "a redo": for messages that start with the kind. */
static const char *
article (Kind kind)
{
  return kind == KIND_UNDO || kind == KIND_UNSUSPEND ? "an" : "a";
}

/* Grades, practice and resets: the events that make a card's history, and
 * the only ones undo and redo may target. */
#define IS_HISTORY(kind) ((kind) <= KIND_RESET)
#define IS_GRADE(kind)   ((kind) <= KIND_RELEARN)

/* A review_id as two numbers.  Both parts have a fixed width in lowercase
 * hex, so the numbers order as the text does, as the sort wants. */
typedef struct {
  guint64 device;
  guint64 seq;
} ReviewId;

typedef struct {
  ReviewId id;
  ReviewId target;          /* undo and redo; zero for the other kinds */
  gint64 at;
  gint64 duration_ms;
  guint64 line;             /* where it was first read, for messages */
  guint32 card;             /* index into Log.card_ids */
  guint32 undos;            /* distinct undo events targeting it */
  guint32 redos;
  guint8 kind;
  guint8 rating;
} Event;

struct _Log {
  GArray *events;           /* Event, in the order first read */
  GPtrArray *card_ids;      /* char *, by card index */
  GHashTable *card_index;   /* card id (from card_ids) -> its index */
  guint32 *slots;           /* review_id -> event index + 1; 0 is empty */
  gsize n_slots;            /* a power of two, at least twice the events */
};

static Log *
log_new (void)
{
  Log *progress = g_new0 (Log, 1);

  progress->events = g_array_sized_new (FALSE, FALSE, sizeof (Event), 1024);
  progress->card_ids = g_ptr_array_new_with_free_func (g_free);
  progress->card_index = g_hash_table_new (g_str_hash, g_str_equal);
  progress->n_slots = 2048;
  progress->slots = g_new0 (guint32, progress->n_slots);
  return progress;
}

static void
log_free (Log *progress)
{
  g_array_unref (progress->events);
  g_hash_table_unref (progress->card_index);
  g_ptr_array_unref (progress->card_ids);
  g_free (progress->slots);
  g_free (progress);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Log, log_free)

#define EVENT(progress, i) (&g_array_index ((progress)->events, Event, (i)))

#define REVIEW_ID_SIZE 30

static const char *
format_review_id (const ReviewId *id,
                  char            text[REVIEW_ID_SIZE])
{
  g_snprintf (text, REVIEW_ID_SIZE, "%016" G_GINT64_MODIFIER "x-%012" G_GINT64_MODIFIER "x",
              id->device, id->seq);
  return text;
}

static gsize
review_id_hash (const ReviewId *id)
{
  guint64 h = id->device * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) ^ id->seq;

  h ^= h >> 32;
  h *= G_GUINT64_CONSTANT (0xd6e8feb86659fd93);
  h ^= h >> 32;
  return (gsize)h;
}

/* The slot holding @id, or the empty slot where it would go. */
static gsize
find_slot (const Log      *progress,
           const ReviewId *id)
{
  gsize mask = progress->n_slots - 1;

  for (gsize i = review_id_hash (id) & mask;; i = (i + 1) & mask)
    {
      const Event *event;

      if (progress->slots[i] == 0)
        return i;
      event = EVENT (progress, progress->slots[i] - 1);
      if (event->id.device == id->device && event->id.seq == id->seq)
        return i;
    }
}

/* Half full at most, so that a miss ends soon. */
static void
grow_slots (Log *progress)
{
  g_autofree guint32 *old = progress->slots;
  gsize n_old = progress->n_slots;

  progress->n_slots *= 2;
  progress->slots = g_new0 (guint32, progress->n_slots);
  for (gsize i = 0; i < n_old; i++)
    if (old[i] != 0)
      progress->slots[find_slot (progress, &EVENT (progress, old[i] - 1)->id)] = old[i];
}

static guint32
intern_card (Log        *progress,
             const char *id)
{
  gpointer value;
  char *copy;

  if (g_hash_table_lookup_extended (progress->card_index, id, NULL, &value))
    return GPOINTER_TO_UINT (value);
  copy = g_strdup (id);
  g_ptr_array_add (progress->card_ids, copy);
  g_hash_table_insert (progress->card_index, copy, GUINT_TO_POINTER (progress->card_ids->len - 1));
  return progress->card_ids->len - 1;
}

static gboolean
parse_hex (const char *s,
           int         n,
           guint64    *value)
{
  guint64 v = 0;

  for (int i = 0; i < n; i++)
    {
      if (s[i] >= '0' && s[i] <= '9')
        v = v << 4 | (guint64)(s[i] - '0');
      else if (s[i] >= 'a' && s[i] <= 'f')
        v = v << 4 | (guint64)(s[i] - 'a' + 10);
      else
        return FALSE;
    }
  *value = v;
  return TRUE;
}

static gboolean
parse_review_id (const char *s,
                 ReviewId   *id)
{
  return parse_hex (s, 16, &id->device) && s[16] == '-' && parse_hex (s + 17, 12, &id->seq) &&
         s[29] == '\0';
}

/* The log's times are written one way only, so that the text and the time
 * sort alike; zone offsets and fractions are the plain mode's leniency. */
static const char *
parse_utc_time (const char *s,
                gint64     *unix_time)
{
  if (strlen (s) != 20 || s[19] != 'Z')
    return "expected a UTC time in whole seconds such as 2026-01-01T09:30:00Z";
  return parse_timestamp (s, unix_time);
}

static gboolean
parse_duration (const char *s,
                gint64     *value)
{
  gint64 v = 0;
  int n;

  /* 18 digits cannot overflow a gint64 and are more than any review takes. */
  for (n = 0; g_ascii_isdigit (s[n]); n++)
    if (n < 18)
      v = v * 10 + (s[n] - '0');
  *value = v;
  return n > 0 && n <= 18 && s[n] == '\0';
}

/* Cuts a log line into its seven fields, in place. */
static void
split_log_line (Replay *replay,
                char   *line,
                char   *end,
                char   *fields[N_LOG_FIELDS])
{
  char *p = line;

  for (int i = 0; i < N_LOG_FIELDS - 1; i++)
    {
      char *comma = memchr (p, ',', (gsize)(end - p));

      if (comma == NULL)
        fail_line (replay, "expected %d fields: " LOG_COLUMNS, N_LOG_FIELDS);
      *comma = '\0';
      fields[i] = p;
      p = comma + 1;
    }
  if (memchr (p, ',', (gsize)(end - p)) != NULL)
    fail_line (replay, "too many fields: expected " LOG_COLUMNS);
  fields[N_LOG_FIELDS - 1] = p;
}

/* The rating and the target each kind allows. */
static void
check_kind (Replay     *replay,
            Event      *event,
            const char *rating_text,
            const char *target_text)
{
  const char *kind = kind_names[event->kind];
  const char *a = article (event->kind);

  if (IS_GRADE (event->kind) || event->kind == KIND_PRACTICE)
    {
      if (event->rating < 1)
        fail_line (replay, "%s %s event needs a rating from 1 (again) to 4 (easy), not “%s”",
                   a, kind, rating_text);
    }
  else if (event->rating != 0)
    fail_line (replay, "%s %s event has rating 0, not “%s”", a, kind, rating_text);

  if (event->kind == KIND_UNDO || event->kind == KIND_REDO)
    {
      if (target_text[0] == '\0')
        fail_line (replay, "%s %s event needs a target: the review_id of a grade, practice or reset",
                   a, kind);
      if (!parse_review_id (target_text, &event->target))
        fail_line (replay, "target “%s” is not a review_id (" REVIEW_ID_FORMAT ")", target_text);
    }
  else if (target_text[0] != '\0')
    fail_line (replay, "%s %s event has no target, yet it has “%s”", a, kind, target_text);
}

/* The fields of one line into @event; the card stays a name until the
 * event is known to be new. */
static void
parse_event (Replay *replay,
             char   *fields[N_LOG_FIELDS],
             Event  *event)
{
  const char *problem;
  const char *rating = fields[2];

  memset (event, 0, sizeof *event);
  event->line = replay->line_number;
  if (fields[0][0] == '\0')
    fail_line (replay, "the card id is empty");
  problem = parse_utc_time (fields[1], &event->at);
  if (problem != NULL)
    fail_line (replay, "bad timestamp “%s”: %s", fields[1], problem);
  if (rating[0] < '0' || rating[0] > '4' || rating[1] != '\0')
    fail_line (replay, "rating “%s” is not 0 to 4", rating);
  event->rating = (guint8)(rating[0] - '0');
  if (!parse_review_id (fields[3], &event->id))
    fail_line (replay, "review_id “%s” is not " REVIEW_ID_FORMAT, fields[3]);
  if (!parse_duration (fields[4], &event->duration_ms))
    fail_line (replay, "duration_ms “%s” is not a whole number of milliseconds, 0 or more", fields[4]);
  for (event->kind = 0; event->kind < G_N_ELEMENTS (kind_names); event->kind++)
    if (strcmp (fields[5], kind_names[event->kind]) == 0)
      break;
  if (event->kind == G_N_ELEMENTS (kind_names))
    fail_line (replay, "unknown kind “%s”: expected learn, review, relearn, practice, reset, "
                       "undo, redo, suspend or unsuspend", fields[5]);
  check_kind (replay, event, rating, fields[6]);
}

/* The first field in which two events with the same review_id differ, or
 * NULL when they are the same event. */
static const char *
difference (const Log   *progress,
            const Event *first,
            const Event *again,
            const char  *again_card)
{
  if (strcmp (g_ptr_array_index (progress->card_ids, first->card), again_card) != 0)
    return "card_id";
  if (first->at != again->at)
    return "reviewed_at";
  if (first->rating != again->rating)
    return "rating";
  if (first->duration_ms != again->duration_ms)
    return "duration_ms";
  /* learn, review and relearn are one kind, a grade: the name only says
   * what the card was, and a computer that replayed it after a merge can
   * name it otherwise. */
  if (first->kind != again->kind &&
      !(first->kind <= KIND_RELEARN && again->kind <= KIND_RELEARN))
    return "kind";
  if (first->target.device != again->target.device || first->target.seq != again->target.seq)
    return "target";
  return NULL;
}

/* Into the set: a line seen before is the same event, once. */
static void
add_event (Replay     *replay,
           Event      *event,
           const char *card_id)
{
  Log *progress = replay->log;
  gsize slot = find_slot (progress, &event->id);

  if (progress->slots[slot] != 0)
    {
      const Event *first = EVENT (progress, progress->slots[slot] - 1);
      const char *field = difference (progress, first, event, card_id);

      if (field != NULL)
        {
          char id[REVIEW_ID_SIZE];

          fail_line (replay, "review_id %s is on line %" G_GUINT64_FORMAT " with another %s: "
                             "one review_id is one event", format_review_id (&event->id, id),
                     first->line, field);
        }
      return;
    }
  if (progress->events->len >= G_MAXUINT32 - 1)
    fail_line (replay, "more than %u events", G_MAXUINT32 - 2);
  event->card = intern_card (progress, card_id);
  g_array_append_vals (progress->events, event, 1);
  progress->slots[slot] = progress->events->len;
  if (progress->events->len * 2 > progress->n_slots)
    grow_slots (progress);
}

static void
log_line (Replay *replay,
          char   *line,
          gsize   len)
{
  char *end = line + len;
  char *fields[N_LOG_FIELDS];
  Event event;

  while (line < end && is_space (*line))
    line++;
  while (end > line && is_space (end[-1]))
    end--;
  if (line == end || *line == '#')
    return;
  if (end - line > MAX_LINE)
    fail_line (replay, "the line is longer than %d bytes", MAX_LINE);
  *end = '\0';

  split_log_line (replay, line, end, fields);
  parse_event (replay, fields, &event);
  add_event (replay, &event, fields[0]);
}

/* Line 1 says which mode this is: the progress log's header, or else a
 * plain event or comment.  Any version but 1 is refused rather than read
 * as if it were 1: a newer writer may mean something else by a line. */
static void
first_line (Replay *replay,
            char   *line,
            gsize   len)
{
  const char *start = line;
  const char *end = line + len;
  const char *version;
  gsize n;

  while (start < end && is_space (*start))
    start++;
  while (end > start && is_space (end[-1]))
    end--;
  n = (gsize)(end - start);
  if (n < strlen (PROGRESS_HEADER) || memcmp (start, PROGRESS_HEADER, strlen (PROGRESS_HEADER)) != 0)
    {
      if (replay->final)
        fail_option ("--final", "only for a progress log (a first line “" PROGRESS_HEADER " 1”)");
      replay->handle_line = replay_line;
      replay_line (replay, line, len);
      return;
    }

  version = start + strlen (PROGRESS_HEADER);
  n = (gsize)(end - version);
  for (gsize i = 1; i < n; i++)
    if (!g_ascii_isdigit (version[i]))
      n = 0;
  if (n < 2 || version[0] != ' ' || version[1] == '0')
    fail_line (replay, "not a progress log header: expected “" PROGRESS_HEADER " 1”");
  if (n != 2 || version[1] != '1')
    fail_line (replay, "the progress log is format version %.*s, newer than this fsrs-replay "
                       "reads (1); a newer fsrs-replay is needed", (int)MIN (n - 1, 40), version + 1);

  replay->log = log_new ();
  replay->handle_line = log_line;
}

/* Counts each distinct undo and redo on its target; checks that the
 * target, when the log holds it, is one the format allows. */
static void
count_undos (Replay *replay)
{
  Log *progress = replay->log;

  for (guint i = 0; i < progress->events->len; i++)
    {
      const Event *event = EVENT (progress, i);
      gsize slot;
      Event *target;

      if (event->kind != KIND_UNDO && event->kind != KIND_REDO)
        continue;
      slot = find_slot (progress, &event->target);
      /* Not here yet: a later merge may bring it. */
      if (progress->slots[slot] == 0)
        continue;
      target = EVENT (progress, progress->slots[slot] - 1);
      replay->line_number = event->line;
      if (!IS_HISTORY (target->kind))
        fail_line (replay, "%s %s may target a grade, practice or reset, not the %s event on line %"
                           G_GUINT64_FORMAT, article (event->kind), kind_names[event->kind],
                   kind_names[target->kind], target->line);
      if (target->card != event->card)
        fail_line (replay, "this %s of card “%s” targets an event of card “%s” (line %" G_GUINT64_FORMAT ")",
                   kind_names[event->kind], (char *)g_ptr_array_index (progress->card_ids, event->card),
                   (char *)g_ptr_array_index (progress->card_ids, target->card), target->line);
      if (event->kind == KIND_UNDO)
        target->undos++;
      else
        target->redos++;
    }
}

static int
compare_card_ids (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  GPtrArray *card_ids = user_data;

  return strcmp (g_ptr_array_index (card_ids, *(const guint32 *)a),
                 g_ptr_array_index (card_ids, *(const guint32 *)b));
}

/* Replay order within a card: reviewed_at, then review_id. */
static int
compare_events (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const Log *progress = user_data;
  const Event *x = EVENT (progress, *(const guint32 *)a);
  const Event *y = EVENT (progress, *(const guint32 *)b);

  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  if (x->id.device != y->id.device)
    return x->id.device < y->id.device ? -1 : 1;
  if (x->id.seq != y->id.seq)
    return x->id.seq < y->id.seq ? -1 : 1;
  return 0;
}

/* The active grades, practice and resets grouped by card (@starts[c] to
 * @starts[c + 1] in the result), each card's in replay order. */
static guint32 *
active_by_card (Log      *progress,
                guint32 **starts_out)
{
  guint n_cards = progress->card_ids->len;
  g_autofree guint32 *starts = g_new0 (guint32, n_cards + 1);
  g_autofree guint32 *fill = NULL;
  guint32 *active;

  for (guint i = 0; i < progress->events->len; i++)
    {
      const Event *event = EVENT (progress, i);

      if (IS_HISTORY (event->kind) && event->undos <= event->redos)
        starts[event->card + 1]++;
    }
  for (guint c = 0; c < n_cards; c++)
    starts[c + 1] += starts[c];

  active = g_new (guint32, starts[n_cards] + 1);
  fill = g_memdup2 (starts, sizeof (guint32) * (n_cards + 1));
  for (guint i = 0; i < progress->events->len; i++)
    {
      const Event *event = EVENT (progress, i);

      if (IS_HISTORY (event->kind) && event->undos <= event->redos)
        active[fill[event->card]++] = i;
    }
  for (guint c = 0; c < n_cards; c++)
    g_qsort_with_data (active + starts[c], (gint)(starts[c + 1] - starts[c]), sizeof (guint32),
                       compare_events, progress);
  *starts_out = g_steal_pointer (&starts);
  return active;
}

/* One card from new through its active events, printing each, or with
 * --final only the last. */
static void
replay_card (Replay        *replay,
             guint32        card,
             const guint32 *events,
             gsize          n_events)
{
  const Log *progress = replay->log;
  const char *id = g_ptr_array_index (progress->card_ids, card);
  gsize id_len = strlen (id);
  RhCardState state;

  if (n_events == 0)
    return;
  rh_card_state_init_new (&state, EVENT (progress, events[0])->at);
  for (gsize i = 0; i < n_events; i++)
    {
      const Event *event = EVENT (progress, events[i]);
      char at[32];

      if (event->kind == KIND_RESET)
        rh_card_state_init_new (&state, event->at);
      else if (IS_GRADE (event->kind))
        {
          RhCardState after;

          rh_scheduler_next (replay->scheduler, &state, event->at, (RhRating)event->rating,
                             replay->fuzz ? rh_scheduler_fuzz_seed (id, state.reps) : 0, &after);
          state = after;
        }
      if (replay->final && i + 1 < n_events)
        continue;
      write_result (replay, id, id_len, at, (gsize)(put_iso (at, event->at) - at),
                    (char)('0' + event->rating), &state);
    }
}

/* After the last line: settle undo and redo, then replay card by card in
 * card_id order, so that the output depends on the set of events alone
 * and not on the order in which a merge wrote them. */
static void
log_finish (Replay *replay)
{
  g_autoptr(Log) progress = replay->log;
  guint n_cards = progress->card_ids->len;
  g_autofree guint32 *order = g_new (guint32, n_cards + 1);
  g_autofree guint32 *starts = NULL;
  g_autofree guint32 *active = NULL;

  count_undos (replay);
  active = active_by_card (progress, &starts);
  for (guint c = 0; c < n_cards; c++)
    order[c] = c;
  g_qsort_with_data (order, (gint)n_cards, sizeof (guint32), compare_card_ids, progress->card_ids);
  for (guint i = 0; i < n_cards; i++)
    replay_card (replay, order[i], active + starts[order[i]], starts[order[i] + 1] - starts[order[i]]);
  replay->log = NULL;
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
              replay->handle_line (replay, buffer, kept);
            }
          return;
        }

      while ((nl = memchr (start, '\n', (gsize)(limit - start))) != NULL)
        {
          replay->line_number++;
          replay->handle_line (replay, start, (gsize)(nl - start));
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
         "for each line, in the order read.\n"
         "\n"
         "An input whose first line is \"# rehearse-progress 1\" is a progress log of\n"
         "card_id,reviewed_at,rating,review_id,duration_ms,kind,target lines, in any\n"
         "order, duplicates counted once.  Grades (learn, review, relearn), practice and\n"
         "resets that undo and redo leave active are replayed per card in order of\n"
         "reviewed_at, then review_id; each prints the line above (practice: the state\n"
         "unchanged; reset: the state new, rating 0), all of a card's lines together,\n"
         "the cards in card_id order (bytewise).  Cards with no active event print nothing.\n"
         "\n"
         "  --final                 progress log only: each card's last line (its final\n"
         "                          state), in card_id order\n"
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

/* The command line into @config and @final; exits on --help and on a bad
 * option. */
static void
parse_arguments (int                 argc,
                 char               *argv[],
                 RhSchedulerConfig  *config,
                 gboolean           *final)
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
      if (strcmp (arg, "--final") == 0)
        {
          *final = TRUE;
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
  parse_arguments (argc, argv, &config, &replay.final);

  zone = local_zone_unless_utc ();
  config.timezone = zone;

  replay.scheduler = rh_scheduler_new (&config);
  replay.fuzz = config.fuzz;
  replay.cards = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  replay.handle_line = first_line;
  /* Room for a whole output line past the flush limit. */
  replay.out = g_malloc (OUT_LIMIT + 2 * MAX_LINE + 256);

  replay_stream (&replay, STDIN_FILENO);
  if (replay.log != NULL)
    log_finish (&replay);
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
