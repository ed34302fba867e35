/* rh-csv.h: records of comma-, semicolon- or tab-separated text (RFC 4180)
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  RH_CSV_RECORD,            /* a record was read */
  RH_CSV_END,               /* no more records */
  RH_CSV_UNCLOSED_QUOTE,    /* a quoted field runs to the end of the text */
  RH_CSV_TEXT_AFTER_QUOTE,  /* a closing quote followed by more than the separator */
} RhCsvStatus;

typedef struct {
  const char *p;
  const char *end;
  char separator;
  guint line;               /* the line @p is on, from 1 */
} RhCsvReader;

void        rh_csv_reader_init (RhCsvReader *reader,
                                const char  *text,
                                gsize        len,
                                char         separator,
                                guint        first_line);
/* The next record's fields, as strings in @fields (emptied first), and
 * the line it starts on.  A quoted field may hold separators, line breaks
 * (given as LF) and doubled quotes; the line of an error is the line of
 * the quote it is about. */
RhCsvStatus rh_csv_reader_next (RhCsvReader *reader,
                                GPtrArray   *fields,
                                guint       *line);

G_END_DECLS
