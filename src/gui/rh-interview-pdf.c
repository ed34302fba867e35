/* rh-interview-pdf.c: a mock interview's report as PDF
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GtkPrintOperation's export to a file: no print dialog, the default page
 * size of the locale.  The report's blocks (rh-interview-report.c, the
 * same the Markdown is written from) are laid out with Pango line by line,
 * so that a page breaks between two lines, never through one.  The file
 * is written beside its name and renamed into place: a failure leaves
 * what was there.
 */
#define G_LOG_DOMAIN "rehearse-interview-pdf"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rh-interview-pdf.h"
#include "rh-interview-report.h"

static const struct {
  const char *font;
  double      indent;          /* points */
  double      space_before;    /* points */
} styles[] = {
  [RH_REPORT_TITLE]      = { "Cantarell, Sans Bold 17", 0, 0 },
  [RH_REPORT_HEADING]    = { "Cantarell, Sans Bold 13", 0, 16 },
  [RH_REPORT_SUBHEADING] = { "Cantarell, Sans Bold 11", 0, 12 },
  [RH_REPORT_PARAGRAPH]  = { "Cantarell, Sans 10", 0, 8 },
  [RH_REPORT_QUOTE]      = { "Cantarell, Sans Italic 10", 12, 4 },
  [RH_REPORT_ITEM]       = { "Cantarell, Sans 10", 12, 3 },
};

/* One line of a block, where it goes on its page. */
typedef struct {
  PangoLayoutLine *line;
  double x;
  double baseline;
} Placed;

typedef struct {
  const GArray *blocks;
  GPtrArray *layouts;    /* of PangoLayout, one a block: they own the lines */
  GPtrArray *pages;      /* of GArray of Placed */
} Job;

static PangoLayout *
block_layout (GtkPrintContext     *context,
              const RhReportBlock *block,
              double               width)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  PangoFontDescription *font = pango_font_description_from_string (styles[block->kind].font);
  g_autofree char *text = block->kind == RH_REPORT_ITEM ? g_strconcat ("•  ", block->text, NULL)
                                                        : g_strdup (block->text);

  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int)((width - styles[block->kind].indent) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Lays every block out and sorts its lines into pages. */
static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                Job               *job)
{
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  GArray *page = g_array_new (FALSE, FALSE, sizeof (Placed));
  double y = 0;

  g_ptr_array_add (job->pages, page);
  for (guint b = 0; b < job->blocks->len; b++)
    {
      const RhReportBlock *block = &g_array_index (job->blocks, RhReportBlock, b);
      PangoLayout *layout = block_layout (context, block, width);

      g_ptr_array_add (job->layouts, layout);
      y += y > 0 ? styles[block->kind].space_before : 0;
      for (int i = 0; i < pango_layout_get_line_count (layout); i++)
        {
          PangoLayoutLine *line = pango_layout_get_line_readonly (layout, i);
          PangoRectangle logical;
          Placed placed;

          pango_layout_line_get_extents (line, NULL, &logical);
          if (y > 0 && y + (double)logical.height / PANGO_SCALE > height)
            {
              page = g_array_new (FALSE, FALSE, sizeof (Placed));
              g_ptr_array_add (job->pages, page);
              y = 0;
            }
          placed = (Placed) { line, styles[block->kind].indent, y - (double)logical.y / PANGO_SCALE };
          g_array_append_val (page, placed);
          y += (double)logical.height / PANGO_SCALE;
        }
    }
  gtk_print_operation_set_n_pages (operation, (int)job->pages->len);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              Job               *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  GArray *page = g_ptr_array_index (job->pages, page_nr);

  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = 0; i < page->len; i++)
    {
      const Placed *placed = &g_array_index (page, Placed, i);

      cairo_move_to (cr, placed->x, placed->baseline);
      pango_cairo_show_layout_line (cr, placed->line);
    }
}

static gboolean
export (const GArray  *blocks,
        GtkWindow     *parent,
        const char    *path,
        GError       **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  Job job = { blocks, g_ptr_array_new_with_free_func (g_object_unref),
              g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref) };
  GtkPrintOperationResult result;

  gtk_print_operation_set_export_filename (operation, path);
  gtk_print_operation_set_job_name (operation, _("Mock Interview"));
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), &job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), &job);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, parent, error);
  g_ptr_array_unref (job.pages);
  g_ptr_array_unref (job.layouts);
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}

/* Writes the report (rh_interview_report_to_blocks()) as PDF to @path. */
gboolean
rh_interview_pdf_save (const GArray  *blocks,
                       GtkWindow     *parent,
                       const char    *path,
                       GError       **error)
{
  g_autofree char *part = NULL;
  g_autoptr(GError) local_error = NULL;
  int fd;

  g_return_val_if_fail (blocks != NULL && path != NULL, FALSE);

  /* A name beside @path, made now: a folder that cannot be written is
   * found here, with its name, before the print operation tries. */
  part = g_strconcat (path, ".XXXXXX", NULL);
  fd = g_mkstemp_full (part, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    g_set_error_literal (&local_error, G_FILE_ERROR, g_file_error_from_errno (errno), g_strerror (errno));
  else
    close (fd);
  if (local_error == NULL && export (blocks, parent, part, &local_error) && g_rename (part, path) != 0)
    g_set_error_literal (&local_error, G_FILE_ERROR, g_file_error_from_errno (errno), g_strerror (errno));
  if (local_error == NULL)
    return TRUE;
  if (fd >= 0)
    g_unlink (part);
  g_set_error (error, RH_INTERVIEW_REPORT_ERROR, RH_INTERVIEW_REPORT_ERROR_WRITE,
               _("The report could not be saved as “%s”: %s. Choose another folder or free some space."),
               path, local_error->message);
  return FALSE;
}
