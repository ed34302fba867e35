/* rh-wal-check.c: would SQLite silently ignore committed changes in a WAL?
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SQLite reads a write-ahead log frame by frame and stops at the first
 * frame whose checksum fails: everything after it is ignored without a
 * word, and the next write starts the log afresh over it.  A damaged byte
 * in the log of a store that was not closed cleanly would so lose every
 * grade since the last checkpoint.  This reads the log as SQLite would
 * (https://www.sqlite.org/fileformat2.html#walformat) before SQLite does,
 * and counts the committed transactions that sit at or after the first bad
 * frame of the current generation.  Frames of an older generation (another
 * salt) are what a restarted log leaves behind and are not lost.  A torn
 * last frame of a transaction that never committed cannot be told from a
 * damaged commit, so it counts: the message says such changes "may" be
 * missing.
 */
#define G_LOG_DOMAIN "rehearse-wal-check"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rh-wal-check.h"

#define WAL_HEADER_SIZE 32
#define FRAME_HEADER_SIZE 24
#define WAL_MAGIC 0x377f0682u
#define WAL_VERSION 3007000u

static guint32
get_be32 (const guchar *p)
{
  return ((guint32)p[0] << 24) | ((guint32)p[1] << 16) | ((guint32)p[2] << 8) | (guint32)p[3];
}

static guint32
get_le32 (const guchar *p)
{
  return ((guint32)p[3] << 24) | ((guint32)p[2] << 16) | ((guint32)p[1] << 8) | (guint32)p[0];
}

/* SQLite's WAL checksum over @len bytes (a multiple of 8), continuing
 * from s[0], s[1]; the words are big- or little-endian as the magic says. */
static void
wal_checksum (gboolean      big_endian,
              const guchar *data,
              gsize         len,
              guint32       s[2])
{
  for (gsize i = 0; i + 8 <= len; i += 8)
    {
      guint32 x0 = big_endian ? get_be32 (data + i) : get_le32 (data + i);
      guint32 x1 = big_endian ? get_be32 (data + i + 4) : get_le32 (data + i + 4);

      s[0] += x0 + s[1];
      s[1] += x1 + s[0];
    }
}

typedef struct {
  gboolean big_endian;
  guint32  page_size;
  guint32  salt[2];
  guint32  sum[2];
} WalHeader;

/* FALSE when the header is not one SQLite would accept. */
static gboolean
read_header (const guchar *bytes,
             WalHeader    *header)
{
  guint32 magic = get_be32 (bytes);
  guint32 sum[2] = { 0, 0 };

  if ((magic & 0xFFFFFFFEu) != WAL_MAGIC || get_be32 (bytes + 4) != WAL_VERSION)
    return FALSE;
  header->big_endian = (magic & 1) != 0;
  header->page_size = get_be32 (bytes + 8);
  if (header->page_size < 512 || header->page_size > 65536 ||
      (header->page_size & (header->page_size - 1)) != 0)
    return FALSE;
  header->salt[0] = get_be32 (bytes + 16);
  header->salt[1] = get_be32 (bytes + 20);
  wal_checksum (header->big_endian, bytes, 24, sum);
  header->sum[0] = sum[0];
  header->sum[1] = sum[1];
  return sum[0] == get_be32 (bytes + 24) && sum[1] == get_be32 (bytes + 28);
}

/* Reads the frames after a valid header: counts the good ones, and the
 * commits of this generation that SQLite will not read.
 *
 * A crash can leave the last transaction's frames half written (a frame's
 * header, not yet its page), and that cannot be told from damage to the
 * last transaction: a start after a crash must not be refused for a change
 * that never returned, so when the only commit at or after the first bad
 * frame is the last one, nothing is counted.  Damage before it is certain,
 * and so is a frame whose checksum chain holds but whose salt was damaged
 * (SQLite takes it for an older frame; a crash cannot make one). */
static void
scan_frames (FILE         *file,
             WalHeader    *header,
             RhWalReport  *report)
{
  gsize frame_size = FRAME_HEADER_SIZE + header->page_size;
  g_autofree guchar *frame = g_malloc (frame_size);
  gboolean bad = FALSE;
  gboolean certain = FALSE;

  while (fread (frame, 1, frame_size, file) == frame_size)
    {
      guint32 sum[2] = { header->sum[0], header->sum[1] };
      gboolean ours = get_be32 (frame + 8) == header->salt[0] && get_be32 (frame + 12) == header->salt[1];
      gboolean chained = FALSE;

      if (!bad)
        {
          wal_checksum (header->big_endian, frame, 8, sum);
          wal_checksum (header->big_endian, frame + FRAME_HEADER_SIZE, header->page_size, sum);
          chained = sum[0] == get_be32 (frame + 16) && sum[1] == get_be32 (frame + 20);
          if (ours && chained)
            {
              header->sum[0] = sum[0];
              header->sum[1] = sum[1];
              report->n_frames++;
              continue;
            }
          bad = TRUE;
          /* The chain holds, the salt does not: ours, its salt damaged. */
          certain = !ours && chained;
          ours = ours || certain;
        }
      /* At or after the first bad frame, and of this generation: SQLite
       * reads none of these.  Another salt: an older generation's. */
      if (!ours)
        continue;
      report->n_lost_frames++;
      report->n_lost_commits += get_be32 (frame + 4) != 0;
    }
  if (certain && report->n_lost_commits == 0)
    report->n_lost_commits = 1;
  /* Only the last transaction: maybe torn by a crash, not counted. */
  if (!certain && report->n_lost_commits <= 1)
    report->n_lost_commits = 0;
}

/* The page size of the database beside the log (2 bytes at 16; 1 means
 * 65536), or 0. */
static guint32
database_page_size (const char *wal_path)
{
  g_autofree char *db_path = g_strndup (wal_path, strlen (wal_path) - strlen ("-wal"));
  guchar bytes[18];
  guint32 size;
  FILE *db = g_str_has_suffix (wal_path, "-wal") ? g_fopen (db_path, "rb") : NULL;
  gboolean ok;

  if (db == NULL)
    return 0;
  ok = fread (bytes, 1, sizeof bytes, db) == sizeof bytes;
  fclose (db);
  if (!ok)
    return 0;
  size = ((guint32)bytes[16] << 8) | bytes[17];
  return size == 1 ? 65536 : size;
}

/* SQLite ignores a log whose header is damaged: all its frames are lost.
 * Their size went with the header; the database says what it is, and the
 * frames of the first frame's generation that end a transaction are the
 * commits. */
static void
count_without_header (FILE        *file,
                      const char  *wal_path,
                      gint64       size,
                      RhWalReport *report)
{
  guint32 page_size = database_page_size (wal_path);
  g_autofree guchar *frame = NULL;
  guint32 salt[2] = { 0, 0 };

  report->damaged_header = size > WAL_HEADER_SIZE + FRAME_HEADER_SIZE;
  if (!report->damaged_header)
    return;
  if (page_size < 512 || page_size > 65536 || (page_size & (page_size - 1)) != 0)
    {
      report->n_lost_frames = 1;
      report->n_lost_commits = 1;
      return;
    }
  frame = g_malloc (FRAME_HEADER_SIZE + page_size);
  for (guint i = 0; fread (frame, 1, FRAME_HEADER_SIZE + page_size, file) == FRAME_HEADER_SIZE + page_size; i++)
    {
      if (i == 0)
        {
          salt[0] = get_be32 (frame + 8);
          salt[1] = get_be32 (frame + 12);
        }
      if (get_be32 (frame + 8) != salt[0] || get_be32 (frame + 12) != salt[1])
        continue;
      report->n_lost_frames++;
      report->n_lost_commits += get_be32 (frame + 4) != 0;
    }
  report->n_lost_commits = MAX (report->n_lost_commits, 1);
  report->n_lost_frames = MAX (report->n_lost_frames, 1);
}

/* Reads the write-ahead log at @wal_path.  A missing or empty log is a
 * clean one.  FALSE (with an error naming the file) only when it cannot be
 * read at all. */
gboolean
rh_wal_check (const char   *wal_path,
              RhWalReport  *report,
              GError      **error)
{
  FILE *file;
  guchar bytes[WAL_HEADER_SIZE];
  WalHeader header;
  GStatBuf st;
  int fd;

  g_return_val_if_fail (wal_path != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  memset (report, 0, sizeof *report);
  if (g_lstat (wal_path, &st) != 0)
    return TRUE;
  /* Not blocking on a pipe, not following a link: a log is a plain file. */
  fd = g_open (wal_path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC, 0);
  if (fd >= 0 && (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode)))
    {
      close (fd);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("“%s” is not a regular file; SQLite keeps its log of recent changes there. "
                   "Nothing was changed; move it away."), wal_path);
      return FALSE;
    }
  file = fd >= 0 ? fdopen (fd, "rb") : NULL;
  if (file == NULL)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Rehearse cannot read “%s”: %s."), wal_path, g_strerror (saved));
      return FALSE;
    }
  /* No whole header: SQLite treats the log as empty, and nothing is in it. */
  if (fread (bytes, 1, sizeof bytes, file) == sizeof bytes)
    {
      if (read_header (bytes, &header))
        scan_frames (file, &header, report);
      else
        count_without_header (file, wal_path, st.st_size, report);
    }
  fclose (file);
  return TRUE;
}
