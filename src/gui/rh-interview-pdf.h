/* rh-interview-pdf.h
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean rh_interview_pdf_save (const GArray  *blocks,
                                GtkWindow     *parent,
                                const char    *path,
                                GError       **error);

G_END_DECLS
