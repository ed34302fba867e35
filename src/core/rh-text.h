/* rh-text.h: a run of inline text with code and emphasis spans
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  RH_SPAN_PLAIN,
  RH_SPAN_CODE,
  RH_SPAN_EMPHASIS,
} RhSpanStyle;

#define RH_TYPE_TEXT (rh_text_get_type ())

typedef struct _RhText RhText;

GType        rh_text_get_type    (void) G_GNUC_CONST;
RhText      *rh_text_new_plain   (const char  *plain);
RhText      *rh_text_ref         (RhText      *self);
void         rh_text_unref       (RhText      *self);
guint        rh_text_get_n_spans (const RhText *self);
const char  *rh_text_get_span    (const RhText *self,
                                  guint         index,
                                  RhSpanStyle  *style);
const char  *rh_text_get_plain   (const RhText *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RhText, rh_text_unref)

/* Built by the deck parser: spans are appended, then the text is sealed
 * (white space and line breaks at both ends trimmed) and never changes
 * again.  rh_text_builder_end() returns the sealed text in place of the
 * builder, which it frees; rh_text_builder_end_plain() only its plain text. */
RhText      *rh_text_builder_new    (void);
void         rh_text_builder_append (RhText      *self,
                                     RhSpanStyle  style,
                                     const char  *raw);
void         rh_text_builder_append_break (RhText *self);
RhText      *rh_text_builder_end    (RhText      *self);
char        *rh_text_builder_end_plain (RhText   *self);

G_END_DECLS
