/* rh-xml-arena.h: the memory of a deck's XML tree, in a few large blocks
 *
 * Copyright 2026 The Rehearse developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For rh-deck-parser.c only: see rh-xml-arena.c for the rules.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _RhXmlArena RhXmlArena;

void        rh_xml_arena_init       (void);
RhXmlArena *rh_xml_arena_begin      (void);
void        rh_xml_arena_set_active (RhXmlArena *arena,
                                     gboolean    active);
void        rh_xml_arena_end        (RhXmlArena *arena);

G_END_DECLS
