/* rh-csv.c: records of comma-, semicolon- or tab-separated text (RFC 4180)
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lenient where spreadsheets are (a quote inside an unquoted field is
 * text; CR LF, LF and a lone CR all end a line), strict where a mistake
 * would silently glue cards together: a quote left open, or text after a
 * closing quote, stops the reading at the line of that quote.
 */
#define G_LOG_DOMAIN "rehearse-csv"

#include "config.h"

#include "rh-csv.h"

void
rh_csv_reader_init (RhCsvReader *reader,
                    const char  *text,
                    gsize        len,
                    char         separator,
                    guint        first_line)
{
  g_return_if_fail (reader != NULL);
  g_return_if_fail (text != NULL || len == 0);

  *reader = (RhCsvReader) { text, text + len, separator, first_line };
}

/* Past a line end at @p (CR LF, LF or CR), counting the line. */
static const char *
skip_line_end (RhCsvReader *reader,
               const char  *p)
{
  reader->line++;
  if (*p == '\r' && p + 1 < reader->end && p[1] == '\n')
    return p + 2;
  return p + 1;
}

static gboolean
is_line_end (char c)
{
  return c == '\n' || c == '\r';
}

/* A quoted field from @reader->p (its opening quote) into @field. */
static RhCsvStatus
read_quoted (RhCsvReader *reader,
             GString     *field,
             guint       *quote_line)
{
  const char *p = reader->p + 1;

  *quote_line = reader->line;
  for (;;)
    {
      if (p >= reader->end)
        return RH_CSV_UNCLOSED_QUOTE;
      if (*p == '"' && p + 1 < reader->end && p[1] == '"')
        {
          g_string_append_c (field, '"');
          p += 2;
        }
      else if (*p == '"')
        break;
      else if (is_line_end (*p))
        {
          g_string_append_c (field, '\n');
          p = skip_line_end (reader, p);
        }
      else
        g_string_append_c (field, *p++);
    }
  /* Spaces a spreadsheet put after the closing quote are no text. */
  for (p++; p < reader->end && *p == ' ' && reader->separator != ' '; p++)
    ;
  reader->p = p;
  if (p < reader->end && *p != reader->separator && !is_line_end (*p))
    {
      *quote_line = reader->line;
      return RH_CSV_TEXT_AFTER_QUOTE;
    }
  return RH_CSV_RECORD;
}

RhCsvStatus
rh_csv_reader_next (RhCsvReader *reader,
                    GPtrArray   *fields,
                    guint       *line)
{
  g_autoptr(GString) field = g_string_new (NULL);

  g_return_val_if_fail (reader != NULL, RH_CSV_END);
  g_return_val_if_fail (fields != NULL, RH_CSV_END);

  g_ptr_array_set_size (fields, 0);
  *line = reader->line;
  if (reader->p >= reader->end)
    return RH_CSV_END;
  for (;;)
    {
      const char *p = reader->p;

      if (p < reader->end && *p == '"')
        {
          guint quote_line;
          RhCsvStatus status = read_quoted (reader, field, &quote_line);

          if (status != RH_CSV_RECORD)
            {
              *line = quote_line;
              return status;
            }
          p = reader->p;
        }
      else
        {
          const char *start = p;

          while (p < reader->end && *p != reader->separator && !is_line_end (*p))
            p++;
          g_string_append_len (field, start, p - start);
        }
      g_ptr_array_add (fields, g_strndup (field->str, field->len));
      g_string_truncate (field, 0);
      if (p >= reader->end || is_line_end (*p))
        {
          reader->p = p < reader->end ? skip_line_end (reader, p) : p;
          return RH_CSV_RECORD;
        }
      reader->p = p + 1;
    }
}
