/* rh-progress-file.c: the text format of review history (export, import, sync)
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One event per line, comma-separated, after a header line that names the
 * format and its version (docs/progress-format.md):
 *
 *   # rehearse-progress 1
 *   python-interview/gil,2026-01-01T09:30:00Z,3,3fa9c2d1e0b4a7f6-00000000002a,5400,learn,
 *
 * The first three columns are those fsrs-replay (and the reference
 * oracle) read.  Everything here is read as if hostile: every field is
 * checked, and a problem is reported as "file:line: what".
 */
#define G_LOG_DOMAIN "rehearse-progress"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rh-progress-file.h"
#include "rh-store.h"

/* A line longer than this is not an event of ours. */
#define MAX_LINE 1024
/* Card ids are slugs: "deck/card", far shorter than this. */
#define MAX_CARD_ID 200
/* An answer that took longer than a day was not timed. */
#define MAX_DURATION_MS (24 * 3600 * 1000)

G_DEFINE_QUARK (rh-progress-error-quark, rh_progress_error)

void
rh_progress_batch_init (RhProgressBatch *batch)
{
  memset (batch, 0, sizeof *batch);
  batch->events = g_array_new (FALSE, TRUE, sizeof (RhReview));
  g_array_set_clear_func (batch->events, (GDestroyNotify)rh_review_clear);
  batch->lines = g_array_new (FALSE, FALSE, sizeof (guint));
}

void
rh_progress_batch_clear (RhProgressBatch *batch)
{
  g_clear_pointer (&batch->events, g_array_unref);
  g_clear_pointer (&batch->lines, g_array_unref);
}

/* --- Times ------------------------------------------------------------------ */

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil): no time zone database, no allocation per line. */
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

static int
digits (const char *p,
        int         n)
{
  int value = 0;

  for (int i = 0; i < n; i++)
    {
      if (p[i] < '0' || p[i] > '9')
        return -1;
      value = value * 10 + (p[i] - '0');
    }
  return value;
}

/* "2026-01-01T09:30:00Z", years 1970 to 2999: later is a clock gone wrong,
 * and due dates a century after it must still be dates. */
static gboolean
parse_time (const char *p,
            gsize       len,
            gint64     *time)
{
  static const int month_days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  int y, mo, d, h, mi, s;

  if (len != 20 || p[4] != '-' || p[7] != '-' || p[10] != 'T' || p[13] != ':' || p[16] != ':' ||
      p[19] != 'Z')
    return FALSE;
  y = digits (p, 4);
  mo = digits (p + 5, 2);
  d = digits (p + 8, 2);
  h = digits (p + 11, 2);
  mi = digits (p + 14, 2);
  s = digits (p + 17, 2);
  if (y < 1970 || y > 2999 || mo < 1 || mo > 12 || d < 1 || d > month_days[mo - 1] || h < 0 || h > 23 ||
      mi < 0 || mi > 59 || s < 0 || s > 59)
    return FALSE;
  if (mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
    return FALSE;
  *time = days_from_civil (y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
  return TRUE;
}

static void
append_time (GString *out,
             gint64   time)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (time);

  if (date == NULL)
    date = g_date_time_new_from_unix_utc (0);
  g_string_append_printf (out, "%04d-%02d-%02dT%02d:%02d:%02dZ",
                          g_date_time_get_year (date), g_date_time_get_month (date),
                          g_date_time_get_day_of_month (date), g_date_time_get_hour (date),
                          g_date_time_get_minute (date), g_date_time_get_second (date));
}

/* --- Lines ------------------------------------------------------------------- */

/* A card id as decks give them: printable UTF-8, no comma, no spaces at
 * either end. */
static gboolean
valid_card_id (const char *p,
               gsize       len)
{
  if (len == 0 || len > MAX_CARD_ID || !g_utf8_validate_len (p, len, NULL) ||
      g_ascii_isspace (p[0]) || g_ascii_isspace (p[len - 1]))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if ((guchar)p[i] < 0x20 || p[i] == 0x7f || p[i] == ',')
      return FALSE;
  return TRUE;
}

static gboolean
parse_int_field (const char *p,
                 gsize       len,
                 gint64      max,
                 gint64     *value)
{
  gint64 v = 0;

  /* One way to write a number: no sign, no leading zeros. */
  if (len == 0 || len > 18 || (len > 1 && p[0] == '0'))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (p[i] < '0' || p[i] > '9')
        return FALSE;
      v = v * 10 + (p[i] - '0');
    }
  if (v > max)
    return FALSE;
  *value = v;
  return TRUE;
}

/* One event line (no newline) into @event; NULL, or what is wrong. */
static const char *
parse_event (const char *line,
             gsize       len,
             RhReview   *event)
{
  const char *field[7];
  gsize flen[7];
  guint n = 0;
  const char *start = line;
  gint64 value;

  for (gsize i = 0; i <= len; i++)
    if (i == len || line[i] == ',')
      {
        if (n == G_N_ELEMENTS (field))
          return _("more than 7 columns");
        field[n] = start;
        flen[n] = (gsize)(line + i - start);
        n++;
        start = line + i + 1;
      }
  if (n != G_N_ELEMENTS (field))
    return _("expected 7 columns: card_id,reviewed_at,rating,review_id,duration_ms,kind,target");

  memset (event, 0, sizeof *event);
  if (!valid_card_id (field[0], flen[0]))
    return _("the card id is empty, too long or not printable text");
  if (!parse_time (field[1], flen[1], &event->reviewed_at))
    return _("the time is not a UTC time such as 2026-01-01T09:30:00Z");
  if (!parse_int_field (field[2], flen[2], 4, &value))
    return _("the rating is not 0 to 4");
  event->rating = (int)value;
  if (!rh_review_id_parse (field[3], flen[3], &event->uid))
    return _("the review id is not 16 and 12 lower-case hex digits joined by “-”");
  if (!parse_int_field (field[4], flen[4], MAX_DURATION_MS, &value))
    return _("the duration is not a number of milliseconds up to a day");
  event->duration_ms = (int)value;
  if (!rh_review_kind_from_string (field[5], flen[5], &event->kind))
    return _("the kind is not learn, review, relearn, practice, reset, undo, redo, suspend or unsuspend");
  if ((event->kind <= RH_REVIEW_PRACTICE) != (event->rating >= 1))
    return event->rating == 0 ? _("an answer needs a rating from 1 to 4")
                              : _("only answers have a rating: this kind takes 0");
  if (event->kind == RH_REVIEW_UNDO || event->kind == RH_REVIEW_REDO)
    {
      if (!rh_review_id_parse (field[6], flen[6], &event->target))
        return _("an undo or redo needs the review id it acts on");
    }
  else if (flen[6] != 0)
    {
      return _("only an undo or redo has a target");
    }
  event->card_id = g_strndup (field[0], flen[0]);
  return NULL;
}

/* The header: "# rehearse-progress N". */
static gboolean
check_header (const char  *line,
              gsize        len,
              const char  *name,
              GError     **error)
{
  static const char prefix[] = "# rehearse-progress ";
  gint64 version;

  if (len > strlen (prefix) && memcmp (line, prefix, strlen (prefix)) == 0 &&
      parse_int_field (line + strlen (prefix), len - strlen (prefix), G_MAXINT32, &version))
    {
      if (version == RH_PROGRESS_VERSION)
        return TRUE;
      if (version > RH_PROGRESS_VERSION)
        {
          g_set_error (error, RH_PROGRESS_ERROR, RH_PROGRESS_ERROR_TOO_NEW,
                       _("%s: written by a newer Rehearse (progress format %d; this version reads "
                         "format %d). Update Rehearse to read it."),
                       name, (int)version, RH_PROGRESS_VERSION);
          return FALSE;
        }
    }
  g_set_error (error, RH_PROGRESS_ERROR, RH_PROGRESS_ERROR_NOT_PROGRESS,
               _("%s:1: not a Rehearse progress file (its first line is not “%s”)"),
               name, RH_PROGRESS_HEADER);
  return FALSE;
}

/* Parses the events in @data (from a file's start when @at_start, where
 * the header is).  With @allow_partial, a last line without its newline is
 * left for later (a file still being synced); otherwise it is read too.
 * @first_line numbers the first line of @data.  On any line that is not an
 * event, FALSE with "name:line: what"; @batch then holds what came before. */
gboolean
rh_progress_parse (const char      *data,
                   gsize            length,
                   gboolean         at_start,
                   gboolean         allow_partial,
                   const char      *name,
                   guint            first_line,
                   RhProgressBatch *batch,
                   GError         **error)
{
  gsize pos = 0;
  guint line_number = first_line;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  /* A byte order mark some editors add. */
  if (at_start && length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    pos = 3;
  while (pos < length)
    {
      const char *line = data + pos;
      const char *nl = memchr (line, '\n', length - pos);
      gsize raw_len = nl != NULL ? (gsize)(nl - line) : length - pos;
      gsize len = raw_len;
      const char *problem;
      RhReview event;

      if (nl == NULL && allow_partial)
        break;
      if (len > 0 && line[len - 1] == '\r')
        len--;
      if (len > MAX_LINE)
        problem = _("the line is too long");
      else
        {
          if (memchr (line, '\0', len) != NULL)
            problem = _("the line holds a NUL byte");
          else if (line_number == 1 && at_start)
            {
              if (!check_header (line, len, name, error))
                return FALSE;
              problem = NULL;
            }
          else if (len == 0 || line[0] == '#')
            problem = NULL;
          else if ((problem = parse_event (line, len, &event)) == NULL)
            {
              g_array_append_val (batch->events, event);
              g_array_append_val (batch->lines, line_number);
            }
        }
      if (problem != NULL)
        {
          g_set_error (error, RH_PROGRESS_ERROR, RH_PROGRESS_ERROR_SYNTAX, "%s:%u: %s",
                       name, line_number, problem);
          return FALSE;
        }
      pos += raw_len + (nl != NULL ? 1 : 0);
      batch->consumed = pos;
      batch->n_lines++;
      line_number++;
    }
  /* Nothing whole yet (a file that is still arriving) is not an error;
   * nothing at all, in a file read whole, is. */
  if (at_start && line_number == first_line && !allow_partial)
    {
      g_set_error (error, RH_PROGRESS_ERROR, RH_PROGRESS_ERROR_NOT_PROGRESS,
                   _("%s: the file is empty, not a Rehearse progress file"), name);
      return FALSE;
    }
  return TRUE;
}

/* Reads @fd from @offset to its end into a new buffer, at most @limit
 * bytes (more is an error).  Not mapped: a file that a sync engine
 * truncates meanwhile must not crash the reader. */
gboolean
rh_progress_read_fd (int          fd,
                     gint64       offset,
                     gint64       limit,
                     const char  *name,
                     char       **data,
                     gsize       *length,
                     GError     **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  guint8 chunk[65536];

  for (;;)
    {
      gssize got = pread (fd, chunk, sizeof chunk, offset + (gint64)buffer->len);

      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          int saved = errno;

          g_set_error (error, RH_PROGRESS_ERROR, RH_PROGRESS_ERROR_FILE,
                       _("%s: cannot be read (%s)"), name, g_strerror (saved));
          return FALSE;
        }
      if (got == 0)
        break;
      if ((gint64)buffer->len + got > limit)
        {
          g_autofree char *size = g_format_size ((guint64)limit);

          g_set_error (error, RH_PROGRESS_ERROR, RH_PROGRESS_ERROR_FILE,
                       _("%s: too large for a progress file (more than %s)"), name, size);
          return FALSE;
        }
      g_byte_array_append (buffer, chunk, (guint)got);
    }
  *length = buffer->len;
  g_byte_array_append (buffer, (const guint8 *)"", 1);
  *data = (char *)g_byte_array_free (g_steal_pointer (&buffer), FALSE);
  return TRUE;
}

/* Opens @path for reading if it is a regular file: -1 and an error if not
 * (a FIFO or a device must neither block nor be read without end). */
int
rh_progress_open (const char  *path,
                  GError     **error)
{
  struct stat st;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, RH_PROGRESS_ERROR, RH_PROGRESS_ERROR_FILE,
                   _("%s: cannot be read (%s)"), path, g_strerror (saved));
      return -1;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, RH_PROGRESS_ERROR, RH_PROGRESS_ERROR_FILE,
                   _("%s: not a regular file"), path);
      return -1;
    }
  return fd;
}

/* Before reading a whole file: its size, and its first line. */
gboolean
rh_progress_check_start (int          fd,
                         const char  *name,
                         GError     **error)
{
  char start[64];
  struct stat st;
  gssize got;
  gsize skip = 0;
  gsize len;
  const char *nl;

  if (fstat (fd, &st) == 0 && st.st_size > RH_PROGRESS_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size ((guint64)RH_PROGRESS_MAX_FILE_SIZE);

      g_set_error (error, RH_PROGRESS_ERROR, RH_PROGRESS_ERROR_FILE,
                   _("%s: too large for a progress file (more than %s)"), name, size);
      return FALSE;
    }
  got = pread (fd, start, sizeof start, 0);
  if (got <= 0)
    return TRUE;   /* empty, or unreadable: the whole read says which */
  if (got >= 3 && memcmp (start, "\xef\xbb\xbf", 3) == 0)
    skip = 3;
  nl = memchr (start + skip, '\n', (gsize)got - skip);
  if (nl == NULL && (gsize)got < sizeof start)
    return TRUE;   /* one line only: the parse says what it is */
  len = nl != NULL ? (gsize)(nl - start) - skip : (gsize)got - skip;
  if (len > 0 && start[skip + len - 1] == '\r')
    len--;
  return check_header (start + skip, len, name, error);
}

/* Reads a whole progress file (an import): a regular file, under the size
 * limit, every line an event. */
gboolean
rh_progress_read_file (const char      *path,
                       RhProgressBatch *batch,
                       GError         **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  gboolean ok;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);

  fd = rh_progress_open (path, error);
  if (fd < 0)
    return FALSE;
  /* The first line and the size say most refusals without reading the
   * whole file into memory. */
  if (!rh_progress_check_start (fd, path, error))
    {
      close (fd);
      return FALSE;
    }
  ok = rh_progress_read_fd (fd, 0, RH_PROGRESS_MAX_FILE_SIZE, path, &data, &length, error);
  close (fd);
  return ok && rh_progress_parse (data, length, TRUE, FALSE, path, 1, batch, error);
}

/* One event as a line. */
void
rh_progress_append (GString        *out,
                    const RhReview *event)
{
  char uid[RH_REVIEW_ID_LENGTH + 1];

  g_string_append (out, event->card_id);
  g_string_append_c (out, ',');
  append_time (out, event->reviewed_at);
  rh_review_id_format (&event->uid, uid);
  g_string_append_printf (out, ",%d,%s,%d,%s,", event->rating, uid, MAX (event->duration_ms, 0),
                          rh_review_kind_to_string (event->kind));
  if (event->kind == RH_REVIEW_UNDO || event->kind == RH_REVIEW_REDO)
    {
      rh_review_id_format (&event->target, uid);
      g_string_append (out, uid);
    }
  g_string_append_c (out, '\n');
}
