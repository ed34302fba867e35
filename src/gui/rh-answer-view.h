/* rh-answer-view.h
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rh-card.h"

G_BEGIN_DECLS

#define RH_TYPE_ANSWER_VIEW (rh_answer_view_get_type ())

G_DECLARE_FINAL_TYPE (RhAnswerView, rh_answer_view, RH, ANSWER_VIEW, GtkWidget)

GtkWidget *rh_answer_view_new             (void);
void       rh_answer_view_set_card        (RhAnswerView *self,
                                           RhCard       *card);
void       rh_answer_view_set_dark        (RhAnswerView *self,
                                           gboolean      dark);
char      *rh_text_to_markup              (const RhText *text);
GtkWidget *rh_text_label_new              (const RhText *text);
void       rh_card_show_headline          (RhCard          *card,
                                           GtkLabel        *title,
                                           GtkLabel        *question);
GtkWidget *rh_text_check_row_new          (const RhText    *text,
                                           GtkCheckButton **check);
GtkWidget *rh_text_list_new               (RhText * const *items,
                                           guint           n_items,
                                           gboolean        numbered);

G_END_DECLS
