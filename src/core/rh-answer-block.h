/* rh-answer-block.h: one block of a model answer, renderer-neutral
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rh-text.h"

G_BEGIN_DECLS

typedef enum {
  RH_BLOCK_PARAGRAPH,
  RH_BLOCK_BULLET_LIST,
  RH_BLOCK_NUMBERED_LIST,
  RH_BLOCK_CODE,
  RH_BLOCK_OUTPUT,       /* what the code block before it prints */
} RhBlockKind;

#define RH_TYPE_ANSWER_BLOCK (rh_answer_block_get_type ())

typedef struct _RhAnswerBlock RhAnswerBlock;

GType          rh_answer_block_get_type      (void) G_GNUC_CONST;
RhAnswerBlock *rh_answer_block_new_paragraph (RhText        *text);
RhAnswerBlock *rh_answer_block_new_list      (gboolean       numbered,
                                              GPtrArray     *items);
RhAnswerBlock *rh_answer_block_new_code      (RhBlockKind    kind,
                                              const char    *language,
                                              const char    *raw,
                                              gboolean       runnable);
RhAnswerBlock *rh_answer_block_ref           (RhAnswerBlock *self);
void           rh_answer_block_unref         (RhAnswerBlock *self);

RhBlockKind    rh_answer_block_get_kind      (const RhAnswerBlock *self);
RhText        *rh_answer_block_get_text      (const RhAnswerBlock *self);
guint          rh_answer_block_get_n_items   (const RhAnswerBlock *self);
RhText        *rh_answer_block_get_item      (const RhAnswerBlock *self,
                                              guint                index);
const char    *rh_answer_block_get_language  (const RhAnswerBlock *self);
const char    *rh_answer_block_get_code      (const RhAnswerBlock *self);
gboolean       rh_answer_block_get_runnable  (const RhAnswerBlock *self);
void           rh_answer_block_set_python_range (RhAnswerBlock    *self,
                                                 const char       *min_python,
                                                 const char       *max_python);
const char    *rh_answer_block_get_min_python (const RhAnswerBlock *self);
const char    *rh_answer_block_get_max_python (const RhAnswerBlock *self);
void           rh_answer_block_append_plain  (const RhAnswerBlock *self,
                                              GString             *out);

char          *rh_dedent                     (const char          *raw);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RhAnswerBlock, rh_answer_block_unref)

G_END_DECLS
